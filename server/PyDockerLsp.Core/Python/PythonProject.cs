using PyDockerLsp.Core.IO;
using PyDockerLsp.Core.Python.Manifests;
using PyDockerLsp.Core.Text;

namespace PyDockerLsp.Core.Python;

/// <summary>The tool that installs the project's dependencies.</summary>
public enum PackageManager { Unknown, Uv, Poetry, Pipenv, PipRequirements, PipPyProject }

/// <summary>Which file a fact came from, and where in it.</summary>
public sealed record ManifestLocation(string Path, SourceText Text, TextSpan Span);

/// <summary>A Python version constraint and where it was written (<c>requires-python</c>, <c>.python-version</c>, …).</summary>
public sealed record PythonConstraint(string Text, string Kind, ManifestLocation Location)
{
    /// <summary>The constraint as PEP 440 specifier alternatives (Poetry's <c>||</c> gives several; an exact
    /// version from .python-version gives <c>==3.12.*</c>).</summary>
    public IReadOnlyList<string> Pep440Alternatives { get; init; } = Array.Empty<string>();

    /// <summary>The alternatives parsed as PEP 440 specifier sets (unparseable ones are left out).</summary>
    public IReadOnlyList<Packaging.SpecifierSet> Specifiers => _specifiers ??= Pep440Alternatives
        .Select(a => Packaging.SpecifierSet.TryParse(a, out var set) ? set : null)
        .Where(s => s != null).Select(s => s!).ToList();
    private IReadOnlyList<Packaging.SpecifierSet>? _specifiers;

    /// <summary>True when the constraint could be read at all (else no rule should judge an image by it).</summary>
    public bool IsUnderstood => Specifiers.Count > 0 && Specifiers.Count == Pep440Alternatives.Count;

    /// <summary>Whether Python <paramref name="major"/>.<paramref name="minor"/> satisfies the constraint (any alternative).</summary>
    public bool AllowsMinor(int major, int minor) => Specifiers.Any(s => s.AllowsMinor(major, minor));

    /// <summary>The CPython X.Y series the constraint allows, oldest first.</summary>
    public IReadOnlyList<(int Major, int Minor)> AllowedMinorVersions() =>
        Packaging.CPythonReleases.KnownMinorVersions.Where(v => AllowsMinor(v.Major, v.Minor)).ToList();

    /// <summary>The newest CPython X.Y the constraint allows, or null.</summary>
    public (int Major, int Minor)? NewestAllowedMinor() =>
        AllowedMinorVersions() is { Count: > 0 } list ? list[^1] : null;

    public override string ToString() => $"{Kind} {Text}";
}

/// <summary>A dependency declared by the project, with the file and span it was declared at.</summary>
public sealed record ProjectDependency(string Name, string NormalizedName, string Declaration, ManifestLocation Location)
{
    /// <summary>null for runtime dependencies; else the group ("dev", "test", an extra's name…).</summary>
    public string? Group { get; init; }
    public bool IsDevelopment { get; init; }
    /// <summary>Whether it is an optional extra (<c>[project.optional-dependencies]</c>) rather than always installed.</summary>
    public bool IsOptionalExtra { get; init; }
}

/// <summary>A manifest that could not be read cleanly.</summary>
public sealed record ManifestProblem(string Path, SourceText Text, TextSpan Span, string Message);

/// <summary>
/// The Python project of one build context, merged from every manifest found there: which package manager it uses
/// and why, its Python constraint and where it comes from, its runtime and development dependencies, its lock
/// files, web-framework hints and packages with native needs. The core reads files only through <see cref="IFileSystem"/>,
/// so open editor buffers win over the disk.
/// </summary>
public sealed class PythonProject
{
    private PythonProject(string contextDirectory) => ContextDirectory = contextDirectory;

    public string ContextDirectory { get; }
    public PackageManager Manager { get; private set; }
    public string ManagerReason { get; private set; } = "";

