using PyDockerLsp.Core.Tests.Rules.Support;

namespace PyDockerLsp.Core.Tests.Rules.BuildContext;

/// <summary>PD601 dockerignore-missing: copying a directory needs a .dockerignore.</summary>
public class DockerignoreMissingRuleTests
{
    private const string Rule = "PD601";
    private const string Slim = "FROM python:3.12-slim\nWORKDIR /app\n";

    /// <summary>The defaults for a context that needs nothing special (the whole file, so changes to it are deliberate).</summary>
    private const string Defaults = """
        # Keeps the build context small and local files out of the image (written by PyDocker).
        # Docker matches patterns from the context root; "**/" also matches inside sub-folders.

        # Version control
        .git
        .hg
        .svn

        # Virtual environments
        .venv/
        venv/

        # Python bytecode and packaging output
        **/__pycache__/
        **/*.py[cod]
        **/*.egg-info/
        .eggs/
        build/
        dist/

        # Test, coverage, type-check and lint caches
        .pytest_cache/
        .tox/
        .nox/
        .coverage
        .coverage.*
        htmlcov/
        .hypothesis/
        .mypy_cache/
        .ruff_cache/
        .pytype/

        # Editors and OS files
        .idea/
        .vscode/
        **/.DS_Store
        **/*.swp

        # Local settings and credentials: pass secrets with RUN --mount=type=secret instead
        .env
        .env.*
        .pypirc
        .netrc

        # Notebook checkpoints and front-end dependencies
        **/.ipynb_checkpoints/
        **/node_modules/

        # Docker files: BuildKit reads the Dockerfile and this file on its own, so the build does not need them in the
        # context, and leaving them out keeps `COPY . .` cached when only they change
        Dockerfile*
        .dockerignore
        docker-compose*.yml
        docker-compose*.yaml
        compose*.yml
        compose*.yaml

        # CI configuration
        .github/
        .gitlab-ci.yml

        """;

    public static TheoryData<string, string> Fires => new()
    {
        { "COPY . . after the requirements", Slim + "COPY requirements.txt .\nRUN pip install -r requirements.txt\nCOPY ⟦.⟧ .\n" },
        { "a folder with a trailing slash", Slim + "COPY ⟦src/⟧ /app/src\n" },
        { "ADD . /app", Slim + "ADD ⟦.⟧ /app\n" },
        { "the whole context rather than an earlier folder", Slim + "ADD requirements/ /requirements/\nRUN pip install -r /requirements/production.txt\nADD ⟦.⟧ /code/\n" },
        { "only the first directory copy", Slim + "COPY ⟦src/⟧ ./src/\nCOPY tests/ ./tests/\n" },
        { "in a builder stage", "FROM python:3.12-slim AS build\nCOPY ⟦.⟧ /src\nFROM python:3.12-slim\nCOPY --from=build /src/dist /dist\n" },
    };

    [Theory]
    [MemberData(nameof(Fires))]
    public void Reports_the_first_directory_copied_without_an_ignore_file(string _, string dockerfile) =>
        RuleFixture.Dockerfile(dockerfile).AssertFindings(Rule);

    [Fact]
    public void A_folder_that_exists_in_the_context_is_a_directory_copy() =>
        RuleFixture.Dockerfile(Slim + "COPY requirements.txt .\nCOPY ⟦app⟧ /app/app\n").File("app/main.py", "").File("requirements.txt", "flask\n").AssertFindings(Rule);

    public static TheoryData<string, RuleFixture> Silent => new()
    {
        { "an ignore file, even empty", RuleFixture.Dockerfile(Slim + "COPY . .\n").File(".dockerignore", "") },
        { "a per-Dockerfile ignore file", RuleFixture.Dockerfile(Slim + "COPY . .\n").File("Dockerfile.dockerignore", ".git\n") },
        { "single files only", RuleFixture.Dockerfile(Slim + "COPY requirements.txt app.py ./\n") },
        { "a file that exists", RuleFixture.Dockerfile(Slim + "COPY app /app/app\n").File("app", "#!/bin/sh\n") },
        { "copies from a stage", RuleFixture.Dockerfile("FROM python:3.12-slim AS b\nRUN true\n" + Slim + "COPY --from=b /app /app\n") },
        { "a URL", RuleFixture.Dockerfile(Slim + "ADD https://example.org/app.tar.gz /tmp/\n") },
        { "a heredoc", RuleFixture.Dockerfile(Slim + "COPY <<EOF /app/config.ini\n[x]\nEOF\n") },
    };

