using PyDockerLsp.Core.Tests.Rules.Support;

namespace PyDockerLsp.Core.Tests.Rules.OsPackages;

/// <summary>PD306 upgrade-outside-final: OS upgrades belong to the final image, not to builder stages.</summary>
public class UpgradeOutsideFinalRuleTests
{
    private const string Rule = "PD306";

    public static TheoryData<string, string> Fires => new()
    {
        { "builder stage", "FROM python:3.12-slim AS builder\nRUN apt-get update && ⟦apt-get upgrade⟧ -y\nFROM python:3.12-slim\nCOPY --from=builder /venv /venv\n" },
        { "dist-upgrade", "FROM python:3.12-slim AS builder\nRUN apt-get update && ⟦apt-get dist-upgrade⟧ -y\nFROM python:3.12-slim\n" },
        { "apt full-upgrade", "FROM python:3.12-slim AS builder\nRUN apt update && ⟦apt full-upgrade⟧ -y\nFROM python:3.12-slim\n" },
        { "apk upgrade", "FROM python:3.12-alpine AS builder\nRUN ⟦apk upgrade⟧ --no-cache\nFROM python:3.12-alpine\n" },
        { "a test stage nobody builds on", "FROM python:3.12-slim\nCMD [\"python\"]\nFROM python:3.12-slim AS ignored\nRUN ⟦apt-get upgrade⟧ -y\nFROM python:3.12-slim\n" },
        { "heredoc", "FROM python:3.12-slim AS builder\nRUN <<EOF\napt-get update\n⟦apt-get upgrade⟧ -y\nEOF\nFROM python:3.12-slim\n" },
    };

    [Theory]
    [MemberData(nameof(Fires))]
    public void Reports_upgrades_in_stages_the_final_image_does_not_build_on(string _, string dockerfile) =>
        RuleFixture.Dockerfile(dockerfile).AssertFindings(Rule);

    public static TheoryData<string, string> Silent => new()
    {
        { "final stage", "FROM python:3.12-slim AS builder\nRUN pip wheel -w /w .\nFROM python:3.12-slim\nRUN apt-get update && apt-get upgrade -y\n" },
        { "single stage", "FROM python:3.12-slim\nRUN apt-get update && apt-get upgrade -y\n" },
        { "stage the final one is built on", "FROM python:3.12-slim AS base\nRUN apt-get update && apt-get upgrade -y\nFROM base\nCMD [\"python\"]\n" },
        { "install is no upgrade", "FROM python:3.12-slim AS builder\nRUN apt-get update && apt-get install -y gcc\nFROM python:3.12-slim\n" },
        { "apk add --upgrade of one package", "FROM python:3.12-alpine AS builder\nRUN apk add --upgrade gcc\nFROM python:3.12-alpine\n" },
        { "pip's --upgrade", "FROM python:3.12-slim AS builder\nRUN pip install --upgrade pip\nFROM python:3.12-slim\n" },
    };

    [Theory]
    [MemberData(nameof(Silent))]
    public void Stays_silent_for_the_final_images_stages(string _, string dockerfile) =>
        RuleFixture.Dockerfile(dockerfile).AssertSilent(Rule);

    [Fact]
    public void The_message_names_the_stage()
    {
        var finding = Assert.Single(RuleFixture.Dockerfile("FROM python:3.12-slim AS builder\nRUN apt-get upgrade -y\nFROM python:3.12-slim\n").Run(Rule));
        Assert.Contains("stage builder", finding.Message);
    }
}
