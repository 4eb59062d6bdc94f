using PyDockerLsp.Core.Analysis.Rules.Manifests;
using PyDockerLsp.Core.Python.Requirements;
using PyDockerLsp.Core.Syntax.Dockerfile;
using PyDockerLsp.Core.Text;

namespace PyDockerLsp.Core.Analysis.Rules.Installs;

/// <summary>PD207 unpinned-requirements: requirements the Dockerfile installs without a fixed version.</summary>
public sealed class UnpinnedRequirementsRule : IRule
{
    public RuleDescriptor Descriptor { get; } = new(
        "PD207", "unpinned-requirements", RuleCategory.Reproducibility, Severity.Warning,
        new RuleDocumentation
        {
            WhatItDoes =
                "Reports, on the lines of the requirements files that the Dockerfile installs (`pip install -r`, `uv pip install -r`, "
                + "`uv pip sync`, `pip wheel -r`, followed back through COPY and bind mounts to the build context, includes "
                + "included), every requirement not pinned to one version with `==` or `===` (unless a constraints file pins it); "
                + "and in RUN, packages that `pip install`, `uv pip install` or `pipx install` name with no version at all.",
            WhyItMatters =
                "`flask>=2` or a bare `flask` installs whatever is newest on the day the image is built. Two builds of the same "
                + "commit then differ, a release of a dependency can break production without any change on your side, and a "
                + "rollback does not restore the old image. Pin exact versions (pip-compile, `uv pip compile` or `uv export` write "
                + "them for you) and update them on purpose.",
            Example = "# requirements.txt\nflask>=2.0\ngunicorn\n\n# Dockerfile\nRUN pip install -r requirements.txt\nRUN pip install celery",
            UseInstead = "# requirements.txt\nflask==3.1.0\ngunicorn==23.0.0\n\n# Dockerfile\nRUN pip install -r requirements.txt\nRUN pip install celery==5.4.0",
            ExampleLanguage = "text",
            FixHint = "Pin each requirement to one version.",
            DifferencesFromAnchors =
                "Like hadolint DL3013, any version clause (`>=`, `~=`, `<`) satisfies the check for packages named in RUN, a "
                + "constraints file (`-c`) exempts the command, and wheels, archives, local paths and VCS URLs with an `@ref` count "
                + "as fixed. Unlike hadolint, a package named beside `-r file` or `.` is still checked, pip, setuptools and wheel "
                + "(the installer itself) and the package-manager tools uv, poetry, pipenv and pdm (PD210's subject) are not "
                + "reported, and the requirements files themselves are read: there only `==`/`===` count as pinned.",
        })
    {
        NeedsManifests = true,
        HadolintIds = new[] { "DL3013" },
    };

    /// <summary>Installers and package-manager tools: reported elsewhere (PD210) or not meaningful to pin here.</summary>
    private static readonly HashSet<string> NotReported = new(StringComparer.Ordinal) { "pip", "setuptools", "wheel", "uv", "poetry", "pipenv", "pdm" };

    private static readonly string[] VcsPrefixes = { "git+", "hg+", "svn+", "bzr+", "git://", "svn://" };

    public void Check(RuleContext context)
    {
        var facts = DockerfileFacts.For(context.Model);
        CheckNamedPackages(context, facts);
        CheckRequirementsFiles(context, facts);
    }

