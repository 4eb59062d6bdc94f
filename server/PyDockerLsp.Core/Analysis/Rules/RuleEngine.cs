using System.Collections.Concurrent;
using PyDockerLsp.Core.Syntax.Dockerfile;
using PyDockerLsp.Core.Text;

namespace PyDockerLsp.Core.Analysis.Rules;

/// <summary>
/// Runs every enabled rule over a <see cref="ProjectModel"/>, then applies what the user said: inline suppressions
/// (<c># pydocker: ignore=…</c>, <c># pydocker: ignore-file=…</c>, hadolint's ignore comments and BuildKit's
/// <c># check=skip=…</c> for the rules that map to them) and the configured severities. Each Dockerfile finding
/// also gets an "Ignore PDxxx for this instruction" fix.
/// </summary>
public static class RuleEngine
{
    private static readonly ConcurrentDictionary<string, bool> FailuresLogged = new(StringComparer.Ordinal);

    /// <summary>Called once per rule that throws (the fronts route it to their log).</summary>
    public static Action<string>? FailureLog { get; set; }

    public static IReadOnlyList<IRule> AllRules => RulesLazy.Value;
    private static readonly Lazy<IReadOnlyList<IRule>> RulesLazy = new(() => RuleRegistry.All.OfType<IRule>().ToList());

    public static IReadOnlyList<Finding> Run(ProjectModel model, RuleConfiguration configuration, CancellationToken cancellation = default) =>
        Run(model, configuration, AllRules, cancellation);

    public static IReadOnlyList<Finding> Run(ProjectModel model, RuleConfiguration configuration, IEnumerable<IRule> rules, CancellationToken cancellation = default)
    {
        var raw = new List<Finding>();
        foreach (var rule in rules)
        {
            cancellation.ThrowIfCancellationRequested();
            var descriptor = rule.Descriptor;
            if (!configuration.IsEnabled(descriptor.Id)) continue;
            var produced = new List<Finding>();
            try
            {
                rule.Check(new RuleContext(model, descriptor, produced, cancellation));
                raw.AddRange(produced);
            }
            catch (OperationCanceledException) { throw; }
            catch (Exception e)
            {
                if (FailuresLogged.TryAdd(descriptor.Id, true))
                    FailureLog?.Invoke($"Rule {descriptor.Id} ({descriptor.Name}) failed on {model.DockerfilePath} and was skipped: {e}");
            }
        }

        var suppressions = Suppressions.For(model.Syntax);
        var result = new List<Finding>(raw.Count);
        foreach (var finding in raw)
        {
            var descriptor = RuleRegistry.Find(finding.Code);
            bool inDockerfile = string.Equals(finding.Path, model.DockerfilePath, StringComparison.Ordinal);
            Instruction? instruction = inDockerfile ? model.Syntax.FindInstructionAt(finding.Span.Start) : null;
            if (descriptor != null && suppressions.IsSuppressed(descriptor, instruction)) continue;

            var severity = configuration.EffectiveSeverity(finding.Code) ?? finding.Severity;
            var adjusted = finding with { Severity = severity };
            if (instruction != null)
                adjusted = adjusted with { Fixes = adjusted.Fixes.Append(IgnoreFix(model, instruction, finding.Code)).ToList() };
            result.Add(adjusted);
        }
        result.Sort(CompareFindings);
        return result;
    }

    private static int CompareFindings(Finding a, Finding b)
    {
        int c = string.CompareOrdinal(a.Path, b.Path);
        if (c != 0) return c;
        c = a.Span.Start.CompareTo(b.Span.Start);
        return c != 0 ? c : string.CompareOrdinal(a.Code, b.Code);
    }

