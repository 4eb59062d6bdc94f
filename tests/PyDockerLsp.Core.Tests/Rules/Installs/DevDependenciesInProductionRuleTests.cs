using PyDockerLsp.Core.Tests.Rules.Support;

namespace PyDockerLsp.Core.Tests.Rules.Installs;

/// <summary>PD204 dev-dependencies-in-production: only runtime dependencies belong in the shipped image.</summary>
public class DevDependenciesInProductionRuleTests
{
    private const string Rule = "PD204";

    private const string UvProject = "[project]\nname = \"app\"\ndependencies = [\"fastapi==0.115.0\"]\n[dependency-groups]\ndev = [\"pytest==8.3.4\", \"ruff==0.8.0\"]\n";
    private const string PoetryProject = "[tool.poetry]\nname = \"app\"\n[tool.poetry.dependencies]\npython = \"^3.12\"\nflask = \"^3.1\"\n[tool.poetry.group.dev.dependencies]\npytest = \"^8.3\"\n";

    public static TheoryData<string, RuleFixture> Fires => new()
    {
        { "uv sync installs the dev group by default", RuleFixture.Dockerfile("FROM python:3.12-slim\nCOPY . /app\nWORKDIR /app\nRUN uv ⟦sync⟧ --locked\n").File("pyproject.toml", UvProject) },
        { "uv sync in a builder whose venv ships", RuleFixture.Dockerfile(
            "FROM python:3.12-slim AS build\nWORKDIR /app\nCOPY . .\nRUN uv ⟦sync⟧ --locked\nFROM python:3.12-slim\nCOPY --from=build /app/.venv /app/.venv\n").File("pyproject.toml", UvProject) },
        { "uv sync with --all-groups", RuleFixture.Dockerfile("FROM python:3.12-slim\nRUN uv sync --locked ⟦--all-groups⟧\n").File("pyproject.toml", UvProject) },
        { "uv export without --no-dev in the final build", RuleFixture.Dockerfile(
            "FROM python:3.12-slim AS export\nRUN uv ⟦export⟧ --locked -o /requirements.txt\nFROM python:3.12-slim\nCOPY --from=export /requirements.txt .\nRUN pip install -r requirements.txt\n").File("pyproject.toml", UvProject) },
        { "poetry install without --only main", RuleFixture.Dockerfile("FROM python:3.12-slim\nCOPY . .\nRUN poetry ⟦install⟧ --no-root\n").File("pyproject.toml", PoetryProject) },
        { "poetry install --with dev", RuleFixture.Dockerfile("FROM python:3.12-slim\nRUN poetry install --without docs --with ⟦dev⟧\n").File("pyproject.toml", PoetryProject) },
        { "pipenv install --dev", RuleFixture.Dockerfile("FROM python:3.12-slim\nRUN pipenv install --system ⟦--dev⟧\n") },
        { "a development requirements file", RuleFixture.Dockerfile("FROM python:3.12-slim\nCOPY requirements-dev.txt .\nRUN pip install -r ⟦requirements-dev.txt⟧\n").File("requirements-dev.txt", "pytest==8.3.4\n") },
        { "a test extra", RuleFixture.Dockerfile("FROM python:3.12-slim\nCOPY . /app\nRUN pip install ⟦/app[test]⟧\n") },
        { "a development tool named in RUN", RuleFixture.Dockerfile("FROM python:3.12-slim\nRUN pip install flask==3.1.0 ⟦pytest==8.3.4⟧\n") },
    };

    [Theory]
    [MemberData(nameof(Fires))]
    public void Reports_development_dependencies_in_the_shipped_image(string _, RuleFixture fixture) => fixture.AssertFindings(Rule);

