using System.Runtime.CompilerServices;
using PyDockerLsp.Core.Features.Knowledge;
using PyDockerLsp.Core.IO;
using PyDockerLsp.Core.Python;
using PyDockerLsp.Core.Python.Requirements;
using PyDockerLsp.Core.Syntax.Dockerfile;
using PyDockerLsp.Core.Syntax.Shell;
using ShellWord = PyDockerLsp.Core.Syntax.Shell.ShellWord;
using PyDockerLsp.Core.Text;

namespace PyDockerLsp.Core.Analysis.Rules.Manifests;

/// <summary>A requirements file of the build context that an install command reads (<c>-r</c>), parsed with its includes.</summary>
internal sealed record InstalledRequirementsFile(ProjectInstall Install, ShellOptionValue Argument, ContextFile Origin, RequirementsFileSet Set)
{
    public string Path => Set.Files.Count > 0 ? Set.Files[0].Path : Origin.RelativePath;
}

/// <summary>A package an install command puts into the image, and where it is declared.</summary>
/// <param name="NormalizedName">PEP 503 name.</param>
/// <param name="Manifest">Where the dependency is declared in a manifest, or null for a package named in the RUN.</param>
/// <param name="Word">The RUN word naming it, when named there.</param>
internal sealed record ProjectPackage(string Name, string NormalizedName, ManifestLocation? Manifest, ShellWord? Word)
{
    public RequirementEntry? Entry { get; init; }
}

/// <summary>
/// What the project-aware rules read about one Dockerfile besides its syntax: the install commands, which stages'
/// packages end up in the shipped image, the requirements files the installs read (mapped back to the build
/// context), and the base image of each stage. Computed once per <see cref="ProjectModel"/> and shared by the rules.
/// </summary>
internal sealed class DockerfileFacts
{
    private static readonly ConditionalWeakTable<ProjectModel, DockerfileFacts> Cache = new();

    private readonly ProjectModel _model;
    private IReadOnlyList<InstalledRequirementsFile>? _requirementFiles;
    private HashSet<Stage>? _runtimeStages;
    private readonly Dictionary<Stage, BaseImageInfo?> _images = new(ReferenceEqualityComparer.Instance);

    private DockerfileFacts(ProjectModel model)
    {
        _model = model;
        Files = new StageFiles(model);
        Installs = ProjectInstallReader.Read(model.Syntax);
    }

    public static DockerfileFacts For(ProjectModel model)
    {
        lock (Cache) return Cache.GetValue(model, m => new DockerfileFacts(m));
    }

    public ProjectModel Model => _model;
    public StageFiles Files { get; }
    public IReadOnlyList<ProjectInstall> Installs { get; }

    /// <summary>The stages a plain <c>docker build</c> builds.</summary>
    public IReadOnlyList<Stage> FinalBuildStages => _model.Syntax.StagesInFinalBuild;

    public bool IsInFinalBuild(Stage? stage) => stage is not null && FinalBuildStages.Contains(stage);

    /// <summary>
    /// The stages whose installed Python packages end up in the image that ships: the final stage and the stages it
    /// is built FROM, plus every stage they copy files from (a builder's venv, <c>/root/.local</c>, site-packages…),
    /// except when all that is copied is built wheels or a dist folder (then the builder's own tools stay behind).
    /// </summary>
    public IReadOnlySet<Stage> RuntimeStages => _runtimeStages ??= ComputeRuntimeStages();

    public bool IsRuntimeStage(Stage? stage) => stage is not null && RuntimeStages.Contains(stage);

    private HashSet<Stage> ComputeRuntimeStages()
    {
        var result = new HashSet<Stage>(_model.ProductionStages);
        var pending = new Stack<Stage>(result);
        while (pending.Count > 0)
        {
            var stage = pending.Pop();
            foreach (var dependency in stage.Dependencies)
            {
                if (dependency.Kind == StageDependencyKind.Base)
                {
                    if (result.Add(dependency.Target)) pending.Push(dependency.Target);
                    continue;
                }
                if (dependency.Instruction is CopyInstruction copy && copy.SourcePaths.All(s => IsBuildArtifact(s.Value))) continue;
                if (dependency.Kind == StageDependencyKind.MountFrom) continue;
                foreach (var built in dependency.Target.SelfAndBaseStages())
                    if (result.Add(built)) pending.Push(built);
            }
        }
        return result;
    }

