using System.Text;
using PyDockerLsp.Core.Text;

namespace PyDockerLsp.Core.Python.Toml;

internal sealed partial class TomlScanner
{
    /// <summary>"..." — escapes decoded; no line breaks; no control characters other than tab.</summary>
    private TomlString? ParseBasicString()
    {
        int start = _pos;
        int contentStart = start + 1;
        int runStart = contentStart;
        StringBuilder? decoded = null;
        _pos = contentStart;
        while (_pos < _length)
        {
            char c = _text[_pos];
            if (c == '"')
            {
                string value = decoded == null
                    ? _text.Substring(contentStart, _pos - contentStart)
                    : decoded.Append(_text, runStart, _pos - runStart).ToString();
                var contentSpan = TextSpan.FromBounds(contentStart, _pos);
                _pos++;
                return new TomlString(value, TomlStringStyle.Basic, TextSpan.FromBounds(start, _pos), contentSpan);
            }
            if (c == '\\')
            {
                decoded ??= _buffer.Clear();
                decoded.Append(_text, runStart, _pos - runStart);
                if (!DecodeEscape(decoded, multiLine: false)) return null;
                runStart = _pos;
                continue;
            }
            if (c == '\n' || c == '\r')
            {
                Fail(start, _pos - start, "This string is not closed before the end of the line; use \"\"\" for a multi-line string.");
                return null;
            }
            if (!AcceptStringChar(c, "a string")) return null;
            _pos++;
        }
        Fail(start, _pos - start, "This string is never closed; expected '\"'.");
        return null;
    }

    /// <summary>'...' — taken verbatim; no line breaks; no control characters other than tab.</summary>
    private TomlString? ParseLiteralString()
    {
        int start = _pos;
        int contentStart = start + 1;
        _pos = contentStart;
        while (_pos < _length)
        {
            char c = _text[_pos];
            if (c == '\'')
            {
                var contentSpan = TextSpan.FromBounds(contentStart, _pos);
                _pos++;
                return new TomlString(_text.Substring(contentSpan.Start, contentSpan.Length), TomlStringStyle.Literal,
                    TextSpan.FromBounds(start, _pos), contentSpan);
            }
            if (c == '\n' || c == '\r')
            {
                Fail(start, _pos - start, "This literal string is not closed before the end of the line; use ''' for a multi-line string.");
                return null;
            }
            if (!AcceptStringChar(c, "a literal string")) return null;
            _pos++;
        }
        Fail(start, _pos - start, "This literal string is never closed; expected \"'\".");
        return null;
    }

    /// <summary>"""...""" — escapes and line-ending backslashes decoded; a line break right after the opening
    /// delimiter is dropped; up to two quotes may sit right before the closing delimiter.</summary>
    private TomlString? ParseMultiLineBasicString()
    {
        int start = _pos;
        _pos += 3;
        SkipFirstNewline();
        int contentStart = _pos;
        int runStart = contentStart;
        StringBuilder? decoded = null;
        while (_pos < _length)
        {
            char c = _text[_pos];
            if (c == '"')
            {
                int closing = TryCloseMultiLine('"');
                if (closing < 0) continue;
                string value = decoded == null
                    ? _text.Substring(contentStart, closing - contentStart)
                    : decoded.Append(_text, runStart, closing - runStart).ToString();
                return new TomlString(value, TomlStringStyle.MultiLineBasic, TextSpan.FromBounds(start, _pos), TextSpan.FromBounds(contentStart, closing));
            }
            if (c == '\\')
            {
                decoded ??= _buffer.Clear();
                decoded.Append(_text, runStart, _pos - runStart);
                if (!DecodeEscape(decoded, multiLine: true)) return null;
                runStart = _pos;
                continue;
            }
            if (!AcceptMultiLineChar(c, "a multi-line string")) return null;
            _pos++;
        }
        Fail(start, 3, "This multi-line string is never closed; expected '\"\"\"'.");
        _resumeAt = _length;
        return null;
    }

    /// <summary>'''...''' — verbatim, line breaks allowed, the first one dropped when it directly follows the
    /// opening delimiter.</summary>
    private TomlString? ParseMultiLineLiteralString()
    {
        int start = _pos;
        _pos += 3;
        SkipFirstNewline();
        int contentStart = _pos;
        while (_pos < _length)
        {
            char c = _text[_pos];
            if (c == '\'')
            {
                int closing = TryCloseMultiLine('\'');
                if (closing < 0) continue;
                return new TomlString(_text.Substring(contentStart, closing - contentStart), TomlStringStyle.MultiLineLiteral,
                    TextSpan.FromBounds(start, _pos), TextSpan.FromBounds(contentStart, closing));
            }
            if (!AcceptMultiLineChar(c, "a multi-line literal string")) return null;
            _pos++;
        }
        Fail(start, 3, "This multi-line literal string is never closed; expected \"'''\".");
        _resumeAt = _length;
        return null;
    }

    private void SkipFirstNewline()
    {
        if (_pos < _length && _text[_pos] == '\n') _pos++;
        else if (_pos + 1 < _length && _text[_pos] == '\r' && _text[_pos + 1] == '\n') _pos += 2;
    }

