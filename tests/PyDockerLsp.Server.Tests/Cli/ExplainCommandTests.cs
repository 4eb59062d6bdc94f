using PyDockerLsp.Core.Analysis.Rules;
using PyDockerLsp.Core.Syntax.Dockerfile;
using PyDockerLsp.Server.Cli;

namespace PyDockerLsp.Server.Tests.Cli;

/// <summary><c>pydocker explain</c>: one rule or syntax code in plain text or Markdown, the whole docs page, the file.</summary>
public sealed class ExplainCommandTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("pydocker-explain-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static (int Code, string Out, string Err) Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int code = CommandLine.Run(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    /// <summary>arguments, the text expected on stdout.</summary>
    public static TheoryData<string[], string> Explanations => new()
    {
        { new[] { "explain", "PD502" }, RuleDocs.PlainText(RuleRegistry.Find("PD502")!) },
        { new[] { "explain", "pd502" }, RuleDocs.PlainText(RuleRegistry.Find("PD502")!) },
        { new[] { "explain", "shell-form-command" }, RuleDocs.PlainText(RuleRegistry.Find("PD502")!) },
        { new[] { "explain", "PD502", "--markdown" }, RuleDocs.MarkdownSection(RuleRegistry.Find("PD502")!) },
        { new[] { "explain", "PD004" }, RuleDocs.PlainText(DockerfileSyntaxCodes.UnterminatedHeredoc) },
        { new[] { "explain", "unterminated-heredoc", "--markdown" }, RuleDocs.MarkdownSection(DockerfileSyntaxCodes.UnterminatedHeredoc) },
        { new[] { "explain", "PD800" }, RuleDocs.ConfigurationPlainText() },
        { new[] { "explain", "--all", "--markdown" }, RuleDocs.DocsPage() },
    };

    [Theory]
    [MemberData(nameof(Explanations))]
    public void Explain_prints_the_documentation(string[] args, string expected)
    {
        var (code, output, error) = Run(args);
        Assert.Equal((0, ""), (code, error));
        Assert.Equal(expected, output);
    }

    [Fact]
    public void Explain_all_in_plain_text_lists_every_rule_and_syntax_code()
    {
        var (code, output, _) = Run("explain", "--all");
        Assert.Equal(0, code);
        foreach (var rule in RuleRegistry.Descriptors) Assert.Contains(rule.Id + " " + rule.Name + "\n", output);
        foreach (var syntaxCode in DockerfileSyntaxCodes.All) Assert.Contains(syntaxCode.Code + " " + syntaxCode.Name + "\n", output);
    }

    [Fact]
    public void Explain_writes_the_docs_page_to_a_file_with_unix_line_endings()
    {
        var path = Path.Combine(_folder, "docs", "rules.md");
        var (code, output, _) = Run("explain", "--all", "--markdown", "--output", path);
        Assert.Equal((0, ""), (code, output));
        var bytes = File.ReadAllBytes(path);
        Assert.Equal(RuleDocs.DocsPage(), System.Text.Encoding.UTF8.GetString(bytes));
        Assert.NotEqual(0xEF, bytes[0]);
    }

    /// <summary>arguments, a part of the message on stderr.</summary>
    public static TheoryData<string[], string> Mistakes => new()
    {
        { new[] { "explain" }, "name a rule" },
        { new[] { "explain", "PD502", "--all" }, "not both" },
        { new[] { "explain", "PD998" }, "no rule or syntax code is called 'PD998'" },
    };

    [Theory]
    [MemberData(nameof(Mistakes))]
    public void Explain_refuses_with_exit_code_2(string[] args, string message)
    {
        var (code, output, error) = Run(args);
        Assert.Equal((2, ""), (code, output));
        Assert.Contains(message, error);
    }

    [Fact]
    public void An_unwritable_output_is_an_error_not_a_crash()
    {
        var blocker = Path.Combine(_folder, "file");
        File.WriteAllText(blocker, "");
        var (code, _, error) = Run("explain", "--all", "--markdown", "--output", Path.Combine(blocker, "rules.md"));
        Assert.Equal(2, code);
        Assert.Contains("cannot write", error);
    }
}