    private static void CheckNamedPackages(RuleContext context, DockerfileFacts facts)
    {
        foreach (var install in facts.Installs)
        {
            if (install.Tool is not (InstallTool.Pip or InstallTool.UvPip or InstallTool.Pipx) || install.Verb.Value != "install") continue;
            if (install.ConstraintFiles.Count > 0) continue;
            foreach (var target in install.Targets)
            {
                if (target.Requirement is { } requirement)
                {
                    if (NotReported.Contains(requirement.NormalizedName)) continue;
                    if (requirement.Url is { } url ? !IsUnversionedVcs(url) : !requirement.Specifier.IsEmpty) continue;
                    context.Report(target.Word.Span, requirement.Url is null
                        ? $"{requirement.Name} is installed without a version: each build may get a different release. Pin it ({requirement.Name}==X.Y.Z)."
                        : $"{requirement.Name} is installed from a repository without a tag or commit: each build may get different code. Add @<tag or commit>.");
                }
                else if (target.Kind == InstallTargetKind.Url && IsUnversionedVcs(target.Value))
                {
                    context.Report(target.Word.Span, "This package is installed from a repository without a tag or commit: each build may get different code. Add @<tag or commit>.");
                }
            }
        }
    }

    /// <summary>A VCS URL with no <c>@ref</c> after the repository path (user info before the host does not count).</summary>
    internal static bool IsUnversionedVcs(string url)
    {
        if (!VcsPrefixes.Any(p => url.StartsWith(p, StringComparison.OrdinalIgnoreCase))) return false;
        int scheme = url.IndexOf("://", StringComparison.Ordinal);
        int hostStart = scheme < 0 ? 0 : scheme + 3;
        int pathStart = url.IndexOf('/', hostStart);
        if (pathStart < 0) return true;
        int fragment = url.IndexOf('#', pathStart);
        var path = fragment < 0 ? url.Substring(pathStart) : url.Substring(pathStart, fragment - pathStart);
        return path.IndexOf('@') < 0;
    }

    private static void CheckRequirementsFiles(RuleContext context, DockerfileFacts facts)
    {
        var reported = new HashSet<(string, int)>();
        foreach (var file in facts.RequirementFiles)
        {
            if (!facts.IsInFinalBuild(file.Install.Stage) || file.Install.Tool is not (InstallTool.Pip or InstallTool.UvPip)) continue;
            var pinnedByConstraints = PinnedByConstraints(facts, file);
            foreach (var entry in file.Set.UnpinnedRequirements)
            {
                if (entry.Name is null || pinnedByConstraints.Contains(entry.NormalizedName!)) continue;
                if (!reported.Add((entry.FilePath, entry.NameSpan.Start))) continue;
                var text = file.Set.Files.FirstOrDefault(f => f.Path == entry.FilePath)?.Text;
                if (text is null) continue;
                var span = entry.SpecifierSpan is { } specifier ? TextSpan.FromBounds(entry.NameSpan.Start, specifier.End) : entry.NameSpan;
                var message = entry.Specifier.IsEmpty
                    ? $"{entry.Name} has no version, so each build of the image may install a different release; pin it with =="
                    : $"{text.Substring(span.Start, span.Length)} allows several releases, so each build of the image may install a different one; pin it with ==";
                var related = new[] { RuleContext.Related(context.DockerfilePath, context.Source, file.Argument.ValueSpan, "installed by this command") };
                context.ReportIn(entry.FilePath, SourceTextCache.Get(entry.FilePath, text), span, message + ".", null, related);
            }
        }
    }

    /// <summary>Names pinned with == by constraint files of the set (<c>-c</c> inside the file) or of the command.</summary>
    private static HashSet<string> PinnedByConstraints(DockerfileFacts facts, InstalledRequirementsFile file)
    {
        var pinned = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in file.Set.Requirements)
            if (entry.IsConstraint && entry.IsPinned && entry.NormalizedName is { } name) pinned.Add(name);
        foreach (var constraint in file.Install.ConstraintFiles)
        {
            if (facts.ResolveRequirementsFile(file.Install, constraint) is not { } origin) continue;
            var set = facts.Model.Python?.GetRequirements(origin.RelativePath, facts.Model.FileSystem)
                      ?? RequirementsFileParser.Parse(facts.Model.ContextPath(origin.RelativePath), facts.Model.FileSystem);
            foreach (var entry in set.Requirements)
                if (entry.IsPinned && entry.NormalizedName is { } name) pinned.Add(name);
        }
        return pinned;
    }
}
