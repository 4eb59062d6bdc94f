using System.Text;
using PyDockerLsp.Core.Text;

namespace PyDockerLsp.Core.Python.Requirements;

/// <summary>
/// One line as pip reads it after joining <c>\</c> continuations, removing the comment, stripping, and
/// expanding <c>${VAR}</c>: the text pip parses, and a map from each of its offsets back to the file's text.
/// </summary>
internal sealed class LogicalLine
{
    /// <summary>A run of the logical text copied from the file (<see cref="Synthetic"/> false), or text that is not
    /// in the file (a variable's value), which maps to the whole source range it replaced.</summary>
    internal readonly record struct Segment(int LogicalStart, int Length, int SourceStart, int SourceLength, bool Synthetic);

    private readonly Segment[] _segments;

    internal ReadOnlySpan<Segment> Segments => _segments;

    public LogicalLine(string text, Segment[] segments, int lineNumber, TextSpan sourceSpan)
    {
        Text = text;
        _segments = segments;
        LineNumber = lineNumber;
        SourceSpan = sourceSpan;
    }

    public string Text { get; }

    /// <summary>The 1-based number of the first physical line.</summary>
    public int LineNumber { get; }

    /// <summary>The range of the file this line came from, continuations included, comment excluded.</summary>
    public TextSpan SourceSpan { get; }

    /// <summary>Maps a range of <see cref="Text"/> to the file's text.</summary>
    public TextSpan Map(int start, int end)
    {
        if (_segments.Length == 0) return TextSpan.Empty(SourceSpan.Start);
        int s = MapStart(start);
        int e = end <= start ? s : MapEnd(end);
        return TextSpan.FromBounds(s, Math.Max(s, e));
    }

    public TextSpan Map(TextSpan span) => Map(span.Start, span.End);

    private int MapStart(int offset)
    {
        var seg = Find(offset);
        if (offset >= seg.LogicalStart + seg.Length) return seg.SourceStart + seg.SourceLength;
        return seg.Synthetic ? seg.SourceStart : seg.SourceStart + (offset - seg.LogicalStart);
    }

    private int MapEnd(int offset)
    {
        var seg = Find(offset - 1);
        return seg.Synthetic ? seg.SourceStart + seg.SourceLength : seg.SourceStart + (offset - seg.LogicalStart);
    }

    private Segment Find(int offset)
    {
        var segs = _segments;
        if (offset <= 0) return segs[0];
        for (int i = 0; i < segs.Length; i++)
            if (offset < segs[i].LogicalStart + segs[i].Length) return segs[i];
        return segs[^1];
    }
}

/// <summary>
/// pip's preprocessing of a requirements file (join_lines, ignore_comments, expand_env_variables), keeping
/// positions. Physical lines end at <c>\n</c>, <c>\r\n</c> or <c>\r</c>.
/// </summary>
internal static class RequirementsPreprocessor
{
    /// <summary>A piece of a joined line: a range of the file, or a single inserted space (the one pip puts before a
    /// comment line that ends a continuation).</summary>
    internal readonly record struct Piece(int SourceStart, int Length, bool InsertedSpace);

    /// <summary>A line after joining continuations, before its comment is removed.</summary>
    internal sealed record JoinedLine(int LineNumber, List<Piece> Pieces, string Source)
    {
        public string Text
        {
            get
            {
                if (Pieces.Count == 1 && !Pieces[0].InsertedSpace) return Source.Substring(Pieces[0].SourceStart, Pieces[0].Length);
                var sb = new StringBuilder();
                foreach (var p in Pieces)
                    if (p.InsertedSpace) sb.Append(' '); else sb.Append(Source, p.SourceStart, p.Length);
                return sb.ToString();
            }
        }
    }

    public static List<LogicalLine> Preprocess(string text, IReadOnlyDictionary<string, string>? environment)
    {
        var result = new List<LogicalLine>();
        var pieces = new List<Piece>(8);
        int pendingLine = 0;
        int lineNumber = 0;
        int pos = text.Length > 0 && text[0] == '\uFEFF' ? 1 : 0;
        while (pos < text.Length)
        {
            lineNumber++;
            int start = pos, end = NextLine(text, ref pos);
            bool isComment = IsCommentLine(text, start, end);
            if (end > start && text[end - 1] == '\\' && !isComment)
            {
                if (pieces.Count == 0) pendingLine = lineNumber;
                pieces.Add(StripBackslashes(text, start, end));
                continue;
            }
            if (pieces.Count == 0)
            {
                // A comment or blank line on its own leaves nothing: skip it without building a line.
                if (isComment || IsBlank(text, start, end)) continue;
                pendingLine = lineNumber;
            }
            else if (isComment)
            {
                pieces.Add(new Piece(start, 0, true));
            }
            pieces.Add(new Piece(start, end - start, false));
            Emit(text, pieces, pendingLine, environment, result);
            pieces.Clear();
        }
        if (pieces.Count > 0) Emit(text, pieces, pendingLine, environment, result);
        return result;
    }

