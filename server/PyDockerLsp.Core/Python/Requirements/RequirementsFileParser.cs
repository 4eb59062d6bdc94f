using PyDockerLsp.Core.IO;
using PyDockerLsp.Core.Python.Packaging;
using PyDockerLsp.Core.Text;

namespace PyDockerLsp.Core.Python.Requirements;

/// <summary>Settings for reading requirements files.</summary>
public sealed class RequirementsParseOptions
{
    public static RequirementsParseOptions Default { get; } = new();

    /// <summary>Values for <c>${NAME}</c> references; a reference to a variable not given here stays as written
    /// (as pip leaves an unset variable). The core reads no process environment of its own.</summary>
    public IReadOnlyDictionary<string, string>? EnvironmentVariables { get; init; }
}

/// <summary>A file pip is told to read: <c>-r path</c>, or <c>-c path</c> for constraints.</summary>
public sealed record RequirementsInput(string Path, bool IsConstraint = false);

/// <summary>
/// Reads pip requirements files: <see cref="ParseText"/> one file on its own (what an editor shows for an open
/// document), <see cref="Parse(string, IFileSystem, RequirementsParseOptions?)"/> a root file with everything it
/// includes, resolved like pip (relative to the including file) and checked for missing files, cycles and
/// duplicate projects.
/// </summary>
public static class RequirementsFileParser
{
    public static RequirementsFileSet Parse(string path, IFileSystem fileSystem, RequirementsParseOptions? options = null) =>
        Parse(new[] { new RequirementsInput(path) }, fileSystem, options);

    /// <summary>Several roots read with one pip invocation (<c>pip install -r a.txt -c b.txt</c>).</summary>
    public static RequirementsFileSet Parse(IReadOnlyList<RequirementsInput> inputs, IFileSystem fileSystem, RequirementsParseOptions? options = null)
    {
        var walker = new FileSetWalker(fileSystem, options ?? RequirementsParseOptions.Default);
        foreach (var input in inputs) walker.WalkRoot(input);
        return walker.Build();
    }

    /// <summary>Parses one file's text without following its includes.</summary>
    public static RequirementsFile ParseText(string path, string text, bool isConstraint = false, RequirementsParseOptions? options = null)
    {
        var environment = (options ?? RequirementsParseOptions.Default).EnvironmentVariables;
        var lines = new List<RequirementsFileLine>();
        var problems = new List<RequirementsProblem>();
        var scratch = new LineScratch();
        foreach (var line in RequirementsPreprocessor.Preprocess(text, environment))
        {
            var parsed = ParseLine(path, line, isConstraint, scratch, problems);
            if (parsed != null) lines.Add(parsed);
        }
        return new RequirementsFile(path, text, isConstraint, lines, problems);
    }

    /// <summary>Lists reused from line to line.</summary>
    private sealed class LineScratch
    {
        public readonly List<ShellWord> Words = new();
        public readonly List<ParsedOption> Options = new();
        public readonly List<LineProblem> Problems = new();
        public readonly List<LineProblem> RequirementProblems = new();
    }

    /// <summary>pip's line handling: the words before the first one starting with <c>-</c> are the requirement, the
    /// rest are options (shell-split, then parsed like command-line options).</summary>
    private static RequirementsFileLine? ParseLine(string path, LogicalLine line, bool isConstraint, LineScratch scratch, List<RequirementsProblem> problems)
    {
        var text = line.Text;
        int optionsStart = FirstOptionWord(text);
        scratch.Words.Clear();
        scratch.Options.Clear();
        scratch.Problems.Clear();
        if (optionsStart >= 0 && !ShellWords.TrySplit(text, optionsStart, scratch.Words, out int errorAt, out string? error))
        {
            problems.Add(new RequirementsProblem(RequirementsProblemKind.Syntax, path, line.Map(errorAt, text.Length),
                $"The options cannot be read: {error}."));
            return null;
        }
        PipOptionParser.Parse(text, scratch.Words, scratch.Options, scratch.Problems);

        int argsEnd = optionsStart < 0 ? text.Length : Math.Max(0, optionsStart - 1);
        int argsStart = 0;
        while (argsEnd > argsStart && PythonChars.IsWhitespace(text[argsEnd - 1])) argsEnd--;

        var options = MapOptions(path, line, scratch.Options);
        RequirementEntry? requirement = null;
        RequirementsInclude? include = null;
        if (argsEnd > argsStart)
        {
            requirement = ParseRequirement(path, line, text, argsStart, argsEnd, editableValue: null, isConstraint, scratch, options);
        }
        else if (FirstOption(scratch.Options, PipOptionSpec.Editable) is { } editable)
        {
            requirement = ParseRequirement(path, line, text, 0, 0, editable, isConstraint, scratch, options);
        }
        else if ((FirstOption(scratch.Options, PipOptionSpec.Requirement) ?? FirstOption(scratch.Options, PipOptionSpec.Constraint)) is { } inc)
        {
            var kind = inc.Spec == PipOptionSpec.Requirement ? RequirementsIncludeKind.Requirements : RequirementsIncludeKind.Constraints;
            include = new RequirementsInclude(kind, inc.Value!, ResolveInclude(path, inc.Value!), path, line.LineNumber, line.Map(inc.ValueSpan!.Value));
        }

        foreach (var p in scratch.Problems)
            problems.Add(new RequirementsProblem(p.Kind, path, line.Map(p.Span), p.Message));
        if (requirement == null && include == null && options.Count == 0) return null;
        return new RequirementsFileLine(line.LineNumber, line.SourceSpan, options, requirement, include);
    }

