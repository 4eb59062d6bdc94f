using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace PyDockerLsp.Core.Python.Packaging;

/// <summary>A pre-release segment: <c>a</c>, <c>b</c> or <c>rc</c> and its number (<c>1.0rc2</c> → <c>("rc", 2)</c>).</summary>
public readonly record struct PreRelease(string Label, long Number)
{
    public override string ToString() => Label + Number.ToString(System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>
/// A PEP 440 version: <c>[N!]N(.N)*[{a|b|rc}N][.postN][.devN][+local]</c>, parsed with every spelling
/// PEP 440 normalises (<c>1.0-Alpha.1</c>, <c>v2</c>, <c>1.0-1</c>, <c>1.0.dev</c> …) and ordered as PEP 440
/// orders versions (dev &lt; pre &lt; final &lt; post; local labels after the public version).
/// Equality is PEP 440 equality: <c>1.0 == 1.0.0</c>, <c>1.0rc1 == 1.0c1</c>.
/// The behaviour follows pypa/packaging's <c>Version</c>; numbers are limited to <see cref="long"/>.
/// </summary>
public sealed class Pep440Version : IComparable<Pep440Version>, IEquatable<Pep440Version>
{
    private static readonly long[] ZeroRelease = { 0 };

    private readonly long[] _release;
    private readonly LocalSegment[]? _local;
    private string? _normalized;

    internal Pep440Version(long epoch, long[] release, PreRelease? pre, long? post, long? dev, LocalSegment[]? local)
    {
        Epoch = epoch;
        _release = release;
        Pre = pre;
        Post = post;
        Dev = dev;
        _local = local is { Length: > 0 } ? local : null;
    }

    public long Epoch { get; }
    public IReadOnlyList<long> Release => _release;
    public PreRelease? Pre { get; }
    public long? Post { get; }
    public long? Dev { get; }

    /// <summary>The normalised local label (<c>ubuntu.1</c> for <c>+Ubuntu-01</c>), or null.</summary>
    public string? Local => _local == null ? null : LocalSegment.Join(_local);

    public long Major => _release.Length >= 1 ? _release[0] : 0;
    public long Minor => _release.Length >= 2 ? _release[1] : 0;
    public long Micro => _release.Length >= 3 ? _release[2] : 0;

    /// <summary>Pre-releases and development releases.</summary>
    public bool IsPrerelease => Pre != null || Dev != null;
    public bool IsPostrelease => Post != null;
    public bool IsDevrelease => Dev != null;
    public bool HasLocal => _local != null;

    /// <summary>The version without its local label.</summary>
    public string Public
    {
        get
        {
            var text = ToString();
            int plus = text.IndexOf('+');
            return plus < 0 ? text : text.Substring(0, plus);
        }
    }

    /// <summary>Epoch and release only: <c>1!2.0</c> for <c>1!2.0rc1.post2+x</c>.</summary>
    public string BaseVersion
    {
        get
        {
            var sb = new StringBuilder();
            AppendEpochAndRelease(sb);
            return sb.ToString();
        }
    }

    internal ReadOnlySpan<long> ReleaseSpan => _release;
    internal LocalSegment[]? LocalSegments => _local;

    public static bool TryParse(string? text, [NotNullWhen(true)] out Pep440Version? version)
    {
        if (text == null) { version = null; return false; }
        return TryParse(text.AsSpan(), out version);
    }

    public static bool TryParse(ReadOnlySpan<char> text, [NotNullWhen(true)] out Pep440Version? version) =>
        Pep440VersionScanner.TryParse(text, out version);

    /// <summary>Parses <paramref name="text"/> or throws <see cref="FormatException"/>; for callers that
    /// hold a version they know is valid. Parsers of user files use <see cref="TryParse(string?, out Pep440Version?)"/>.</summary>
    public static Pep440Version Parse(string text) =>
        TryParse(text, out var v) ? v : throw new FormatException($"'{text}' is not a PEP 440 version.");

    /// <summary>Builds a version from its parts (pypa/packaging's <c>Version.from_parts</c>); the pre-release
    /// label may be any spelling PEP 440 accepts (<c>alpha</c>, <c>B</c>, <c>c</c>, <c>preview</c> …).</summary>
    public static Pep440Version FromParts(IReadOnlyList<long> release, long epoch = 0, (string Label, long Number)? pre = null,
        long? post = null, long? dev = null, string? local = null)
    {
        if (release.Count == 0) throw new ArgumentException("A release needs at least one number.", nameof(release));
        if (epoch < 0) throw new ArgumentOutOfRangeException(nameof(epoch));
        var numbers = new long[release.Count];
        for (int i = 0; i < numbers.Length; i++)
            numbers[i] = release[i] >= 0 ? release[i] : throw new ArgumentOutOfRangeException(nameof(release));
        PreRelease? preRelease = null;
        if (pre is { } p)
        {
            var label = NormalizePreLabel(p.Label) ?? throw new ArgumentException($"'{p.Label}' is not a pre-release label.", nameof(pre));
            preRelease = new PreRelease(label, p.Number);
        }
        LocalSegment[]? localSegments = null;
        if (local != null && !LocalSegment.TryParse(local, out localSegments))
            throw new ArgumentException($"'{local}' is not a local version label.", nameof(local));
        return new Pep440Version(epoch, numbers, preRelease, post, dev, localSegments);
    }

    /// <summary>The canonical pre-release label for a spelling PEP 440 accepts, or null.</summary>
    internal static string? NormalizePreLabel(string label) => label.ToLowerInvariant() switch
    {
        "a" or "alpha" => "a",
        "b" or "beta" => "b",
        "rc" or "c" or "pre" or "preview" => "rc",
        _ => null,
    };

    internal Pep440Version WithRelease(long[] release) => new(Epoch, release, Pre, Post, Dev, _local);
    internal Pep440Version WithDevAndNoLocal(long dev) => new(Epoch, _release, Pre, Post, dev, null);
    internal Pep440Version WithPostDevAndNoLocal(long post, long? dev) => new(Epoch, _release, Pre, post, dev, null);
    internal Pep440Version WithoutPreDevLocal() => new(Epoch, _release, null, Post, null, null);
    internal Pep440Version WithPre(PreRelease pre, long? dev) => new(Epoch, _release, pre, null, dev, null);

    /// <summary>The smallest version of the release <paramref name="release"/>: <c>X.Y.dev0</c>.</summary>
    internal static Pep440Version Dev0Of(long epoch, long[] release) => new(epoch, release, null, null, 0, null);

    internal static Pep440Version Zero { get; } = new(0, ZeroRelease, null, null, 0, null);

    // ---- ordering -------------------------------------------------------------------------------

    /// <summary>Length of the release without trailing zeros (at least one number stays).</summary>
    internal int TrimmedReleaseLength
    {
        get
        {
            int end = _release.Length;
            while (end > 1 && _release[end - 1] == 0) end--;
            return end;
        }
    }

    public int CompareTo(Pep440Version? other)
    {
        if (other is null) return 1;
        if (ReferenceEquals(this, other)) return 0;
        int c = ComparePublicThroughPre(this, other);
        if (c != 0) return c;
        c = ComparePost(Post, other.Post);
        if (c != 0) return c;
        c = CompareDev(Dev, other.Dev);
        if (c != 0) return c;
        return LocalSegment.Compare(_local, other._local);
    }

    /// <summary>Compares epoch, release (padded with zeros) and the pre-release sort key: the first three
    /// components of PEP 440's order.</summary>
    internal static int ComparePublicThroughPre(Pep440Version a, Pep440Version b)
    {
        int c = a.Epoch.CompareTo(b.Epoch);
        if (c != 0) return c;
        c = CompareRelease(a._release, b._release);
        if (c != 0) return c;
        return a.PreKey().CompareTo(b.PreKey());
    }

    /// <summary>Releases compare as if padded with zeros: 1.0 == 1.0.0 &lt; 1.0.1.</summary>
    private static int CompareRelease(long[] a, long[] b)
    {
        int n = Math.Max(a.Length, b.Length);
        for (int i = 0; i < n; i++)
        {
            long x = i < a.Length ? a[i] : 0, y = i < b.Length ? b[i] : 0;
            if (x != y) return x < y ? -1 : 1;
        }
        return 0;
    }

    /// <summary>The pre-release sort key: a dev release of a final version (<c>1.0.dev0</c>) sorts before every
    /// pre-release of it, a version without pre-release after them.</summary>
    private PreSortKey PreKey()
    {
        if (Pre is { } p) return new PreSortKey(1, p.Label, p.Number);
        if (Post == null && Dev != null) return new PreSortKey(0, "", 0);
        return new PreSortKey(2, "", 0);
    }

    private readonly record struct PreSortKey(int Rank, string Label, long Number) : IComparable<PreSortKey>
    {
        public int CompareTo(PreSortKey other)
        {
            if (Rank != other.Rank) return Rank.CompareTo(other.Rank);
            if (Rank != 1) return 0;
            int c = string.CompareOrdinal(Label, other.Label);
            return c != 0 ? c : Number.CompareTo(other.Number);
        }
    }

    /// <summary>No post-release sorts before any.</summary>
    internal static int ComparePost(long? a, long? b) =>
        a == b ? 0 : a == null ? -1 : b == null ? 1 : a.Value.CompareTo(b.Value);

    /// <summary>No dev release sorts after any.</summary>
    internal static int CompareDev(long? a, long? b) =>
        a == b ? 0 : a == null ? 1 : b == null ? -1 : a.Value.CompareTo(b.Value);

    public bool Equals(Pep440Version? other) => other is not null && CompareTo(other) == 0;
    public override bool Equals(object? obj) => obj is Pep440Version v && Equals(v);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(Epoch);
        int trimmed = TrimmedReleaseLength;
        // 0 and 0.0 are equal, so a lone zero hashes like an empty release.
        if (!(trimmed == 1 && _release[0] == 0))
            for (int i = 0; i < trimmed; i++) hash.Add(_release[i]);
        var pre = PreKey();
        hash.Add(pre.Rank); hash.Add(pre.Label); hash.Add(pre.Number);
        hash.Add(Post); hash.Add(Dev);
        if (_local != null) foreach (var s in _local) hash.Add(s);
        return hash.ToHashCode();
    }

    public static bool operator ==(Pep440Version? a, Pep440Version? b) => a is null ? b is null : a.Equals(b);
    public static bool operator !=(Pep440Version? a, Pep440Version? b) => !(a == b);
    public static bool operator <(Pep440Version a, Pep440Version b) => a.CompareTo(b) < 0;
    public static bool operator >(Pep440Version a, Pep440Version b) => a.CompareTo(b) > 0;
    public static bool operator <=(Pep440Version a, Pep440Version b) => a.CompareTo(b) <= 0;
    public static bool operator >=(Pep440Version a, Pep440Version b) => a.CompareTo(b) >= 0;

    // ---- text -----------------------------------------------------------------------------------

    /// <summary>The normalised form: <c>1.0a1</c> for <c>1.0-ALPHA.1</c>, <c>1.0.post1</c> for <c>1.0-1</c>.</summary>
    public override string ToString() => _normalized ??= Format();

    private string Format()
    {
        var sb = new StringBuilder(16);
        AppendEpochAndRelease(sb);
        if (Pre is { } p) sb.Append(p.Label).Append(p.Number);
        if (Post is { } post) sb.Append(".post").Append(post);
        if (Dev is { } dev) sb.Append(".dev").Append(dev);
        if (_local != null) sb.Append('+').Append(LocalSegment.Join(_local));
        return sb.ToString();
    }

    private void AppendEpochAndRelease(StringBuilder sb)
    {
        if (Epoch != 0) sb.Append(Epoch).Append('!');
        for (int i = 0; i < _release.Length; i++)
        {
            if (i > 0) sb.Append('.');
            sb.Append(_release[i]);
        }
    }

    /// <summary>The version with trailing zeros of the release removed (one number stays):
    /// packaging's <c>canonicalize_version</c>, used to compare specifiers.</summary>
    internal string ToCanonicalString(bool stripTrailingZeros)
    {
        if (!stripTrailingZeros) return ToString();
        int trimmed = TrimmedReleaseLength;
        if (trimmed == _release.Length) return ToString();
        return new Pep440Version(Epoch, _release[..trimmed], Pre, Post, Dev, _local).ToString();
    }
}

/// <summary>One part of a local version label: a number (compared numerically, sorts after words) or a
/// lower-case word (compared as text).</summary>
internal readonly record struct LocalSegment(long Number, string? Word)
{
    public bool IsNumber => Word == null;

    public static int Compare(LocalSegment[]? a, LocalSegment[]? b)
    {
        if (a == null) return b == null ? 0 : -1;
        if (b == null) return 1;
        int n = Math.Min(a.Length, b.Length);
        for (int i = 0; i < n; i++)
        {
            int c = CompareSegment(a[i], b[i]);
            if (c != 0) return c;
        }
        return a.Length.CompareTo(b.Length);
    }

    private static int CompareSegment(LocalSegment x, LocalSegment y)
    {
        if (x.IsNumber && y.IsNumber) return x.Number.CompareTo(y.Number);
        if (x.IsNumber) return 1;
        if (y.IsNumber) return -1;
        return string.CompareOrdinal(x.Word, y.Word);
    }

    public static string Join(LocalSegment[] segments)
    {
        var sb = new StringBuilder();
        for (int i = 0; i < segments.Length; i++)
        {
            if (i > 0) sb.Append('.');
            if (segments[i].IsNumber) sb.Append(segments[i].Number); else sb.Append(segments[i].Word);
        }
        return sb.ToString();
    }

    /// <summary>Parses a whole label <c>[a-z0-9]+([._-][a-z0-9]+)*</c> (any ASCII case).</summary>
    public static bool TryParse(ReadOnlySpan<char> label, out LocalSegment[]? segments)
    {
        segments = null;
        var list = new List<LocalSegment>(4);
        int i = 0;
        while (true)
        {
            int start = i;
            while (i < label.Length && PythonChars.IsAsciiAlphanumeric(label[i])) i++;
            if (i == start) return false;
            if (!TryMake(label[start..i], out var segment)) return false;
            list.Add(segment);
            if (i == label.Length) break;
            if (!PythonChars.IsSeparator(label[i])) return false;
            i++;
        }
        segments = list.ToArray();
        return true;
    }

    public static bool TryMake(ReadOnlySpan<char> part, out LocalSegment segment)
    {
        bool allDigits = true;
        foreach (char c in part) if (!PythonChars.IsAsciiDigit(c)) { allDigits = false; break; }
        if (allDigits)
        {
            segment = default;
            if (!PythonChars.TryParseNumber(part, out long n)) return false;
            segment = new LocalSegment(n, null);
            return true;
        }
        segment = new LocalSegment(0, part.ToString().ToLowerInvariant());
        return true;
    }
}
