using PyDockerLsp.Core.Text;

namespace PyDockerLsp.Core.Analysis;

/// <summary>Replace <see cref="Span"/> of the original text with <see cref="NewText"/>.</summary>
public sealed record TextEdit(TextSpan Span, string NewText)
{
    public static TextEdit Insert(int offset, string text) => new(TextSpan.Empty(offset), text);
    public static TextEdit Delete(TextSpan span) => new(span, "");
}

/// <summary>The edits of one file. With <see cref="CreateFile"/> the file is created (holding the text of the
/// single insert edit); <see cref="Overwrite"/> says an existing file may be replaced.</summary>
public sealed record FileEdit(string Path, IReadOnlyList<TextEdit> Edits, bool CreateFile = false, bool Overwrite = false)
{
    public static FileEdit Create(string path, string text, bool overwrite = false) =>
        new(path, new[] { TextEdit.Insert(0, text) }, CreateFile: true, Overwrite: overwrite);
}

/// <summary>Safe fixes keep the build's meaning and may be applied in bulk (fix-all); unsafe ones need a human look.</summary>
public enum FixSafety { Safe, Unsafe }

/// <summary>A titled set of edits, possibly across several files (e.g. creating <c>.dockerignore</c>).</summary>
public sealed record Fix(string Title, FixSafety Safety, IReadOnlyList<FileEdit> Edits)
{
    public bool IsPreferred { get; init; }
}

public static class TextEdits
{
    /// <summary>Applies non-overlapping edits to <paramref name="text"/> (any order given; applied from the end).</summary>
    public static string Apply(string text, IEnumerable<TextEdit> edits)
    {
        var ordered = edits.OrderByDescending(e => e.Span.Start).ThenByDescending(e => e.Span.End).ToList();
        var sb = new System.Text.StringBuilder(text);
        int lastStart = int.MaxValue;
        foreach (var e in ordered)
        {
            if (e.Span.End > lastStart) throw new InvalidOperationException($"Overlapping edits at {e.Span}");
            sb.Remove(e.Span.Start, e.Span.Length).Insert(e.Span.Start, e.NewText);
            lastStart = e.Span.Start;
        }
        return sb.ToString();
    }
}