    public string? PyProjectPath { get; private set; }
    public PyProjectFile? PyProject { get; private set; }
    public SourceText? PyProjectText { get; private set; }
    public string? UvLockPath { get; private set; }
    public UvLock? UvLock { get; private set; }
    public string? PoetryLockPath { get; private set; }
    public PoetryLock? PoetryLock { get; private set; }
    public string? PipfilePath { get; private set; }
    public PipfileFile? Pipfile { get; private set; }
    public string? PipfileLockPath { get; private set; }
    public PipfileLock? PipfileLock { get; private set; }
    public string? PythonVersionPath { get; private set; }
    public PythonVersionFile? PythonVersionFile { get; private set; }

    /// <summary>requirements*.txt / *.in at the context root and in a <c>requirements/</c> folder (context-relative, '/').</summary>
    public IReadOnlyList<string> RequirementsFiles { get; private set; } = Array.Empty<string>();

    /// <summary>Every Python constraint found, most authoritative first (requires-python, Poetry's python,
    /// Pipfile's python_version, .python-version, runtime.txt).</summary>
    public IReadOnlyList<PythonConstraint> PythonConstraints { get; private set; } = Array.Empty<PythonConstraint>();

    public IReadOnlyList<ProjectDependency> Dependencies { get; private set; } = Array.Empty<ProjectDependency>();
    public IReadOnlyList<ProjectDependency> DevelopmentDependencies { get; private set; } = Array.Empty<ProjectDependency>();
    public IReadOnlyList<ManifestProblem> Problems { get; private set; } = Array.Empty<ManifestProblem>();

    /// <summary>Lock files present in the context, by file name ("uv.lock", "poetry.lock", "Pipfile.lock").</summary>
    public IReadOnlyList<string> LockFiles
    {
        get
        {
            var list = new List<string>();
            if (UvLockPath != null) list.Add("uv.lock");
            if (PoetryLockPath != null) list.Add("poetry.lock");
            if (PipfileLockPath != null) list.Add("Pipfile.lock");
            return list;
        }
    }

    /// <summary>Runtime dependencies from every source (pyproject, Poetry, Pipfile and the context's runtime requirements files).</summary>
    public IEnumerable<ProjectDependency> AllRuntimeDependencies => Dependencies;

    public bool DependsOn(string normalizedName) => Dependencies.Any(d => d.NormalizedName == normalizedName);

    public ProjectDependency? FindDependency(string normalizedName) => Dependencies.FirstOrDefault(d => d.NormalizedName == normalizedName);

    /// <summary>Web frameworks and servers among the runtime dependencies (django, fastapi, flask, starlette, gunicorn, uvicorn…).</summary>
    public IReadOnlyList<ProjectDependency> WebDependencies =>
        Dependencies.Where(d => WebPackages.Contains(d.NormalizedName)).ToList();

    public static readonly IReadOnlySet<string> WebPackages = new HashSet<string>(StringComparer.Ordinal)
    {
        "django", "fastapi", "flask", "starlette", "gunicorn", "uvicorn", "quart", "sanic", "aiohttp", "litestar",
        "falcon", "bottle", "pyramid", "tornado", "hypercorn", "waitress", "daphne", "granian", "wagtail",
    };

    /// <summary>Runtime dependencies that need something from the OS (the <see cref="NativePackages"/> table).</summary>
    public IReadOnlyList<(ProjectDependency Dependency, NativePackage Package)> NativeNeeds =>
        Dependencies.Select(d => (d, NativePackages.Find(d.NormalizedName)))
            .Where(p => p.Item2 != null).Select(p => (p.d, p.Item2!)).ToList();

    private readonly Dictionary<string, Requirements.RequirementsFileSet> _requirements = new(StringComparer.Ordinal);

