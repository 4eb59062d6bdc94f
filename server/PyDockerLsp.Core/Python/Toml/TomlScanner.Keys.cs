using PyDockerLsp.Core.Text;

namespace PyDockerLsp.Core.Python.Toml;

internal sealed partial class TomlScanner
{
    private readonly record struct KeySegment(string Name, TextSpan Span);

    /// <summary>A possibly dotted key: the segments before the last (null for a simple key) and the last.</summary>
    private struct KeyPath
    {
        public List<KeySegment>? Parents;
        public KeySegment Last;

        public readonly string Dotted(int count = -1)
        {
            int parents = Parents?.Count ?? 0;
            if (count < 0) count = parents + 1;
            if (parents == 0 || count == 1) return Quote(count <= parents ? Parents![0].Name : Last.Name);
            var parts = new string[count];
            for (int i = 0; i < count; i++) parts[i] = Quote(i < parents ? Parents![i].Name : Last.Name);
            return string.Join(".", parts);
        }

        public readonly TextSpan FullSpan => Parents is { Count: > 0 } ? TextSpan.FromBounds(Parents[0].Span.Start, Last.Span.End) : Last.Span;

        private static string Quote(string name)
        {
            if (name.Length == 0) return "\"\"";
            foreach (char c in name)
            {
                if (!IsBareKeyChar(c)) return "\"" + name + "\"";
            }
            return name;
        }
    }

    private static bool IsBareKeyChar(char c) =>
        (uint)((c | 0x20) - 'a') <= 'z' - 'a' || (uint)(c - '0') <= 9 || c == '_' || c == '-';

    // ------------------------------------------------------------------ keys

    /// <summary>key = simple-key *( ws "." ws simple-key ); leaves the position after trailing spaces.</summary>
    private bool ParseKey(out KeyPath key)
    {
        key = default;
        if (!ParseKeySegment(out key.Last)) return false;
        SkipWhitespace();
        while (_pos < _length && _text[_pos] == '.')
        {
            _pos++;
            SkipWhitespace();
            (key.Parents ??= new List<KeySegment>(2)).Add(key.Last);
            if (!ParseKeySegment(out key.Last)) return false;
            SkipWhitespace();
        }
        return true;
    }

    private bool ParseKeySegment(out KeySegment segment)
    {
        segment = default;
        if (_pos >= _length)
        {
            Fail(_pos, "Expected a key, found the end of the file.");
            return false;
        }
        int start = _pos;
        char c = _text[_pos];
        if (IsBareKeyChar(c))
        {
            while (_pos < _length && IsBareKeyChar(_text[_pos])) _pos++;
            segment = new KeySegment(InternKey(start, _pos - start), TextSpan.FromBounds(start, _pos));
            return true;
        }
        if (c == '"' || c == '\'')
        {
            if (_pos + 2 < _length && _text[_pos + 1] == c && _text[_pos + 2] == c)
            {
                Fail(_pos, 3, "A multi-line string cannot be used as a key.");
                return false;
            }
            TomlString? quoted = c == '"' ? ParseBasicString() : ParseLiteralString();
            if (quoted == null) return false;
            segment = new KeySegment(quoted.Value, quoted.Span);
            return true;
        }
        if (c == '\n' || c == '\r' || c == '#' || c == '=' || c == '.' || c == ']')
            Fail(_pos, $"Expected a key, found {DescribeAt(_pos)}.");
        else
            Fail(_pos, $"{DescribeAt(_pos)} cannot appear in a bare key; bare keys use A-Z a-z 0-9 _ - only, anything else must be quoted.");
        return false;
    }

    // ------------------------------------------------------------------ table headers

