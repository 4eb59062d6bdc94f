using PyDockerLsp.Core.Analysis;
using PyDockerLsp.Core.Analysis.Rules.Runtime;
using PyDockerLsp.Core.Tests.Rules.Support;

namespace PyDockerLsp.Core.Tests.Rules.Runtime;

/// <summary>PD501 python-env-missing: the final image should set PYTHONDONTWRITEBYTECODE=1 and PYTHONUNBUFFERED=1.</summary>
public class PythonEnvMissingRuleTests
{
    private const string Rule = "PD501";
    private const string AddFix = "Add the Python ENV";

    public static TheoryData<string, string> Fires => new()
    {
        { "neither set", "⟦FROM⟧ python:3.12-slim\nCMD [\"python\", \"-m\", \"app\"]\n" },
        { "only PYTHONUNBUFFERED set", "⟦FROM⟧ python:3.12-slim\nENV PYTHONUNBUFFERED=1\n" },
        { "set to 0", "⟦FROM⟧ python:3.12-slim\nENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=0\n" },
        { "set empty", "⟦FROM⟧ python:3.12-slim\nENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=\"\"\n" },
        { "unset again later", "⟦FROM⟧ python:3.12-slim\nENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1\nENV PYTHONUNBUFFERED=0\n" },
        { "set only in a builder stage", "FROM python:3.12-slim AS builder\nENV PYTHONUNBUFFERED=1 PYTHONDONTWRITEBYTECODE=1\n⟦FROM⟧ python:3.12-slim\n" },
        { "ARG is not ENV", "⟦FROM⟧ python:3.12-slim\nARG PYTHONUNBUFFERED=1\nARG PYTHONDONTWRITEBYTECODE=1\n" },
        { "distroless Python", "⟦FROM⟧ gcr.io/distroless/python3-debian12\nCMD [\"app.py\"]\n" },
        { "another image that runs Python", "FROM python:3.12-slim AS builder\n⟦FROM⟧ debian:bookworm-slim\nCMD [\"/opt/venv/bin/python\", \"-m\", \"app\"]\n" },
        { "an unresolved image that installs with pip", "ARG BASE\n⟦FROM⟧ ${BASE}\nRUN pip install -r requirements.txt\n" },
        { "a stage built on a python stage", "FROM python:3.12-slim AS base\n⟦from⟧ base\n" },
    };

    [Theory]
    [MemberData(nameof(Fires))]
    public void Reports_the_final_FROM(string _, string dockerfile) =>
        RuleFixture.Dockerfile(dockerfile).AssertFindings(Rule);

    public static TheoryData<string, string> Silent => new()
    {
        { "both set", "FROM python:3.12-slim\nENV PYTHONDONTWRITEBYTECODE=1 \\\n    PYTHONUNBUFFERED=1\n" },
        { "set in separate ENV instructions", "FROM python:3.12-slim\nENV PYTHONDONTWRITEBYTECODE=1\nENV PYTHONUNBUFFERED=1\n" },
        { "inherited from the base stage", "FROM python:3.12-slim AS base\nENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1\nFROM base\nCMD [\"python\"]\n" },
        { "legacy ENV form", "FROM python:3.12-slim\nENV PYTHONDONTWRITEBYTECODE 1\nENV PYTHONUNBUFFERED 1\n" },
        { "other true values", "FROM python:3.12-slim\nENV PYTHONDONTWRITEBYTECODE=yes PYTHONUNBUFFERED=\"true\"\n" },
        { "values from build arguments", "FROM python:3.12-slim\nARG ON=1\nENV PYTHONDONTWRITEBYTECODE=$ON PYTHONUNBUFFERED=${ON}\n" },
        { "an nginx final image", "FROM python:3.12-slim AS docs\nRUN pip install mkdocs && mkdocs build\nFROM nginx:1.27\nCOPY --from=docs /site /usr/share/nginx/html\n" },
        { "scratch", "FROM python:3.12-slim AS build\nFROM scratch\nCOPY --from=build /app /app\n" },
        { "an unknown image that runs no Python", "FROM debian:bookworm-slim\nCMD [\"bash\"]\n" },
        { "no FROM", "ENV A=1\n" },
    };

