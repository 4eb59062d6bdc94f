namespace PyDockerLsp.Core.Python.Packaging;

/// <summary>Which point between two real versions a <see cref="BoundPoint"/> stands for.</summary>
internal enum BoundaryKind : byte
{
    /// <summary>The version itself.</summary>
    Exact = 0,
    /// <summary>Just above V and every V+local, below V.post0: the top of <c>&lt;=V</c>, <c>==V</c>.</summary>
    AfterLocals = 1,
    /// <summary>Just above every V.postN: the bottom of <c>&gt;V</c>, which PEP 440 says excludes V's post-releases.</summary>
    AfterPosts = 2,
}

/// <summary>
/// A point on the version line: a version, or a cut just above a version's family. A cut orders like the
/// version with one component raised to infinity: AfterLocals(V) is V with an infinite local label,
/// AfterPosts(V) is V with an infinite post-release number. This agrees with how pypa/packaging compares a
/// cut with a version, and orders two cuts consistently (<c>&gt;1.0</c>'s cut lies above <c>!=1.0.post1</c>'s).
/// </summary>
internal readonly record struct BoundPoint(Pep440Version Version, BoundaryKind Kind)
{
    public static BoundPoint Exact(Pep440Version v) => new(v, BoundaryKind.Exact);

    public static int Compare(BoundPoint a, BoundPoint b)
    {
        if (a.Kind == BoundaryKind.Exact && b.Kind == BoundaryKind.Exact) return a.Version.CompareTo(b.Version);
        var (x, y) = (a.Version, b.Version);
        int c = Pep440Version.ComparePublicThroughPre(x, y);
        if (c != 0) return c;
        if (a.Kind == BoundaryKind.AfterPosts || b.Kind == BoundaryKind.AfterPosts)
            return a.Kind == b.Kind ? 0 : a.Kind == BoundaryKind.AfterPosts ? 1 : -1;
        c = Pep440Version.ComparePost(x.Post, y.Post);
        if (c != 0) return c;
        c = Pep440Version.CompareDev(x.Dev, y.Dev);
        if (c != 0) return c;
        if (a.Kind == BoundaryKind.AfterLocals || b.Kind == BoundaryKind.AfterLocals)
            return a.Kind == b.Kind ? 0 : a.Kind == BoundaryKind.AfterLocals ? 1 : -1;
        return LocalSegment.Compare(x.LocalSegments, y.LocalSegments);
    }

    /// <summary>True when the cut lies above <paramref name="v"/>.</summary>
    public static bool BoundaryAbove(BoundPoint boundary, Pep440Version v) => Compare(boundary, Exact(v)) > 0;

    /// <summary>The smallest version above a cut, when there is one: nothing lies between AfterPosts(1.0a1)
    /// and 1.0a2.dev0, or between AfterLocals(1.0) and 1.0.post0.dev0. Null above a final release's
    /// post-releases (finer releases such as 1.0.0.1 have no smallest) and for exact versions (their local
    /// versions have none either).</summary>
    public Pep440Version? SmallestAbove()
    {
        var v = Version;
        switch (Kind)
        {
            case BoundaryKind.AfterLocals:
                return v.Dev is { } dev ? v.WithDevAndNoLocal(dev + 1) : v.WithPostDevAndNoLocal(v.Post is { } post ? post + 1 : 0, 0);
            case BoundaryKind.AfterPosts when v.Pre is { } pre:
                return v.WithPre(new PreRelease(pre.Label, pre.Number + 1), dev: 0);
            default:
                return null;
        }
    }
}

/// <summary>The lower end of a range; <see cref="Point"/> null means unbounded below.</summary>
internal readonly record struct LowerBound(BoundPoint? Point, bool Inclusive)
{
    public static readonly LowerBound Unbounded = new(null, false);

    public bool Admits(Pep440Version v)
    {
        if (Point is not { } p) return true;
        if (p.Kind != BoundaryKind.Exact) return !BoundPoint.BoundaryAbove(p, v);
        int c = p.Version.CompareTo(v);
        return Inclusive ? c <= 0 : c < 0;
    }

    public static int Compare(LowerBound a, LowerBound b)
    {
        if (a.Point is not { } x) return b.Point == null ? 0 : -1;
        if (b.Point is not { } y) return 1;
        int c = BoundPoint.Compare(x, y);
        if (c != 0) return c;
        return a.Inclusive == b.Inclusive ? 0 : a.Inclusive ? -1 : 1;
    }
}