    /// <summary>[key] or [[key]]: ends the current section and opens the named table.</summary>
    private void ParseHeader()
    {
        int start = _pos;
        bool isArrayOfTables = _pos + 1 < _length && _text[_pos + 1] == '[';

        CloseSection();
        FinalizeDottedTables();
        // Until the header is understood, the lines below it go to a table outside the document, so that they
        // are checked but do not land in the previous section.
        _section = new TomlTable(TomlTableKind.Header, new TextSpan(start, 0)) { IsDefined = true };
        _sectionArray = null;
        _sectionContentEnd = start;

        _pos += isArrayOfTables ? 2 : 1;
        SkipWhitespace();
        if (!ParseKey(out var key)) return;
        if (!ExpectHeaderClose(isArrayOfTables, key)) return;

        var headerSpan = TextSpan.FromBounds(start, _pos);
        _sectionContentEnd = _pos;
        OpenTable(key, headerSpan, isArrayOfTables);
    }

    private bool ExpectHeaderClose(bool isArrayOfTables, in KeyPath key)
    {
        if (_pos >= _length || _text[_pos] != ']')
        {
            Fail(_pos, isArrayOfTables
                ? $"Expected ']]' to close the array-of-tables header [[{key.Dotted()}, found {DescribeAt(_pos)}."
                : $"Expected ']' to close the table header [{key.Dotted()}, found {DescribeAt(_pos)}.");
            return false;
        }
        _pos++;
        if (!isArrayOfTables) return true;
        if (_pos >= _length || _text[_pos] != ']')
        {
            Fail(_pos, $"Expected ']]' to close the array-of-tables header [[{key.Dotted()}, found {DescribeAt(_pos)}.");
            return false;
        }
        _pos++;
        return true;
    }

    private void OpenTable(in KeyPath key, TextSpan headerSpan, bool isArrayOfTables)
    {
        TomlTable? parent = WalkHeaderPath(key);
        if (parent == null) return;
        var last = key.Last;
        int index = parent.IndexOf(last.Name);
        if (index < 0)
        {
            if (isArrayOfTables)
            {
                var array = new TomlArray(headerSpan, isArrayOfTables: true);
                parent.Add(last.Name, last.Span, array);
                AppendArrayElement(array, headerSpan);
            }
            else
            {
                var table = new TomlTable(TomlTableKind.Header, headerSpan, headerSpan) { IsDefined = true };
                parent.Add(last.Name, last.Span, table);
                _section = table;
            }
            return;
        }

        var existing = parent[index];
        if (isArrayOfTables) ReopenAsArrayOfTables(key, existing, headerSpan);
        else ReopenAsTable(key, existing, headerSpan);
    }

    private void ReopenAsTable(in KeyPath key, TomlKeyValue existing, TextSpan headerSpan)
    {
        string name = key.Dotted();
        switch (existing.Value)
        {
            case TomlTable { IsFrozen: true } inline:
                ReportError(key.FullSpan, $"The table '{name}' is written inline ({{...}}) and cannot be extended by a [{name}] header.", inline.Span);
                break;
            case TomlTable { IsDefined: true } defined:
                ReportError(key.FullSpan, defined.HeaderSpan != null
                    ? $"The table [{name}] is defined twice."
                    : $"The table '{name}' was already defined by dotted keys and cannot be opened again with a [{name}] header.",
                    defined.HeaderSpan ?? existing.KeySpan);
                break;
            case TomlTable implicitTable:
                // Made implicitly by an earlier header such as [a.b.c]; this header is its real definition.
                implicitTable.IsDefined = true;
                implicitTable.TableKind = TomlTableKind.Header;
                implicitTable.HeaderSpan = headerSpan;
                implicitTable.Span = headerSpan;
                _section = implicitTable;
                break;
            case TomlArray { IsArrayOfTables: true } arrayOfTables:
                ReportError(key.FullSpan, $"'{name}' is an array of tables; add an element with [[{name}]] instead of [{name}].", arrayOfTables.Span);
                break;
            default:
                ReportError(key.FullSpan, $"The key '{name}' already holds {existing.Value.KindDescription}, so it cannot also be a table.", existing.KeySpan);
                break;
        }
    }

