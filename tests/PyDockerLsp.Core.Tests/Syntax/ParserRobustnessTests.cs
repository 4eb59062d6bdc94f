using System.Text;
using PyDockerLsp.Core.Syntax.Dockerfile;
using PyDockerLsp.Core.Syntax.Shell;
using PyDockerLsp.Core.Tests.Support;

namespace PyDockerLsp.Core.Tests.Syntax;

/// <summary>
/// Text as it looks while someone types — every prefix of real Dockerfiles, and random damage to them — must parse
/// without an internal failure, give back every byte, keep every span inside the text, and answer every lazy
/// property (shell view, heredoc content, image reference) without throwing.
/// </summary>
public sealed class ParserRobustnessTests
{
    private static readonly string[] Samples =
    {
        "astral-sh/uv-docker-example/multistage.Dockerfile",
        "docker/awesome-compose/flask/app/Dockerfile",
        "docker-library/python/3.13/windows/windowsservercore-ltsc2022/Dockerfile",
        "pypi/warehouse/Dockerfile",
        "jupyter/docker-stacks/images/docker-stacks-foundation/Dockerfile",
    };

    private static string ReadSample(string path) => Encoding.UTF8.GetString(File.ReadAllBytes(Path.Combine(TestPaths.Corpus, path)));

    [Fact]
    public void Every_prefix_of_real_dockerfiles_parses_and_round_trips()
    {
        foreach (var sample in Samples.Take(3))
        {
            string text = ReadSample(sample);
            for (int length = 0; length <= text.Length; length++) Check(text.Substring(0, length));
        }
    }

    [Fact]
    public void Randomly_damaged_dockerfiles_parse_and_round_trip()
    {
        string[] fragments = { "\\", "\\\n", "`", "\"", "'", "<<", "<<-EOF\n", "EOF\n", "[", "]", "\"]", "$", "${", "}", "\n", "\r\n", "\r",
                               "#", "# escape=`\n", "--", "--mount=", ",", "=", " ", "\t", "ONBUILD ", "FROM ", "AS ", "\u00a0", "\uFEFF", "{\"" };
        var random = new Random(20240611);
        foreach (var sample in Samples)
        {
            string original = ReadSample(sample);
            for (int round = 0; round < 300; round++)
            {
                var text = new StringBuilder(original);
                int edits = 1 + random.Next(4);
                for (int e = 0; e < edits; e++)
                {
                    int at = random.Next(text.Length + 1);
                    if (random.Next(3) == 0 && at < text.Length) text.Remove(at, Math.Min(text.Length - at, 1 + random.Next(12)));
                    else text.Insert(at, fragments[random.Next(fragments.Length)]);
                }
                Check(text.ToString());
            }
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData("\\")]
    [InlineData("\\\n\\\n")]
    [InlineData("RUN \\")]
    [InlineData("\uFEFF")]
    [InlineData("\uFEFFFROM x\r\n")]
    [InlineData("FROM x\nRUN <<EOF <<EOF2\nbody\nEOF\n")]
    [InlineData("FROM x\nONBUILD\nONBUILD RUN <<EOF\nx\nEOF\n")]
    [InlineData("FROM x\nCMD [\"\\ud800\"]\n")]
    [InlineData("FROM x\nCMD [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[\n")]
    [InlineData("FROM x\nRUN --mount=\"type=cache,target=/a b\" true\n")]
    [InlineData("FROM x\nRUN --mount=type=cache,\"target=/a,b\" true\n")]
    [InlineData("FROM x\nRUN ${A:-${B:-${C\n")]
    [InlineData("FROM x\nHEALTHCHECK\nHEALTHCHECK CMD\nHEALTHCHECK --interval= CMD true\n")]
    [InlineData("FROM x\nENV \"a=b\" c\nLABEL =\n")]
    [InlineData("# escape=`\nFROM x\nRUN a `\n`\n  b\n")]
    [InlineData("FROM x\r\rRUN a\r")]
    public void Edge_cases_parse_and_round_trip(string text) => Check(text);

    private static void Check(string text)
    {
        var syntax = DockerfileParser.Parse(text);
        Assert.Null(syntax.InternalError);
        Assert.Equal(text, syntax.Reconstruct());
        CorpusTests.AssertNodesTile(syntax);
        foreach (var error in syntax.Errors) AssertInside(text, error.Span);
        foreach (var instruction in syntax.AllInstructions()) Exercise(text, instruction);
    }

    private static void Exercise(string text, Instruction instruction)
    {
        AssertInside(text, instruction.Span);
        AssertInside(text, instruction.KeywordSpan);
        AssertInside(text, instruction.ArgumentsSpan);
        _ = instruction.Keyword + instruction.ArgumentsText + instruction.Line.Text;
        foreach (var flag in instruction.Flags)
        {
            AssertInside(text, flag.Span);
            AssertInside(text, flag.NameSpan);
            AssertInside(text, flag.ValueSpan);
            _ = flag.Name + flag.Value + flag.Text;
        }
        foreach (var argument in instruction.Arguments)
        {
            AssertInside(text, argument.Span);
            _ = argument.Value;
        }
        foreach (var heredoc in instruction.Heredocs)
        {
            AssertInside(text, heredoc.BodySpan);
            AssertInside(text, heredoc.MarkerSpan);
            _ = heredoc.Data;
        }
        switch (instruction)
        {
            case RunInstruction run:
                foreach (var command in run.ShellCommands) ExerciseCommand(text, command);
                foreach (var mount in run.Mounts) _ = mount.Type + mount.Target + mount.Source;
                break;
            case CommandInstruction command:
                foreach (var shell in command.Script.Commands) ExerciseCommand(text, shell);
                break;
            case FromInstruction from when from.Image is { } image:
                AssertInside(text, image.RegistrySpan);
                AssertInside(text, image.RepositorySpan);
                AssertInside(text, image.TagSpan);
                AssertInside(text, image.DigestSpan);
                _ = image.Validate() + image.FamiliarName;
                break;
            case KeyValueInstruction keyValue:
                foreach (var pair in keyValue.Pairs)
                {
                    AssertInside(text, pair.Span);
                    _ = pair.GetValue();
                }
                break;
            case FileTransferInstruction transfer:
                foreach (var source in transfer.HeredocSources) _ = source.Data;
                break;
            case HealthcheckInstruction healthcheck:
                foreach (var shell in healthcheck.Script.Commands) ExerciseCommand(text, shell);
                break;
        }
    }

    private static void ExerciseCommand(string text, ShellCommand command)
    {
        AssertInside(text, command.Span);
        foreach (var word in command.Words) AssertInside(text, word.Span);
        _ = command.Program?.Family;
        _ = command.HasFlag("-y");
        _ = command.GetOptionValues("-r", "--requirement");
    }

    private static void AssertInside(string text, Text.TextSpan span) =>
        Assert.True(span.Start >= 0 && span.End <= text.Length, $"span {span} outside text of length {text.Length}");
}
