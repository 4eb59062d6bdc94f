using PyDockerLsp.Core.Tests.Rules.Support;

namespace PyDockerLsp.Core.Tests.Rules.BuildContext;

/// <summary>PD603 dockerignore-excludes-needed: .dockerignore must not leave out what COPY names or the build reads.</summary>
public class DockerignoreExcludesNeededRuleTests
{
    private const string Rule = "PD603";

    private const string Hatch = "[project]\nname = \"app\"\nreadme = \"README.md\"\nlicense-files = [\"LICEN[CS]E*\"]\n[build-system]\nrequires = [\"hatchling\"]\nbuild-backend = \"hatchling.build\"\n";

    public static TheoryData<string, RuleFixture> Fires => new()
    {
        { "the readme the build reads", RuleFixture.Dockerfile("FROM python:3.12-slim\nCOPY . /app\nRUN pip install /app/.\n")
            .File("pyproject.toml", Hatch).File("README.md", "# app\n").File(".dockerignore", ".git\n⟦*.md⟧\n") },
        { "the license the build reads", RuleFixture.Dockerfile("FROM python:3.12-slim\nWORKDIR /app\nCOPY . .\nRUN uv sync --locked\n")
            .File("pyproject.toml", Hatch).File("LICENSE", "MIT\n").File(".dockerignore", "⟦LICENSE⟧\n") },
        { "a folder a COPY names", RuleFixture.Dockerfile("FROM python:3.12-slim\nCOPY ⟦src⟧ /app/src\n")
            .File("src/app.py", "").File(".dockerignore", "src\n") },
        { "the setuptools dynamic readme", RuleFixture.Dockerfile("FROM python:3.12-slim\nCOPY . /app\nRUN pip install -e /app/.\n")
            .File("pyproject.toml", "[project]\nname = \"a\"\ndynamic = [\"readme\"]\n[tool.setuptools.dynamic]\nreadme = {file = \"README.rst\"}\n")
            .File("README.rst", "a\n").File(".dockerignore", "⟦README*⟧\n") },
    };

    [Theory]
    [MemberData(nameof(Fires))]
    public void Reports_exclusions_of_needed_files(string _, RuleFixture fixture) => fixture.AssertFindings(Rule);

    public static TheoryData<string, RuleFixture> Silent => new()
    {
        { "the readme let back in", RuleFixture.Dockerfile("FROM python:3.12-slim\nCOPY . /app\nRUN pip install /app/.\n")
            .File("pyproject.toml", Hatch).File("README.md", "# app\n").File(".dockerignore", "*.md\n!README.md\n") },
        { "the project is not built in the image", RuleFixture.Dockerfile("FROM python:3.12-slim\nCOPY . /app\nRUN pip install -r /app/requirements.txt\n")
            .File("pyproject.toml", Hatch).File("README.md", "# app\n").File("requirements.txt", "flask==3.1.0\n").File(".dockerignore", "*.md\n") },
        { "uv sync without installing the project", RuleFixture.Dockerfile("FROM python:3.12-slim\nCOPY . /app\nRUN uv sync --locked --no-install-project\n")
            .File("pyproject.toml", Hatch).File("README.md", "# app\n").File(".dockerignore", "*.md\n") },
        { "no .dockerignore", RuleFixture.Dockerfile("FROM python:3.12-slim\nCOPY src /app/src\n").File("src/app.py", "") },
        { "an excluded file nobody names", RuleFixture.Dockerfile("FROM python:3.12-slim\nCOPY src /app/src\n").File("src/app.py", "").File("notes.md", "").File(".dockerignore", "*.md\n") },
        { "a manifest is PD211's", RuleFixture.Dockerfile("FROM python:3.12-slim\nCOPY requirements.txt .\n").File("requirements.txt", "flask==3.1.0\n").File(".dockerignore", "*.txt\n") },
    };

    [Theory]
    [MemberData(nameof(Silent))]
    public void Stays_silent_when_nothing_needed_is_excluded(string _, RuleFixture fixture) => fixture.AssertSilent(Rule);

    [Fact]
    public void The_readme_finding_relates_the_pyproject_key_and_the_build()
    {
        var finding = Assert.Single(RuleFixture.Dockerfile("FROM python:3.12-slim\nCOPY . /app\nRUN pip install /app/.\n")
            .File("pyproject.toml", Hatch).File("README.md", "# app\n").File(".dockerignore", "*.md\n").Run(Rule));
        Assert.Equal("/project/.dockerignore", finding.Path);
        Assert.Equal(new[] { "/project/pyproject.toml", "/project/Dockerfile" }, finding.Related.Select(r => r.Path));
        Assert.Equal(2, finding.Related[0].Range.Start.Line);
    }
}
