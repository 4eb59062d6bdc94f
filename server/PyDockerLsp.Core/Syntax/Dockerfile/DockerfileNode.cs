using System.Text;
using PyDockerLsp.Core.Text;

namespace PyDockerLsp.Core.Syntax.Dockerfile;

/// <summary>
/// A piece of the file at the top level: a parser directive line, a comment line, a blank line or an instruction.
/// The top-level nodes of a <see cref="DockerfileSyntax"/> tile the text: their <see cref="FullSpan"/>s follow each
/// other without gaps from offset 0 to the end, so <see cref="DockerfileSyntax.Reconstruct"/> gives back the input.
/// </summary>
public abstract class DockerfileNode
{
    private protected DockerfileNode(TextSpan fullSpan) => FullSpan = fullSpan;

    /// <summary>The whole piece: from the start of its first line to after the line break of its last line
    /// (a byte order mark at the start of the file belongs to the first node).</summary>
    public TextSpan FullSpan { get; private protected set; }

    /// <summary>Appends the node's text, piece by piece, to <paramref name="output"/>.</summary>
    internal abstract void AppendPieces(string source, StringBuilder output);
}

/// <summary>A line holding nothing but white space.</summary>
public sealed class BlankLine : DockerfileNode
{
    internal BlankLine(TextSpan fullSpan, int line) : base(fullSpan) => Line = line;

    /// <summary>Zero-based line number.</summary>
    public int Line { get; }

    internal override void AppendPieces(string source, StringBuilder output) =>
        output.Append(source, FullSpan.Start, FullSpan.Length);
}

/// <summary>
/// A comment line (first non-blank character <c>#</c>). Comment lines inside a line continuation belong to their
/// instruction (<see cref="IsInsideInstruction"/>) and are dropped from the instruction's text, as BuildKit does.
/// </summary>
public sealed class Comment : DockerfileNode
{
    private readonly string _source;
    private string? _text;

    internal Comment(string source, TextSpan fullSpan, TextSpan span, int line, bool insideInstruction) : base(fullSpan)
    {
        _source = source;
        Span = span;
        Line = line;
        IsInsideInstruction = insideInstruction;
    }

    /// <summary>From the <c>#</c> to the end of the line (line break excluded).</summary>
    public TextSpan Span { get; }

    /// <summary>The text after <c>#</c> with surrounding white space removed, e.g. <c>hadolint ignore=DL3008</c>.</summary>
    public string Text => _text ??= _source.AsSpan(Span.Start + 1, Span.Length - 1).Trim().ToString();

    /// <summary>Where <see cref="Text"/> is in the document.</summary>
    public TextSpan TextSpan
    {
        get
        {
            int start = Span.Start + 1, end = Span.End;
            while (start < end && char.IsWhiteSpace(_source[start])) start++;
            while (end > start && char.IsWhiteSpace(_source[end - 1])) end--;
            return TextSpan.FromBounds(start, end);
        }
    }

    /// <summary>Zero-based line number.</summary>
    public int Line { get; }

    public bool IsInsideInstruction { get; }

    internal override void AppendPieces(string source, StringBuilder output)
    {
        output.Append(source, FullSpan.Start, Span.Start - FullSpan.Start);
        output.Append(source, Span.Start, Span.Length);
        output.Append(source, Span.End, FullSpan.End - Span.End);
    }

    public override string ToString() => "#" + Text;
}

/// <summary>
/// A parser directive from the top of the file: <c># syntax=docker/dockerfile:1</c>, <c># escape=`</c> or
/// <c># check=skip=…</c>. Names are compared case-insensitively and kept in lower case.
/// </summary>
public sealed class ParserDirective : DockerfileNode
{
    internal ParserDirective(TextSpan fullSpan, TextSpan span, string name, TextSpan nameSpan, string value,
        TextSpan valueSpan, int line) : base(fullSpan)
    {
        Span = span;
        Name = name;
        NameSpan = nameSpan;
        Value = value;
        ValueSpan = valueSpan;
        Line = line;
    }

    /// <summary>From the <c>#</c> to the end of the value.</summary>
    public TextSpan Span { get; }

    /// <summary><c>syntax</c>, <c>escape</c> or <c>check</c>.</summary>
    public string Name { get; }
    public TextSpan NameSpan { get; }

    /// <summary>The value with surrounding white space removed, e.g. <c>docker/dockerfile:1.4</c>.</summary>
    public string Value { get; }
    public TextSpan ValueSpan { get; }

    /// <summary>The value up to its first space: the frontend image for <c>syntax</c> (BuildKit's "ref").</summary>
    public string Reference
    {
        get
        {
            int space = Value.IndexOf(' ');
            return space < 0 ? Value : Value.Substring(0, space);
        }
    }

    /// <summary>Zero-based line number.</summary>
    public int Line { get; }

    internal override void AppendPieces(string source, StringBuilder output) =>
        output.Append(source, FullSpan.Start, FullSpan.Length);

    public override string ToString() => $"# {Name}={Value}";
}
