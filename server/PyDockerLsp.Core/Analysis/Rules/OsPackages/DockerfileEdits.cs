using PyDockerLsp.Core.Syntax.Dockerfile;
using PyDockerLsp.Core.Syntax.Shell;
using PyDockerLsp.Core.Text;

namespace PyDockerLsp.Core.Analysis.Rules.OsPackages;

/// <summary>
/// How a Dockerfile is written, so that inserted text looks like the user's own: the line break, the escape
/// (continuation) character, the indentation of continuation lines and where <c>&amp;&amp;</c> goes when a RUN is
/// split over lines (at the start of the continuation line, or before the escape at the end of the line).
/// </summary>
internal sealed class DockerfileStyle
{
    private DockerfileStyle(string newLine, char escape, string continuationIndent, bool andAtLineEnd)
    {
        NewLine = newLine;
        Escape = escape;
        ContinuationIndent = continuationIndent;
        AndAtLineEnd = andAtLineEnd;
    }

    public string NewLine { get; }
    public char Escape { get; }

    /// <summary>The indentation of the file's first continuation line (four spaces when it has none).</summary>
    public string ContinuationIndent { get; }

    /// <summary>True when the file mostly writes <c>cmd &amp;&amp; \</c> rather than <c>\</c> + <c>&amp;&amp; cmd</c>.</summary>
    public bool AndAtLineEnd { get; }

    public static DockerfileStyle Of(DockerfileSyntax syntax)
    {
        string text = syntax.Source.Text;
        string? indent = null;
        int leading = 0, trailing = 0;
        foreach (var instruction in syntax.Instructions)
        {
            if (instruction is not RunInstruction run) continue;
            var (l, t) = CountAndStyles(text, run);
            leading += l;
            trailing += t;
            indent ??= FirstContinuationIndent(text, run);
        }
        return new DockerfileStyle(syntax.Source.PreferredNewLine, syntax.EscapeChar, indent ?? "    ", trailing > leading);
    }

    /// <summary>Lines of <paramref name="run"/> that start with <c>&amp;&amp;</c>, and lines that end with it before the escape.</summary>
    internal static (int Leading, int Trailing) CountAndStyles(string text, Instruction run)
    {
        int leading = 0, trailing = 0;
        bool first = true;
        foreach (var line in run.Lines)
        {
            if (line.Kind != InstructionLineKind.Content) continue;
            var content = text.AsSpan(line.ContentSpan.Start, line.ContentSpan.Length).Trim();
            if (!first && content.StartsWith("&&")) leading++;
            if (line.Continues && content.EndsWith("&&")) trailing++;
            first = false;
        }
        return (leading, trailing);
    }

    private static string? FirstContinuationIndent(string text, Instruction run)
    {
        bool first = true;
        foreach (var line in run.Lines)
        {
            if (line.Kind != InstructionLineKind.Content) continue;
            if (!first) return LeadingWhitespace(text, line.Span.Start, line.Span.End);
            first = false;
        }
        return null;
    }

    internal static string LeadingWhitespace(string text, int start, int end)
    {
        int i = start;
        while (i < end && (text[i] == ' ' || text[i] == '\t')) i++;
        return text.Substring(start, i - start);
    }

    /// <summary>A RUN instruction running <paramref name="commands"/> one after another, one per line when there are
    /// several, joined with <c>&amp;&amp;</c> in the file's style.</summary>
    public string Run(string instructionIndent, params string[] commands)
    {
        var sb = new System.Text.StringBuilder(instructionIndent).Append("RUN ").Append(commands[0]);
        for (int i = 1; i < commands.Length; i++)
        {
            if (AndAtLineEnd) sb.Append(" && ").Append(Escape).Append(NewLine).Append(instructionIndent).Append(ContinuationIndent).Append(commands[i]);
            else sb.Append(' ').Append(Escape).Append(NewLine).Append(instructionIndent).Append(ContinuationIndent).Append("&& ").Append(commands[i]);
        }
        return sb.ToString();
    }
}

/// <summary>Text edits that keep the user's formatting: appending a command to a RUN, inserting instructions.</summary>
internal static class DockerfileEdits
{
    /// <summary>
    /// Appends <paramref name="command"/> so that it runs after <paramref name="after"/> and the rest of the RUN:
    /// at the end of the command line (with <c>&amp;&amp;</c>, continued on a new line in the RUN's own style when
    /// the RUN spans several lines), or, when <paramref name="after"/> comes from a heredoc script, as a new line
    /// of that script before its terminator. Null when the command line does not end in a way that can be
    /// extended (a trailing <c>&amp;</c> or pipe).
    /// </summary>
    public static TextEdit? AppendCommand(DockerfileSyntax syntax, RunInstruction run, ShellCommand after, string command, DockerfileStyle style)
    {
        if (after.Source == ShellSource.Heredoc && after.Heredoc is { } heredoc)
            return AppendToHeredoc(syntax.Source.Text, heredoc, after, command, style.NewLine);
        return AppendToCommandLine(syntax.Source.Text, run, command, style);
    }