/// <summary>The upper end of a range; <see cref="Point"/> null means unbounded above.</summary>
internal readonly record struct UpperBound(BoundPoint? Point, bool Inclusive)
{
    public static readonly UpperBound Unbounded = new(null, false);

    public bool Admits(Pep440Version v)
    {
        if (Point is not { } p) return true;
        if (p.Kind != BoundaryKind.Exact) return BoundPoint.BoundaryAbove(p, v);
        int c = v.CompareTo(p.Version);
        return Inclusive ? c <= 0 : c < 0;
    }

    public static int Compare(UpperBound a, UpperBound b)
    {
        if (a.Point is not { } x) return b.Point == null ? 0 : 1;
        if (b.Point is not { } y) return -1;
        int c = BoundPoint.Compare(x, y);
        if (c != 0) return c;
        return a.Inclusive == b.Inclusive ? 0 : a.Inclusive ? 1 : -1;
    }
}

internal readonly record struct VersionRange(LowerBound Lower, UpperBound Upper)
{
    public bool Admits(Pep440Version v) => Lower.Admits(v) && Upper.Admits(v);
}

/// <summary>
/// Specifiers as sorted lists of disjoint version ranges: the set algebra behind
/// <see cref="SpecifierSet"/> (intersection, containment, satisfiability, subset tests).
/// </summary>
internal static class VersionRanges
{
    public static readonly VersionRange[] Full = { new(LowerBound.Unbounded, UpperBound.Unbounded) };
    public static readonly VersionRange[] Empty = Array.Empty<VersionRange>();

    /// <summary>The ranges of <c>==V.*</c> and <c>!=V.*</c>: <c>[V.dev0, next.dev0)</c> and its complement.</summary>
    public static VersionRange[] ForWildcard(bool equal, Pep440Version prefix)
    {
        var lower = Pep440Version.Dev0Of(prefix.Epoch, prefix.ReleaseSpan.ToArray());
        var upper = NextPrefixDev0(prefix);
        if (equal)
            return new[] { new VersionRange(new LowerBound(BoundPoint.Exact(lower), true), new UpperBound(BoundPoint.Exact(upper), false)) };
        return new[]
        {
            new VersionRange(LowerBound.Unbounded, new UpperBound(BoundPoint.Exact(lower), false)),
            new VersionRange(new LowerBound(BoundPoint.Exact(upper), true), UpperBound.Unbounded),
        };
    }

    /// <summary>The ranges of one standard clause (no wildcard, not <c>===</c>).</summary>
    public static VersionRange[] ForOperator(SpecifierOperator op, Pep440Version v, bool specHasLocal)
    {
        switch (op)
        {
            case SpecifierOperator.GreaterThanOrEqual:
                return new[] { new VersionRange(new LowerBound(BoundPoint.Exact(v), true), UpperBound.Unbounded) };
            case SpecifierOperator.LessThanOrEqual:
                return new[] { new VersionRange(LowerBound.Unbounded, new UpperBound(new BoundPoint(v, BoundaryKind.AfterLocals), true)) };
            case SpecifierOperator.GreaterThan:
                return GreaterThan(v);
            case SpecifierOperator.LessThan:
                return LessThan(v);
            case SpecifierOperator.Equal:
            {
                var upper = specHasLocal ? BoundPoint.Exact(v) : new BoundPoint(v, BoundaryKind.AfterLocals);
                return new[] { new VersionRange(new LowerBound(BoundPoint.Exact(v), true), new UpperBound(upper, true)) };
            }
            case SpecifierOperator.NotEqual:
            {
                var upper = specHasLocal ? BoundPoint.Exact(v) : new BoundPoint(v, BoundaryKind.AfterLocals);
                return new[]
                {
                    new VersionRange(LowerBound.Unbounded, new UpperBound(BoundPoint.Exact(v), false)),
                    new VersionRange(new LowerBound(upper, false), UpperBound.Unbounded),
                };
            }
            case SpecifierOperator.Compatible:
            {
                // ~=X.Y.Z means >=X.Y.Z, ==X.Y.*: the prefix drops the last release number.
                var prefix = v.WithRelease(v.ReleaseSpan[..^1].ToArray());
                return new[] { new VersionRange(new LowerBound(BoundPoint.Exact(v), true), new UpperBound(BoundPoint.Exact(NextPrefixDev0(prefix)), false)) };
            }
            default:
                return Full;
        }
    }

    /// <summary><c>&gt;V</c> excludes V, its local versions and (unless V is one) its post-releases.</summary>
    private static VersionRange[] GreaterThan(Pep440Version v)
    {
        Pep440Version? next = null;
        if (v.Dev is { } dev) next = v.WithDevAndNoLocal(dev + 1);
        else if (v.Post is { } post) next = v.WithPostDevAndNoLocal(post + 1, 0);
        if (next != null)
            return new[] { new VersionRange(new LowerBound(BoundPoint.Exact(next), true), UpperBound.Unbounded) };
        return new[] { new VersionRange(new LowerBound(new BoundPoint(v, BoundaryKind.AfterPosts), false), UpperBound.Unbounded) };
    }

