using PyDockerLsp.Core.Python.Packaging;
using PyDockerLsp.Core.Text;

namespace PyDockerLsp.Core.Python.Requirements;

/// <summary>What is wrong in a requirements file set; each kind feeds one rule.</summary>
public enum RequirementsProblemKind
{
    /// <summary>A line pip cannot parse: an invalid requirement or marker, a malformed option value, an unclosed
    /// quote (PD801).</summary>
    Syntax,
    /// <summary>An option pip does not accept in requirements files (PD802).</summary>
    UnknownOption,
    /// <summary>The same project required twice in one file set (PD803); the first is the related location.</summary>
    Duplicate,
    /// <summary><c>-r</c>/<c>-c</c> names a file that does not exist (PD804).</summary>
    IncludeMissing,
    /// <summary><c>-r</c>/<c>-c</c> includes a file that is already being read: a cycle (PD804).</summary>
    IncludeCycle,
}

/// <summary>A problem at an exact range of one file (offsets into that file's text).</summary>
public sealed record RequirementsProblem(RequirementsProblemKind Kind, string Path, TextSpan Span, string Message)
{
    /// <summary>Where the other half of the problem is (the first occurrence of a duplicate).</summary>
    public string? RelatedPath { get; init; }
    public TextSpan? RelatedSpan { get; init; }

    /// <summary>The rule that reports this kind of problem.</summary>
    public string RuleId => Kind switch
    {
        RequirementsProblemKind.Syntax => "PD801",
        RequirementsProblemKind.UnknownOption => "PD802",
        RequirementsProblemKind.Duplicate => "PD803",
        _ => "PD804",
    };
}

/// <summary>How a requirement line names what to install.</summary>
public enum RequirementKind
{
    /// <summary>A PEP 508 specifier: <c>name[extras] specifiers</c> or <c>name @ url</c>.</summary>
    Named,
    /// <summary>A bare URL (<c>https://…/pkg.tar.gz</c>, <c>git+https://…#egg=name</c>); named by its <c>#egg=</c>
    /// fragment when it has one.</summary>
    Url,
    /// <summary>A local directory or archive (<c>.</c>, <c>./lib</c>, <c>dist/pkg-1.0.tar.gz</c>).</summary>
    LocalPath,
    /// <summary>A wheel file by path or URL; its file name gives the name and version.</summary>
    WheelFile,
}

/// <summary>One <c>--hash=algo:digest</c>; the span covers <c>algo:digest</c>.</summary>
public sealed class RequirementHash
{
    private readonly string _value;
    private readonly int _colon;

    /// <summary><paramref name="value"/> is <c>algo:digest</c> as written after <c>--hash=</c>.</summary>
    internal RequirementHash(string value, TextSpan span)
    {
        _value = value;
        _colon = value.IndexOf(':');
        Span = span;
        Algorithm = value.AsSpan(0, _colon) switch
        {
            "sha256" => "sha256",
            "sha384" => "sha384",
            "sha512" => "sha512",
            var other => other.ToString(),
        };
    }

    public string Algorithm { get; }
    public string Digest => _value[(_colon + 1)..];
    public TextSpan Span { get; }

    public override string ToString() => _value;
}

/// <summary>
/// One requirement of a requirements file (a requirement line, or an <c>-e</c>/<c>--editable</c> line).
/// All spans are offsets into the text of <see cref="FilePath"/>, continuations included.
/// </summary>
public sealed class RequirementEntry
{
    internal RequirementEntry(string filePath, int lineNumber, RequirementKind kind, string text)
    {
        FilePath = filePath;
        LineNumber = lineNumber;
        Kind = kind;
        Text = text;
    }

    public string FilePath { get; }

    /// <summary>1-based number of the line the requirement starts on.</summary>
    public int LineNumber { get; }

    public RequirementKind Kind { get; }

    /// <summary>The requirement as pip reads it (variables expanded, options and comment removed), marker included.</summary>
    public string Text { get; }

    /// <summary>The project name, or null for an unnamed URL or path.</summary>
    public string? Name { get; internal set; }

    /// <summary>The PEP 503 form of <see cref="Name"/>.</summary>
    public string? NormalizedName => Name == null ? null : PackageName.Normalize(Name);

    /// <summary>Where the name is written; for an unnamed URL or path, the URL or path.</summary>
    public TextSpan NameSpan { get; internal set; }

    /// <summary>The requirement with its marker (without options and comment): where <see cref="Text"/> is written.</summary>
    public TextSpan RequirementSpan { get; internal set; }

    /// <summary>The whole logical line: requirement and options, across continuations, without the comment.</summary>
    public TextSpan Span { get; internal set; }

    /// <summary>The parsed specifier (marker excluded: pip reads the marker separately); null unless <see cref="Kind"/> is Named.</summary>
    public Pep508Requirement? Requirement { get; internal set; }

    /// <summary>The version clauses; a wheel file's version appears as <c>==version</c>.</summary>
    public SpecifierSet Specifier { get; internal set; } = SpecifierSet.Empty;

