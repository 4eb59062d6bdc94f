using PyDockerLsp.Core.Analysis;
using PyDockerLsp.Core.IO;

namespace PyDockerLsp.Core.Tests.Analysis;

/// <summary>PD010: a Dockerfile needs a FROM instruction; words inside comments, continuations and heredocs do not count.</summary>
public class MissingFromCheckTests
{
    private const string Path = "/project/Dockerfile";

    private static IReadOnlyList<Finding> Analyze(string text) =>
        DocumentAnalyzer.Analyze(Path, new InMemoryFileSystem().Add(Path, text), AnalysisOptions.Default, CancellationToken.None);

    public static TheoryData<string, string> DockerfilesWithFrom => new()
    {
        { "plain", "FROM python:3.12-slim\nRUN echo hi\n" },
        { "lowercase keyword", "from python:3.12-slim\n" },
        { "after an ARG", "ARG PY=3.12\nFROM python:${PY}-slim\n" },
        { "after directives and comments", "# syntax=docker/dockerfile:1\n# a comment\n\nFROM scratch\n" },
        { "indented", "   FROM alpine\n" },
        { "CRLF line breaks", "ARG X=1\r\nFROM alpine\r\n" },
        { "lone CR line breaks", "ARG X=1\rFROM alpine\r" },
        { "after a continued ARG", "ARG A=1 \\\n    B=2\nFROM alpine\n" },
        { "after a heredoc whose terminator is quoted", "ARG A=1\nFROM alpine\nRUN <<'EOF'\nFROM x\nEOF\n" },
    };

    [Theory]
    [MemberData(nameof(DockerfilesWithFrom))]
    public void A_dockerfile_with_a_FROM_instruction_has_no_PD010(string _, string text)
    {
        Assert.DoesNotContain(Analyze(text), f => f.Code == "PD010");
    }

    /// <summary>name, text, expected range of the finding as "line:col-line:col".</summary>
    public static TheoryData<string, string, string> DockerfilesWithoutFrom => new()
    {
        { "empty file", "", "0:0-0:0" },
        { "only comments", "# syntax=docker/dockerfile:1\n# nothing else\n", "0:0-0:0" },
        { "first instruction is RUN", "RUN echo hi\nCMD [\"x\"]\n", "0:0-0:3" },
        { "indented first instruction", "\n  WORKDIR /app\n", "1:2-1:9" },
        { "FROM only inside a continuation", "RUN echo \\\nFROM alpine\n", "0:0-0:3" },
        { "FROM only after a comment inside a continuation", "RUN echo \\\n# note\n  FROM alpine\n", "0:0-0:3" },
        { "FROM only inside a heredoc", "RUN <<EOF\nFROM alpine\nEOF\n", "0:0-0:3" },
        { "FROM only inside a tab-stripping heredoc", "COPY <<-EOT /x\n\tFROM alpine\n\tEOT\n", "0:0-0:4" },
        { "FROM only in a comment", "# FROM alpine\nENV A=1\n", "1:0-1:3" },
        { "backtick escape continues the line", "# escape=`\nRUN echo `\nFROM alpine\n", "1:0-1:3" },
        { "FROMAGE is not FROM", "FROMAGE alpine\n", "0:0-0:7" },
    };

    [Theory]
    [MemberData(nameof(DockerfilesWithoutFrom))]
    public void A_dockerfile_without_FROM_reports_PD010_on_its_first_instruction(string _, string text, string expectedRange)
    {
        var finding = Assert.Single(Analyze(text));
        Assert.Equal("PD010", finding.Code);
        Assert.Equal(Severity.Error, finding.Severity);
        Assert.Equal(Path, finding.Path);
        Assert.Equal(expectedRange, finding.Range.ToString());
        Assert.Contains("FROM", finding.Message);
    }

    [Fact]
    public void Binary_garbage_is_analysed_without_throwing()
    {
        var random = new Random(7);
        var chars = new char[200_000];
        for (int i = 0; i < chars.Length; i++) chars[i] = (char)random.Next(0, 256);
        var finding = Assert.Single(Analyze(new string(chars)));
        Assert.Equal("PD010", finding.Code);
    }

    [Fact]
    public void A_cancelled_analysis_stops()
    {
        var text = string.Concat(Enumerable.Repeat("RUN echo\n", 5000));
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() =>
            DocumentAnalyzer.Analyze(Path, new InMemoryFileSystem().Add(Path, text), AnalysisOptions.Default, cancelled.Token));
    }
}
