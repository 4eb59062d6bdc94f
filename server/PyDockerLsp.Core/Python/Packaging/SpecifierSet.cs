using System.Diagnostics.CodeAnalysis;

namespace PyDockerLsp.Core.Python.Packaging;

/// <summary>
/// A comma-separated list of version clauses that must all hold (<c>&gt;=3.10,&lt;3.13</c>), with
/// pypa/packaging's semantics for containment, filtering, pre-releases, equality and string form, plus the
/// set questions the rules ask: is it satisfiable, which Python X.Y series does it allow.
/// Immutable.
/// </summary>
public sealed class SpecifierSet : IEquatable<SpecifierSet>
{
    private readonly Specifier[] _specifiers;
    private VersionRange[]? _ranges;
    private Specifier[]? _canonical;

    public static SpecifierSet Empty { get; } = new(Array.Empty<Specifier>(), null);

    internal SpecifierSet(Specifier[] specifiers, bool? prereleases)
    {
        _specifiers = specifiers;
        PrereleasesOverride = prereleases;
        foreach (var s in specifiers)
            if (s.Operator == SpecifierOperator.ArbitraryEqual) HasArbitrary = true;
    }

    public SpecifierSet(IEnumerable<Specifier> specifiers, bool? prereleases = null) : this(specifiers.ToArray(), prereleases) { }

    /// <summary>The clauses in the order written (duplicates kept).</summary>
    public IReadOnlyList<Specifier> Specifiers => _specifiers;
    public int Count => _specifiers.Length;
    public bool IsEmpty => _specifiers.Length == 0;

    /// <summary>The explicit pre-release policy given to the set, or null.</summary>
    public bool? PrereleasesOverride { get; }

    private bool HasArbitrary { get; }

    /// <summary>The explicit policy, else true when any clause admits pre-releases by default, else null.</summary>
    public bool? Prereleases
    {
        get
        {
            if (PrereleasesOverride is { } explicitPolicy) return explicitPolicy;
            foreach (var s in _specifiers) if (s.Prereleases == true) return true;
            return null;
        }
    }

    /// <summary>True when one clause names exactly one version (<c>==X</c> without wildcard, or <c>===X</c>).</summary>
    public bool IsPinned
    {
        get
        {
            foreach (var s in _specifiers) if (s.IsPin) return true;
            return false;
        }
    }

    public static bool TryParse(string? text, [NotNullWhen(true)] out SpecifierSet? set) => TryParse(text, null, out set, out _);

    /// <summary>Parses comma-separated clauses; empty items are skipped, so <c>""</c> is the empty set.
    /// <paramref name="error"/> names the first clause that is not valid.</summary>
    public static bool TryParse(string? text, bool? prereleases, [NotNullWhen(true)] out SpecifierSet? set, out string? error)
    {
        set = null;
        error = null;
        if (text == null) { error = "No specifier text."; return false; }
        var list = new List<Specifier>();
        foreach (var item in text.Split(','))
        {
            var stripped = PythonChars.Strip(item.AsSpan());
            if (stripped.IsEmpty) continue;
            var clause = stripped.ToString();
            if (!Specifier.TryParse(clause, out var s))
            {
                error = $"Invalid specifier: {PythonChars.Repr(clause)}";
                return false;
            }
            list.Add(s);
        }
        set = new SpecifierSet(list.ToArray(), prereleases);
        return true;
    }

    public static SpecifierSet Parse(string text, bool? prereleases = null) =>
        TryParse(text, prereleases, out var set, out var error) ? set : throw new FormatException(error);

    public SpecifierSet WithPrereleases(bool? prereleases) =>
        prereleases == PrereleasesOverride ? this : new SpecifierSet(_specifiers, prereleases);

