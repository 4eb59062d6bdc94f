using PyDockerLsp.Core.Text;

namespace PyDockerLsp.Core.Syntax.Dockerfile;

/// <summary>What a physical line of an instruction holds.</summary>
public enum InstructionLineKind
{
    /// <summary>Part of the instruction's text (the first line, or a continuation of it).</summary>
    Content,
    /// <summary>A comment line inside a line continuation (skipped by BuildKit).</summary>
    Comment,
    /// <summary>A blank line inside a line continuation (skipped by BuildKit, with a warning).</summary>
    Blank,
    /// <summary>The lines of a heredoc's body (one entry covers all of them).</summary>
    HeredocBody,
    /// <summary>The line that ends a heredoc.</summary>
    HeredocTerminator,
}

/// <summary>
/// One physical line of an instruction (or, for <see cref="InstructionLineKind.HeredocBody"/>, a run of lines).
/// <see cref="Span"/> excludes the line break; <see cref="ContinuationMarker"/> is the escape character and the
/// blanks after it when the line continues.
/// </summary>
public readonly record struct InstructionLine(InstructionLineKind Kind, TextSpan Span, TextSpan ContinuationMarker, TextSpan LineBreak)
{
    /// <summary>The line's content without its continuation marker.</summary>
    public TextSpan ContentSpan => ContinuationMarker.IsEmpty ? Span : TextSpan.FromBounds(Span.Start, ContinuationMarker.Start);
    public bool Continues => !ContinuationMarker.IsEmpty;
    public TextSpan FullSpan => TextSpan.FromBounds(Span.Start, LineBreak.End);
}
