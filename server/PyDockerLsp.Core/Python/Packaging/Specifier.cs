using System.Diagnostics.CodeAnalysis;

namespace PyDockerLsp.Core.Python.Packaging;

/// <summary>The comparison of a PEP 440 version clause.</summary>
public enum SpecifierOperator
{
    /// <summary><c>~=</c></summary>
    Compatible,
    /// <summary><c>==</c> (with or without <c>.*</c>)</summary>
    Equal,
    /// <summary><c>!=</c> (with or without <c>.*</c>)</summary>
    NotEqual,
    /// <summary><c>&lt;=</c></summary>
    LessThanOrEqual,
    /// <summary><c>&gt;=</c></summary>
    GreaterThanOrEqual,
    /// <summary><c>&lt;</c></summary>
    LessThan,
    /// <summary><c>&gt;</c></summary>
    GreaterThan,
    /// <summary><c>===</c>, a plain (case-insensitive) string comparison.</summary>
    ArbitraryEqual,
}

/// <summary>
/// One PEP 440 version clause such as <c>&gt;=1.2</c>, <c>==2.*</c> or <c>~=3.10</c>, with packaging's
/// semantics: what it contains, how it treats pre-releases, and when two clauses are equal.
/// Immutable; <see cref="WithPrereleases"/> makes a copy with an explicit pre-release policy.
/// </summary>
public sealed class Specifier : IEquatable<Specifier>
{
    /// <summary>Marks "parsed, and not a version" in <see cref="_parsedVersion"/>.</summary>
    private static readonly object NotAVersion = new();

    private VersionRange[]? _ranges;
    // Null until parsed; then the version or NotAVersion. One field, so a racing reader never sees half a result.
    private object? _parsedVersion;

    internal Specifier(SpecifierOperator op, string version, bool isWildcard, bool? prereleases)
    {
        Operator = op;
        Version = version;
        IsWildcard = isWildcard;
        PrereleasesOverride = prereleases;
    }

    public SpecifierOperator Operator { get; }

    /// <summary>The version as written (without the operator and surrounding space), <c>.*</c> included.</summary>
    public string Version { get; }

    /// <summary>True for <c>==X.*</c> and <c>!=X.*</c>.</summary>
    public bool IsWildcard { get; }

    /// <summary>The explicit pre-release policy given to this clause, or null for PEP 440's default.</summary>
    public bool? PrereleasesOverride { get; }

    public string OperatorText => OperatorToText(Operator);

    /// <summary>True for the clauses that name exactly one version: <c>==X</c> (no wildcard) and <c>===X</c>.</summary>
    public bool IsPin => Operator == SpecifierOperator.ArbitraryEqual || (Operator == SpecifierOperator.Equal && !IsWildcard);

    /// <summary>The clause's version parsed (the prefix for a wildcard); null for an <c>===</c> string that is not PEP 440.</summary>
    public Pep440Version? ParsedVersion
    {
        get
        {
            if (_parsedVersion == null)
            {
                var text = IsWildcard ? Version[..^2] : Version;
                _parsedVersion = Pep440Version.TryParse(text, out var v) ? v : NotAVersion;
            }
            return _parsedVersion as Pep440Version;
        }
    }

    /// <summary>Whether this clause admits pre-releases by default: the explicit policy if one was given,
    /// else true when the clause's own version is a pre-release (never for <c>!=</c> or <c>==X.*</c>);
    /// null when unknown (an <c>===</c> string that is not a version).</summary>
    public bool? Prereleases
    {
        get
        {
            if (PrereleasesOverride is { } explicitPolicy) return explicitPolicy;
            if (Operator == SpecifierOperator.NotEqual) return false;
            if (Operator == SpecifierOperator.Equal && IsWildcard) return false;
            return ParsedVersion?.IsPrerelease;
        }
    }

    public static bool TryParse(string? text, [NotNullWhen(true)] out Specifier? specifier) => TryParse(text, null, out specifier);