    /// <summary>
    /// "Ignore PDxxx for this instruction": adds the id to the <c># pydocker: ignore=</c> comment right above the
    /// instruction, or inserts such a comment with the instruction's indentation and the file's line ending.
    /// </summary>
    public static Fix IgnoreFix(ProjectModel model, Instruction instruction, string ruleId)
    {
        var owner = instruction.Parent ?? instruction;
        var text = model.Source.Text;
        TextEdit edit;
        var existing = owner.LeadingComments.LastOrDefault(c => SuppressionCommentParser.Parse("#" + c.Text) is { Kind: SuppressionKind.IgnoreNext });
        if (existing != null)
        {
            edit = TextEdit.Insert(existing.Span.End, existing.Text.Contains(ruleId, StringComparison.OrdinalIgnoreCase) ? "" : "," + ruleId);
        }
        else
        {
            int lineStart = owner.KeywordSpan.Start;
            while (lineStart > 0 && text[lineStart - 1] != '\n' && text[lineStart - 1] != '\r') lineStart--;
            var indent = text.Substring(lineStart, owner.KeywordSpan.Start - lineStart);
            if (indent.Trim().Length != 0) indent = "";
            edit = TextEdit.Insert(lineStart, indent + "# pydocker: ignore=" + ruleId + model.Source.PreferredNewLine);
        }
        return new Fix($"Ignore {ruleId} for this instruction", FixSafety.Unsafe,
            new[] { new FileEdit(model.DockerfilePath, new[] { edit }) });
    }

    /// <summary>The suppressions written in one Dockerfile.</summary>
    private sealed class Suppressions
    {
        private readonly HashSet<string> _fileIds = new(StringComparer.OrdinalIgnoreCase);
        private bool _skipAllBuildKitChecks;

        public static Suppressions For(DockerfileSyntax syntax)
        {
            var s = new Suppressions();
            int firstInstruction = syntax.Instructions.Count > 0 ? syntax.Instructions[0].Span.Start : int.MaxValue;
            foreach (var comment in syntax.Comments)
            {
                if (comment.Span.Start > firstInstruction) break;
                var parsed = SuppressionCommentParser.Parse("#" + comment.Text);
                if (parsed is { Kind: SuppressionKind.IgnoreFile or SuppressionKind.HadolintIgnoreFile })
                    foreach (var (id, _) in parsed.Ids) s._fileIds.Add(id);
            }
            // hadolint's global ignore may stand anywhere in the file.
            foreach (var comment in syntax.Comments)
            {
                var parsed = SuppressionCommentParser.Parse("#" + comment.Text);
                if (parsed is { Kind: SuppressionKind.HadolintIgnoreFile })
                    foreach (var (id, _) in parsed.Ids) s._fileIds.Add(id);
            }
            // BuildKit: "# check=skip=JSONArgsRecommended,StageNameCasing" or "# check=skip=all".
            var check = syntax.GetDirective("check");
            if (check != null)
            {
                foreach (var part in check.Value.Split(';'))
                {
                    var kv = part.Trim();
                    if (!kv.StartsWith("skip=", StringComparison.OrdinalIgnoreCase)) continue;
                    foreach (var name in kv.Substring(5).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                    {
                        if (name.Equals("all", StringComparison.OrdinalIgnoreCase)) s._skipAllBuildKitChecks = true;
                        else s._fileIds.Add(name);
                    }
                }
            }
            return s;
        }

        public bool IsSuppressed(RuleDescriptor rule, Instruction? instruction)
        {
            if (Names(rule).Any(_fileIds.Contains)) return true;
            if (_skipAllBuildKitChecks && rule.BuildKitChecks.Count > 0) return true;
            if (instruction == null) return false;
            var owner = instruction.Parent ?? instruction;
            foreach (var comment in owner.LeadingComments)
            {
                var parsed = SuppressionCommentParser.Parse("#" + comment.Text);
                if (parsed is not { Kind: SuppressionKind.IgnoreNext or SuppressionKind.HadolintIgnoreNext }) continue;
                foreach (var (id, _) in parsed.Ids)
                    if (Names(rule).Contains(id, StringComparer.OrdinalIgnoreCase)) return true;
            }
            return false;
        }

        private static IEnumerable<string> Names(RuleDescriptor rule)
        {
            yield return rule.Id;
            yield return rule.Name;
            foreach (var h in rule.HadolintIds) yield return h;
            foreach (var b in rule.BuildKitChecks) yield return b;
        }
    }
}