    /// <summary>
    /// At a run of quotes inside a multi-line string. Fewer than three are content (the position moves past
    /// them, -1 is returned). Three or more close the string: up to two extra quotes before the closing three
    /// are content; the offset where the closing delimiter starts is returned and the position moves after it.
    /// </summary>
    private int TryCloseMultiLine(char quote)
    {
        int runStart = _pos;
        int runEnd = _pos;
        while (runEnd < _length && _text[runEnd] == quote) runEnd++;
        int count = runEnd - runStart;
        if (count < 3)
        {
            _pos = runEnd;
            return -1;
        }
        // """"" (five) is two quotes of content and the delimiter; a sixth quote is left for the caller to
        // reject as text after the value.
        int extra = Math.Min(count - 3, 2);
        _pos = runStart + extra + 3;
        return runStart + extra;
    }

    /// <summary>A character of a single-line string: tab and printable characters only; a surrogate must be
    /// half of a pair.</summary>
    private bool AcceptStringChar(char c, string where)
    {
        if ((c < 0x20 && c != '\t') || c == 0x7F)
        {
            Fail(_pos, $"The control character {DescribeChar(c)} is not allowed in {where}; write it as an escape in a basic string.");
            return false;
        }
        if (char.IsSurrogate(c)) return SkipSurrogatePair();
        return true;
    }

    /// <summary>A character of a multi-line string: as in a single-line string, plus LF and CRLF line breaks.</summary>
    private bool AcceptMultiLineChar(char c, string where)
    {
        if (c == '\n') return true;
        if (c == '\r')
        {
            if (_pos + 1 < _length && _text[_pos + 1] == '\n') return true;
            Fail(_pos, $"A carriage return in {where} must be followed by a line feed.");
            return false;
        }
        return AcceptStringChar(c, where);
    }

    // ------------------------------------------------------------------ escapes

    /// <summary>At a backslash: appends what the escape stands for and moves past it.</summary>
    private bool DecodeEscape(StringBuilder decoded, bool multiLine)
    {
        int start = _pos;
        if (_pos + 1 >= _length)
        {
            Fail(start, "A backslash at the end of the file starts no escape sequence.");
            return false;
        }
        char c = _text[_pos + 1];
        switch (c)
        {
            case 'b': decoded.Append('\b'); break;
            case 't': decoded.Append('\t'); break;
            case 'n': decoded.Append('\n'); break;
            case 'f': decoded.Append('\f'); break;
            case 'r': decoded.Append('\r'); break;
            case '"': decoded.Append('"'); break;
            case '\\': decoded.Append('\\'); break;
            case 'u': return DecodeUnicodeEscape(decoded, 4);
            case 'U': return DecodeUnicodeEscape(decoded, 8);
            case ' ' or '\t' or '\n' or '\r' when multiLine:
                return SkipLineEndingBackslash();
            default:
                Fail(start, c == '\n' || c == '\r' ? 1 : 2, c == '\n' || c == '\r'
                    ? "A backslash before a line break is only allowed in a multi-line basic string."
                    : $"'\\{c}' is not a valid escape; TOML knows \\b \\t \\n \\f \\r \\\" \\\\ \\uXXXX and \\UXXXXXXXX.");
                return false;
        }
        _pos += 2;
        return true;
    }

    /// <summary>\uXXXX or \UXXXXXXXX: exactly that many hex digits naming a Unicode scalar value.</summary>
    private bool DecodeUnicodeEscape(StringBuilder decoded, int digits)
    {
        int start = _pos;
        int first = start + 2;
        int codePoint = 0;
        for (int i = 0; i < digits; i++)
        {
            int at = first + i;
            int digit = at < _length ? HexValue(_text[at]) : -1;
            if (digit < 0)
            {
                Fail(start, Math.Min(at, _length) - start, $"'\\{_text[start + 1]}' must be followed by exactly {digits} hexadecimal digits.");
                return false;
            }
            // Eight hex digits can exceed int; anything above 0x10FFFF is rejected below anyway.
            codePoint = codePoint > 0x10FFFF ? codePoint : codePoint * 16 + digit;
        }
        int length = 2 + digits;
        if (codePoint > 0x10FFFF || (codePoint >= 0xD800 && codePoint <= 0xDFFF))
        {
            Fail(start, length, $"'{_text.Substring(start, length)}' is not a Unicode scalar value (surrogates and values above 10FFFF are not characters).");
            return false;
        }
        if (codePoint < 0x10000) decoded.Append((char)codePoint);
        else decoded.Append(char.ConvertFromUtf32(codePoint));
        _pos = start + length;
        return true;
    }

    private static int HexValue(char c)
    {
        if ((uint)(c - '0') <= 9) return c - '0';
        int lower = c | 0x20;
        if ((uint)(lower - 'a') <= 'f' - 'a') return lower - 'a' + 10;
        return -1;
    }

    /// <summary>A backslash that ends a line (spaces may follow it) joins the lines: it and all whitespace and
    /// line breaks after it are dropped.</summary>
    private bool SkipLineEndingBackslash()
    {
        int start = _pos;
        int i = _pos + 1;
        while (i < _length && (_text[i] == ' ' || _text[i] == '\t')) i++;
        bool atLineBreak = i < _length && (_text[i] == '\n' || (_text[i] == '\r' && i + 1 < _length && _text[i + 1] == '\n'));
        if (!atLineBreak)
        {
            Fail(start, i - start, "A backslash followed by spaces must end the line (a line-ending backslash); otherwise '\\ ' is not a valid escape.");
            return false;
        }
        while (i < _length)
        {
            char c = _text[i];
            if (c == ' ' || c == '\t' || c == '\n') i++;
            else if (c == '\r' && i + 1 < _length && _text[i + 1] == '\n') i += 2;
            else break;
        }
        _pos = i;
        return true;
    }
}