    /// <summary>Parses one clause; surrounding white space is allowed, nothing else.</summary>
    public static bool TryParse(string? text, bool? prereleases, [NotNullWhen(true)] out Specifier? specifier)
    {
        specifier = null;
        if (text == null) return false;
        var stripped = PythonChars.Strip(text.AsSpan());
        if (SpecifierScanner.MatchAt(stripped, 0) is not { } match || match.End != stripped.Length) return false;
        var version = PythonChars.Strip(stripped[match.OperatorLength..]).ToString();
        specifier = new Specifier(match.Operator, version, match.IsWildcard, prereleases);
        return true;
    }

    public static Specifier Parse(string text, bool? prereleases = null) =>
        TryParse(text, prereleases, out var s) ? s : throw new FormatException($"Invalid specifier: {PythonChars.Repr(text)}");

    public Specifier WithPrereleases(bool? prereleases) =>
        prereleases == PrereleasesOverride ? this : new Specifier(Operator, Version, IsWildcard, prereleases);

    internal VersionRange[] Ranges => _ranges ??= BuildRanges();

    private VersionRange[] BuildRanges()
    {
        if (Operator == SpecifierOperator.ArbitraryEqual) return VersionRanges.Full;
        var v = ParsedVersion;
        if (v == null) return VersionRanges.Empty;
        if (IsWildcard) return VersionRanges.ForWildcard(Operator == SpecifierOperator.Equal, v);
        return VersionRanges.ForOperator(Operator, v, Version.Contains('+'));
    }

    /// <summary>True when <paramref name="item"/> satisfies this clause. <paramref name="prereleases"/> null follows
    /// the clause's policy; a pre-release is still contained when it is the only thing asked about.</summary>
    public bool Contains(VersionCandidate item, bool? prereleases = null)
    {
        prereleases ??= PrereleasesOverride ?? (Prereleases == true ? true : null);
        if (Operator == SpecifierOperator.ArbitraryEqual)
        {
            if (!string.Equals(item.Text, Version, StringComparison.OrdinalIgnoreCase)) return false;
            return prereleases != false || item.Version is not { IsPrerelease: true };
        }
        if (item.Version is not { } v) return false;
        if (prereleases == false && v.IsPrerelease) return false;
        return VersionRanges.Admits(Ranges, v);
    }

    public IEnumerable<string> Filter(IEnumerable<string> versions, bool? prereleases = null) =>
        Filter(versions, VersionCandidate.From, prereleases);

    public IEnumerable<Pep440Version> Filter(IEnumerable<Pep440Version> versions, bool? prereleases = null) =>
        Filter(versions, VersionCandidate.From, prereleases);

    /// <summary>The items this clause contains, in order. With <paramref name="prereleases"/> null, pre-releases
    /// are dropped unless nothing else matches (PEP 440's default).</summary>
    public IEnumerable<T> Filter<T>(IEnumerable<T> items, Func<T, VersionCandidate> versionOf, bool? prereleases = null)
    {
        if (prereleases == null)
        {
            if (PrereleasesOverride != null) prereleases = PrereleasesOverride;
            else if (Prereleases == true) prereleases = true;
        }
        if (Operator == SpecifierOperator.ArbitraryEqual)
        {
            var matches = items.Where(i => string.Equals(versionOf(i).Text, Version, StringComparison.OrdinalIgnoreCase));
            return PrereleaseFiltering.Apply(matches, versionOf, prereleases);
        }
        return PrereleaseFiltering.ByRanges(Ranges, items, versionOf, prereleases);
    }

    /// <summary>The operator and the version that decide equality: <c>==1.0</c> equals <c>==1.0.0</c>,
    /// but <c>~=1.0</c> keeps its trailing zero because it changes what <c>~=</c> means.</summary>
    private (SpecifierOperator, string) CanonicalSpec
    {
        get
        {
            if (Operator == SpecifierOperator.ArbitraryEqual || IsWildcard || ParsedVersion is not { } v) return (Operator, Version);
            return (Operator, v.ToCanonicalString(stripTrailingZeros: Operator != SpecifierOperator.Compatible));
        }
    }