    /// <summary>The set holding the clauses of both; their pre-release policies must not contradict.</summary>
    public SpecifierSet And(SpecifierSet other)
    {
        bool? prereleases;
        if (PrereleasesOverride == null || PrereleasesOverride == other.PrereleasesOverride) prereleases = other.PrereleasesOverride;
        else if (other.PrereleasesOverride == null) prereleases = PrereleasesOverride;
        else throw new ArgumentException("One set allows pre-releases and the other forbids them; they cannot be combined.", nameof(other));
        return new SpecifierSet(_specifiers.Concat(other._specifiers).ToArray(), prereleases);
    }

    public static SpecifierSet operator &(SpecifierSet a, SpecifierSet b) => a.And(b);

    internal VersionRange[] Ranges => _ranges ??= BuildRanges();

    private VersionRange[] BuildRanges()
    {
        if (_specifiers.Length == 0) return VersionRanges.Full;
        var result = _specifiers[0].Ranges;
        for (int i = 1; i < _specifiers.Length && result.Length > 0; i++)
            result = VersionRanges.Intersect(result, _specifiers[i].Ranges);
        return result;
    }

    /// <summary>True when <paramref name="item"/> satisfies every clause. <paramref name="installed"/> true accepts
    /// an already installed pre-release even when the policy would exclude pre-releases.</summary>
    public bool Contains(VersionCandidate item, bool? prereleases = null, bool? installed = null)
    {
        if (item.Version is { IsPrerelease: true } && installed == true) prereleases = true;
        return Filter(new[] { item }, static c => c, prereleases).Any();
    }

    public IEnumerable<string> Filter(IEnumerable<string> versions, bool? prereleases = null) =>
        Filter(versions, VersionCandidate.From, prereleases);

    public IEnumerable<Pep440Version> Filter(IEnumerable<Pep440Version> versions, bool? prereleases = null) =>
        Filter(versions, VersionCandidate.From, prereleases);

    /// <summary>The items every clause contains, in order; pre-releases follow PEP 440's default unless a policy is given.</summary>
    public IEnumerable<T> Filter<T>(IEnumerable<T> items, Func<T, VersionCandidate> versionOf, bool? prereleases = null)
    {
        if (prereleases == null && Prereleases != null) prereleases = Prereleases;
        if (_specifiers.Length == 0) return PrereleaseFiltering.Apply(items, versionOf, prereleases);
        if (HasArbitrary)
        {
            var specs = _specifiers;
            var matches = items.Where(i =>
            {
                var candidate = versionOf(i);
                foreach (var s in specs) if (!s.Contains(candidate, prereleases: true)) return false;
                return true;
            });
            return PrereleaseFiltering.Apply(matches, versionOf, prereleases);
        }
        return PrereleaseFiltering.ByRanges(Ranges, items, versionOf, prereleases);
    }

    /// <summary>True when no version can satisfy every clause (with the set's pre-release policy).</summary>
    public bool IsUnsatisfiable()
    {
        if (_specifiers.Length == 0) return false;
        var ranges = Ranges;
        if (ranges.Length == 0) return true;
        if (ArbitraryClausesExcludeEverything()) return true;
        return Prereleases == false && VersionRanges.ArePrereleaseOnly(ranges);
    }

    /// <summary><c>===V</c> can only match the string V: unsatisfiable when two disagree or a standard clause excludes V.</summary>
    private bool ArbitraryClausesExcludeEverything()
    {
        string? first = null;
        foreach (var s in _specifiers)
        {
            if (s.Operator != SpecifierOperator.ArbitraryEqual) continue;
            if (first == null) first = s.Version;
            else if (!string.Equals(first, s.Version, StringComparison.OrdinalIgnoreCase)) return true;
        }
        if (first == null) return false;
        var candidate = Pep440Version.TryParse(first, out var v) ? v : null;
        if (Prereleases == false && candidate is { IsPrerelease: true }) return true;
        foreach (var s in _specifiers)
        {
            if (s.Operator == SpecifierOperator.ArbitraryEqual) continue;
            if (candidate == null || !s.Contains(candidate)) return true;
        }
        return false;
    }