    /// <summary>
    /// A requirements file of the context (context-relative path) parsed with its -r/-c includes; parsed once per
    /// project. Missing files give an empty set with an include problem.
    /// </summary>
    public Requirements.RequirementsFileSet GetRequirements(string relativePath, IFileSystem fs)
    {
        lock (_requirements)
        {
            if (!_requirements.TryGetValue(relativePath, out var set))
            {
                set = Requirements.RequirementsFileParser.Parse(PathUtil.Combine(ContextDirectory, relativePath), fs);
                _requirements[relativePath] = set;
            }
            return set;
        }
    }

    /// <summary>Reads the manifests of <paramref name="contextDirectory"/>; null when there is no Python manifest at all.</summary>
    public static PythonProject? Load(string contextDirectory, IFileSystem fs)
    {
        var p = new PythonProject(PathUtil.Normalize(contextDirectory));
        var problems = new List<ManifestProblem>();
        var deps = new List<ProjectDependency>();
        var devDeps = new List<ProjectDependency>();
        var constraints = new List<PythonConstraint>();
        bool any = false;

        string Path(string name) => PathUtil.Combine(p.ContextDirectory, name);
        SourceText? Read(string name) => fs.ReadAllText(Path(name)) is { } t ? ManifestParseCache.Text(Path(name), t) : null;
        void AddProblems(string name, SourceText text, IEnumerable<ManifestError> errors)
        {
            foreach (var e in errors) problems.Add(new ManifestProblem(Path(name), text, e.Span, e.Message));
        }
        ManifestLocation Loc(string name, SourceText text, TextSpan span) => new(Path(name), text, span);

        // pyproject.toml
        if (Read("pyproject.toml") is { } pyText)
        {
            any = true;
            var py = ManifestParseCache.PyProject(Path("pyproject.toml"), pyText.Text);
            p.PyProject = py; p.PyProjectPath = Path("pyproject.toml"); p.PyProjectText = pyText;
            AddProblems("pyproject.toml", pyText, py.Errors);
            if (py.Project?.RequiresPython is { } rp)
                constraints.Add(new PythonConstraint(rp.Value, "requires-python", Loc("pyproject.toml", pyText, rp.ContentSpan)) { Pep440Alternatives = new[] { rp.Value } });
            foreach (var d in py.Project?.Dependencies ?? Array.Empty<SpannedString>())
                if (DependencyName(d.Value) is { } n) deps.Add(new ProjectDependency(n, Normalize(n), d.Value, Loc("pyproject.toml", pyText, d.ContentSpan)));
            foreach (var g in py.Project?.OptionalDependencies ?? Array.Empty<OptionalDependencyGroup>())
                foreach (var d in g.Dependencies)
                    if (DependencyName(d.Value) is { } n)
                        devDeps.Add(new ProjectDependency(n, Normalize(n), d.Value, Loc("pyproject.toml", pyText, d.ContentSpan)) { Group = g.Name.Name, IsOptionalExtra = true });
            foreach (var g in py.DependencyGroups)
                foreach (var entry in g.Entries)
                    if (entry.Requirement is { } d && DependencyName(d.Value) is { } n)
                        devDeps.Add(new ProjectDependency(n, Normalize(n), d.Value, Loc("pyproject.toml", pyText, d.ContentSpan)) { Group = g.Name.Name, IsDevelopment = true });
            foreach (var d in py.Uv?.DevDependencies ?? Array.Empty<SpannedString>())
                if (DependencyName(d.Value) is { } n)
                    devDeps.Add(new ProjectDependency(n, Normalize(n), d.Value, Loc("pyproject.toml", pyText, d.ContentSpan)) { Group = "dev", IsDevelopment = true });
            if (py.Poetry is { } poetry)
            {
                if (poetry.PythonConstraint is { } pc)
                {
                    var conv = PoetryConstraint.ToPep440(pc.Value, isPythonConstraint: true);
                    constraints.Add(new PythonConstraint(pc.Value, "[tool.poetry.dependencies] python", Loc("pyproject.toml", pyText, pc.ContentSpan)) { Pep440Alternatives = conv.Success ? conv.Alternatives : Array.Empty<string>() });
                }
                foreach (var d in poetry.Dependencies)
                {
                    if (d.NormalizedName == "python") continue;
                    deps.Add(new ProjectDependency(d.Name.Name, d.NormalizedName, d.Version?.Value ?? "*", Loc("pyproject.toml", pyText, d.Name.Span)) { IsOptionalExtra = d.Optional });
                }
                foreach (var g in poetry.Groups)
                {
                    bool isMain = g.Name.Name.Equals("main", StringComparison.OrdinalIgnoreCase);
                    foreach (var d in g.Dependencies)
                    {
                        var dep = new ProjectDependency(d.Name.Name, d.NormalizedName, d.Version?.Value ?? "*", Loc("pyproject.toml", pyText, d.Name.Span)) { Group = isMain ? null : g.Name.Name, IsDevelopment = !isMain };
                        (isMain ? deps : devDeps).Add(dep);
                    }
                }
                foreach (var d in poetry.DevDependencies)
                    devDeps.Add(new ProjectDependency(d.Name.Name, d.NormalizedName, d.Version?.Value ?? "*", Loc("pyproject.toml", pyText, d.Name.Span)) { Group = "dev", IsDevelopment = true });
            }
        }

        // Lock files.
        if (Read("uv.lock") is { } uvText) { any = true; var l = ManifestParseCache.UvLock(Path("uv.lock"), uvText.Text); p.UvLock = l; p.UvLockPath = Path("uv.lock"); AddProblems("uv.lock", uvText, l.Errors); }
        if (Read("poetry.lock") is { } poText) { any = true; var l = ManifestParseCache.PoetryLock(Path("poetry.lock"), poText.Text); p.PoetryLock = l; p.PoetryLockPath = Path("poetry.lock"); AddProblems("poetry.lock", poText, l.Errors); }

        // Pipfile and Pipfile.lock.
        if (Read("Pipfile") is { } pfText)
        {
            any = true;
            var pf = ManifestParseCache.Pipfile(Path("Pipfile"), pfText.Text);
            p.Pipfile = pf; p.PipfilePath = Path("Pipfile");
            AddProblems("Pipfile", pfText, pf.Errors);
            if ((pf.PythonFullVersion ?? pf.PythonVersion) is { } pv)
                constraints.Add(new PythonConstraint(pv.Value, "Pipfile python_version", Loc("Pipfile", pfText, pv.ContentSpan)) { Pep440Alternatives = new[] { "==" + pv.Value + (pf.PythonFullVersion == null ? ".*" : "") } });
            foreach (var d in pf.Packages) deps.Add(new ProjectDependency(d.Name.Name, d.NormalizedName, d.Version?.Value ?? "*", Loc("Pipfile", pfText, d.Name.Span)));
            foreach (var d in pf.DevPackages) devDeps.Add(new ProjectDependency(d.Name.Name, d.NormalizedName, d.Version?.Value ?? "*", Loc("Pipfile", pfText, d.Name.Span)) { Group = "dev-packages", IsDevelopment = true });
        }
        if (Read("Pipfile.lock") is { } plText) { any = true; var l = ManifestParseCache.PipfileLock(Path("Pipfile.lock"), plText.Text); p.PipfileLock = l; p.PipfileLockPath = Path("Pipfile.lock"); AddProblems("Pipfile.lock", plText, l.Errors); }

        // .python-version and runtime.txt.
        if (Read(".python-version") is { } pvText)
        {
            any = true;
            var f = ManifestParseCache.PythonVersion(Path(".python-version"), pvText.Text);
            p.PythonVersionFile = f; p.PythonVersionPath = Path(".python-version");
            AddProblems(".python-version", pvText, f.Errors);
            if (f.First is { Version: { } v } first)
                constraints.Add(new PythonConstraint(v, ".python-version", Loc(".python-version", pvText, first.VersionSpan ?? first.Text.Span)) { Pep440Alternatives = new[] { VersionToSeries(v) } });
        }
        if (Read("runtime.txt") is { } rtText)
        {
            var f = RuntimeTxtFile.Parse(rtText.Text);
            if (f.Version is { } v && f.Line is { } line)
            {
                any = true;
                constraints.Add(new PythonConstraint(v.Value, "runtime.txt", Loc("runtime.txt", rtText, v.Span)) { Pep440Alternatives = new[] { VersionToSeries(v.Value) } });
            }
        }

        // Requirements files at the root and in requirements/.
        var reqs = new List<string>();
        foreach (var file in fs.EnumerateFiles(p.ContextDirectory))
        {
            var name = PathUtil.GetFileName(file);
            if (Analysis.DocumentClassifier.Classify(file) == Analysis.DocumentKind.Requirements) reqs.Add(name);
        }
        foreach (var file in fs.EnumerateFiles(Path("requirements")))
            if (file.EndsWith(".txt", StringComparison.OrdinalIgnoreCase) || file.EndsWith(".in", StringComparison.OrdinalIgnoreCase))
                reqs.Add("requirements/" + PathUtil.GetFileName(file));
        reqs.Sort(StringComparer.Ordinal);
        p.RequirementsFiles = reqs;
        if (reqs.Count > 0) any = true;
        foreach (var rel in reqs)
        {
            // A pip-compile input (.in) beside its compiled .txt says the same thing less precisely.
            if (rel.EndsWith(".in", StringComparison.OrdinalIgnoreCase) && reqs.Contains(rel[..^3] + ".txt")) continue;
            bool dev = IsDevelopmentRequirementsFile(rel);
            var set = p.GetRequirements(rel, fs);
            foreach (var entry in set.Requirements)
            {
                if (entry.Name is not { } name || entry.IsConstraint) continue;
                var file = entry.FilePath;
                var text = set.Files.FirstOrDefault(f => f.Path == file)?.Text;
                if (text is null) continue;
                var fileRel = PathUtil.RelativeTo(p.ContextDirectory, file) ?? file;
                bool isDev = dev || IsDevelopmentRequirementsFile(fileRel);
                (isDev ? devDeps : deps).Add(new ProjectDependency(name, entry.NormalizedName ?? Normalize(name), entry.Text, new ManifestLocation(file, ManifestParseCache.Text(file, text), entry.NameSpan))
                { Group = isDev ? PathUtil.GetFileName(fileRel) : null, IsDevelopment = isDev });
            }
        }

        if (!any) return null;

        constraints.Sort((a, b) => Rank(a.Kind).CompareTo(Rank(b.Kind)));
        p.PythonConstraints = constraints;
        p.Dependencies = Dedupe(deps);
        p.DevelopmentDependencies = devDeps;
        p.Problems = problems;
        (p.Manager, p.ManagerReason) = DecideManager(p);
        return p;
    }