    private static RequirementEntry? ParseRequirement(string path, LogicalLine line, string text, int start, int end, ParsedOption? editableValue,
        bool isConstraint, LineScratch scratch, IReadOnlyList<RequirementsOption> options)
    {
        List<RequirementHash>? hashes = null;
        Dictionary<string, IReadOnlyList<string>>? config = null;
        foreach (var o in scratch.Options)
        {
            if (o.Spec == PipOptionSpec.Hash)
            {
                (hashes ??= new List<RequirementHash>(4)).Add(new RequirementHash(o.Value!, line.Map(o.ValueSpan!.Value)));
            }
            else if (o.Spec == PipOptionSpec.ConfigSettings)
            {
                config ??= new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
                int eq = o.Value!.IndexOf('=');
                var key = o.Value[..eq];
                var value = o.Value[(eq + 1)..];
                config[key] = config.TryGetValue(key, out var existing) ? existing.Append(value).ToArray() : new[] { value };
            }
        }
        var context = new RequirementLineParser.Context(path, line, isConstraint, editableValue != null,
            hashes ?? (IReadOnlyList<RequirementHash>)Array.Empty<RequirementHash>(),
            config ?? RequirementEntry.NoSettings);

        var lineProblems = scratch.RequirementProblems;
        lineProblems.Clear();
        RequirementEntry? entry;
        if (editableValue is { } e)
        {
            // The value is a shell word: when quotes were removed, offsets inside it no longer match the line,
            // so everything found in it is placed on the whole word.
            var span = e.ValueSpan!.Value;
            bool verbatim = span.Length == e.Value!.Length && string.CompareOrdinal(text, span.Start, e.Value, 0, span.Length) == 0;
            entry = verbatim
                ? RequirementLineParser.Parse(context, text, span.Start, span.End, lineProblems)
                : RequirementLineParser.Parse(context, e.Value, 0, e.Value.Length, lineProblems);
            if (!verbatim)
            {
                for (int i = 0; i < lineProblems.Count; i++) lineProblems[i] = lineProblems[i] with { Span = span };
                if (entry != null) PlaceOn(entry, span);
            }
        }
        else
        {
            entry = RequirementLineParser.Parse(context, text, start, end, lineProblems);
        }
        foreach (var p in lineProblems) scratch.Problems.Add(p);
        if (entry == null) return null;
        MapToFile(entry, line);
        return entry;
    }

    private static void PlaceOn(RequirementEntry entry, TextSpan span)
    {
        entry.NameSpan = span;
        entry.RequirementSpan = span;
        entry.SpecifierSpan = entry.SpecifierSpan == null ? null : span;
        entry.MarkerSpan = entry.MarkerSpan == null ? null : span;
    }

    /// <summary>Turns the entry's line offsets into offsets of the file's text.</summary>
    private static void MapToFile(RequirementEntry entry, LogicalLine line)
    {
        entry.NameSpan = line.Map(entry.NameSpan);
        entry.RequirementSpan = line.Map(entry.RequirementSpan);
        if (entry.SpecifierSpan is { } s) entry.SpecifierSpan = line.Map(s);
        if (entry.MarkerSpan is { } m) entry.MarkerSpan = line.Map(m);
        entry.Span = line.SourceSpan;
    }

