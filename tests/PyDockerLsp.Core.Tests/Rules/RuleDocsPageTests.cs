using System.Text.RegularExpressions;
using PyDockerLsp.Core.Analysis;
using PyDockerLsp.Core.Analysis.Rules;
using PyDockerLsp.Core.Syntax.Dockerfile;
using PyDockerLsp.Core.Tests.Support;

namespace PyDockerLsp.Core.Tests.Rules;

/// <summary>docs/rules.md is generated from the rules' documentation and the syntax codes, and kept fresh.</summary>
public class RuleDocsPageTests
{
    private static readonly Regex Heading = new(@"^#{2,3} (PD\d{3}) ([a-z0-9-]+)$", RegexOptions.Multiline | RegexOptions.CultureInvariant);

    [Fact]
    public void The_checked_in_docs_rules_md_is_the_generated_page()
    {
        var path = Path.Combine(TestPaths.RepoRoot, "docs", "rules.md");
        Assert.True(File.Exists(path), $"docs/rules.md is missing. Generate it with:\n  {RuleDocs.RegenerateCommand}");
        var checkedIn = File.ReadAllText(path).Replace("\r\n", "\n");
        var generated = RuleDocs.DocsPage();
        if (checkedIn != generated)
        {
            var checkedLines = checkedIn.Split('\n');
            var generatedLines = generated.Split('\n');
            int line = 0;
            while (line < checkedLines.Length && line < generatedLines.Length && checkedLines[line] == generatedLines[line]) line++;
            Assert.Fail($"docs/rules.md is stale (first difference at line {line + 1}: "
                + $"checked in «{(line < checkedLines.Length ? checkedLines[line] : "<end>")}», "
                + $"generated «{(line < generatedLines.Length ? generatedLines[line] : "<end>")}»).\n"
                + $"Regenerate it from the repository root with:\n  {RuleDocs.RegenerateCommand}");
        }
    }

    [Fact]
    public void Every_rule_syntax_code_and_the_configuration_code_has_a_section_under_its_anchor()
    {
        var page = RuleDocs.DocsPage();
        var anchors = Heading.Matches(page).Select(m => (m.Groups[1].Value + "-" + m.Groups[2].Value).ToLowerInvariant()).ToList();
        Assert.Equal(anchors.Distinct().Count(), anchors.Count);
        var expected = RuleRegistry.Descriptors.Select(r => r.DocsAnchor)
            .Concat(DockerfileSyntaxCodes.All.Select(c => c.DocsAnchor))
            .Append((DocumentAnalyzer.ConfigurationCode + "-" + RuleDocs.ConfigurationCodeName).ToLowerInvariant())
            .OrderBy(a => a, StringComparer.Ordinal);
        Assert.Equal(expected, anchors.OrderBy(a => a, StringComparer.Ordinal));
    }

    [Fact]
    public void Documentation_urls_point_at_the_sections()
    {
        foreach (var code in DockerfileSyntaxCodes.All)
            Assert.Equal(RuleDocs.BaseUrl + "#" + code.Code.ToLowerInvariant() + "-" + code.Name, code.DocsUrl);
        Assert.EndsWith("#pd800-invalid-configuration", RuleDocs.ConfigurationDocsUrl);
        foreach (var rule in RuleRegistry.Descriptors)
            Assert.EndsWith("#" + rule.Id.ToLowerInvariant() + "-" + rule.Name, rule.DocsUrl);
    }

    [Fact]
    public void Syntax_findings_carry_their_documentation_url()
    {
        var syntax = DockerfileParser.Parse("RUNN x\n");
        var finding = syntax.Errors.Select(e => e.ToFinding("/p/Dockerfile", syntax.Source)).First(f => f.Code == "PD001");
        Assert.Equal(DockerfileSyntaxCodes.UnknownInstruction.DocsUrl, finding.DocumentationUrl);
    }

    [Fact]
    public void A_syntax_code_explains_itself_in_plain_text()
    {
        var text = RuleDocs.PlainText(DockerfileSyntaxCodes.UnterminatedHeredoc);
        Assert.StartsWith("PD004 unterminated-heredoc\nsyntax; severity: error; BuildKit cannot parse the file\n", text);
        Assert.Contains(DockerfileSyntaxCodes.UnterminatedHeredoc.Summary, text);
        Assert.DoesNotContain("`**", text);
    }

    [Fact]
    public void The_summary_table_lists_every_rule_and_syntax_code_with_a_link()
    {
        var page = RuleDocs.DocsPage();
        foreach (var rule in RuleRegistry.Descriptors) Assert.Contains($"| [{rule.Id}](#{rule.DocsAnchor}) | {rule.Name} |", page);
        foreach (var code in DockerfileSyntaxCodes.All) Assert.Contains($"| [{code.Code}](#{code.DocsAnchor}) | {code.Name} |", page);
    }
}
