namespace PyDockerLsp.Core.Syntax.Dockerfile;

/// <summary>A directive found by <see cref="SyntaxDirectiveDetector"/>: the value up to its first space
/// (<see cref="Reference"/>, e.g. the frontend image), the whole value, and its one-based line.</summary>
public sealed record DetectedDirective(string Reference, string Value, int Line);

/// <summary>
/// How BuildKit picks the frontend before parsing (<c>DetectSyntax</c>) and reads a single directive
/// (<c>ParseDirective</c>): a UTF-8 byte order mark and a first <c>#!</c> line are skipped; then <c># key=value</c>
/// comment lines are read; for <c>syntax</c> only, <c>// key=value</c> lines and a document that is one JSON object
/// with a string member are accepted too.
/// </summary>
public static class SyntaxDirectiveDetector
{
    public static DetectedDirective? DetectSyntax(string text) => Find("syntax", text, anyFormat: true);

    public static DetectedDirective? ParseDirective(string key, string text) => Find(key, text, anyFormat: false);

    private static DetectedDirective? Find(string key, string text, bool anyFormat)
    {
        if (text.Length > 0 && text[0] == '\uFEFF') text = text.Substring(1);
        int line = 0;
        int firstFeed = text.IndexOf('\n');
        if (text.StartsWith("#!", StringComparison.Ordinal))
        {
            text = firstFeed < 0 ? "" : text.Substring(firstFeed + 1);
            line = 1;
        }
        var found = FindWithPrefix(key, text, "#", line);
        if (found is not null || !anyFormat) return found;
        found = FindWithPrefix(key, text, "//", line);
        if (found is not null) return found;
        var value = JsonObjectMember(text, key);
        return value is null ? null : new DetectedDirective(value, value, line);
    }

