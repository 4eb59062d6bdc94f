using PyDockerLsp.Core.Analysis;
using PyDockerLsp.Core.Tests.Rules.Support;
using Xunit.Abstractions;

namespace PyDockerLsp.Core.Tests.Rules.OsPackages;

/// <summary>PD302 apt-lists-not-removed: the final image's RUNs that install Debian packages delete the lists in the same RUN.</summary>
public class AptListsNotRemovedRuleTests
{
    private const string Rule = "PD302";
    private readonly ITestOutputHelper _output;

    public AptListsNotRemovedRuleTests(ITestOutputHelper output) => _output = output;

    public static TheoryData<string, string> Fires => new()
    {
        { "install without cleanup", "FROM python:3.12-slim\nRUN apt-get update && ⟦apt-get install⟧ -y --no-install-recommends libpq5\n" },
        { "cleanup in a later RUN", "FROM python:3.12-slim\nRUN apt-get update && ⟦apt-get install⟧ -y libpq5\nRUN rm -rf /var/lib/apt/lists/*\n" },
        { "cleanup before the install", "FROM python:3.12-slim\nRUN rm -rf /var/lib/apt/lists/* && apt-get update && ⟦apt-get install⟧ -y libpq5\n" },
        { "rm without a recursive flag", "FROM python:3.12-slim\nRUN apt-get update && ⟦apt-get install⟧ -y libpq5 && rm -f /var/lib/apt/lists/*\n" },
        { "upgrade", "FROM python:3.12-slim\nRUN apt-get update && ⟦apt-get upgrade⟧ -y\n" },
        { "stage the final one is built on", "FROM python:3.12-slim AS base\nRUN apt-get update && ⟦apt-get install⟧ -y libpq5\nFROM base\nCMD [\"python\"]\n" },
        { "cache mount on the archives only", "FROM python:3.12-slim\nRUN --mount=type=cache,target=/var/cache/apt apt-get update && ⟦apt-get install⟧ -y libpq5\n" },
        { "apt front end", "FROM python:3.12-slim\nRUN apt update && ⟦apt install⟧ -y libpq5\n" },
        { "aptitude", "FROM debian:bookworm\nRUN aptitude update && ⟦aptitude install⟧ -y libpq5\n" },
        { "heredoc script", "FROM python:3.12-slim\nRUN <<EOF\napt-get update\n⟦apt-get install⟧ -y curl\nEOF\n" },
        { "ONBUILD trigger, whatever the stage", "FROM python:3.12-slim AS tools\nONBUILD RUN apt-get update && ⟦apt-get install⟧ -y gcc\nFROM python:3.12-slim\nCMD [\"python\"]\n" },
        { "reported once per RUN, on the first install", "FROM python:3.12-slim\nRUN apt-get update && ⟦apt-get install⟧ -y gcc && apt-get install -y make\n" },
    };

    [Theory]
    [MemberData(nameof(Fires))]
    public void Reports_installs_that_leave_the_lists_in_the_final_image(string _, string dockerfile) =>
        RuleFixture.Dockerfile(dockerfile).AssertFindings(Rule);

