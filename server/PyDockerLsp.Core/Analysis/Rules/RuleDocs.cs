using System.Text;
using PyDockerLsp.Core.Syntax.Dockerfile;

namespace PyDockerLsp.Core.Analysis.Rules;

/// <summary>
/// Renders a rule's documentation three ways from the one source: a section of docs/rules.md, the Markdown
/// hover on a diagnostic, and the plain text of <c>pydocker explain</c>.
/// </summary>
public static class RuleDocs
{
    /// <summary>Where docs/rules.md is published; diagnostics link here through codeDescription.</summary>
    public const string BaseUrl = "https://github.com/pydocker-lsp/pydocker-lsp/blob/main/docs/rules.md";

    public static string CategoryTitle(RuleCategory c) => c switch
    {
        RuleCategory.Syntax => "syntax",
        RuleCategory.Security => "security",
        RuleCategory.Size => "image size",
        RuleCategory.BuildSpeed => "build speed",
        RuleCategory.Reproducibility => "reproducibility",
        RuleCategory.Correctness => "correctness",
        _ => "runtime",
    };

    public static string DefaultSeverityWord(RuleDescriptor r) => r.DefaultSeverity is { } s ? RuleSeverity.Name(s) : "off (opt-in)";

    /// <summary>The anchors line: "hadolint DL3042 · BuildKit JSONArgsRecommended".</summary>
    public static string AnchorsText(RuleDescriptor r)
    {
        var parts = new List<string>();
        if (r.HadolintIds.Count > 0) parts.Add("hadolint " + string.Join(", ", r.HadolintIds));
        if (r.BuildKitChecks.Count > 0) parts.Add("BuildKit check " + string.Join(", ", r.BuildKitChecks));
        return parts.Count == 0 ? "" : string.Join(" · ", parts);
    }

    /// <summary>The section of docs/rules.md for one rule.</summary>
    public static string MarkdownSection(RuleDescriptor r)
    {
        var d = r.Documentation;
        var sb = new StringBuilder();
        sb.Append("## ").Append(r.Id).Append(' ').Append(r.Name).Append("\n\n");
        sb.Append("Category: ").Append(CategoryTitle(r.Category)).Append(" · Default severity: ").Append(DefaultSeverityWord(r));
        if (r.NeedsManifests) sb.Append(" · Reads the Python project");
        var anchors = AnchorsText(r);
        if (anchors.Length > 0) sb.Append(" · Corresponds to ").Append(anchors);
        sb.Append("\n\n");
        sb.Append("### What it does\n\n").Append(d.WhatItDoes.Trim()).Append("\n\n");
        sb.Append("### Why it matters\n\n").Append(d.WhyItMatters.Trim()).Append("\n\n");
        sb.Append("### Example\n\n```").Append(d.ExampleLanguage).Append('\n').Append(d.Example.Trim('\n')).Append("\n```\n\n");
        sb.Append("### Use instead\n\n```").Append(d.ExampleLanguage).Append('\n').Append(d.UseInstead.Trim('\n')).Append("\n```\n\n");
        sb.Append("### Fix\n\n").Append(d.FixSafety.Trim()).Append("\n\n");
        if (!string.IsNullOrWhiteSpace(d.DifferencesFromAnchors))
            sb.Append("### Differences from ").Append(anchors.Length > 0 ? anchors : "other tools").Append("\n\n").Append(d.DifferencesFromAnchors!.Trim()).Append("\n\n");
        return sb.ToString();
    }

    /// <summary>The command that writes docs/rules.md (a test keeps the checked-in file equal to its output).</summary>
    public const string RegenerateCommand =
        "dotnet run --project server/PyDockerLsp.Server -- explain --all --markdown --output docs/rules.md";

    /// <summary>The whole docs/rules.md: every registered rule, then the syntax codes and the configuration code.</summary>
    public static string DocsPage() => MarkdownPage(RuleRegistry.Descriptors, DockerfileSyntaxCodes.All);

    /// <summary>The whole docs/rules.md for a set of rules, without the syntax codes.</summary>
    public static string MarkdownPage(IEnumerable<RuleDescriptor> rules) => MarkdownPage(rules, Array.Empty<SyntaxCode>());