    /// <summary>True for requirements files that by their name hold development or test tools.</summary>
    /// <remarks>The name is split into words at every character that is not a letter or digit, so
    /// <c>requirements-dev.txt</c> and <c>test_requirements.txt</c> count while <c>requirements-docker.txt</c> does not.</remarks>
    public static bool IsDevelopmentRequirementsFile(string relativePath) => HasDevelopmentWord(PathUtil.GetFileName(relativePath));

    /// <summary>Words in file, group and extra names that mean "not for production".</summary>
    private static readonly HashSet<string> DevelopmentWords = new(StringComparer.Ordinal)
    {
        "dev", "devel", "develop", "development", "test", "tests", "testing", "lint", "linting", "linters", "docs", "doc",
        "typing", "types", "mypy", "ci", "format", "formatting", "style", "qa", "check", "checks", "debug",
    };

    /// <summary>True for a group or extra name that means development ("dev", "test", "lint"…).</summary>
    public static bool IsDevelopmentName(string name) => DevelopmentWords.Contains(Normalize(name));

    /// <summary>True when one of the words of <paramref name="name"/> (split at anything but letters and digits) is a
    /// development word.</summary>
    public static bool HasDevelopmentWord(string name)
    {
        int start = 0;
        for (int i = 0; i <= name.Length; i++)
        {
            if (i < name.Length && char.IsAsciiLetterOrDigit(name[i])) continue;
            if (i > start && DevelopmentWords.Contains(name.Substring(start, i - start).ToLowerInvariant())) return true;
            start = i + 1;
        }
        return false;
    }

