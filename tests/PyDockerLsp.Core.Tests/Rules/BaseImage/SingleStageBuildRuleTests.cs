using PyDockerLsp.Core.Tests.Rules.Support;

namespace PyDockerLsp.Core.Tests.Rules.BaseImage;

/// <summary>PD106 single-stage-build: a build that compiles and ships in one stage should be split.</summary>
public class SingleStageBuildRuleTests
{
    private const string Rule = "PD106";

    public static TheoryData<string, string> Fires => new()
    {
        { "compiler in the only stage", "FROM ⟦python:3.12-slim⟧\nRUN apt-get update && apt-get install -y build-essential\nRUN pip install -r requirements.txt\n" },
        { "apk build-base kept", "FROM ⟦python:3.12-alpine⟧\nRUN apk add --no-cache build-base\n" },
        { "pip wheel in the only stage", "FROM ⟦python:3.12-slim⟧\nRUN pip wheel --wheel-dir /wheels -r requirements.txt\n" },
        { "python -m pip wheel", "FROM ⟦python:3.12-slim⟧\nRUN python -m pip wheel -w /wheels .\n" },
        { "stages that only build on each other", "FROM python:3.12-slim AS base\nRUN apt-get install -y gcc\nFROM ⟦base⟧\nCMD [\"python\"]\n" },
        { "with --platform", "FROM --platform=linux/amd64 ⟦python:3.12⟧ AS app\nRUN apt-get install -y libpq-dev\n" },
    };

    [Theory]
    [MemberData(nameof(Fires))]
    public void Reports_the_final_image_of_a_single_stage_build_that_compiles(string _, string dockerfile) =>
        RuleFixture.Dockerfile(dockerfile).AssertFindings(Rule);

    public static TheoryData<string, string> Silent => new()
    {
        { "already multi-stage", "FROM python:3.12 AS builder\nRUN apt-get install -y gcc\nRUN pip wheel -w /w .\nFROM python:3.12-slim\nCOPY --from=builder /w /w\n" },
        { "a separate test stage counts as multi-stage", "FROM python:3.12-slim AS test\nRUN apt-get install -y gcc\nFROM python:3.12-slim\n" },
        { "nothing compiled", "FROM python:3.12-slim\nRUN apt-get install -y libpq5\nRUN pip install -r requirements.txt\n" },
        { "compilers removed in the same RUN",
          "FROM python:3.12-alpine\nRUN apk add --virtual .build-deps gcc musl-dev && pip install -r requirements.txt && apk del .build-deps\n" },
        { "pip install of a wheel is not a wheel build", "FROM python:3.12-slim\nRUN pip install wheel\n" },
    };

    [Theory]
    [MemberData(nameof(Silent))]
    public void Stays_silent_on_multi_stage_builds_and_builds_that_compile_nothing(string _, string dockerfile) =>
        RuleFixture.Dockerfile(dockerfile).AssertSilent(Rule);

    [Fact]
    public void The_compile_step_is_a_related_location_and_no_fix_is_offered()
    {
        var fixture = RuleFixture.Dockerfile("FROM python:3.12-slim\nRUN apt-get install -y --no-install-recommends build-essential\n");
        var finding = Assert.Single(fixture.Run(Rule));
        var related = Assert.Single(finding.Related);
        Assert.Equal("build-essential", fixture.DockerfileText.Substring(related.Span.Start, related.Span.Length));
        Assert.Contains("`build-essential`", finding.Message, StringComparison.Ordinal);
        Assert.All(finding.Fixes, f => Assert.StartsWith("Ignore PD106", f.Title, StringComparison.Ordinal));
    }
}
