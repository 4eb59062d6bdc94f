using PyDockerLsp.Core.Tests.Rules.Support;
using Xunit.Abstractions;

namespace PyDockerLsp.Core.Tests.Rules.OsPackages;

/// <summary>PD301 apt-install-recommends: apt installs should leave recommended packages out.</summary>
public class AptInstallRecommendsRuleTests
{
    private const string Rule = "PD301";
    private readonly ITestOutputHelper _output;

    public AptInstallRecommendsRuleTests(ITestOutputHelper output) => _output = output;

    public static TheoryData<string, string> Fires => new()
    {
        { "plain install", "FROM python:3.12-slim\nRUN apt-get update && ⟦apt-get install⟧ -y libpq5 && rm -rf /var/lib/apt/lists/*\n" },
        { "options before the subcommand", "FROM python:3.12-slim\nRUN ⟦apt-get -y install⟧ gcc\n" },
        { "apt front end", "FROM python:3.12-slim\nRUN ⟦apt install⟧ -y gcc\n" },
        { "through sudo", "FROM python:3.12-slim\nRUN sudo ⟦apt-get install⟧ -y gcc\n" },
        { "through xargs", "FROM python:3.12-slim\nRUN apt-get update && xargs ⟦apt-get install⟧ -y < packages.txt\n" },
        { "an -o option for another setting", "FROM python:3.12-slim\nRUN ⟦apt-get -o Dpkg::Options::=--force-confold install⟧ -y gcc\n" },
        { "each install of a RUN", "FROM python:3.12-slim\nRUN ⟦apt-get install⟧ -y gcc && ⟦apt-get install⟧ -y make\n" },
        { "builder stage too", "FROM python:3.12-slim AS build\nRUN ⟦apt-get install⟧ -y gcc\nFROM python:3.12-slim\nCOPY --from=build /w /w\n" },
        { "heredoc script", "FROM python:3.12-slim\nRUN <<EOF\napt-get update\n⟦apt-get install⟧ -y curl\nEOF\n" },
        { "ONBUILD trigger", "FROM python:3.12-slim\nONBUILD RUN ⟦apt-get install⟧ -y gcc\n" },
        { "continued over lines", "FROM python:3.12-slim\nRUN apt-get update \\\n    && ⟦apt-get \\\n    install⟧ -y gcc\n" },
        { "setting written in an unrelated stage", "FROM debian AS other\nRUN echo 'APT::Install-Recommends \"0\";' > /etc/apt/apt.conf.d/01norec\nFROM python:3.12-slim\nRUN ⟦apt-get install⟧ -y gcc\n" },
        { "setting written after the install", "FROM python:3.12-slim\nRUN ⟦apt-get install⟧ -y gcc\nRUN echo 'APT::Install-Recommends \"0\";' > /etc/apt/apt.conf.d/01norec\n" },
        { "-o on an earlier command only applies there", "FROM python:3.12-slim\nRUN apt-get -o APT::Install-Recommends=false install -y gcc\nRUN ⟦apt-get install⟧ -y make\n" },
        { "setting that keeps recommends on", "FROM python:3.12-slim\nRUN echo 'APT::Install-Recommends \"true\";' > /etc/apt/apt.conf.d/01rec\nRUN ⟦apt-get install⟧ -y gcc\n" },
    };

    [Theory]
    [MemberData(nameof(Fires))]
    public void Reports_installs_that_pull_in_recommended_packages(string _, string dockerfile) =>
        RuleFixture.Dockerfile(dockerfile).AssertFindings(Rule);

