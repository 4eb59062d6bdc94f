using System.CommandLine;
using System.Text;
using PyDockerLsp.Core.Analysis;
using PyDockerLsp.Core.Analysis.Rules;
using PyDockerLsp.Core.Syntax.Dockerfile;

namespace PyDockerLsp.Server.Cli;

/// <summary>
/// <c>pydocker explain PDxxx|name</c>: a rule's (or a syntax code's) documentation as plain text, or as Markdown
/// with <c>--markdown</c>. <c>pydocker explain --all --markdown</c> prints docs/rules.md; with <c>--output FILE</c>
/// it writes the file instead (with '\n' line endings, whatever the platform). Exit code 0, or 2 for an unknown
/// rule, a usage error or a file that cannot be written.
/// </summary>
public static class ExplainCommand
{
    public const int Done = 0;
    public const int UsageOrIoError = 2;

    public static Command Build(TextWriter stdout, TextWriter stderr)
    {
        var command = new Command("explain", "Explain a rule or syntax code (PD201, install-cache-not-mounted, PD004), or all of them.");
        var rule = new Argument<string?>("RULE") { Arity = ArgumentArity.ZeroOrOne, Description = "A rule id or name, or a PD0xx syntax code." };
        var all = new Option<bool>("--all") { Description = "Explain every rule and syntax code." };
        var markdown = new Option<bool>("--markdown") { Description = "Print Markdown (with --all: the whole docs/rules.md page)." };
        var output = new Option<string?>("--output") { Description = "Write to this file instead of printing.", HelpName = "FILE" };
        command.Arguments.Add(rule);
        command.Options.Add(all);
        command.Options.Add(markdown);
        command.Options.Add(output);
        command.SetAction(result => Run(result.GetValue(rule), result.GetValue(all), result.GetValue(markdown), result.GetValue(output), stdout, stderr));
        return command;
    }

    public static int Run(string? rule, bool all, bool markdown, string? output, TextWriter stdout, TextWriter stderr)
    {
        if (all == (rule is not null))
        {
            stderr.WriteLine(all
                ? "pydocker explain: name a rule or use --all, not both."
                : "pydocker explain: name a rule (e.g. PD201 or install-cache-not-mounted), or use --all.");
            return UsageOrIoError;
        }

        string? text = all ? All(markdown) : One(rule!, markdown);
        if (text is null)
        {
            stderr.WriteLine($"pydocker explain: no rule or syntax code is called '{rule}'. Run 'pydocker explain --all' for the list.");
            return UsageOrIoError;
        }

        if (output is null)
        {
            stdout.Write(text);
            return Done;
        }
        try
        {
            var full = Path.GetFullPath(output);
            if (Path.GetDirectoryName(full) is { Length: > 0 } directory) Directory.CreateDirectory(directory);
            File.WriteAllText(full, text, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
            return Done;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            stderr.WriteLine($"pydocker explain: cannot write '{output}': {e.Message}");
            return UsageOrIoError;
        }
    }

    /// <summary>The text for one rule, syntax code or the configuration code; null when nothing has that name.</summary>
    public static string? One(string name, bool markdown)
    {
        var trimmed = name.Trim();
        if (RuleRegistry.Find(trimmed) is { } descriptor)
            return markdown ? RuleDocs.MarkdownSection(descriptor) : RuleDocs.PlainText(descriptor);
        var code = DockerfileSyntaxCodes.Find(trimmed)
            ?? DockerfileSyntaxCodes.All.FirstOrDefault(c => c.Name.Equals(trimmed, StringComparison.OrdinalIgnoreCase));
        if (code is not null) return markdown ? RuleDocs.MarkdownSection(code) : RuleDocs.PlainText(code);
        if (trimmed.Equals(DocumentAnalyzer.ConfigurationCode, StringComparison.OrdinalIgnoreCase)
            || trimmed.Equals(RuleDocs.ConfigurationCodeName, StringComparison.OrdinalIgnoreCase))
            return markdown ? RuleDocs.ConfigurationHover() + "\n" : RuleDocs.ConfigurationPlainText();
        return null;
    }

    /// <summary>Every rule, then every syntax code: the docs page in Markdown, or the plain texts one after another.</summary>
    public static string All(bool markdown)
    {
        if (markdown) return RuleDocs.DocsPage();
        var sb = new StringBuilder();
        foreach (var descriptor in RuleRegistry.Descriptors) sb.Append(RuleDocs.PlainText(descriptor)).Append('\n');
        foreach (var code in DockerfileSyntaxCodes.All) sb.Append(RuleDocs.PlainText(code)).Append('\n');
        sb.Append(RuleDocs.ConfigurationPlainText());
        return sb.ToString();
    }
}
