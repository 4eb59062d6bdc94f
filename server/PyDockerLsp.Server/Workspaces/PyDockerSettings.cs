using Newtonsoft.Json.Linq;
using PyDockerLsp.Core.Analysis.Rules;

namespace PyDockerLsp.Server.Workspaces;

/// <summary>
/// The editor's <c>pydocker</c> settings section as the server uses it: <c>pydocker.enable</c> and
/// <c>pydocker.rules</c> (rule id or name → off|hint|info|warning|error), <c>pydocker.scaffold.templatesPath</c> (a folder of
/// user templates that override the bundled ones file by file). Settings the server does not use
/// (server path, trace) are the client's business and are ignored here.
/// </summary>
public sealed class PyDockerSettings : IEquatable<PyDockerSettings>
{
    public static readonly PyDockerSettings Default = new(true, new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase));

    public PyDockerSettings(bool enable, IReadOnlyDictionary<string, string> rules, string buildContext = "",
        ConfigurationPrecedence precedence = ConfigurationPrecedence.File)
    {
        Enable = enable;
        Rules = rules;
        BuildContext = buildContext;
        Precedence = precedence;
    }

    public bool Enable { get; }
    public IReadOnlyDictionary<string, string> Rules { get; }

    /// <summary><c>pydocker.buildContext</c>: the build context of the Dockerfiles, relative to the workspace folder;
    /// empty for automatic (<c>[tool.pydocker] context</c>, else detection, else the Dockerfile's folder).</summary>
    public string BuildContext { get; }

    /// <summary><c>pydocker.configurationPrecedence</c>: whether <c>[tool.pydocker]</c> (file) or <c>pydocker.rules</c>
    /// (editor) wins when both set a rule.</summary>
    public ConfigurationPrecedence Precedence { get; }

    /// <summary><c>pydocker.scaffold.templatesPath</c> as written (absolute, or relative to the workspace folder); "" when unset.
    /// Changing it needs no re-analysis, so it is left out of <see cref="Equals(PyDockerSettings?)"/>.</summary>
    public string ScaffoldTemplatesPath { get; init; } = "";

    /// <summary>Reads the section's JSON (an object, or null when the client has none); wrong types are ignored.</summary>
    public static PyDockerSettings FromJson(JToken? section)
    {
        if (section is not JObject obj) return Default;
        bool enable = obj["enable"] is not JValue { Type: JTokenType.Boolean } flag || (bool)flag;
        var rules = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (obj["rules"] is JObject ruleObject)
        {
            foreach (var property in ruleObject.Properties())
            {
                if (property.Value is JValue { Type: JTokenType.String } value) rules[property.Name] = (string)value!;
            }
        }
        var buildContext = obj["buildContext"] is JValue { Type: JTokenType.String } context ? (string)context! : "";
        var precedence = obj["configurationPrecedence"] is JValue { Type: JTokenType.String } word
                         && string.Equals((string)word!, "editor", StringComparison.OrdinalIgnoreCase)
            ? ConfigurationPrecedence.Editor
            : ConfigurationPrecedence.File;
        var templatesPath = obj["scaffold"] is JObject scaffold && scaffold["templatesPath"] is JValue { Type: JTokenType.String } path
            ? ((string)path!).Trim()
            : "";
        return new PyDockerSettings(enable, rules, buildContext, precedence) { ScaffoldTemplatesPath = templatesPath };
    }

    public bool Equals(PyDockerSettings? other)
    {
        if (other is null) return false;
        if (Enable != other.Enable || Rules.Count != other.Rules.Count || BuildContext != other.BuildContext || Precedence != other.Precedence) return false;
        foreach (var (key, value) in Rules)
        {
            if (!other.Rules.TryGetValue(key, out var otherValue) || !string.Equals(value, otherValue, StringComparison.OrdinalIgnoreCase)) return false;
        }
        return true;
    }

    public override bool Equals(object? obj) => Equals(obj as PyDockerSettings);
    public override int GetHashCode() => HashCode.Combine(Enable, Rules.Count);
}
