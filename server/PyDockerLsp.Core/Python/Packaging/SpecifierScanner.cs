namespace PyDockerLsp.Core.Python.Packaging;

/// <summary>
/// Recognises one version specifier clause at a position, the way packaging's specifier expression does:
/// <code>
/// clause   = '===' ws* [^ws;)]*
///          | ('=='|'!=') ws* v? (N!)? N(.N)* ('.*' | pre? post? dev? ('+' local)?)
///          | '~=' ws* v? (N!)? N(.N)+ pre? post? dev?
///          | ('&lt;='|'&gt;='|'&lt;'|'&gt;') ws* v? (N!)? N(.N)* pre? post? dev?
/// </code>
/// The scan is a prefix match (the requirement tokenizer reads a clause and looks at what follows).
/// </summary>
internal static class SpecifierScanner
{
    internal readonly record struct Match(int End, SpecifierOperator Operator, int OperatorLength, int VersionStart, bool IsWildcard, bool HasLocal);

    /// <summary>The clause starting at <paramref name="pos"/>, or null when none starts there.</summary>
    public static Match? MatchAt(ReadOnlySpan<char> text, int pos)
    {
        var (op, opLength) = ReadOperator(text, pos);
        if (opLength == 0) return null;
        int versionStart = PythonChars.SkipWhitespace(text, pos + opLength);

        if (op == SpecifierOperator.ArbitraryEqual)
        {
            int end = versionStart;
            while (end < text.Length && !PythonChars.IsWhitespace(text[end]) && text[end] != ';' && text[end] != ')') end++;
            return new Match(end, op, opLength, versionStart, false, false);
        }

        int p = versionStart;
        if (!Pep440VersionScanner.TryScanPublic(text, ref p, out var parts)) return null;
        if (op == SpecifierOperator.Compatible && parts.ReleaseCount < 2) return null;

        if (op is SpecifierOperator.Equal or SpecifierOperator.NotEqual)
        {
            // The wildcard is an alternative to the pre/post/dev/local suffixes: look for it right after the release.
            int afterRelease = parts.ReleaseEnd;
            if (afterRelease + 1 < text.Length && text[afterRelease] == '.' && text[afterRelease + 1] == '*')
                return new Match(afterRelease + 2, op, opLength, versionStart, true, false);
            int end = Pep440VersionScanner.ScanLocal(text, p, ref parts);
            return new Match(end, op, opLength, versionStart, false, parts.HasLocal);
        }
        return new Match(p, op, opLength, versionStart, false, false);
    }

    private static (SpecifierOperator, int) ReadOperator(ReadOnlySpan<char> text, int pos)
    {
        if (pos >= text.Length) return (default, 0);
        char c = text[pos];
        char next = pos + 1 < text.Length ? text[pos + 1] : '\0';
        switch (c)
        {
            case '=':
                if (next != '=') return (default, 0);
                return pos + 2 < text.Length && text[pos + 2] == '='
                    ? (SpecifierOperator.ArbitraryEqual, 3)
                    : (SpecifierOperator.Equal, 2);
            case '!': return next == '=' ? (SpecifierOperator.NotEqual, 2) : (default, 0);
            case '~': return next == '=' ? (SpecifierOperator.Compatible, 2) : (default, 0);
            case '<': return next == '=' ? (SpecifierOperator.LessThanOrEqual, 2) : (SpecifierOperator.LessThan, 1);
            case '>': return next == '=' ? (SpecifierOperator.GreaterThanOrEqual, 2) : (SpecifierOperator.GreaterThan, 1);
            default: return (default, 0);
        }
    }
}
