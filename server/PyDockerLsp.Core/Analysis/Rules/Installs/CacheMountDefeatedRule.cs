using System.Globalization;
using PyDockerLsp.Core.Syntax.Dockerfile;
using PyDockerLsp.Core.Text;

namespace PyDockerLsp.Core.Analysis.Rules.Installs;

/// <summary>PD202 cache-mount-defeated: a cache mount that the installer never uses.</summary>
public sealed class CacheMountDefeatedRule : IRule
{
    public RuleDescriptor Descriptor { get; } = new(
        "PD202", "cache-mount-defeated", RuleCategory.BuildSpeed, Severity.Information,
        new RuleDocumentation
        {
            WhatItDoes =
                "Reports a RUN whose BuildKit cache mount does nothing for the installer that runs in it: the cache is switched "
                + "off anyway (`--no-cache-dir`, `PIP_NO_CACHE_DIR`, `UV_NO_CACHE`, `--no-cache`), deleted in the same RUN, the "
                + "mount is not on the directory that tool and user cache into (pip's mount over a `uv` command, "
                + "`/root/.cache/pip` while `USER app` runs pip), the user cannot write to it, or uv links the environment "
                + "into it (`UV_LINK_MODE=symlink`).",
            WhyItMatters =
                "A cache mount only speeds up rebuilds when the installer reads and writes the mounted folder. With the cache "
                + "switched off, pip and uv download everything again on every build although the Dockerfile looks optimised; "
                + "with the mount on another folder, the tool's real cache is written into the image layer. A non-root user "
                + "cannot write to a mount owned by root, so pip turns its cache off with a warning. And with "
                + "`UV_LINK_MODE=symlink` the virtual environment would consist of links into the mount, which is not part of "
                + "the image, so the packages are missing at run time.",
            Example = """
                FROM python:3.12-slim
                RUN --mount=type=cache,target=/root/.cache/pip \
                    pip install --no-cache-dir -r requirements.txt
                """,
            UseInstead = """
                FROM python:3.12-slim
                RUN --mount=type=cache,target=/root/.cache/pip \
                    pip install -r requirements.txt
                """,
            FixHint = "Let the installer use the mounted cache: drop the switch, or mount the right directory.",
            FixSafety =
                "Removing `--no-cache-dir`/`--no-cache` or a `PIP_NO_CACHE_DIR=…` before the command is safe: the same packages "
                + "are installed, now through the mounted cache, which never enters the image. Adding `uid=` (and `gid=`) to the "
                + "mount of a non-root user is safe. Moving the mount to the tool's directory is unsafe: it changes which cache "
                + "the build shares with other Dockerfiles (a mount's identity is its target unless `id=` is set), so check that "
                + "nothing else relies on the old target. Replacing `symlink` by `copy` as uv's link mode is safe. A cache "
                + "switched off by ENV (possibly in a base stage) or deleted by a later command has no automatic fix: decide "
                + "whether the mount or the switch should go.",
            DifferencesFromAnchors = "No hadolint or BuildKit check looks at cache mounts this way.",
        });

    public void Check(RuleContext context)
    {
        var uses = InstallCacheAnalysis.For(context.Model);
        var reportedMounts = new HashSet<RunMount>();
        var reportedEnv = new HashSet<(RunInstruction, PythonInstaller)>();
        foreach (var use in uses)
        {
            switch (use.Handling)
            {
                case CacheHandling.Defeated:
                    ReportDefeated(context, use, reportedEnv);
                    break;
                case CacheHandling.Misplaced when reportedMounts.Add(use.Mount!):
                    ReportMisplaced(context, use);
                    break;
            }
            if (use.Handling is CacheHandling.Mounted or CacheHandling.Defeated && !use.User.IsRoot && reportedMounts.Add(use.Mount!))
                ReportNotWritable(context, use);
            if (use.SymlinkLinkMode is { } symlink && use.Handling is CacheHandling.Mounted or CacheHandling.Defeated)
                ReportSymlink(context, use, symlink);
        }
    }

