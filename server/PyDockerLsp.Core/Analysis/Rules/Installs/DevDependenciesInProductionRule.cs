using PyDockerLsp.Core.Analysis.Rules.Manifests;
using PyDockerLsp.Core.IO;
using PyDockerLsp.Core.Python;
using PyDockerLsp.Core.Python.Manifests;
using PyDockerLsp.Core.Syntax.Shell;
using PyDockerLsp.Core.Text;

namespace PyDockerLsp.Core.Analysis.Rules.Installs;

/// <summary>PD204 dev-dependencies-in-production: development/test dependencies installed into the shipped image.</summary>
public sealed class DevDependenciesInProductionRule : IRule
{
    public RuleDescriptor Descriptor { get; } = new(
        "PD204", "dev-dependencies-in-production", RuleCategory.Size, Severity.Warning,
        new RuleDocumentation
        {
            WhatItDoes =
                "Reports installs that put development dependencies into the image that ships: `uv sync` without `--no-dev` when "
                + "the project has a dev group, `poetry install` without `--only main` when it has dev groups, `pipenv install --dev`, "
                + "`--all-groups`/`--group dev`/`--with dev`, a requirements file named for development (`requirements-dev.txt`), "
                + "an extra such as `.[test]`, or a development tool (pytest, ruff, mypy…) named in the RUN. Only stages whose "
                + "packages reach the final image are checked: the final stage, the stages it is built from, and builders it copies "
                + "an environment from (a builder that hands over only wheels keeps its tools to itself). An image that is itself a "
                + "development environment — its final stage named `dev`, `test` or `ci`, or built on a Jupyter notebook or "
                + "dev-container image — is not reported.",
            WhyItMatters =
                "Test runners, linters and type checkers are not needed to run the app. In the image they add size, pull in their own "
                + "dependencies (and their vulnerabilities), and slow every build and pull. uv and Poetry install the dev group by "
                + "default, so the omission is easy to make.",
            Example = "FROM python:3.12-slim\nCOPY pyproject.toml uv.lock ./\nRUN uv sync --frozen",
            UseInstead = "FROM python:3.12-slim\nCOPY pyproject.toml uv.lock ./\nRUN uv sync --frozen --no-dev",
            FixHint = "Install only the runtime dependencies.",
            FixSafety =
                "The fix adds `--no-dev` to `uv sync`/`uv export`, adds `--only main` to `poetry install`, or removes `--dev` from "
                + "`pipenv install`. It is unsafe: it changes which packages end up in the image, and an app that imports a "
                + "development package at run time would break.",
        })
    {
        NeedsManifests = true,
    };

    public void Check(RuleContext context)
    {
        var facts = DockerfileFacts.For(context.Model);
        if (facts.IsDevelopmentImage) return;
        var project = context.Model.Python;
        foreach (var install in facts.Installs)
        {
            bool exports = install.Tool is InstallTool.UvExport or InstallTool.PoetryExport;
            if (exports ? !facts.IsInFinalBuild(install.Stage) : !facts.IsRuntimeStage(install.Stage)) continue;
            switch (install.Tool)
            {
                case InstallTool.UvSync:
                case InstallTool.UvExport:
                    CheckUv(context, facts, install, project);
                    break;
                case InstallTool.PoetryInstall:
                case InstallTool.PoetryExport:
                    CheckPoetry(context, install, project);
                    break;
                case InstallTool.PipenvInstall:
                    foreach (var word in install.Arguments)
                    {
                        if (word.Value is not ("--dev" or "-d")) continue;
                        context.Report(word.Span, "pipenv --dev also installs [dev-packages] into this image; production images need only [packages].",
                            context.PreferredDockerfileFix("Remove --dev from pipenv " + install.Verb.Value, FixSafety.Unsafe, WordEdits.Remove(context.Source, word)));
                    }
                    break;
                case InstallTool.Pip:
                case InstallTool.UvPip:
                    if (install.Installs) CheckPip(context, facts, install);
                    break;
            }
        }
    }