    /// <summary>True when every version this set allows is also allowed by <paramref name="other"/> (clauses compared as ranges).</summary>
    public bool IsSubsetOf(SpecifierSet other) => VersionRanges.AreEqual(VersionRanges.Intersect(Ranges, other.Ranges), Ranges);

    public bool IsSupersetOf(SpecifierSet other) => other.IsSubsetOf(this);

    /// <summary>True when no version is allowed by both sets.</summary>
    public bool IsDisjointWith(SpecifierSet other) => VersionRanges.Intersect(Ranges, other.Ranges).Length == 0;

    // ---- Python X.Y series --------------------------------------------------------------------

    /// <summary>True when some final release of the series <paramref name="major"/>.<paramref name="minor"/>
    /// (X.Y, X.Y.0, X.Y.1, …) satisfies the set: how a <c>requires-python</c> is read against a Python image.</summary>
    public bool AllowsMinor(int major, int minor)
    {
        if (Contains($"{major}.{minor}", prereleases: false)) return true;
        foreach (int micro in CandidateMicros(major, minor))
            if (Contains($"{major}.{minor}.{micro}", prereleases: false)) return true;
        return false;
    }

    /// <summary>The micro versions worth trying: 0..99 and the neighbours of every micro a clause names for this series.</summary>
    private IEnumerable<int> CandidateMicros(int major, int minor)
    {
        for (int micro = 0; micro < 100; micro++) yield return micro;
        foreach (var s in _specifiers)
        {
            if (s.ParsedVersion is not { } v || v.Epoch != 0 || v.Major != major || v.Minor != minor || v.Release.Count < 3) continue;
            long named = v.Micro;
            for (long m = Math.Max(100, named - 1); m <= named + 1 && m <= int.MaxValue; m++) yield return (int)m;
        }
    }

    /// <summary>The candidates (in their order) whose series the set allows.</summary>
    public IReadOnlyList<(int Major, int Minor)> AllowedMinorVersions(IEnumerable<(int Major, int Minor)> candidates)
    {
        var allowed = new List<(int, int)>();
        foreach (var c in candidates)
            if (AllowsMinor(c.Major, c.Minor)) allowed.Add(c);
        return allowed;
    }

    /// <summary>The newest candidate series the set allows, or null when it allows none.</summary>
    public (int Major, int Minor)? NewestAllowedMinor(IEnumerable<(int Major, int Minor)> candidates)
    {
        (int Major, int Minor)? best = null;
        foreach (var c in candidates)
        {
            if (best is { } b && (c.Major < b.Major || (c.Major == b.Major && c.Minor <= b.Minor))) continue;
            if (AllowsMinor(c.Major, c.Minor)) best = c;
        }
        return best;
    }

    // ---- equality and text ----------------------------------------------------------------------

    /// <summary>The clauses sorted by their text with equal clauses removed: the form equality and
    /// <see cref="ToString"/> use.</summary>
    private Specifier[] Canonical => _canonical ??= BuildCanonical();

    private Specifier[] BuildCanonical()
    {
        var sorted = _specifiers.OrderBy(s => s.ToString(), StringComparer.Ordinal).ToList();
        var seen = new HashSet<Specifier>();
        var result = new List<Specifier>(sorted.Count);
        foreach (var s in sorted) if (seen.Add(s)) result.Add(s);
        return result.ToArray();
    }

    /// <summary>Equal when the canonical clauses are equal; pre-release policies are ignored.</summary>
    public bool Equals(SpecifierSet? other) => other is not null && Canonical.SequenceEqual(other.Canonical);
    public override bool Equals(object? obj) => obj is SpecifierSet s && Equals(s);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var s in Canonical) hash.Add(s);
        return hash.ToHashCode();
    }

    /// <summary>The clauses sorted and comma-joined without spaces: <c>!=1.0.1,&gt;=1.0</c>.</summary>
    public override string ToString() => string.Join(",", Canonical.Select(s => s.ToString()));
}
