using PyDockerLsp.Core.Analysis.Rules.BaseImage;
using PyDockerLsp.Core.Syntax.Dockerfile;

namespace PyDockerLsp.Core.Tests.Rules.BaseImage;

/// <summary>The "switch to slim" planner that PD101 uses and PD102 (alpine with native wheels) will reuse.</summary>
public class SlimTagFixTests
{
    private static SlimTagChange? Plan(string dockerfile) =>
        SlimTagFix.Plan(StageBaseImage.Of(DockerfileParser.Parse(dockerfile).FinalStage!)!);

    [Theory]
    [InlineData("FROM python:3.12-alpine\n", "python:3.12-slim")]
    [InlineData("FROM python:3.12-alpine3.20 AS app\n", "python:3.12-slim")]
    [InlineData("FROM python:alpine\n", "python:slim")]
    [InlineData("FROM registry.example.com/library/python:3.11.9-bookworm\n", "registry.example.com/library/python:3.11.9-slim-bookworm")]
    [InlineData("FROM python:3.14-rc-bookworm\n", "python:3.14-rc-slim-bookworm")]
    public void Plans_the_slim_reference(string dockerfile, string expected)
    {
        var change = Plan(dockerfile);
        Assert.NotNull(change);
        Assert.Equal(expected, change.NewReference);
        Assert.False(change.DropsDigest);
    }

    [Theory]
    [InlineData("FROM python:3.12-slim\n")]
    [InlineData("FROM python:3.12-windowsservercore\n")]
    [InlineData("FROM python:3.12-foo\n")]
    [InlineData("FROM debian:bookworm\n")]
    [InlineData("FROM gcr.io/distroless/python3-debian12\n")]
    [InlineData("ARG PY\nFROM python:${PY}\n")]
    public void Plans_nothing_without_a_known_slim_variant(string dockerfile) => Assert.Null(Plan(dockerfile));

    [Fact]
    public void The_edit_covers_tag_and_digest()
    {
        const string text = "FROM python:3.12-alpine@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef AS app\n";
        var change = Plan(text)!;
        Assert.True(change.DropsDigest);
        Assert.Equal("3.12-alpine@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", text.Substring(change.Edit.Span.Start, change.Edit.Span.Length));
        Assert.Equal("3.12-slim", change.Edit.NewText);
    }
}
