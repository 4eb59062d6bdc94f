using System.Text;
using PyDockerLsp.Core.Syntax.Shell;
using PyDockerLsp.Core.Text;

namespace PyDockerLsp.Core.Syntax.Dockerfile;

/// <summary>
/// A heredoc marker word such as <c>&lt;&lt;EOF</c>, <c>&lt;&lt;-'EOF'</c> or <c>3&lt;&lt;EOF</c>: the terminator
/// <see cref="Name"/>, the file descriptor (0 when not given), whether the body is expanded (no part of the
/// terminator word was quoted) and whether leading tabs are removed (<c>&lt;&lt;-</c>).
/// </summary>
public sealed record HeredocMarker(string Name, int FileDescriptor, bool Expand, bool Chomp)
{
    private static readonly WordExpander Unquoting = new('\\') { SkipUnsetEnv = true };
    private static readonly WordExpander KeepingQuotes = new('\\') { SkipUnsetEnv = true, RawQuotes = true };
    private static readonly WordExpander RawLine = new('\\') { SkipUnsetEnv = true, RawQuotes = true, RawEscapes = true };

    /// <summary>
    /// Reads one word as a heredoc marker. Returns null when the word is no marker (then <paramref name="error"/>
    /// is null too) or when it is a marker with an unterminated quote (then <paramref name="error"/> says so).
    /// </summary>
    public static HeredocMarker? Parse(string word, out string? error)
    {
        error = null;
        int i = 0;
        while (i < word.Length && word[i] >= '0' && word[i] <= '9') i++;
        int digitsEnd = i;
        if (i + 1 >= word.Length || word[i] != '<' || word[i + 1] != '<') return null;
        i += 2;
        bool chomp = i < word.Length && word[i] == '-';
        if (chomp) i++;
        while (i < word.Length && word[i] is ' ' or '\t' or '\n' or '\f' or '\r') i++;
        if (i >= word.Length || word.IndexOf('<', i) >= 0) return null;
        string rest = word.Substring(i);
        int fileDescriptor = ParseFileDescriptor(word, digitsEnd);

        // A plain word (no quotes, escapes, variables or blanks) is its own name and is expanded.
        if (rest.AsSpan().IndexOfAny("'\"\\$") < 0 && !HasWhiteSpace(rest))
            return new HeredocMarker(rest, fileDescriptor, Expand: true, chomp);

        // The terminator word is read twice, with and without keeping quotes: if the counts of quote characters
        // differ, some part of it was quoted, and a quoted terminator turns off expansion of the body.
        var plain = Unquoting.Process(rest);
        if (!plain.Succeeded)
        {
            error = plain.Error;
            return null;
        }
        if (plain.Words.Count != 1) return null;
        var raw = KeepingQuotes.Process(rest);
        if (!raw.Succeeded)
        {
            error = raw.Error;
            return null;
        }
        if (raw.Words.Count != 1)
        {
            error = $"the heredoc word {rest} reads inconsistently";
            return null;
        }
        string name = plain.Words[0];
        bool expand = CountQuotes(name) == CountQuotes(raw.Words[0]);
        return new HeredocMarker(name, fileDescriptor, expand, chomp);
    }

    /// <summary>The heredoc markers among the words of <paramref name="line"/> (an instruction's joined text), in
    /// order, with where each marker word is in the line. Quoted <c>"&lt;&lt;EOF"</c> is no marker.</summary>
    public static IReadOnlyList<(HeredocMarker Marker, TextSpan Span)> FindInLine(string line, out string? error)
    {
        error = null;
        if (line.IndexOf("<<", StringComparison.Ordinal) < 0) return Array.Empty<(HeredocMarker, TextSpan)>();
        List<(HeredocMarker, TextSpan)>? found = null;
        if (TrySplitRawWords(line, out var spans))
        {
            foreach (var span in spans)
            {
                if (!StartsLikeMarker(line, span.Start, span.End)) continue;
                var marker = Parse(line.Substring(span.Start, span.Length), out string? wordError);
                if (wordError is not null && error is null) error = wordError;
                if (marker is not null) (found ??= new List<(HeredocMarker, TextSpan)>()).Add((marker, span));
            }
            return found is null ? Array.Empty<(HeredocMarker, TextSpan)>() : found;
        }

        // Words whose text differs from what BuildKit's lexer makes of them: run the lexer itself.
        var words = RawLine.Process(line);
        if (!words.Succeeded || words.Words.Count == 0) return Array.Empty<(HeredocMarker, TextSpan)>();
        for (int i = 0; i < words.Words.Count; i++)
        {
            var marker = Parse(words.Words[i], out string? wordError);
            if (wordError is not null && error is null) error = wordError;
            if (marker is null) continue;
            (found ??= new List<(HeredocMarker, TextSpan)>()).Add((marker, words.WordSpans[i]));
        }
        return found is null ? Array.Empty<(HeredocMarker, TextSpan)>() : found;
    }

