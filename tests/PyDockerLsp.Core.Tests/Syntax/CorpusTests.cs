using System.Text;
using System.Text.Json;
using PyDockerLsp.Core.Analysis;
using PyDockerLsp.Core.Syntax.Dockerfile;
using PyDockerLsp.Core.Tests.Support;

namespace PyDockerLsp.Core.Tests.Syntax;

/// <summary>The real-world Dockerfiles of ../shared/corpus/visible build in the wild, so they must parse without a
/// syntax error, and the syntax tree must give back every byte.</summary>
public sealed class CorpusTests
{
    public static IEnumerable<object[]> CorpusDockerfiles()
    {
        using var manifest = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(TestPaths.Corpus, "MANIFEST.json")));
        foreach (var entry in manifest.RootElement.GetProperty("entries").EnumerateArray())
        {
            string repo = entry.GetProperty("repo").GetString()!;
            foreach (var dockerfile in entry.GetProperty("dockerfiles").EnumerateArray())
                yield return new object[] { repo + "/" + dockerfile.GetString() };
        }
    }

    private static string Read(string relativePath) =>
        Encoding.UTF8.GetString(File.ReadAllBytes(Path.Combine(TestPaths.Corpus, relativePath)));

    [Theory]
    [MemberData(nameof(CorpusDockerfiles))]
    public void Corpus_dockerfile_has_no_syntax_error(string relativePath)
    {
        var syntax = DockerfileParser.Parse(Read(relativePath));
        Assert.Null(syntax.InternalError);
        Assert.Empty(syntax.Errors.Where(e => e.Severity == Severity.Error).Select(e => e.ToString()));
        Assert.NotEmpty(syntax.Stages);
    }

    [Theory]
    [MemberData(nameof(CorpusDockerfiles))]
    public void Corpus_dockerfile_round_trips_byte_for_byte(string relativePath)
    {
        string text = Read(relativePath);
        var syntax = DockerfileParser.Parse(text);
        Assert.Equal(text, syntax.Reconstruct());
        AssertNodesTile(syntax);
    }

    [Theory]
    [MemberData(nameof(CorpusDockerfiles))]
    public void Corpus_dockerfile_shell_view_reads_every_run(string relativePath)
    {
        var syntax = DockerfileParser.Parse(Read(relativePath));
        foreach (var run in syntax.AllInstructions().OfType<RunInstruction>())
        {
            var commands = run.ShellCommands;
            Assert.NotEmpty(commands);
            foreach (var command in commands)
            foreach (var word in command.Words)
                Assert.True(run.FullSpan.Contains(word.Span) || run.Span.Contains(word.Span), $"{word.Value} {word.Span} outside {run.Span}");
        }
    }

    /// <summary>The top-level nodes follow each other without gaps or overlaps over the whole text, and each
    /// instruction's lines tile its full span.</summary>
    internal static void AssertNodesTile(DockerfileSyntax syntax)
    {
        int position = 0;
        foreach (var node in syntax.Nodes)
        {
            Assert.Equal(position, node.FullSpan.Start);
            if (node is Instruction instruction)
            {
                int linePosition = node.FullSpan.Start;
                foreach (var line in instruction.Lines)
                {
                    Assert.Equal(linePosition, line.Span.Start);
                    linePosition = line.FullSpan.End;
                }
                Assert.Equal(node.FullSpan.End, linePosition);
            }
            position = node.FullSpan.End;
        }
        Assert.Equal(syntax.Source.Length, position);
    }
}
