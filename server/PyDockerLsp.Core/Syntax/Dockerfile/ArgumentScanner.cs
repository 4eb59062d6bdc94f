using System.Runtime.CompilerServices;
using System.Text;

namespace PyDockerLsp.Core.Syntax.Dockerfile;

/// <summary>A word found in a buffer: [Start, End) is its text, [Start, ValueEnd) its value (shorter when BuildKit
/// drops a trailing escape character).</summary>
internal readonly record struct WordToken(int Start, int End, int ValueEnd);

/// <summary>A <c>--flag</c> word: its extent, the position of its first <c>=</c> (or -1) and, when quotes or
/// escapes change it, the processed text.</summary>
internal readonly record struct FlagToken(int Start, int End, int EqualsAt, string? Processed);

/// <summary>A string of an exec-form JSON array: the token's extent (quotes included) and its decoded value.</summary>
internal readonly record struct JsonStringToken(int Start, int End, string Value);

internal enum ExecFormOutcome
{
    /// <summary>Not a JSON array (BuildKit then reads the text as shell form).</summary>
    NotJson,
    /// <summary>A valid JSON array that holds something other than strings (BuildKit rejects the instruction).</summary>
    NotStringArray,
    /// <summary>A JSON array of strings.</summary>
    StringArray,
}

/// <summary>
/// The scanners BuildKit's line parsers use on an instruction's text, reproduced over a buffer range so that every
/// result keeps its position: splitting words by white space, BuildKit's quote-aware word reader, the flag reader
/// and the exec-form JSON reader. "White space" has two meanings there: <see cref="IsSeparator"/> is the ASCII set
/// BuildKit's regular expressions use, <see cref="IsSpace"/> Go's <c>unicode.IsSpace</c>.
/// </summary>
internal static class ArgumentScanner
{
    /// <summary>The characters of BuildKit's <c>[\t\v\f\r ]</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsSeparator(char c) => c is ' ' or '\t' or '\v' or '\f' or '\r';

    /// <summary>Go's <c>unicode.IsSpace</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsSpace(char c) => c <= ' ' ? c is ' ' or '\t' or '\n' or '\v' or '\f' or '\r' : char.IsWhiteSpace(c);

    public static int SkipSpaces(string s, int pos, int end)
    {
        while (pos < end && IsSpace(s[pos])) pos++;
        return pos;
    }

    public static int TrimEndSpaces(string s, int start, int end)
    {
        while (end > start && IsSpace(s[end - 1])) end--;
        return end;
    }

    /// <summary>Splits [start, end) at runs of separators (BuildKit's <c>parseStringsWhitespaceDelimited</c>).
    /// The range is expected to be trimmed already.</summary>
    public static void SplitOnSeparators(string s, int start, int end, List<WordToken> words)
    {
        int pos = start;
        while (pos < end)
        {
            int wordStart = pos;
            while (pos < end && !IsSeparator(s[pos])) pos++;
            words.Add(new WordToken(wordStart, pos, pos));
            while (pos < end && IsSeparator(s[pos])) pos++;
        }
    }

    /// <summary>
    /// BuildKit's <c>parseWords</c>: words end at unquoted white space; quotes and escapes stay in the words; the
    /// escape character escapes anything outside single quotes; an escape at the very end is dropped.
    /// </summary>
    public static void ReadQuotedWords(string s, int start, int end, char escape, List<WordToken> words)
    {
        int pos = start;
        while (pos < end)
        {
            while (pos < end && IsSpace(s[pos])) pos++;
            if (pos >= end) break;
            int wordStart = pos;
            char quote = '\0';
            bool blankOk = false;
            bool droppedEscape = false;
            int written = 0; // characters that made it into the word
            while (pos < end)
            {
                char c = s[pos];
                if (quote == '\0')
                {
                    if (IsSpace(c)) break;
                    if (c is '\'' or '"')
                    {
                        quote = c;
                        blankOk = true;
                    }
                    else if (c == escape)
                    {
                        if (pos + 1 == end)
                        {
                            droppedEscape = true;
                            pos++;
                            break;
                        }
                        pos++;
                        written++;
                    }
                    pos++;
                    written++;
                    continue;
                }
                if (c == quote)
                {
                    quote = '\0';
                }
                else if (c == escape && quote != '\'')
                {
                    if (pos + 1 == end)
                    {
                        droppedEscape = true;
                        pos++;
                        break;
                    }
                    pos++;
                    written++;
                }
                pos++;
                written++;
            }
            if (blankOk || written > 0)
                words.Add(new WordToken(wordStart, pos, droppedEscape ? pos - 1 : pos));
        }
    }

