using PyDockerLsp.Core.IO;
using PyDockerLsp.Core.Python.Manifests;
using PyDockerLsp.Core.Python.Requirements;
using PyDockerLsp.Core.Text;

namespace PyDockerLsp.Core.Analysis.Rules;

/// <summary>
/// A rule about one manifest file on its own (a requirements file, pyproject.toml, a lock file, the Pipfile):
/// what it finds is true whatever Dockerfile installs the file. It is discovered like <see cref="IRule"/> and shares
/// its documentation and configuration; <see cref="Check"/> reads <see cref="ManifestRuleContext.Document"/>.
/// Findings that need a Dockerfile to exist (PD207, PD806) are ordinary <see cref="IRule"/>s reporting on the manifest.
/// </summary>
public interface IManifestRule : IRuleMetadata
{
    void Check(ManifestRuleContext context);
}

/// <summary>One manifest document, parsed on demand into the model its kind calls for.</summary>
public sealed class ManifestDocument
{
    private RequirementsFileSet? _requirements;
    private IReadOnlyList<RequirementsProblem>? _requirementsProblems;
    private object? _model;
    private bool _modelRead;

    public ManifestDocument(string path, SourceText source, DocumentKind kind, IFileSystem fileSystem)
    {
        Path = PathUtil.Normalize(path);
        Source = source;
        Kind = kind;
        FileSystem = fileSystem;
    }

    public string Path { get; }
    public SourceText Source { get; }
    public DocumentKind Kind { get; }
    public IFileSystem FileSystem { get; }

    /// <summary>For a requirements file: the set read from it, includes followed.</summary>
    public RequirementsFileSet? RequirementsSet => Kind != DocumentKind.Requirements ? null
        : _requirements ??= RequirementsFileParser.Parse(Path, new OneFileOver(FileSystem, Path, Source.Text));

    /// <summary>For a requirements file: the file itself as parsed in <see cref="RequirementsSet"/>.</summary>
    public RequirementsFile? RequirementsFile => RequirementsSet?.Files.FirstOrDefault(f => f.Path == Path);

    /// <summary>
    /// For a requirements file: the problems located in it, from its own set and from the sets of the requirements
    /// files beside it (and one folder up) that include it: a duplicate may only show when a parent file includes
    /// two files. Each problem once.
    /// </summary>
    public IReadOnlyList<RequirementsProblem> RequirementsProblems => _requirementsProblems ??= CollectRequirementsProblems();

    public PyProjectFile? PyProject => Model as PyProjectFile;
    public PipfileFile? Pipfile => Model as PipfileFile;
    public PipfileLock? PipfileLock => Model as PipfileLock;
    public UvLock? UvLock => Model as UvLock;
    public PoetryLock? PoetryLock => Model as PoetryLock;

    /// <summary>The errors of a TOML or JSON manifest (syntax first, then values of the wrong shape).</summary>
    public IReadOnlyList<ManifestError> Errors => Model switch
    {
        PyProjectFile p => p.Errors,
        PipfileFile p => p.Errors,
        PipfileLock p => p.Errors,
        UvLock p => p.Errors,
        PoetryLock p => p.Errors,
        _ => Array.Empty<ManifestError>(),
    };

    private object? Model
    {
        get
        {
            if (_modelRead) return _model;
            _model = Kind switch
            {
                DocumentKind.PyProject => Python.ManifestParseCache.PyProject(Path, Source.Text),
                DocumentKind.Pipfile => Python.ManifestParseCache.Pipfile(Path, Source.Text),
                DocumentKind.PipfileLock => Python.ManifestParseCache.PipfileLock(Path, Source.Text),
                DocumentKind.UvLock => Python.ManifestParseCache.UvLock(Path, Source.Text),
                DocumentKind.PoetryLock => Python.ManifestParseCache.PoetryLock(Path, Source.Text),
                _ => null,
            };
            _modelRead = true;
            return _model;
        }
    }

