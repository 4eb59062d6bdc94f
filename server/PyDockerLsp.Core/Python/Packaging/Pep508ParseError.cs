using PyDockerLsp.Core.Text;

namespace PyDockerLsp.Core.Python.Packaging;

/// <summary>
/// Why a dependency specifier or marker does not parse: a message in packaging's words (so it reads the same
/// as pip's), the offending range of the parsed text, and the text itself.
/// </summary>
public sealed class Pep508ParseError
{
    internal Pep508ParseError(string message, TextSpan span, string source, bool pointsIntoSource = true)
    {
        Message = message;
        Span = span;
        Source = source;
        PointsIntoSource = pointsIntoSource;
    }

    public string Message { get; }

    /// <summary>The range packaging reports: from where the failing construct started to the place parsing stopped
    /// (often empty, at the character that was not expected).</summary>
    public TextSpan Span { get; }

    public string Source { get; }

    /// <summary>False for errors found after parsing (an invalid clause inside <c>===a,b</c>), which packaging
    /// reports without quoting the source.</summary>
    public bool PointsIntoSource { get; }

    /// <summary>The range to underline in an editor: <see cref="Span"/> plus the character where parsing stopped,
    /// when there is one.</summary>
    public TextSpan HighlightSpan
    {
        get
        {
            int end = Span.End;
            if (end < Source.Length && Source[end] != '\n' && Source[end] != '\r') end++;
            return TextSpan.FromBounds(Math.Min(Span.Start, end), end);
        }
    }

    /// <summary>The error as packaging prints it: the message, the source indented by four spaces, and a line of
    /// <c>~</c> under the span ending in <c>^</c> at the stop position.</summary>
    public string ToPackagingString()
    {
        if (!PointsIntoSource) return Message;
        var marker = new string(' ', Span.Start) + new string('~', Span.Length) + "^";
        return $"{Message}\n    {Source}\n    {marker}";
    }

    public override string ToString() => ToPackagingString();
}
