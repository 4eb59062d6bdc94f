using PyDockerLsp.Core.Tests.Rules.Support;

namespace PyDockerLsp.Core.Tests.Rules.Manifests;

/// <summary>PD806 dev-tool-in-runtime-requirements: test runners and linters in a requirements file that ships.</summary>
public class DevToolInRuntimeRequirementsRuleTests
{
    private const string Rule = "PD806";

    public static TheoryData<string, RuleFixture> Fires => new()
    {
        { "pytest in the runtime requirements", RuleFixture.Dockerfile("FROM python:3.12-slim\nCOPY requirements.txt .\nRUN pip install -r requirements.txt\n")
            .File("requirements.txt", "flask==3.1.0\n⟦pytest⟧==8.3.4\n⟦pytest-cov⟧==6.0.0\n") },
        { "a linter in an included runtime file", RuleFixture.Dockerfile("FROM python:3.12-slim AS build\nCOPY requirements /req\nRUN pip install --prefix /install -r /req/prod.txt\nFROM python:3.12-slim\nCOPY --from=build /install /usr/local\n")
            .File("requirements/prod.txt", "-r base.txt\n").File("requirements/base.txt", "django==5.1.4\n⟦ruff⟧==0.8.0\n") },
    };

    [Theory]
    [MemberData(nameof(Fires))]
    public void Reports_development_tools_on_the_requirement_line(string _, RuleFixture fixture) => fixture.AssertFindings(Rule);

    public static TheoryData<string, RuleFixture> Silent => new()
    {
        { "runtime packages only", RuleFixture.Dockerfile("FROM python:3.12-slim\nCOPY requirements.txt .\nRUN pip install -r requirements.txt\n").File("requirements.txt", "flask==3.1.0\n") },
        { "a development file is PD204's", RuleFixture.Dockerfile("FROM python:3.12-slim\nCOPY requirements-dev.txt .\nRUN pip install -r requirements-dev.txt\n").File("requirements-dev.txt", "pytest==8.3.4\n") },
        { "a test stage nobody ships", RuleFixture.Dockerfile("FROM python:3.12-slim AS test\nCOPY requirements.txt .\nRUN pip install -r requirements.txt\nFROM python:3.12-slim\n").File("requirements.txt", "pytest==8.3.4\n") },
        { "a builder that hands over wheels only", RuleFixture.Dockerfile("FROM python:3.12-slim AS build\nCOPY requirements.txt .\nRUN pip install -r requirements.txt && pip wheel -w /wheels .\nFROM python:3.12-slim\nCOPY --from=build /wheels /wheels\n")
            .File("requirements.txt", "black==24.10.0\n") },
    };

    [Theory]
    [MemberData(nameof(Silent))]
    public void Stays_silent_for_runtime_requirements_and_stages_that_do_not_ship(string _, RuleFixture fixture) => fixture.AssertSilent(Rule);

    [Fact]
    public void The_finding_is_information_and_points_at_the_install()
    {
        var finding = Assert.Single(RuleFixture.Dockerfile("FROM python:3.12-slim\nCOPY requirements.txt .\nRUN pip install -r requirements.txt\n")
            .File("requirements.txt", "mypy==1.13.0\n").Run(Rule));
        Assert.Equal(Analysis.Severity.Information, finding.Severity);
        Assert.Equal("/project/Dockerfile", Assert.Single(finding.Related).Path);
    }
}