    private static void ReportDefeated(RuleContext context, InstallCacheUse use, HashSet<(RunInstruction, PythonInstaller)> reportedEnv)
    {
        var disabler = use.Disabler!;
        var install = use.Install;
        string mounted = use.Mount?.Target ?? use.CacheDirectory ?? "";
        switch (disabler.Kind)
        {
            case CacheDisablerKind.Flag:
            case CacheDisablerKind.CommandAssignment:
            case CacheDisablerKind.Export:
            {
                var fixes = new List<Fix>(1);
                if (disabler.Kind != CacheDisablerKind.Export && disabler.Word is { } word
                    && (disabler.Kind == CacheDisablerKind.CommandAssignment || InstallCacheAnalysis.IsDisablingFlag(use.Installer, word.Value))
                    && RunInstructionEdits.RemoveWord(install.Command, word, context.Source.Text, context.Syntax.EscapeChar, use.Run.IsExecForm) is { } removal)
                    fixes.Add(context.PreferredDockerfileFix($"Remove {word.Value}", FixSafety.Safe, removal));
                context.Report(disabler.Span,
                    $"`{disabler.Text}` switches {install.ProgramName}'s cache off, so the cache mount on {mounted} is never used.",
                    fixes.ToArray());
                break;
            }
            case CacheDisablerKind.Removal:
                context.Report(disabler.Word?.Span ?? disabler.Span,
                    $"`{disabler.Text}` empties the cache mount on {mounted} in every build, so {install.ProgramName} never finds a cached package.");
                break;
            case CacheDisablerKind.Env when reportedEnv.Add((use.Run, use.Installer)):
            {
                var pair = disabler.EnvPair;
                var related = pair is null
                    ? null
                    : new[] { RuleContext.Related(context.DockerfilePath, context.Source, pair.Span, $"{pair.Key} is set here.") };
                string value = pair?.GetValue() ?? "";
                bool meantOn = pair?.Key == "PIP_NO_CACHE_DIR" && value.ToLowerInvariant() is "0" or "off" or "false" or "no" or "n" or "f";
                var message = meantOn
                    ? $"PIP_NO_CACHE_DIR={value} still switches pip's cache off (pip treats any value as \"no cache\"), so this cache mount is never used."
                    : $"{pair?.Key ?? "An ENV variable"} switches {install.ProgramName}'s cache off, so this cache mount is never used.";
                var fixes = meantOn && RemoveEnvPairFix(context, pair!) is { } removal ? new[] { removal } : null;
                context.Report(TargetSpan(use.Mount!), message, fixes, related);
                break;
            }
        }
    }

    /// <summary>Deletes an ENV instruction that sets only <paramref name="pair"/> (its whole line).</summary>
    private static Fix? RemoveEnvPairFix(RuleContext context, KeyValueArgument pair)
    {
        if (context.Syntax.FindInstructionAt(pair.Span.Start) is not EnvInstruction { Pairs.Count: 1 } env || env.Lines.Count != 1) return null;
        var text = context.Source.Text;
        int start = RunInstructionEdits.LineStart(env, text);
        int end = env.Lines[0].FullSpan.End;
        return context.PreferredDockerfileFix($"Remove ENV {pair.Key}={pair.Value}", FixSafety.Unsafe, TextEdit.Delete(TextSpan.FromBounds(start, end)));
    }

    private static void ReportMisplaced(RuleContext context, InstallCacheUse use)
    {
        var mount = use.Mount!;
        var install = use.Install;
        string target = mount.Target ?? "";
        var owner = InstallCacheAnalysis.PythonCacheOwner(target);
        string message;
        if (use.CacheDirectory is null)
            message = $"{install.ProgramName} runs as {use.User.Display}, whose cache is not in {target}, so this cache mount is not used.";
        else if (owner is { } meantFor && meantFor != use.Installer)
            message = $"This cache mount is {Name(meantFor)}'s cache, but the RUN runs {install.ProgramName}, which caches in {use.CacheDirectory}.";
        else if (!use.User.IsRoot && !use.CacheDirectoryMoved)
            message = $"{install.ProgramName} runs as {use.User.Display} and caches in {use.CacheDirectory}, not in {target}, so this cache mount is not used.";
        else
            message = $"{install.ProgramName} caches in {use.CacheDirectory}, not in {target}, so this cache mount is not used.";

        var fixes = new List<Fix>(1);
        if (RetargetFix(context, use, mount) is { } fix) fixes.Add(fix);
        context.Report(TargetSpan(mount), message, fixes.ToArray());
    }

