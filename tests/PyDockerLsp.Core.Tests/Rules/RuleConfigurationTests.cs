using PyDockerLsp.Core.Analysis;
using PyDockerLsp.Core.Analysis.Rules;
using PyDockerLsp.Core.Text;

namespace PyDockerLsp.Core.Tests.Rules;

/// <summary>Severity resolution: defaults, the editor map, [tool.pydocker] select/ignore/severity, and their precedence.</summary>
public class RuleConfigurationTests
{
    private static RuleDescriptor Rule(string id, string name, Severity? severity) =>
        new(id, name, RuleCategory.BuildSpeed, severity, new RuleDocumentation
        {
            WhatItDoes = "w", WhyItMatters = "y", Example = "e", UseInstead = "u", FixHint = "f",
        });

    private static readonly RuleDescriptor[] Rules =
    {
        Rule("PD201", "install-cache-not-mounted", Severity.Warning),
        Rule("PD202", "cache-mount-defeated", Severity.Information),
        Rule("PD301", "apt-install-recommends", Severity.Information),
        Rule("PD108", "base-image-digest", null), // opt-in
    };

    private static (string, TextSpan) S(string v) => (v, default);

    [Fact]
    public void Defaults_apply_and_opt_in_rules_stay_off()
    {
        var config = new RuleConfiguration(Rules, null, null, ConfigurationPrecedence.File);
        Assert.Equal(Severity.Warning, config.EffectiveSeverity("PD201"));
        Assert.Null(config.EffectiveSeverity("PD108"));
        Assert.Empty(config.Problems);
    }

    [Fact]
    public void Editor_map_changes_severity_turns_rules_off_and_enables_opt_in_rules()
    {
        var editor = new Dictionary<string, string> { ["PD201"] = "error", ["apt-install-recommends"] = "off", ["PD108"] = "hint" };
        var config = new RuleConfiguration(Rules, editor, null, ConfigurationPrecedence.File);
        Assert.Equal(Severity.Error, config.EffectiveSeverity("PD201"));
        Assert.Null(config.EffectiveSeverity("PD301"));
        Assert.Equal(Severity.Hint, config.EffectiveSeverity("PD108"));
    }

    [Fact]
    public void File_select_limits_the_rules_and_ignore_removes_them()
    {
        var file = new FileRuleSettings { Select = new[] { S("PD2"), S("PD108") }, Ignore = new[] { S("PD202") } };
        var config = new RuleConfiguration(Rules, null, file, ConfigurationPrecedence.File);
        Assert.True(config.IsEnabled("PD201"));
        Assert.False(config.IsEnabled("PD202"));
        Assert.False(config.IsEnabled("PD301"));
        Assert.True(config.IsEnabled("PD108"));
    }

    [Theory]
    [InlineData(ConfigurationPrecedence.File, Severity.Hint)]
    [InlineData(ConfigurationPrecedence.Editor, Severity.Error)]
    public void The_file_wins_over_the_editor_unless_told_otherwise(ConfigurationPrecedence precedence, Severity expected)
    {
        var editor = new Dictionary<string, string> { ["PD201"] = "error" };
        var file = new FileRuleSettings { Severity = new[] { ("PD201", default(TextSpan), "hint", default(TextSpan)) } };
        var config = new RuleConfiguration(Rules, editor, file, precedence);
        Assert.Equal(expected, config.EffectiveSeverity("PD201"));
    }

    [Fact]
    public void Mistakes_in_the_file_are_reported_with_their_spans()
    {
        var file = new FileRuleSettings
        {
            Path = "/p/pyproject.toml",
            Ignore = new[] { ("PD999", new TextSpan(10, 7)) },
            Severity = new[] { ("PD201", new TextSpan(20, 5), "loud", new TextSpan(28, 6)) },
        };
        var config = new RuleConfiguration(Rules, null, file, ConfigurationPrecedence.File);
        Assert.Collection(config.Problems,
            p => { Assert.Equal(new TextSpan(10, 7), p.Span); Assert.Contains("PD999", p.Message); },
            p => { Assert.Equal(new TextSpan(28, 6), p.Span); Assert.Contains("loud", p.Message); });
        Assert.Equal(Severity.Warning, config.EffectiveSeverity("PD201")); // a bad value never silently resets
    }
}