    private static IReadOnlyList<RequirementsOption> MapOptions(string path, LogicalLine line, List<ParsedOption> parsed)
    {
        if (parsed.Count == 0) return Array.Empty<RequirementsOption>();
        var result = new RequirementsOption[parsed.Count];
        for (int i = 0; i < parsed.Count; i++)
        {
            var o = parsed[i];
            result[i] = new RequirementsOption(o.Spec.Name, o.Value, path, line.LineNumber, line.Map(o.NameSpan),
                o.ValueSpan is { } v ? line.Map(v) : null);
        }
        return result;
    }

    private static ParsedOption? FirstOption(List<ParsedOption> options, PipOptionSpec spec)
    {
        foreach (var o in options) if (o.Spec == spec) return o;
        return null;
    }

    /// <summary>Where the options start: the first space-separated word that begins with <c>-</c>, or -1.</summary>
    internal static int FirstOptionWord(string text)
    {
        for (int i = 0; i < text.Length; i++)
            if (text[i] == '-' && (i == 0 || text[i - 1] == ' ')) return i;
        return -1;
    }

    /// <summary>pip's break_args_options, for tests: the requirement part and the options part of a line.</summary>
    internal static (string Args, string Options) SplitArgsAndOptions(string line)
    {
        int k = FirstOptionWord(line);
        return k < 0 ? (line, "") : (k == 0 ? "" : line[..(k - 1)], line[k..]);
    }

    /// <summary>An include is relative to the including file: joined to its directory, or to its URL when the
    /// including file was fetched from one.</summary>
    internal static string ResolveInclude(string fromPath, string target)
    {
        if (IsWebUrl(fromPath))
            return Uri.TryCreate(new Uri(fromPath), target, out var joined) ? joined.ToString() : target;
        if (IsWebUrl(target)) return target;
        if (target.StartsWith("file:", StringComparison.OrdinalIgnoreCase) && Uri.TryCreate(target, UriKind.Absolute, out var fileUri))
            return PathUtil.Normalize(fileUri.LocalPath);
        var directory = PathUtil.GetDirectory(fromPath);
        return directory.Length == 0 ? PathUtil.Normalize(target) : PathUtil.Combine(directory, target);
    }

    private static bool IsWebUrl(string path) =>
        path.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || path.StartsWith("https://", StringComparison.OrdinalIgnoreCase);

    /// <summary>Reads the files of one pip invocation in pip's order and collects what their option lines set.</summary>
    private sealed class FileSetWalker
    {
        private readonly IFileSystem _fs;
        private readonly RequirementsParseOptions _options;
        private readonly Dictionary<(string, bool), RequirementsFile?> _files = new();
        private readonly List<RequirementsFile> _fileOrder = new();
        private readonly List<string> _stack = new();
        private readonly List<RequirementEntry> _requirements = new();
        private readonly List<RequirementsProblem> _includeProblems = new();
        private readonly HashSet<(string, int, RequirementsProblemKind)> _reported = new();
        private readonly List<string> _missing = new();
        private readonly List<PackageSource> _sources = new();
        private readonly HashSet<(string, int)> _sourcesSeen = new();
        private readonly List<string> _indexUrls = new();
        private readonly List<string> _findLinks = new();
        private readonly List<string> _trustedHosts = new();
        private readonly List<string> _features = new();
        private readonly HashSet<string> _noBinary = new(StringComparer.Ordinal), _onlyBinary = new(StringComparer.Ordinal);
        private readonly HashSet<string> _allReleases = new(StringComparer.Ordinal), _onlyFinal = new(StringComparer.Ordinal);
        private bool _noIndex, _pre, _preferBinary, _requireHashes;

        public FileSetWalker(IFileSystem fs, RequirementsParseOptions options)
        {
            _fs = fs;
            _options = options;
        }

        public void WalkRoot(RequirementsInput input)
        {
            var path = IsWebUrl(input.Path) ? input.Path : PathUtil.Normalize(input.Path);
            if (Load(path, input.IsConstraint) is { } file) Walk(file);
            else if (!IsWebUrl(path)) _missing.Add(path);
        }