    private IReadOnlyList<RequirementsProblem> CollectRequirementsProblems()
    {
        var own = RequirementsSet;
        if (own is null) return Array.Empty<RequirementsProblem>();
        var result = new List<RequirementsProblem>();
        var seen = new HashSet<(RequirementsProblemKind, int)>();
        void Add(IEnumerable<RequirementsProblem> problems)
        {
            foreach (var p in problems)
                if (p.Path == Path && seen.Add((p.Kind, p.Span.Start))) result.Add(p);
        }
        Add(own.Problems);
        var fs = new OneFileOver(FileSystem, Path, Source.Text);
        var directory = PathUtil.GetDirectory(Path);
        foreach (var folder in new[] { directory, PathUtil.GetDirectory(directory) }.Distinct())
        {
            foreach (var sibling in FileSystem.EnumerateFiles(folder))
            {
                var normalized = PathUtil.Normalize(sibling);
                if (normalized == Path || !MayBeRequirements(normalized)) continue;
                var text = fs.ReadAllText(normalized);
                // Cheap test first: a file that never mentions this one's name cannot include it.
                if (text is null || !text.Contains(PathUtil.GetFileName(Path), StringComparison.Ordinal)) continue;
                var set = RequirementsFileParser.Parse(normalized, fs);
                if (set.Files.Any(f => f.Path == Path))
                    Add(set.Problems.Where(p => p.Kind is RequirementsProblemKind.Duplicate or RequirementsProblemKind.IncludeCycle));
            }
        }
        return result;
    }

    /// <summary>Requirements files by name, and the .txt/.in files they include under any name (base.txt).</summary>
    private static bool MayBeRequirements(string path) => DocumentClassifier.Classify(path) == DocumentKind.Requirements
        || path.EndsWith(".txt", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".in", StringComparison.OrdinalIgnoreCase);

    /// <summary>The file system with the document's current text in place of whatever is stored for its path.</summary>
    private sealed class OneFileOver : IFileSystem
    {
        private readonly IFileSystem _below;
        private readonly string _path;
        private readonly string _text;

        public OneFileOver(IFileSystem below, string path, string text) { _below = below; _path = path; _text = text; }

        public bool FileExists(string path) => PathUtil.Normalize(path) == _path || _below.FileExists(path);
        public bool DirectoryExists(string path) => _below.DirectoryExists(path);
        public string? ReadAllText(string path) => PathUtil.Normalize(path) == _path ? _text : _below.ReadAllText(path);
        public IEnumerable<string> EnumerateFiles(string directory) => _below.EnumerateFiles(directory);
        public IEnumerable<string> EnumerateDirectories(string directory) => _below.EnumerateDirectories(directory);
    }
}

/// <summary>What a manifest rule sees: the document and a way to report findings on it.</summary>
public sealed class ManifestRuleContext
{
    private readonly List<Finding> _sink;

    internal ManifestRuleContext(ManifestDocument document, RuleDescriptor rule, List<Finding> sink, CancellationToken cancellation)
    {
        Document = document;
        Rule = rule;
        _sink = sink;
        Cancellation = cancellation;
    }

    public ManifestDocument Document { get; }
    public RuleDescriptor Rule { get; }
    public CancellationToken Cancellation { get; }
    public string Path => Document.Path;
    public SourceText Source => Document.Source;

    public void Report(TextSpan span, string message, IEnumerable<Fix>? fixes = null, IEnumerable<RelatedLocation>? related = null) =>
        _sink.Add(RuleContext.NewFinding(Rule, Path, Source, span, message, fixes, related));

    /// <summary>A location in this document (for related information).</summary>
    public RelatedLocation Related(TextSpan span, string message) => new(Path, span, Source.GetRange(span), message);

    /// <summary>A fix made of edits to this document.</summary>
    public Fix ManifestFix(string title, FixSafety safety, params TextEdit[] edits) =>
        new(title, safety, new[] { new FileEdit(Path, edits) });
}