    public static TheoryData<string, string> Silent => new()
    {
        { "--no-install-recommends", "FROM python:3.12-slim\nRUN apt-get install -y --no-install-recommends gcc\n" },
        { "flag before the subcommand", "FROM python:3.12-slim\nRUN apt-get --no-install-recommends install -y gcc\n" },
        { "-o APT::Install-Recommends=false", "FROM python:3.12-slim\nRUN apt-get -o APT::Install-Recommends=false install -y gcc\n" },
        { "-o attached, value 0", "FROM python:3.12-slim\nRUN apt-get -oAPT::Install-Recommends=0 install -y gcc\n" },
        { "--option=", "FROM python:3.12-slim\nRUN apt-get --option=apt::install-recommends=false install -y gcc\n" },
        { "setting written earlier in the stage", "FROM python:3.12-slim\nRUN echo 'APT::Install-Recommends \"0\";' > /etc/apt/apt.conf.d/01norec\nRUN apt-get install -y gcc\n" },
        { "setting written in the base stage", "FROM python:3.12-slim AS base\nRUN printf 'APT::Install-Recommends \"false\";\\n' > /etc/apt/apt.conf.d/01norec\nFROM base\nRUN apt-get install -y gcc\n" },
        { "setting written by a COPY heredoc", "FROM python:3.12-slim\nCOPY <<EOF /etc/apt/apt.conf.d/01norec\nAPT::Install-Recommends \"false\";\nEOF\nRUN apt-get install -y gcc\n" },
        { "aptitude's own flag", "FROM debian:bookworm\nRUN aptitude install -y -R gcc\n" },
        { "apt-get named as an argument", "FROM python:3.12-slim\nRUN echo apt-get install gcc\n" },
        { "other subcommands", "FROM python:3.12-slim\nRUN apt-get update && apt-get upgrade -y && apt-get remove -y gcc\n" },
        { "install of a variable subcommand", "FROM python:3.12-slim\nRUN apt-get $APT_COMMAND gcc\n" },
        { "suppressed with hadolint's id", "FROM python:3.12-slim\n# hadolint ignore=DL3015\nRUN apt-get install -y gcc\n" },
    };

    [Theory]
    [MemberData(nameof(Silent))]
    public void Stays_silent_when_recommends_are_left_out(string _, string dockerfile) =>
        RuleFixture.Dockerfile(dockerfile).AssertSilent(Rule);

    [Fact]
    public void The_message_says_whether_the_final_image_carries_the_packages()
    {
        var findings = RuleFixture.Dockerfile("FROM python:3.12-slim AS build\nRUN apt-get install -y gcc\nFROM python:3.12-slim\nRUN apt-get install -y libpq5\n").Run(Rule);
        Assert.Equal(2, findings.Count);
        Assert.Contains("slows this build stage", findings[0].Message);
        Assert.Contains("final image", findings[1].Message);
    }

    public static TheoryData<string, string, string> Fixes => new()
    {
        { "one line", "FROM python:3.12-slim\nRUN apt-get install -y gcc\n", "FROM python:3.12-slim\nRUN apt-get install --no-install-recommends -y gcc\n" },
        { "CRLF", "FROM python:3.12-slim\r\nRUN apt-get update && apt-get install -y gcc\r\n", "FROM python:3.12-slim\r\nRUN apt-get update && apt-get install --no-install-recommends -y gcc\r\n" },
        { "continuation lines keep their indentation",
          "FROM python:3.12-slim\nRUN apt-get update \\\n    && apt-get install -y \\\n        gcc \\\n        make\n",
          "FROM python:3.12-slim\nRUN apt-get update \\\n    && apt-get install --no-install-recommends -y \\\n        gcc \\\n        make\n" },
        { "backtick escape", "# escape=`\nFROM python:3.12-slim\nRUN apt-get update `\n    && apt-get install -y gcc\n", "# escape=`\nFROM python:3.12-slim\nRUN apt-get update `\n    && apt-get install --no-install-recommends -y gcc\n" },
        { "every install", "FROM python:3.12-slim\nRUN apt-get install -y gcc && apt install -y make\n", "FROM python:3.12-slim\nRUN apt-get install --no-install-recommends -y gcc && apt install --no-install-recommends -y make\n" },
        { "aptitude", "FROM debian:bookworm\nRUN aptitude install -y gcc\n", "FROM debian:bookworm\nRUN aptitude install --without-recommends -y gcc\n" },
        { "heredoc", "FROM python:3.12-slim\nRUN <<EOF\napt-get update\napt-get install -y curl\nEOF\n", "FROM python:3.12-slim\nRUN <<EOF\napt-get update\napt-get install --no-install-recommends -y curl\nEOF\n" },
    };

    [Theory]
    [MemberData(nameof(Fixes))]
    public void The_fix_adds_the_flag_after_install(string _, string before, string after) =>
        Assert.Equal(after, RuleFixture.Dockerfile(before).ApplyFixAndVerify(Rule, "recommends"));

    [Fact]
    public void Agrees_with_hadolint_DL3015()
    {
        var result = HadolintAgreement.Measure("DL3015", Rule);
        _output.WriteLine(result.Summary("DL3015", Rule));
        Assert.True(result.Agreeing >= 8, result.Summary("DL3015", Rule));
    }
}
