using PyDockerLsp.Core.Syntax.Dockerfile;
using PyDockerLsp.Core.Syntax.Shell;
using PyDockerLsp.Core.Text;

namespace PyDockerLsp.Core.Analysis.Rules.Installs;

/// <summary>Edits of RUN instructions that keep the user's layout: flags added in the continuation style of the
/// instruction, words removed with the blanks that belonged to them.</summary>
internal static class RunInstructionEdits
{
    /// <summary>
    /// Inserts <paramref name="flag"/> (e.g. <c>--mount=type=cache,target=/root/.cache/pip</c>) as the first flag of
    /// <paramref name="run"/>. A RUN on one line without flags becomes <c>RUN --mount=… command</c>. When the RUN already
    /// has flags or continues over several lines, the new flag gets a line of its own, ended by the escape character,
    /// and what followed it moves to the next line with the indentation of the RUN's continuation lines.
    /// </summary>
    public static TextEdit InsertFlag(RunInstruction run, string flag, SourceText source, char escape)
    {
        Instruction owner = (Instruction?)run.Parent ?? run;
        var lines = owner.Lines;
        string text = source.Text;
        int insertAt = run.Flags.Count > 0 ? run.Flags[0].Span.Start : run.ArgumentsSpan.Start;
        bool continues = lines.Count > 0 && lines[0].Continues;
        if (run.Flags.Count == 0 && !continues) return TextEdit.Insert(insertAt, flag + " ");

        int lineIndex = 0;
        for (int i = 0; i < lines.Count; i++)
            if (lines[i].Kind == InstructionLineKind.Content && lines[i].Span.Start <= insertAt && insertAt <= lines[i].Span.End) lineIndex = i;
        var line = lines.Count > 0 ? lines[lineIndex] : default;
        int contentStart = line.Span.Start;
        while (contentStart < line.Span.End && text[contentStart] is ' ' or '\t') contentStart++;

        string indent;
        string newLine;
        if (lineIndex > 0 && insertAt == contentStart)
        {
            // The first flag (or the command) starts a continuation line: the new flag takes that line's place.
            indent = text.Substring(line.Span.Start, contentStart - line.Span.Start);
            newLine = LineBreakText(text, lines[lineIndex - 1], source);
        }
        else
        {
            indent = ContinuationIndent(run, lines, lineIndex, text);
            newLine = LineBreakText(text, line, source);
        }
        return TextEdit.Insert(insertAt, flag + " " + escape + newLine + indent);
    }

    /// <summary>The indentation of the first continuation line after <paramref name="lineIndex"/>, or the
    /// instruction's own indentation plus four spaces when there is none.</summary>
    private static string ContinuationIndent(RunInstruction run, IReadOnlyList<InstructionLine> lines, int lineIndex, string text)
    {
        for (int i = lineIndex + 1; i < lines.Count; i++)
        {
            if (lines[i].Kind != InstructionLineKind.Content) continue;
            int start = lines[i].Span.Start, end = start;
            while (end < lines[i].Span.End && text[end] is ' ' or '\t') end++;
            if (end < lines[i].Span.End) return text.Substring(start, end - start);
        }
        return LineIndent((Instruction?)run.Parent ?? run, text) + "    ";
    }

    /// <summary>The blanks before the instruction's keyword on its line.</summary>
    public static string LineIndent(Instruction instruction, string text)
    {
        int keyword = instruction.KeywordSpan.Start;
        int start = keyword;
        while (start > 0 && text[start - 1] is ' ' or '\t') start--;
        return text.Substring(start, keyword - start);
    }

    /// <summary>The offset where the instruction's first line starts.</summary>
    public static int LineStart(Instruction instruction, string text)
    {
        int start = instruction.KeywordSpan.Start;
        while (start > 0 && text[start - 1] is not ('\n' or '\r')) start--;
        return start;
    }

    private static string LineBreakText(string text, InstructionLine line, SourceText source) =>
        line.LineBreak.Length > 0 ? text.Substring(line.LineBreak.Start, line.LineBreak.Length) : source.PreferredNewLine;

    /// <summary>
    /// Removes <paramref name="word"/> from its command with the blanks that separate it from its neighbours. When it
    /// is the first word of a continuation line with more on that line, the word and the blanks after it go; otherwise
    /// it goes with everything back to the previous word (blanks, line continuations), so no empty continuation line
    /// is left behind. Null when the text between the words is not just blanks and continuations (a comment line).
    /// </summary>
    public static TextEdit? RemoveWord(ShellCommand command, ShellWord word, string text, char escape, bool execForm)
    {
        int index = -1;
        for (int i = 0; i < command.Assignments.Count; i++)
            if (ReferenceEquals(command.Assignments[i], word)) index = i;
        if (index >= 0) return RemoveLeadingAssignment(command, word, text);

        var words = command.Words;
        for (int i = 0; i < words.Count; i++)
            if (ReferenceEquals(words[i], word)) index = i;
        if (index <= 0) return null;
        var previous = words[index - 1];

        int lineStart = word.Span.Start;
        while (lineStart > 0 && text[lineStart - 1] is ' ' or '\t') lineStart--;
        bool firstOnLine = lineStart == 0 || text[lineStart - 1] is '\n' or '\r';
        if (firstOnLine && !execForm)
        {
            int next = word.Span.End;
            while (next < text.Length && text[next] is ' ' or '\t') next++;
            bool moreOnLine = next < text.Length && text[next] is not ('\n' or '\r') && !IsContinuationAt(text, next, escape);
            if (moreOnLine) return TextEdit.Delete(TextSpan.FromBounds(word.Span.Start, next));
        }

        for (int i = previous.Span.End; i < word.Span.Start; i++)
        {
            char c = text[i];
            bool allowed = c is ' ' or '\t' or '\r' or '\n' || c == escape || c == '\\' || execForm && c == ',';
            if (!allowed) return null;
        }
        return TextEdit.Delete(TextSpan.FromBounds(previous.Span.End, word.Span.End));
    }

    /// <summary>Removes a <c>NAME=value</c> before a command together with the blanks after it.</summary>
    private static TextEdit? RemoveLeadingAssignment(ShellCommand command, ShellWord word, string text)
    {
        int end = word.Span.End;
        while (end < text.Length && text[end] is ' ' or '\t') end++;
        return end < text.Length && text[end] is not ('\n' or '\r') ? TextEdit.Delete(TextSpan.FromBounds(word.Span.Start, end)) : null;
    }

    private static bool IsContinuationAt(string text, int offset, char escape)
    {
        if (text[offset] != escape && text[offset] != '\\') return false;
        int i = offset + 1;
        while (i < text.Length && text[i] is ' ' or '\t') i++;
        return i >= text.Length || text[i] is '\n' or '\r';
    }
}