    /// <summary>The whole docs/rules.md for a set of rules and syntax codes (generated; a test keeps the checked-in file fresh).</summary>
    public static string MarkdownPage(IEnumerable<RuleDescriptor> rules, IEnumerable<SyntaxCode> syntaxCodes)
    {
        var list = rules.OrderBy(r => r.Id, StringComparer.Ordinal).ToList();
        var codes = syntaxCodes.OrderBy(c => c.Code, StringComparer.Ordinal).ToList();
        var sb = new StringBuilder();
        sb.Append("# PyDocker rules\n\n");
        sb.Append("<!-- Generated from the rules' documentation by `pydocker explain --all --markdown`; do not edit by hand. ");
        sb.Append("Regenerate: ").Append(RegenerateCommand).Append(" -->\n\n");
        sb.Append("Each rule has a stable id. Change a rule's severity with the `pydocker.rules` setting or `[tool.pydocker] severity` in pyproject.toml; ");
        sb.Append("silence it for one instruction with `# pydocker: ignore=PDxxx` on the line before, or for a file with `# pydocker: ignore-file=PDxxx` before the first instruction.\n\n");
        sb.Append("| id | name | category | default | fix |\n|---|---|---|---|---|\n");
        foreach (var r in list)
            sb.Append("| [").Append(r.Id).Append("](#").Append(r.DocsAnchor).Append(") | ").Append(r.Name).Append(" | ")
              .Append(CategoryTitle(r.Category)).Append(" | ").Append(DefaultSeverityWord(r)).Append(" | ")
              .Append(r.Documentation.FixSafety.StartsWith("No automatic fix", StringComparison.Ordinal) ? "—" : "yes").Append(" |\n");
        sb.Append('\n');
        foreach (var r in list) sb.Append(MarkdownSection(r));
        if (codes.Count > 0)
        {
            sb.Append("## Syntax codes\n\n");
            sb.Append("The parser reports what BuildKit would refuse (or silently ignore) with the codes below. They cannot be ");
            sb.Append("switched off in `[tool.pydocker]`, but their severity can be changed like a rule's.\n\n");
            sb.Append("| id | name | severity | summary |\n|---|---|---|---|\n");
            foreach (var c in codes)
                sb.Append("| [").Append(c.Code).Append("](#").Append(c.DocsAnchor).Append(") | ").Append(c.Name).Append(" | ")
                  .Append(RuleSeverity.Name(c.Severity)).Append(" | ").Append(c.Summary.Replace("|", "\\|")).Append(" |\n");
            sb.Append('\n');
            foreach (var c in codes) sb.Append(MarkdownSection(c));
            sb.Append("## Configuration\n\n");
            sb.Append("### ").Append(DocumentAnalyzer.ConfigurationCode).Append(' ').Append(ConfigurationCodeName).Append("\n\n");
            sb.Append(ConfigurationDocumentation).Append("\n\n");
        }
        return sb.ToString().TrimEnd('\n') + "\n";
    }

    /// <summary>The section of docs/rules.md for one syntax code (a level-3 heading under "Syntax codes").</summary>
    public static string MarkdownSection(SyntaxCode c)
    {
        var sb = new StringBuilder();
        sb.Append("### ").Append(c.Code).Append(' ').Append(c.Name).Append("\n\n");
        sb.Append("Severity: ").Append(RuleSeverity.Name(c.Severity)).Append(" · ").Append(RejectedByText(c.RejectedBy)).Append("\n\n");
        sb.Append(c.Summary.Trim()).Append("\n\n");
        sb.Append(c.Documentation.Trim()).Append("\n\n");
        return sb.ToString();
    }

    /// <summary>The kebab-case name of the configuration code (<see cref="DocumentAnalyzer.ConfigurationCode"/>).</summary>
    public const string ConfigurationCodeName = "invalid-configuration";

    public static string ConfigurationDocsUrl => BaseUrl + "#" + (DocumentAnalyzer.ConfigurationCode + "-" + ConfigurationCodeName).ToLowerInvariant();

    private const string ConfigurationDocumentation =
        "Reported on the `[tool.pydocker]` table of pyproject.toml when it holds something PyDocker cannot use: an unknown "
        + "key, a rule id or name that does not exist, a severity other than off, hint, info, warning or error, or a value "
        + "of the wrong type. The rest of the table still applies; fix the marked entry to make it count.";

    /// <summary>What a syntax code means for the build, in words.</summary>
    public static string RejectedByText(BuildKitLayer layer) => layer switch
    {
        BuildKitLayer.Parser => "BuildKit cannot parse the file",
        BuildKitLayer.Instructions => "BuildKit rejects the instruction",
        BuildKitLayer.Build => "BuildKit cannot plan the build",
        _ => "BuildKit accepts the file but ignores or warns about this",
    };

