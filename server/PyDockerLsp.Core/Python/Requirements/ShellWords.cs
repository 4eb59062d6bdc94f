using System.Text;
using PyDockerLsp.Core.Text;

namespace PyDockerLsp.Core.Python.Requirements;

/// <summary>A word of an option string and where it was written. <see cref="Unquoted"/> holds the value when quotes
/// or escapes were removed; otherwise the value is the written text itself and is not copied.</summary>
internal readonly record struct ShellWord(TextSpan Span, string? Unquoted)
{
    public ReadOnlySpan<char> Chars(string text) => Unquoted != null ? Unquoted.AsSpan() : text.AsSpan(Span.Start, Span.Length);

    public string Value(string text) => Unquoted ?? text.Substring(Span.Start, Span.Length);

    /// <summary>True when the value is exactly the written text, so offsets inside it are offsets into the line.</summary>
    public bool IsVerbatim => Unquoted == null;
}

/// <summary>
/// Python's <c>shlex.split</c> (POSIX mode), which pip applies to the options part of a line: words separated by
/// white space; single quotes keep everything; double quotes keep everything but <c>\"</c> and <c>\\</c>;
/// outside quotes a backslash escapes the next character.
/// </summary>
internal static class ShellWords
{
    /// <summary>Splits <paramref name="text"/>[<paramref name="start"/>..]; on an unclosed quote or a trailing escape
    /// returns false with <paramref name="errorAt"/> where the unfinished word starts.</summary>
    public static bool TrySplit(string text, int start, List<ShellWord> words, out int errorAt, out string? error)
    {
        errorAt = -1;
        error = null;
        int i = start;
        StringBuilder? sb = null;
        while (true)
        {
            while (i < text.Length && IsSpace(text[i])) i++;
            if (i >= text.Length) return true;
            int wordStart = i;
            // Most words are plain: find the end, and copy nothing unless a quote or backslash appears.
            int special = text.AsSpan(i).IndexOfAny(WordEndOrQuote);
            i = special < 0 ? text.Length : i + special;
            if (i >= text.Length || IsSpace(text[i]))
            {
                words.Add(new ShellWord(TextSpan.FromBounds(wordStart, i), null));
                continue;
            }
            sb ??= new StringBuilder();
            sb.Clear();
            sb.Append(text, wordStart, i - wordStart);
            while (i < text.Length && !IsSpace(text[i]))
            {
                char c = text[i];
                if (c == '\'')
                {
                    int close = text.IndexOf('\'', i + 1);
                    if (close < 0) { errorAt = wordStart; error = "a quote is not closed"; return false; }
                    sb.Append(text, i + 1, close - i - 1);
                    i = close + 1;
                }
                else if (c == '"')
                {
                    if (!TryReadDoubleQuoted(text, ref i, sb)) { errorAt = wordStart; error = "a quote is not closed"; return false; }
                }
                else if (c == '\\')
                {
                    if (i + 1 >= text.Length) { errorAt = wordStart; error = "a backslash at the end escapes nothing"; return false; }
                    sb.Append(text[i + 1]);
                    i += 2;
                }
                else
                {
                    sb.Append(c);
                    i++;
                }
            }
            words.Add(new ShellWord(TextSpan.FromBounds(wordStart, i), sb.ToString()));
        }
    }

    /// <summary>Reads <c>"…"</c> from the opening quote at <paramref name="i"/>; inside, a backslash escapes only
    /// <c>"</c> and <c>\</c>.</summary>
    private static bool TryReadDoubleQuoted(string text, ref int i, StringBuilder sb)
    {
        int j = i + 1;
        while (j < text.Length)
        {
            char c = text[j];
            if (c == '"') { i = j + 1; return true; }
            if (c == '\\' && j + 1 < text.Length && (text[j + 1] == '"' || text[j + 1] == '\\'))
            {
                sb.Append(text[j + 1]);
                j += 2;
                continue;
            }
            sb.Append(c);
            j++;
        }
        return false;
    }

    private static readonly System.Buffers.SearchValues<char> WordEndOrQuote = System.Buffers.SearchValues.Create(" \t\r\n'\"\\");

    /// <summary>shlex's white space: space, tab, carriage return, line feed.</summary>
    private static bool IsSpace(char c) => c == ' ' || c == '\t' || c == '\r' || c == '\n';
}
