using System.Globalization;
using System.Text.RegularExpressions;
using Sprache;

namespace PyDockerLsp.Core.Python.Manifests;

/// <summary>The result of turning a Poetry constraint into PEP 440: one specifier set per <c>||</c>
/// alternative ("" means any version), or an error with the offset (into the constraint) where it is.</summary>
public sealed record PoetryConstraintConversion(IReadOnlyList<string> Alternatives, string? Error, int ErrorOffset = -1)
{
    public bool Success => Error == null;

    /// <summary>The specifier set when there is exactly one alternative; null for an error or an "or".</summary>
    public string? Specifier => Error == null && Alternatives.Count == 1 ? Alternatives[0] : null;
}

/// <summary>
/// Poetry's version-constraint syntax, converted to PEP 440 specifier sets following Poetry's documented
/// meaning: caret <c>^X.Y.Z</c> allows changes that do not modify the left-most non-zero part
/// (<c>^3.11</c> → <c>&gt;=3.11,&lt;4.0</c>, <c>^0.2.3</c> → <c>&gt;=0.2.3,&lt;0.3.0</c>); tilde <c>~X.Y</c> allows
/// patch changes (<c>~3.11</c> → <c>&gt;=3.11,&lt;3.12</c>; with only a major, minor changes: <c>~3</c> →
/// <c>&gt;=3,&lt;4</c>); <c>*</c> and <c>X.*</c> are wildcards; a bare version is an exact pin; comparisons and
/// <c>~=</c> are already PEP 440. Constraints joined by ',' or a space must all hold; <c>||</c> separates
/// alternatives, which PEP 440 cannot express in one set.
/// </summary>
public static class PoetryConstraint
{
    /// <param name="constraint">The constraint as written in pyproject.toml.</param>
    /// <param name="isPythonConstraint">True for the <c>python</c> entry: a bare "3.11" there names the 3.11 series
    /// (Poetry compares it with the two-part <c>python_version</c>), so it becomes <c>==3.11.*</c> rather than a pin
    /// of 3.11.0.</param>
    public static PoetryConstraintConversion ToPep440(string constraint, bool isPythonConstraint = false)
    {
        string trimmed = constraint.Trim();
        int leading = constraint.Length - constraint.TrimStart().Length;
        if (trimmed.Length == 0)
            return new PoetryConstraintConversion(Array.Empty<string>(), "The constraint is empty; use \"*\" for any version.", 0);

        var parsed = Grammar.Alternatives.TryParse(trimmed);
        if (!parsed.WasSuccessful)
        {
            int at = Math.Min(parsed.Remainder.Position, trimmed.Length);
            while (at < trimmed.Length && (trimmed[at] == ' ' || trimmed[at] == '\t')) at++;
            string found = at < trimmed.Length ? $"'{trimmed[at]}'" : "the end";
            return new PoetryConstraintConversion(Array.Empty<string>(),
                $"'{trimmed}' is not a Poetry version constraint: unexpected {found} at position {at + 1}.", leading + at);
        }

        var alternatives = new List<string>();
        foreach (var all in parsed.Value)
        {
            var specifiers = new List<string>();
            foreach (var clause in all)
            {
                string? error = clause.AppendPep440(specifiers, isPythonConstraint);
                if (error != null) return new PoetryConstraintConversion(Array.Empty<string>(), error, leading);
            }
            alternatives.Add(string.Join(",", specifiers));
        }
        return new PoetryConstraintConversion(alternatives, null);
    }

    // ------------------------------------------------------------------ grammar

    private enum ClauseKind { Any, Caret, Tilde, Compatible, Comparison, Exact }

    private sealed record Clause(ClauseKind Kind, string Operator, string Version)
    {
        public string? AppendPep440(List<string> into, bool isPythonConstraint)
        {
            switch (Kind)
            {
                case ClauseKind.Any:
                    return null;
                case ClauseKind.Caret:
                {
                    var release = Release.Of(Version);
                    into.Add(">=" + Version);
                    into.Add("<" + release.NextBreaking());
                    return null;
                }
                case ClauseKind.Tilde:
                {
                    var release = Release.Of(Version);
                    into.Add(">=" + Version);
                    into.Add("<" + (release.Count == 1 ? release.Bump(0) : release.Bump(1)));
                    return null;
                }
                case ClauseKind.Compatible:
                {
                    var release = Release.Of(Version);
                    if (release.Count >= 2)
                    {
                        into.Add("~=" + Version);
                    }
                    else
                    {
                        // PEP 440 needs two parts after ~=; "~=3" means the same as ">=3,<4".
                        into.Add(">=" + Version);
                        into.Add("<" + release.Bump(0));
                    }
                    return null;
                }
                case ClauseKind.Comparison:
                    if (Version.EndsWith(".*", StringComparison.Ordinal) && Operator != "==" && Operator != "!=")
                        return $"'{Operator}{Version}': a wildcard version can only follow == or !=.";
                    into.Add(Operator + Version);
                    return null;
                case ClauseKind.Exact:
                    bool series = isPythonConstraint && !Version.EndsWith(".*", StringComparison.Ordinal)
                        && Release.Of(Version) is { Count: < 3, HasSuffix: false };
                    into.Add("==" + Version + (series ? ".*" : ""));
                    return null;
                default:
                    return "Unknown constraint.";
            }
        }
    }