    private static Fix? RetargetFix(RuleContext context, InstallCacheUse use, RunMount mount)
    {
        if (use.CacheDirectory is not { } directory || !InstallCacheNotMountedRule.IsPlainMountValue(directory)) return null;
        if (mount.TargetOption is not { } option || !IsWrittenAsIs(context, option.ValueSpan, option.Value)) return null;
        var edits = new List<TextEdit> { new(option.ValueSpan, directory) };
        if (!use.User.IsRoot && mount.Uid is null && mount.Mode is null)
        {
            if (OwnerOptions(use) is not { } owner) return null;
            edits.Add(TextEdit.Insert(mount.Flag.Span.End, owner));
        }
        return context.PreferredDockerfileFix($"Mount the cache on {directory}", FixSafety.Unsafe, edits.ToArray());
    }

    /// <summary>A non-root user's cache mount without <c>uid=</c> or <c>mode=</c> is a folder owned by root that the user cannot write.</summary>
    private static void ReportNotWritable(RuleContext context, InstallCacheUse use)
    {
        var mount = use.Mount!;
        if (mount.Uid is not null || mount.Mode is not null) return;
        var fixes = new List<Fix>(1);
        if (OwnerOptions(use) is { } owner && IsWrittenAsIs(context, mount.Flag.ValueSpan, mount.Flag.Value ?? ""))
            fixes.Add(context.PreferredDockerfileFix($"Give the cache mount to {use.User.Display}", FixSafety.Safe, TextEdit.Insert(mount.Flag.Span.End, owner)));
        context.Report(mount.Flag.Span,
            $"The cache mount belongs to root, so {use.User.Display} cannot write to it and {use.Install.ProgramName} runs without its cache.",
            fixes.ToArray());
    }

    private static void ReportSymlink(RuleContext context, InstallCacheUse use, CacheDisabler symlink)
    {
        var fixes = new List<Fix>(1);
        if (symlink.EnvPair is { } pair && pair.Value == "symlink")
            fixes.Add(context.PreferredDockerfileFix("Use UV_LINK_MODE=copy", FixSafety.Safe, new TextEdit(pair.ValueSpan, "copy")));
        else if (symlink.Word is { } word && word.Text == "--link-mode=symlink")
            fixes.Add(context.PreferredDockerfileFix("Use --link-mode=copy", FixSafety.Safe, new TextEdit(word.Span, "--link-mode=copy")));
        else if (symlink.Word is { } assignment && assignment.Text == "UV_LINK_MODE=symlink")
            fixes.Add(context.PreferredDockerfileFix("Use UV_LINK_MODE=copy", FixSafety.Safe, new TextEdit(assignment.Span, "UV_LINK_MODE=copy")));
        context.Report(symlink.EnvPair?.ValueSpan ?? symlink.Span,
            "With a cache mount, symlink link mode makes the environment point into the cache, which is not part of the image: the packages are missing at run time.",
            fixes.ToArray());
    }

    /// <summary><c>,uid=N[,gid=M]</c> for a non-root user whose uid is known, or null.</summary>
    private static string? OwnerOptions(InstallCacheUse use)
    {
        if (use.User.Uid is not { } uid) return null;
        var options = ",uid=" + uid.ToString(CultureInfo.InvariantCulture);
        if (use.User.Gid is { } gid) options += ",gid=" + gid.ToString(CultureInfo.InvariantCulture);
        return options;
    }

    private static TextSpan TargetSpan(RunMount mount) => mount.TargetOption?.ValueSpan is { Length: > 0 } span ? span : mount.Span;

    private static bool IsWrittenAsIs(RuleContext context, TextSpan span, string? value) =>
        value is not null && span.End <= context.Source.Length && context.Source.Text.AsSpan(span.Start, span.Length).SequenceEqual(value);

    private static string Name(PythonInstaller installer) => installer switch
    {
        PythonInstaller.Pip => "pip",
        PythonInstaller.Uv => "uv",
        PythonInstaller.Poetry => "Poetry",
        _ => "Pipenv",
    };
}
