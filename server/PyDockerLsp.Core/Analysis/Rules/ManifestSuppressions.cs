using PyDockerLsp.Core.Text;

namespace PyDockerLsp.Core.Analysis.Rules;

/// <summary>
/// The suppression comments of a manifest or .dockerignore (every format here uses <c>#</c> comments):
/// <c># pydocker: ignore=PD805</c> on the line of a finding or on the line above it, and
/// <c># pydocker: ignore-file=PD207</c> anywhere for the whole file. Ids and rule names are both accepted.
/// </summary>
public sealed class ManifestSuppressions
{
    private readonly HashSet<string> _fileIds = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<int, HashSet<string>> _lineIds = new();
    private readonly HashSet<int> _commentOnlyLines = new();

    private ManifestSuppressions() { }

    public static readonly ManifestSuppressions None = new();

    public static ManifestSuppressions Parse(SourceText source)
    {
        var text = source.Text;
        if (text.IndexOf("pydocker", StringComparison.OrdinalIgnoreCase) < 0) return None;
        var result = new ManifestSuppressions();
        int line = 0, start = 0;
        while (start <= text.Length)
        {
            int end = start;
            while (end < text.Length && text[end] is not ('\n' or '\r')) end++;
            result.ReadLine(text, start, end, line);
            if (end >= text.Length) break;
            start = end + (text[end] == '\r' && end + 1 < text.Length && text[end + 1] == '\n' ? 2 : 1);
            line++;
        }
        return result;
    }

    private void ReadLine(string text, int start, int end, int line)
    {
        for (int hash = text.IndexOf('#', start, end - start); hash >= 0; hash = hash + 1 < end ? text.IndexOf('#', hash + 1, end - hash - 1) : -1)
        {
            var comment = SuppressionCommentParser.Parse(text.Substring(hash, end - hash));
            if (comment is null) continue;
            // A comment line (it starts with '#') speaks for the line below it; a trailing comment for its own line.
            bool onlyComment = text.AsSpan(start, end - start).TrimStart().StartsWith("#", StringComparison.Ordinal);
            if (comment.Kind is SuppressionKind.IgnoreFile)
            {
                foreach (var (id, _) in comment.Ids) _fileIds.Add(id);
            }
            else if (comment.Kind is SuppressionKind.IgnoreNext)
            {
                if (!_lineIds.TryGetValue(line, out var ids)) _lineIds[line] = ids = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
                foreach (var (id, _) in comment.Ids) ids.Add(id);
                if (onlyComment) _commentOnlyLines.Add(line);
            }
            return;
        }
    }

    /// <summary>True when a comment silences <paramref name="finding"/>: an ignore-file anywhere, an ignore on its first
    /// line, or an ignore on a comment-only line right above it.</summary>
    public bool IsSuppressed(Finding finding)
    {
        if (_fileIds.Count == 0 && _lineIds.Count == 0) return false;
        if (Names(finding).Any(_fileIds.Contains)) return true;
        int line = finding.Range.Start.Line;
        if (_lineIds.TryGetValue(line, out var same) && Names(finding).Any(same.Contains)) return true;
        return _commentOnlyLines.Contains(line - 1) && _lineIds.TryGetValue(line - 1, out var above) && Names(finding).Any(above.Contains);
    }

    private static IEnumerable<string> Names(Finding finding)
    {
        yield return finding.Code;
        if (finding.RuleName.Length > 0) yield return finding.RuleName;
        if (RuleRegistry.Find(finding.Code) is { } rule)
            foreach (var anchor in rule.HadolintIds) yield return anchor;
    }
}
