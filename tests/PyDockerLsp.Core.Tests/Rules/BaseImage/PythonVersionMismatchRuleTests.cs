using PyDockerLsp.Core.Tests.Rules.Support;

namespace PyDockerLsp.Core.Tests.Rules.BaseImage;

/// <summary>PD104 python-version-mismatch: the base image's Python must be one the project allows.</summary>
public class PythonVersionMismatchRuleTests
{
    private const string Rule = "PD104";

    private static string PyProject(string requiresPython) => $"[project]\nname = \"app\"\nrequires-python = \"{requiresPython}\"\n";

    public static TheoryData<string, RuleFixture> Fires => new()
    {
        { "final stage below requires-python", RuleFixture.Dockerfile("FROM python:⟦3.10-slim⟧\nCMD [\"python\"]\n").File("pyproject.toml", PyProject(">=3.11")) },
        { "final stage above an upper bound", RuleFixture.Dockerfile("FROM python:⟦3.13⟧\n").File("pyproject.toml", PyProject(">=3.10,<3.13")) },
        { "the version comes from an ARG default", RuleFixture.Dockerfile("ARG PY=3.9\nFROM python:⟦${PY}-slim⟧\n").File("pyproject.toml", PyProject(">=3.11")) },
        { "a builder that installs the project", RuleFixture.Dockerfile(
            "FROM python:⟦3.10-slim⟧ AS build\nCOPY . /app\nRUN pip wheel --wheel-dir /wheels /app\nFROM python:3.12-slim\nCOPY --from=build /wheels /wheels\nRUN pip install /wheels/*.whl\n")
            .File("pyproject.toml", PyProject(">=3.11")) },
        { "a builder whose venv the final stage copies", RuleFixture.Dockerfile(
            "FROM python:⟦3.11-slim⟧ AS build\nRUN python -m venv /venv\nFROM python:3.12-slim\nCOPY --from=build /venv /venv\n")
            .File("pyproject.toml", PyProject(">=3.12")) },
        { "Poetry's python constraint", RuleFixture.Dockerfile("FROM python:⟦3.9-slim⟧\n")
            .File("pyproject.toml", "[tool.poetry]\nname = \"app\"\n[tool.poetry.dependencies]\npython = \"^3.11\"\n") },
        { "Pipfile python_version when pipenv installs", RuleFixture.Dockerfile("FROM python:⟦3.11-slim⟧\nCOPY Pipfile Pipfile.lock ./\nRUN pip install pipenv==2024.4.0 && pipenv install --system --deploy\n")
            .File("Pipfile", "[packages]\nflask = \"*\"\n[requires]\npython_version = \"3.12\"\n").File("Pipfile.lock", "{}") },
        { ".python-version when uv installs", RuleFixture.Dockerfile("FROM python:⟦3.11-slim⟧\nCOPY . /app\nWORKDIR /app\nRUN uv sync --locked\n")
            .File("pyproject.toml", PyProject(">=3.10")).File(".python-version", "3.12\n") },
        { ".python-version as the only statement", RuleFixture.Dockerfile("FROM python:⟦3.11-slim⟧\n").File(".python-version", "3.12\n").File("requirements.txt", "flask==3.1.0\n") },
        { "a digest after the tag", RuleFixture.Dockerfile("FROM python:⟦3.10-slim⟧@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef\n").File("pyproject.toml", PyProject(">=3.11")) },
        { "a Dockerfile in docker/ built from the project root", RuleFixture.Dockerfile("FROM python:⟦3.10-slim⟧\nCOPY pyproject.toml /app/\n", "docker/Dockerfile").File("pyproject.toml", PyProject(">=3.11")) },
    };

    [Theory]
    [MemberData(nameof(Fires))]
    public void Reports_a_base_image_the_project_does_not_allow(string _, RuleFixture fixture) => fixture.AssertFindings(Rule);

