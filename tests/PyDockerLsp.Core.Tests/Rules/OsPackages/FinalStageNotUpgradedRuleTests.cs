using PyDockerLsp.Core.Analysis.Rules;
using PyDockerLsp.Core.Tests.Rules.Support;

namespace PyDockerLsp.Core.Tests.Rules.OsPackages;

/// <summary>PD307 final-stage-not-upgraded (opt-in): the final image upgrades its OS packages.</summary>
public class FinalStageNotUpgradedRuleTests
{
    private const string Rule = "PD307";

    [Fact]
    public void Is_off_unless_selected() => Assert.True(RuleRegistry.Find(Rule)!.IsOptIn);

    public static TheoryData<string, string> Fires => new()
    {
        { "slim image", "FROM ⟦python:3.12-slim⟧\nCOPY . /app\n" },
        { "final stage of a multi-stage build", "FROM python:3.12-slim AS builder\nRUN apt-get update && apt-get upgrade -y\nFROM ⟦python:3.12-slim⟧\nCOPY --from=builder /venv /venv\n" },
        { "final stage built on a stage", "FROM python:3.12-slim AS base\nRUN pip install uv\nFROM ⟦base⟧\nCMD [\"python\"]\n" },
        { "alpine", "FROM ⟦python:3.12-alpine⟧\nRUN apk add --no-cache libpq\n" },
        { "ubuntu", "FROM ⟦ubuntu:24.04⟧\nRUN apt-get update && apt-get install -y python3\n" },
        { "image named through a global ARG", "ARG PY=3.12\nFROM ⟦python:${PY}-slim⟧\n" },
    };

    [Theory]
    [MemberData(nameof(Fires))]
    public void Reports_a_final_image_that_never_upgrades(string _, string dockerfile) =>
        RuleFixture.Dockerfile(dockerfile).AssertFindings(Rule);

    public static TheoryData<string, string> Silent => new()
    {
        { "upgraded in the final stage", "FROM python:3.12-slim\nRUN apt-get update && apt-get upgrade -y && rm -rf /var/lib/apt/lists/*\n" },
        { "upgraded in the base stage", "FROM python:3.12-slim AS base\nRUN apt-get update && apt-get dist-upgrade -y\nFROM base\n" },
        { "apk upgrade", "FROM python:3.12-alpine\nRUN apk upgrade --no-cache\n" },
        { "distroless", "FROM gcr.io/distroless/python3-debian12\nCOPY app /app\n" },
        { "scratch", "FROM scratch\nCOPY app /app\n" },
        { "unknown OS", "FROM myorg/runtime:1.2\nCOPY app /app\n" },
        { "windows", "FROM python:3.12-windowsservercore\n" },
    };

    [Theory]
    [MemberData(nameof(Silent))]
    public void Stays_silent_when_upgraded_or_not_applicable(string _, string dockerfile) =>
        RuleFixture.Dockerfile(dockerfile).AssertSilent(Rule);

    public static TheoryData<string, string, string> Fixes => new()
    {
        { "debian", "FROM python:3.12-slim\nCOPY . /app\n", "FROM python:3.12-slim\nRUN apt-get update && apt-get upgrade -y && rm -rf /var/lib/apt/lists/*\nCOPY . /app\n" },
        { "alpine, CRLF", "FROM python:3.12-alpine\r\nCOPY . /app\r\n", "FROM python:3.12-alpine\r\nRUN apk upgrade --no-cache\r\nCOPY . /app\r\n" },
        { "FROM at the end without a line break", "FROM python:3.12-slim AS b\nRUN true\nFROM python:3.12-slim", "FROM python:3.12-slim AS b\nRUN true\nFROM python:3.12-slim\nRUN apt-get update && apt-get upgrade -y && rm -rf /var/lib/apt/lists/*" },
        { "indented FROM", "  FROM python:3.12-slim\n  CMD [\"python\"]\n", "  FROM python:3.12-slim\n  RUN apt-get update && apt-get upgrade -y && rm -rf /var/lib/apt/lists/*\n  CMD [\"python\"]\n" },
    };

    [Theory]
    [MemberData(nameof(Fixes))]
    public void The_fix_upgrades_right_after_the_final_FROM(string _, string before, string after) =>
        Assert.Equal(after, RuleFixture.Dockerfile(before).ApplyFixAndVerify(Rule, "Upgrade the OS packages"));

    [Fact]
    public void The_inserted_step_satisfies_the_other_apt_rules()
    {
        var fixture = RuleFixture.Dockerfile(RuleFixture.Dockerfile("FROM python:3.12-slim\nCOPY . /app\n").ApplyFixAndVerify(Rule, "Upgrade the OS packages"));
        foreach (var other in new[] { "PD301", "PD302", "PD303", "PD304", "PD305" }) fixture.AssertSilent(other);
    }
}