    public static TheoryData<string, string> Silent => new()
    {
        { "rm -rf after the install", "FROM python:3.12-slim\nRUN apt-get update && apt-get install -y libpq5 && rm -rf /var/lib/apt/lists/*\n" },
        { "rm -fr of the directory", "FROM python:3.12-slim\nRUN apt-get update && apt-get install -y libpq5 && rm -fr /var/lib/apt/lists\n" },
        { "rm -Rf, quoted path", "FROM python:3.12-slim\nRUN apt-get update && apt-get install -y libpq5 && rm -Rf \"/var/lib/apt/lists/\"*\n" },
        { "long options", "FROM python:3.12-slim\nRUN apt-get update && apt-get install -y libpq5 && rm --recursive --force /var/lib/apt/lists/*\n" },
        { "apt-get clean first", "FROM python:3.12-slim\nRUN apt-get update && apt-get install -y libpq5 && apt-get clean && rm -rf /var/lib/apt/lists/* /tmp/*\n" },
        { "purge after the cleanup", "FROM python:3.12-slim\nRUN apt-get update && apt-get install -y gcc && pip install psycopg2 && rm -rf /var/lib/apt/lists/* && apt-get purge -y --auto-remove gcc\n" },
        { "builder stage left behind", "FROM python:3.12-slim AS build\nRUN apt-get update && apt-get install -y gcc\nRUN pip wheel -w /w psycopg2\nFROM python:3.12-slim\nCOPY --from=build /w /w\n" },
        { "cache mount on /var/lib/apt", "FROM python:3.12-slim\nRUN --mount=type=cache,target=/var/lib/apt,sharing=locked --mount=type=cache,target=/var/cache/apt,sharing=locked apt-get update && apt-get install -y libpq5\n" },
        { "cache mount on the lists", "FROM python:3.12-slim\nRUN --mount=type=cache,target=/var/lib/apt/lists apt-get update && apt-get install -y libpq5\n" },
        { "tmpfs on the lists", "FROM python:3.12-slim\nRUN --mount=type=tmpfs,target=/var/lib/apt/lists apt-get update && apt-get install -y libpq5\n" },
        { "apt-get distclean", "FROM python:3.14-slim-trixie\nRUN set -eux; apt-get update; apt-get install -y --no-install-recommends tzdata; apt-get dist-clean\n" },
        { "install-only RUN uses an earlier layer's lists (PD303 reports that update)", "FROM python:3.12-slim\nRUN apt-get update\nRUN apt-get install -y libpq5\n" },
        { "update alone is PD303's", "FROM python:3.12-slim\nRUN apt-get update\n" },
        { "cleanup inside the heredoc", "FROM python:3.12-slim\nRUN <<EOF\napt-get update\napt-get install -y curl\nrm -rf /var/lib/apt/lists/*\nEOF\n" },
        { "no FROM, no final stage", "RUN apt-get update && apt-get install -y libpq5\n" },
        { "suppressed with hadolint's id", "FROM python:3.12-slim\n# hadolint ignore=DL3009\nRUN apt-get update && apt-get install -y libpq5\n" },
    };

    [Theory]
    [MemberData(nameof(Silent))]
    public void Stays_silent_when_the_lists_do_not_reach_the_final_image(string _, string dockerfile) =>
        RuleFixture.Dockerfile(dockerfile).AssertSilent(Rule);

    public static TheoryData<string, string, string> Fixes => new()
    {
        { "one line",
          "FROM python:3.12-slim\nRUN apt-get update && apt-get install -y libpq5\n",
          "FROM python:3.12-slim\nRUN apt-get update && apt-get install -y libpq5 && rm -rf /var/lib/apt/lists/*\n" },
        { "&& at the start of continuation lines",
          "FROM python:3.12-slim\nRUN apt-get update \\\n    && apt-get install -y --no-install-recommends \\\n        gcc \\\n        libpq-dev\n",
          "FROM python:3.12-slim\nRUN apt-get update \\\n    && apt-get install -y --no-install-recommends \\\n        gcc \\\n        libpq-dev \\\n    && rm -rf /var/lib/apt/lists/*\n" },
        { "&& at the end of lines",
          "FROM python:3.12-slim\nRUN apt-get update && \\\n    apt-get install -y \\\n        gcc\n",
          "FROM python:3.12-slim\nRUN apt-get update && \\\n    apt-get install -y \\\n        gcc && \\\n    rm -rf /var/lib/apt/lists/*\n" },
        { "CRLF",
          "FROM python:3.12-slim\r\nRUN apt-get update \\\r\n  && apt-get install -y gcc\r\nCMD [\"python\"]\r\n",
          "FROM python:3.12-slim\r\nRUN apt-get update \\\r\n  && apt-get install -y gcc \\\r\n  && rm -rf /var/lib/apt/lists/*\r\nCMD [\"python\"]\r\n" },
        { "backtick escape",
          "# escape=`\nFROM python:3.12-slim\nRUN apt-get update `\n    && apt-get install -y gcc\n",
          "# escape=`\nFROM python:3.12-slim\nRUN apt-get update `\n    && apt-get install -y gcc `\n    && rm -rf /var/lib/apt/lists/*\n" },
        { "tab indentation",
          "FROM python:3.12-slim\nRUN apt-get update \\\n\t&& apt-get install -y gcc\n",
          "FROM python:3.12-slim\nRUN apt-get update \\\n\t&& apt-get install -y gcc \\\n\t&& rm -rf /var/lib/apt/lists/*\n" },
        { "before a trailing comment",
          "FROM python:3.12-slim\nRUN apt-get update && apt-get install -y gcc # build deps\n",
          "FROM python:3.12-slim\nRUN apt-get update && apt-get install -y gcc && rm -rf /var/lib/apt/lists/* # build deps\n" },
        { "after a trailing semicolon",
          "FROM python:3.12-slim\nRUN apt-get update; apt-get install -y gcc;\n",
          "FROM python:3.12-slim\nRUN apt-get update; apt-get install -y gcc; rm -rf /var/lib/apt/lists/*\n" },
        { "after an if block",
          "FROM python:3.12-slim\nRUN if [ -n \"$DEV\" ]; then apt-get update && apt-get install -y gcc; fi\n",
          "FROM python:3.12-slim\nRUN if [ -n \"$DEV\" ]; then apt-get update && apt-get install -y gcc; fi && rm -rf /var/lib/apt/lists/*\n" },
        { "at the end of the RUN, after later commands",
          "FROM python:3.12-slim\nRUN apt-get update && apt-get install -y gcc && pip install psycopg2 && apt-get purge -y gcc\n",
          "FROM python:3.12-slim\nRUN apt-get update && apt-get install -y gcc && pip install psycopg2 && apt-get purge -y gcc && rm -rf /var/lib/apt/lists/*\n" },
        { "heredoc: a new line before the terminator",
          "FROM python:3.12-slim\nRUN <<EOF\napt-get update\napt-get install -y curl\nEOF\n",
          "FROM python:3.12-slim\nRUN <<EOF\napt-get update\napt-get install -y curl\nrm -rf /var/lib/apt/lists/*\nEOF\n" },
        { "indented heredoc, CRLF",
          "FROM python:3.12-slim\r\nRUN <<EOF\r\n  set -e\r\n  apt-get update\r\n  apt-get install -y \\\r\n      curl\r\nEOF\r\n",
          "FROM python:3.12-slim\r\nRUN <<EOF\r\n  set -e\r\n  apt-get update\r\n  apt-get install -y \\\r\n      curl\r\n  rm -rf /var/lib/apt/lists/*\r\nEOF\r\n" },
        { "mounts and flags stay",
          "FROM python:3.12-slim\nRUN --mount=type=cache,target=/var/cache/apt \\\n    apt-get update && apt-get install -y gcc\n",
          "FROM python:3.12-slim\nRUN --mount=type=cache,target=/var/cache/apt \\\n    apt-get update && apt-get install -y gcc \\\n    && rm -rf /var/lib/apt/lists/*\n" },
    };