    private static int Rank(string kind) => kind switch
    {
        "requires-python" => 0,
        "[tool.poetry.dependencies] python" => 1,
        "Pipfile python_version" => 2,
        ".python-version" => 3,
        _ => 4,
    };

    private static (PackageManager, string) DecideManager(PythonProject p)
    {
        if (p.UvLockPath != null) return (PackageManager.Uv, "uv.lock found");
        if (p.PoetryLockPath != null) return (PackageManager.Poetry, "poetry.lock found");
        if (p.PipfileLockPath != null || p.PipfilePath != null) return (PackageManager.Pipenv, p.PipfileLockPath != null ? "Pipfile.lock found" : "Pipfile found");
        if (p.PyProject?.Poetry != null && (p.PyProject.BuildSystem?.BuildBackend?.Value.Contains("poetry", StringComparison.Ordinal) ?? false || p.PyProject.Poetry.Dependencies.Count > 0))
            return (PackageManager.Poetry, "[tool.poetry] in pyproject.toml");
        if (p.PyProject?.Uv != null) return (PackageManager.Uv, "[tool.uv] in pyproject.toml");
        if (p.RequirementsFiles.Count > 0) return (PackageManager.PipRequirements, $"{p.RequirementsFiles[0]} found");
        if (p.PyProject?.Project != null) return (PackageManager.PipPyProject, "[project] in pyproject.toml and no lock file");
        return (PackageManager.Unknown, "no manifest names a package manager");
    }