    /// <summary>Wheels, dist folders and single files (a requirements file, a script): what a builder hands over
    /// without its environment. Environments are folders (<c>/opt/venv</c>, <c>/root/.local</c>, site-packages).</summary>
    private static bool IsBuildArtifact(string source)
    {
        var lower = source.ToLowerInvariant().TrimEnd('/');
        if (lower.Contains("wheel", StringComparison.Ordinal) || lower.EndsWith(".whl", StringComparison.Ordinal)
            || lower.Contains("/dist", StringComparison.Ordinal) || lower.StartsWith("dist", StringComparison.Ordinal))
            return true;
        var name = PathUtil.GetFileName(lower);
        int dot = name.LastIndexOf('.');
        // "requirements.txt", "app.py": a file; ".venv", "python3.12" (a folder) are not taken for one.
        return dot > 0 && dot < name.Length - 1 && !char.IsAsciiDigit(name[dot + 1]);
    }

    /// <summary>
    /// True when the image a plain build produces is itself a development environment, where test and lint tools
    /// belong: its final stage is named for development (<c>dev</c>, <c>test</c>, <c>ci</c>…), or it is built on a
    /// notebook or dev-container image (Jupyter's docker-stacks, <c>devcontainers</c>).
    /// </summary>
    public bool IsDevelopmentImage
    {
        get
        {
            if (_model.FinalStage is not { } final) return false;
            if (final.SelfAndBaseStages().Any(s => s.Name is { } name && PythonProject.HasDevelopmentWord(name))) return true;
            var image = BaseImage(final);
            var reference = image?.Reference.ToLowerInvariant() ?? "";
            return reference.Contains("jupyter", StringComparison.Ordinal) || reference.Contains("-notebook", StringComparison.Ordinal)
                || reference.Contains("devcontainers", StringComparison.Ordinal);
        }
    }

    /// <summary>The stages where the app's Python runs or its packages are built: the runtime stages, and the stages
    /// of the final build that install the project's dependencies (a builder that compiles wheels for the final image).</summary>
    public IEnumerable<Stage> PythonStages()
    {
        var seen = new HashSet<Stage>(ReferenceEqualityComparer.Instance);
        foreach (var stage in FinalBuildStages)
        {
            bool installsProject = Installs.Any(i => ReferenceEquals(i.Stage, stage) && i.InstallsProjectDependencies);
            if ((IsRuntimeStage(stage) || installsProject) && seen.Add(stage)) yield return stage;
        }
    }

    /// <summary>The base image of a stage (through FROM &lt;stage&gt;), with ARG defaults expanded; null for
    /// <c>scratch</c>-like or unreadable references.</summary>
    public BaseImageInfo? BaseImage(Stage stage)
    {
        if (_images.TryGetValue(stage, out var cached)) return cached;
        BaseImageInfo? info = null;
        var root = RootStage(stage);
        if (root.From.ImageArgument is { } argument)
        {
            var text = argument.Value;
            if (text.IndexOf('$') >= 0) text = _model.Syntax.Expand(text, _model.Syntax.GetGlobalScope()) ?? text;
            if (text.IndexOf('$') < 0 && text.Length > 0) info = BaseImageDocs.AnalyzeReference(text);
        }
        _images[stage] = info;
        return info;
    }

    /// <summary>The stage that names the image <paramref name="stage"/> is ultimately built on.</summary>
    public static Stage RootStage(Stage stage)
    {
        var root = stage;
        foreach (var s in stage.SelfAndBaseStages()) root = s;
        return root;
    }

    /// <summary>The requirements files of the context that install commands read with <c>-r</c>.</summary>
    public IReadOnlyList<InstalledRequirementsFile> RequirementFiles => _requirementFiles ??= FindRequirementFiles();