    /// <summary>
    /// BuildKit's flag reader: reads <c>--word</c>s (quotes removed, backslash escapes applied) until the first word
    /// that does not start with <c>--</c>, or a lone <c>--</c>. Returns where the arguments start.
    /// </summary>
    public static int ReadFlags(string s, int start, int end, List<FlagToken> flags)
    {
        int pos = start;
        while (true)
        {
            while (pos < end && IsSpace(s[pos])) pos++;
            if (pos >= end) return end;
            if (s[pos] != '-' || pos + 1 >= end || s[pos + 1] != '-') return pos;

            int wordStart = pos;
            int equals = -1;
            char quote = '\0';
            bool blankOk = false;
            StringBuilder? processed = null; // only built once quotes or escapes make the word differ from its text
            int processedLength = 0;
            while (pos < end)
            {
                char c = s[pos];
                if (quote == '\0')
                {
                    if (IsSpace(c)) break;
                    if (c is '\'' or '"')
                    {
                        quote = c;
                        blankOk = true;
                        processed ??= new StringBuilder().Append(s, wordStart, pos - wordStart);
                        pos++;
                        continue;
                    }
                    if (c == '\\')
                    {
                        processed ??= new StringBuilder().Append(s, wordStart, pos - wordStart);
                        if (pos + 1 == end)
                        {
                            pos++;
                            continue;
                        }
                        pos++;
                        c = s[pos];
                    }
                }
                else
                {
                    if (c == quote)
                    {
                        quote = '\0';
                        pos++;
                        continue;
                    }
                    if (c == '\\')
                    {
                        if (pos + 1 == end)
                        {
                            quote = '\0';
                            pos++;
                            continue;
                        }
                        pos++;
                        c = s[pos];
                    }
                }
                if (c == '=' && equals < 0) equals = pos;
                processed?.Append(c);
                processedLength++;
                pos++;
            }

            bool isTerminator = processedLength == 2 && (processed is null
                ? s[wordStart] == '-' && s[wordStart + 1] == '-' && pos - wordStart == 2
                : processed.ToString() == "--");
            if (isTerminator)
            {
                // "--" ends the flags; BuildKit does not keep it.
                return pos;
            }
            if (blankOk || processedLength > 0)
                flags.Add(new FlagToken(wordStart, pos, equals, processed?.ToString()));
        }
    }

    /// <summary>
    /// BuildKit's exec-form reader: after leading white space the text must be exactly one JSON array (Go's JSON
    /// grammar, trailing JSON white space allowed). String elements are collected with their positions.
    /// </summary>
    public static ExecFormOutcome ReadExecForm(string s, int start, int end, List<JsonStringToken> elements)
    {
        int pos = SkipSpaces(s, start, end);
        if (pos >= end || s[pos] != '[') return ExecFormOutcome.NotJson;
        var reader = new JsonReader(s, pos, end, elements);
        return reader.ReadTopLevelArray();
    }

