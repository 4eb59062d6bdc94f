using PyDockerLsp.Core.Analysis.Rules.Manifests;
using PyDockerLsp.Core.Text;

namespace PyDockerLsp.Core.Analysis.Rules.Installs;

/// <summary>PD206 lockfile-ignored: the project has a lock file, but the Dockerfile installs without it.</summary>
public sealed class LockfileIgnoredRule : IRule
{
    public RuleDescriptor Descriptor { get; } = new(
        "PD206", "lockfile-ignored", RuleCategory.Reproducibility, Severity.Information,
        new RuleDocumentation
        {
            WhatItDoes =
                "Reports, when the build context has `uv.lock`, `poetry.lock` or `Pipfile.lock`, the installs of the final build that "
                + "bring in the project's dependencies another way (`pip install .`, `pip install -r requirements.txt`, "
                + "`uv pip install -r pyproject.toml`) while no command of the Dockerfile uses the lock (`uv sync`, `uv export`, "
                + "`poetry install`/`export`, `pipenv install`/`sync`/`requirements`). A requirements file exported from the lock "
                + "(its header says `uv export`, `poetry export` or `pipenv requirements`) counts as using it, and a requirements file "
                + "that names none of the project's declared dependencies (a published tool) is not the project's install.",
            WhyItMatters =
                "The lock is what the project's developers and CI install. An image built from the bare manifest resolves the "
                + "dependencies on its own, on build day, and may get versions nobody tested; two builds of the same commit can differ.",
            Example = "# the project has uv.lock\nCOPY . .\nRUN pip install .",
            UseInstead = "COPY --from=ghcr.io/astral-sh/uv:0.8 /uv /bin/uv\nCOPY . .\nRUN uv sync --locked --no-dev",
            FixHint = "Install from the lock file (uv sync, poetry install, pipenv sync) or from a requirements file exported from it.",
        })
    {
        NeedsManifests = true,
    };

    private static readonly string[] ExportMarkers = { "uv export", "poetry export", "pipenv requirements", "pipenv lock -r" };

    public void Check(RuleContext context)
    {
        var project = context.Model.Python;
        if (project is null) return;
        var lockName = project.UvLockPath is not null ? "uv.lock" : project.PoetryLockPath is not null ? "poetry.lock"
            : project.PipfileLockPath is not null ? "Pipfile.lock" : null;
        if (lockName is null) return;
        var facts = DockerfileFacts.For(context.Model);
        if (facts.Installs.Any(UsesLock)) return;

        var declared = project.Dependencies.Concat(project.DevelopmentDependencies)
            .Where(d => !d.Location.Path.EndsWith(".txt", StringComparison.Ordinal) && !d.Location.Path.EndsWith(".in", StringComparison.Ordinal))
            .Select(d => d.NormalizedName).ToHashSet(StringComparer.Ordinal);
        var lockPath = context.Model.ContextPath(lockName);
        var lockText = context.Model.FileSystem.ReadAllText(lockPath);
        var related = lockText is null
            ? Array.Empty<RelatedLocation>()
            : new[] { RuleContext.Related(lockPath, SourceTextCache.Get(lockPath, lockText), new TextSpan(0, 0), $"the project's lock file") };
        foreach (var install in facts.Installs)
        {
            if (!install.Installs || install.Tool is not (InstallTool.Pip or InstallTool.UvPip) || !facts.IsInFinalBuild(install.Stage)) continue;
            foreach (var argument in install.RequirementFiles)
            {
                var origin = facts.ResolveRequirementsFile(install, argument);
                if (origin is null) continue;
                if (!DockerfileFacts.IsProjectManifest(origin.RelativePath))
                {
                    if (context.Model.FileSystem.ReadAllText(context.Model.ContextPath(origin.RelativePath)) is { } text && IsExportOfLock(text)) continue;
                    // A file that installs none of the project's declared dependencies (a published tool, a pinned release
                    // of the project itself) does not stand in for the lock.
                    var file = facts.RequirementFiles.FirstOrDefault(f => ReferenceEquals(f.Argument, argument));
                    if (file is null || !file.Set.InstallRequirements.Any(r => r.NormalizedName is { } n && declared.Contains(n))) continue;
                }
                context.Report(argument.ValueSpan,
                    $"The project locks its dependencies in {lockName}, but this install resolves them from {argument.Value}: the image may get versions the lock does not list.",
                    null, related);
            }
            foreach (var target in install.Targets)
            {
                if (target.Kind != InstallTargetKind.LocalPath || !ProjectInstall.IsProjectFolder(target.Value)) continue;
                context.Report(target.Word.Span,
                    $"The project locks its dependencies in {lockName}, but installing the folder resolves them again from pyproject.toml: the image may get versions the lock does not list.",
                    null, related);
            }
        }
    }

    private static bool UsesLock(ProjectInstall install) => install.Tool is InstallTool.UvSync or InstallTool.UvExport
        or InstallTool.PoetryInstall or InstallTool.PoetryExport or InstallTool.PipenvInstall or InstallTool.PipenvRequirements;

    /// <summary>True for a requirements file whose header says it was exported from a lock file.</summary>
    private static bool IsExportOfLock(string text)
    {
        var head = text.Length > 600 ? text.Substring(0, 600) : text;
        foreach (var marker in ExportMarkers)
            if (head.Contains(marker, StringComparison.Ordinal)) return true;
        return false;
    }
}
