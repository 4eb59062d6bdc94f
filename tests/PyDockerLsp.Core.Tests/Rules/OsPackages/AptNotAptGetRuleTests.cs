using PyDockerLsp.Core.Tests.Rules.Support;
using Xunit.Abstractions;

namespace PyDockerLsp.Core.Tests.Rules.OsPackages;

/// <summary>PD305 apt-not-apt-get: scripts use apt-get, not the interactive apt.</summary>
public class AptNotAptGetRuleTests
{
    private const string Rule = "PD305";
    private readonly ITestOutputHelper _output;

    public AptNotAptGetRuleTests(ITestOutputHelper output) => _output = output;

    public static TheoryData<string, string> Fires => new()
    {
        { "apt install", "FROM python:3.12-slim\nRUN ⟦apt⟧ install -y libpq5\n" },
        { "each apt command", "FROM python:3.12-slim\nRUN ⟦apt⟧ update && ⟦apt⟧ install -y libpq5\n" },
        { "through sudo", "FROM python:3.12-slim\nRUN sudo ⟦apt⟧ upgrade -y\n" },
        { "by path", "FROM python:3.12-slim\nRUN ⟦/usr/bin/apt⟧ install -y libpq5\n" },
        { "queries too", "FROM python:3.12-slim\nRUN ⟦apt⟧ list --installed\n" },
        { "builder stage", "FROM python:3.12-slim AS build\nRUN ⟦apt⟧ install -y gcc\nFROM python:3.12-slim\n" },
        { "heredoc", "FROM python:3.12-slim\nRUN <<EOF\n⟦apt⟧ update\nEOF\n" },
        { "ONBUILD trigger", "FROM python:3.12-slim\nONBUILD RUN ⟦apt⟧ install -y gcc\n" },
    };

    [Theory]
    [MemberData(nameof(Fires))]
    public void Reports_the_apt_command(string _, string dockerfile) =>
        RuleFixture.Dockerfile(dockerfile).AssertFindings(Rule);

    public static TheoryData<string, string> Silent => new()
    {
        { "apt-get", "FROM python:3.12-slim\nRUN apt-get install -y libpq5\n" },
        { "apt-cache", "FROM python:3.12-slim\nRUN apt-cache policy python3\n" },
        { "apt as an argument", "FROM python:3.12-slim\nRUN apt-get install -y apt && echo apt\n" },
        { "a file called apt", "FROM python:3.12-slim\nCOPY apt /etc/apt\n" },
        { "suppressed with hadolint's id", "FROM python:3.12-slim\n# hadolint ignore=DL3027\nRUN apt install -y libpq5\n" },
    };

    [Theory]
    [MemberData(nameof(Silent))]
    public void Stays_silent_on_apt_get_and_apt_cache(string _, string dockerfile) =>
        RuleFixture.Dockerfile(dockerfile).AssertSilent(Rule);

    public static TheoryData<string, string, string> Fixes => new()
    {
        { "install", "FROM python:3.12-slim\nRUN apt install -y libpq5\n", "FROM python:3.12-slim\nRUN apt-get install -y libpq5\n" },
        { "every command", "FROM python:3.12-slim\nRUN apt update && apt install -y libpq5 && apt autoremove -y\n", "FROM python:3.12-slim\nRUN apt-get update && apt-get install -y libpq5 && apt-get autoremove -y\n" },
        { "upgrade keeps installing new dependencies", "FROM python:3.12-slim\nRUN apt update && apt upgrade -y\n", "FROM python:3.12-slim\nRUN apt-get update && apt-get upgrade --with-new-pkgs -y\n" },
        { "full-upgrade is dist-upgrade", "FROM python:3.12-slim\nRUN apt full-upgrade -y\n", "FROM python:3.12-slim\nRUN apt-get dist-upgrade -y\n" },
        { "path and sudo kept", "FROM python:3.12-slim\nRUN sudo /usr/bin/apt remove -y gcc\n", "FROM python:3.12-slim\nRUN sudo /usr/bin/apt-get remove -y gcc\n" },
        { "CRLF, continuation", "FROM python:3.12-slim\r\nRUN apt update \\\r\n    && apt install -y gcc\r\n", "FROM python:3.12-slim\r\nRUN apt-get update \\\r\n    && apt-get install -y gcc\r\n" },
        { "backtick escape", "# escape=`\nFROM python:3.12-slim\nRUN apt update `\n    && apt install -y gcc\n", "# escape=`\nFROM python:3.12-slim\nRUN apt-get update `\n    && apt-get install -y gcc\n" },
    };

    [Theory]
    [MemberData(nameof(Fixes))]
    public void The_fix_switches_to_apt_get(string _, string before, string after) =>
        Assert.Equal(after, RuleFixture.Dockerfile(before).ApplyFixAndVerify(Rule, "Use apt-get"));

    [Theory]
    [InlineData("FROM python:3.12-slim\nRUN apt list --installed\n")]
    [InlineData("FROM python:3.12-slim\nRUN apt search libpq\n")]
    [InlineData("FROM python:3.12-slim\nRUN apt show python3\n")]
    public void Queries_have_no_apt_get_equivalent_and_no_fix(string dockerfile)
    {
        var finding = Assert.Single(RuleFixture.Dockerfile(dockerfile).Run(Rule));
        Assert.DoesNotContain(finding.Fixes, f => f.Title == "Use apt-get");
    }

    [Fact]
    public void Agrees_with_hadolint_DL3027()
    {
        var result = HadolintAgreement.Measure("DL3027", Rule);
        _output.WriteLine(result.Summary("DL3027", Rule));
        Assert.True(result.Agreeing >= 2, result.Summary("DL3027", Rule));
    }
}
