using System.Text.RegularExpressions;
using PyDockerLsp.Core.IO;
using PyDockerLsp.Core.Python;
using PyDockerLsp.Core.Python.Toml;
using Manager = PyDockerLsp.Core.Scaffolding.PackageManager;
using ModelManager = PyDockerLsp.Core.Python.PackageManager;

namespace PyDockerLsp.Core.Scaffolding;

/// <summary>
/// Detection for scaffolding: reads the project's manifests through <see cref="PythonProject"/> and its code through
/// <see cref="ProjectSourceDetector"/>, and answers every question of <see cref="ScaffoldInputs"/> with its reason.
/// The manifests decide the package manager, the Python, the dependencies and the index; the code decides the app and its
/// entry point (an app object found in the code is better evidence than a framework named in the dependencies).
/// </summary>
public static class ScaffoldInputsBuilder
{
    /// <summary>The Python series official <c>python:X.Y-slim</c> images are published for (and this scaffolder pins).</summary>
    private static readonly (int Major, int Minor) OldestImagePython = (3, 8);

    private static readonly Regex UrlCredentials = new(@"//[^/@\s]+@", RegexOptions.CultureInvariant);

    private static readonly (string Package, WebFramework Framework)[] FrameworkPackages =
    {
        ("django", WebFramework.Django), ("wagtail", WebFramework.Django), ("fastapi", WebFramework.FastApi), ("flask", WebFramework.Flask),
    };

    /// <summary>Everything scaffolding needs to know about the project in <paramref name="folder"/>.</summary>
    public static ScaffoldInputs Detect(string folder, IFileSystem fs) => DetectWithSource(folder, fs).Inputs;

    /// <summary><see cref="Detect"/>, together with the source detection it used (its notes and other app candidates).</summary>
    public static (ScaffoldInputs Inputs, SourceDetection Source) DetectWithSource(string folder, IFileSystem fs)
    {
        var root = PathUtil.Normalize(folder).TrimEnd('/');
        if (root.Length == 0) root = "/";
        var project = PythonProject.Load(root, fs);
        var source = new ProjectSourceDetector(fs).Detect(root);

        var (python, allowed) = PythonVersion(project);
        var requirements = Requirements(project, fs);
        var inputs = new ScaffoldInputs
        {
            ProjectName = ProjectName(project, root),
            PackageManager = PackageManagerOf(project),
            PythonVersion = python,
            AllowedPythonVersions = allowed,
            RuntimeRequirementsFiles = requirements.Runtime,
            DevRequirementsFiles = requirements.Dev,
            RequirementsIncludedFiles = requirements.Included,
            LockFiles = project?.LockFiles ?? Array.Empty<string>(),
            HasDevDependencies = project != null && (project.DevelopmentDependencies.Any(d => d.IsDevelopment) || requirements.Dev.Count > 0),
            ReadmeFile = Readme(project),
            LicenseFiles = LicenseFiles(project, root, fs),
            IsInstallable = IsInstallable(project),
            NativeNeeds = NativeNeedsOf(project),
            PrivateIndex = ManifestIndex(project, fs),
        };

        // The app: an app object found in the code names the framework and the entry point; otherwise the framework named
        // in the dependencies, then a console script of an installed project, then a __main__.py or a script.
        // A command-line tool that depends on a web framework (for a built-in UI, say) is still run by its command.
        var dependencyFramework = FrameworkFromDependencies(project);
        var script = source.Framework == null ? ConsoleScript(project, inputs.IsInstallable) : null;
        if (source.Framework is { } found)
        {
            var agreeing = dependencyFramework?.Value == found.Value ? "; " + dependencyFramework.Reason : "";
            inputs = inputs with { Framework = new(found.Value, found.Reason + agreeing) };
        }
        else if (script != null)
        {
            inputs = inputs with { EntryPoint = script };
            if (dependencyFramework != null)
                inputs = inputs with { Framework = new(WebFramework.None, $"no app object found in the code, and the project is a command-line tool; "
                    + $"{dependencyFramework.Reason}, but the console script is what runs") };
        }
        else if (dependencyFramework != null)
        {
            inputs = inputs with { Framework = dependencyFramework };
        }

        // A pip.conf in the project is the index pip actually uses, and the one the pip patterns hand over as a secret.
        if (source.PrivateIndex is { PipConfFile: not null } pipConf)
            inputs = inputs with { PrivateIndex = inputs.PrivateIndex is { } declared ? pipConf with { DeclaredIn = declared.DeclaredIn } : pipConf };

        inputs = source.CompleteInputs(inputs);
        if (inputs.IsWebApp && inputs.Port == null) inputs = inputs with { Port = FrameworkDefaults.PortFor(inputs.Framework.Value) };
        inputs = inputs with { ServerIsDependency = ServerIsDependency(project, inputs) };
        return (inputs, source);
    }