    [Theory]
    [MemberData(nameof(Fixes))]
    public void The_fix_appends_the_cleanup_in_the_RUNs_style(string _, string before, string after) =>
        Assert.Equal(after, RuleFixture.Dockerfile(before).ApplyFixAndVerify(Rule, "Remove the apt lists"));

    [Fact]
    public void The_fix_is_unsafe_when_a_later_RUN_relies_on_the_lists()
    {
        var relied = Assert.Single(RuleFixture.Dockerfile("FROM python:3.12-slim\nRUN apt-get update && apt-get install -y gcc\nRUN apt-get install -y make\n").Run(Rule));
        Assert.Equal(FixSafety.Unsafe, relied.Fixes[0].Safety);
        var own = Assert.Single(RuleFixture.Dockerfile("FROM python:3.12-slim\nRUN apt-get update && apt-get install -y gcc\nRUN apt-get update && apt-get install -y make && rm -rf /var/lib/apt/lists/*\n").Run(Rule));
        Assert.Equal(FixSafety.Safe, own.Fixes[0].Safety);
    }

    [Fact]
    public void No_fix_when_the_command_line_ends_in_the_background()
    {
        var finding = Assert.Single(RuleFixture.Dockerfile("FROM python:3.12-slim\nRUN apt-get update && apt-get install -y gcc &\n").Run(Rule));
        Assert.DoesNotContain(finding.Fixes, f => f.Title.Contains("apt lists", StringComparison.Ordinal));
    }

    [Fact]
    public void Agrees_with_hadolint_DL3009_where_the_snippet_has_stages()
    {
        var all = HadolintAgreement.Measure("DL3009", Rule);
        var comparable = HadolintAgreement.Measure("DL3009", Rule, c => c.HasFrom);
        _output.WriteLine(all.Summary("DL3009", Rule));
        _output.WriteLine(comparable.Summary("DL3009", Rule));
        Assert.True(comparable.Agreeing >= 22, comparable.Summary("DL3009", Rule));
        Assert.True(all.Agreeing >= 37, all.Summary("DL3009", Rule));
    }
}
