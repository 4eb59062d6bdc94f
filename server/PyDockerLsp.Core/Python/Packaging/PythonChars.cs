namespace PyDockerLsp.Core.Python.Packaging;

/// <summary>
/// Character classes as Python's <c>re</c> module sees them, so the scanners here accept exactly
/// what pypa/packaging's regular expressions accept.
/// </summary>
internal static class PythonChars
{
    /// <summary>Python's <c>\s</c> / <c>str.isspace</c>: .NET's white space plus the four ASCII
    /// information separators (U+001C..U+001F), which Python also counts as space.</summary>
    public static bool IsWhitespace(char c) => char.IsWhiteSpace(c) || (c >= '\x1c' && c <= '\x1f');

    /// <summary>Python's <c>\w</c> for <c>str</c> patterns: letters, digits and the underscore.</summary>
    public static bool IsWordChar(char c) => c == '_' || char.IsLetterOrDigit(c);

    /// <summary>Python's <c>\b</c> at <paramref name="position"/>: one side is a word character and the other is not.</summary>
    public static bool IsWordBoundary(string text, int position)
    {
        bool before = position > 0 && position - 1 < text.Length && IsWordChar(text[position - 1]);
        bool after = position < text.Length && IsWordChar(text[position]);
        return before != after;
    }

    public static bool IsAsciiDigit(char c) => c >= '0' && c <= '9';

    /// <summary><c>[a-z0-9]</c> under IGNORECASE, ASCII only.</summary>
    public static bool IsAsciiAlphanumeric(char c) => IsAsciiDigit(c) || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');

    /// <summary>The separators PEP 440 allows between version parts: <c>[._-]</c>.</summary>
    public static bool IsSeparator(char c) => c == '.' || c == '_' || c == '-';

    /// <summary>True when <paramref name="word"/> (lower-case ASCII) is at <paramref name="position"/>, ignoring ASCII case.</summary>
    public static bool MatchesIgnoreCase(ReadOnlySpan<char> text, int position, string word)
    {
        if (position + word.Length > text.Length) return false;
        for (int i = 0; i < word.Length; i++)
        {
            char c = text[position + i];
            if (c >= 'A' && c <= 'Z') c = (char)(c | 0x20);
            if (c != word[i]) return false;
        }
        return true;
    }

    /// <summary>Index after the run of ASCII digits starting at <paramref name="position"/>.</summary>
    public static int SkipDigits(ReadOnlySpan<char> text, int position)
    {
        while (position < text.Length && IsAsciiDigit(text[position])) position++;
        return position;
    }

    public static int SkipWhitespace(ReadOnlySpan<char> text, int position)
    {
        while (position < text.Length && IsWhitespace(text[position])) position++;
        return position;
    }

    /// <summary>Python's <c>str.strip()</c> bounds.</summary>
    public static ReadOnlySpan<char> Strip(ReadOnlySpan<char> text)
    {
        int start = 0, end = text.Length;
        while (start < end && IsWhitespace(text[start])) start++;
        while (end > start && IsWhitespace(text[end - 1])) end--;
        return text.Slice(start, end - start);
    }

    /// <summary>Parses ASCII digits as a non-negative number; false on overflow (Python has no limit,
    /// this implementation stops at <see cref="long.MaxValue"/>).</summary>
    public static bool TryParseNumber(ReadOnlySpan<char> digits, out long value)
    {
        value = 0;
        if (digits.IsEmpty) return false;
        foreach (char c in digits)
        {
            int d = c - '0';
            if (value > (long.MaxValue - d) / 10) { value = 0; return false; }
            value = value * 10 + d;
        }
        return true;
    }

    /// <summary>Python's <c>repr()</c> of a plain string, for messages that quote a value.</summary>
    public static string Repr(string value)
    {
        char quote = value.Contains('\'') && !value.Contains('"') ? '"' : '\'';
        var sb = new System.Text.StringBuilder(value.Length + 2);
        sb.Append(quote);
        foreach (char c in value)
        {
            if (c == '\\') sb.Append("\\\\");
            else if (c == quote) sb.Append('\\').Append(c);
            else if (c == '\n') sb.Append("\\n");
            else if (c == '\r') sb.Append("\\r");
            else if (c == '\t') sb.Append("\\t");
            else sb.Append(c);
        }
        sb.Append(quote);
        return sb.ToString();
    }
}
