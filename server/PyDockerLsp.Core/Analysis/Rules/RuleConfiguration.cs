using PyDockerLsp.Core.Text;

namespace PyDockerLsp.Core.Analysis.Rules;

/// <summary>Which of two configuration sources wins when both set a rule's severity.</summary>
public enum ConfigurationPrecedence { File, Editor }

/// <summary>
/// The project's own configuration (<c>[tool.pydocker]</c> in the build context's pyproject.toml), already
/// read into plain values with spans, so this class knows nothing of TOML.
/// </summary>
public sealed record FileRuleSettings
{
    public string? Path { get; init; }
    /// <summary>Rule ids, id prefixes ("PD2") or "ALL". When present, only these rules run (opt-in ones included).</summary>
    public IReadOnlyList<(string Value, TextSpan Span)>? Select { get; init; }
    public IReadOnlyList<(string Value, TextSpan Span)> Ignore { get; init; } = Array.Empty<(string, TextSpan)>();
    public IReadOnlyList<(string RuleId, TextSpan KeySpan, string Severity, TextSpan ValueSpan)> Severity { get; init; } = Array.Empty<(string, TextSpan, string, TextSpan)>();
}

/// <summary>A mistake in a configuration source, reported as a diagnostic on the config (never a silent reset).</summary>
public sealed record ConfigurationProblem(string? Path, TextSpan Span, string Message);

/// <summary>
/// Resolves, for every rule, whether it runs and at which severity, from: the rule's default, the editor's
/// <c>pydocker.rules</c> map, and the project's <c>[tool.pydocker]</c>. The project file wins over the editor
/// unless <see cref="ConfigurationPrecedence.Editor"/> is chosen.
/// </summary>
public sealed class RuleConfiguration
{
    private readonly Dictionary<string, Severity?> _effective = new(StringComparer.OrdinalIgnoreCase);

    public IReadOnlyList<ConfigurationProblem> Problems { get; }

    public static readonly RuleConfiguration Default = new(RuleRegistry.Descriptors, null, null, ConfigurationPrecedence.File);

    public RuleConfiguration(
        IEnumerable<RuleDescriptor> rules,
        IReadOnlyDictionary<string, string>? editorSeverities,
        FileRuleSettings? file,
        ConfigurationPrecedence precedence)
    {
        var problems = new List<ConfigurationProblem>();
        var ruleList = rules.ToList();
        var known = new HashSet<string>(ruleList.Select(r => r.Id), StringComparer.OrdinalIgnoreCase);

        // Validate the file's selectors and severities first, so every mistake is reported.
        bool IsKnownSelector(string s) => s.Equals("ALL", StringComparison.OrdinalIgnoreCase) ||
            ruleList.Any(r => r.Id.StartsWith(s, StringComparison.OrdinalIgnoreCase) || r.Name.Equals(s, StringComparison.OrdinalIgnoreCase));
        if (file != null)
        {
            foreach (var (value, span) in (file.Select ?? Array.Empty<(string, TextSpan)>()).Concat(file.Ignore))
                if (!IsKnownSelector(value))
                    problems.Add(new(file.Path, span, $"'{value}' names no PyDocker rule: use a rule id such as PD201, a prefix such as PD2, or ALL."));
            foreach (var (id, keySpan, sev, valueSpan) in file.Severity)
            {
                if (!known.Contains(id) && !ruleList.Any(r => r.Name.Equals(id, StringComparison.OrdinalIgnoreCase)))
                    problems.Add(new(file.Path, keySpan, $"'{id}' names no PyDocker rule."));
                if (!RuleSeverity.TryParse(sev, out _))
                    problems.Add(new(file.Path, valueSpan, $"'{sev}' is not a severity: use one of {string.Join(", ", RuleSeverity.Words)}."));
            }
        }

        foreach (var rule in ruleList)
        {
            Severity? severity = rule.DefaultSeverity;
            bool enabled = !rule.IsOptIn;

            Severity? editorSeverity = null; bool editorOff = false, editorSet = false;
            if (editorSeverities != null && TryGet(editorSeverities, rule, out var word) && RuleSeverity.TryParse(word, out var es))
            { editorSet = true; editorOff = es is null; editorSeverity = es; }

            Severity? fileSeverity = null; bool fileOff = false, fileSet = false;
            if (file != null)
            {
                foreach (var (id, _, sev, _) in file.Severity)
                    if (Matches(rule, id) && RuleSeverity.TryParse(sev, out var fs))
                    { fileSet = true; fileOff = fs is null; fileSeverity = fs; }
            }

            if (file?.Select != null) enabled = file.Select.Any(s => Matches(rule, s.Value));
            if (file != null && file.Ignore.Any(s => Matches(rule, s.Value))) enabled = false;

            // Severities: a severity given for an opt-in rule selects it.
            void ApplyEditor() { if (editorSet) { enabled = !editorOff; if (!editorOff) severity = editorSeverity; } }
            void ApplyFile() { if (fileSet) { enabled = !fileOff; if (!fileOff) severity = fileSeverity; } }
            if (precedence == ConfigurationPrecedence.File) { ApplyEditor(); ApplyFile(); }
            else { ApplyFile(); ApplyEditor(); }

            severity ??= Severity.Information; // an opt-in rule switched on without a severity
            _effective[rule.Id] = enabled ? severity : null;
        }
        Problems = problems;
    }

    /// <summary>The severity a rule reports at, or null when it is off.</summary>
    public Severity? EffectiveSeverity(string ruleId) =>
        _effective.TryGetValue(ruleId, out var s) ? s : null;

    public bool IsEnabled(string ruleId) => EffectiveSeverity(ruleId) != null;

    private static bool TryGet(IReadOnlyDictionary<string, string> map, RuleDescriptor rule, out string word)
    {
        foreach (var (key, value) in map)
            if (key.Equals(rule.Id, StringComparison.OrdinalIgnoreCase) || key.Equals(rule.Name, StringComparison.OrdinalIgnoreCase))
            { word = value; return true; }
        word = "";
        return false;
    }

    private static bool Matches(RuleDescriptor rule, string selector) =>
        selector.Equals("ALL", StringComparison.OrdinalIgnoreCase) ||
        rule.Id.StartsWith(selector, StringComparison.OrdinalIgnoreCase) ||
        rule.Name.Equals(selector, StringComparison.OrdinalIgnoreCase);
}
