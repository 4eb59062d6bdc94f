namespace PyDockerLsp.Core.Text;

/// <summary>
/// A half-open range [Start, End) of UTF-16 code unit offsets into a document's text.
/// Every syntax node, finding and edit in the core is located by a span; one
/// <see cref="LineMap"/> turns spans into line/column positions for the fronts.
/// </summary>
public readonly record struct TextSpan(int Start, int Length)
{
    public int End => Start + Length;
    public bool IsEmpty => Length == 0;

    public static TextSpan FromBounds(int start, int end)
    {
        if (end < start) throw new ArgumentOutOfRangeException(nameof(end), $"end {end} < start {start}");
        return new TextSpan(start, end - start);
    }

    public static TextSpan Empty(int at) => new(at, 0);

    /// <summary>True when <paramref name="offset"/> lies inside the span; the end offset counts too,
    /// so a cursor just after a word still "touches" it (what hover and completion want).</summary>
    public bool Touches(int offset) => offset >= Start && offset <= End;

    public bool Contains(int offset) => offset >= Start && offset < End;
    public bool Contains(TextSpan other) => other.Start >= Start && other.End <= End;
    public bool OverlapsWith(TextSpan other) => Start < other.End && other.Start < End;

    public TextSpan Union(TextSpan other) => FromBounds(Math.Min(Start, other.Start), Math.Max(End, other.End));

    public override string ToString() => $"[{Start}..{End})";
}