    private static DetectedDirective? FindWithPrefix(string key, string text, string prefix, int line)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var rawLine in SplitLines(text))
        {
            line++;
            if (!rawLine.StartsWith(prefix, StringComparison.Ordinal)) return null;
            var rest = rawLine.AsSpan(prefix.Length).TrimStart();
            if (!TryMatch(rest, out string name, out string value)) return null;
            name = name.ToLowerInvariant();
            if (name is not ("syntax" or "escape" or "check")) return null;
            if (!seen.Add(name)) return null; // BuildKit stops with an error on a repeated directive
            if (name == key)
            {
                int space = value.IndexOf(' ');
                return new DetectedDirective(space < 0 ? value : value.Substring(0, space), value, line);
            }
        }
        return null;
    }

    private static IEnumerable<string> SplitLines(string text)
    {
        int start = 0;
        while (start < text.Length)
        {
            int feed = text.IndexOf('\n', start);
            int end = feed < 0 ? text.Length : feed;
            int contentEnd = end > start && text[end - 1] == '\r' ? end - 1 : end;
            yield return text.Substring(start, contentEnd - start);
            if (feed < 0) yield break;
            start = feed + 1;
        }
    }

    private static bool TryMatch(ReadOnlySpan<char> rest, out string name, out string value)
    {
        name = value = "";
        int pos = 0;
        if (pos >= rest.Length || !char.IsAsciiLetter(rest[pos])) return false;
        while (pos < rest.Length && char.IsAsciiLetterOrDigit(rest[pos])) pos++;
        name = rest.Slice(0, pos).ToString();
        while (pos < rest.Length && rest[pos] is ' ' or '\t' or '\f' or '\r') pos++;
        if (pos >= rest.Length || rest[pos] != '=') return false;
        pos++;
        int afterEquals = pos;
        while (pos < rest.Length && rest[pos] is ' ' or '\t' or '\f' or '\r') pos++;
        int end = rest.Length;
        while (end > pos && rest[end - 1] is ' ' or '\t' or '\f' or '\r') end--;
        if (end > pos)
        {
            value = rest.Slice(pos, end - pos).ToString();
            return true;
        }
        if (rest.Length > afterEquals)
        {
            value = rest.Slice(rest.Length - 1).ToString();
            return true;
        }
        return false;
    }

    /// <summary>The string member <paramref name="key"/> of a document that is exactly one JSON object; null otherwise.</summary>
    private static string? JsonObjectMember(string text, string key)
    {
        var reader = new JsonValueReader(text);
        return reader.ReadTopLevelObjectMember(key);
    }

    /// <summary>A small strict JSON reader (Go's grammar) that can find one string member of the top-level object.</summary>
    private ref struct JsonValueReader
    {
        private readonly string _s;
        private int _pos;
        private int _depth;

        public JsonValueReader(string s)
        {
            _s = s;
            _pos = 0;
            _depth = 0;
        }

        public string? ReadTopLevelObjectMember(string key)
        {
            SkipWhiteSpace();
            if (_pos >= _s.Length || _s[_pos] != '{') return null;
            _pos++;
            string? found = null;
            SkipWhiteSpace();
            if (_pos < _s.Length && _s[_pos] == '}') _pos++;
            else
            {
                while (true)
                {
                    SkipWhiteSpace();
                    var name = ReadString();
                    if (name is null) return null;
                    SkipWhiteSpace();
                    if (_pos >= _s.Length || _s[_pos] != ':') return null;
                    _pos++;
                    SkipWhiteSpace();
                    if (_pos < _s.Length && _s[_pos] == '"')
                    {
                        var value = ReadString();
                        if (value is null) return null;
                        if (name == key) found = value;
                    }
                    else if (!SkipValue()) return null;
                    else if (name == key) found = null;
                    SkipWhiteSpace();
                    if (_pos >= _s.Length) return null;
                    if (_s[_pos] == ',') { _pos++; continue; }
                    if (_s[_pos] == '}') { _pos++; break; }
                    return null;
                }
            }
            SkipWhiteSpace();
            return _pos == _s.Length ? found : null;
        }

        private void SkipWhiteSpace()
        {
            while (_pos < _s.Length && _s[_pos] is ' ' or '\t' or '\n' or '\r') _pos++;
        }

        private string? ReadString()
        {
            if (_pos >= _s.Length || _s[_pos] != '"') return null;
            var builder = new System.Text.StringBuilder();
            _pos++;
            while (_pos < _s.Length)
            {
                char c = _s[_pos++];
                if (c == '"') return builder.ToString();
                if (c < 0x20) return null;
                if (c != '\\')
                {
                    builder.Append(c);
                    continue;
                }
                if (_pos >= _s.Length) return null;
                char e = _s[_pos++];
                switch (e)
                {
                    case '"': builder.Append('"'); break;
                    case '\\': builder.Append('\\'); break;
                    case '/': builder.Append('/'); break;
                    case 'b': builder.Append('\b'); break;
                    case 'f': builder.Append('\f'); break;
                    case 'n': builder.Append('\n'); break;
                    case 'r': builder.Append('\r'); break;
                    case 't': builder.Append('\t'); break;
                    case 'u':
                        if (_pos + 4 > _s.Length || !int.TryParse(_s.AsSpan(_pos, 4), System.Globalization.NumberStyles.AllowHexSpecifier, null, out int unit))
                            return null;
                        builder.Append((char)unit);
                        _pos += 4;
                        break;
                    default:
                        return null;
                }
            }
            return null;
        }

        private bool SkipValue()
        {
            if (_pos >= _s.Length) return false;
            char c = _s[_pos];
            if (c == '"') return ReadString() is not null;
            if (c == '{' || c == '[')
            {
                if (++_depth > 10000) return false;
                char close = c == '{' ? '}' : ']';
                _pos++;
                SkipWhiteSpace();
                if (_pos < _s.Length && _s[_pos] == close)
                {
                    _pos++;
                    _depth--;
                    return true;
                }
                while (true)
                {
                    SkipWhiteSpace();
                    if (c == '{')
                    {
                        if (ReadString() is null) return false;
                        SkipWhiteSpace();
                        if (_pos >= _s.Length || _s[_pos] != ':') return false;
                        _pos++;
                        SkipWhiteSpace();
                    }
                    if (!SkipValue()) return false;
                    SkipWhiteSpace();
                    if (_pos >= _s.Length) return false;
                    if (_s[_pos] == ',') { _pos++; continue; }
                    if (_s[_pos] == close) { _pos++; _depth--; return true; }
                    return false;
                }
            }
            foreach (var literal in new[] { "true", "false", "null" })
            {
                if (string.CompareOrdinal(_s, _pos, literal, 0, literal.Length) == 0)
                {
                    _pos += literal.Length;
                    return true;
                }
            }
            int start = _pos;
            if (_pos < _s.Length && _s[_pos] == '-') _pos++;
            while (_pos < _s.Length && (char.IsAsciiDigit(_s[_pos]) || _s[_pos] is '.' or 'e' or 'E' or '+' or '-')) _pos++;
            return _pos > start && double.TryParse(_s.AsSpan(start, _pos - start), System.Globalization.NumberStyles.Float,
                System.Globalization.CultureInfo.InvariantCulture, out _);
        }
    }
}
