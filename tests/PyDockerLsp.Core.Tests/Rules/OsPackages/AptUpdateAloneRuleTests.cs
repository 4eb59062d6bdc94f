using PyDockerLsp.Core.Tests.Rules.Support;

namespace PyDockerLsp.Core.Tests.Rules.OsPackages;

/// <summary>PD303 apt-update-alone: update and install belong in the same RUN.</summary>
public class AptUpdateAloneRuleTests
{
    private const string Rule = "PD303";

    public static TheoryData<string, string> Fires => new()
    {
        { "update alone", "FROM python:3.12-slim\nRUN ⟦apt-get update⟧\nRUN apt-get install -y --no-install-recommends libpq5\n" },
        { "update with options", "FROM python:3.12-slim\nRUN ⟦apt-get -qq update⟧ && echo done\n" },
        { "apt front end", "FROM python:3.12-slim\nRUN ⟦apt update⟧\n" },
        { "builder stage", "FROM python:3.12-slim AS build\nRUN ⟦apt-get update⟧\nRUN apt-get install -y gcc\nFROM python:3.12-slim\n" },
        { "update and remove only", "FROM python:3.12-slim\nRUN ⟦apt-get update⟧ && apt-get remove -y gcc\n" },
        { "heredoc without an install", "FROM python:3.12-slim\nRUN <<EOF\n⟦apt-get update⟧\necho ok\nEOF\n" },
        { "ONBUILD trigger", "FROM python:3.12-slim\nONBUILD RUN ⟦apt-get update⟧\n" },
        { "seed 000's builder", "FROM python:3.9-slim AS builder\nRUN ⟦apt-get update⟧\nFROM python:3.9-slim\nRUN apt-get update && apt-get upgrade -y\n" },
    };

    [Theory]
    [MemberData(nameof(Fires))]
    public void Reports_an_update_in_a_RUN_that_installs_nothing(string _, string dockerfile) =>
        RuleFixture.Dockerfile(dockerfile).AssertFindings(Rule);

    public static TheoryData<string, string> Silent => new()
    {
        { "update and install", "FROM python:3.12-slim\nRUN apt-get update && apt-get install -y libpq5 && rm -rf /var/lib/apt/lists/*\n" },
        { "update and upgrade", "FROM python:3.12-slim\nRUN apt-get update && apt-get upgrade -y\n" },
        { "install through xargs", "FROM python:3.12-slim\nRUN apt-get update && xargs apt-get install -y < packages.txt\n" },
        { "update and install in a heredoc", "FROM python:3.12-slim\nRUN <<EOF\napt-get update\napt-get install -y curl\nEOF\n" },
        { "update and build-dep", "FROM debian:bookworm\nRUN apt-get update && apt-get build-dep -y python3\n" },
        { "apk update is not apt", "FROM python:3.12-alpine\nRUN apk update\n" },
        { "the word in an echo", "FROM python:3.12-slim\nRUN echo apt-get update\n" },
        { "suppressed", "FROM python:3.12-slim\n# pydocker: ignore=PD303\nRUN apt-get update\n" },
    };

    [Theory]
    [MemberData(nameof(Silent))]
    public void Stays_silent_when_the_RUN_uses_the_fresh_lists(string _, string dockerfile) =>
        RuleFixture.Dockerfile(dockerfile).AssertSilent(Rule);

    [Fact]
    public void Offers_only_the_ignore_fix()
    {
        var finding = Assert.Single(RuleFixture.Dockerfile("FROM python:3.12-slim\nRUN apt-get update\n").Run(Rule));
        Assert.Equal(new[] { "Ignore PD303 for this instruction" }, finding.Fixes.Select(f => f.Title));
    }
}
