using PyDockerLsp.Core.Text;

namespace PyDockerLsp.Core.Python.Requirements;

/// <summary>One logical line of a requirements file that says something: a requirement, an include, or options.</summary>
public sealed class RequirementsFileLine
{
    internal RequirementsFileLine(int lineNumber, TextSpan span, IReadOnlyList<RequirementsOption> options,
        RequirementEntry? requirement, RequirementsInclude? include)
    {
        LineNumber = lineNumber;
        Span = span;
        Options = options;
        Requirement = requirement;
        Include = include;
    }

    /// <summary>1-based number of the first physical line.</summary>
    public int LineNumber { get; }

    /// <summary>The line in the file's text, continuations included, comment excluded.</summary>
    public TextSpan Span { get; }

    public IReadOnlyList<RequirementsOption> Options { get; }
    public RequirementEntry? Requirement { get; }
    public RequirementsInclude? Include { get; }

    /// <summary>True for a line of options only (no requirement, no include): the lines that configure pip.</summary>
    public bool IsOptionLine => Requirement == null && Include == null;
}

/// <summary>
/// One parsed requirements file, independent of the files around it: its lines, requirements, options,
/// includes, and the problems found in its own text (syntax and unknown options).
/// </summary>
public sealed class RequirementsFile
{
    internal RequirementsFile(string path, string text, bool isConstraintFile, IReadOnlyList<RequirementsFileLine> lines, IReadOnlyList<RequirementsProblem> problems)
    {
        Path = path;
        Text = text;
        IsConstraintFile = isConstraintFile;
        Lines = lines;
        Problems = problems;
        Requirements = lines.Where(l => l.Requirement != null).Select(l => l.Requirement!).ToArray();
        Includes = lines.Where(l => l.Include != null).Select(l => l.Include!).ToArray();
        Options = lines.SelectMany(l => l.Options).ToArray();
    }

    public string Path { get; }
    public string Text { get; }

    /// <summary>True when the file was read as constraints (<c>-c</c>).</summary>
    public bool IsConstraintFile { get; }

    public IReadOnlyList<RequirementsFileLine> Lines { get; }
    public IReadOnlyList<RequirementEntry> Requirements { get; }
    public IReadOnlyList<RequirementsInclude> Includes { get; }
    public IReadOnlyList<RequirementsOption> Options { get; }

    /// <summary>Syntax and unknown-option problems of this file's text.</summary>
    public IReadOnlyList<RequirementsProblem> Problems { get; }
}

/// <summary>
/// The requirements files pip reads for one install (a root file and everything it includes with
/// <c>-r</c>/<c>-c</c>), with the settings their option lines leave pip in and every problem found.
/// </summary>
public sealed class RequirementsFileSet
{
    internal RequirementsFileSet() { }

    /// <summary>The files read, each once, in the order first reached.</summary>
    public IReadOnlyList<RequirementsFile> Files { get; internal set; } = Array.Empty<RequirementsFile>();

    /// <summary>Every requirement in pip's order (depth-first through includes); constraints included and marked.
    /// A file included twice contributes its entries twice, as pip reads it twice.</summary>
    public IReadOnlyList<RequirementEntry> Requirements { get; internal set; } = Array.Empty<RequirementEntry>();

    /// <summary>The requirements that install something (constraints left out).</summary>
    public IEnumerable<RequirementEntry> InstallRequirements => Requirements.Where(r => !r.IsConstraint);

    /// <summary>All problems: each file's own, include problems, and duplicates.</summary>
    public IReadOnlyList<RequirementsProblem> Problems { get; internal set; } = Array.Empty<RequirementsProblem>();

    /// <summary>Files named (as roots or by includes) that do not exist.</summary>
    public IReadOnlyList<string> MissingFiles { get; internal set; } = Array.Empty<string>();

    /// <summary>Every <c>--index-url</c>, <c>--extra-index-url</c> and <c>--find-links</c> written in the files.</summary>
    public IReadOnlyList<PackageSource> PackageSources { get; internal set; } = Array.Empty<PackageSource>();

    /// <summary>The index URLs pip ends up with after the option lines, starting from none: <c>--index-url</c> replaces,
    /// <c>--extra-index-url</c> appends, <c>--no-index</c> clears and ignores later ones. Empty means pip's default index
    /// (unless <see cref="NoIndex"/>).</summary>
    public IReadOnlyList<string> IndexUrls { get; internal set; } = Array.Empty<string>();

    /// <summary><c>--find-links</c> locations; a relative path that exists beside its file is made absolute.</summary>
    public IReadOnlyList<string> FindLinks { get; internal set; } = Array.Empty<string>();

    public bool NoIndex { get; internal set; }
    public bool Pre { get; internal set; }
    public bool PreferBinary { get; internal set; }

    /// <summary><c>--require-hashes</c> was given.</summary>
    public bool RequireHashes { get; internal set; }

    /// <summary>pip checks hashes: <c>--require-hashes</c> was given, or a requirement has <c>--hash</c>.</summary>
    public bool HashCheckingMode => RequireHashes || InstallRequirements.Any(r => r.Hashes.Count > 0);

    public IReadOnlyList<string> TrustedHosts { get; internal set; } = Array.Empty<string>();

    /// <summary><c>--no-binary</c> / <c>--only-binary</c> after all lines: <c>:all:</c> or normalised project names.</summary>
    public IReadOnlyCollection<string> NoBinary { get; internal set; } = Array.Empty<string>();
    public IReadOnlyCollection<string> OnlyBinary { get; internal set; } = Array.Empty<string>();

    /// <summary><c>--all-releases</c> / <c>--only-final</c> (and <c>--pre</c>, which means <c>--all-releases :all:</c>).</summary>
    public IReadOnlyCollection<string> AllReleases { get; internal set; } = Array.Empty<string>();
    public IReadOnlyCollection<string> OnlyFinal { get; internal set; } = Array.Empty<string>();

    /// <summary><c>--use-feature</c> values.</summary>
    public IReadOnlyList<string> Features { get; internal set; } = Array.Empty<string>();

    /// <summary>Named requirements that install something without pinning the version with <c>==</c> or <c>===</c>
    /// (URL, path and editable requirements name an artifact, not a version range, and are not counted).</summary>
    public IEnumerable<RequirementEntry> UnpinnedRequirements =>
        InstallRequirements.Where(r => r.Kind == RequirementKind.Named && r.Url == null && !r.IsPinned);

    /// <summary>True when every named requirement is pinned (<see cref="UnpinnedRequirements"/> is empty).</summary>
    public bool AllPinned => !UnpinnedRequirements.Any();

    /// <summary>Named requirements with no version clause at all.</summary>
    public IEnumerable<RequirementEntry> RequirementsWithoutVersion => InstallRequirements.Where(r => r.LacksVersion);

    /// <summary>In hash-checking mode, the requirements pip will refuse because they have no <c>--hash</c>.</summary>
    public IEnumerable<RequirementEntry> RequirementsWithoutHashes =>
        HashCheckingMode ? InstallRequirements.Where(r => r.Hashes.Count == 0 && !r.IsEditable) : Enumerable.Empty<RequirementEntry>();
}
