using PyDockerLsp.Core.Text;

namespace PyDockerLsp.Core.Python.Toml;

/// <summary>A problem in a TOML document: where it is and what is wrong. <see cref="Related"/> points at an
/// earlier definition when the problem is a redefinition.</summary>
public sealed record TomlError(TextSpan Span, string Message)
{
    public TextSpan? Related { get; init; }

    public override string ToString() => $"{Span}: {Message}";
}

/// <summary>
/// The result of parsing a TOML document: the root table (as much of the document as could be understood)
/// and the errors, in document order. A document with errors still has a usable <see cref="Root"/>.
/// </summary>
public sealed class TomlDocument
{
    internal TomlDocument(string text, TomlTable root, IReadOnlyList<TomlError> errors)
    {
        Text = text;
        Root = root;
        Errors = errors;
    }

    public string Text { get; }
    public TomlTable Root { get; }
    public IReadOnlyList<TomlError> Errors { get; }
    public bool HasErrors => Errors.Count > 0;
}