    private static void CheckUv(RuleContext context, DockerfileFacts facts, ProjectInstall install, PythonProject? project)
    {
        var command = install.Tool == InstallTool.UvSync ? "uv sync" : "uv export";
        if (ExplicitDevelopment(install, "--all-groups", "--only-dev", "--dev", "--group") is { } word)
        {
            var fixes = word.Value == "--dev"
                ? new[] { context.PreferredDockerfileFix($"Replace --dev with --no-dev in {command}", FixSafety.Unsafe, new TextEdit(word.Span, "--no-dev")) }
                : Array.Empty<Fix>();
            context.Report(word.Span, $"{command} {word.Value} puts development dependencies into this image; production images need only the runtime dependencies.", fixes);
            return;
        }
        if (install.HasFlag("--no-dev") || install.HasFlag("--only-group") || install.HasFlag("--no-default-groups") || install.HasFlag("--no-group")) return;
        // uv reads its flags from the environment too (ENV UV_NO_DEV=1 in the Dockerfile).
        if (facts.IsEnvironmentFlagSet(install, "UV_NO_DEV") || facts.IsEnvironmentFlagSet(install, "UV_NO_DEFAULT_GROUPS")) return;
        var groups = UvDefaultGroups(project);
        var member = install.OptionValues("--package").Select(o => o.Value).FirstOrDefault();
        var development = member is null
            ? DevelopmentOf(project?.PyProject, project?.PyProjectPath, project?.PyProjectText, groups)
            : WorkspaceMember(context, project, member) is { } found ? DevelopmentOf(found.File, found.Path, found.Text, groups) : new List<(string Name, string Group, ManifestLocation Location)>();
        if (development.Count == 0) return;
        var names = string.Join(", ", development.Take(3).Select(d => d.Name)) + (development.Count > 3 ? ", …" : "");
        var first = development[0];
        var related = new[] { RuleContext.Related(first.Location.Path, first.Location.Text, first.Location.Span, $"in the {first.Group} group") };
        context.Report(install.Verb.Span,
            $"{command} includes the {string.Join("/", development.Select(d => d.Group).Distinct())} group by default ({names}), so development tools end up in this image; add --no-dev.",
            new[] { context.PreferredDockerfileFix($"Add --no-dev to {command}", FixSafety.Unsafe, WordEdits.InsertAfter(install.Verb, "--no-dev")) },
            related);
    }

    /// <summary>The requirements of the default dependency groups (and uv's legacy dev-dependencies) of a pyproject.toml.</summary>
    private static List<(string Name, string Group, ManifestLocation Location)> DevelopmentOf(PyProjectFile? file, string? path, SourceText? text, HashSet<string> groups)
    {
        var result = new List<(string Name, string Group, ManifestLocation Location)>();
        if (file is null || path is null || text is null) return result;
        foreach (var group in file.DependencyGroups)
        {
            if (!groups.Contains(group.Name.Name)) continue;
            foreach (var requirement in group.Requirements)
                if (PythonProject.DependencyName(requirement.Value) is { } name) result.Add((name, group.Name.Name, new ManifestLocation(path, text, requirement.ContentSpan)));
        }
        foreach (var requirement in file.Uv?.DevDependencies ?? Array.Empty<SpannedString>())
            if (PythonProject.DependencyName(requirement.Value) is { } name) result.Add((name, "dev", new ManifestLocation(path, text, requirement.ContentSpan)));
        return result;
    }

    /// <summary>The pyproject.toml of the uv workspace member named <paramref name="member"/> (from <c>[tool.uv.workspace] members</c>).</summary>
    private static (PyProjectFile File, string Path, SourceText Text)? WorkspaceMember(RuleContext context, PythonProject? project, string member)
    {
        if (project?.PyProject?.Uv is not { } uv) return null;
        var fs = context.Model.FileSystem;
        var wanted = PythonProject.Normalize(member);
        foreach (var pattern in uv.WorkspaceMembers)
        {
            var folders = new List<string>();
            var clean = Context.DockerIgnore.Clean(pattern.Value);
            if (clean.EndsWith("/*", StringComparison.Ordinal)) folders.AddRange(fs.EnumerateDirectories(context.Model.ContextPath(clean[..^2])));
            else if (!StageFiles.HasGlob(clean)) folders.Add(context.Model.ContextPath(clean));
            foreach (var folder in folders)
            {
                var path = IO.PathUtil.Combine(folder, "pyproject.toml");
                if (fs.ReadAllText(path) is not { } text) continue;
                var file = ManifestParseCache.PyProject(path, text);
                if (file.Project?.Name is { } name && PythonProject.Normalize(name.Value) == wanted) return (file, path, ManifestParseCache.Text(path, text));
            }
        }
        return null;
    }

    /// <summary>The groups uv installs unless told otherwise: <c>[tool.uv] default-groups</c>, else <c>dev</c>.</summary>
    private static HashSet<string> UvDefaultGroups(PythonProject? project)
    {
        var configured = project?.PyProject?.Uv?.DefaultGroups;
        var groups = new HashSet<string>(StringComparer.Ordinal);
        if (configured is { Count: > 0 }) foreach (var g in configured) groups.Add(g.Value);
        else groups.Add("dev");
        return groups;
    }

