using System.Diagnostics.CodeAnalysis;
using System.Text;
using PyDockerLsp.Core.Text;

namespace PyDockerLsp.Core.Python.Packaging;

/// <summary>
/// A PEP 508 dependency specifier: <c>name[extra,…] (specifiers | @ url) ; marker</c>. Spans are offsets into the
/// parsed text. <see cref="ToString"/> is packaging's <c>str(Requirement)</c>.
/// </summary>
public sealed class Pep508Requirement
{
    private Pep508Requirement(string name, TextSpan nameSpan, IReadOnlyList<string> extras, TextSpan? extrasSpan,
        SpecifierSet specifier, IReadOnlyList<TextSpan> clauseSpans, string? url, TextSpan? urlSpan, Marker? marker, TextSpan? markerSpan)
    {
        Name = name;
        NameSpan = nameSpan;
        Extras = extras;
        ExtrasSpan = extrasSpan;
        Specifier = specifier;
        SpecifierClauseSpans = clauseSpans;
        Url = url;
        UrlSpan = urlSpan;
        Marker = marker;
        MarkerSpan = markerSpan;
    }

    /// <summary>The project name as written.</summary>
    public string Name { get; }
    public TextSpan NameSpan { get; }

    /// <summary>The PEP 503 form of <see cref="Name"/>, for comparing projects.</summary>
    public string NormalizedName => PackageName.Normalize(Name);

    /// <summary>The extras as written, sorted and without duplicates.</summary>
    public IReadOnlyList<string> Extras { get; }

    /// <summary>From <c>[</c> to <c>]</c>, when extras were written.</summary>
    public TextSpan? ExtrasSpan { get; }

    public SpecifierSet Specifier { get; }

    /// <summary>The span of each clause of <see cref="Specifier"/>, in the order written (parallel to
    /// <see cref="SpecifierSet.Specifiers"/>).</summary>
    public IReadOnlyList<TextSpan> SpecifierClauseSpans { get; }

    /// <summary>From the first clause to the last, when there are clauses.</summary>
    public TextSpan? SpecifierSpan => SpecifierClauseSpans.Count == 0 ? null : TextSpan.FromBounds(SpecifierClauseSpans[0].Start, SpecifierClauseSpans[^1].End);

    /// <summary>The URL of a direct reference (<c>name @ url</c>), or null.</summary>
    public string? Url { get; }
    public TextSpan? UrlSpan { get; }

    public Marker? Marker { get; }
    public TextSpan? MarkerSpan { get; }

    public static bool TryParse(string text, [NotNullWhen(true)] out Pep508Requirement? requirement, out Pep508ParseError? error)
    {
        requirement = null;
        error = null;
        Pep508Parser.ParsedRequirement parsed;
        try
        {
            parsed = Pep508Parser.ParseRequirement(text);
        }
        catch (Pep508SyntaxException e)
        {
            error = e.Error;
            return false;
        }
        if (!TryBuildSpecifier(text, parsed, out var specifier, out var clauseSpans, out error)) return false;

        var extras = parsed.Extras.Count switch
        {
            0 => Array.Empty<string>(),
            1 => parsed.Extras.ToArray(),
            _ => parsed.Extras.Distinct(StringComparer.Ordinal).OrderBy(e => e, StringComparer.Ordinal).ToArray(),
        };
        string? url = parsed.UrlSpan is { } u ? text.Substring(u.Start, u.Length) : null;
        var marker = parsed.Marker != null ? new Marker(parsed.Marker) : null;
        requirement = new Pep508Requirement(text.Substring(parsed.NameSpan.Start, parsed.NameSpan.Length), parsed.NameSpan,
            extras, parsed.ExtrasSpan, specifier, clauseSpans, url, parsed.UrlSpan, marker, parsed.MarkerSpan);
        return true;
    }

    public static Pep508Requirement Parse(string text) =>
        TryParse(text, out var requirement, out var error) ? requirement : throw new FormatException(error!.ToPackagingString());

    /// <summary>Turns the clause tokens into specifiers. A <c>===</c> clause swallows commas (<c>===x,y</c>), and packaging
    /// then splits the text at them: each piece must be a clause of its own.</summary>
    private static bool TryBuildSpecifier(string text, Pep508Parser.ParsedRequirement parsed, out SpecifierSet specifier,
        out IReadOnlyList<TextSpan> clauseSpans, out Pep508ParseError? error)
    {
        error = null;
        specifier = SpecifierSet.Empty;
        clauseSpans = Array.Empty<TextSpan>();
        var tokens = parsed.SpecifierTokens;
        if (tokens.Count == 0) return true;

        var clauses = new List<Specifier>(tokens.Count);
        var spans = new List<TextSpan>(tokens.Count);
        foreach (var (tokenText, span, match) in tokens)
        {
            if (tokenText.IndexOf(',') < 0)
            {
                clauses.Add(ClauseFromToken(tokenText, match, span.Start));
                spans.Add(span);
                continue;
            }
            int pieceStart = 0;
            foreach (var piece in tokenText.Split(','))
            {
                var pieceSpan = new TextSpan(span.Start + pieceStart, piece.Length);
                pieceStart += piece.Length + 1;
                var stripped = PythonChars.Strip(piece.AsSpan()).ToString();
                if (stripped.Length == 0) continue;
                if (!Packaging.Specifier.TryParse(stripped, out var clause))
                {
                    error = new Pep508ParseError($"Invalid specifier: {PythonChars.Repr(stripped)}", pieceSpan, text, pointsIntoSource: false);
                    return false;
                }
                clauses.Add(clause);
                spans.Add(pieceSpan);
            }
        }
        specifier = new SpecifierSet(clauses.ToArray(), null);
        clauseSpans = spans;
        return true;
    }

    /// <summary>A token the scanner matched is a whole clause: split it into operator and version without rescanning.</summary>
    private static Specifier ClauseFromToken(string token, SpecifierScanner.Match match, int tokenStart)
    {
        var version = PythonChars.Strip(token.AsSpan(match.VersionStart - tokenStart)).ToString();
        return new Specifier(match.Operator, version, match.IsWildcard, null);
    }

    /// <summary>packaging's canonical form: <c>name[a,b]!=1.1,&gt;=1.0 @ url ; marker</c> parts as present.</summary>
    public override string ToString()
    {
        var sb = new StringBuilder(Name);
        if (Extras.Count > 0) sb.Append('[').Append(string.Join(",", Extras)).Append(']');
        if (!Specifier.IsEmpty) sb.Append(Specifier);
        if (Url != null)
        {
            sb.Append(" @ ").Append(Url);
            if (Marker != null) sb.Append(' ');
        }
        if (Marker != null) sb.Append("; ").Append(Marker);
        return sb.ToString();
    }
}
