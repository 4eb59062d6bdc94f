using System.Collections;
using PyDockerLsp.Core.Text;

namespace PyDockerLsp.Core.Python.Toml;

/// <summary>How a table came to exist; TOML's redefinition rules depend on it, and so may a consumer's
/// choice of where to point a finding.</summary>
public enum TomlTableKind
{
    /// <summary>The document's top-level table.</summary>
    Root,
    /// <summary>Defined by a <c>[name]</c> header.</summary>
    Header,
    /// <summary>An element appended by a <c>[[name]]</c> header.</summary>
    ArrayElement,
    /// <summary>Created only because a header's path passes through it (<c>[a.b]</c> creates <c>a</c>).</summary>
    Implicit,
    /// <summary>Created by a dotted key (<c>a.b = 1</c> creates <c>a</c>).</summary>
    Dotted,
    /// <summary>Written inline as <c>{ ... }</c>.</summary>
    Inline,
}

/// <summary>One entry of a table: the key (one segment of a possibly dotted key), where that key segment is
/// written, and the value.</summary>
public readonly record struct TomlKeyValue(string Key, TextSpan KeySpan, TomlValue Value);

/// <summary>
/// A TOML table: its entries in document order, each with the span of its key and its value.
/// Lookups are by exact key (TOML keys are case-sensitive).
/// </summary>
public sealed class TomlTable : TomlValue, IReadOnlyList<TomlKeyValue>
{
    // Most tables (inline tables in lock files above all) hold a handful of keys, where a linear scan beats
    // hashing; an index is built once a table grows past this.
    private const int IndexThreshold = 8;

    private readonly List<TomlKeyValue> _entries;
    private Dictionary<string, int>? _index;

    internal TomlTable(TomlTableKind tableKind, TextSpan span, TextSpan? headerSpan = null, int capacity = 4) : base(span)
    {
        TableKind = tableKind;
        HeaderSpan = headerSpan;
        _entries = new List<TomlKeyValue>(capacity);
    }

    public override TomlValueKind Kind => TomlValueKind.Table;

    public TomlTableKind TableKind { get; internal set; }

    /// <summary>The <c>[name]</c> / <c>[[name]]</c> header that defined the table, brackets included; null for
    /// the root, implicit, dotted and inline tables.</summary>
    public TextSpan? HeaderSpan { get; internal set; }

    public int Count => _entries.Count;
    public TomlKeyValue this[int index] => _entries[index];

    /// <summary>The value stored under <paramref name="key"/>, or null.</summary>
    public TomlValue? this[string key] => TryGet(key, out var value) ? value : null;

    public IEnumerable<string> Keys
    {
        get
        {
            foreach (var entry in _entries) yield return entry.Key;
        }
    }

    public bool ContainsKey(string key) => IndexOf(key) >= 0;

    public bool TryGet(string key, out TomlValue value)
    {
        int i = IndexOf(key);
        if (i < 0)
        {
            value = null!;
            return false;
        }
        value = _entries[i].Value;
        return true;
    }

    /// <summary>The value under <paramref name="key"/> when it exists and is a <typeparamref name="T"/>
    /// (e.g. <see cref="TomlString"/>, <see cref="TomlArray"/>, <see cref="TomlTable"/>).</summary>
    public bool TryGet<T>(string key, out T value) where T : TomlValue
    {
        if (TryGet(key, out TomlValue found) && found is T typed)
        {
            value = typed;
            return true;
        }
        value = null!;
        return false;
    }

    /// <summary>The value under <paramref name="key"/> as a <typeparamref name="T"/>; throws
    /// <see cref="KeyNotFoundException"/> when it is missing or of another kind (for code that has already
    /// checked the shape, and for tests).</summary>
    public T Get<T>(string key) where T : TomlValue =>
        TryGet(key, out T value) ? value : throw new KeyNotFoundException($"No {typeof(T).Name} under the key '{key}'.");

    public bool TryGetEntry(string key, out TomlKeyValue entry)
    {
        int i = IndexOf(key);
        entry = i >= 0 ? _entries[i] : default;
        return i >= 0;
    }

    /// <summary>The string under <paramref name="key"/>, or null when it is missing or not a string.</summary>
    public string? GetString(string key) => TryGet(key, out TomlString s) ? s.Value : null;

    /// <summary>Walks nested tables: <c>GetTable("tool", "poetry")</c> is the <c>[tool.poetry]</c> table, or
    /// null when some part is missing or is not a table.</summary>
    public TomlTable? GetTable(params string[] path)
    {
        TomlTable current = this;
        foreach (var part in path)
        {
            if (!current.TryGet(part, out TomlTable next)) return null;
            current = next;
        }
        return current;
    }

    /// <summary>The value at a dotted path of keys (all but the last must name tables), or null.</summary>
    public TomlValue? GetValue(params string[] path)
    {
        if (path.Length == 0) return this;
        TomlTable? parent = path.Length == 1 ? this : GetTable(path[..^1]);
        return parent != null && parent.TryGet(path[^1], out var value) ? value : null;
    }

    public List<TomlKeyValue>.Enumerator GetEnumerator() => _entries.GetEnumerator();
    IEnumerator<TomlKeyValue> IEnumerable<TomlKeyValue>.GetEnumerator() => _entries.GetEnumerator();
    IEnumerator IEnumerable.GetEnumerator() => _entries.GetEnumerator();

    // ---- parser-side state: TOML's rules about which tables may still be extended, and how ----

    /// <summary>Inline tables and everything written inside inline values can never be extended.</summary>
    internal bool IsFrozen { get; set; }

    /// <summary>Defined by a header, or by dotted keys of an earlier section: a header naming it again is a
    /// redefinition, and dotted keys may not reach into it.</summary>
    internal bool IsDefined { get; set; }

    /// <summary>Created or passed through by dotted keys of the current section; becomes
    /// <see cref="IsDefined"/> when the next header starts.</summary>
    internal bool IsPendingDotted { get; set; }

    internal int IndexOf(string key)
    {
        if (_index != null) return _index.TryGetValue(key, out int found) ? found : -1;
        var entries = _entries;
        for (int i = 0; i < entries.Count; i++)
        {
            if (string.Equals(entries[i].Key, key, StringComparison.Ordinal)) return i;
        }
        return -1;
    }

    /// <summary>Appends an entry; the caller has checked that the key is new.</summary>
    internal void Add(string key, TextSpan keySpan, TomlValue value)
    {
        _entries.Add(new TomlKeyValue(key, keySpan, value));
        if (_index != null)
        {
            _index[key] = _entries.Count - 1;
        }
        else if (_entries.Count > IndexThreshold)
        {
            _index = new Dictionary<string, int>(_entries.Count * 2, StringComparer.Ordinal);
            for (int i = 0; i < _entries.Count; i++) _index[_entries[i].Key] = i;
        }
    }
}
