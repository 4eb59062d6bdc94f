namespace PyDockerLsp.Core.Text;

/// <summary>A document's text together with its (lazily built) <see cref="LineMap"/>.</summary>
public sealed class SourceText
{
    private LineMap? _lines;

    public SourceText(string text) => Text = text ?? string.Empty;

    public string Text { get; }
    public LineMap Lines => _lines ??= new LineMap(Text);
    public int Length => Text.Length;

    public string this[TextSpan span] => Text.Substring(span.Start, span.Length);
    public LineRange GetRange(TextSpan span) => Lines.GetRange(span);
    public LinePosition GetPosition(int offset) => Lines.GetPosition(offset);
    public int GetOffset(LinePosition position) => Lines.GetOffset(position, Text);

    /// <summary>The line break this document mostly uses, so edits keep the user's style.</summary>
    public string PreferredNewLine => _preferredNewLine ??= CountNewLines();

    // Computed once: fixes ask for it per finding, and the text never changes.
    private string? _preferredNewLine;

    private string CountNewLines()
    {
        int crlf = 0, lf = 0;
        var text = Text;
        for (int i = 0; i < text.Length; i++)
        {
            if (text[i] == '\n') { if (i > 0 && text[i - 1] == '\r') crlf++; else lf++; }
        }
        return crlf > lf ? "\r\n" : "\n";
    }

    public override string ToString() => Text;
}
