using System.Globalization;
using PyDockerLsp.Core.Features.Knowledge;
using PyDockerLsp.Core.Python;

namespace PyDockerLsp.Core.Analysis.Rules.BaseImage;

/// <summary>The Python X.Y a fix should pin, and why.</summary>
/// <param name="Version"><c>3.13</c>.</param>
/// <param name="Constraint">The project constraint it satisfies, or null when it is the default stable release.</param>
internal sealed record PythonSeries(string Version, PythonConstraint? Constraint)
{
    public int Major => int.Parse(Version.AsSpan(0, Version.IndexOf('.')), NumberStyles.None, CultureInfo.InvariantCulture);
}

/// <summary>
/// Picks the Python X.Y to pin a base image to: the newest of 3.9–3.14 that the project's most authoritative
/// Python constraint allows, or the current stable release when the project states none.
/// <para>
/// The evaluation is deliberately small (one place, to be replaced by the full PEP 440 specifier set): each
/// alternative of <see cref="PythonConstraint.Pep440Alternatives"/> is a comma-separated list of clauses with
/// <c>==</c>, <c>!=</c> (both with an optional <c>.*</c>), <c>&gt;=</c>, <c>&lt;=</c>, <c>&gt;</c>, <c>&lt;</c>,
/// <c>~=</c> and <c>===</c> over plain release numbers. A series X.Y is allowed when some release X.Y.0 … X.Y.40
/// satisfies every clause of some alternative. A clause it cannot read (pre-release or local versions, markers)
/// makes the whole constraint unreadable, and the next constraint is tried.
/// </para>
/// </summary>
internal static class PythonSeriesChoice
{
    /// <summary>The release series a fix may pin, oldest first.</summary>
    private static readonly (int Major, int Minor)[] Candidates = { (3, 9), (3, 10), (3, 11), (3, 12), (3, 13), (3, 14) };

    private const int HighestPatchTried = 40;

    /// <summary>The series to pin, or null when the project's constraint allows none of the candidates.</summary>
    public static PythonSeries? Choose(PythonProject? project)
    {
        foreach (var constraint in project?.PythonConstraints ?? Array.Empty<PythonConstraint>())
        {
            var allowed = NewestAllowed(constraint.Pep440Alternatives);
            if (allowed.Readable) return allowed.Series is { } series ? new PythonSeries(series, constraint) : null;
        }
        return new PythonSeries(BaseImageDocs.ExamplePythonVersion, null);
    }

    /// <summary>The newest candidate X.Y some alternative allows; Readable is false when a clause cannot be read.</summary>
    public static (bool Readable, string? Series) NewestAllowed(IReadOnlyList<string> alternatives)
    {
        if (alternatives.Count == 0) return (false, null);
        var parsed = new List<List<Clause>>();
        foreach (var alternative in alternatives)
        {
            var clauses = ParseSpecifierSet(alternative);
            if (clauses is null) return (false, null);
            parsed.Add(clauses);
        }
        for (int c = Candidates.Length - 1; c >= 0; c--)
        {
            var (major, minor) = Candidates[c];
            foreach (var clauses in parsed)
                if (SeriesAllowed(clauses, major, minor))
                    return (true, major.ToString(CultureInfo.InvariantCulture) + "." + minor.ToString(CultureInfo.InvariantCulture));
        }
        return (true, null);
    }

    /// <summary>True when a release of <paramref name="major"/>.<paramref name="minor"/> satisfies the specifier set.</summary>
    public static bool Allows(string specifierSet, int major, int minor) =>
        ParseSpecifierSet(specifierSet) is { } clauses && SeriesAllowed(clauses, major, minor);

    private static bool SeriesAllowed(List<Clause> clauses, int major, int minor)
    {
        for (int patch = 0; patch <= HighestPatchTried; patch++)
        {
            var version = new[] { major, minor, patch };
            bool all = true;
            foreach (var clause in clauses)
                if (!clause.Matches(version)) { all = false; break; }
            if (all) return true;
        }
        return false;
    }

    private sealed record Clause(string Operator, int[] Release, bool Wildcard)
    {
        public bool Matches(int[] version) => Operator switch
        {
            "==" or "===" => Wildcard ? HasPrefix(version, Release) : Compare(version, Release) == 0,
            "!=" => Wildcard ? !HasPrefix(version, Release) : Compare(version, Release) != 0,
            ">=" => Compare(version, Release) >= 0,
            "<=" => Compare(version, Release) <= 0,
            ">" => Compare(version, Release) > 0,
            "<" => Compare(version, Release) < 0,
            // ~=X.Y means >=X.Y and ==X.*; ~=X.Y.Z means >=X.Y.Z and ==X.Y.*.
            "~=" => Compare(version, Release) >= 0 && HasPrefix(version, Release[..^1]),
            _ => false,
        };
    }

    /// <summary>PEP 440 comparison of release numbers, missing parts counting as zero.</summary>
    private static int Compare(int[] a, int[] b)
    {
        for (int i = 0; i < Math.Max(a.Length, b.Length); i++)
        {
            int x = i < a.Length ? a[i] : 0, y = i < b.Length ? b[i] : 0;
            if (x != y) return x.CompareTo(y);
        }
        return 0;
    }

    private static bool HasPrefix(int[] version, int[] prefix)
    {
        for (int i = 0; i < prefix.Length; i++)
            if ((i < version.Length ? version[i] : 0) != prefix[i]) return false;
        return true;
    }

    private static readonly string[] Operators = { "===", "~=", "==", "!=", ">=", "<=", ">", "<" };

    /// <summary>The clauses of <c>&gt;=3.10,&lt;4</c>; null when any clause is not a plain release comparison.</summary>
    private static List<Clause>? ParseSpecifierSet(string text)
    {
        var clauses = new List<Clause>();
        foreach (var part in text.Split(','))
        {
            var clause = part.Trim();
            if (clause.Length == 0) continue;
            string? op = null;
            foreach (var candidate in Operators)
                if (clause.StartsWith(candidate, StringComparison.Ordinal)) { op = candidate; break; }
            if (op is null) return null;
            var versionText = clause[op.Length..].Trim();
            bool wildcard = versionText.EndsWith(".*", StringComparison.Ordinal);
            if (wildcard && op is not ("==" or "!=")) return null;
            if (wildcard) versionText = versionText[..^2];
            if (ParseRelease(versionText) is not { } release) return null;
            if (op == "~=" && release.Length < 2) return null;
            clauses.Add(new Clause(op, release, wildcard));
        }
        return clauses.Count == 0 ? null : clauses;
    }

    /// <summary><c>3</c>, <c>3.12</c>, <c>3.12.4</c> (a leading <c>v</c> tolerated); null for anything else.</summary>
    private static int[]? ParseRelease(string text)
    {
        if (text.StartsWith('v')) text = text[1..];
        var parts = text.Split('.');
        if (parts.Length is 0 or > 4) return null;
        var numbers = new int[parts.Length];
        for (int i = 0; i < parts.Length; i++)
            if (!int.TryParse(parts[i], NumberStyles.None, CultureInfo.InvariantCulture, out numbers[i])) return null;
        return numbers;
    }
}