        private RequirementsFile? Load(string path, bool isConstraint)
        {
            if (_files.TryGetValue((path, isConstraint), out var cached)) return cached;
            var text = _fs.ReadAllText(path);
            // The default options parse the same text the same way: share the parse between analyses.
            var file = text == null ? null
                : ReferenceEquals(_options, RequirementsParseOptions.Default) ? ManifestParseCache.Requirements(path, text, isConstraint)
                : ParseText(path, text, isConstraint, _options);
            _files[(path, isConstraint)] = file;
            if (file != null) _fileOrder.Add(file);
            return file;
        }

        private void Walk(RequirementsFile file)
        {
            _stack.Add(file.Path);
            foreach (var line in file.Lines)
            {
                ApplyEveryLineOptions(line);
                if (line.Requirement != null) _requirements.Add(line.Requirement);
                else if (line.Include != null) FollowInclude(line.Include);
                else ApplyOptionLine(file, line);
            }
            _stack.RemoveAt(_stack.Count - 1);
        }

        private void FollowInclude(RequirementsInclude include)
        {
            var target = include.ResolvedPath;
            int onStack = _stack.IndexOf(target);
            if (onStack >= 0)
            {
                var chain = string.Join(" → ", _stack.Skip(onStack).Append(target).Select(DisplayName));
                Report(new RequirementsProblem(RequirementsProblemKind.IncludeCycle, include.FromPath, include.Span,
                    $"Including '{include.Target}' here makes pip read it again while it is still reading it: {chain}."));
                return;
            }
            var file = Load(target, include.Kind == RequirementsIncludeKind.Constraints);
            if (file != null)
            {
                Walk(file);
                return;
            }
            // A file on a web server cannot be checked from here; only local files are reported missing.
            if (include.IsRemote) return;
            if (!_missing.Contains(target)) _missing.Add(target);
            Report(new RequirementsProblem(RequirementsProblemKind.IncludeMissing, include.FromPath, include.Span,
                $"'{include.Target}' does not exist (looked for {target}); pip stops with an error when it cannot open an included file."));
        }

        private static string DisplayName(string path) => PathUtil.GetFileName(path);

        private void Report(RequirementsProblem problem)
        {
            if (_reported.Add((problem.Path, problem.Span.Start, problem.Kind))) _includeProblems.Add(problem);
        }

        /// <summary>Options whose callbacks act while a line is parsed, whatever the line is.</summary>
        private void ApplyEveryLineOptions(RequirementsFileLine line)
        {
            foreach (var o in line.Options)
            {
                switch (o.Name)
                {
                    case "--no-binary": MutuallyExclude(o.Value!, _noBinary, _onlyBinary); break;
                    case "--only-binary": MutuallyExclude(o.Value!, _onlyBinary, _noBinary); break;
                    case "--all-releases": MutuallyExclude(o.Value!, _allReleases, _onlyFinal); break;
                    case "--only-final": MutuallyExclude(o.Value!, _onlyFinal, _allReleases); break;
                    case "--index-url": AddSource(PackageSourceKind.IndexUrl, line, o); break;
                    case "--extra-index-url": AddSource(PackageSourceKind.ExtraIndexUrl, line, o); break;
                    case "--find-links": AddSource(PackageSourceKind.FindLinks, line, o); break;
                }
            }
        }

        private void AddSource(PackageSourceKind kind, RequirementsFileLine line, RequirementsOption o)
        {
            var span = o.ValueSpan!.Value;
            if (!_sourcesSeen.Add((o.FilePath, span.Start))) return;
            var file = _fileOrder.First(f => f.Path == o.FilePath);
            _sources.Add(new PackageSource(kind, o.Value!, file.Text.Substring(span.Start, span.Length), o.FilePath, line.LineNumber, span));
        }

        /// <summary>pip's FormatControl.handle_mutual_excludes: names join <paramref name="target"/> and leave
        /// <paramref name="other"/>; <c>:all:</c> empties both first, <c>:none:</c> empties the target.</summary>
        private static void MutuallyExclude(string value, HashSet<string> target, HashSet<string> other)
        {
            var names = value.Split(',').ToList();
            while (names.Contains(":all:"))
            {
                other.Clear();
                target.Clear();
                target.Add(":all:");
                names.RemoveRange(0, names.IndexOf(":all:") + 1);
                if (!names.Contains(":none:")) return;
            }
            foreach (var name in names)
            {
                if (name == ":none:") { target.Clear(); continue; }
                var normalized = PackageName.Normalize(name);
                other.Remove(normalized);
                target.Add(normalized);
            }
        }

