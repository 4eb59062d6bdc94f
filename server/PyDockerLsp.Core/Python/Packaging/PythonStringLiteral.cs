using System.Text;

namespace PyDockerLsp.Core.Python.Packaging;

/// <summary>
/// Decodes a quoted marker value the way Python's <c>ast.literal_eval</c> reads a string literal, which is what
/// packaging does: backslash escapes are interpreted, and a literal that Python would reject is invalid.
/// <c>\N{name}</c> escapes are not supported (they need the Unicode name table) and count as invalid.
/// </summary>
internal static class PythonStringLiteral
{
    /// <summary><paramref name="quoted"/> includes its quotes (the tokenizer guarantees matching quote characters).</summary>
    public static bool TryDecode(ReadOnlySpan<char> quoted, out string value)
    {
        value = "";
        if (quoted.Length < 2) return false;
        var body = quoted[1..^1];
        if (body.IndexOf('\\') < 0 && body.IndexOfAny('\n', '\r') < 0 && body.IndexOf('\0') < 0)
        {
            value = body.ToString();
            return true;
        }
        var sb = new StringBuilder(body.Length);
        int i = 0;
        while (i < body.Length)
        {
            char c = body[i];
            if (c == '\n' || c == '\r' || c == '\0') return false;
            if (c != '\\') { sb.Append(c); i++; continue; }
            // A backslash as the last character escapes the closing quote: the literal never ends.
            if (i + 1 >= body.Length) return false;
            if (!TryDecodeEscape(body, ref i, sb)) return false;
        }
        value = sb.ToString();
        return true;
    }

    /// <summary>Decodes the escape at <paramref name="i"/> (which points at the backslash).</summary>
    private static bool TryDecodeEscape(ReadOnlySpan<char> body, ref int i, StringBuilder sb)
    {
        char e = body[i + 1];
        i += 2;
        switch (e)
        {
            case '\n': return true;
            case '\r':
                if (i < body.Length && body[i] == '\n') i++;
                return true;
            case '\\': sb.Append('\\'); return true;
            case '\'': sb.Append('\''); return true;
            case '"': sb.Append('"'); return true;
            case 'a': sb.Append('\a'); return true;
            case 'b': sb.Append('\b'); return true;
            case 'f': sb.Append('\f'); return true;
            case 'n': sb.Append('\n'); return true;
            case 'r': sb.Append('\r'); return true;
            case 't': sb.Append('\t'); return true;
            case 'v': sb.Append('\v'); return true;
            case 'x': return TryAppendHex(body, ref i, 2, sb);
            case 'u': return TryAppendHex(body, ref i, 4, sb);
            case 'U': return TryAppendHex(body, ref i, 8, sb);
            case 'N': return false;
        }
        if (e >= '0' && e <= '7')
        {
            int value = e - '0';
            for (int n = 1; n < 3 && i < body.Length && body[i] >= '0' && body[i] <= '7'; n++, i++)
                value = value * 8 + (body[i] - '0');
            sb.Append((char)value);
            return true;
        }
        // Python keeps unknown escapes as written (with a warning).
        sb.Append('\\').Append(e);
        return true;
    }

    private static bool TryAppendHex(ReadOnlySpan<char> body, ref int i, int digits, StringBuilder sb)
    {
        if (i + digits > body.Length) return false;
        int value = 0;
        for (int n = 0; n < digits; n++)
        {
            int d = HexValue(body[i + n]);
            if (d < 0) return false;
            if (value > 0x10FFFF) return false;
            value = value * 16 + d;
        }
        if (value > 0x10FFFF) return false;
        i += digits;
        if (value <= 0xFFFF) sb.Append((char)value); else sb.Append(char.ConvertFromUtf32(value));
        return true;
    }

    private static int HexValue(char c) =>
        c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}
