using PyDockerLsp.Core.Analysis;
using PyDockerLsp.Core.Tests.Rules.Support;

namespace PyDockerLsp.Core.Tests.Rules.Installs;

/// <summary>PD205 unfrozen-install: with a lock file in the project, the install must install exactly the lock.</summary>
public class UnfrozenInstallRuleTests
{
    private const string Rule = "PD205";

    private const string PyProject = "[project]\nname = \"app\"\ndependencies = [\"flask==3.1.0\"]\n";

    private static RuleFixture Uv(string dockerfile) => RuleFixture.Dockerfile(dockerfile).File("pyproject.toml", PyProject).File("uv.lock", "version = 1\n");
    private static RuleFixture Poetry(string dockerfile) => RuleFixture.Dockerfile(dockerfile).File("pyproject.toml", "[tool.poetry]\nname = \"app\"\n").File("poetry.lock", "[metadata]\n");
    private static RuleFixture Pipenv(string dockerfile) => RuleFixture.Dockerfile(dockerfile).File("Pipfile", "[packages]\nflask = \"*\"\n").File("Pipfile.lock", "{}");

    public static TheoryData<string, RuleFixture> Fires => new()
    {
        { "uv sync without --locked", Uv("FROM python:3.12-slim\nWORKDIR /app\nCOPY pyproject.toml uv.lock ./\nRUN uv ⟦sync⟧ --no-dev\n") },
        { "uv sync with the lock bind-mounted but not enforced", Uv("FROM python:3.12-slim\nWORKDIR /app\nRUN --mount=type=bind,source=uv.lock,target=uv.lock --mount=type=bind,source=pyproject.toml,target=pyproject.toml uv ⟦sync⟧\n") },
        { "uv sync before the lock is copied", Uv("FROM python:3.12-slim\nWORKDIR /app\nCOPY pyproject.toml ./\nRUN uv ⟦sync⟧ --frozen\n") },
        { "the lock excluded by .dockerignore", Uv("FROM python:3.12-slim\nWORKDIR /app\nCOPY . .\nRUN uv ⟦sync⟧ --locked\n").File(".dockerignore", "*.lock\n") },
        { "poetry install without the lock", Poetry("FROM python:3.12-slim\nWORKDIR /app\nCOPY pyproject.toml ./\nRUN poetry ⟦install⟧ --only main\n") },
        { "pipenv install without --deploy", Pipenv("FROM python:3.12-slim\nCOPY Pipfile Pipfile.lock ./\nRUN pipenv ⟦install⟧ --system\n") },
    };

    [Theory]
    [MemberData(nameof(Fires))]
    public void Reports_installs_that_may_not_follow_the_lock(string _, RuleFixture fixture) => fixture.AssertFindings(Rule);

    public static TheoryData<string, RuleFixture> Silent => new()
    {
        { "uv sync --locked", Uv("FROM python:3.12-slim\nWORKDIR /app\nCOPY pyproject.toml uv.lock ./\nRUN uv sync --locked --no-dev\n") },
        { "uv sync --frozen", Uv("FROM python:3.12-slim\nWORKDIR /app\nCOPY . .\nRUN uv sync --frozen\n") },
        { "UV_LOCKED in the environment", Uv("FROM python:3.12-slim\nENV UV_LOCKED=1\nWORKDIR /app\nCOPY . .\nRUN uv sync\n") },
        { "no lock in the project", RuleFixture.Dockerfile("FROM python:3.12-slim\nCOPY . .\nRUN uv sync\n").File("pyproject.toml", PyProject) },
        { "poetry install with the lock", Poetry("FROM python:3.12-slim\nWORKDIR /app\nCOPY pyproject.toml poetry.lock ./\nRUN poetry install --only main\n") },
        { "pipenv install --deploy", Pipenv("FROM python:3.12-slim\nCOPY Pipfile Pipfile.lock ./\nRUN pipenv install --system --deploy\n") },
        { "pipenv sync", Pipenv("FROM python:3.12-slim\nCOPY Pipfile Pipfile.lock ./\nRUN pipenv sync --system\n") },
        { "pipenv install of one package", Pipenv("FROM python:3.12-slim\nRUN pipenv install requests\n") },
        { "a sub-project folder whose files are not the context's", Uv("FROM python:3.12-slim\nWORKDIR /app\nCOPY tools/ ./\nRUN uv sync\n") },
    };

    [Theory]
    [MemberData(nameof(Silent))]
    public void Stays_silent_when_the_lock_is_enforced(string _, RuleFixture fixture) => fixture.AssertSilent(Rule);