    /// <summary>From the first clause to the last, when the line has clauses.</summary>
    public TextSpan? SpecifierSpan { get; internal set; }

    public IReadOnlyList<string> Extras { get; internal set; } = Array.Empty<string>();

    /// <summary>The direct reference: the URL of <c>name @ url</c> or of a URL line, or the path of a path line.</summary>
    public string? Url { get; internal set; }

    public Marker? Marker { get; internal set; }
    public TextSpan? MarkerSpan { get; internal set; }

    public bool IsEditable { get; internal set; }

    /// <summary>True when the entry comes from a constraints file (<c>-c</c>): it limits versions but installs nothing.</summary>
    public bool IsConstraint { get; internal set; }

    public IReadOnlyList<RequirementHash> Hashes { get; internal set; } = Array.Empty<RequirementHash>();

    /// <summary><c>--config-settings KEY=VALUE</c> options of the line (a key given twice keeps both values).</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> ConfigSettings { get; internal set; } = NoSettings;

    internal static readonly IReadOnlyDictionary<string, IReadOnlyList<string>> NoSettings = new Dictionary<string, IReadOnlyList<string>>();

    /// <summary>True when an <c>==</c> (without <c>.*</c>) or <c>===</c> clause fixes the version, or a wheel file's
    /// name does.</summary>
    public bool IsPinned => Specifier.IsPinned;

    /// <summary>A named requirement with neither version clauses nor a URL: pip installs whatever is newest.</summary>
    public bool LacksVersion => Kind == RequirementKind.Named && Specifier.IsEmpty && Url == null;

    public override string ToString() => $"{FilePath}:{LineNumber}: {Text}";
}

/// <summary>One option as written in a file, by its long name (<c>-i</c> is reported as <c>--index-url</c>).</summary>
public sealed record RequirementsOption(string Name, string? Value, string FilePath, int LineNumber, TextSpan NameSpan, TextSpan? ValueSpan)
{
    /// <summary>The whole option as written, value included.</summary>
    public TextSpan Span => ValueSpan is { } v ? NameSpan.Union(v) : NameSpan;
}

public enum RequirementsIncludeKind
{
    /// <summary><c>-r</c>/<c>--requirement</c></summary>
    Requirements,
    /// <summary><c>-c</c>/<c>--constraint</c></summary>
    Constraints,
}

/// <summary>An <c>-r</c>/<c>-c</c> line: the target as written and as resolved against the including file.</summary>
public sealed record RequirementsInclude(RequirementsIncludeKind Kind, string Target, string ResolvedPath, string FromPath, int LineNumber, TextSpan Span)
{
    /// <summary>True for a target on a web server, which is not read.</summary>
    public bool IsRemote => ResolvedPath.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || ResolvedPath.StartsWith("https://", StringComparison.OrdinalIgnoreCase);
}

public enum PackageSourceKind { IndexUrl, ExtraIndexUrl, FindLinks }

/// <summary>An index or find-links location named in a file, with what its URL reveals about credentials.
/// <see cref="Url"/> is the value pip uses (variables expanded); <see cref="WrittenUrl"/> is the file's text.</summary>
public sealed record PackageSource(PackageSourceKind Kind, string Url, string WrittenUrl, string FilePath, int LineNumber, TextSpan Span)
{
    /// <summary>The <c>user[:password]</c> part before <c>@</c> in the written URL's authority, or null.</summary>
    public string? UserInfo => UserInfoOf(WrittenUrl.Trim('\'', '"'));

    /// <summary>True when the file writes a user name or token into the URL (<c>https://token@host</c>,
    /// <c>https://user:pass@host</c>), literally or through a variable.</summary>
    public bool HasCredentials => !string.IsNullOrEmpty(UserInfo);

    /// <summary>True when the written URL carries a password: <c>user:password@</c> with a non-empty password.</summary>
    public bool HasPassword => UserInfo is { } u && u.IndexOf(':') is int colon and >= 0 && colon < u.Length - 1;

    /// <summary>True when the credentials are <c>${VARIABLE}</c> references rather than literal text.</summary>
    public bool CredentialsAreVariables => UserInfo is { } u && u.Contains("${", StringComparison.Ordinal);

    internal static string? UserInfoOf(string url)
    {
        int scheme = url.IndexOf("://", StringComparison.Ordinal);
        if (scheme < 0) return null;
        int authorityStart = scheme + 3;
        int authorityEnd = url.IndexOfAny(AuthorityEnd, authorityStart);
        if (authorityEnd < 0) authorityEnd = url.Length;
        if (authorityEnd == authorityStart) return null;
        int at = url.LastIndexOf('@', authorityEnd - 1, authorityEnd - authorityStart);
        return at < 0 ? null : url.Substring(authorityStart, at - authorityStart);
    }

    private static readonly char[] AuthorityEnd = { '/', '?', '#' };
}
