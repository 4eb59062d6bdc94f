namespace PyDockerLsp.Core.Python.Packaging;

/// <summary>
/// The PEP 440 version grammar, one method per part, scanning greedily like packaging's
/// (possessive) regular expression does:
/// <code>
/// version = v? (N '!')? N ('.' N)* pre? post? dev? ('+' local)?
/// pre     = [._-]? (alpha|a|beta|b|preview|pre|c|rc) [._-]? N?
/// post    = '-' N | [._-]? (post|rev|r) [._-]? N?
/// dev     = [._-]? dev [._-]? N?
/// local   = [a-z0-9]+ ([._-][a-z0-9]+)*
/// </code>
/// Letters match in any ASCII case. The scanner records where each part is; nothing is allocated
/// until a <see cref="Pep440Version"/> is built from the parts.
/// </summary>
internal static class Pep440VersionScanner
{
    private static readonly string[] PreWords = { "alpha", "a", "beta", "b", "preview", "pre", "c", "rc" };
    private static readonly string[] PostWords = { "post", "rev", "r" };

    /// <summary>Where the parts of one scanned version are (start/end offsets, -1 when absent).</summary>
    internal struct Parts
    {
        public int EpochStart, EpochEnd;
        public int ReleaseStart, ReleaseEnd, ReleaseCount;
        public string? PreLabel;
        public int PreNumberStart, PreNumberEnd;
        public bool HasPost;
        public int PostNumberStart, PostNumberEnd;
        public bool HasDev;
        public int DevNumberStart, DevNumberEnd;
        public int LocalStart, LocalEnd;

        public bool HasLocal => LocalStart >= 0;
    }

    public static bool TryParse(ReadOnlySpan<char> text, out Pep440Version? version)
    {
        version = null;
        int pos = PythonChars.SkipWhitespace(text, 0);
        if (!TryScanPublic(text, ref pos, out var parts)) return false;
        pos = ScanLocal(text, pos, ref parts);
        pos = PythonChars.SkipWhitespace(text, pos);
        if (pos != text.Length) return false;
        return TryBuild(text, parts, out version);
    }

    /// <summary>Scans <c>v? epoch? release pre? post? dev?</c> from <paramref name="pos"/>.</summary>
    public static bool TryScanPublic(ReadOnlySpan<char> text, ref int pos, out Parts parts)
    {
        parts = default;
        parts.EpochStart = parts.EpochEnd = -1;
        parts.PreNumberStart = parts.PostNumberStart = parts.DevNumberStart = parts.LocalStart = -1;
        int p = pos;
        if (p < text.Length && (text[p] == 'v' || text[p] == 'V')) p++;
        p = ScanEpoch(text, p, ref parts);
        if (!TryScanRelease(text, ref p, ref parts)) return false;
        p = ScanPre(text, p, ref parts);
        p = ScanPost(text, p, ref parts);
        p = ScanDev(text, p, ref parts);
        pos = p;
        return true;
    }

    /// <summary><c>(N '!')?</c>: only taken when the digits are followed by '!'.</summary>
    private static int ScanEpoch(ReadOnlySpan<char> text, int pos, ref Parts parts)
    {
        int end = PythonChars.SkipDigits(text, pos);
        if (end == pos || end >= text.Length || text[end] != '!') return pos;
        parts.EpochStart = pos;
        parts.EpochEnd = end;
        return end + 1;
    }

    /// <summary><c>N ('.' N)*</c>: a dot is taken only when digits follow it.</summary>
    public static bool TryScanRelease(ReadOnlySpan<char> text, ref int pos, ref Parts parts)
    {
        int p = PythonChars.SkipDigits(text, pos);
        if (p == pos) return false;
        parts.ReleaseStart = pos;
        parts.ReleaseCount = 1;
        while (p + 1 < text.Length && text[p] == '.' && PythonChars.IsAsciiDigit(text[p + 1]))
        {
            p = PythonChars.SkipDigits(text, p + 1);
            parts.ReleaseCount++;
        }
        parts.ReleaseEnd = p;
        pos = p;
        return true;
    }

    /// <summary><c>[._-]? word [._-]? N?</c>; nothing is consumed unless a pre-release word is there.</summary>
    public static int ScanPre(ReadOnlySpan<char> text, int pos, ref Parts parts)
    {
        int p = pos;
        if (p < text.Length && PythonChars.IsSeparator(text[p])) p++;
        string? word = MatchWord(text, p, PreWords);
        if (word == null) return pos;
        p += word.Length;
        parts.PreLabel = Pep440Version.NormalizePreLabel(word);
        if (p < text.Length && PythonChars.IsSeparator(text[p])) p++;
        int end = PythonChars.SkipDigits(text, p);
        if (end > p) { parts.PreNumberStart = p; parts.PreNumberEnd = end; }
        return end;
    }

