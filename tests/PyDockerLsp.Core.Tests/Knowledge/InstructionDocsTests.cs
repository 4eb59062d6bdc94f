using PyDockerLsp.Core.Features.Knowledge;

namespace PyDockerLsp.Core.Tests.Knowledge;

public class InstructionDocsTests
{
    /// <summary>The instructions of the Dockerfile reference, written out independently of the implementation.</summary>
    private static readonly string[] Keywords =
    {
        "FROM", "RUN", "CMD", "LABEL", "MAINTAINER", "EXPOSE", "ENV", "ADD", "COPY",
        "ENTRYPOINT", "VOLUME", "USER", "WORKDIR", "ARG", "ONBUILD", "STOPSIGNAL", "HEALTHCHECK", "SHELL",
    };

    public static TheoryData<string> DockerfileInstructions => new(Keywords);

    [Theory]
    [MemberData(nameof(DockerfileInstructions))]
    public void Every_instruction_has_complete_documentation(string keyword)
    {
        var doc = InstructionDocs.Find(keyword);

        Assert.NotNull(doc);
        Assert.Equal(keyword, doc.Keyword);
        DocText.AssertOneLine(doc.Summary, keyword + " summary");
        Assert.NotEmpty(doc.Syntax);
        Assert.All(doc.Syntax, form => DocText.AssertOneLine(form, keyword + " syntax"));
        Assert.All(doc.Syntax, form => Assert.StartsWith(keyword, form));
        DocText.AssertText(doc.Description, keyword + " description");
        DocText.AssertText(doc.PythonAdvice, keyword + " Python advice");
        DocText.AssertExample(doc.Example, keyword + " example");
        DocText.AssertHover(doc.ToMarkdown());
    }

    [Fact]
    public void There_is_no_documentation_for_anything_else() =>
        Assert.Equal(Keywords.Order(), InstructionDocs.Keywords.Order());

    [Theory]
    [InlineData("copy")]
    [InlineData("Copy")]
    [InlineData(" COPY ")]
    public void Lookup_ignores_case_like_the_Dockerfile_does(string written)
    {
        Assert.Equal("COPY", InstructionDocs.Find(written)?.Keyword);
        Assert.True(InstructionDocs.IsInstruction(written));
    }

    [Theory]
    [InlineData("COPYX")]
    [InlineData("")]
    [InlineData("AS")]
    [InlineData("--from")]
    public void Unknown_words_have_no_documentation(string word)
    {
        Assert.Null(InstructionDocs.Find(word));
        Assert.False(InstructionDocs.IsInstruction(word));
    }

    [Theory]
    [InlineData("COPY", "first, install")]               // manifests first
    [InlineData("COPY", "--chown")]
    [InlineData("COPY", "--from")]
    [InlineData("RUN", "/root/.cache/pip")]
    [InlineData("RUN", "/root/.cache/uv")]
    [InlineData("RUN", "/root/.cache/pypoetry")]
    [InlineData("RUN", "bind-mount")]
    [InlineData("CMD", "exec form")]
    [InlineData("CMD", "SIGTERM")]
    [InlineData("ENTRYPOINT", "exec \"$@\"")]
    [InlineData("USER", "non-root")]
    [InlineData("USER", "fixed ids")]
    [InlineData("HEALTHCHECK", "urllib")]
    [InlineData("ENV", "PYTHONDONTWRITEBYTECODE")]
    [InlineData("ENV", "PYTHONUNBUFFERED")]
    [InlineData("FROM", "slim")]
    [InlineData("EXPOSE", "0.0.0.0")]
    [InlineData("ARG", "secret")]
    public void Hovers_carry_the_Python_advice(string keyword, string advice) =>
        Assert.Contains(advice, InstructionDocs.Find(keyword)!.ToMarkdown());

    [Fact]
    public void Markdown_has_title_syntax_description_advice_and_example_in_that_order()
    {
        var markdown = InstructionDocs.Find("WORKDIR")!.ToMarkdown();

        Assert.Equal(
            "**`WORKDIR`** — Sets the working directory for the following instructions and the container, creating it if needed.\n"
            + "`WORKDIR <path>`\n\n"
            + InstructionDocs.Find("WORKDIR")!.Description + "\n\n"
            + "**Python:** " + InstructionDocs.Find("WORKDIR")!.PythonAdvice + "\n\n"
            + "```dockerfile\nWORKDIR /app\n```",
            markdown);
    }
}
