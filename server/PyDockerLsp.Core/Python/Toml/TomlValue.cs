using System.Collections;
using PyDockerLsp.Core.Text;

namespace PyDockerLsp.Core.Python.Toml;

/// <summary>The kinds of value a TOML 1.0 document can hold; the four date-time forms are told apart
/// because they mean different things (an instant, a wall-clock moment, a day, a time of day).</summary>
public enum TomlValueKind
{
    String,
    Integer,
    Float,
    Boolean,
    OffsetDateTime,
    LocalDateTime,
    LocalDate,
    LocalTime,
    Array,
    Table,
}

/// <summary>
/// A value of a TOML document. Every value knows where it came from (<see cref="Span"/>, offsets into the
/// parsed text) so that a finding about a manifest can point at the exact value.
/// </summary>
public abstract class TomlValue
{
    private protected TomlValue(TextSpan span) => Span = span;

    public abstract TomlValueKind Kind { get; }

    /// <summary>Where the value is written: a scalar's literal, an array's brackets, an inline table's braces;
    /// for tables made by a header, the header through the last line of its section.</summary>
    public TextSpan Span { get; internal set; }

    /// <summary>The string's value when this is a string, otherwise null.</summary>
    public string? AsString => (this as TomlString)?.Value;

    public TomlTable? AsTable => this as TomlTable;
    public TomlArray? AsArray => this as TomlArray;

    /// <summary>A short English name of the kind for messages ("a string", "a table", ...).</summary>
    public string KindDescription => Describe(Kind);

    public static string Describe(TomlValueKind kind) => kind switch
    {
        TomlValueKind.String => "a string",
        TomlValueKind.Integer => "an integer",
        TomlValueKind.Float => "a float",
        TomlValueKind.Boolean => "a boolean",
        TomlValueKind.OffsetDateTime => "an offset date-time",
        TomlValueKind.LocalDateTime => "a local date-time",
        TomlValueKind.LocalDate => "a local date",
        TomlValueKind.LocalTime => "a local time",
        TomlValueKind.Array => "an array",
        TomlValueKind.Table => "a table",
        _ => "a value",
    };
}

/// <summary>How a string was written; it decides which escapes apply.</summary>
public enum TomlStringStyle
{
    /// <summary><c>"..."</c> with escapes.</summary>
    Basic,
    /// <summary><c>"""..."""</c> with escapes and line-ending backslashes.</summary>
    MultiLineBasic,
    /// <summary><c>'...'</c>, taken verbatim.</summary>
    Literal,
    /// <summary><c>'''...'''</c>, taken verbatim.</summary>
    MultiLineLiteral,
}

public sealed class TomlString : TomlValue
{
    internal TomlString(string value, TomlStringStyle style, TextSpan span, TextSpan contentSpan) : base(span)
    {
        Value = value;
        Style = style;
        ContentSpan = contentSpan;
    }

    public override TomlValueKind Kind => TomlValueKind.String;
    public string Value { get; }
    public TomlStringStyle Style { get; }

    /// <summary>The text between the delimiters (for a multi-line string, after the newline that directly
    /// follows the opening delimiter, which TOML drops).</summary>
    public TextSpan ContentSpan { get; }

    /// <summary>True when <see cref="Value"/> is exactly the source text of <see cref="ContentSpan"/> (no escape
    /// was decoded), so an offset into the value is <c>ContentSpan.Start + offset</c> in the document.
    /// Every escape is longer than what it stands for, hence the length test.</summary>
    public bool IsVerbatim => Value.Length == ContentSpan.Length;

    /// <summary>The document span of the value's characters [start, start+length) when the string is verbatim;
    /// otherwise the whole content span (the best narrower range available).</summary>
    public TextSpan MapToSource(int start, int length)
    {
        if (!IsVerbatim || start < 0 || length < 0 || start + length > Value.Length) return ContentSpan;
        return new TextSpan(ContentSpan.Start + start, length);
    }

    public override string ToString() => Value;
}

