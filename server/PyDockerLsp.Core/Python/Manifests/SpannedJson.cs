using System.Text;
using System.Text.Json;
using PyDockerLsp.Core.Text;

namespace PyDockerLsp.Core.Python.Manifests;

/// <summary>A JSON value with its span in the original (UTF-16) text; the small tree Pipfile.lock is read into,
/// since System.Text.Json's own document keeps no positions.</summary>
internal abstract class JsonSpanNode
{
    protected JsonSpanNode(TextSpan span) => Span = span;
    public TextSpan Span { get; set; }
}

internal sealed class JsonSpanObject : JsonSpanNode
{
    public JsonSpanObject(TextSpan span) : base(span) { }

    public List<JsonSpanMember> Members { get; } = new();

    /// <summary>The last member of that name (what JSON readers conventionally keep).</summary>
    public JsonSpanNode? this[string name]
    {
        get
        {
            for (int i = Members.Count - 1; i >= 0; i--)
            {
                if (Members[i].Name.Value == name) return Members[i].Value;
            }
            return null;
        }
    }
}

internal readonly record struct JsonSpanMember(SpannedString Name, JsonSpanNode Value);

internal sealed class JsonSpanArray : JsonSpanNode
{
    public JsonSpanArray(TextSpan span) : base(span) { }
    public List<JsonSpanNode> Items { get; } = new();
}

internal sealed class JsonSpanString : JsonSpanNode
{
    public JsonSpanString(SpannedString value) : base(value.Span) => Value = value;
    public SpannedString Value { get; }
}

/// <summary>A number, true, false or null, kept as its source text.</summary>
internal sealed class JsonSpanLiteral : JsonSpanNode
{
    public JsonSpanLiteral(JsonTokenType kind, string raw, TextSpan span) : base(span)
    {
        Kind = kind;
        Raw = raw;
    }

    public JsonTokenType Kind { get; }
    public string Raw { get; }
}

/// <summary>
/// Reads JSON with <see cref="Utf8JsonReader"/> and records every value's span. The reader counts UTF-8 bytes;
/// spans are UTF-16 offsets, so byte offsets are converted with a cursor that only moves forward.
/// </summary>
internal sealed class SpannedJsonParser
{
    private readonly byte[] _utf8;
    private int _cursorByte;
    private int _cursorChar;

    private SpannedJsonParser(string text) => _utf8 = Encoding.UTF8.GetBytes(text);

    /// <summary>The root value, or null with <paramref name="error"/> set when the text is not JSON.</summary>
    public static JsonSpanNode? Parse(string text, out ManifestError? error)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            error = new ManifestError(new TextSpan(0, 0), "The file is empty; it should hold a JSON object.");
            return null;
        }
        var parser = new SpannedJsonParser(text);
        var reader = new Utf8JsonReader(parser._utf8, new JsonReaderOptions { MaxDepth = 256 });
        error = null;
        try
        {
            reader.Read();
            var root = parser.ReadValue(ref reader);
            if (reader.Read())
            {
                int at = parser.ToChar((int)reader.TokenStartIndex);
                error = new ManifestError(new TextSpan(at, 1), "Unexpected text after the end of the JSON document.");
                return null;
            }
            return root;
        }
        catch (JsonException e)
        {
            int at = parser.ErrorOffset(e);
            error = new ManifestError(new TextSpan(at, at < text.Length ? 1 : 0), "Not valid JSON: " + Clean(e.Message));
            return null;
        }
    }

    private JsonSpanNode ReadValue(ref Utf8JsonReader reader)
    {
        int start = (int)reader.TokenStartIndex;
        // Taken now, while the forward-only offset cursor is still here.
        int startChar = ToChar(start);
        switch (reader.TokenType)
        {
            case JsonTokenType.StartObject:
            {
                var obj = new JsonSpanObject(default);
                while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
                {
                    var name = ReadString(ref reader);
                    reader.Read();
                    obj.Members.Add(new JsonSpanMember(name, ReadValue(ref reader)));
                }
                obj.Span = TextSpan.FromBounds(startChar, ToChar((int)reader.TokenStartIndex + 1));
                return obj;
            }
            case JsonTokenType.StartArray:
            {
                var array = new JsonSpanArray(default);
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray) array.Items.Add(ReadValue(ref reader));
                array.Span = TextSpan.FromBounds(startChar, ToChar((int)reader.TokenStartIndex + 1));
                return array;
            }
            case JsonTokenType.String:
                return new JsonSpanString(ReadString(ref reader));
            default:
                string raw = Encoding.UTF8.GetString(reader.ValueSpan);
                return new JsonSpanLiteral(reader.TokenType, raw, TextSpan.FromBounds(startChar, ToChar(start + reader.ValueSpan.Length)));
        }
    }

    /// <summary>A string or property name: its value, the span with quotes and the span between them.</summary>
    private SpannedString ReadString(ref Utf8JsonReader reader)
    {
        int start = (int)reader.TokenStartIndex;
        int contentEnd = start + 1 + reader.ValueSpan.Length;
        var content = Span(start + 1, contentEnd);
        return new SpannedString(reader.GetString() ?? "", TextSpan.FromBounds(content.Start - 1, content.End + 1), content);
    }

    private TextSpan Span(int startByte, int endByte) => TextSpan.FromBounds(ToChar(startByte), ToChar(endByte));

    /// <summary>UTF-16 offset of a byte offset. Offsets are asked for in nearly increasing order; going back
    /// restarts the walk from the beginning.</summary>
    private int ToChar(int byteOffset)
    {
        if (byteOffset < _cursorByte)
        {
            _cursorByte = 0;
            _cursorChar = 0;
        }
        while (_cursorByte < byteOffset && _cursorByte < _utf8.Length)
        {
            byte b = _utf8[_cursorByte];
            // Each character starts with a non-continuation byte; a four-byte sequence is a surrogate pair.
            if ((b & 0xC0) != 0x80) _cursorChar += b >= 0xF0 ? 2 : 1;
            _cursorByte++;
        }
        return _cursorChar;
    }

    private int ErrorOffset(JsonException e)
    {
        long line = e.LineNumber ?? 0;
        long column = e.BytePositionInLine ?? 0;
        int offset = 0;
        for (long l = 0; l < line && offset < _utf8.Length; offset++)
        {
            if (_utf8[offset] == (byte)'\n') l++;
        }
        return ToChar((int)Math.Min(_utf8.Length, offset + column));
    }

    /// <summary>System.Text.Json appends "LineNumber: n | BytePositionInLine: m." — the span says that better.</summary>
    private static string Clean(string message)
    {
        int at = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        return at > 0 ? message[..at] : message;
    }
}
