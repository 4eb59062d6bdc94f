using System.Text;

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

    /// <summary>The whole docs/rules.md for a set of rules (generated; a test keeps the checked-in file fresh).</summary>
    public static string MarkdownPage(IEnumerable<RuleDescriptor> rules)
    {
        var list = rules.OrderBy(r => r.Id, StringComparer.Ordinal).ToList();
        var sb = new StringBuilder();
        sb.Append("# PyDocker rules\n\n");
        sb.Append("<!-- Generated from the rules' documentation by `pydocker explain --all --markdown`; do not edit by hand. -->\n\n");
        sb.Append("Each rule has a stable id. Change a rule's severity with the `pydocker.rules` setting or `[tool.pydocker] severity` in pyproject.toml; ");
        sb.Append("silence it for one instruction with `# pydocker: ignore=PDxxx` on the line before, or for a file with `# pydocker: ignore-file=PDxxx` before the first instruction.\n\n");
        sb.Append("| id | name | category | default | fix |\n|---|---|---|---|---|\n");
        foreach (var r in list)
            sb.Append("| [").Append(r.Id).Append("](#").Append(r.DocsAnchor).Append(") | ").Append(r.Name).Append(" | ")
              .Append(CategoryTitle(r.Category)).Append(" | ").Append(DefaultSeverityWord(r)).Append(" | ")
              .Append(r.Documentation.FixSafety.StartsWith("No automatic fix", StringComparison.Ordinal) ? "—" : "yes").Append(" |\n");
        sb.Append('\n');
        foreach (var r in list) sb.Append(MarkdownSection(r));
        return sb.ToString().TrimEnd('\n') + "\n";
    }

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

    private static string Indent(string text) => text.Trim().Replace("\n", "\n  ");
    private static string Block(string code) => string.Join("", code.Trim('\n').Split('\n').Select(l => "    " + l + "\n"));
}
