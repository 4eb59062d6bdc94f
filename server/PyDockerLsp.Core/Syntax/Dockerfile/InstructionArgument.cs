using PyDockerLsp.Core.Text;

namespace PyDockerLsp.Core.Syntax.Dockerfile;

/// <summary>
/// One argument of an instruction as BuildKit reads it: a JSON string of the exec form (decoded), a word, or the
/// whole command of a shell form. Quotes are kept as written except in exec form; <see cref="Span"/> covers the
/// argument in the document (for exec form, the JSON string with its quotes).
/// </summary>
public sealed class InstructionArgument
{
    private readonly LogicalLine _line;
    private readonly int _bufferStart;
    private readonly int _bufferEnd;
    private readonly int _valueEnd;
    private string? _value;

    /// <summary>An argument whose value is the buffer text [start, valueEnd) and whose span covers [start, end).</summary>
    internal InstructionArgument(LogicalLine line, int bufferStart, int bufferEnd, int valueEnd)
    {
        _line = line;
        _bufferStart = bufferStart;
        _bufferEnd = bufferEnd;
        _valueEnd = valueEnd;
    }

    /// <summary>An argument with a value that differs from its text (a decoded JSON string).</summary>
    internal InstructionArgument(LogicalLine line, int bufferStart, int bufferEnd, string value)
        : this(line, bufferStart, bufferEnd, bufferEnd) => _value = value;

    public string Value => _value ??= _line.Buffer.Substring(_bufferStart, _valueEnd - _bufferStart);

    public TextSpan Span => _line.BufferSpan(_bufferStart, _bufferEnd);

    /// <summary>Where the argument is in the instruction's <see cref="LogicalLine.Text"/>.</summary>
    public int JoinedStart => _bufferStart - _line.BufferStart;
    public int JoinedEnd => _bufferEnd - _line.BufferStart;

    internal LogicalLine Line => _line;
    internal int BufferStart => _bufferStart;
    internal int BufferEnd => _bufferEnd;

    public override string ToString() => Value;
}

/// <summary>
/// A <c>--name=value</c> or boolean <c>--name</c> flag of an instruction. <see cref="Text"/> is the flag as BuildKit
/// reads it (quotes removed, escapes applied), e.g. <c>--mount=type=cache,target=/root/.cache/pip</c>.
/// </summary>
public sealed class InstructionFlag
{
    private readonly LogicalLine _line;
    private readonly int _start;
    private readonly int _end;
    private readonly int _equals;
    private readonly string? _processed;
    private string? _text;
    private string? _name;
    private string? _value;

    /// <param name="start">Buffer position of the first <c>-</c>.</param>
    /// <param name="end">Buffer position after the word.</param>
    /// <param name="equals">Buffer position of the first <c>=</c>, or -1.</param>
    /// <param name="processed">The word after quote and escape processing when it differs from the text.</param>
    internal InstructionFlag(LogicalLine line, int start, int end, int equals, string? processed)
    {
        _line = line;
        _start = start;
        _end = end;
        _equals = equals;
        _processed = processed;
    }

    /// <summary>The whole flag as BuildKit sees it, e.g. <c>--from=build</c>.</summary>
    public string Text => _text ??= _processed ?? _line.Buffer.Substring(_start, _end - _start);

    /// <summary>The name without the dashes, e.g. <c>mount</c>.</summary>
    public string Name
    {
        get
        {
            if (_name is null)
            {
                if (_processed is null)
                {
                    int nameEnd = _equals >= 0 ? _equals : _end;
                    _name = _line.Buffer.Substring(Math.Min(_start + 2, nameEnd), Math.Max(0, nameEnd - _start - 2));
                }
                else
                {
                    int equals = _processed.IndexOf('=');
                    _name = equals < 0 ? _processed.Substring(2) : _processed.Substring(2, equals - 2);
                }
            }
            return _name;
        }
    }

    /// <summary>The value after <c>=</c> (quotes removed), or null for a bare <c>--name</c>.</summary>
    public string? Value
    {
        get
        {
            if (_value is null && _equals >= 0)
            {
                _value = _processed is null
                    ? _line.Buffer.Substring(_equals + 1, _end - _equals - 1)
                    : _processed.Substring(_processed.IndexOf('=') + 1);
            }
            return _value;
        }
    }

    public bool HasValue => _equals >= 0;

    /// <summary>True when the flag's name is <paramref name="name"/> (compared without building strings).</summary>
    public bool IsNamed(string name)
    {
        if (_processed is not null || _name is not null) return Name == name;
        int nameStart = _start + 2, nameEnd = _equals >= 0 ? _equals : _end;
        return nameEnd >= nameStart && _line.Buffer.AsSpan(nameStart, nameEnd - nameStart).SequenceEqual(name);
    }

    /// <summary>The whole flag word in the document.</summary>
    public TextSpan Span => _line.BufferSpan(_start, _end);

    /// <summary>The name without the leading dashes.</summary>
    public TextSpan NameSpan => _line.BufferSpan(Math.Min(_start + 2, _end), _equals >= 0 ? _equals : _end);

    /// <summary>The value as written (with its quotes); empty at the end of the flag when there is no value.</summary>
    public TextSpan ValueSpan => _equals >= 0 ? _line.BufferSpan(_equals + 1, _end) : TextSpan.Empty(Span.End);

    internal LogicalLine Line => _line;
    internal int BufferStart => _start;
    internal int BufferEnd => _end;
    internal int BufferEquals => _equals;

    public override string ToString() => Text;
}