    // ---------------------------------------------------------------- manager, name, Python

    private static Reasoned<Manager> PackageManagerOf(PythonProject? project)
    {
        if (project == null) return new(Manager.PipRequirements, "no Python manifest found (no requirements file, pyproject.toml, lock file or Pipfile)");
        return project.Manager switch
        {
            // uv sync --frozen needs the lock; without one, uv (or pip) installs what pyproject.toml lists.
            ModelManager.Uv when project.UvLockPath == null => project.PyProject?.Project != null
                ? new(Manager.PipPyProject, project.ManagerReason + " but no uv.lock, so the dependencies are installed from [project]")
                : new(Manager.Uv, project.ManagerReason),
            ModelManager.Uv => new(Manager.Uv, project.ManagerReason),
            ModelManager.Poetry => new(Manager.Poetry, project.ManagerReason),
            ModelManager.Pipenv => new(Manager.Pipenv, project.ManagerReason),
            ModelManager.PipRequirements => new(Manager.PipRequirements, project.ManagerReason),
            ModelManager.PipPyProject => new(Manager.PipPyProject, project.ManagerReason),
            _ => project.PyProject?.Project != null
                ? new(Manager.PipPyProject, "[project] in pyproject.toml")
                : new(Manager.PipRequirements, project.ManagerReason.Length > 0 ? project.ManagerReason : "no manifest names a package manager"),
        };
    }

    private static string ProjectName(PythonProject? project, string root)
    {
        var name = project?.PyProject?.Project?.Name?.Value ?? project?.PyProject?.Poetry?.Name?.Value;
        if (!string.IsNullOrWhiteSpace(name)) return name.Trim();
        var folderName = PathUtil.GetFileName(root);
        return string.IsNullOrWhiteSpace(folderName) ? "app" : folderName;
    }

    /// <summary>
    /// The newest X.Y every readable constraint allows (among the series images exist for), and every X.Y they allow; the
    /// current stable Python when no constraint can be read. Constraints are taken most authoritative first
    /// (requires-python, Poetry's python, Pipfile, .python-version, runtime.txt); one that contradicts those before it is
    /// left out rather than leaving no Python at all.
    /// </summary>
    private static (Reasoned<string> Version, IReadOnlyList<string> Allowed) PythonVersion(PythonProject? project)
    {
        var (stableMajor, stableMinor) = ScaffoldImages.ParsePythonVersion(ScaffoldImages.StablePython);
        List<string>? allowed = null;
        var used = new List<string>();
        foreach (var constraint in project?.PythonConstraints ?? Array.Empty<PythonConstraint>())
        {
            if (!constraint.IsUnderstood) continue;
            var versions = constraint.AllowedMinorVersions()
                .Where(v => v.CompareTo(OldestImagePython) >= 0 && v.CompareTo((stableMajor, stableMinor)) <= 0)
                .Select(v => $"{v.Major}.{v.Minor}")
                .ToList();
            var narrowed = allowed == null ? versions : allowed.Where(versions.Contains).ToList();
            if (narrowed.Count == 0) continue;
            if (allowed == null || narrowed.Count < allowed.Count || used.Count == 0) used.Add(Describe(constraint));
            allowed = narrowed;
        }
        if (allowed != null)
        {
            var newest = allowed[^1];
            var what = string.Join(" and ", used);
            var reason = allowed.Count == 1 ? what : $"{what}: {newest} is the newest Python {(used.Count == 1 ? "it allows" : "they allow")}";
            return (new(newest, reason), allowed);
        }
        var why = project?.PythonConstraints.Count > 0
            ? $"no Python constraint of the project allows a series with an official image; {ScaffoldImages.StablePython} is the current stable Python"
            : $"the project states no Python version; {ScaffoldImages.StablePython} is the current stable Python";
        return (new(ScaffoldImages.StablePython, why), Array.Empty<string>());
    }