    /// <summary><c>'-' N</c> (the implicit post release of <c>1.0-1</c>) or <c>[._-]? (post|rev|r) [._-]? N?</c>.</summary>
    public static int ScanPost(ReadOnlySpan<char> text, int pos, ref Parts parts)
    {
        if (pos + 1 < text.Length && text[pos] == '-' && PythonChars.IsAsciiDigit(text[pos + 1]))
        {
            int numberEnd = PythonChars.SkipDigits(text, pos + 1);
            parts.HasPost = true;
            parts.PostNumberStart = pos + 1;
            parts.PostNumberEnd = numberEnd;
            return numberEnd;
        }
        int p = pos;
        if (p < text.Length && PythonChars.IsSeparator(text[p])) p++;
        string? word = MatchWord(text, p, PostWords);
        if (word == null) return pos;
        p += word.Length;
        parts.HasPost = true;
        if (p < text.Length && PythonChars.IsSeparator(text[p])) p++;
        int end = PythonChars.SkipDigits(text, p);
        if (end > p) { parts.PostNumberStart = p; parts.PostNumberEnd = end; }
        return end;
    }

    /// <summary><c>[._-]? dev [._-]? N?</c>.</summary>
    public static int ScanDev(ReadOnlySpan<char> text, int pos, ref Parts parts)
    {
        int p = pos;
        if (p < text.Length && PythonChars.IsSeparator(text[p])) p++;
        if (!PythonChars.MatchesIgnoreCase(text, p, "dev")) return pos;
        p += 3;
        parts.HasDev = true;
        if (p < text.Length && PythonChars.IsSeparator(text[p])) p++;
        int end = PythonChars.SkipDigits(text, p);
        if (end > p) { parts.DevNumberStart = p; parts.DevNumberEnd = end; }
        return end;
    }

    /// <summary><c>('+' [a-z0-9]+ ([._-][a-z0-9]+)*)?</c>; a separator is taken only when a label part follows.</summary>
    public static int ScanLocal(ReadOnlySpan<char> text, int pos, ref Parts parts)
    {
        if (pos >= text.Length || text[pos] != '+') return pos;
        int p = pos + 1;
        int labelEnd = SkipAlphanumerics(text, p);
        if (labelEnd == p) return pos;
        p = labelEnd;
        while (p + 1 < text.Length && PythonChars.IsSeparator(text[p]) && PythonChars.IsAsciiAlphanumeric(text[p + 1]))
            p = SkipAlphanumerics(text, p + 1);
        parts.LocalStart = pos + 1;
        parts.LocalEnd = p;
        return p;
    }

    private static int SkipAlphanumerics(ReadOnlySpan<char> text, int pos)
    {
        while (pos < text.Length && PythonChars.IsAsciiAlphanumeric(text[pos])) pos++;
        return pos;
    }

    private static string? MatchWord(ReadOnlySpan<char> text, int pos, string[] words)
    {
        foreach (var w in words)
            if (PythonChars.MatchesIgnoreCase(text, pos, w)) return w;
        return null;
    }

    /// <summary>Turns scanned parts into a version; false when a number does not fit in a <see cref="long"/>.</summary>
    public static bool TryBuild(ReadOnlySpan<char> text, in Parts parts, out Pep440Version? version)
    {
        version = null;
        long epoch = 0;
        if (parts.EpochStart >= 0 && !PythonChars.TryParseNumber(text[parts.EpochStart..parts.EpochEnd], out epoch)) return false;

        var release = new long[parts.ReleaseCount];
        int p = parts.ReleaseStart;
        for (int i = 0; i < release.Length; i++)
        {
            int end = PythonChars.SkipDigits(text, p);
            if (!PythonChars.TryParseNumber(text[p..end], out release[i])) return false;
            p = end + 1;
        }

        PreRelease? pre = null;
        if (parts.PreLabel != null)
        {
            if (!TryOptionalNumber(text, parts.PreNumberStart, parts.PreNumberEnd, out long n)) return false;
            pre = new PreRelease(parts.PreLabel, n);
        }
        long? post = null;
        if (parts.HasPost)
        {
            if (!TryOptionalNumber(text, parts.PostNumberStart, parts.PostNumberEnd, out long n)) return false;
            post = n;
        }
        long? dev = null;
        if (parts.HasDev)
        {
            if (!TryOptionalNumber(text, parts.DevNumberStart, parts.DevNumberEnd, out long n)) return false;
            dev = n;
        }
        LocalSegment[]? local = null;
        if (parts.HasLocal && !LocalSegment.TryParse(text[parts.LocalStart..parts.LocalEnd], out local)) return false;

        version = new Pep440Version(epoch, release, pre, post, dev, local);
        return true;
    }

    /// <summary>An implicit number is 0 (<c>1.0a</c> is <c>1.0a0</c>).</summary>
    private static bool TryOptionalNumber(ReadOnlySpan<char> text, int start, int end, out long value)
    {
        value = 0;
        return start < 0 || PythonChars.TryParseNumber(text[start..end], out value);
    }
}
