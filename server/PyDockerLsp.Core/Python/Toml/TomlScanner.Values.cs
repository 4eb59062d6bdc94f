using PyDockerLsp.Core.Text;

namespace PyDockerLsp.Core.Python.Toml;

internal sealed partial class TomlScanner
{
    /// <summary>Any value, chosen by its first character. Returns null when nothing usable was read; an array or
    /// inline table that breaks off is returned with the elements read so far (the statement is failed).</summary>
    private TomlValue? ParseValue()
    {
        if (_pos >= _length)
        {
            Fail(_pos, "Expected a value, found the end of the file.");
            return null;
        }
        char c = _text[_pos];
        switch (c)
        {
            case '"':
                return _pos + 2 < _length && _text[_pos + 1] == '"' && _text[_pos + 2] == '"'
                    ? ParseMultiLineBasicString()
                    : ParseBasicString();
            case '\'':
                return _pos + 2 < _length && _text[_pos + 1] == '\'' && _text[_pos + 2] == '\''
                    ? ParseMultiLineLiteralString()
                    : ParseLiteralString();
            case '[':
                return ParseArray();
            case '{':
                return ParseInlineTable();
            case 't':
            case 'f':
                return ParseBoolean();
            case '\n':
            case '\r':
            case '#':
                Fail(_pos, "Expected a value after '='.");
                return null;
            default:
                if (char.IsAsciiDigit(c) || c == '+' || c == '-' || c == 'i' || c == 'n') return ParseNumberOrDateTime();
                Fail(_pos, $"A value cannot start with {DescribeAt(_pos)}. Strings must be quoted.");
                return null;
        }
    }

    private TomlValue? ParseBoolean()
    {
        int start = _pos;
        int end = start;
        while (end < _length && IsBareKeyChar(_text[end])) end++;
        var word = _text.AsSpan(start, end - start);
        bool? value = word.SequenceEqual("true") ? true : word.SequenceEqual("false") ? false : null;
        if (value == null)
        {
            Fail(start, Math.Max(1, end - start), $"'{word.ToString()}' is not a value. Booleans are lowercase true or false, and strings must be quoted.");
            return null;
        }
        _pos = end;
        return new TomlBoolean(value.Value, TextSpan.FromBounds(start, end));
    }

    // ------------------------------------------------------------------ arrays

    /// <summary>array = "[" *( ws/newline/comment value ws/newline/comment "," ) [ trailing "," ] "]"</summary>
    private TomlValue? ParseArray()
    {
        int start = _pos;
        if (!EnterNesting()) return null;
        _pos++;
        var array = new TomlArray(new TextSpan(start, 1), isArrayOfTables: false);
        while (true)
        {
            SkipWhitespaceCommentsAndNewlines();
            if (_failed) break;
            if (_pos >= _length)
            {
                Fail(start, 1, "This array is never closed; expected ']'.");
                break;
            }
            if (_text[_pos] == ']')
            {
                _pos++;
                break;
            }
            TomlValue? element = ParseValue();
            if (element != null) array.Add(element);
            if (_failed) break;
            SkipWhitespaceCommentsAndNewlines();
            if (_failed) break;
            if (_pos < _length && _text[_pos] == ',')
            {
                _pos++;
                continue;
            }
            if (_pos < _length && _text[_pos] == ']')
            {
                _pos++;
                break;
            }
            if (_pos >= _length) Fail(start, 1, "This array is never closed; expected ']'.");
            else Fail(_pos, $"Expected ',' or ']' after an array element, found {DescribeAt(_pos)}.");
            break;
        }
        _depth--;
        array.Span = TextSpan.FromBounds(start, Math.Max(start + 1, _pos));
        return array;
    }

    // ------------------------------------------------------------------ inline tables

    /// <summary>inline-table = "{" ws [ key "=" value *( ws "," ws key "=" value ) ] ws "}", all on one line,
    /// no trailing comma (TOML 1.0).</summary>
    private TomlValue? ParseInlineTable()
    {
        int start = _pos;
        if (!EnterNesting()) return null;
        _pos++;
        var table = new TomlTable(TomlTableKind.Inline, new TextSpan(start, 1));
        SkipWhitespace();
        if (_pos < _length && _text[_pos] == '}')
        {
            _pos++;
        }
        else
        {
            while (ParseInlineTableEntry(table))
            {
                SkipWhitespace();
                if (_pos < _length && _text[_pos] == '}')
                {
                    _pos++;
                    break;
                }
                if (_pos < _length && _text[_pos] == ',')
                {
                    _pos++;
                    SkipWhitespace();
                    if (_pos < _length && _text[_pos] == '}')
                    {
                        Fail(_pos - 1, "A trailing comma is not allowed in an inline table (TOML 1.0).");
                        break;
                    }
                    continue;
                }
                if (AtLineEnd()) Fail(_pos, "This inline table is not closed on its line; inline tables must fit on one line, expected ',' or '}'.");
                else Fail(_pos, $"Expected ',' or '}}' in the inline table, found {DescribeAt(_pos)}.");
                break;
            }
        }
        _depth--;
        table.Span = TextSpan.FromBounds(start, Math.Max(start + 1, _pos));
        Freeze(table);
        return table;
    }

    private bool ParseInlineTableEntry(TomlTable table)
    {
        if (AtLineEnd())
        {
            Fail(_pos, "This inline table is not closed on its line; inline tables must fit on one line, expected a key or '}'.");
            return false;
        }
        if (!ParseKey(out var key)) return false;
        if (!ExpectEquals(key)) return false;
        TomlValue? value = ParseValue();
        if (value != null) InsertKeyValue(table, key, value, insideInlineTable: true);
        return !_failed;
    }

    private bool EnterNesting()
    {
        if (++_depth <= MaxNesting) return true;
        _depth--;
        Fail(_pos, $"Arrays and inline tables are nested more than {MaxNesting} deep.");
        return false;
    }
}
