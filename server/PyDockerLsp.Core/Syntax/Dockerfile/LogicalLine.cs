using PyDockerLsp.Core.Text;

namespace PyDockerLsp.Core.Syntax.Dockerfile;

/// <summary>
/// The text of an instruction as BuildKit reads it: its physical lines joined, with each continuation's escape
/// character (and the blanks after it) removed and comment and blank lines inside the continuation skipped. The
/// leading white space of the first line is not part of it; the leading white space of continuation lines is.
/// <para>Offsets into <see cref="Text"/> ("joined offsets") map back to document offsets with
/// <see cref="ToOriginalOffset"/> and <see cref="ToOriginalSpan"/>. For a one-line instruction no string is built:
/// the joined text is a slice of the document.</para>
/// </summary>
public sealed class LogicalLine
{
    // Where the joined text lives: the document itself (one segment) or a string built from the segments.
    internal readonly string Buffer;
    internal readonly int BufferStart;
    private readonly int _length;
    // For joined text: the joined offset where each segment starts, and the document offset it came from.
    private readonly int[]? _segmentJoinedStarts;
    private readonly int[]? _segmentOriginalStarts;
    private string? _text;

    /// <summary>A single segment of <paramref name="source"/>.</summary>
    internal LogicalLine(string source, int start, int end)
    {
        Buffer = source;
        BufferStart = start;
        _length = end - start;
    }

    /// <summary>Several segments, already concatenated into <paramref name="joined"/>.</summary>
    internal LogicalLine(string joined, int[] segmentJoinedStarts, int[] segmentOriginalStarts)
    {
        Buffer = joined;
        BufferStart = 0;
        _length = joined.Length;
        _text = joined;
        _segmentJoinedStarts = segmentJoinedStarts;
        _segmentOriginalStarts = segmentOriginalStarts;
    }

    /// <summary>The joined text.</summary>
    public string Text => _text ??= Buffer.Substring(BufferStart, _length);

    public int Length => _length;

    /// <summary>True when the instruction spans several physical lines.</summary>
    public bool IsJoined => _segmentJoinedStarts is not null;

    /// <summary>The document offset of the character at <paramref name="joinedOffset"/> (the end maps to just
    /// after the last character).</summary>
    public int ToOriginalOffset(int joinedOffset)
    {
        if (_segmentJoinedStarts is null) return BufferStart + joinedOffset;
        if (joinedOffset >= _length && _length > 0) return MapJoined(_length - 1) + 1;
        return MapJoined(joinedOffset);
    }

    /// <summary>The document span covering the joined range [<paramref name="joinedStart"/>,
    /// <paramref name="joinedEnd"/>); across a continuation it also covers the escape, line break and any skipped
    /// lines in between.</summary>
    public TextSpan ToOriginalSpan(int joinedStart, int joinedEnd) =>
        BufferSpan(BufferStart + joinedStart, BufferStart + joinedEnd);

    /// <summary>Joined offset → document offset for positions inside the buffer coordinate system.</summary>
    internal int BufferToOriginal(int bufferPosition)
    {
        if (_segmentJoinedStarts is null) return bufferPosition;
        return MapJoined(bufferPosition);
    }

    /// <summary>A buffer range → document span (see <see cref="ToOriginalSpan"/>).</summary>
    internal TextSpan BufferSpan(int bufferStart, int bufferEnd)
    {
        if (_segmentJoinedStarts is null) return TextSpan.FromBounds(bufferStart, Math.Max(bufferStart, bufferEnd));
        int start = MapJoined(bufferStart);
        if (bufferEnd <= bufferStart) return TextSpan.Empty(start);
        int end = MapJoined(bufferEnd - 1) + 1;
        return TextSpan.FromBounds(start, Math.Max(start, end));
    }

    private int MapJoined(int joined)
    {
        var starts = _segmentJoinedStarts!;
        if (joined >= _length)
        {
            // Past the end: just after the last character of the last non-empty segment.
            return _length == 0 ? _segmentOriginalStarts![0] : MapJoined(_length - 1) + 1;
        }
        int index = Array.BinarySearch(starts, joined);
        if (index < 0) index = ~index - 1;
        // Empty segments share a start with the next one; take the last segment starting at or before the offset.
        while (index + 1 < starts.Length && starts[index + 1] <= joined) index++;
        return _segmentOriginalStarts![index] + (joined - starts[index]);
    }

    public override string ToString() => Text;
}