    [Theory]
    [MemberData(nameof(Silent))]
    public void Stays_silent_when_set_or_not_a_python_image(string _, string dockerfile) =>
        RuleFixture.Dockerfile(dockerfile).AssertSilent(Rule);

    public static TheoryData<string, string> Fixes => new()
    {
        { "FROM python:3.12-slim\nCMD [\"python\"]\n",
          "FROM python:3.12-slim\nENV PYTHONDONTWRITEBYTECODE=1 \\\n    PYTHONUNBUFFERED=1\nCMD [\"python\"]\n" },
        { "FROM python:3.12-slim\nENV PYTHONUNBUFFERED=1\n",
          "FROM python:3.12-slim\nENV PYTHONDONTWRITEBYTECODE=1\nENV PYTHONUNBUFFERED=1\n" },
        { "FROM python:3.12-slim\r\nCMD [\"python\"]\r\n",
          "FROM python:3.12-slim\r\nENV PYTHONDONTWRITEBYTECODE=1 \\\r\n    PYTHONUNBUFFERED=1\r\nCMD [\"python\"]\r\n" },
        { "# escape=`\nFROM python:3.12-slim\nRUN pip install `\n    flask\n",
          "# escape=`\nFROM python:3.12-slim\nENV PYTHONDONTWRITEBYTECODE=1 `\n    PYTHONUNBUFFERED=1\nRUN pip install `\n    flask\n" },
        { "  FROM python:3.12-slim\n  CMD [\"python\"]\n",
          "  FROM python:3.12-slim\n  ENV PYTHONDONTWRITEBYTECODE=1 \\\n      PYTHONUNBUFFERED=1\n  CMD [\"python\"]\n" },
        { "FROM python:3.12-slim", "FROM python:3.12-slim\nENV PYTHONDONTWRITEBYTECODE=1 \\\n    PYTHONUNBUFFERED=1" },
        { "FROM python:3.12 AS builder\nRUN pip wheel -w /w .\nFROM --platform=linux/amd64 python:3.12-slim AS final\nCMD [\"python\"]\n",
          "FROM python:3.12 AS builder\nRUN pip wheel -w /w .\nFROM --platform=linux/amd64 python:3.12-slim AS final\nENV PYTHONDONTWRITEBYTECODE=1 \\\n    PYTHONUNBUFFERED=1\nCMD [\"python\"]\n" },
        { "FROM python:3.12-slim\nENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=0\n",
          "FROM python:3.12-slim\nENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1\n" },
        { "FROM python:3.12-slim AS base\nENV PYTHONUNBUFFERED=0 PYTHONDONTWRITEBYTECODE=1\nFROM base\n",
          "FROM python:3.12-slim AS base\nENV PYTHONUNBUFFERED=0 PYTHONDONTWRITEBYTECODE=1\nFROM base\nENV PYTHONUNBUFFERED=1\n" },
    };

    [Theory]
    [MemberData(nameof(Fixes))]
    public void The_fix_adds_the_missing_variables_after_the_final_FROM(string before, string after) =>
        Assert.Equal(after, RuleFixture.Dockerfile(before).ApplyFixAndVerify(Rule, AddFix));

    [Fact]
    public void The_fix_is_safe_and_preferred()
    {
        var finding = Assert.Single(RuleFixture.Dockerfile("FROM python:3.12-slim\n").Run(Rule));
        var fix = Assert.Single(finding.Fixes, f => f.Title.StartsWith(AddFix, StringComparison.Ordinal));
        Assert.Equal("Add the Python ENV PYTHONDONTWRITEBYTECODE=1 and PYTHONUNBUFFERED=1", fix.Title);
        Assert.Equal(FixSafety.Safe, fix.Safety);
        Assert.True(fix.IsPreferred);
    }

    [Theory]
    [InlineData("1", true)]
    [InlineData("2", true)]
    [InlineData("-1", true)]
    [InlineData("true", true)]
    [InlineData(" 1 ", true)]
    [InlineData("0", false)]
    [InlineData("00", false)]
    [InlineData(" 0", false)]
    [InlineData("", false)]
    public void Reads_values_as_CPython_does(string value, bool enabled) =>
        Assert.Equal(enabled, PythonEnvMissingRule.IsEnabled(value));
}
