using System.Text;
using PyDockerLsp.Core.Text;

namespace PyDockerLsp.Core.Python.Toml;

/// <summary>
/// The TOML reader: one pass over the text, one method per construct. A syntax error marks the current
/// statement as failed (only its first error is kept); the statement loop then resumes on the next line and
/// stays quiet about further syntax errors until a statement parses again, so one typo gives one error
/// rather than a cascade. Errors about meaning (a key defined twice, a table redefined) are always reported.
/// </summary>
internal sealed partial class TomlScanner
{
    // Deeper nesting than this is certainly not a manifest; the limit keeps recursion off the stack's edge.
    private const int MaxNesting = 100;

    private readonly string _text;
    private readonly int _length;
    private readonly List<TomlError> _errors = new();
    private readonly TomlTable _root;
    private readonly List<TomlTable> _pendingDotted = new();
    private readonly StringBuilder _buffer = new();

    private int _pos;

    /// <summary>The table that key/value lines currently write into.</summary>
    private TomlTable _section;

    /// <summary>The array of tables whose last element is <see cref="_section"/>, if any.</summary>
    private TomlArray? _sectionArray;

    /// <summary>Where the last key/value of the current section ends.</summary>
    private int _sectionContentEnd;

    /// <summary>The current statement has a syntax error.</summary>
    private bool _failed;

    /// <summary>Where the current statement's first syntax error is.</summary>
    private int _failedAt;

    /// <summary>Where to resume after the failure when the usual "next line" is wrong (an unclosed multi-line
    /// string swallows the rest of the file); -1 when not set.</summary>
    private int _resumeAt = -1;

    /// <summary>An earlier statement failed and none has parsed since: further syntax errors are likely
    /// echoes of the first one (the rest of a broken multi-line array) and are not reported.</summary>
    private bool _recovering;

    private int _depth;

    public TomlScanner(string text)
    {
        _text = text;
        _length = text.Length;
        _root = new TomlTable(TomlTableKind.Root, new TextSpan(0, _length), capacity: 8) { IsDefined = true };
        _section = _root;
    }

    public TomlDocument Parse()
    {
        // A byte-order mark is not part of the document (TOML files are UTF-8 and may start with one).
        if (_length > 0 && _text[0] == '\uFEFF') _pos = 1;
        while (_pos < _length) ParseLine();
        CloseSection();
        return new TomlDocument(_text, _root, _errors);
    }

    // ------------------------------------------------------------------ statements

    private void ParseLine()
    {
        int lineStart = _pos;
        SkipWhitespace();
        if (_pos >= _length) return;
        char c = _text[_pos];
        if (c == '\n' || c == '\r' || c == '#')
        {
            // Blank and comment-only lines do not end recovery: they also occur inside a broken array.
            ExpectLineEnd();
            if (_failed) Recover(lineStart);
            return;
        }

        if (c == '[') ParseHeader();
        else ParseKeyValueLine();

        if (!_failed) ExpectLineEnd();
        if (_failed) Recover(lineStart);
        else _recovering = false;
    }

    private void ParseKeyValueLine()
    {
        if (!ParseKey(out var key)) return;
        if (!ExpectEquals(key)) return;
        TomlValue? value = ParseValue();
        if (value == null) return;
        // A partly read array or inline table is kept: its complete elements are still useful.
        InsertKeyValue(_section, key, value, insideInlineTable: false);
        if (!_failed) _sectionContentEnd = value.Span.End;
    }

    private bool ExpectEquals(in KeyPath key)
    {
        SkipWhitespace();
        if (_pos < _length && _text[_pos] == '=')
        {
            _pos++;
            SkipWhitespace();
            return true;
        }
        if (AtLineEnd())
            Fail(_pos, $"Expected '=' and a value after the key '{key.Dotted()}'.");
        else
            Fail(_pos, $"Expected '=' after the key '{key.Dotted()}', found {DescribeAt(_pos)}. Keys are bare (A-Z a-z 0-9 _ -) or quoted, joined by dots.");
        return false;
    }

    /// <summary>After a statement: optional spaces, an optional comment, then a line break or the end.</summary>
    private void ExpectLineEnd()
    {
        SkipWhitespace();
        if (_pos >= _length) return;
        char c = _text[_pos];
        if (c == '#')
        {
            SkipComment();
            if (_failed || _pos >= _length) return;
            c = _text[_pos];
        }
        if (c == '\n')
        {
            _pos++;
            return;
        }
        if (c == '\r')
        {
            if (_pos + 1 < _length && _text[_pos + 1] == '\n')
            {
                _pos += 2;
                return;
            }
            Fail(_pos, "A carriage return must be followed by a line feed.");
            return;
        }
        Fail(_pos, $"Expected the end of the line, found {DescribeAt(_pos)}. Each key/value pair and table header goes on its own line.");
    }