    public bool Equals(Specifier? other) => other is not null && CanonicalSpec == other.CanonicalSpec;
    public override bool Equals(object? obj) => obj is Specifier s && Equals(s);
    public override int GetHashCode() => CanonicalSpec.GetHashCode();

    public override string ToString() => OperatorText + Version;

    public static string OperatorToText(SpecifierOperator op) => op switch
    {
        SpecifierOperator.Compatible => "~=",
        SpecifierOperator.Equal => "==",
        SpecifierOperator.NotEqual => "!=",
        SpecifierOperator.LessThanOrEqual => "<=",
        SpecifierOperator.GreaterThanOrEqual => ">=",
        SpecifierOperator.LessThan => "<",
        SpecifierOperator.GreaterThan => ">",
        SpecifierOperator.ArbitraryEqual => "===",
        _ => throw new ArgumentOutOfRangeException(nameof(op)),
    };
}

/// <summary>PEP 440's pre-release rules for filtering, shared by <see cref="Specifier"/> and <see cref="SpecifierSet"/>.</summary>
internal static class PrereleaseFiltering
{
    /// <summary>Keeps the items inside <paramref name="ranges"/>; with <paramref name="prereleases"/> null,
    /// pre-releases come out only when no final release matched. Items that are not versions never match.</summary>
    public static IEnumerable<T> ByRanges<T>(VersionRange[] ranges, IEnumerable<T> items, Func<T, VersionCandidate> versionOf, bool? prereleases)
    {
        if (prereleases == null)
        {
            List<T>? buffered = null;
            bool foundFinal = false;
            foreach (var item in items)
            {
                if (versionOf(item).Version is not { } v || !VersionRanges.Admits(ranges, v)) continue;
                if (v.IsPrerelease)
                {
                    if (!foundFinal) (buffered ??= new List<T>()).Add(item);
                }
                else
                {
                    foundFinal = true;
                    yield return item;
                }
            }
            if (!foundFinal && buffered != null)
                foreach (var item in buffered) yield return item;
            yield break;
        }
        foreach (var item in items)
        {
            if (versionOf(item).Version is not { } v) continue;
            if (prereleases == false && v.IsPrerelease) continue;
            if (VersionRanges.Admits(ranges, v)) yield return item;
        }
    }

    /// <summary>Applies the pre-release policy to items that already matched. Strings that are not versions
    /// (only <c>===</c> lets them through) are kept: nobody can tell whether they are pre-releases.</summary>
    public static IEnumerable<T> Apply<T>(IEnumerable<T> matches, Func<T, VersionCandidate> versionOf, bool? prereleases)
    {
        if (prereleases == true) return matches;
        if (prereleases == false) return matches.Where(i => versionOf(i).Version is not { IsPrerelease: true });
        return Pep440Default(matches, versionOf);
    }

    private static IEnumerable<T> Pep440Default<T>(IEnumerable<T> matches, Func<T, VersionCandidate> versionOf)
    {
        var allNonFinal = new List<T>();
        var arbitrary = new List<T>();
        bool foundFinal = false;
        foreach (var item in matches)
        {
            var v = versionOf(item).Version;
            if (v == null)
            {
                if (foundFinal) yield return item;
                else { arbitrary.Add(item); allNonFinal.Add(item); }
                continue;
            }
            if (!v.IsPrerelease)
            {
                if (!foundFinal)
                {
                    foreach (var a in arbitrary) yield return a;
                    foundFinal = true;
                }
                yield return item;
                continue;
            }
            if (!foundFinal) allNonFinal.Add(item);
        }
        if (!foundFinal)
            foreach (var item in allNonFinal) yield return item;
    }
}
