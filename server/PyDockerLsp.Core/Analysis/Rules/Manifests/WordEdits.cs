using PyDockerLsp.Core.Syntax.Shell;
using PyDockerLsp.Core.Text;

namespace PyDockerLsp.Core.Analysis.Rules.Manifests;

/// <summary>Small edits of shell words in a RUN that keep the line's layout (continuations, indentation).</summary>
internal static class WordEdits
{
    /// <summary>Inserts <c>" " + text</c> right after <paramref name="word"/>.</summary>
    public static TextEdit InsertAfter(ShellWord word, string text) => TextEdit.Insert(word.Span.End, " " + text);

    /// <summary>
    /// Removes <paramref name="word"/> with the blanks that separate it from the previous word on the same line; when
    /// the word starts a continuation line, removes it with the blanks after it instead, so no line is left with a
    /// dangling escape or a joined word.
    /// </summary>
    public static TextEdit Remove(SourceText source, ShellWord word)
    {
        var text = source.Text;
        int start = word.Span.Start;
        while (start > 0 && text[start - 1] is ' ' or '\t') start--;
        bool previousIsWordOnSameLine = start > 0 && text[start - 1] is not ('\n' or '\r') && start < word.Span.Start;
        if (previousIsWordOnSameLine) return TextEdit.Delete(TextSpan.FromBounds(start, word.Span.End));
        int end = word.Span.End;
        while (end < text.Length && text[end] is ' ' or '\t') end++;
        return TextEdit.Delete(TextSpan.FromBounds(word.Span.Start, end));
    }
}
