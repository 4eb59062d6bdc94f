using System.Globalization;
using PyDockerLsp.Core.Syntax.Dockerfile;
using PyDockerLsp.Core.Text;

namespace PyDockerLsp.Core.Analysis.Rules.Installs;

/// <summary>PD201 install-cache-not-mounted: pip/uv/Poetry/Pipenv download packages with no cache mount and the cache on.</summary>
public sealed class InstallCacheNotMountedRule : IRule
{
    public RuleDescriptor Descriptor { get; } = new(
        "PD201", "install-cache-not-mounted", RuleCategory.BuildSpeed, Severity.Warning,
        new RuleDocumentation
        {
            WhatItDoes =
                "Reports a `pip`, `uv`, `poetry` or `pipenv` command that downloads packages in a RUN that has no BuildKit cache "
                + "mount on that tool's cache directory, while the tool's cache is left on. Every stage is checked: builder stages "
                + "are where installs are slow.",
            WhyItMatters =
                "Each time the layer is rebuilt (a changed requirements file, a new base image) the installer downloads every "
                + "package again, and the copy it keeps in its cache (`/root/.cache/pip`, `/root/.cache/uv`, …) is written into the "
                + "image layer, where nothing ever reads it. A cache mount (`RUN --mount=type=cache,target=…`) keeps that "
                + "directory outside the image and between builds, so rebuilds reuse downloaded and built wheels and the layer "
                + "stays small. If you build only once (CI without a persistent builder), switching the cache off "
                + "(`pip install --no-cache-dir`, `uv --no-cache`, `poetry install --no-cache`) at least keeps it out of the image. "
                + "For uv, set `UV_LINK_MODE=copy` as well: the mount is another file system, so uv cannot hard-link from it and "
                + "warns before copying.",
            Example = """
                FROM python:3.12-slim
                WORKDIR /app
                COPY requirements.txt .
                RUN pip install -r requirements.txt
                """,
            UseInstead = """
                FROM python:3.12-slim
                WORKDIR /app
                COPY requirements.txt .
                RUN --mount=type=cache,target=/root/.cache/pip pip install -r requirements.txt
                """,
            FixHint = "Add a cache mount on the installer's cache directory (or switch the cache off).",
            FixSafety =
                "\"Add a cache mount\" is safe: the same packages are installed; only the cache leaves the layer and survives "
                + "between builds. It puts the mount on the directory the tool really uses: `/root/.cache/pip`, `/root/.cache/uv`, "
                + "`/root/.cache/pypoetry` or `/root/.cache/pipenv` for root; `$HOME/.cache/…` of the user a USER instruction "
                + "switched to, with `uid=` so that user can write to it; or the directory set by `PIP_CACHE_DIR`, `UV_CACHE_DIR`, "
                + "`POETRY_CACHE_DIR`, `PIPENV_CACHE_DIR`, `XDG_CACHE_HOME` or `--cache-dir`. It removes `--no-cache-dir` (and the "
                + "other cache switches of the same tool) from that RUN, since they would make the mount useless, and for uv adds "
                + "`ENV UV_LINK_MODE=copy` when the link mode is not set. The mount is written as the first flag: on the same line "
                + "for a one-line RUN, otherwise on a line of its own, continued with the file's escape character and indented "
                + "like the RUN's other lines. It is not offered when the user's home or uid is unknown (a user the Dockerfile "
                + "does not create). The fix does not add a `# syntax=docker/dockerfile:1` line: `RUN --mount` is understood by "
                + "the Dockerfile frontend built into every BuildKit release, and BuildKit is the default builder since Docker "
                + "23.0; the legacy builder rejects `--mount` with or without that line, and the line would make every build "
                + "pull the frontend image from Docker Hub, which fails on offline or mirrored build machines. "
                + "The second fix, \"Disable the cache\", adds `--no-cache-dir` (pip) or `--no-cache` (uv, Poetry); it is safe "
                + "too, and the better choice where builds never reuse a builder's state.",
            DifferencesFromAnchors =
                "hadolint's DL3042 wants `pip install --no-cache-dir`; this rule accepts either a cache mount or a disabled cache, "
                + "and also checks `uv`, `poetry` and `pipenv` (DL3042 ignores pipenv). It follows pip's own reading of "
                + "`PIP_NO_CACHE_DIR`: any value, even `0`, `false`, `no` or `off`, switches the cache off (pip keeps that quirk for "
                + "compatibility), whereas DL3042 treats those values as leaving the cache on. A cache removed later in the same "
                + "RUN (`rm -rf /root/.cache/pip`, `pip cache purge`), a tmpfs mount on the cache and installs with `--no-index` "
                + "(nothing downloaded) are not reported. A cache mount on the wrong directory is reported by PD202 instead.",
        })
    {
        HadolintIds = new[] { "DL3042" },
    };