    private void ReopenAsArrayOfTables(in KeyPath key, TomlKeyValue existing, TextSpan headerSpan)
    {
        string name = key.Dotted();
        switch (existing.Value)
        {
            case TomlArray { IsArrayOfTables: true } arrayOfTables:
                AppendArrayElement(arrayOfTables, headerSpan);
                break;
            case TomlArray inlineArray:
                ReportError(key.FullSpan, $"'{name}' is an array written inline; [[{name}]] cannot add elements to it.", inlineArray.Span);
                break;
            case TomlTable table:
                ReportError(key.FullSpan, $"'{name}' is already a table, so it cannot also be an array of tables.", table.HeaderSpan ?? existing.KeySpan);
                break;
            default:
                ReportError(key.FullSpan, $"The key '{name}' already holds {existing.Value.KindDescription}, so it cannot also be an array of tables.", existing.KeySpan);
                break;
        }
    }

    private void AppendArrayElement(TomlArray array, TextSpan headerSpan)
    {
        var element = new TomlTable(TomlTableKind.ArrayElement, headerSpan, headerSpan) { IsDefined = true };
        array.Add(element);
        _section = element;
        _sectionArray = array;
    }

    /// <summary>Follows a header's key up to the parent of its last segment, creating implicit tables; inside an
    /// array of tables it continues in the array's last element. Null (after reporting) when the path runs
    /// into a value that is not an extendable table.</summary>
    private TomlTable? WalkHeaderPath(in KeyPath key)
    {
        TomlTable table = _root;
        if (key.Parents == null) return table;
        for (int i = 0; i < key.Parents.Count; i++)
        {
            var segment = key.Parents[i];
            int index = table.IndexOf(segment.Name);
            if (index < 0)
            {
                var created = new TomlTable(TomlTableKind.Implicit, segment.Span);
                table.Add(segment.Name, segment.Span, created);
                table = created;
                continue;
            }
            var existing = table[index];
            switch (existing.Value)
            {
                case TomlTable { IsFrozen: true } inline:
                    ReportError(segment.Span, $"The table '{key.Dotted(i + 1)}' is written inline ({{...}}) and cannot be extended by a header.", inline.Span);
                    return null;
                case TomlTable next:
                    table = next;
                    break;
                case TomlArray { IsArrayOfTables: true, Count: > 0 } arrayOfTables:
                    table = (TomlTable)arrayOfTables[arrayOfTables.Count - 1];
                    break;
                case TomlArray inlineArray:
                    ReportError(segment.Span, $"'{key.Dotted(i + 1)}' is an array written inline; a header cannot add to it.", inlineArray.Span);
                    return null;
                default:
                    ReportError(segment.Span, $"The key '{key.Dotted(i + 1)}' already holds {existing.Value.KindDescription}, so it cannot also be a table.", existing.KeySpan);
                    return null;
            }
        }
        return table;
    }

    /// <summary>Ends the current section: a header-made table spans its header and its key/value lines.</summary>
    private void CloseSection()
    {
        var section = _section;
        if (section.TableKind is TomlTableKind.Header or TomlTableKind.ArrayElement && _sectionContentEnd > section.Span.End)
            section.Span = TextSpan.FromBounds(section.Span.Start, _sectionContentEnd);
        if (_sectionArray != null)
            _sectionArray.Span = _sectionArray.Span.Union(section.Span);
    }

    /// <summary>Tables that dotted keys created or passed through are fully defined once their section ends.</summary>
    private void FinalizeDottedTables()
    {
        foreach (var table in _pendingDotted)
        {
            table.IsPendingDotted = false;
            table.IsDefined = true;
        }
        _pendingDotted.Clear();
    }

    // ------------------------------------------------------------------ key/value insertion