    private IReadOnlyList<InstalledRequirementsFile> FindRequirementFiles()
    {
        var result = new List<InstalledRequirementsFile>();
        var project = _model.Python;
        foreach (var install in Installs)
        {
            foreach (var argument in install.RequirementFiles)
            {
                if (ResolveRequirementsFile(install, argument) is not { } origin || IsProjectManifest(origin.RelativePath)) continue;
                var set = project is not null
                    ? project.GetRequirements(origin.RelativePath, _model.FileSystem)
                    : RequirementsFileParser.Parse(_model.ContextPath(origin.RelativePath), _model.FileSystem);
                if (set.Files.Count == 0) continue;
                result.Add(new InstalledRequirementsFile(install, argument, origin, set));
            }
        }
        return result;
    }

    /// <summary>pyproject.toml, setup.cfg and setup.py: uv and pip-tools accept them after <c>-r</c>; they hold the
    /// project's own dependency declarations, not requirement lines.</summary>
    public static bool IsProjectManifest(string path) => PathUtil.GetFileName(path) is "pyproject.toml" or "setup.cfg" or "setup.py";

    /// <summary>The context file an install's <c>-r</c> argument reads, or null when it is not one (generated in the
    /// image, from another image, a URL, or not found).</summary>
    public ContextFile? ResolveRequirementsFile(ProjectInstall install, ShellOptionValue argument)
    {
        var written = ReferenceEquals(argument.ValueWord, argument.Option) ? argument.Value : Files.Expand(install.Run, argument.ValueWord);
        if (written is null || written.Contains("://", StringComparison.Ordinal)) return null;
        var containerPath = Files.ContainerPath(install.Run, install.Command, written);
        if (containerPath is null) return null;
        var origin = Files.Origin(install.Run, install.Command, containerPath);
        if (origin is null || !_model.FileSystem.FileExists(_model.ContextPath(origin.RelativePath))) return null;
        return origin;
    }

    /// <summary>The file the lock/manifest named <paramref name="fileName"/> would be at for a command run in the
    /// project folder (its working directory or <c>--directory</c>/<c>--project</c>), and whether it came from the context.</summary>
    public ContextFile? ProjectFileAt(ProjectInstall install, string fileName)
    {
        var directory = Files.WorkingDirectory(install.Run, install.Command);
        foreach (var option in install.Program.GetOptionValues("--directory", "--project", "-C", "--cwd"))
        {
            var value = ReferenceEquals(option.ValueWord, option.Option) ? option.Value : Files.Expand(install.Run, option.ValueWord);
            directory = value is null || directory is null ? null : PathUtil.Combine(directory, value);
        }
        if (directory is null) return null;
        return Files.Origin(install.Run, install.Command, PathUtil.Combine(directory, fileName));
    }

    /// <summary>The value an environment variable has for an install command: an assignment before the command
    /// (<c>UV_NO_DEV=1 uv sync</c>, <c>env UV_NO_DEV=1 uv sync</c>), else ENV/ARG of the stage; null when unset.</summary>
    public string? EnvironmentValue(ProjectInstall install, string name)
    {
        foreach (var word in install.Command.Assignments.Concat(install.Program.Wrappers))
        {
            var value = word.Value;
            if (value.Length > name.Length && value[name.Length] == '=' && value.StartsWith(name, StringComparison.Ordinal))
                return value.Substring(name.Length + 1);
        }
        return Files.ScopeAt(install.Run).TryGetValue(name, out var fromScope) ? fromScope : null;
    }

    /// <summary>True when the variable is set to a value tools read as "on" (1, true, yes, on).</summary>
    public bool IsEnvironmentFlagSet(ProjectInstall install, string name) =>
        EnvironmentValue(install, name)?.Trim().ToLowerInvariant() is "1" or "true" or "yes" or "on";