    /// <summary>The hover on a diagnostic: title with id, the finding's message, why, the better form, the fix hint.</summary>
    public static string Hover(RuleDescriptor r, string? findingMessage = null)
    {
        var d = r.Documentation;
        var sb = new StringBuilder();
        sb.Append("**").Append(r.Id).Append("** `").Append(r.Name).Append("` — ").Append(CategoryTitle(r.Category)).Append("\n\n");
        if (!string.IsNullOrWhiteSpace(findingMessage)) sb.Append(findingMessage!.Trim()).Append("\n\n");
        sb.Append(d.WhyItMatters.Trim()).Append("\n\n");
        sb.Append("Better:\n\n```").Append(d.ExampleLanguage).Append('\n').Append(d.UseInstead.Trim('\n')).Append("\n```\n\n");
        sb.Append("*Fix:* ").Append(d.FixHint.Trim()).Append("  \n");
        sb.Append("[Rule documentation](").Append(r.DocsUrl).Append(")");
        var anchors = AnchorsText(r);
        if (anchors.Length > 0) sb.Append(" · ").Append(anchors);
        return sb.ToString();
    }

    /// <summary>Plain text for the terminal (<c>pydocker explain PD201</c>).</summary>
    public static string PlainText(RuleDescriptor r)
    {
        var d = r.Documentation;
        var sb = new StringBuilder();
        sb.Append(r.Id).Append(' ').Append(r.Name).Append('\n');
        sb.Append("category: ").Append(CategoryTitle(r.Category)).Append("; default severity: ").Append(DefaultSeverityWord(r));
        var anchors = AnchorsText(r);
        if (anchors.Length > 0) sb.Append("; corresponds to ").Append(anchors);
        sb.Append("\n\nWhat it does\n  ").Append(Indent(d.WhatItDoes)).Append("\n\nWhy it matters\n  ").Append(Indent(d.WhyItMatters));
        sb.Append("\n\nExample\n").Append(Block(d.Example)).Append("\nUse instead\n").Append(Block(d.UseInstead));
        sb.Append("\nFix\n  ").Append(Indent(d.FixSafety)).Append('\n');
        if (!string.IsNullOrWhiteSpace(d.DifferencesFromAnchors)) sb.Append("\nDifferences\n  ").Append(Indent(d.DifferencesFromAnchors!)).Append('\n');
        return sb.ToString();
    }

    /// <summary>The hover on a syntax diagnostic: title with the code, the finding's message, the documentation.</summary>
    public static string Hover(SyntaxCode c, string? findingMessage = null)
    {
        var sb = new StringBuilder();
        sb.Append("**").Append(c.Code).Append("** `").Append(c.Name).Append("` — syntax\n\n");
        if (!string.IsNullOrWhiteSpace(findingMessage)) sb.Append(findingMessage!.Trim()).Append("\n\n");
        sb.Append(c.Documentation.Trim()).Append("\n\n");
        sb.Append("[Documentation](").Append(c.DocsUrl).Append(")");
        return sb.ToString();
    }

    /// <summary>The hover on a configuration diagnostic.</summary>
    public static string ConfigurationHover(string? findingMessage = null)
    {
        var sb = new StringBuilder();
        sb.Append("**").Append(DocumentAnalyzer.ConfigurationCode).Append("** `").Append(ConfigurationCodeName).Append("` — configuration\n\n");
        if (!string.IsNullOrWhiteSpace(findingMessage)) sb.Append(findingMessage!.Trim()).Append("\n\n");
        sb.Append(ConfigurationDocumentation).Append("\n\n");
        sb.Append("[Documentation](").Append(ConfigurationDocsUrl).Append(")");
        return sb.ToString();
    }

    /// <summary>Plain text for the terminal (<c>pydocker explain PD004</c>).</summary>
    public static string PlainText(SyntaxCode c)
    {
        var sb = new StringBuilder();
        sb.Append(c.Code).Append(' ').Append(c.Name).Append('\n');
        sb.Append("syntax; severity: ").Append(RuleSeverity.Name(c.Severity)).Append("; ").Append(RejectedByText(c.RejectedBy)).Append('\n');
        sb.Append("\nWhat it means\n  ").Append(Indent(c.Summary)).Append("\n\nDetails\n  ").Append(Indent(c.Documentation)).Append('\n');
        return sb.ToString();
    }

    /// <summary>Plain text for the configuration code (<c>pydocker explain PD800</c>).</summary>
    public static string ConfigurationPlainText() =>
        DocumentAnalyzer.ConfigurationCode + " " + ConfigurationCodeName + "\nconfiguration; severity: error\n\nWhat it means\n  "
        + Indent(ConfigurationDocumentation) + "\n";

    private static string Indent(string text) => text.Trim().Replace("\n", "\n  ");
    private static string Block(string code) => string.Join("", code.Trim('\n').Split('\n').Select(l => "    " + l + "\n"));
}
