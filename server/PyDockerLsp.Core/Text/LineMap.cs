namespace PyDockerLsp.Core.Text;

/// <summary>
/// The one converter between text offsets and (line, UTF-16 column) positions.
/// C# strings are UTF-16, so an offset into the string already counts UTF-16 code units;
/// the column is the distance from the start of the line. Line breaks are "\n", "\r\n" and a lone "\r"
/// (the three LSP recognises).
/// </summary>
public sealed class LineMap
{
    private readonly int[] _lineStarts;
    private readonly int _length;

    public LineMap(string text)
    {
        _length = text.Length;
        var starts = new List<int>(Math.Max(4, text.Length / 32)) { 0 };
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (c == '\n') starts.Add(i + 1);
            else if (c == '\r')
            {
                if (i + 1 < text.Length && text[i + 1] == '\n') i++;
                starts.Add(i + 1);
            }
        }
        _lineStarts = starts.ToArray();
    }

    public int LineCount => _lineStarts.Length;
    public int TextLength => _length;

    /// <summary>Offset of the first character of <paramref name="line"/>.</summary>
    public int LineStart(int line) => _lineStarts[Math.Clamp(line, 0, _lineStarts.Length - 1)];

    public LinePosition GetPosition(int offset)
    {
        offset = Math.Clamp(offset, 0, _length);
        int index = Array.BinarySearch(_lineStarts, offset);
        int line = index >= 0 ? index : ~index - 1;
        return new LinePosition(line, offset - _lineStarts[line]);
    }

    public LineRange GetRange(TextSpan span) => new(GetPosition(span.Start), GetPosition(span.End));

    /// <summary>Offset for a position; a column past the end of its line is clamped to the line's end
    /// (before its line break), and a line past the end of the text maps to the end of the text.</summary>
    public int GetOffset(LinePosition position, string text)
    {
        if (position.Line < 0) return 0;
        if (position.Line >= _lineStarts.Length) return _length;
        int start = _lineStarts[position.Line];
        int lineEnd = position.Line + 1 < _lineStarts.Length ? _lineStarts[position.Line + 1] : _length;
        // Exclude the line break from the addressable columns.
        while (lineEnd > start && (text[lineEnd - 1] == '\n' || text[lineEnd - 1] == '\r')) lineEnd--;
        return Math.Min(start + Math.Max(0, position.Character), lineEnd);
    }
}