    private static void Emit(string text, List<Piece> pieces, int lineNumber, IReadOnlyDictionary<string, string>? environment, List<LogicalLine> result)
    {
        var line = BuildLine(text, pieces, lineNumber);
        if (line == null) return;
        result.Add(environment != null && line.Text.Contains("${", StringComparison.Ordinal) ? ExpandVariables(line, environment) : line);
    }

    /// <summary>Ends the physical line starting at <paramref name="pos"/>: returns its end and moves past the break.</summary>
    private static int NextLine(string text, ref int pos)
    {
        int end = text.IndexOfAny(LineBreaks, pos);
        if (end < 0) end = text.Length;
        pos = end;
        if (pos < text.Length) pos += text[pos] == '\r' && pos + 1 < text.Length && text[pos + 1] == '\n' ? 2 : 1;
        return end;
    }

    private static readonly char[] LineBreaks = { '\n', '\r' };

    private static bool IsBlank(string text, int start, int end)
    {
        for (int i = start; i < end; i++)
            if (!Packaging.PythonChars.IsWhitespace(text[i])) return false;
        return true;
    }

    /// <summary>str.strip("\\"): a continued line loses the backslashes at both of its ends.</summary>
    private static Piece StripBackslashes(string text, int start, int end)
    {
        while (start < end && text[start] == '\\') start++;
        while (end > start && text[end - 1] == '\\') end--;
        return new Piece(start, end - start, false);
    }

    /// <summary>join_lines: a line ending in <c>\</c> continues on the next one (backslashes at both ends of it are
    /// dropped, no space is added); a comment line is never continued, and ends a pending continuation.</summary>
    public static IEnumerable<JoinedLine> JoinLines(string text)
    {
        List<Piece>? pending = null;
        int pendingLine = 0;
        int lineNumber = 0;
        int pos = text.Length > 0 && text[0] == '\uFEFF' ? 1 : 0;
        while (pos < text.Length)
        {
            lineNumber++;
            int start = pos, end = NextLine(text, ref pos);
            bool isComment = IsCommentLine(text, start, end);
            if (end > start && text[end - 1] == '\\' && !isComment)
            {
                if (pending == null)
                {
                    pending = new List<Piece>(4);
                    pendingLine = lineNumber;
                }
                pending.Add(StripBackslashes(text, start, end));
                continue;
            }
            var pieces = pending ?? new List<Piece>(2);
            if (pending == null) pendingLine = lineNumber;
            if (isComment) pieces.Add(new Piece(start, 0, true));
            pieces.Add(new Piece(start, end - start, false));
            yield return new JoinedLine(pendingLine, pieces, text);
            pending = null;
        }
        if (pending != null) yield return new JoinedLine(pendingLine, pending, text);
    }

    /// <summary>COMMENT_RE matched at the start: <c>#</c> first, or white space then <c>#</c>.</summary>
    private static bool IsCommentLine(string text, int start, int end)
    {
        int i = start;
        while (i < end && Packaging.PythonChars.IsWhitespace(text[i])) i++;
        return i < end && text[i] == '#';
    }

    /// <summary>ignore_comments: drops a comment (a <c>#</c> at the start or after white space, to the end) and
    /// strips; null when nothing is left.</summary>
    public static LogicalLine? RemoveCommentAndStrip(JoinedLine joined) => BuildLine(joined.Source, joined.Pieces, joined.LineNumber);