    /// <summary>The packages an install command brings in, as far as the project's manifests tell: the entries of its
    /// requirements files, the project's runtime dependencies for <c>pip install .</c>/<c>uv sync</c>/<c>poetry
    /// install</c>/<c>pipenv install</c>, and packages named in the RUN.</summary>
    public IEnumerable<ProjectPackage> PackagesInstalledBy(ProjectInstall install)
    {
        foreach (var file in RequirementFiles)
        {
            if (!ReferenceEquals(file.Install, install)) continue;
            foreach (var entry in file.Set.InstallRequirements)
            {
                if (entry.Name is not { } name) continue;
                var text = file.Set.Files.FirstOrDefault(f => f.Path == entry.FilePath)?.Text;
                if (text is null) continue;
                yield return new ProjectPackage(name, entry.NormalizedName!, new ManifestLocation(entry.FilePath, SourceTextCache.Get(entry.FilePath, text), entry.NameSpan), null) { Entry = entry };
            }
        }
        foreach (var target in install.Targets)
        {
            if (target.Requirement is { } requirement)
                yield return new ProjectPackage(requirement.Name, requirement.NormalizedName, null, target.Word);
        }
        var project = _model.Python;
        if (project is null) yield break;
        bool fromProject = install.Tool switch
        {
            InstallTool.UvSync or InstallTool.PoetryInstall => true,
            InstallTool.PipenvInstall => project.PipfilePath is not null,
            InstallTool.Pip or InstallTool.UvPip => install.Targets.Any(t => t.Kind == InstallTargetKind.LocalPath && ProjectInstall.IsProjectFolder(t.Value))
                || install.RequirementFiles.Any(r => r.Value.EndsWith("pyproject.toml", StringComparison.Ordinal)),
            _ => false,
        };
        if (!fromProject) yield break;
        bool pipenv = install.Tool == InstallTool.PipenvInstall;
        foreach (var dependency in project.Dependencies)
        {
            // Requirements files are installed only when a command names them (or the build reads them, below).
            if (dependency.Location.Path.EndsWith(".txt", StringComparison.Ordinal) || dependency.Location.Path.EndsWith(".in", StringComparison.Ordinal)) continue;
            bool fromPipfile = dependency.Location.Path.EndsWith("Pipfile", StringComparison.Ordinal);
            if (pipenv != fromPipfile) continue;
            yield return new ProjectPackage(dependency.Name, dependency.NormalizedName, dependency.Location, null);
        }
        if (pipenv || project.PyProject is not { } pyproject) yield break;
        // setuptools: dynamic = ["dependencies"] with [tool.setuptools.dynamic] dependencies = { file = [...] }.
        foreach (var file in SetuptoolsDynamicFiles(pyproject, "dependencies"))
        {
            var set = project.GetRequirements(file, _model.FileSystem);
            foreach (var entry in set.InstallRequirements)
            {
                if (entry.Name is not { } name) continue;
                var text = set.Files.FirstOrDefault(f => f.Path == entry.FilePath)?.Text;
                if (text is null) continue;
                yield return new ProjectPackage(name, entry.NormalizedName!, new ManifestLocation(entry.FilePath, SourceTextCache.Get(entry.FilePath, text), entry.NameSpan), null) { Entry = entry };
            }
        }
    }

    /// <summary>The files a <c>[tool.setuptools.dynamic]</c> field reads (<c>{ file = "x" }</c> or <c>{ file = [...] }</c>),
    /// context-relative, when the field is listed in <c>[project] dynamic</c>.</summary>
    public static IEnumerable<(string File, TextSpan Span)> SetuptoolsDynamicFileSpans(Python.Manifests.PyProjectFile pyproject, string field)
    {
        if (pyproject.Project is not { } project || !project.IsDynamic(field)) yield break;
        if (pyproject.Toml.Root.GetTable("tool", "setuptools", "dynamic") is not { } dynamic) yield break;
        if (!dynamic.TryGet(field, out Python.Toml.TomlTable spec) || !spec.TryGet("file", out Python.Toml.TomlValue files)) yield break;
        if (files is Python.Toml.TomlString one) yield return (Context.DockerIgnore.Clean(one.Value), one.ContentSpan);
        else if (files is Python.Toml.TomlArray many)
            foreach (var item in many)
                if (item is Python.Toml.TomlString s) yield return (Context.DockerIgnore.Clean(s.Value), s.ContentSpan);
    }

    private static IEnumerable<string> SetuptoolsDynamicFiles(Python.Manifests.PyProjectFile pyproject, string field) =>
        SetuptoolsDynamicFileSpans(pyproject, field).Select(f => f.File);
}

/// <summary>One <see cref="SourceText"/> per file text, shared with the project model, so line maps are built once.</summary>
internal static class SourceTextCache
{
    public static SourceText Get(string path, string text) => ManifestParseCache.Text(path, text);
}
