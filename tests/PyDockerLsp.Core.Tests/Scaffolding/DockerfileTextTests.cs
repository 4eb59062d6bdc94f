using PyDockerLsp.Core.Scaffolding;

namespace PyDockerLsp.Core.Tests.Scaffolding;

public class DockerfileTextTests
{
    [Fact]
    public void Instructions_span_their_continuation_lines_and_skip_comments_inside_them()
    {
        var dockerfile = DockerfileText.Parse("FROM python:3.12-slim\n# install\nRUN apt-get update \\\n    # a comment inside\n\n    && apt-get install -y gcc\nCMD [\"python\"]\n");
        Assert.Equal(new[] { "FROM", "RUN", "CMD" }, dockerfile.Instructions.Select(i => i.Keyword));
        var run = dockerfile.Instructions[1];
        Assert.Equal((1, 2, 5), (run.CommentStartLine, run.StartLine, run.EndLine));
        Assert.Equal("apt-get update     && apt-get install -y gcc", run.Arguments);
    }

    [Fact]
    public void Heredoc_bodies_belong_to_their_instruction()
    {
        var dockerfile = DockerfileText.Parse("FROM x\nRUN <<EOF\nFROM not-an-instruction\nEOF\nCOPY <<-'CONF' /etc/app.conf\n\tkey=1\n\tCONF\nCMD [\"a\"]\n");
        Assert.Equal(new[] { "FROM", "RUN", "COPY", "CMD" }, dockerfile.Instructions.Select(i => i.Keyword));
        Assert.Equal((1, 3), (dockerfile.Instructions[1].StartLine, dockerfile.Instructions[1].EndLine));
        Assert.Equal("FROM not-an-instruction\nEOF", dockerfile.Instructions[1].Heredocs);
        Assert.Equal((4, 6), (dockerfile.Instructions[2].StartLine, dockerfile.Instructions[2].EndLine));
        Assert.Single(dockerfile.Stages);
    }

    [Fact]
    public void Directives_line_endings_and_the_escape_character_are_read()
    {
        var dockerfile = DockerfileText.Parse("# syntax=docker/dockerfile:1\r\n# escape=`\r\nFROM x\r\nRUN a `\r\n  b\r\n");
        Assert.Equal(2, dockerfile.DirectiveLineCount);
        Assert.Equal('`', dockerfile.EscapeChar);
        Assert.Equal("\r\n", dockerfile.LineEnding);
        Assert.True(dockerfile.EndsWithLineBreak);
        Assert.Equal("a   b", dockerfile.Instructions[1].Arguments);
    }

    [Fact]
    public void Stages_know_their_names_images_and_instructions()
    {
        var dockerfile = DockerfileText.Parse("ARG V=3.12\nFROM --platform=$BUILDPLATFORM python:${V}-slim AS Builder\nRUN x\nFROM builder\nCMD [\"y\"]\n");
        Assert.Equal(2, dockerfile.Stages.Count);
        Assert.Equal(("Builder", "python:${V}-slim"), (dockerfile.Stages[0].Name, dockerfile.Stages[0].BaseImage));
        Assert.Equal(new[] { 1, 2 }, dockerfile.Stages[0].InstructionIndices);
        Assert.Same(dockerfile.Stages[0], dockerfile.StageNamed("builder"));
        Assert.Same(dockerfile.Stages[1], dockerfile.StageNamed("1"));
        Assert.Equal("$BUILDPLATFORM", dockerfile.Instructions[1].Flag("platform"));
    }

    public static IEnumerable<object[]> ExecForms() => new[]
    {
        new object[] { "CMD [\"gunicorn\", \"-b\", \"0.0.0.0:8000\"]", new[] { "gunicorn", "-b", "0.0.0.0:8000" } },
        new object[] { "CMD [ \"python\" , \"-c\", \"print(\\\"x\\\")\\n\" ]", new[] { "python", "-c", "print(\"x\")\n" } },
        new object[] { "CMD []", Array.Empty<string>() },
        new object[] { "CMD python app.py", null! },
        new object[] { "CMD [\"unterminated]", null! },
        new object[] { "CMD ['single']", null! },
    };

    [Theory]
    [MemberData(nameof(ExecForms))]
    public void Exec_form_arguments_are_read_as_json_strings(string line, string[]? expected)
    {
        var instruction = DockerfileText.Parse("FROM x\n" + line + "\n").Instructions[1];
        Assert.Equal(expected, instruction.ExecForm());
    }

    public static IEnumerable<object[]> EnvForms() => new[]
    {
        new object[] { "A=1 B=\"two words\" C='x y' D=a\\ b", new[] { ("A", "1"), ("B", "two words"), ("C", "x y"), ("D", "a b") } },
        new object[] { "PATH=\"/venv/bin:$PATH\"", new[] { ("PATH", "/venv/bin:$PATH") } },
        new object[] { "LEGACY some value", new[] { ("LEGACY", "some value") } },
    };

    [Theory]
    [MemberData(nameof(EnvForms))]
    public void Env_assignments_are_split(string arguments, (string, string)[] expected)
    {
        Assert.Equal(expected, StageOperations.EnvAssignments(arguments));
    }

    [Theory]
    [InlineData("")]
    [InlineData("\n\n")]
    [InlineData("RUN before from\n")]
    [InlineData("FROM\n")]
    [InlineData("FROM x \\")]
    [InlineData("RUN <<EOF\nnever closed\n")]
    public void Odd_text_never_throws(string text)
    {
        var dockerfile = DockerfileText.Parse(text);
        Assert.NotNull(dockerfile.Instructions);
        foreach (var operation in new Func<string, ScaffoldInputs, StageOperationResult>[] { StageOperations.ConvertToMultiStage, StageOperations.AddDevTestStage, StageOperations.AddDistrolessStage })
            Assert.False(operation(text, ScaffoldFixtures.Inputs(PackageManager.PipRequirements, FixtureFramework.Script)).Applied);
    }
}