    [Theory]
    [MemberData(nameof(Silent))]
    public void Stays_silent_with_an_ignore_file_or_without_directory_copies(string _, RuleFixture fixture) => fixture.AssertSilent(Rule);

    [Fact]
    public void The_fix_creates_the_python_defaults_in_the_context()
    {
        var fixture = RuleFixture.Dockerfile(Slim + "COPY . .\n");
        var dockerfile = fixture.ApplyFixAndVerify(Rule, "Create .dockerignore");
        Assert.Equal(Slim + "COPY . .\n", dockerfile);
        Assert.Equal(Defaults, fixture.FixedText(".dockerignore"));
    }

    [Fact]
    public void The_created_file_uses_the_Dockerfiles_line_endings()
    {
        var fixture = RuleFixture.Dockerfile("FROM python:3.12-slim\r\nCOPY . /app\r\n");
        fixture.ApplyFixAndVerify(Rule, "Create .dockerignore");
        Assert.Equal(Defaults.Replace("\n", "\r\n"), fixture.FixedText(".dockerignore"));
    }

    [Fact]
    public void The_file_goes_to_the_configured_build_context()
    {
        var fixture = RuleFixture.Dockerfile(Slim + "COPY . .\n", "docker/Dockerfile");
        fixture.ApplyFixAndVerify(Rule, "Create .dockerignore", contextDirectory: ".");
        Assert.NotNull(fixture.FixedText(".dockerignore"));
        Assert.Null(fixture.FixedText("docker/.dockerignore"));
    }

    [Fact]
    public void Patterns_that_would_exclude_what_the_build_copies_are_left_out()
    {
        var fixture = RuleFixture.Dockerfile(Slim + "COPY .env.production .env\nCOPY Dockerfile /app/Dockerfile.orig\nCOPY . .\n")
            .File(".env.production", "DEBUG=0\n");
        fixture.ApplyFixAndVerify(Rule, "Create .dockerignore");
        var lines = fixture.FixedText(".dockerignore")!.Split('\n');
        Assert.DoesNotContain(".env.*", lines);
        Assert.DoesNotContain("Dockerfile*", lines);
        Assert.Contains(".env", lines);
        Assert.Contains(".dockerignore", lines);
    }

    [Fact]
    public void A_front_end_build_folder_stays_in_the_context_but_wheels_in_dist_do_not()
    {
        var fixture = RuleFixture.Dockerfile(Slim + "COPY . .\n")
            .File("build/index.html", "<html></html>\n")
            .File("dist/app-1.0-py3-none-any.whl", "");
        fixture.ApplyFixAndVerify(Rule, "Create .dockerignore");
        var lines = fixture.FixedText(".dockerignore")!.Split('\n');
        Assert.DoesNotContain("build/", lines);
        Assert.Contains("dist/", lines);
    }

    [Fact]
    public void The_created_defaults_satisfy_PD602()
    {
        var dockerfile = Slim + "COPY . .\n";
        var fixture = RuleFixture.Dockerfile(dockerfile);
        fixture.ApplyFixAndVerify(Rule, "Create .dockerignore");
        RuleFixture.Dockerfile(dockerfile).File(".dockerignore", fixture.FixedText(".dockerignore")!).AssertSilent("PD602");
    }

    [Fact]
    public void The_fix_is_unsafe_and_preferred()
    {
        var finding = Assert.Single(RuleFixture.Dockerfile(Slim + "COPY . .\n").Run(Rule));
        var fix = finding.Fixes[0];
        Assert.Equal(Core.Analysis.FixSafety.Unsafe, fix.Safety);
        Assert.True(fix.IsPreferred);
        var edit = Assert.Single(fix.Edits);
        Assert.True(edit.CreateFile);
        Assert.Equal("/project/.dockerignore", edit.Path);
    }
}
