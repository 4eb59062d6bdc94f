using System.Text;
using System.Text.Json;
using PyDockerLsp.Core.Tests.Rules.Support;
using PyDockerLsp.Core.Tests.Support;

namespace PyDockerLsp.Core.Tests.Rules.OsPackages;

/// <summary>
/// hadolint's own expectations for one of its rules (read from the conformance table of its test specs), run
/// through the PyDocker rule that maps to it. Used by the agreement tests of the PD3xx and PD4xx rules.
/// </summary>
public static class HadolintAgreement
{
    /// <summary>One case: the snippet, whether hadolint expects a violation and, if it says so, how many.</summary>
    public sealed record Case(string Id, string Dockerfile, bool ExpectsViolation, int? Count, bool Onbuild, bool NeedsConfiguration)
    {
        /// <summary>False for a snippet without FROM: it has no stages, so stage-aware rules cannot be compared on it.</summary>
        public bool HasFrom => Dockerfile.Split('\n').Any(l => l.TrimStart().StartsWith("FROM ", StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>The result of running one hadolint rule's cases.</summary>
    public sealed record Result(int Agreeing, int Total, IReadOnlyList<string> Disagreements, int Skipped)
    {
        public string Summary(string hadolintRule, string ruleId) =>
            $"{ruleId} vs {hadolintRule}: {Agreeing}/{Total} cases agree" + (Skipped > 0 ? $" ({Skipped} not comparable, skipped)" : "")
            + (Disagreements.Count > 0 ? "\n  differ: " + string.Join("\n  differ: ", Disagreements) : "");
    }

    public static IReadOnlyList<Case> CasesOf(string hadolintRule)
    {
        var path = TestPaths.Conformance("hadolint-rules", "cases.jsonl");
        var cases = new List<Case>();
        foreach (var line in File.ReadLines(path))
        {
            if (line.Length == 0) continue;
            using var json = JsonDocument.Parse(line);
            var root = json.RootElement;
            if (root.GetProperty("rule").GetString() != hadolintRule) continue;
            var count = root.GetProperty("count");
            cases.Add(new Case(
                root.GetProperty("id").GetString()!,
                root.GetProperty("dockerfile").GetString()!,
                root.GetProperty("expect").GetString() == "violation",
                count.ValueKind == JsonValueKind.Number ? count.GetInt32() : null,
                root.GetProperty("onbuild").GetBoolean(),
                root.GetProperty("config").ValueKind != JsonValueKind.Null));
        }
        return cases;
    }

    /// <summary>The snippet as hadolint lints it: one line break appended, and for ONBUILD variants every RUN
    /// written as <c>ONBUILD RUN</c>.</summary>
    public static string TextOf(Case c)
    {
        var text = c.Dockerfile + "\n";
        if (!c.Onbuild) return text;
        var sb = new StringBuilder();
        foreach (var line in text.Split('\n'))
        {
            if (sb.Length > 0) sb.Append('\n');
            var trimmed = line.TrimStart();
            sb.Append(trimmed.StartsWith("RUN ", StringComparison.OrdinalIgnoreCase) ? line[..(line.Length - trimmed.Length)] + "ONBUILD " + trimmed : line);
        }
        return sb.ToString();
    }

    /// <summary>Runs <paramref name="ruleId"/> on every case of <paramref name="hadolintRule"/> that
    /// <paramref name="comparable"/> accepts (all by default; cases that need a hadolint configuration are skipped).</summary>
    public static Result Measure(string hadolintRule, string ruleId, Func<Case, bool>? comparable = null)
    {
        int agreeing = 0, total = 0, skipped = 0;
        var disagreements = new List<string>();
        foreach (var c in CasesOf(hadolintRule))
        {
            if (c.NeedsConfiguration || (comparable is not null && !comparable(c))) { skipped++; continue; }
            total++;
            int found = RuleFixture.Dockerfile(TextOf(c)).Run(ruleId).Count;
            bool agrees = c.ExpectsViolation ? found > 0 && (c.Count is null || c.Count == found) : found == 0;
            if (agrees) agreeing++;
            else disagreements.Add($"{c.Id} expects {(c.ExpectsViolation ? "violation" + (c.Count is null ? "" : " x" + c.Count) : "none")}, {ruleId} found {found}: {c.Dockerfile.Replace("\n", "\\n")}");
        }
        return new Result(agreeing, total, disagreements, skipped);
    }
}