    private static string Describe(PythonConstraint constraint)
    {
        var where = PathUtil.GetFileName(constraint.Location.Path);
        return constraint.Kind == where ? $"{where} says {constraint.Text.Trim()}" : $"{constraint.Kind} {constraint.Text.Trim()} in {where}";
    }

    // ---------------------------------------------------------------- requirements files

    private sealed record RequirementsFiles(IReadOnlyList<string> Runtime, IReadOnlyList<string> Dev, IReadOnlyList<string> Included);

    /// <summary>
    /// Runtime files are the requirements files not named for development, minus those another runtime file already pulls in
    /// with <c>-r</c> (<c>requirements/production.txt</c> including <c>base.txt</c> installs with just the former).
    /// Constraint files and pip-compile inputs beside their output are never installed directly. Every file an install reads
    /// through <c>-r</c>/<c>-c</c> is listed as included, so the Dockerfile can bind or copy it.
    /// </summary>
    private static RequirementsFiles Requirements(PythonProject? project, IFileSystem fs)
    {
        if (project == null || project.RequirementsFiles.Count == 0)
            return new(Array.Empty<string>(), Array.Empty<string>(), Array.Empty<string>());
        var candidates = project.RequirementsFiles
            .Where(f => !(f.EndsWith(".in", StringComparison.OrdinalIgnoreCase) && project.RequirementsFiles.Contains(f[..^3] + ".txt")))
            .Where(f => !PathUtil.GetFileName(f).Contains("constraint", StringComparison.OrdinalIgnoreCase))
            .ToList();
        var runtime = candidates.Where(f => !PythonProject.IsDevelopmentRequirementsFile(f)).ToList();
        var dev = candidates.Where(PythonProject.IsDevelopmentRequirementsFile).ToList();

        var readBy = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var file in candidates)
        {
            var set = project.GetRequirements(file, fs);
            var reads = new HashSet<string>(StringComparer.Ordinal);
            foreach (var read in set.Files)
            {
                var relative = PathUtil.RelativeTo(project.ContextDirectory, read.Path);
                if (relative != null && relative != file) reads.Add(relative);
            }
            readBy[file] = reads;
        }
        bool IncludedByOther(string file, List<string> among) => among.Any(other => other != file && readBy[other].Contains(file));
        var runtimeRoots = runtime.Where(f => !IncludedByOther(f, runtime)).ToList();
        // A file that is neither dev nor runtime by name but only reached from dev files stays with them.
        var included = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var file in runtimeRoots.Concat(dev))
            foreach (var read in readBy[file])
                if (!runtimeRoots.Contains(read) && !dev.Contains(read)) included.Add(read);
        return new(runtimeRoots, dev, included.ToList());
    }

    // ---------------------------------------------------------------- files the build reads

    /// <summary>The file pyproject's <c>readme</c> names (the build reads it), relative to the root.</summary>
    private static string? Readme(PythonProject? project)
    {
        var file = project?.PyProject?.Project?.Readme?.File?.Value ?? PoetryString(project, "readme");
        if (string.IsNullOrWhiteSpace(file)) return null;
        var relative = file.Trim().Replace('\\', '/');
        while (relative.StartsWith("./", StringComparison.Ordinal)) relative = relative[2..];
        return relative.Length == 0 ? null : relative;
    }

    private static string? PoetryString(PythonProject? project, string key) =>
        project?.PyProject?.Poetry?.Table is { } table && table.TryGet(key, out TomlString value) ? value.Value : null;

    /// <summary><c>license-files</c> (names, or globs matched against the project's root files) and <c>license = {file = ...}</c>.</summary>
    private static IReadOnlyList<string> LicenseFiles(PythonProject? project, string root, IFileSystem fs)
    {
        var table = project?.PyProject?.Project;
        if (table == null) return Array.Empty<string>();
        var files = new List<string>();
        foreach (var pattern in table.LicenseFiles.Select(s => s.Value.Trim()))
        {
            if (pattern.IndexOfAny(new[] { '*', '?', '[' }) < 0)
            {
                if (!files.Contains(pattern)) files.Add(pattern);
                continue;
            }
            foreach (var path in fs.EnumerateFiles(root))
            {
                var name = PathUtil.GetFileName(path);
                if (!pattern.Contains('/') && SimpleGlobMatches(pattern, name) && !files.Contains(name)) files.Add(name);
            }
        }
        if (table.Table.TryGet("license", out TomlTable license) && license.TryGet("file", out TomlString file) && !files.Contains(file.Value.Trim()))
            files.Add(file.Value.Trim());
        return files;
    }

    /// <summary>'*' and '?' within one file name; a '[...]' class matches any one of its characters.</summary>
    private static bool SimpleGlobMatches(string pattern, string name) => GlobAt(pattern, 0, name, 0);

    private static bool GlobAt(string pattern, int p, string name, int n)
    {
        while (p < pattern.Length)
        {
            char c = pattern[p];
            if (c == '*')
            {
                for (int rest = n; rest <= name.Length; rest++)
                    if (GlobAt(pattern, p + 1, name, rest)) return true;
                return false;
            }
            if (n >= name.Length) return false;
            if (c == '[' && pattern.IndexOf(']', p + 1) is int close and > 0)
            {
                if (pattern.IndexOf(name[n], p + 1, close - p - 1) < 0) return false;
                p = close + 1;
                n++;
                continue;
            }
            if (c != '?' && char.ToLowerInvariant(c) != char.ToLowerInvariant(name[n])) return false;
            p++;
            n++;
        }
        return n == name.Length;
    }

    /// <summary>A [build-system] makes the project a package the install builds, unless Poetry's package-mode or uv's package
    /// setting says it is not one.</summary>
    private static bool IsInstallable(PythonProject? project)
    {
        var pyproject = project?.PyProject;
        if (pyproject?.BuildSystem == null) return false;
        if (pyproject.Poetry?.PackageMode == false) return false;
        if (pyproject.Uv?.Package == false) return false;
        return true;
    }

    // ---------------------------------------------------------------- dependencies

    private static NativeNeeds NativeNeedsOf(PythonProject? project)
    {
        if (project == null) return NativeNeeds.None;
        var build = new List<string>();
        var runtime = new List<string>();
        var why = new List<string>();
        foreach (var (dependency, package) in project.NativeNeeds)
        {
            if (package.BuildPackages.Count == 0 && package.RuntimePackages.Count == 0) continue;
            foreach (var p in package.BuildPackages) if (!build.Contains(p)) build.Add(p);
            foreach (var p in package.RuntimePackages) if (!runtime.Contains(p)) runtime.Add(p);
            var needs = new List<string>();
            if (package.BuildPackages.Count > 0) needs.Add(string.Join(", ", package.BuildPackages) + " to build");
            if (package.RuntimePackages.Count > 0) needs.Add(string.Join(", ", package.RuntimePackages) + " at run time");
            why.Add($"{dependency.Name} ({PathUtil.GetFileName(dependency.Location.Path)}) needs {string.Join(" and ", needs)}");
        }
        return why.Count == 0 ? NativeNeeds.None : new NativeNeeds(build, runtime, string.Join("; ", why));
    }

    private static Reasoned<WebFramework>? FrameworkFromDependencies(PythonProject? project)
    {
        if (project == null) return null;
        foreach (var (package, framework) in FrameworkPackages)
        {
            if (project.FindDependency(package) is { } dependency)
                return new(framework, $"{dependency.Name} is a dependency in {PathUtil.GetFileName(dependency.Location.Path)}");
        }
        return null;
    }

    /// <summary>The first <c>[project.scripts]</c> (or Poetry script) of a project that is installed, so that its command exists.</summary>
    private static Reasoned<EntryPoint>? ConsoleScript(PythonProject? project, bool installable)
    {
        if (!installable || project?.PyProject is not { } pyproject) return null;
        var scripts = pyproject.Project?.Scripts is { Count: > 0 } own ? own : pyproject.Poetry?.Scripts ?? Array.Empty<Python.Manifests.ScriptEntry>();
        if (scripts.Count == 0) return null;
        var script = scripts[0];
        var table = pyproject.Project?.Scripts is { Count: > 0 } ? "[project.scripts]" : "[tool.poetry.scripts]";
        var target = script.Attribute is { Length: > 0 } attribute ? script.Module + ":" + attribute : null;
        var others = scripts.Count > 1 ? $" (the first of {scripts.Count})" : "";
        return new(new EntryPoint(EntryPointKind.ConsoleScript, script.Name.Name) { ConsoleScriptTarget = target },
            $"{table} in pyproject.toml defines `{script.Name.Name} = \"{script.Target.Value}\"`{others}");
    }

    /// <summary>Whether the package of the server the command uses (gunicorn, uvicorn) is installed with the project;
    /// FastAPI's "standard" extra brings uvicorn.</summary>
    private static bool? ServerIsDependency(PythonProject? project, ScaffoldInputs inputs)
    {
        if (project == null) return null;
        var entryPoint = ContainerCommand.Resolve(inputs, new List<string>());
        var server = ContainerCommand.ServerFor(inputs, entryPoint);
        if (server == null) return null;
        if (server == AppServer.Gunicorn) return project.DependsOn("gunicorn");
        if (project.DependsOn("uvicorn")) return true;
        return project.FindDependency("fastapi") is { } fastapi
            && (fastapi.Declaration.Contains("standard", StringComparison.Ordinal) || fastapi.Declaration.Contains("[all", StringComparison.Ordinal));
    }

    // ---------------------------------------------------------------- package index

    /// <summary>An index configured in the manifests: <c>[[tool.uv.index]]</c> / uv's index-url, Poetry sources, Pipfile
    /// sources other than PyPI, <c>--index-url</c>/<c>--extra-index-url</c> in a requirements file. Credentials never reach
    /// the reason.</summary>
    private static PrivateIndex? ManifestIndex(PythonProject? project, IFileSystem fs)
    {
        if (project == null) return null;
        var pyproject = project.PyProject;
        if (pyproject?.Uv is { } uv)
        {
            var url = uv.Indexes.Select(i => i.Url?.Value).FirstOrDefault(u => !string.IsNullOrWhiteSpace(u))
                ?? uv.IndexUrl?.Value ?? uv.ExtraIndexUrls.Select(u => u.Value).FirstOrDefault();
            if (url != null && !IsPyPi(url))
                return new PrivateIndex(null, "pyproject.toml [[tool.uv.index]]", $"pyproject.toml configures the uv index {Masked(url)}");
        }
        if (pyproject?.Poetry?.Sources.Select(s => s.Url?.Value).FirstOrDefault(u => !string.IsNullOrWhiteSpace(u) && !IsPyPi(u!)) is { } poetryUrl)
            return new PrivateIndex(null, "pyproject.toml [[tool.poetry.source]]", $"pyproject.toml declares the Poetry source {Masked(poetryUrl)}");
        if (project.Pipfile?.Sources.Select(s => s.Url?.Value).FirstOrDefault(u => !string.IsNullOrWhiteSpace(u) && !IsPyPi(u!)) is { } pipfileUrl)
            return new PrivateIndex(null, "Pipfile [[source]]", $"Pipfile declares the source {Masked(pipfileUrl)}");
        foreach (var file in project.RequirementsFiles)
        {
            var set = project.GetRequirements(file, fs);
            foreach (var source in set.PackageSources)
            {
                if (source.Kind == Python.Requirements.PackageSourceKind.FindLinks || IsPyPi(source.Url)) continue;
                var option = source.Kind == Python.Requirements.PackageSourceKind.IndexUrl ? "--index-url" : "--extra-index-url";
                var where = PathUtil.RelativeTo(project.ContextDirectory, source.FilePath) ?? PathUtil.GetFileName(source.FilePath);
                return new PrivateIndex(null, where, $"{where} line {source.LineNumber} sets {option} {Masked(source.WrittenUrl)}");
            }
        }
        return null;
    }

    private static bool IsPyPi(string url) =>
        url.Contains("://pypi.org/", StringComparison.OrdinalIgnoreCase) || url.Contains("://pypi.python.org/", StringComparison.OrdinalIgnoreCase)
        || url.TrimEnd('/').EndsWith("://pypi.org", StringComparison.OrdinalIgnoreCase);

    private static string Masked(string url) => UrlCredentials.Replace(url.Trim().Trim('"', '\''), "//***@");
}