    private static class Grammar
    {
        private static readonly Parser<string> Spaces = Parse.Chars(' ', '\t').Many().Text();

        private static readonly Parser<string> Version = Parse.Regex(new Regex(
            @"(?:\d+!)?\d+(?:\.\d+)*" +
            @"(?:[-_.]?(?:a|b|c|rc|alpha|beta|pre|preview)[-_.]?\d*)?" +
            @"(?:-\d+|[-_.]?(?:post|rev|r)[-_.]?\d*)?" +
            @"(?:[-_.]?dev[-_.]?\d*)?" +
            @"(?:\+[a-z0-9]+(?:[-_.][a-z0-9]+)*)?",
            RegexOptions.IgnoreCase | RegexOptions.CultureInvariant), "a version");

        private static readonly Parser<string> WildcardVersion = Parse.Regex(new Regex(@"\d+(?:\.\d+)*\.\*"), "a wildcard version");

        private static readonly Parser<Clause> Any =
            Parse.Char('*').Return(new Clause(ClauseKind.Any, "", ""));

        private static readonly Parser<Clause> Caret =
            from op in Parse.Char('^')
            from _ in Spaces
            from version in Version
            select new Clause(ClauseKind.Caret, "^", version);

        private static readonly Parser<Clause> Compatible =
            from op in Parse.String("~=")
            from _ in Spaces
            from version in Version
            select new Clause(ClauseKind.Compatible, "~=", version);

        private static readonly Parser<Clause> Tilde =
            from op in Parse.Char('~')
            from _ in Spaces
            from version in Version
            select new Clause(ClauseKind.Tilde, "~", version);

        private static readonly Parser<string> ComparisonOperator =
            Parse.String("===").Or(Parse.String("==")).Or(Parse.String("!=")).Or(Parse.String("<="))
                .Or(Parse.String(">=")).Or(Parse.String("<")).Or(Parse.String(">")).Or(Parse.String("=")).Text();

        private static readonly Parser<Clause> Comparison =
            from op in ComparisonOperator
            from _ in Spaces
            from version in WildcardVersion.Or(Version)
            select new Clause(ClauseKind.Comparison, op == "=" ? "==" : op, version);

        private static readonly Parser<Clause> Exact =
            WildcardVersion.Or(Version).Select(version => new Clause(ClauseKind.Exact, "==", version));

        private static readonly Parser<Clause> Single = Any.Or(Caret).Or(Compatible).Or(Tilde).Or(Comparison).Or(Exact);

        /// <summary>Constraints that must all hold: separated by a comma (with optional spaces) or by spaces.</summary>
        private static readonly Parser<IEnumerable<Clause>> All =
            Single.DelimitedBy(Parse.Regex(new Regex(@"[ \t]*,[ \t]*|[ \t]+"), "',' or a space"));

        public static readonly Parser<IEnumerable<IEnumerable<Clause>>> Alternatives =
            All.DelimitedBy(Parse.Regex(new Regex(@"[ \t]*\|\|?[ \t]*"), "'||'")).End();
    }

    /// <summary>The release numbers of a version (epoch kept aside) and whether anything follows them.</summary>
    private sealed class Release
    {
        private static readonly Regex Pattern = new(@"^(?<epoch>\d+!)?(?<release>\d+(?:\.\d+)*)(?<rest>.*)$", RegexOptions.CultureInvariant);

        private readonly string _epoch;
        private readonly long[] _parts;

        private Release(string epoch, long[] parts, bool hasSuffix)
        {
            _epoch = epoch;
            _parts = parts;
            HasSuffix = hasSuffix;
        }

        public int Count => _parts.Length;
        public bool HasSuffix { get; }

        public static Release Of(string version)
        {
            var match = Pattern.Match(version);
            var parts = match.Groups["release"].Value.Split('.').Select(p => long.Parse(p, CultureInfo.InvariantCulture)).ToArray();
            return new Release(match.Groups["epoch"].Value, parts, match.Groups["rest"].Length > 0);
        }

        /// <summary>Poetry's "next breaking" version: bump the left-most non-zero part among those written
        /// (the last written part when all are zero, but at most the third), zero the rest.</summary>
        public string NextBreaking()
        {
            if (_parts[0] > 0 || _parts.Length == 1) return Bump(0);
            if (_parts[1] > 0 || _parts.Length == 2) return Bump(1);
            return Bump(2);
        }

        /// <summary>The release with part <paramref name="index"/> increased and the later parts zeroed, written
        /// with as many parts as the original.</summary>
        public string Bump(int index)
        {
            var parts = new long[_parts.Length];
            for (int i = 0; i < parts.Length; i++) parts[i] = i < index ? _parts[i] : i == index ? _parts[i] + 1 : 0;
            return _epoch + string.Join(".", parts);
        }
    }
}