    /// <summary>
    /// Stores a value under a possibly dotted key. Dotted keys create (or continue) tables for their leading
    /// segments; they may not reach into a table made by a header or an earlier section's dotted keys, nor
    /// into anything written inline.
    /// </summary>
    private void InsertKeyValue(TomlTable target, in KeyPath key, TomlValue value, bool insideInlineTable)
    {
        TomlTable table = target;
        if (key.Parents != null)
        {
            for (int i = 0; i < key.Parents.Count; i++)
            {
                var segment = key.Parents[i];
                TomlTable? next = EnterDottedSegment(table, key, i, value, insideInlineTable);
                if (next == null) return;
                table = next;
                if (!insideInlineTable && !next.IsPendingDotted)
                {
                    next.IsPendingDotted = true;
                    _pendingDotted.Add(next);
                }
                if (value.Span.End > next.Span.End) next.Span = TextSpan.FromBounds(next.Span.Start, value.Span.End);
            }
        }

        var last = key.Last;
        int existing = table.IndexOf(last.Name);
        if (existing >= 0)
        {
            ReportError(key.FullSpan, $"The key '{key.Dotted()}' is already defined.", table[existing].KeySpan);
            return;
        }
        table.Add(last.Name, last.Span, value);
    }

    private TomlTable? EnterDottedSegment(TomlTable table, in KeyPath key, int index, TomlValue value, bool insideInlineTable)
    {
        var segment = key.Parents![index];
        int found = table.IndexOf(segment.Name);
        if (found < 0)
        {
            var created = new TomlTable(TomlTableKind.Dotted, TextSpan.FromBounds(segment.Span.Start, Math.Max(segment.Span.End, value.Span.End)));
            table.Add(segment.Name, segment.Span, created);
            return created;
        }
        var existing = table[found];
        string name = key.Dotted(index + 1);
        switch (existing.Value)
        {
            case TomlTable { IsFrozen: true } inline:
                ReportError(segment.Span, $"The table '{name}' is written inline ({{...}}); dotted keys cannot add to it.", inline.Span);
                return null;
            case TomlTable { IsDefined: true } defined when !insideInlineTable:
                ReportError(segment.Span, defined.HeaderSpan != null
                    ? $"The table [{name}] is defined by a header; dotted keys elsewhere cannot add to it."
                    : $"The table '{name}' was defined in an earlier section; dotted keys cannot add to it here.",
                    defined.HeaderSpan ?? existing.KeySpan);
                return null;
            case TomlTable next:
                return next;
            default:
                ReportError(segment.Span, $"The key '{name}' already holds {existing.Value.KindDescription}, so it cannot also be a table.", existing.KeySpan);
                return null;
        }
    }

    /// <summary>Once an inline table is closed, nothing may add to it, including the tables its own dotted
    /// keys made. Iterative: a dotted key can be arbitrarily long.</summary>
    private static void Freeze(TomlTable table)
    {
        var pending = new Stack<TomlTable>();
        pending.Push(table);
        while (pending.Count > 0)
        {
            var current = pending.Pop();
            current.IsFrozen = true;
            foreach (var entry in current)
            {
                if (entry.Value is TomlTable { IsFrozen: false } child) pending.Push(child);
            }
        }
    }

    // ------------------------------------------------------------------ key interning

    // Lock files repeat the same few keys thousands of times (name, version, url, hash, size, ...);
    // a small direct-mapped cache hands out one string per key instead of one per occurrence.
    private readonly string?[] _keyCache = new string?[256];

    private string InternKey(int start, int length)
    {
        if (length > 24) return _text.Substring(start, length);
        uint hash = (uint)length;
        for (int i = 0; i < length; i++) hash = hash * 31 + _text[start + i];
        ref string? slot = ref _keyCache[hash & 255];
        if (slot != null && slot.Length == length && _text.AsSpan(start, length).SequenceEqual(slot)) return slot;
        slot = _text.Substring(start, length);
        return slot;
    }
}