    private static TextEdit? AppendToHeredoc(string text, Heredoc heredoc, ShellCommand after, string command, string fallbackNewLine)
    {
        if (!heredoc.IsTerminated) return null;
        int lineStart = after.Span.Start;
        while (lineStart > heredoc.BodySpan.Start && text[lineStart - 1] != '\n') lineStart--;
        string indent = DockerfileStyle.LeadingWhitespace(text, lineStart, after.Span.Start);
        int at = heredoc.TerminatorSpan.Start;
        string newLine = at >= 2 && text[at - 2] == '\r' && text[at - 1] == '\n' ? "\r\n" : at >= 1 && text[at - 1] == '\n' ? "\n" : fallbackNewLine;
        return TextEdit.Insert(at, indent + command + newLine);
    }

    private static TextEdit? AppendToCommandLine(string text, RunInstruction run, string command, DockerfileStyle style)
    {
        var commands = run.Script.Commands;
        if (commands.Count == 0) return null;
        var last = commands[^1];
        InstructionLine? lastContent = null;
        bool multiLine = false;
        foreach (var line in run.Lines)
        {
            if (line.Kind != InstructionLineKind.Content) continue;
            if (lastContent is not null) multiLine = true;
            lastContent = line;
        }
        if (lastContent is null) return null;
        int contentEnd = Math.Max(lastContent.Value.ContentSpan.End, last.Span.End);
        string tail = text.Substring(last.Span.End, contentEnd - last.Span.End);
        if (tail.IndexOf('\n') >= 0) return null;
        int comment = ShellCommentStart(tail);
        if (comment >= 0) tail = tail.Substring(0, comment);
        string closing = tail.TrimEnd();
        if (closing.EndsWith('&') || closing.EndsWith('|') || closing.EndsWith(style.Escape)) return null;
        int at = last.Span.End + closing.Length;
        string joiner = closing.EndsWith(';') ? "" : "&& ";

        if (!multiLine) return TextEdit.Insert(at, " " + joiner + command);
        var (leading, trailing) = DockerfileStyle.CountAndStyles(text, run);
        bool andAtLineEnd = trailing > leading || (trailing == leading && trailing == 0 && style.AndAtLineEnd);
        string indent = CommandIndent(text, run, andAtLineEnd) ?? style.ContinuationIndent;
        string newLine = NewLineAfter(text, run.Lines[0]) ?? style.NewLine;
        return andAtLineEnd
            ? TextEdit.Insert(at, (joiner.Length > 0 ? " &&" : "") + " " + style.Escape + newLine + indent + command)
            : TextEdit.Insert(at, " " + style.Escape + newLine + indent + joiner + command);
    }

    /// <summary>Where a shell comment starts in a piece of command line (a <c>#</c> at its start or after a blank), or -1.</summary>
    private static int ShellCommentStart(string tail)
    {
        for (int i = 0; i < tail.Length; i++)
            if (tail[i] == '#' && (i == 0 || char.IsWhiteSpace(tail[i - 1]))) return i;
        return -1;
    }

    /// <summary>
    /// The indentation a new command line of <paramref name="run"/> gets: with <c>&amp;&amp;</c> leading, that of the
    /// last line starting with <c>&amp;&amp;</c>; with <c>&amp;&amp;</c> trailing, that of the last line that follows
    /// a line ending in <c>&amp;&amp;</c>. Null when no line tells.
    /// </summary>
    private static string? CommandIndent(string text, RunInstruction run, bool andAtLineEnd)
    {
        string? indent = null;
        string? firstContinuation = null;
        bool previousEndsWithAnd = false, first = true;
        foreach (var line in run.Lines)
        {
            if (line.Kind != InstructionLineKind.Content) continue;
            var content = text.AsSpan(line.ContentSpan.Start, line.ContentSpan.Length).Trim();
            if (!first)
            {
                string lineIndent = DockerfileStyle.LeadingWhitespace(text, line.Span.Start, line.Span.End);
                firstContinuation ??= lineIndent;
                if (andAtLineEnd ? previousEndsWithAnd : content.StartsWith("&&")) indent = lineIndent;
            }
            previousEndsWithAnd = line.Continues && content.EndsWith("&&");
            first = false;
        }
        return indent ?? firstContinuation;
    }

    private static string? NewLineAfter(string text, InstructionLine line)
    {
        if (line.LineBreak.IsEmpty) return null;
        return text.Substring(line.LineBreak.Start, line.LineBreak.Length);
    }

    /// <summary>The white space before the instruction's keyword on its line.</summary>
    public static string IndentOf(string text, Instruction instruction)
    {
        var owner = instruction.Parent ?? instruction;
        int lineStart = owner.KeywordSpan.Start;
        while (lineStart > 0 && text[lineStart - 1] != '\n' && text[lineStart - 1] != '\r') lineStart--;
        string indent = text.Substring(lineStart, owner.KeywordSpan.Start - lineStart);
        return indent.Trim().Length == 0 ? indent : "";
    }

    /// <summary>Inserts whole lines (already indented, without line breaks) right after <paramref name="instruction"/>.</summary>
    public static TextEdit InsertLinesAfter(string text, Instruction instruction, string newLine, params string[] lines)
    {
        int at = instruction.Span.End;
        if (at + 1 < text.Length && text[at] == '\r' && text[at + 1] == '\n') at += 2;
        else if (at < text.Length && (text[at] == '\n' || text[at] == '\r')) at += 1;
        else return TextEdit.Insert(at, newLine + string.Join(newLine, lines));
        return TextEdit.Insert(at, string.Join(newLine, lines) + newLine);
    }
}
