using PyDockerLsp.Core.Analysis.Rules.Manifests;
using PyDockerLsp.Core.Python;
using PyDockerLsp.Core.Syntax.Dockerfile;
using PyDockerLsp.Core.Text;

namespace PyDockerLsp.Core.Analysis.Rules.Installs;

/// <summary>PD205 unfrozen-install: the project has a lock file but the install does not enforce it.</summary>
public sealed class UnfrozenInstallRule : IRule
{
    public RuleDescriptor Descriptor { get; } = new(
        "PD205", "unfrozen-install", RuleCategory.Reproducibility, Severity.Warning,
        new RuleDocumentation
        {
            WhatItDoes =
                "Reports installs that may ignore the project's lock file: `uv sync` without `--locked` or `--frozen`, "
                + "`pipenv install` without `--deploy`, and `uv sync`/`poetry install`/`pipenv install` run before the lock file "
                + "(uv.lock, poetry.lock, Pipfile.lock) was copied into the image.",
            WhyItMatters =
                "A lock file records the exact versions your tests ran with. Plain `uv sync` re-resolves when pyproject.toml and "
                + "uv.lock disagree, `pipenv install` re-locks a stale Pipfile.lock, and without the lock in the image uv and "
                + "Poetry resolve from scratch: the image then gets whatever versions are newest on the day it is built. With "
                + "`--locked`/`--deploy` the build installs exactly the lock or stops with an error that says the lock is stale.",
            Example = "COPY pyproject.toml uv.lock ./\nRUN uv sync --no-dev",
            UseInstead = "COPY pyproject.toml uv.lock ./\nRUN uv sync --locked --no-dev",
            FixHint = "Install exactly what the lock file says.",
            FixSafety =
                "Adding `--locked` to `uv sync` and `--deploy` to `pipenv install` is safe: with a current lock the same packages "
                + "are installed, and with a stale one the build stops instead of silently resolving again. Adding `--frozen` "
                + "(install the lock without checking it against pyproject.toml) and copying the lock file next to pyproject.toml "
                + "are unsafe: they change which versions the image gets when the lock and the manifest disagree.",
        })
    {
        NeedsManifests = true,
    };

    public void Check(RuleContext context)
    {
        var project = context.Model.Python;
        if (project is null) return;
        var facts = DockerfileFacts.For(context.Model);
        foreach (var install in facts.Installs)
        {
            if (install.Stage is null) continue;
            switch (install.Tool)
            {
                case InstallTool.UvSync when project.UvLockPath is not null:
                    CheckUv(context, facts, install);
                    break;
                case InstallTool.PoetryInstall when project.PoetryLockPath is not null:
                    CheckLockCopied(context, facts, install, "poetry.lock");
                    break;
                case InstallTool.PipenvInstall when project.PipfileLockPath is not null && install.Verb.Value == "install":
                    CheckPipenv(context, facts, install);
                    break;
            }
        }
    }

    private static void CheckUv(RuleContext context, DockerfileFacts facts, ProjectInstall install)
    {
        if (!ReadsContextManifest(facts, install, "pyproject.toml")) return;
        if (CheckLockCopied(context, facts, install, "uv.lock")) return;
        if (install.HasFlag("--locked") || install.HasFlag("--frozen")) return;
        if (facts.IsEnvironmentFlagSet(install, "UV_LOCKED") || facts.IsEnvironmentFlagSet(install, "UV_FROZEN")) return;
        context.Report(install.Verb.Span,
            "uv sync re-resolves when uv.lock is out of date, so the image may not get the locked versions; add --locked (or --frozen).",
            context.PreferredDockerfileFix("Add --locked to uv sync", FixSafety.Safe, WordEdits.InsertAfter(install.Verb, "--locked")),
            context.DockerfileFix("Add --frozen to uv sync", FixSafety.Unsafe, WordEdits.InsertAfter(install.Verb, "--frozen")));
    }

