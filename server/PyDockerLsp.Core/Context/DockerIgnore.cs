using PyDockerLsp.Core.Text;

namespace PyDockerLsp.Core.Context;

/// <summary>One line of a .dockerignore: the pattern as written, cleaned for matching, and whether it is a "!" exception.</summary>
public sealed record DockerIgnorePattern(string Text, string Cleaned, bool IsException, TextSpan Span);

/// <summary>
/// A parsed <c>.dockerignore</c> with Docker's matching semantics: patterns are relative to the context root
/// (a leading '/' is dropped), "*" and "?" do not cross '/', "**" matches any number of directories, the last
/// matching line wins, and a path is excluded when it or one of its parent directories matches.
/// </summary>
public sealed class DockerIgnore
{
    public string? Path { get; }
    public SourceText Source { get; }
    public IReadOnlyList<DockerIgnorePattern> Patterns { get; }

    private DockerIgnore(string? path, SourceText source, IReadOnlyList<DockerIgnorePattern> patterns)
    {
        Path = path; Source = source; Patterns = patterns;
    }

    public static DockerIgnore Parse(string text, string? path = null)
    {
        var source = new SourceText(text);
        var patterns = new List<DockerIgnorePattern>();
        int lineStart = 0;
        while (lineStart <= text.Length)
        {
            int lineEnd = text.IndexOf('\n', lineStart);
            if (lineEnd < 0) lineEnd = text.Length;
            int contentEnd = lineEnd > lineStart && text[lineEnd - 1] == '\r' ? lineEnd - 1 : lineEnd;
            var raw = text.Substring(lineStart, contentEnd - lineStart);
            var trimmed = raw.Trim();
            if (trimmed.Length > 0 && trimmed[0] != '#')
            {
                int startInLine = raw.IndexOf(trimmed, StringComparison.Ordinal);
                bool exception = trimmed[0] == '!';
                var body = exception ? trimmed.Substring(1).Trim() : trimmed;
                var cleaned = Clean(body);
                if (cleaned.Length > 0)
                    patterns.Add(new DockerIgnorePattern(trimmed, cleaned, exception, new TextSpan(lineStart + startInLine, trimmed.Length)));
            }
            if (lineEnd >= text.Length) break;
            lineStart = lineEnd + 1;
        }
        return new DockerIgnore(path, source, patterns);
    }

    /// <summary>The pattern that decides <paramref name="relativePath"/>'s fate (the last one that matches it or a parent), or null.</summary>
    public DockerIgnorePattern? DecidingPattern(string relativePath)
    {
        var path = Clean(relativePath);
        if (path.Length == 0) return null;
        DockerIgnorePattern? decision = null;
        foreach (var p in Patterns)
            if (MatchesPathOrParent(p.Cleaned, path)) decision = p;
        return decision;
    }

    /// <summary>True when the file or directory at <paramref name="relativePath"/> (relative to the context) is left out of the build context.</summary>
    public bool IsExcluded(string relativePath)
    {
        var decision = DecidingPattern(relativePath);
        return decision != null && !decision.IsException;
    }

    /// <summary>True when some line of the file matches <paramref name="entry"/> exactly or excludes it (for "is X already ignored?").</summary>
    public bool Covers(string entry) => IsExcluded(entry.TrimEnd('/'));

    private static bool MatchesPathOrParent(string pattern, string path)
    {
        if (GlobMatch(pattern, 0, path, 0)) return true;
        // A pattern that matches a directory excludes everything under it.
        for (int i = path.Length - 1; i > 0; i--)
            if (path[i] == '/' && GlobMatch(pattern, 0, path.Substring(0, i), 0)) return true;
        return false;
    }

    /// <summary>Docker's path cleaning: forward slashes, no leading "/" or "./", no trailing "/", "." and ".." resolved.</summary>
    public static string Clean(string pattern)
    {
        var parts = new List<string>();
        foreach (var seg in pattern.Replace('\\', '/').Split('/'))
        {
            if (seg.Length == 0 || seg == ".") continue;
            if (seg == "..") { if (parts.Count > 0) parts.RemoveAt(parts.Count - 1); continue; }
            parts.Add(seg);
        }
        return string.Join('/', parts);
    }

    /// <summary>Docker's glob match of a whole '/'-separated path (or a single file name) against a pattern.</summary>
    internal static bool Glob(string pattern, string path) => GlobMatch(pattern, 0, path, 0);

    // Glob over '/'-separated paths: '*' and '?' stay within a segment, "**" spans segments, [..] classes, '\' escapes.
    private static bool GlobMatch(string p, int pi, string s, int si)
    {
        while (pi < p.Length)
        {
            char c = p[pi];
            if (c == '*')
            {
                bool doubleStar = pi + 1 < p.Length && p[pi + 1] == '*';
                if (doubleStar)
                {
                    int next = pi + 2;
                    // "**/" may match zero directories.
                    if (next < p.Length && p[next] == '/')
                    {
                        if (GlobMatch(p, next + 1, s, si)) return true;
                    }
                    for (int k = si; k <= s.Length; k++)
                        if (GlobMatch(p, next, s, k)) return true;
                    return false;
                }
                for (int k = si; k <= s.Length; k++)
                {
                    if (GlobMatch(p, pi + 1, s, k)) return true;
                    if (k < s.Length && s[k] == '/') break;
                }
                return false;
            }
            if (si >= s.Length) return false;
            if (c == '?')
            {
                if (s[si] == '/') return false;
                pi++; si++; continue;
            }
            if (c == '[')
            {
                int close = p.IndexOf(']', pi + 1);
                if (close > pi)
                {
                    if (s[si] == '/') return false;
                    bool negate = pi + 1 < close && (p[pi + 1] == '^' || p[pi + 1] == '!');
                    bool matched = false;
                    for (int k = pi + (negate ? 2 : 1); k < close; k++)
                    {
                        if (k + 2 < close && p[k + 1] == '-') { if (s[si] >= p[k] && s[si] <= p[k + 2]) matched = true; k += 2; }
                        else if (p[k] == s[si]) matched = true;
                    }
                    if (matched == negate) return false;
                    pi = close + 1; si++; continue;
                }
            }
            if (c == '\\' && pi + 1 < p.Length) { pi++; c = p[pi]; }
            if (c != s[si]) return false;
            pi++; si++;
        }
        return si == s.Length;
    }
}