    [Fact]
    public void Adding_locked_is_safe_and_frozen_is_offered_as_unsafe()
    {
        var finding = Assert.Single(Uv("FROM python:3.12-slim\nCOPY . .\nRUN uv sync\n").Run(Rule));
        Assert.Equal(FixSafety.Safe, Assert.Single(finding.Fixes, f => f.Title == "Add --locked to uv sync").Safety);
        Assert.Equal(FixSafety.Unsafe, Assert.Single(finding.Fixes, f => f.Title == "Add --frozen to uv sync").Safety);
        Assert.True(finding.Fixes.First().IsPreferred);
    }

    public static TheoryData<RuleFixture, string, string> Fixes => new()
    {
        { Uv("FROM python:3.12-slim\nCOPY . .\nRUN uv sync --no-dev\n"), "Add --locked", "FROM python:3.12-slim\nCOPY . .\nRUN uv sync --locked --no-dev\n" },
        { Uv("FROM python:3.12-slim\r\nCOPY . .\r\nRUN uv sync \\\r\n  --no-dev\r\n"), "Add --frozen", "FROM python:3.12-slim\r\nCOPY . .\r\nRUN uv sync --frozen \\\r\n  --no-dev\r\n" },
        { Pipenv("FROM python:3.12-slim\nCOPY Pipfile Pipfile.lock ./\nRUN pipenv install --system\n"), "Add --deploy", "FROM python:3.12-slim\nCOPY Pipfile Pipfile.lock ./\nRUN pipenv install --deploy --system\n" },
        { Poetry("FROM python:3.12-slim\nWORKDIR /app\nCOPY pyproject.toml ./\nRUN poetry install --only main\n"), "Copy poetry.lock", "FROM python:3.12-slim\nWORKDIR /app\nCOPY pyproject.toml poetry.lock ./\nRUN poetry install --only main\n" },
        { Uv("# escape=`\nFROM python:3.12-slim\nCOPY pyproject.toml /app/\nWORKDIR /app\nRUN uv sync --frozen\n"), "Copy uv.lock", "# escape=`\nFROM python:3.12-slim\nCOPY pyproject.toml uv.lock /app/\nWORKDIR /app\nRUN uv sync --frozen\n" },
    };

    [Theory]
    [MemberData(nameof(Fixes))]
    public void The_fix_makes_the_install_follow_the_lock(RuleFixture fixture, string title, string expected) =>
        Assert.Equal(expected, fixture.ApplyFixAndVerify(Rule, title));

    [Fact]
    public void Fix_all_takes_the_safe_locked_and_deploy_fixes_once_and_leaves_the_unsafe_ones()
    {
        var fs = new IO.InMemoryFileSystem()
            .Add("/project/Dockerfile", "FROM python:3.12-slim\nCOPY . .\nRUN uv sync\nRUN pipenv install --system\n")
            .Add("/project/pyproject.toml", PyProject + "[dependency-groups]\ndev = [\"pytest==8.3.4\"]\n").Add("/project/uv.lock", "version = 1\n")
            .Add("/project/Pipfile", "[packages]\nflask = \"*\"\n").Add("/project/Pipfile.lock", "{}");
        var analysis = DocumentAnalyzer.AnalyzeDockerfile("/project/Dockerfile", new Text.SourceText(fs.ReadAllText("/project/Dockerfile")!), fs, AnalysisOptions.Default, CancellationToken.None);
        var changed = Core.Features.CodeActions.FixAll.Apply(analysis).Single(f => f.Key == "/project/Dockerfile").Value.Final;
        // Other rules' safe fixes (cache mounts, ENV) may change the same file; this rule's part is the flags.
        Assert.Contains("uv sync --locked\n", changed, StringComparison.Ordinal);
        Assert.Contains("pipenv install --deploy --system\n", changed, StringComparison.Ordinal);
        Assert.DoesNotContain("--frozen", changed, StringComparison.Ordinal);
        Assert.DoesNotContain("--no-dev", changed, StringComparison.Ordinal); // PD204's fix is unsafe

        fs.Add("/project/Dockerfile", changed);
        var again = DocumentAnalyzer.AnalyzeDockerfile("/project/Dockerfile", new Text.SourceText(changed), fs, AnalysisOptions.Default, CancellationToken.None);
        Assert.DoesNotContain(again.Findings, f => f.Code == Rule);
        Assert.DoesNotContain(Core.Features.CodeActions.FixAll.Apply(again), f => f.Value.Final.Contains("--locked --locked", StringComparison.Ordinal));
    }
}
