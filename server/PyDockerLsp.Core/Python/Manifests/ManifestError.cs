using PyDockerLsp.Core.Python.Toml;
using PyDockerLsp.Core.Text;

namespace PyDockerLsp.Core.Python.Manifests;

/// <summary>A problem found while reading a manifest: a syntax error of the underlying TOML/JSON, or a value
/// of the wrong shape (a string where a list is required, an unknown dependency group, ...).</summary>
public sealed record ManifestError(TextSpan Span, string Message)
{
    public override string ToString() => $"{Span}: {Message}";
}

/// <summary>
/// A string read from a manifest together with where it is written: <see cref="Span"/> is the whole literal
/// (quotes included), <see cref="ContentSpan"/> the text between the quotes. Requirement strings are kept raw
/// like this; whoever parses them (PEP 508) maps offsets back with <see cref="MapToSource"/>.
/// </summary>
public sealed record SpannedString(string Value, TextSpan Span, TextSpan ContentSpan)
{
    /// <summary>A string that is written as-is (no quotes, no escapes), e.g. a line of .python-version.</summary>
    public SpannedString(string value, TextSpan span) : this(value, span, span)
    {
    }

    /// <summary>True when <see cref="Value"/> is exactly the source text of <see cref="ContentSpan"/> (no escapes),
    /// so offsets into the value map one-to-one onto the document.</summary>
    public bool IsVerbatim => Value.Length == ContentSpan.Length;

    /// <summary>The document span of the value's characters [start, start+length) when the string is verbatim;
    /// otherwise the whole content span.</summary>
    public TextSpan MapToSource(int start, int length)
    {
        if (!IsVerbatim || start < 0 || length < 0 || start + length > Value.Length) return ContentSpan;
        return new TextSpan(ContentSpan.Start + start, length);
    }

    public static SpannedString From(TomlString value) => new(value.Value, value.Span, value.ContentSpan);

    public override string ToString() => Value;
}

/// <summary>A name (a table key such as a dependency group or a script name) with the span of the key.</summary>
public readonly record struct SpannedName(string Name, TextSpan Span)
{
    public override string ToString() => Name;
}