    /// <summary>Joins the pieces, drops the comment, strips, and records where each remaining character came from.</summary>
    private static LogicalLine? BuildLine(string source, List<Piece> pieces, int lineNumber)
    {
        string text;
        if (pieces.Count == 1 && !pieces[0].InsertedSpace)
        {
            text = source.Substring(pieces[0].SourceStart, pieces[0].Length);
        }
        else
        {
            int length = 0;
            foreach (var p in pieces) length += p.InsertedSpace ? 1 : p.Length;
            text = string.Create(length, (source, pieces), static (span, state) =>
            {
                int at = 0;
                foreach (var p in state.pieces)
                {
                    if (p.InsertedSpace) span[at++] = ' ';
                    else
                    {
                        state.source.AsSpan(p.SourceStart, p.Length).CopyTo(span[at..]);
                        at += p.Length;
                    }
                }
            });
        }
        int end = CommentStart(text);
        int start = 0;
        while (start < end && Packaging.PythonChars.IsWhitespace(text[start])) start++;
        while (end > start && Packaging.PythonChars.IsWhitespace(text[end - 1])) end--;
        if (end == start) return null;

        var segments = new List<LogicalLine.Segment>(pieces.Count);
        int logical = 0;
        foreach (var piece in pieces)
        {
            int length = piece.InsertedSpace ? 1 : piece.Length;
            int from = Math.Max(logical, start), to = Math.Min(logical + length, end);
            if (from < to)
            {
                segments.Add(piece.InsertedSpace
                    ? new LogicalLine.Segment(from - start, to - from, piece.SourceStart, 0, true)
                    : new LogicalLine.Segment(from - start, to - from, piece.SourceStart + (from - logical), to - from, false));
            }
            logical += length;
        }
        var sourceSpan = TextSpan.FromBounds(segments[0].SourceStart, segments[^1].SourceStart + segments[^1].SourceLength);
        if (start > 0 || end < text.Length) text = text.Substring(start, end - start);
        return new LogicalLine(text, segments.ToArray(), lineNumber, sourceSpan);
    }

    /// <summary>Where COMMENT_RE's match starts (the white space before the first <c>#</c> that starts a comment),
    /// or the text's length.</summary>
    internal static int CommentStart(string text)
    {
        for (int i = text.IndexOf('#'); i >= 0; i = text.IndexOf('#', i + 1))
        {
            if (i == 0) return 0;
            if (!Packaging.PythonChars.IsWhitespace(text[i - 1])) continue;
            int s = i - 1;
            while (s > 0 && Packaging.PythonChars.IsWhitespace(text[s - 1])) s--;
            return s;
        }
        return text.Length;
    }

    /// <summary>expand_env_variables: <c>${NAME}</c> with NAME of <c>[A-Z0-9_]+</c> becomes the variable's value when it
    /// is set and not empty; anything else stays as written.</summary>
    public static LogicalLine ExpandVariables(LogicalLine line, IReadOnlyDictionary<string, string> environment)
    {
        var text = line.Text;
        var sb = new StringBuilder(text.Length);
        var segments = new List<LogicalLine.Segment>();
        int copiedUpTo = 0;
        int i = 0;
        while (i < text.Length)
        {
            int open = text.IndexOf("${", i, StringComparison.Ordinal);
            if (open < 0) break;
            int nameEnd = open + 2;
            while (nameEnd < text.Length && IsVariableNameChar(text[nameEnd])) nameEnd++;
            if (nameEnd == open + 2 || nameEnd >= text.Length || text[nameEnd] != '}'
                || !environment.TryGetValue(text.Substring(open + 2, nameEnd - open - 2), out var value) || string.IsNullOrEmpty(value))
            {
                i = open + 2;
                continue;
            }
            Copy(line, text, copiedUpTo, open, sb, segments);
            var source = line.Map(open, nameEnd + 1);
            segments.Add(new LogicalLine.Segment(sb.Length, value.Length, source.Start, source.Length, true));
            sb.Append(value);
            copiedUpTo = i = nameEnd + 1;
        }
        if (copiedUpTo == 0) return line;
        Copy(line, text, copiedUpTo, text.Length, sb, segments);
        return new LogicalLine(sb.ToString(), segments.ToArray(), line.LineNumber, line.SourceSpan);
    }

    private static bool IsVariableNameChar(char c) => (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';

    /// <summary>Copies text[from..to) of an existing logical line with its mapping, clipping the line's segments.</summary>
    private static void Copy(LogicalLine line, string text, int from, int to, StringBuilder sb, List<LogicalLine.Segment> segments)
    {
        foreach (var seg in line.Segments)
        {
            int s = Math.Max(from, seg.LogicalStart), e = Math.Min(to, seg.LogicalStart + seg.Length);
            if (s >= e) continue;
            segments.Add(seg.Synthetic
                ? new LogicalLine.Segment(sb.Length + (s - from), e - s, seg.SourceStart, seg.SourceLength, true)
                : new LogicalLine.Segment(sb.Length + (s - from), e - s, seg.SourceStart + (s - seg.LogicalStart), e - s, false));
        }
        sb.Append(text, from, to - from);
    }
}