        /// <summary>pip's handle_option_line: what a line of options changes in the package finder.</summary>
        private void ApplyOptionLine(RequirementsFile file, RequirementsFileLine line)
        {
            string? indexUrl = null;
            string? firstFindLinks = null;
            var extra = new List<string>();
            foreach (var o in line.Options)
            {
                switch (o.Name)
                {
                    case "--no-index": _noIndex = true; _indexUrls.Clear(); break;
                    case "--index-url": indexUrl = o.Value; break;
                    case "--extra-index-url": extra.Add(o.Value!); break;
                    case "--find-links": firstFindLinks ??= o.Value; break;
                    case "--pre": _pre = true; break;
                    case "--prefer-binary": _preferBinary = true; break;
                    case "--require-hashes": _requireHashes = true; break;
                    case "--trusted-host": _trustedHosts.Add(o.Value!); break;
                    case "--use-feature": if (!_features.Contains(o.Value!)) _features.Add(o.Value!); break;
                }
            }
            if (indexUrl != null && !_noIndex)
            {
                _indexUrls.Clear();
                _indexUrls.Add(indexUrl);
            }
            if (!_noIndex) _indexUrls.AddRange(extra);
            if (firstFindLinks != null) _findLinks.Add(ResolveFindLinks(file.Path, firstFindLinks));
        }

        /// <summary>A relative find-links path that exists beside the requirements file is made absolute against it.</summary>
        private string ResolveFindLinks(string filePath, string value)
        {
            if (IsWebUrl(filePath) || IsWebUrl(value)) return value;
            var directory = PathUtil.GetDirectory(filePath);
            var candidate = directory.Length == 0 ? PathUtil.Normalize(value) : PathUtil.Combine(directory, value);
            return _fs.FileExists(candidate) || _fs.DirectoryExists(candidate) ? candidate : value;
        }

        public RequirementsFileSet Build()
        {
            // --pre alone means "all releases of everything".
            if (_pre && _allReleases.Count == 0 && _onlyFinal.Count == 0) _allReleases.Add(":all:");
            var problems = new List<RequirementsProblem>();
            foreach (var f in _fileOrder) problems.AddRange(f.Problems);
            problems.AddRange(_includeProblems);
            problems.AddRange(FindDuplicates());
            return new RequirementsFileSet
            {
                Files = _fileOrder.ToArray(),
                Requirements = _requirements.ToArray(),
                Problems = problems,
                MissingFiles = _missing.ToArray(),
                PackageSources = _sources.ToArray(),
                IndexUrls = _indexUrls.ToArray(),
                FindLinks = _findLinks.ToArray(),
                NoIndex = _noIndex,
                Pre = _pre,
                PreferBinary = _preferBinary,
                RequireHashes = _requireHashes,
                TrustedHosts = _trustedHosts.ToArray(),
                NoBinary = _noBinary.ToArray(),
                OnlyBinary = _onlyBinary.ToArray(),
                AllReleases = _allReleases.ToArray(),
                OnlyFinal = _onlyFinal.ToArray(),
                Features = _features.ToArray(),
            };
        }

        /// <summary>The same project (same normalised name, same marker) required a second time; the later entry
        /// is reported with the first as related. Entries of constraint files are not requirements.</summary>
        private IEnumerable<RequirementsProblem> FindDuplicates()
        {
            var first = new Dictionary<string, RequirementEntry>(StringComparer.Ordinal);
            var reported = new HashSet<RequirementEntry>(ReferenceEqualityComparer.Instance);
            foreach (var entry in _requirements)
            {
                if (entry.IsConstraint || entry.NormalizedName is not { } name) continue;
                var key = name + "\0" + (entry.Marker?.ToString() ?? "");
                if (!first.TryGetValue(key, out var earlier))
                {
                    first[key] = entry;
                    continue;
                }
                if (ReferenceEquals(earlier, entry) || !reported.Add(entry)) continue;
                var where = earlier.FilePath == entry.FilePath ? $"line {earlier.LineNumber}" : $"{PathUtil.GetFileName(earlier.FilePath)} line {earlier.LineNumber}";
                yield return new RequirementsProblem(RequirementsProblemKind.Duplicate, entry.FilePath, entry.NameSpan,
                    $"'{entry.Name}' is already required ({where}: {earlier.Text}).")
                {
                    RelatedPath = earlier.FilePath,
                    RelatedSpan = earlier.NameSpan,
                };
            }
        }
    }
}