public sealed class TomlInteger : TomlValue
{
    internal TomlInteger(long value, TextSpan span) : base(span) => Value = value;
    public override TomlValueKind Kind => TomlValueKind.Integer;
    public long Value { get; }
    public override string ToString() => Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}

public sealed class TomlFloat : TomlValue
{
    internal TomlFloat(double value, TextSpan span) : base(span) => Value = value;
    public override TomlValueKind Kind => TomlValueKind.Float;
    public double Value { get; }
    public override string ToString() => Value.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
}

public sealed class TomlBoolean : TomlValue
{
    internal TomlBoolean(bool value, TextSpan span) : base(span) => Value = value;
    public override TomlValueKind Kind => TomlValueKind.Boolean;
    public bool Value { get; }
    public override string ToString() => Value ? "true" : "false";
}

/// <summary>
/// One of the four date-time forms. The raw text is kept as written; the fields are the parsed parts
/// (the date fields are zero for a local time, the time fields zero for a local date). Seconds may be 60
/// (a leap second, which RFC 3339 allows), so the parts are plain integers rather than a .NET date type.
/// </summary>
public sealed class TomlDateTime : TomlValue
{
    internal TomlDateTime(TomlValueKind kind, string raw, TextSpan span) : base(span)
    {
        Kind = kind;
        Raw = raw;
    }

    public override TomlValueKind Kind { get; }
    public string Raw { get; }

    public bool HasDate => Kind is TomlValueKind.OffsetDateTime or TomlValueKind.LocalDateTime or TomlValueKind.LocalDate;
    public bool HasTime => Kind is TomlValueKind.OffsetDateTime or TomlValueKind.LocalDateTime or TomlValueKind.LocalTime;

    public int Year { get; internal init; }
    public int Month { get; internal init; }
    public int Day { get; internal init; }
    public int Hour { get; internal init; }
    public int Minute { get; internal init; }
    public int Second { get; internal init; }

    /// <summary>The fractional second in nanoseconds (digits past the ninth are dropped).</summary>
    public int Nanosecond { get; internal init; }

    /// <summary>The UTC offset in minutes of an offset date-time (0 for <c>Z</c>); null for the local forms.</summary>
    public int? OffsetMinutes { get; internal init; }

    /// <summary>The instant of an offset date-time (a leap second is read as second 59); null for the local
    /// forms and for instants .NET cannot represent (year 0, offsets beyond ±14 hours).</summary>
    public DateTimeOffset? ToDateTimeOffset()
    {
        if (Kind != TomlValueKind.OffsetDateTime || OffsetMinutes is not int offset) return null;
        if (Year < 1 || Math.Abs(offset) > 14 * 60) return null;
        var local = new DateTime(Year, Month, Day, Hour, Minute, Math.Min(Second, 59)).AddTicks(Nanosecond / 100);
        return new DateTimeOffset(local, TimeSpan.FromMinutes(offset));
    }

    public override string ToString() => Raw;
}

/// <summary>
/// An array: either written inline (<c>[1, 2]</c>, fixed once written) or built by <c>[[name]]</c> headers
/// (<see cref="IsArrayOfTables"/>, each header appending a table).
/// </summary>
public sealed class TomlArray : TomlValue, IReadOnlyList<TomlValue>
{
    private readonly List<TomlValue> _items;

    internal TomlArray(TextSpan span, bool isArrayOfTables) : base(span)
    {
        IsArrayOfTables = isArrayOfTables;
        _items = new List<TomlValue>(isArrayOfTables ? 4 : 2);
    }

    public override TomlValueKind Kind => TomlValueKind.Array;

    /// <summary>True when the array was made by <c>[[name]]</c> headers rather than written inline.</summary>
    public bool IsArrayOfTables { get; }

    public int Count => _items.Count;
    public TomlValue this[int index] => _items[index];

    internal void Add(TomlValue value) => _items.Add(value);

    public List<TomlValue>.Enumerator GetEnumerator() => _items.GetEnumerator();
    IEnumerator<TomlValue> IEnumerable<TomlValue>.GetEnumerator() => _items.GetEnumerator();
    IEnumerator IEnumerable.GetEnumerator() => _items.GetEnumerator();
}