    private static void CheckPoetry(RuleContext context, ProjectInstall install, PythonProject? project)
    {
        var command = "poetry " + install.Verb.Value;
        foreach (var option in install.OptionValues("--with"))
        {
            if (!option.Value.Split(',').Any(PythonProject.IsDevelopmentName)) continue;
            context.Report(option.ValueSpan, $"{command} --with {option.Value} puts development dependencies into this image; production images need only the main group.");
            return;
        }
        if (install.HasFlag("--dev") && install.Tool == InstallTool.PoetryExport)
        {
            var word = install.Arguments.First(w => w.Value == "--dev");
            context.Report(word.Span, "poetry export --dev writes the development dependencies too, and they are installed into this image.");
            return;
        }
        if (install.Tool == InstallTool.PoetryExport) return; // export writes only the main group by default
        if (install.HasFlag("--without") || install.HasFlag("--no-dev") || install.HasFlag("--only-root")) return;
        var only = install.OptionValues("--only");
        if (only.Count > 0)
        {
            foreach (var option in only)
                if (option.Value.Split(',').Any(PythonProject.IsDevelopmentName))
                    context.Report(option.ValueSpan, $"{command} --only {option.Value} installs a development group into this image.");
            return;
        }
        var poetry = project?.PyProject?.Poetry;
        if (poetry is null) return;
        var groups = poetry.Groups.Where(g => !g.Optional && !g.Name.Name.Equals("main", StringComparison.OrdinalIgnoreCase) && g.Dependencies.Count > 0).ToList();
        if (groups.Count == 0 && poetry.DevDependencies.Count == 0) return;
        var names = groups.Select(g => g.Name.Name).ToList();
        if (poetry.DevDependencies.Count > 0) names.Add("dev-dependencies");
        var related = new List<RelatedLocation>();
        if (project!.PyProjectText is { } text && project.PyProjectPath is { } path)
        {
            if (groups.Count > 0) related.Add(RuleContext.Related(path, text, groups[0].Name.Span, $"the {groups[0].Name.Name} group is installed by default"));
            else if (poetry.DevDependenciesSpan is { } span) related.Add(RuleContext.Related(path, text, span, "dev-dependencies are installed by default"));
        }
        context.Report(install.Verb.Span,
            $"{command} also installs the {string.Join(", ", names)} group{(names.Count == 1 ? "" : "s")} into this image; production images need only the main group.",
            new[] { context.PreferredDockerfileFix($"Add --only main to {command}", FixSafety.Unsafe, WordEdits.InsertAfter(install.Verb, "--only main")) },
            related);
    }

    private static void CheckPip(RuleContext context, DockerfileFacts facts, ProjectInstall install)
    {
        foreach (var argument in install.RequirementFiles)
        {
            var name = PathUtil.GetFileName(argument.Value);
            if (!DevTools.HasDevelopmentWord(name)) continue;
            context.Report(argument.ValueSpan, $"{argument.Value} is a development requirements file; installing it here puts its tools into the production image.");
        }
        foreach (var target in install.Targets)
        {
            if (target.Kind == InstallTargetKind.LocalPath && Extras(target.Value).FirstOrDefault(PythonProject.IsDevelopmentName) is { } extra)
            {
                context.Report(target.Word.Span, $"The [{extra}] extra holds development dependencies; installing it here puts them into the production image.");
            }
            else if (target.Requirement is { } requirement && DevTools.IsTool(requirement.NormalizedName))
            {
                context.Report(target.Word.Span, $"{requirement.Name} is a development tool; installing it in a stage that ships adds it to the production image.");
            }
        }
    }

    /// <summary>The extras of a path target such as <c>.[dev,test]</c>.</summary>
    private static IEnumerable<string> Extras(string target)
    {
        int open = target.IndexOf('[');
        int close = target.LastIndexOf(']');
        if (open < 0 || close < open) return Array.Empty<string>();
        return target.Substring(open + 1, close - open - 1).Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
    }

    /// <summary>The first flag that explicitly asks for development groups (<c>--group</c> only with a development group).</summary>
    private static ShellWord? ExplicitDevelopment(ProjectInstall install, params string[] flags)
    {
        var words = install.Arguments;
        for (int i = 0; i < words.Count; i++)
        {
            var value = words[i].Value;
            if (value == "--group" || value.StartsWith("--group=", StringComparison.Ordinal))
            {
                var group = value == "--group" ? (i + 1 < words.Count ? words[i + 1].Value : "") : value.Substring(8);
                if (flags.Contains("--group") && PythonProject.IsDevelopmentName(group)) return words[i];
                continue;
            }
            if (value != "--group" && flags.Contains(value)) return words[i];
        }
        return null;
    }
}
