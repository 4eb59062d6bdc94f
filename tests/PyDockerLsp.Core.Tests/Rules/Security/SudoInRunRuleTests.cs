using PyDockerLsp.Core.Tests.Rules.OsPackages;
using PyDockerLsp.Core.Tests.Rules.Support;
using Xunit.Abstractions;

namespace PyDockerLsp.Core.Tests.Rules.Security;

/// <summary>PD405 sudo-in-run: build steps switch users with USER, not sudo.</summary>
public class SudoInRunRuleTests
{
    private const string Rule = "PD405";
    private readonly ITestOutputHelper _output;

    public SudoInRunRuleTests(ITestOutputHelper output) => _output = output;

    public static TheoryData<string, string> Fires => new()
    {
        { "sudo", "FROM python:3.12-slim\nRUN ⟦sudo⟧ apt-get update\n" },
        { "each sudo", "FROM python:3.12-slim\nRUN ⟦sudo⟧ apt-get update && ⟦sudo⟧ apt-get install -y libpq5\n" },
        { "with options", "FROM python:3.12-slim\nRUN ⟦sudo⟧ -u app pip install --user app\n" },
        { "by path", "FROM python:3.12-slim\nRUN ⟦/usr/bin/sudo⟧ make install\n" },
        { "behind env", "FROM python:3.12-slim\nRUN env DEBIAN_FRONTEND=noninteractive ⟦sudo⟧ apt-get update\n" },
        { "as xargs' command", "FROM python:3.12-slim\nRUN cat pkgs | xargs ⟦sudo⟧ apt-get install -y\n" },
        { "builder stage", "FROM python:3.12-slim AS build\nRUN ⟦sudo⟧ make\nFROM python:3.12-slim\n" },
        { "heredoc", "FROM python:3.12-slim\nRUN <<EOF\n⟦sudo⟧ apt-get update\nEOF\n" },
        { "ONBUILD", "FROM python:3.12-slim\nONBUILD RUN ⟦sudo⟧ make\n" },
    };

    [Theory]
    [MemberData(nameof(Fires))]
    public void Reports_the_sudo_word(string _, string dockerfile) =>
        RuleFixture.Dockerfile(dockerfile).AssertFindings(Rule);

    public static TheoryData<string, string> Silent => new()
    {
        { "installing the sudo package", "FROM python:3.12-slim\nRUN apt-get install -y sudo\n" },
        { "configuring sudo", "FROM python:3.12-slim\nRUN echo 'app ALL=(ALL) NOPASSWD:ALL' > /etc/sudoers.d/app\n" },
        { "USER root instead", "FROM python:3.12-slim\nUSER root\nRUN apt-get update\nUSER app\n" },
        { "suppressed with hadolint's id", "FROM python:3.12-slim\n# hadolint ignore=DL3004\nRUN sudo make\n" },
    };

    [Theory]
    [MemberData(nameof(Silent))]
    public void Stays_silent_when_sudo_runs_nothing(string _, string dockerfile) =>
        RuleFixture.Dockerfile(dockerfile).AssertSilent(Rule);

    [Fact]
    public void Agrees_with_hadolint_DL3004()
    {
        var result = HadolintAgreement.Measure("DL3004", Rule);
        _output.WriteLine(result.Summary("DL3004", Rule));
        Assert.True(result.Agreeing >= 6, result.Summary("DL3004", Rule));
    }
}
