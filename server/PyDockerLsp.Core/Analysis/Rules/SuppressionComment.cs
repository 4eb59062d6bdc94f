namespace PyDockerLsp.Core.Analysis.Rules;

/// <summary>The kinds of inline suppression comments the analysis understands.</summary>
public enum SuppressionKind
{
    /// <summary><c># pydocker: ignore=PD201,PD301</c> — the next instruction.</summary>
    IgnoreNext,
    /// <summary><c># pydocker: ignore-file=PD103</c> — the whole file (only before the first instruction).</summary>
    IgnoreFile,
    /// <summary><c># hadolint ignore=DL3008,DL3015</c> — the next instruction, by hadolint id.</summary>
    HadolintIgnoreNext,
    /// <summary><c># hadolint global ignore=DL3008</c> — the whole file, by hadolint id.</summary>
    HadolintIgnoreFile,
}

/// <summary>One parsed suppression comment: which ids it names and where each id is (for "unknown id" reports).</summary>
public sealed record SuppressionComment(SuppressionKind Kind, IReadOnlyList<(string Id, int Offset)> Ids);

public static class SuppressionCommentParser
{
    /// <summary>
    /// Parses a comment's text (starting with '#'); <paramref name="commentStart"/> is its offset in the document,
    /// so each id gets an absolute offset. Returns null for an ordinary comment.
    /// </summary>
    public static SuppressionComment? Parse(string comment, int commentStart = 0)
    {
        // Most comments are prose: skip them before any scanning.
        if (comment.IndexOf("pydocker", StringComparison.OrdinalIgnoreCase) < 0 &&
            comment.IndexOf("hadolint", StringComparison.OrdinalIgnoreCase) < 0) return null;
        int i = 0;
        if (i >= comment.Length || comment[i] != '#') return null;
        i++;
        SkipSpaces(comment, ref i);
        if (TryWord(comment, ref i, "pydocker"))
        {
            SkipSpaces(comment, ref i);
            if (i < comment.Length && comment[i] == ':') i++;
            SkipSpaces(comment, ref i);
            SuppressionKind kind;
            if (TryWord(comment, ref i, "ignore-file")) kind = SuppressionKind.IgnoreFile;
            else if (TryWord(comment, ref i, "ignore")) kind = SuppressionKind.IgnoreNext;
            else return null;
            return ParseIds(comment, i, commentStart, kind);
        }
        if (TryWord(comment, ref i, "hadolint"))
        {
            SkipSpaces(comment, ref i);
            var kind = SuppressionKind.HadolintIgnoreNext;
            if (TryWord(comment, ref i, "global")) { kind = SuppressionKind.HadolintIgnoreFile; SkipSpaces(comment, ref i); }
            if (!TryWord(comment, ref i, "ignore")) return null;
            return ParseIds(comment, i, commentStart, kind);
        }
        return null;
    }

    private static SuppressionComment? ParseIds(string comment, int i, int commentStart, SuppressionKind kind)
    {
        SkipSpaces(comment, ref i);
        if (i >= comment.Length || comment[i] != '=') return null;
        i++;
        var ids = new List<(string, int)>();
        while (i < comment.Length)
        {
            while (i < comment.Length && (comment[i] == ',' || comment[i] == ' ' || comment[i] == '\t')) i++;
            int start = i;
            while (i < comment.Length && (char.IsLetterOrDigit(comment[i]) || comment[i] == '-' || comment[i] == '_')) i++;
            if (i == start) break;
            ids.Add((comment.Substring(start, i - start).ToUpperInvariant(), commentStart + start));
        }
        return ids.Count == 0 ? null : new SuppressionComment(kind, ids);
    }

    private static void SkipSpaces(string s, ref int i)
    {
        while (i < s.Length && (s[i] == ' ' || s[i] == '\t')) i++;
    }

    private static bool TryWord(string s, ref int i, string word)
    {
        if (string.Compare(s, i, word, 0, word.Length, StringComparison.OrdinalIgnoreCase) != 0) return false;
        int end = i + word.Length;
        // The word must end here: "ignore" must not match the start of "ignore-file".
        if (end < s.Length && (char.IsLetterOrDigit(s[end]) || s[end] == '-')) return false;
        i = end;
        return true;
    }
}