    public static TheoryData<string, RuleFixture> Silent => new()
    {
        { "uv sync --no-dev", RuleFixture.Dockerfile("FROM python:3.12-slim\nRUN uv sync --locked --no-dev\n").File("pyproject.toml", UvProject) },
        { "UV_NO_DEV in the environment", RuleFixture.Dockerfile("FROM python:3.12-slim\nENV UV_NO_DEV=1\nRUN uv sync --locked\n").File("pyproject.toml", UvProject) },
        { "UV_NO_DEV before the command", RuleFixture.Dockerfile("FROM python:3.12-slim\nRUN UV_NO_DEV=1 uv sync --locked\n").File("pyproject.toml", UvProject) },
        { "uv sync without a dev group", RuleFixture.Dockerfile("FROM python:3.12-slim\nRUN uv sync --locked\n").File("pyproject.toml", "[project]\nname = \"app\"\n") },
        { "uv sync of the dev group in a test stage nobody ships", RuleFixture.Dockerfile(
            "FROM python:3.12-slim AS test\nRUN uv sync --locked\nRUN pytest\nFROM python:3.12-slim\nRUN uv sync --locked --no-dev\n").File("pyproject.toml", UvProject) },
        { "a builder that hands over only wheels", RuleFixture.Dockerfile(
            "FROM python:3.12-slim AS build\nRUN pip install flake8==7.1.1\nRUN pip wheel --wheel-dir /wheels -r requirements.txt\nFROM python:3.12-slim\nCOPY --from=build /wheels /wheels\nCOPY --from=build /requirements.txt .\n") },
        { "poetry install --only main", RuleFixture.Dockerfile("FROM python:3.12-slim\nRUN poetry install --only main --no-root\n").File("pyproject.toml", PoetryProject) },
        { "poetry install --only=main", RuleFixture.Dockerfile("FROM python:3.12-slim\nRUN poetry install --only=main\n").File("pyproject.toml", PoetryProject) },
        { "poetry install --without dev", RuleFixture.Dockerfile("FROM python:3.12-slim\nRUN poetry install --without dev\n").File("pyproject.toml", PoetryProject) },
        { "an optional dev group", RuleFixture.Dockerfile("FROM python:3.12-slim\nRUN poetry install\n")
            .File("pyproject.toml", "[tool.poetry]\nname = \"app\"\n[tool.poetry.group.dev]\noptional = true\n[tool.poetry.group.dev.dependencies]\npytest = \"^8\"\n") },
        { "pipenv install --deploy", RuleFixture.Dockerfile("FROM python:3.12-slim\nRUN pipenv install --system --deploy\n") },
        { "requirements-docker.txt is not a development file", RuleFixture.Dockerfile("FROM python:3.12-slim\nCOPY requirements-docker.txt .\nRUN pip install -r requirements-docker.txt\n").File("requirements-docker.txt", "flask==3.1.0\n") },
        { "the all extra", RuleFixture.Dockerfile("FROM python:3.12-slim\nCOPY . /app\nRUN pip install /app[all]\n") },
        { "an image whose final stage is the development one", RuleFixture.Dockerfile("FROM python:3.12-slim AS base\nFROM base AS dev\nRUN pip install pytest==8.3.4\n") },
        { "a Jupyter notebook image", RuleFixture.Dockerfile("ARG BASE_IMAGE=quay.io/jupyter/base-notebook\nFROM $BASE_IMAGE\nRUN pip install --no-cache-dir 'flake8'\n") },
    };

    [Theory]
    [MemberData(nameof(Silent))]
    public void Stays_silent_for_runtime_installs_and_stages_that_do_not_ship(string _, RuleFixture fixture) => fixture.AssertSilent(Rule);

    public static TheoryData<RuleFixture, string, string> Fixes => new()
    {
        { RuleFixture.Dockerfile("FROM python:3.12-slim\nRUN uv sync --locked\n").File("pyproject.toml", UvProject), "Add --no-dev", "FROM python:3.12-slim\nRUN uv sync --no-dev --locked\n" },
        { RuleFixture.Dockerfile("FROM python:3.12-slim\r\nRUN --mount=type=cache,target=/root/.cache/uv \\\r\n    uv sync \\\r\n    --locked\r\n").File("pyproject.toml", UvProject),
          "Add --no-dev", "FROM python:3.12-slim\r\nRUN --mount=type=cache,target=/root/.cache/uv \\\r\n    uv sync --no-dev \\\r\n    --locked\r\n" },
        { RuleFixture.Dockerfile("FROM python:3.12-slim\nRUN poetry install --no-root\n").File("pyproject.toml", PoetryProject), "Add --only main", "FROM python:3.12-slim\nRUN poetry install --only main --no-root\n" },
        { RuleFixture.Dockerfile("FROM python:3.12-slim\nRUN pipenv install --dev --system\n"), "Remove --dev", "FROM python:3.12-slim\nRUN pipenv install --system\n" },
        { RuleFixture.Dockerfile("# escape=`\nFROM python:3.12-slim\nRUN pipenv install --system `\n    --dev `\n    --deploy\n"), "Remove --dev", "# escape=`\nFROM python:3.12-slim\nRUN pipenv install --system `\n    `\n    --deploy\n" },
        { RuleFixture.Dockerfile("FROM python:3.12-slim\nRUN uv sync --dev\n").File("pyproject.toml", UvProject), "Replace --dev with --no-dev", "FROM python:3.12-slim\nRUN uv sync --no-dev\n" },
    };

    [Theory]
    [MemberData(nameof(Fixes))]
    public void The_fix_installs_only_the_runtime_dependencies(RuleFixture fixture, string title, string expected) =>
        Assert.Equal(expected, fixture.ApplyFixAndVerify(Rule, title));

    [Fact]
    public void The_uv_finding_points_at_the_dev_group()
    {
        var finding = Assert.Single(RuleFixture.Dockerfile("FROM python:3.12-slim\nRUN uv sync --locked\n").File("pyproject.toml", UvProject).Run(Rule));
        Assert.Contains("pytest, ruff", finding.Message, StringComparison.Ordinal);
        Assert.Equal("/project/pyproject.toml", Assert.Single(finding.Related).Path);
        Assert.All(finding.Fixes, f => Assert.Equal(Analysis.FixSafety.Unsafe, f.Safety));
    }

    [Fact]
    public void A_workspace_member_synced_with_package_is_judged_by_its_own_dev_group()
    {
        var fixture = RuleFixture.Dockerfile("FROM python:3.12-slim\nRUN uv ⟦sync⟧ --frozen --package api\n")
            .File("pyproject.toml", "[tool.uv.workspace]\nmembers = [\"services/*\"]\n[dependency-groups]\ndev = [\"prek==0.1\"]\n")
            .File("services/api/pyproject.toml", "[project]\nname = \"api\"\n[dependency-groups]\ndev = [\"mypy==1.13.0\"]\n");
        var finding = Assert.Single(fixture.AssertFindings(Rule));
        Assert.Contains("mypy", finding.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("prek", finding.Message, StringComparison.Ordinal);
    }
}
