using PyDockerLsp.Core.Tests.Rules.Support;

namespace PyDockerLsp.Core.Tests.Rules.Installs;

/// <summary>PD203 deps-after-source-copy: dependencies must be installed before the source is copied.</summary>
public class DepsAfterSourceCopyRuleTests
{
    private const string Rule = "PD203";
    private const string Slim = "FROM python:3.12-slim\nWORKDIR /app\n";

    public static TheoryData<string, string> Fires => new()
    {
        { "COPY . . before pip install -r (seed 001's anti-pattern)", Slim + "COPY ⟦.⟧ .\nRUN pip install -r requirements.txt\n" },
        { "COPY . /app", Slim + "COPY ⟦.⟧ /app\nRUN pip install --no-cache-dir -r /app/requirements.txt\n" },
        { "COPY ./ with --chown", Slim + "COPY --chown=app:app ⟦./⟧ ./\nRUN pip install -r requirements.txt\n" },
        { "ADD . .", Slim + "ADD ⟦.⟧ .\nRUN pip install -r requirements.txt\n" },
        { "uv sync with nothing installed before", Slim + "COPY ⟦.⟧ .\nRUN uv sync --frozen --no-dev\n" },
        { "poetry install", Slim + "COPY ⟦.⟧ .\nRUN poetry install --only main\n" },
        { "pipenv install", Slim + "COPY ⟦.⟧ .\nRUN pipenv install --deploy --system\n" },
        { "a dependencies-only install after the source", Slim + "COPY ⟦.⟧ .\nRUN uv sync --frozen --no-install-project\n" },
        { "a requirements file after the source, even with earlier installs", Slim + "COPY requirements.txt .\nRUN pip install -r requirements.txt\nCOPY ⟦.⟧ .\nRUN pip install -r requirements-dev.txt\n" },
        { "a project install that brings its dependencies", Slim + "COPY ⟦.⟧ .\nRUN pip install .\n" },
        { "pip wheel -r", Slim + "COPY ⟦.⟧ .\nRUN pip wheel --wheel-dir /wheels -r requirements.txt\n" },
        { "the src folder", Slim + "COPY ⟦src/⟧ ./src/\nCOPY requirements.txt .\nRUN pip install -r requirements.txt\n" },
        { "in a builder stage", "FROM python:3.12-slim AS build\nWORKDIR /app\nCOPY ⟦.⟧ .\nRUN uv sync --locked\nFROM python:3.12-slim\nCOPY --from=build /app /app\n" },
        { "two source copies", Slim + "COPY ⟦app/⟧ ./app/\nCOPY ⟦.⟧ .\nRUN pip install -r requirements.txt\n" },
        { "installed in a heredoc", Slim + "COPY ⟦.⟧ .\nRUN <<EOF\nset -e\npip install -r requirements.txt\nEOF\n" },
    };

    [Theory]
    [MemberData(nameof(Fires))]
    public void Reports_the_source_copied_before_the_install(string _, string dockerfile) =>
        RuleFixture.Dockerfile(dockerfile).AssertFindings(Rule);

    public static TheoryData<string, string> Silent => new()
    {
        { "manifests first (seed 004 step 2)", Slim + "COPY requirements.txt .\nRUN pip install --no-cache-dir -r requirements.txt\nCOPY . .\nCMD [\"python\", \"app.py\"]\n" },
        { "uv: dependencies, source, project", Slim + "COPY pyproject.toml uv.lock ./\nRUN uv sync --frozen --no-install-project\nCOPY . .\nRUN uv sync --frozen\n" },
        { "poetry: --no-root, source, project (seed 004)", Slim + "COPY pyproject.toml poetry.lock ./\nRUN poetry install --only=main --no-root\nCOPY . .\nRUN poetry install --only=main\n" },
        { "pip: requirements, source, the project without deps", Slim + "COPY requirements.txt .\nRUN pip install -r requirements.txt\nCOPY . .\nRUN pip install --no-deps .\n" },
        { "pip: requirements, source, editable project", Slim + "COPY requirements.txt .\nRUN pip install -r requirements.txt\nCOPY . .\nRUN pip install -e .\n" },
        { "a folder of requirement files", Slim + "COPY requirements/ ./requirements/\nRUN pip install -r requirements/base.txt\n" },
        { "no install after the source", Slim + "COPY . .\nRUN python manage.py collectstatic --noinput\n" },
        { "a named package after the source", Slim + "COPY . .\nRUN pip install gunicorn==22.0.0\n" },
        { "copied from a builder", Slim + "COPY --from=build /app /app\nRUN pip install -r requirements.txt\n" },
        { "source in one stage, install in another", "FROM python:3.12-slim AS base\nCOPY . .\nFROM base\nRUN pip install -r requirements.txt\n" },
        { "dependencies installed through bash -c (httpbin)", Slim + "ADD Pipfile Pipfile.lock ./\nRUN /bin/bash -c \"pip3 install --no-cache-dir -r <(pipenv requirements)\"\nADD . /app\nRUN pip3 install --no-cache-dir /app\n" },
        { "single files", Slim + "COPY app.py config.py ./\nRUN pip install -r requirements.txt\n" },
        { "ignored inline", Slim + "# pydocker: ignore=PD203\nCOPY . .\nRUN pip install -r requirements.txt\n" },
    };

    [Theory]
    [MemberData(nameof(Silent))]
    public void Stays_silent_when_the_dependencies_come_first(string _, string dockerfile) =>
        RuleFixture.Dockerfile(dockerfile).AssertSilent(Rule);

    [Fact]
    public void A_folder_with_Python_files_is_source()
    {
        RuleFixture.Dockerfile(Slim + "COPY ⟦web⟧ ./web\nRUN pip install -r requirements.txt\n")
            .File("web/main.py", "print('hi')\n")
            .AssertFindings(Rule);
    }

    [Fact]
    public void The_projects_package_folder_is_source()
    {
        RuleFixture.Dockerfile(Slim + "COPY ⟦my_app/⟧ ./my_app/\nCOPY pyproject.toml .\nRUN pip install .\n")
            .File("pyproject.toml", "[project]\nname = \"my-app\"\nversion = \"1.0\"\n")
            .AssertFindings(Rule);
    }

    [Fact]
    public void The_finding_points_at_the_install()
    {
        var finding = Assert.Single(RuleFixture.Dockerfile(Slim + "COPY . .\nRUN pip install -r requirements.txt\n").Run(Rule));
        var related = Assert.Single(finding.Related);
        Assert.Equal(3, related.Range.Start.Line);
        Assert.Contains("pip install", finding.Message, StringComparison.Ordinal);
    }
}