    public static TheoryData<string, RuleFixture> Silent => new()
    {
        { "allowed version", RuleFixture.Dockerfile("FROM python:3.12-slim\n").File("pyproject.toml", PyProject(">=3.11")) },
        { "allowed patch release", RuleFixture.Dockerfile("FROM python:3.12.4-slim\n").File("pyproject.toml", PyProject("~=3.12.0")) },
        { "no constraint", RuleFixture.Dockerfile("FROM python:3.8\n").File("pyproject.toml", "[project]\nname = \"app\"\n") },
        { "no project", RuleFixture.Dockerfile("FROM python:3.8\n") },
        { "not a Python image", RuleFixture.Dockerfile("FROM debian:bookworm-slim\n").File("pyproject.toml", PyProject(">=3.11")) },
        { "major-only tag says nothing about the minor", RuleFixture.Dockerfile("FROM python:3-slim\n").File("pyproject.toml", PyProject(">=3.11")) },
        { "a test stage nobody ships", RuleFixture.Dockerfile("FROM python:3.9-slim AS oldtest\nRUN python -V\nFROM python:3.12-slim\n").File("pyproject.toml", PyProject(">=3.11")) },
        { "Pipfile python_version without pipenv in the image", RuleFixture.Dockerfile("FROM python:3.11-slim\nRUN pip install checkov==3.2.0\n")
            .File("Pipfile", "[packages]\nflask = \"*\"\n[requires]\npython_version = \"3.9\"\n") },
        { ".python-version beside requires-python when pip installs", RuleFixture.Dockerfile("FROM python:3.11-slim\nCOPY . /app\nRUN pip install /app\n")
            .File("pyproject.toml", PyProject(">=3.10")).File(".python-version", "3.12\n") },
        { "unreadable constraint", RuleFixture.Dockerfile("FROM python:3.8\n").File("pyproject.toml", PyProject("three point twelve")) },
        { "suppressed", RuleFixture.Dockerfile("# pydocker: ignore=PD104\nFROM python:3.10-slim\n").File("pyproject.toml", PyProject(">=3.11")) },
    };

    [Theory]
    [MemberData(nameof(Silent))]
    public void Stays_silent_when_the_image_fits_or_nothing_binds_it(string _, RuleFixture fixture) => fixture.AssertSilent(Rule);

    [Fact]
    public void The_message_names_the_constraint_and_the_related_location_points_at_it()
    {
        var finding = Assert.Single(RuleFixture.Dockerfile("FROM python:3.10-slim\n").File("pyproject.toml", PyProject(">=3.11,<3.13")).Run(Rule));
        Assert.Contains("requires-python in pyproject.toml asks for >=3.11,<3.13", finding.Message, StringComparison.Ordinal);
        var related = Assert.Single(finding.Related);
        Assert.Equal("/project/pyproject.toml", related.Path);
        Assert.Equal(2, related.Range.Start.Line);
        Assert.Equal(">=3.11,<3.13".Length, related.Span.Length);
        Assert.Equal(PyProject(">=3.11,<3.13").IndexOf(">=3.11", StringComparison.Ordinal), related.Span.Start);
    }

    public static TheoryData<RuleFixture, string, string> Fixes => new()
    {
        { RuleFixture.Dockerfile("FROM python:3.9-slim AS base\nFROM base\n").File("pyproject.toml", PyProject(">=3.10,<3.13")),
          "Use python:3.12-slim (requires-python >=3.10,<3.13 in pyproject.toml)", "FROM python:3.12-slim AS base\nFROM base\n" },
        { RuleFixture.Dockerfile("FROM python:3.9-bookworm\r\nCMD [\"python\"]\r\n").File("pyproject.toml", PyProject(">=3.10,<3.12")),
          "Use python:3.11-bookworm", "FROM python:3.11-bookworm\r\nCMD [\"python\"]\r\n" },
        { RuleFixture.Dockerfile("FROM python:3.10-slim@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef\n").File("pyproject.toml", PyProject(">=3.11,<3.13")),
          "Use python:3.12-slim", "FROM python:3.12-slim\n" },
        { RuleFixture.Dockerfile("ARG PYTHON_VERSION=\"3.9\"\nFROM python:${PYTHON_VERSION}-slim\n").File("pyproject.toml", PyProject(">=3.10,<3.13")),
          "Set PYTHON_VERSION to 3.12 (requires-python", "ARG PYTHON_VERSION=\"3.12\"\nFROM python:${PYTHON_VERSION}-slim\n" },
        { RuleFixture.Dockerfile("# escape=`\nFROM python:3.13-slim\n").File("pyproject.toml", "[tool.poetry.dependencies]\npython = \">=3.10,<3.13\"\n"),
          "Use python:3.12-slim ([tool.poetry.dependencies] python >=3.10,<3.13 in pyproject.toml)", "# escape=`\nFROM python:3.12-slim\n" },
    };

    [Theory]
    [MemberData(nameof(Fixes))]
    public void The_fix_uses_the_newest_allowed_version_and_names_the_source(RuleFixture fixture, string title, string expected) =>
        Assert.Equal(expected, fixture.ApplyFixAndVerify(Rule, title));

    [Fact]
    public void The_newest_version_must_satisfy_every_binding_constraint()
    {
        var fixture = RuleFixture.Dockerfile("FROM python:3.10-slim\nCOPY . /app\nRUN uv sync --locked\n")
            .File("pyproject.toml", PyProject(">=3.11")).File(".python-version", "3.12\n");
        var fix = Assert.Single(Assert.Single(fixture.Run(Rule)).Fixes, f => f.Title.StartsWith("Use", StringComparison.Ordinal));
        Assert.StartsWith("Use python:3.12-slim", fix.Title, StringComparison.Ordinal);
        Assert.Equal(Analysis.FixSafety.Unsafe, fix.Safety);
    }
}