    /// <summary>A strict JSON reader with Go's rules (no comments, no trailing commas, no control characters in
    /// strings, nesting at most 10000 deep). Iterative, so deep nesting cannot overflow the stack.</summary>
    private ref struct JsonReader
    {
        private const int MaxDepth = 10000;
        private readonly string _s;
        private readonly int _end;
        private readonly List<JsonStringToken> _elements;
        private int _pos;

        public JsonReader(string s, int pos, int end, List<JsonStringToken> elements)
        {
            _s = s;
            _pos = pos;
            _end = end;
            _elements = elements;
        }

        public ExecFormOutcome ReadTopLevelArray()
        {
            // Containers open around the current position: true = array, false = object.
            var open = new List<bool>();
            bool nonString = false;
            bool expectValue = true; // otherwise: just read a value, expect ',' or a closing bracket
            while (true)
            {
                SkipWhiteSpace();
                if (expectValue)
                {
                    if (_pos >= _end) return ExecFormOutcome.NotJson;
                    char c = _s[_pos];
                    bool isElement = open.Count == 1;
                    if (c == '[' || c == '{')
                    {
                        if (open.Count >= MaxDepth) return ExecFormOutcome.NotJson;
                        if (open.Count > 0 && isElement) nonString = true;
                        open.Add(c == '[');
                        _pos++;
                        SkipWhiteSpace();
                        if (_pos < _end && _s[_pos] == (c == '[' ? ']' : '}'))
                        {
                            _pos++;
                            open.RemoveAt(open.Count - 1);
                            expectValue = false;
                            if (open.Count == 0) break;
                            continue;
                        }
                        if (c == '{')
                        {
                            if (!ReadObjectKey()) return ExecFormOutcome.NotJson;
                        }
                        continue;
                    }
                    if (c == '"')
                    {
                        int tokenStart = _pos;
                        string? value = ReadString(decode: isElement);
                        if (value is null) return ExecFormOutcome.NotJson;
                        if (isElement) _elements.Add(new JsonStringToken(tokenStart, _pos, value));
                    }
                    else
                    {
                        if (!ReadScalar()) return ExecFormOutcome.NotJson;
                        if (isElement) nonString = true;
                    }
                    expectValue = false;
                    continue;
                }

                if (_pos >= _end) return ExecFormOutcome.NotJson;
                char next = _s[_pos];
                bool inArray = open[open.Count - 1];
                if (next == ',')
                {
                    _pos++;
                    if (!inArray && !ReadObjectKey()) return ExecFormOutcome.NotJson;
                    expectValue = true;
                    continue;
                }
                if (next == (inArray ? ']' : '}'))
                {
                    _pos++;
                    open.RemoveAt(open.Count - 1);
                    if (open.Count == 0) break;
                    continue;
                }
                return ExecFormOutcome.NotJson;
            }
            SkipWhiteSpace();
            if (_pos != _end) return ExecFormOutcome.NotJson;
            return nonString ? ExecFormOutcome.NotStringArray : ExecFormOutcome.StringArray;
        }

        /// <summary>Reads <c>"key" :</c> inside an object.</summary>
        private bool ReadObjectKey()
        {
            SkipWhiteSpace();
            if (_pos >= _end || _s[_pos] != '"') return false;
            if (ReadString(decode: false) is null) return false;
            SkipWhiteSpace();
            if (_pos >= _end || _s[_pos] != ':') return false;
            _pos++;
            return true;
        }

        private void SkipWhiteSpace()
        {
            while (_pos < _end && _s[_pos] is ' ' or '\t' or '\n' or '\r') _pos++;
        }

        /// <summary>Reads a string token; returns its decoded value (or "" when not decoding), null when invalid.</summary>
        private string? ReadString(bool decode)
        {
            _pos++; // opening quote
            int contentStart = _pos;
            StringBuilder? decoded = null;
            while (_pos < _end)
            {
                char c = _s[_pos];
                if (c == '"')
                {
                    string value = !decode ? "" : decoded is null
                        ? _s.Substring(contentStart, _pos - contentStart)
                        : decoded.ToString();
                    _pos++;
                    return value;
                }
                if (c < 0x20) return null;
                if (c != '\\')
                {
                    decoded?.Append(c);
                    _pos++;
                    continue;
                }
                if (decode) decoded ??= new StringBuilder().Append(_s, contentStart, _pos - contentStart);
                if (_pos + 1 >= _end) return null;
                char e = _s[_pos + 1];
                _pos += 2;
                switch (e)
                {
                    case '"': decoded?.Append('"'); break;
                    case '\\': decoded?.Append('\\'); break;
                    case '/': decoded?.Append('/'); break;
                    case 'b': decoded?.Append('\b'); break;
                    case 'f': decoded?.Append('\f'); break;
                    case 'n': decoded?.Append('\n'); break;
                    case 'r': decoded?.Append('\r'); break;
                    case 't': decoded?.Append('\t'); break;
                    case 'u':
                    {
                        int unit = ReadHex4();
                        if (unit < 0) return null;
                        if (char.IsHighSurrogate((char)unit))
                        {
                            // A high surrogate counts only when a low one follows as another \u escape.
                            int save = _pos;
                            if (_pos + 1 < _end && _s[_pos] == '\\' && _s[_pos + 1] == 'u')
                            {
                                _pos += 2;
                                int low = ReadHex4();
                                if (low >= 0 && char.IsLowSurrogate((char)low))
                                {
                                    decoded?.Append((char)unit).Append((char)low);
                                    break;
                                }
                            }
                            _pos = save;
                            decoded?.Append('\uFFFD');
                            break;
                        }
                        decoded?.Append(char.IsLowSurrogate((char)unit) ? '\uFFFD' : (char)unit);
                        break;
                    }
                    default:
                        return null;
                }
            }
            return null;
        }

        private int ReadHex4()
        {
            if (_pos + 4 > _end) return -1;
            int value = 0;
            for (int i = 0; i < 4; i++)
            {
                int digit = HexValue(_s[_pos + i]);
                if (digit < 0) return -1;
                value = value * 16 + digit;
            }
            _pos += 4;
            return value;
        }

        private static int HexValue(char c) => c switch
        {
            >= '0' and <= '9' => c - '0',
            >= 'a' and <= 'f' => c - 'a' + 10,
            >= 'A' and <= 'F' => c - 'A' + 10,
            _ => -1,
        };

        /// <summary>A number, <c>true</c>, <c>false</c> or <c>null</c>.</summary>
        private bool ReadScalar()
        {
            char c = _s[_pos];
            if (c == 't') return ReadLiteral("true");
            if (c == 'f') return ReadLiteral("false");
            if (c == 'n') return ReadLiteral("null");
            return ReadNumber();
        }

        private bool ReadLiteral(string literal)
        {
            if (_pos + literal.Length > _end || string.CompareOrdinal(_s, _pos, literal, 0, literal.Length) != 0) return false;
            _pos += literal.Length;
            return true;
        }

        private bool ReadNumber()
        {
            if (_pos < _end && _s[_pos] == '-') _pos++;
            if (_pos >= _end) return false;
            if (_s[_pos] == '0') _pos++;
            else if (_s[_pos] >= '1' && _s[_pos] <= '9')
                while (_pos < _end && char.IsAsciiDigit(_s[_pos])) _pos++;
            else return false;
            if (_pos < _end && _s[_pos] == '.')
            {
                _pos++;
                if (_pos >= _end || !char.IsAsciiDigit(_s[_pos])) return false;
                while (_pos < _end && char.IsAsciiDigit(_s[_pos])) _pos++;
            }
            if (_pos < _end && _s[_pos] is 'e' or 'E')
            {
                _pos++;
                if (_pos < _end && _s[_pos] is '+' or '-') _pos++;
                if (_pos >= _end || !char.IsAsciiDigit(_s[_pos])) return false;
                while (_pos < _end && char.IsAsciiDigit(_s[_pos])) _pos++;
            }
            return true;
        }
    }
}
