using PyDockerLsp.Core.Tests.Rules.Support;

namespace PyDockerLsp.Core.Tests.Rules.BaseImage;

/// <summary>PD102 alpine-with-native-wheels: packages with C extensions compile on musl; slim installs wheels.</summary>
public class AlpineWithNativeWheelsRuleTests
{
    private const string Rule = "PD102";

    public static TheoryData<string, RuleFixture> Fires => new()
    {
        { "packages named in RUN", RuleFixture.Dockerfile("FROM python:⟦3.12-alpine⟧\nRUN pip install numpy==2.1.0 pandas==2.2.3\n") },
        { "a requirements file copied and installed", RuleFixture.Dockerfile("FROM python:⟦3.12-alpine3.20⟧\nWORKDIR /app\nCOPY requirements.txt .\nRUN pip install -r requirements.txt\n")
            .File("requirements.txt", "flask==3.1.0\npsycopg2==2.9.10\n") },
        { "pyproject dependencies installed with the project", RuleFixture.Dockerfile("FROM python:⟦3.12-alpine⟧\nCOPY . /app\nRUN pip install /app/.\n")
            .File("pyproject.toml", "[project]\nname = \"app\"\ndependencies = [\"lxml>=5\"]\n") },
        { "an alpine builder that the slim final stage copies from", RuleFixture.Dockerfile(
            "FROM python:⟦3.12-alpine⟧ AS build\nRUN pip install --prefix /install scipy==1.14.1\nFROM python:3.12-slim\nCOPY --from=build /install /usr/local\n") },
        { "plain alpine with the distribution's Python", RuleFixture.Dockerfile("FROM alpine:⟦3.20⟧\nRUN apk add py3-pip && pip install cryptography==43.0.0\n") },
    };

    [Theory]
    [MemberData(nameof(Fires))]
    public void Reports_alpine_stages_that_compile_native_packages(string _, RuleFixture fixture) => fixture.AssertFindings(Rule);

    public static TheoryData<string, RuleFixture> Silent => new()
    {
        { "slim image", RuleFixture.Dockerfile("FROM python:3.12-slim\nRUN pip install numpy==2.1.0\n") },
        { "pure-Python packages on alpine", RuleFixture.Dockerfile("FROM python:3.12-alpine\nRUN pip install flask==3.1.0 requests==2.32.3\n") },
        { "a requirements file without native packages", RuleFixture.Dockerfile("FROM python:3.12-alpine\nCOPY requirements.txt .\nRUN pip install -r requirements.txt\n")
            .File("requirements.txt", "flask==3.1.0\n") },
        { "an alpine stage outside the final build", RuleFixture.Dockerfile("FROM python:3.12-alpine AS experiment\nRUN pip install numpy==2.1.0\nFROM python:3.12-slim\n") },
        { "suppressed", RuleFixture.Dockerfile("# pydocker: ignore=PD102\nFROM python:3.12-alpine\nRUN pip install numpy==2.1.0\n") },
    };

    [Theory]
    [MemberData(nameof(Silent))]
    public void Stays_silent_without_native_packages_on_musl(string _, RuleFixture fixture) => fixture.AssertSilent(Rule);

    [Fact]
    public void The_related_locations_point_at_the_native_requirements()
    {
        var finding = Assert.Single(RuleFixture.Dockerfile("FROM python:3.12-alpine\nCOPY requirements.txt .\nRUN pip install -r requirements.txt\n")
            .File("requirements.txt", "flask==3.1.0\npsycopg2==2.9.10\n").Run(Rule));
        var related = Assert.Single(finding.Related);
        Assert.Equal("/project/requirements.txt", related.Path);
        Assert.Equal(1, related.Range.Start.Line);
        Assert.Contains("psycopg2", finding.Message, StringComparison.Ordinal);
    }

    public static TheoryData<RuleFixture, string> Fixes => new()
    {
        { RuleFixture.Dockerfile("FROM python:3.12-alpine\nRUN pip install numpy==2.1.0\n"), "FROM python:3.12-slim\nRUN pip install numpy==2.1.0\n" },
        { RuleFixture.Dockerfile("FROM python:3.11-alpine3.20 AS build\r\nRUN pip install pandas==2.2.3\r\nFROM build\r\n"), "FROM python:3.11-slim AS build\r\nRUN pip install pandas==2.2.3\r\nFROM build\r\n" },
        { RuleFixture.Dockerfile("# escape=`\nFROM python:3.12-alpine `\n  AS app\nRUN pip install lxml==5.3.0\n"), "# escape=`\nFROM python:3.12-slim `\n  AS app\nRUN pip install lxml==5.3.0\n" },
    };

    [Theory]
    [MemberData(nameof(Fixes))]
    public void The_fix_switches_to_the_slim_variant(RuleFixture fixture, string expected) =>
        Assert.Equal(expected, fixture.ApplyFixAndVerify(Rule, "Use python:"));
}
