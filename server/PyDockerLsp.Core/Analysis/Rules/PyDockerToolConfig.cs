using PyDockerLsp.Core.Python.Manifests;
using PyDockerLsp.Core.Python.Toml;
using PyDockerLsp.Core.Text;

namespace PyDockerLsp.Core.Analysis.Rules;

/// <summary>
/// Reads <c>[tool.pydocker]</c> from a pyproject.toml: <c>select</c> and <c>ignore</c> (arrays of rule ids, prefixes
/// or names), <c>severity</c> (a table rule → off|hint|info|warning|error) and <c>context</c> (the build context,
/// relative to the pyproject's folder). Values of the wrong shape are reported as configuration problems.
/// </summary>
public sealed record PyDockerToolConfig(FileRuleSettings Rules, string? Context, TextSpan? ContextSpan, IReadOnlyList<ConfigurationProblem> Problems)
{
    private static readonly HashSet<string> KnownKeys = new(StringComparer.Ordinal) { "select", "ignore", "severity", "context" };

    public static PyDockerToolConfig? Read(PyProjectFile pyproject, string path)
    {
        var table = pyproject.PyDocker;
        if (table == null) return null;
        var problems = new List<ConfigurationProblem>();
        List<(string, TextSpan)>? select = null;
        var ignore = new List<(string, TextSpan)>();
        var severity = new List<(string, TextSpan, string, TextSpan)>();
        string? context = null;
        TextSpan? contextSpan = null;

        foreach (var entry in table)
        {
            switch (entry.Key)
            {
                case "select": select = ReadIds(entry, path, problems); break;
                case "ignore": ignore = ReadIds(entry, path, problems) ?? ignore; break;
                case "severity":
                    if (entry.Value is TomlTable sev)
                    {
                        foreach (var kv in sev)
                        {
                            if (kv.Value is TomlString s) severity.Add((kv.Key, kv.KeySpan, s.Value, s.Span));
                            else problems.Add(new(path, kv.Value.Span, $"The severity of {kv.Key} must be a string: one of {string.Join(", ", RuleSeverity.Words)}."));
                        }
                    }
                    else problems.Add(new(path, entry.Value.Span, "[tool.pydocker] severity must be a table, e.g. severity = { PD201 = \"error\" }."));
                    break;
                case "context":
                    if (entry.Value is TomlString c) { context = c.Value; contextSpan = c.Span; }
                    else problems.Add(new(path, entry.Value.Span, "[tool.pydocker] context must be a string: a folder relative to this pyproject.toml."));
                    break;
                default:
                    problems.Add(new(path, entry.KeySpan, $"'{entry.Key}' is not a [tool.pydocker] setting: use select, ignore, severity or context."));
                    break;
            }
        }
        var rules = new FileRuleSettings { Path = path, Select = select, Ignore = ignore, Severity = severity };
        return new PyDockerToolConfig(rules, context, contextSpan, problems);
    }

    private static List<(string, TextSpan)>? ReadIds(TomlKeyValue entry, string path, List<ConfigurationProblem> problems)
    {
        if (entry.Value is not TomlArray array)
        {
            problems.Add(new(path, entry.Value.Span, $"[tool.pydocker] {entry.Key} must be an array of rule ids, e.g. [\"PD201\", \"PD3\"]."));
            return null;
        }
        var list = new List<(string, TextSpan)>();
        foreach (var item in array)
        {
            if (item is TomlString s) list.Add((s.Value, s.Span));
            else problems.Add(new(path, item.Span, $"Each entry of {entry.Key} must be a string rule id."));
        }
        return list;
    }
}