    /// <summary>
    /// Continues after a failed statement: at the line of the error when the error is the first thing on a
    /// later line (the statement before it simply was not closed), otherwise on the line after the error.
    /// </summary>
    private void Recover(int statementStart)
    {
        int errorAt = Math.Min(_failedAt, _length);
        int resume;
        if (_resumeAt >= 0)
        {
            resume = _resumeAt;
        }
        else
        {
            int errorLineStart = LineStartOf(errorAt);
            if (errorLineStart > statementStart && IsBlank(errorLineStart, errorAt)) resume = errorLineStart;
            else resume = NextLineStart(errorAt);
        }
        _pos = Math.Max(resume, statementStart + 1);
        _failed = false;
        _resumeAt = -1;
        _recovering = true;
    }

    private int LineStartOf(int offset)
    {
        int i = Math.Min(offset, _length);
        while (i > 0 && _text[i - 1] != '\n' && _text[i - 1] != '\r') i--;
        return i;
    }

    private int NextLineStart(int offset)
    {
        int i = offset;
        while (i < _length && _text[i] != '\n' && _text[i] != '\r') i++;
        if (i < _length && _text[i] == '\r') i++;
        if (i < _length && _text[i] == '\n') i++;
        return i;
    }

    private bool IsBlank(int from, int to)
    {
        for (int i = from; i < to; i++)
        {
            if (_text[i] != ' ' && _text[i] != '\t') return false;
        }
        return true;
    }

    // ------------------------------------------------------------------ trivia

    private void SkipWhitespace()
    {
        while (_pos < _length)
        {
            char c = _text[_pos];
            if (c != ' ' && c != '\t') return;
            _pos++;
        }
    }

    /// <summary>Inside arrays: spaces, line breaks and comments may appear between the elements.</summary>
    private void SkipWhitespaceCommentsAndNewlines()
    {
        while (_pos < _length && !_failed)
        {
            char c = _text[_pos];
            if (c == ' ' || c == '\t' || c == '\n') _pos++;
            else if (c == '\r' && _pos + 1 < _length && _text[_pos + 1] == '\n') _pos += 2;
            else if (c == '#') SkipComment();
            else return;
        }
    }

    /// <summary>A comment runs from '#' to the end of the line; control characters other than tab are not
    /// allowed in it.</summary>
    private void SkipComment()
    {
        _pos++;
        while (_pos < _length)
        {
            char c = _text[_pos];
            if (c == '\n') return;
            if (c == '\r')
            {
                if (_pos + 1 < _length && _text[_pos + 1] == '\n') return;
                Fail(_pos, "A carriage return must be followed by a line feed.");
                return;
            }
            if ((c < 0x20 && c != '\t') || c == 0x7F)
            {
                Fail(_pos, $"The control character {DescribeChar(c)} is not allowed in a comment.");
                return;
            }
            if (char.IsSurrogate(c) && !SkipSurrogatePair()) return;
            _pos++;
        }
    }

    /// <summary>At a surrogate: a well-formed pair advances past its first half (the caller takes the second);
    /// a lone half is an error.</summary>
    private bool SkipSurrogatePair()
    {
        if (char.IsHighSurrogate(_text[_pos]) && _pos + 1 < _length && char.IsLowSurrogate(_text[_pos + 1]))
        {
            _pos++;
            return true;
        }
        Fail(_pos, "The text contains a lone UTF-16 surrogate, which is not a Unicode character.");
        return false;
    }

    private bool AtLineEnd()
    {
        if (_pos >= _length) return true;
        char c = _text[_pos];
        return c == '\n' || c == '\r' || c == '#';
    }

    // ------------------------------------------------------------------ errors

    /// <summary>A syntax error at one character (or at a line end / the end of the text, an empty span).</summary>
    private void Fail(int at, string message) => Fail(at, CharLength(at), message);

    private void Fail(int at, int length, string message)
    {
        if (_failed) return;
        _failed = true;
        _failedAt = at;
        if (!_recovering) _errors.Add(new TomlError(new TextSpan(at, length), message));
    }

    private int CharLength(int at)
    {
        if (at >= _length) return 0;
        char c = _text[at];
        if (c == '\n' || c == '\r') return 0;
        if (char.IsHighSurrogate(c) && at + 1 < _length && char.IsLowSurrogate(_text[at + 1])) return 2;
        return 1;
    }

    /// <summary>An error of meaning (redefinition and the like): always reported, does not fail the line.</summary>
    private void ReportError(TextSpan span, string message, TextSpan? related = null) =>
        _errors.Add(new TomlError(span, message) { Related = related });

    private string DescribeAt(int at)
    {
        if (at >= _length) return "the end of the file";
        char c = _text[at];
        if (c == '\n' || (c == '\r' && at + 1 < _length && _text[at + 1] == '\n')) return "the end of the line";
        return DescribeChar(c);
    }

    private static string DescribeChar(char c)
    {
        if (c < 0x20 || c == 0x7F || char.IsSurrogate(c) || char.IsWhiteSpace(c) || c == '\uFEFF')
            return $"U+{(int)c:X4}";
        return $"'{c}'";
    }
}
