using PyDockerLsp.Core.Analysis;
using PyDockerLsp.Core.Tests.Rules.Support;
using Xunit.Abstractions;

namespace PyDockerLsp.Core.Tests.Rules.OsPackages;

/// <summary>PD304 apt-missing-yes: apt commands that change packages answer the confirmation in advance.</summary>
public class AptMissingYesRuleTests
{
    private const string Rule = "PD304";
    private readonly ITestOutputHelper _output;

    public AptMissingYesRuleTests(ITestOutputHelper output) => _output = output;

    public static TheoryData<string, string> Fires => new()
    {
        { "install", "FROM python:3.12-slim\nRUN apt-get update && ⟦apt-get install⟧ --no-install-recommends libpq5\n" },
        { "one -q is not enough", "FROM python:3.12-slim\nRUN ⟦apt-get install⟧ -q libpq5\n" },
        { "--force-yes does not answer", "FROM python:3.12-slim\nRUN ⟦apt-get install⟧ --force-yes libpq5\n" },
        { "noninteractive frontend does not answer", "FROM python:3.12-slim\nRUN DEBIAN_FRONTEND=noninteractive ⟦apt-get install⟧ libpq5\n" },
        { "upgrade", "FROM python:3.12-slim\nRUN apt-get update && ⟦apt-get upgrade⟧\n" },
        { "dist-upgrade", "FROM python:3.12-slim\nRUN apt-get update && ⟦apt-get dist-upgrade⟧\n" },
        { "purge", "FROM python:3.12-slim\nRUN ⟦apt-get purge⟧ --auto-remove gcc\n" },
        { "autoremove", "FROM python:3.12-slim\nRUN ⟦apt-get autoremove⟧\n" },
        { "apt front end", "FROM python:3.12-slim\nRUN ⟦apt install⟧ libpq5\n" },
        { "builder stage", "FROM python:3.12-slim AS build\nRUN ⟦apt-get install⟧ gcc\nFROM python:3.12-slim\n" },
        { "heredoc", "FROM python:3.12-slim\nRUN <<EOF\napt-get update\n⟦apt-get install⟧ curl\nEOF\n" },
        { "ONBUILD trigger", "FROM python:3.12-slim\nONBUILD RUN ⟦apt-get install⟧ gcc\n" },
        { "-y of another command", "FROM python:3.12-slim\nRUN apt-get install -y gcc && ⟦apt-get remove⟧ make\n" },
        { "setting that says no", "FROM python:3.12-slim\nRUN echo 'APT::Get::Assume-Yes \"false\";' > /etc/apt/apt.conf.d/90yes\nRUN ⟦apt-get install⟧ gcc\n" },
    };

    [Theory]
    [MemberData(nameof(Fires))]
    public void Reports_apt_commands_that_would_stop_at_the_question(string _, string dockerfile) =>
        RuleFixture.Dockerfile(dockerfile).AssertFindings(Rule);

    public static TheoryData<string, string> Silent => new()
    {
        { "-y", "FROM python:3.12-slim\nRUN apt-get install -y libpq5\n" },
        { "-y before the subcommand", "FROM python:3.12-slim\nRUN apt-get -y install libpq5\n" },
        { "--yes", "FROM python:3.12-slim\nRUN apt-get --yes install libpq5\n" },
        { "--assume-yes", "FROM python:3.12-slim\nRUN apt-get install --assume-yes libpq5\n" },
        { "combined -yq", "FROM python:3.12-slim\nRUN apt-get install -yq libpq5\n" },
        { "-qq", "FROM python:3.12-slim\nRUN apt-get install -qq libpq5\n" },
        { "-q -q", "FROM python:3.12-slim\nRUN apt-get install -q -q libpq5\n" },
        { "-q=2", "FROM python:3.12-slim\nRUN apt-get install -q=2 libpq5\n" },
        { "--quiet --quiet", "FROM python:3.12-slim\nRUN apt-get install --quiet --quiet libpq5\n" },
        { "-o APT::Get::Assume-Yes=true", "FROM python:3.12-slim\nRUN apt-get -o APT::Get::Assume-Yes=true install libpq5\n" },
        { "yes piped in", "FROM python:3.12-slim\nRUN yes | apt-get install libpq5\n" },
        { "setting written earlier", "FROM python:3.12-slim\nRUN echo 'APT::Get::Assume-Yes \"true\";' > /etc/apt/apt.conf.d/90yes\nRUN apt-get install libpq5\n" },
        { "update needs no answer", "FROM python:3.12-slim\nRUN apt-get update\n" },
        { "queries need no answer", "FROM python:3.12-slim\nRUN apt-get source python3 && apt-get clean\n" },
        { "suppressed with hadolint's id", "FROM python:3.12-slim\n# hadolint ignore=DL3014\nRUN apt-get install libpq5\n" },
    };

    [Theory]
    [MemberData(nameof(Silent))]
    public void Stays_silent_when_the_answer_is_given(string _, string dockerfile) =>
        RuleFixture.Dockerfile(dockerfile).AssertSilent(Rule);

    public static TheoryData<string, string, string> Fixes => new()
    {
        { "install", "FROM python:3.12-slim\nRUN apt-get install libpq5\n", "FROM python:3.12-slim\nRUN apt-get install -y libpq5\n" },
        { "CRLF", "FROM python:3.12-slim\r\nRUN apt-get update && apt-get install libpq5\r\n", "FROM python:3.12-slim\r\nRUN apt-get update && apt-get install -y libpq5\r\n" },
        { "continued over lines",
          "FROM python:3.12-slim\nRUN apt-get update \\\n    && apt-get install --no-install-recommends \\\n        gcc\n",
          "FROM python:3.12-slim\nRUN apt-get update \\\n    && apt-get install -y --no-install-recommends \\\n        gcc\n" },
        { "backtick escape", "# escape=`\nFROM python:3.12-slim\nRUN apt-get update `\n  && apt-get upgrade\n", "# escape=`\nFROM python:3.12-slim\nRUN apt-get update `\n  && apt-get upgrade -y\n" },
        { "each command", "FROM python:3.12-slim\nRUN apt-get install gcc && apt-get purge make\n", "FROM python:3.12-slim\nRUN apt-get install -y gcc && apt-get purge -y make\n" },
    };

    [Theory]
    [MemberData(nameof(Fixes))]
    public void The_fix_adds_y_after_the_subcommand(string _, string before, string after) =>
        Assert.Equal(after, RuleFixture.Dockerfile(before).ApplyFixAndVerify(Rule, "Add -y"));

    [Fact]
    public void The_fix_is_safe() =>
        Assert.Equal(FixSafety.Safe, RuleFixture.Dockerfile("FROM python:3.12-slim\nRUN apt-get install gcc\n").Run(Rule)[0].Fixes[0].Safety);

    [Fact]
    public void Agrees_with_hadolint_DL3014()
    {
        var result = HadolintAgreement.Measure("DL3014", Rule);
        _output.WriteLine(result.Summary("DL3014", Rule));
        Assert.True(result.Agreeing >= 24, result.Summary("DL3014", Rule));
    }
}