    public void Check(RuleContext context)
    {
        var uses = InstallCacheAnalysis.For(context.Model);
        var reported = new HashSet<(RunInstruction, PythonInstaller)>();
        // The uses of one RUN are adjacent in the list.
        for (int first = 0, next; first < uses.Length; first = next)
        {
            next = first + 1;
            while (next < uses.Length && ReferenceEquals(uses[next].Run, uses[first].Run)) next++;
            for (int i = first; i < next; i++)
            {
                var use = uses[i];
                if (use.Handling != CacheHandling.Missing || !reported.Add((use.Run, use.Installer))) continue;
                ReportMissing(context, use, new ArraySegment<InstallCacheUse>(uses, first, next - first));
            }
        }
    }

    private static void ReportMissing(RuleContext context, InstallCacheUse use, IReadOnlyList<InstallCacheUse> sameRun)
    {
        var install = use.Install;
        var fixes = new List<Fix>(2);
        if (AddMountFix(context, use, sameRun) is { } mountFix) fixes.Add(mountFix);
        if (DisableCacheFix(context, use) is { } disableFix) fixes.Add(disableFix);
        string where = use.CacheDirectory is null ? $"{install.ProgramName}'s cache" : use.CacheDirectory;
        context.Report(install.ProgramWord.Span,
            $"`{install.ProgramName} {install.Action}` runs without a cache mount on {where}: every rebuild downloads all packages again and the cache is stored in the image layer.",
            fixes.ToArray());
    }

    /// <summary>The <c>--mount=type=cache,…</c> flag for <paramref name="use"/>, or null when its directory or its user's uid is unknown.</summary>
    internal static string? MountFlag(InstallCacheUse use)
    {
        if (use.CacheDirectory is not { } directory || !IsPlainMountValue(directory)) return null;
        var flag = "--mount=type=cache,target=" + directory;
        if (use.User.IsRoot) return flag;
        if (use.User.Uid is not { } uid) return null;
        flag += ",uid=" + uid.ToString(CultureInfo.InvariantCulture);
        if (use.User.Gid is { } gid) flag += ",gid=" + gid.ToString(CultureInfo.InvariantCulture);
        return flag;
    }

    /// <summary>A value that can stand in a mount option without CSV quoting.</summary>
    internal static bool IsPlainMountValue(string value)
    {
        foreach (char c in value)
            if (c is ',' or '"' or '\'' or '$' or '=' || char.IsWhiteSpace(c)) return false;
        return value.Length > 0;
    }

    private static Fix? AddMountFix(RuleContext context, InstallCacheUse use, IReadOnlyList<InstallCacheUse> sameRun)
    {
        if (MountFlag(use) is not { } flag) return null;
        var text = context.Source.Text;
        var escape = context.Syntax.EscapeChar;
        var edits = new List<TextEdit> { RunInstructionEdits.InsertFlag(use.Run, flag, context.Source, escape) };
        // The tool's own cache switches in this RUN would leave the new mount unused.
        foreach (var other in sameRun)
        {
            if (other.Installer != use.Installer || other.Handling != CacheHandling.Disabled) continue;
            if (other.Disabler is not { Word: { } word, Kind: CacheDisablerKind.Flag or CacheDisablerKind.CommandAssignment }) continue;
            if (other.Disabler.Kind == CacheDisablerKind.Flag && !InstallCacheAnalysis.IsDisablingFlag(other.Installer, word.Value)) return null;
            if (RunInstructionEdits.RemoveWord(other.Install.Command, word, text, escape, use.Run.IsExecForm) is not { } removal) return null;
            edits.Add(removal);
        }
        if (use.Installer == PythonInstaller.Uv && !use.UvLinkModeSet)
        {
            Instruction owner = (Instruction?)use.Run.Parent ?? use.Run;
            edits.Add(TextEdit.Insert(RunInstructionEdits.LineStart(owner, text),
                RunInstructionEdits.LineIndent(owner, text) + "ENV UV_LINK_MODE=copy" + context.Source.PreferredNewLine));
        }
        var title = $"Add a cache mount for {use.Install.ProgramName} ({use.CacheDirectory})";
        return context.PreferredDockerfileFix(title, FixSafety.Safe, edits.ToArray());
    }

    private static Fix? DisableCacheFix(RuleContext context, InstallCacheUse use)
    {
        var install = use.Install;
        string? flag = install.Installer switch
        {
            PythonInstaller.Pip => "--no-cache-dir",
            PythonInstaller.Uv or PythonInstaller.Poetry => "--no-cache",
            _ => null,
        };
        if (flag is null) return null;
        var insert = use.Run.IsExecForm ? ", \"" + flag + "\"" : " " + flag;
        return context.DockerfileFix($"Disable {install.ProgramName}'s cache with {flag}", FixSafety.Safe,
            TextEdit.Insert(install.ActionWord.Span.End, insert));
    }
}