    private static void CheckPipenv(RuleContext context, DockerfileFacts facts, ProjectInstall install)
    {
        // "pipenv install requests" adds a package; only the bare install reproduces the lock.
        if (install.Arguments.Any(w => !w.Value.StartsWith('-'))) return;
        if (!ReadsContextManifest(facts, install, "Pipfile")) return;
        if (CheckLockCopied(context, facts, install, "Pipfile.lock")) return;
        if (install.HasFlag("--deploy") || install.HasFlag("--ignore-pipfile")) return;
        context.Report(install.Verb.Span,
            "pipenv install re-locks when Pipfile.lock is out of date instead of installing it; add --deploy to install the lock or fail.",
            context.PreferredDockerfileFix("Add --deploy to pipenv install", FixSafety.Safe, WordEdits.InsertAfter(install.Verb, "--deploy")));
    }

    /// <summary>True when the install runs where the context's own manifest was copied (or mounted): only then is
    /// the context's lock file the one that applies.</summary>
    private static bool ReadsContextManifest(DockerfileFacts facts, ProjectInstall install, string manifestName) =>
        facts.ProjectFileAt(install, manifestName) is { } origin && origin.RelativePath == manifestName;

    /// <summary>Reports (and returns true) when the lock is not in the image where the install runs.</summary>
    private static bool CheckLockCopied(RuleContext context, DockerfileFacts facts, ProjectInstall install, string lockName)
    {
        if (facts.ProjectFileAt(install, lockName) is { } lockOrigin && context.Model.IsInBuildContext(lockOrigin.RelativePath)) return false;
        // Only when the install reads the context's own manifest: then the lock beside it is known to be left behind.
        var manifestName = lockName == "Pipfile.lock" ? "Pipfile" : "pyproject.toml";
        if (facts.ProjectFileAt(install, manifestName) is not { } manifest || manifest.RelativePath != manifestName) return false;
        var tool = install.Program.Name + " " + install.Verb.Value;
        var fixes = new List<Fix>();
        if (AddToCopy(context, manifest, lockName) is { } edit)
            fixes.Add(context.PreferredDockerfileFix($"Copy {lockName} with {PathUtilName(manifest.RelativePath)}", FixSafety.Unsafe, edit));
        var lockPath = context.Model.ContextPath(lockName);
        var related = context.Model.FileSystem.ReadAllText(lockPath) is { } lockText
            ? new[] { RuleContext.Related(lockPath, SourceTextCache.Get(lockPath, lockText), new TextSpan(0, 0), $"{lockName} is in the build context") }
            : Array.Empty<RelatedLocation>();
        context.Report(install.Verb.Span,
            $"{lockName} is not copied into the image before {tool}, so the dependencies are resolved again instead of installed from the lock.",
            fixes, related);
        return true;
    }

    private static string PathUtilName(string relative) => IO.PathUtil.GetFileName(relative);

    /// <summary>Adds the lock as another source of the COPY that brought the manifest, when that COPY names the
    /// manifest explicitly and copies into a folder.</summary>
    private static TextEdit? AddToCopy(RuleContext context, ContextFile manifest, string lockName)
    {
        if (manifest.Via is not CopyInstruction copy || copy.From is not null || copy.IsExecForm) return null;
        var source = copy.SourcePaths.FirstOrDefault(s => s.Span == manifest.SourceSpan);
        if (source is null || copy.Destination is not { } destination) return null;
        var destinationValue = destination.Value;
        bool intoFolder = destinationValue.EndsWith('/') || destinationValue is "." || copy.SourcePaths.Count > 1;
        if (!intoFolder) return null;
        var folder = IO.PathUtil.GetDirectory(manifest.RelativePath);
        var lockSource = folder.Length == 0 ? lockName : folder + "/" + lockName;
        if (!context.Model.FileSystem.FileExists(context.Model.ContextPath(lockSource))) return null;
        return TextEdit.Insert(source.Span.End, " " + lockSource);
    }
}
