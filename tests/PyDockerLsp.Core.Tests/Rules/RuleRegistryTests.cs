using System.Text.RegularExpressions;
using PyDockerLsp.Core.Analysis;
using PyDockerLsp.Core.Analysis.Rules;
using PyDockerLsp.Core.IO;
using PyDockerLsp.Core.Syntax.Dockerfile;
using PyDockerLsp.Core.Text;

namespace PyDockerLsp.Core.Tests.Rules;

/// <summary>Every rule is registered once, named and documented completely; a failing rule never silences the others.</summary>
public class RuleRegistryTests
{
    public static TheoryData<string> RuleIds()
    {
        var data = new TheoryData<string>();
        foreach (var r in RuleRegistry.Descriptors) data.Add(r.Id);
        return data;
    }

    [Fact]
    public void Ids_and_names_are_unique() 
    {
        Assert.Equal(RuleRegistry.Descriptors.Count, RuleRegistry.Descriptors.Select(d => d.Id).Distinct().Count());
        Assert.Equal(RuleRegistry.Descriptors.Count, RuleRegistry.Descriptors.Select(d => d.Name).Distinct().Count());
    }

    [Theory]
    [MemberData(nameof(RuleIds))]
    public void Each_rule_has_a_stable_id_a_kebab_case_name_and_complete_documentation(string id)
    {
        var rule = RuleRegistry.Find(id)!;
        Assert.Matches(new Regex("^PD[1-8][0-9]{2}$"), rule.Id);
        Assert.Matches(new Regex("^[a-z0-9]+(-[a-z0-9]+)*$"), rule.Name);
        var d = rule.Documentation;
        foreach (var text in new[] { d.WhatItDoes, d.WhyItMatters, d.Example, d.UseInstead, d.FixHint, d.FixSafety })
        {
            Assert.False(string.IsNullOrWhiteSpace(text));
            Assert.DoesNotContain("TODO", text, StringComparison.OrdinalIgnoreCase);
        }
        Assert.NotEqual(d.Example.Trim(), d.UseInstead.Trim());
    }

    [Fact]
    public void The_catalogue_lists_every_rule_class_exactly_once()
    {
        var ruleClasses = typeof(RuleRegistry).Assembly.GetTypes()
            .Where(t => !t.IsAbstract && !t.IsInterface && typeof(IRuleMetadata).IsAssignableFrom(t))
            .Select(t => t.FullName!)
            .OrderBy(n => n, StringComparer.Ordinal)
            .ToList();
        var listed = RuleCatalog.Create().Select(r => r.GetType().FullName!).OrderBy(n => n, StringComparer.Ordinal).ToList();
        Assert.True(listed.Count == listed.Distinct().Count(), "A rule is listed twice in RuleCatalog.Create.");
        var missing = ruleClasses.Except(listed).ToList();
        Assert.True(missing.Count == 0, "Add these rule classes to RuleCatalog.Create (server/PyDockerLsp.Core/Analysis/Rules/RuleCatalog.cs): " + string.Join(", ", missing));
        Assert.Equal(ruleClasses, listed);
        Assert.Equal(ruleClasses.Count, RuleRegistry.All.Count);
    }

    [Fact]
    public void Syntax_codes_do_not_collide_with_rule_ids() =>
        Assert.Empty(DockerfileSyntaxCodes.All.Select(c => c.Code).Intersect(RuleRegistry.Descriptors.Select(d => d.Id)));

    private sealed class ThrowingRule : IRule
    {
        public RuleDescriptor Descriptor { get; } = new("PD999", "always-throws", RuleCategory.Correctness, Severity.Error,
            new RuleDocumentation { WhatItDoes = "w", WhyItMatters = "y", Example = "e", UseInstead = "u", FixHint = "f" });
        public void Check(RuleContext context) => throw new InvalidOperationException("boom");
    }

    [Fact]
    public void A_rule_that_throws_is_logged_once_and_the_other_rules_still_report()
    {
        var logged = new List<string>();
        RuleEngine.FailureLog = logged.Add;
        try
        {
            var text = "FROM python:3.12-slim\nCMD python app.py\n";
            var fs = new InMemoryFileSystem().Add("/p/Dockerfile", text);
            var model = new ProjectModel { DockerfilePath = "/p/Dockerfile", Syntax = DockerfileParser.Parse(text), ContextDirectory = "/p", FileSystem = fs };
            var rules = new IRule[] { new ThrowingRule(), RuleEngine.AllRules.Single(r => r.Descriptor.Id == "PD502") };
            var configuration = new RuleConfiguration(rules.Select(r => r.Descriptor), null, null, ConfigurationPrecedence.File);
            for (int i = 0; i < 2; i++)
                Assert.Contains(RuleEngine.Run(model, configuration, rules), f => f.Code == "PD502");
            Assert.Single(logged, l => l.Contains("PD999", StringComparison.Ordinal));
        }
        finally { RuleEngine.FailureLog = null; }
    }
}