    /// <summary>
    /// Splits <paramref name="line"/> into words the way BuildKit's lexer does when it keeps quotes, escapes and
    /// unset variables (so each word's text is the text of the line), for lines where that holds: no <c>${…}</c>
    /// and no escape inside double quotes. Returns false for other lines, and no words when a quote is unterminated
    /// (BuildKit then finds no heredoc).
    /// </summary>
    private static bool TrySplitRawWords(string line, out List<TextSpan> spans)
    {
        spans = new List<TextSpan>(8);
        if (line.IndexOf("${", StringComparison.Ordinal) >= 0) return false;
        int n = line.Length, pos = 0;
        while (pos < n)
        {
            while (pos < n && ArgumentScanner.IsSpace(line[pos])) pos++;
            if (pos >= n) break;
            int start = pos;
            while (pos < n && !ArgumentScanner.IsSpace(line[pos]))
            {
                char c = line[pos];
                if (c == '\'')
                {
                    int close = line.IndexOf('\'', pos + 1);
                    if (close < 0)
                    {
                        spans.Clear();
                        return true;
                    }
                    pos = close + 1;
                }
                else if (c == '"')
                {
                    pos++;
                    while (pos < n && line[pos] != '"')
                    {
                        if (line[pos] == '\\') return false;
                        pos++;
                    }
                    if (pos >= n)
                    {
                        spans.Clear();
                        return true;
                    }
                    pos++;
                }
                else if (c == '\\')
                {
                    pos += 2;
                }
                else if (c == '<' && pos + 1 < n && line[pos + 1] == '<')
                {
                    // "<<" keeps the blanks after it in its word.
                    pos += 2;
                    while (pos < n && line[pos] is ' ' or '\t' or '\r') pos++;
                }
                else
                {
                    pos++;
                }
            }
            spans.Add(TextSpan.FromBounds(start, Math.Min(pos, n)));
        }
        return true;
    }

    private static bool StartsLikeMarker(string line, int start, int end)
    {
        int i = start;
        while (i < end && line[i] >= '0' && line[i] <= '9') i++;
        return i + 1 < end && line[i] == '<' && line[i + 1] == '<';
    }

    private static bool HasWhiteSpace(string text)
    {
        foreach (char c in text)
            if (ArgumentScanner.IsSpace(c)) return true;
        return false;
    }

    private static int CountQuotes(string text)
    {
        int count = 0;
        foreach (char c in text)
            if (c is '\'' or '"') count++;
        return count;
    }

    private static int ParseFileDescriptor(string word, int digitsEnd)
    {
        // Like Go's strconv.ParseUint with the error ignored: an overflowing number counts as 0.
        long value = 0;
        for (int i = 0; i < digitsEnd; i++)
        {
            value = value * 10 + (word[i] - '0');
            if (value > int.MaxValue) return 0;
        }
        return (int)value;
    }
}

/// <summary>
/// A heredoc of a RUN, COPY or ADD instruction: the marker (<see cref="MarkerSpan"/>) on the instruction's line and
/// the body lines that follow the instruction, up to the terminator line.
/// </summary>
public sealed class Heredoc
{
    private readonly string _source;
    private string? _content;
    private string? _data;

    internal Heredoc(string source, HeredocMarker marker, TextSpan markerSpan, TextSpan bodySpan, TextSpan terminatorSpan, bool isTerminated)
    {
        _source = source;
        Marker = marker;
        MarkerSpan = markerSpan;
        BodySpan = bodySpan;
        TerminatorSpan = terminatorSpan;
        IsTerminated = isTerminated;
    }

    public HeredocMarker Marker { get; }
    public string Name => Marker.Name;
    public int FileDescriptor => Marker.FileDescriptor;
    public bool Expand => Marker.Expand;
    public bool Chomp => Marker.Chomp;

    /// <summary>The marker word (<c>&lt;&lt;EOF</c>) in the instruction.</summary>
    public TextSpan MarkerSpan { get; }

    /// <summary>The body: from the start of the line after the instruction (or the previous heredoc) to the start
    /// of the terminator line, line breaks included.</summary>
    public TextSpan BodySpan { get; }

    /// <summary>The terminator line without its line break; empty at the end of the file when unterminated.</summary>
    public TextSpan TerminatorSpan { get; }

    public bool IsTerminated { get; }

    /// <summary>The body exactly as written (leading tabs kept, as BuildKit's parser keeps them).</summary>
    public string Content => _content ??= _source.Substring(BodySpan.Start, BodySpan.Length);

    /// <summary>The body as it ends up in a file: for <c>&lt;&lt;-</c> the leading tabs of every line removed.</summary>
    public string Data => _data ??= Chomp ? ChompContent(Content) : Content;

    /// <summary>Removes the leading tabs of every line (what <c>&lt;&lt;-</c> does).</summary>
    public static string ChompContent(string content)
    {
        var output = new StringBuilder(content.Length);
        bool atLineStart = true;
        foreach (char c in content)
        {
            if (atLineStart && c == '\t') continue;
            atLineStart = c == '\n';
            output.Append(c);
        }
        return output.ToString();
    }

    public override string ToString() => $"<<{Name}";
}
