namespace PyDockerLsp.Core.Text;

/// <summary>A zero-based line and a zero-based column counted in UTF-16 code units — exactly what LSP wants.</summary>
public readonly record struct LinePosition(int Line, int Character) : IComparable<LinePosition>
{
    public int CompareTo(LinePosition other) => Line != other.Line ? Line.CompareTo(other.Line) : Character.CompareTo(other.Character);
    public override string ToString() => $"{Line}:{Character}";
}

/// <summary>A start and end <see cref="LinePosition"/> (end exclusive).</summary>
public readonly record struct LineRange(LinePosition Start, LinePosition End)
{
    public override string ToString() => $"{Start}-{End}";
}
