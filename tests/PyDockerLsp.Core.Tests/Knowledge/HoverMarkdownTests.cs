using PyDockerLsp.Core.Features.Knowledge;

namespace PyDockerLsp.Core.Tests.Knowledge;

public class HoverMarkdownTests
{
    [Theory]
    [InlineData("COPY", "`COPY`")]
    [InlineData("a`b", "``a`b``")]
    [InlineData("`x`", "`` `x` ``")]
    [InlineData("a``b", "```a``b```")]
    public void InlineCode_uses_a_fence_longer_than_any_backtick_run(string text, string expected) =>
        Assert.Equal(expected, HoverMarkdown.InlineCode(text));

    [Fact]
    public void CodeBlock_is_fenced_as_dockerfile_by_default()
    {
        Assert.Equal("```dockerfile\nWORKDIR /app\n```", HoverMarkdown.CodeBlock("WORKDIR /app\n"));
        Assert.Equal("````text\na ``` b\n````", HoverMarkdown.CodeBlock("a ``` b", "text"));
    }

    [Fact]
    public void TitleLine_and_Labeled_have_one_fixed_shape()
    {
        Assert.Equal("**`RUN --mount`** — Mounts things.", HoverMarkdown.TitleLine("RUN --mount", "Mounts things."));
        Assert.Equal("**`target`** (cache mount) — Where.", HoverMarkdown.TitleLine("target", "Where.", "cache mount"));
        Assert.Equal("**Python:** Use a venv.", HoverMarkdown.Labeled("Python", "Use a venv."));
    }

    [Fact]
    public void Join_separates_blocks_by_one_blank_line_and_skips_empty_ones() =>
        Assert.Equal("a\n\nb\n\nc", HoverMarkdown.Join("a\n", null, "", "  ", "b", "\nc"));

    [Fact]
    public void The_caller_adds_the_Learn_more_line() =>
        Assert.Equal(
            "**`X`** — y\n\nLearn more: [PD201](https://example.com/rules#pd201)",
            HoverMarkdown.AppendLearnMore("**`X`** — y", "PD201", "https://example.com/rules#pd201"));
}
