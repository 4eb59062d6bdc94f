namespace PyDockerLsp.Core.Syntax.Shell;

/// <summary>
/// A shell wildcard pattern as BuildKit understands it in <c>${VAR#pattern}</c>, <c>${VAR%pattern}</c> and
/// <c>${VAR/pattern/replacement}</c>: <c>*</c> matches any run of characters, <c>?</c> one character, and a backslash
/// makes <c>*</c>, <c>?</c> or a backslash literal (before <c>}</c> or <c>/</c> it is dropped). Bracket expressions
/// are not supported, as in BuildKit. BuildKit turns the pattern into a Go regular expression whose <c>.</c> does not
/// match a line feed; the matcher here keeps that rule. Matching runs a small NFA, so no regex is built per call.
/// </summary>
internal sealed class ShellPattern
{
    private enum TokenKind : byte { Literal, AnyChar, AnyRun }

    private readonly TokenKind[] _kinds;
    private readonly char[] _literals;

    private ShellPattern(TokenKind[] kinds, char[] literals)
    {
        _kinds = kinds;
        _literals = literals;
    }

    /// <summary>Reads <paramref name="pattern"/>; on an invalid escape returns null and a message.</summary>
    public static ShellPattern? Parse(string pattern, out string? error)
    {
        var kinds = new List<TokenKind>(pattern.Length);
        var literals = new List<char>(pattern.Length);
        for (int i = 0; i < pattern.Length; i++)
        {
            char c = pattern[i];
            switch (c)
            {
                case '*':
                    kinds.Add(TokenKind.AnyRun); literals.Add('\0');
                    break;
                case '?':
                    kinds.Add(TokenKind.AnyChar); literals.Add('\0');
                    break;
                case '\\':
                    // Inside ${...} a '}' or '/' had to be escaped; the backslash is not part of the pattern.
                    if (i + 1 < pattern.Length && (pattern[i + 1] == '}' || pattern[i + 1] == '/')) break;
                    if (i + 1 >= pattern.Length)
                    {
                        error = "invalid escape '\\' at the end of the pattern";
                        return null;
                    }
                    char escaped = pattern[++i];
                    if (escaped != '*' && escaped != '?' && escaped != '\\')
                    {
                        error = $"invalid escape '\\{escaped}'";
                        return null;
                    }
                    kinds.Add(TokenKind.Literal); literals.Add(escaped);
                    break;
                default:
                    kinds.Add(TokenKind.Literal); literals.Add(c);
                    break;
            }
        }
        error = null;
        return new ShellPattern(kinds.ToArray(), literals.ToArray());
    }

    /// <summary>The end of the shortest (or, when <paramref name="longest"/>, the longest) match that starts at
    /// <paramref name="start"/>; -1 when nothing matches there.</summary>
    public int MatchEnd(string value, int start, bool longest)
    {
        int m = _kinds.Length;
        Span<bool> current = m < 256 ? stackalloc bool[m + 1] : new bool[m + 1];
        Span<bool> next = m < 256 ? stackalloc bool[m + 1] : new bool[m + 1];
        current.Clear();
        current[0] = true;
        CloseOverEmptyRuns(current);
        int best = current[m] ? start : -1;
        if (best >= 0 && !longest) return best;
        for (int pos = start; pos < value.Length; pos++)
        {
            if (!Step(current, next, value[pos])) break;
            var swap = current; current = next; next = swap;
            if (current[m])
            {
                best = pos + 1;
                if (!longest) return best;
            }
        }
        return best;
    }

    /// <summary>True when the whole of <paramref name="value"/>[<paramref name="start"/>..] matches.</summary>
    public bool MatchesToEnd(string value, int start)
    {
        int m = _kinds.Length;
        Span<bool> current = m < 256 ? stackalloc bool[m + 1] : new bool[m + 1];
        Span<bool> next = m < 256 ? stackalloc bool[m + 1] : new bool[m + 1];
        current.Clear();
        current[0] = true;
        CloseOverEmptyRuns(current);
        for (int pos = start; pos < value.Length; pos++)
        {
            if (!Step(current, next, value[pos])) return false;
            var swap = current; current = next; next = swap;
        }
        return current[m];
    }

    /// <summary>The leftmost match at or after <paramref name="from"/>, longest at that start (BuildKit compiles
    /// replacement patterns greedily): (start, end) or (-1, -1).</summary>
    public (int Start, int End) FindLeftmostLongest(string value, int from)
    {
        for (int start = from; start <= value.Length; start++)
        {
            int end = MatchEnd(value, start, longest: true);
            if (end >= 0) return (start, end);
        }
        return (-1, -1);
    }

    private bool Step(Span<bool> current, Span<bool> next, char c)
    {
        int m = _kinds.Length;
        next.Clear();
        bool any = false;
        bool matchesAny = c != '\n';
        for (int i = 0; i < m; i++)
        {
            if (!current[i]) continue;
            switch (_kinds[i])
            {
                case TokenKind.Literal:
                    if (_literals[i] == c) { next[i + 1] = true; any = true; }
                    break;
                case TokenKind.AnyChar:
                    if (matchesAny) { next[i + 1] = true; any = true; }
                    break;
                case TokenKind.AnyRun:
                    if (matchesAny) { next[i] = true; any = true; }
                    break;
            }
        }
        CloseOverEmptyRuns(next);
        return any;
    }

    /// <summary>A <c>*</c> may match nothing, so reaching it also reaches the token after it.</summary>
    private void CloseOverEmptyRuns(Span<bool> states)
    {
        for (int i = 0; i < _kinds.Length; i++)
        {
            if (states[i] && _kinds[i] == TokenKind.AnyRun) states[i + 1] = true;
        }
    }
}