    /// <summary><c>&lt;V</c> excludes V's pre-releases unless V is one: the bound is V.dev0.</summary>
    private static VersionRange[] LessThan(Pep440Version v)
    {
        var bound = v.IsPrerelease ? v : v.WithDevAndNoLocal(0);
        if (bound.CompareTo(Pep440Version.Zero) <= 0) return Empty;
        return new[] { new VersionRange(LowerBound.Unbounded, new UpperBound(BoundPoint.Exact(bound), false)) };
    }

    /// <summary>The first version after the prefix: 1.2 → 1.3.dev0.</summary>
    private static Pep440Version NextPrefixDev0(Pep440Version prefix)
    {
        var release = prefix.ReleaseSpan.ToArray();
        release[^1]++;
        return Pep440Version.Dev0Of(prefix.Epoch, release);
    }

    public static VersionRange[] Intersect(VersionRange[] left, VersionRange[] right)
    {
        var result = new List<VersionRange>(Math.Max(left.Length, right.Length));
        int i = 0, j = 0;
        while (i < left.Length && j < right.Length)
        {
            var lower = LowerBound.Compare(right[j].Lower, left[i].Lower) > 0 ? right[j].Lower : left[i].Lower;
            var upper = UpperBound.Compare(right[j].Upper, left[i].Upper) < 0 ? right[j].Upper : left[i].Upper;
            if (!IsEmpty(lower, upper)) result.Add(new VersionRange(lower, upper));
            if (UpperBound.Compare(left[i].Upper, right[j].Upper) < 0) i++; else j++;
        }
        return result.ToArray();
    }

    private static bool IsEmpty(LowerBound lower, UpperBound upper)
    {
        if (upper.Point is not { } hi) return false;
        if (lower.Point is not { } lo)
        {
            // Nothing lies below 0.dev0, the smallest version.
            if (hi.Kind != BoundaryKind.Exact) return false;
            int toMin = hi.Version.CompareTo(Pep440Version.Zero);
            return toMin < 0 || (toMin == 0 && !upper.Inclusive);
        }
        int c = BoundPoint.Compare(lo, hi);
        if (c == 0) return !(lower.Inclusive && upper.Inclusive);
        if (c > 0) return true;
        // An open range right after a cut is empty when its end is the cut's successor.
        if (lo.SmallestAbove() is not { } first) return false;
        return !upper.Admits(first);
    }

    public static bool Admits(VersionRange[] ranges, Pep440Version v)
    {
        foreach (var r in ranges)
        {
            if (!r.Lower.Admits(v)) return false;
            if (r.Upper.Admits(v)) return true;
        }
        return false;
    }

    public static bool AreEqual(VersionRange[] a, VersionRange[] b)
    {
        if (a.Length != b.Length) return false;
        for (int i = 0; i < a.Length; i++)
            if (LowerBound.Compare(a[i].Lower, b[i].Lower) != 0 || UpperBound.Compare(a[i].Upper, b[i].Upper) != 0) return false;
        return true;
    }

    /// <summary>True when every range holds only pre-releases, so excluding pre-releases leaves nothing.</summary>
    public static bool ArePrereleaseOnly(VersionRange[] ranges)
    {
        foreach (var r in ranges)
        {
            var nearest = LowestReleaseAtOrAbove(r.Lower.Point);
            if (r.Upper.Point is not { } hi) return false;
            if (!r.Lower.Admits(nearest)) return false;
            int c = BoundPoint.Compare(BoundPoint.Exact(nearest), hi);
            if (c < 0) return false;
            if (c == 0 && r.Upper.Inclusive) return false;
        }
        return true;
    }

    /// <summary>A final (non-pre) release at or above a lower bound, the smallest one where there is a smallest:
    /// 0 when unbounded, 1.0 above 1.0a1.post0, 1.0.post1 above 1.0.post1.dev0, V.post0 above V's local versions.</summary>
    private static Pep440Version LowestReleaseAtOrAbove(BoundPoint? point)
    {
        if (point is not { } p) return Pep440Version.FromParts(new long[] { 0 });
        var v = p.Version;
        if (v.Pre != null) return Pep440Version.FromParts(v.Release, v.Epoch);
        switch (p.Kind)
        {
            case BoundaryKind.Exact:
                return v.Dev != null ? v.WithoutPreDevLocal() : v;
            case BoundaryKind.AfterLocals:
                if (v.Dev != null) return v.WithoutPreDevLocal();
                return v.WithPostDevAndNoLocal(v.Post is { } post ? post + 1 : 0, null);
            default:
                return v.WithPostDevAndNoLocal(0, null);
        }
    }
}