    private static IReadOnlyList<ProjectDependency> Dedupe(List<ProjectDependency> deps)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var list = new List<ProjectDependency>();
        foreach (var d in deps) if (seen.Add(d.NormalizedName)) list.Add(d);
        return list;
    }

    /// <summary>"3.12" → "==3.12.*"; "3.12.4" → "==3.12.4"; "pypy3.10" → "==3.10.*".</summary>
    public static string VersionToSeries(string version)
    {
        var v = version.Trim();
        int firstDigit = 0;
        while (firstDigit < v.Length && !char.IsDigit(v[firstDigit])) firstDigit++;
        v = v.Substring(firstDigit);
        return v.Count(c => c == '.') >= 2 ? "==" + v : "==" + v + ".*";
    }

    /// <summary>PEP 503 name normalisation: lower case, runs of '-', '_' and '.' become one '-'.</summary>
    public static string Normalize(string name) => Packaging.PackageName.Normalize(name);

    /// <summary>The project name at the start of a PEP 508 requirement ("uvicorn[standard]>=0.27" → "uvicorn").</summary>
    public static string? DependencyName(string requirement)
    {
        if (Packaging.Pep508Requirement.TryParse(requirement, out var parsed, out _)) return parsed.Name;
        int i = 0;
        while (i < requirement.Length && char.IsWhiteSpace(requirement[i])) i++;
        int start = i;
        while (i < requirement.Length && (char.IsLetterOrDigit(requirement[i]) || requirement[i] is '-' or '_' or '.')) i++;
        return i > start ? requirement.Substring(start, i - start).TrimEnd('.', '-', '_') : null;
    }
}
