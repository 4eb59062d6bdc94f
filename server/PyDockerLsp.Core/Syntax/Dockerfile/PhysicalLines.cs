using PyDockerLsp.Core.Text;

namespace PyDockerLsp.Core.Syntax.Dockerfile;

/// <summary>
/// How BuildKit sees physical lines: a line ends at a line feed and its trailing CR/LF characters are not part of
/// its text; a line continues when it ends with the escape character (optionally followed by spaces or tabs) that is
/// not itself escaped. The parser and <see cref="Instruction.Lines"/> share these rules.
/// </summary>
internal static class PhysicalLines
{
    /// <summary>The end of the line's text (before CR/LF) and the start of the next line.</summary>
    public static (int ContentEnd, int End) Bounds(string text, int start)
    {
        int feed = text.IndexOf('\n', start);
        int end = feed < 0 ? text.Length : feed + 1;
        int contentEnd = end;
        while (contentEnd > start && text[contentEnd - 1] is '\n' or '\r') contentEnd--;
        return (contentEnd, end);
    }

    /// <summary>Where the line's text ends when it continues (the escape character's position), or
    /// <paramref name="to"/> and false.</summary>
    public static (int TextEnd, bool Continues) ContinuationEnd(string text, int from, int to, char escape)
    {
        int k = to;
        while (k > from && text[k - 1] is ' ' or '\t') k--;
        if (k > from && text[k - 1] == escape)
        {
            int escapeAt = k - 1;
            if (escapeAt == from || text[escapeAt - 1] != escape) return (escapeAt, true);
        }
        return (to, false);
    }

    /// <summary>The physical lines of an instruction: its content lines with the comment and blank lines inside the
    /// continuation, then each heredoc's body and terminator.</summary>
    public static InstructionLine[] Of(string text, TextSpan fullSpan, int keywordLineTextStart, IReadOnlyList<Heredoc> heredocs, char escape)
    {
        var lines = new List<InstructionLine>();
        int start = fullSpan.Start;
        var (contentEnd, end) = Bounds(text, start);
        var (textEnd, continues) = ContinuationEnd(text, keywordLineTextStart, contentEnd, escape);
        lines.Add(Content(start, contentEnd, end, textEnd, continues));
        int limit = heredocs.Count > 0 ? heredocs[0].BodySpan.Start : fullSpan.End;
        start = end;
        while (continues && start < limit)
        {
            (contentEnd, end) = Bounds(text, start);
            int lead = ArgumentScanner.SkipSpaces(text, start, contentEnd);
            if (lead < contentEnd && text[lead] == '#')
                lines.Add(new InstructionLine(InstructionLineKind.Comment, TextSpan.FromBounds(start, contentEnd), default, TextSpan.FromBounds(contentEnd, end)));
            else if (lead == contentEnd)
                lines.Add(new InstructionLine(InstructionLineKind.Blank, TextSpan.FromBounds(start, contentEnd), default, TextSpan.FromBounds(contentEnd, end)));
            else
            {
                (textEnd, continues) = ContinuationEnd(text, start, contentEnd, escape);
                lines.Add(Content(start, contentEnd, end, textEnd, continues));
            }
            start = end;
        }
        foreach (var heredoc in heredocs)
        {
            if (heredoc.BodySpan.Length > 0)
                lines.Add(new InstructionLine(InstructionLineKind.HeredocBody, heredoc.BodySpan, default, TextSpan.Empty(heredoc.BodySpan.End)));
            if (heredoc.IsTerminated)
            {
                var (_, terminatorEnd) = Bounds(text, heredoc.TerminatorSpan.Start);
                lines.Add(new InstructionLine(InstructionLineKind.HeredocTerminator, heredoc.TerminatorSpan, default,
                    TextSpan.FromBounds(heredoc.TerminatorSpan.End, terminatorEnd)));
            }
        }
        return lines.ToArray();
    }

    private static InstructionLine Content(int start, int contentEnd, int end, int textEnd, bool continues) =>
        new(InstructionLineKind.Content, TextSpan.FromBounds(start, contentEnd),
            continues ? TextSpan.FromBounds(textEnd, contentEnd) : default, TextSpan.FromBounds(contentEnd, end));
}
