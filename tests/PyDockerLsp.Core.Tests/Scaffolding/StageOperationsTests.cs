using PyDockerLsp.Core.Scaffolding;

namespace PyDockerLsp.Core.Tests.Scaffolding;

public class StageOperationsTests
{
    private static ScaffoldInputs Inputs(PackageManager manager) => ScaffoldFixtures.Inputs(manager, FixtureFramework.Django) with { NativeNeeds = NativeNeeds.None };

    private static string Lines(params string[] lines) => string.Join("\n", lines) + "\n";

    // ==================================================================== convert to multi-stage

    private static readonly string SingleStagePip = Lines(
        "# syntax=docker/dockerfile:1",
        "# My app",
        "FROM python:3.12-slim",
        "",
        "ENV PYTHONUNBUFFERED=1",
        "WORKDIR /app",
        "",
        "# build deps",
        "RUN apt-get update && apt-get install -y --no-install-recommends gcc libpq-dev \\",
        "    && rm -rf /var/lib/apt/lists/*",
        "COPY requirements.txt .",
        "RUN pip install --no-cache-dir -r requirements.txt",
        "",
        "COPY . .",
        "RUN useradd -m app",
        "USER app",
        "EXPOSE 8000",
        "CMD [\"gunicorn\", \"-b\", \"0.0.0.0:8000\", \"shop.wsgi:application\"]");

    [Fact]
    public void A_single_stage_pip_build_becomes_builder_and_final_with_a_venv()
    {
        var inputs = Inputs(PackageManager.PipRequirements) with { NativeNeeds = new NativeNeeds(new[] { "gcc", "libpq-dev" }, new[] { "libpq5" }, "psycopg2") };
        var result = StageOperations.ConvertToMultiStage(SingleStagePip, inputs);
        Assert.True(result.Applied, result.Explanation);
        Assert.Equal(Lines(
            "# syntax=docker/dockerfile:1",
            "# My app",
            "FROM python:3.12-slim AS builder",
            "",
            "ENV PYTHONUNBUFFERED=1",
            "WORKDIR /app",
            "",
            "# build deps",
            "RUN apt-get update && apt-get install -y --no-install-recommends gcc libpq-dev \\",
            "    && rm -rf /var/lib/apt/lists/*",
            "COPY requirements.txt .",
            "",
            "# The dependencies go into a virtual environment, which the final stage copies whole.",
            "RUN python -m venv /venv",
            "ENV PATH=\"/venv/bin:$PATH\"",
            "RUN pip install --no-cache-dir -r requirements.txt",
            "",
            "",
            "# The final stage: the same image, without the build tools.",
            "FROM python:3.12-slim",
            "",
            "ENV PYTHONUNBUFFERED=1",
            "WORKDIR /app",
            "",
            "# The shared libraries the compiled dependencies load at run time.",
            "RUN apt-get update \\",
            " && apt-get install -y --no-install-recommends libpq5 \\",
            " && rm -rf /var/lib/apt/lists/*",
            "",
            "# The environment the builder prepared: no compilers, caches or package tools come along.",
            "COPY --from=builder /venv /venv",
            "ENV PATH=\"/venv/bin:$PATH\"",
            "",
            "COPY . .",
            "RUN useradd -m app",
            "USER app",
            "EXPOSE 8000",
            "CMD [\"gunicorn\", \"-b\", \"0.0.0.0:8000\", \"shop.wsgi:application\"]"), result.Text);
        Assert.Contains("libpq5", result.Explanation);
    }

    public static IEnumerable<object[]> ConvertibleBuilds() => new[]
    {
        // uv syncs into the project's .venv under WORKDIR.
        new object[] { PackageManager.Uv, Lines(
            "FROM python:3.12-slim-trixie",
            "COPY --from=ghcr.io/astral-sh/uv:0.13.8 /uv /bin/",
            "WORKDIR /srv",
            "COPY pyproject.toml uv.lock ./",
            "RUN uv sync --frozen --no-dev",
            "COPY . .",
            "CMD [\"python\", \"-m\", \"shop\"]"), "/srv/.venv", null! },
        // Poetry keeps its venvs in its cache unless told otherwise: the operation tells it.
        new object[] { PackageManager.Poetry, Lines(
            "FROM python:3.12-slim",
            "RUN pip install poetry==2.5.1",
            "WORKDIR /app",
            "COPY pyproject.toml poetry.lock ./",
            "RUN poetry install --only main --no-root",
            "COPY . .",
            "CMD [\"gunicorn\", \"shop.wsgi:application\"]"), "/app/.venv", "ENV POETRY_VIRTUALENVS_IN_PROJECT=1" },
        new object[] { PackageManager.Pipenv, Lines(
            "FROM python:3.12-slim",
            "ENV PIPENV_VENV_IN_PROJECT=1",
            "RUN pip install pipenv==2026.10.3",
            "WORKDIR /app",
            "COPY Pipfile Pipfile.lock ./",
            "RUN pipenv install --deploy",
            "COPY . .",
            "CMD [\"python\", \"app.py\"]"), "/app/.venv", null! },
        // An existing venv is used as it is.
        new object[] { PackageManager.PipRequirements, Lines(
            "ARG PY=3.12",
            "FROM python:${PY}-slim AS app",
            "RUN python -m venv /opt/venv",
            "ENV PATH=\"/opt/venv/bin:$PATH\"",
            "COPY requirements.txt .",
            "RUN <<EOF",
            "pip install -r requirements.txt",
            "EOF",
            "COPY . /app",
            "CMD [\"python\", \"/app/main.py\"]"), "/opt/venv", null! },
    };

    [Theory]
    [MemberData(nameof(ConvertibleBuilds))]
    public void Converted_builds_install_in_the_builder_and_copy_the_environment(PackageManager manager, string text, string environment, string? addedSetting)
    {
        var result = StageOperations.ConvertToMultiStage(text, Inputs(manager));
        Assert.True(result.Applied, result.Explanation);
        var dockerfile = DockerfileText.Parse(result.Text);
        Assert.Equal(2, dockerfile.Stages.Count);
        var builder = dockerfile.Stages[0];
        var final = dockerfile.Stages[1];
        Assert.Equal("builder", builder.Name);
        Assert.Equal(builder.BaseImage, final.BaseImage);
        var finalInstructions = final.InstructionIndices.Select(i => dockerfile.Instructions[i]).ToList();
        Assert.DoesNotContain(finalInstructions, i => i.Keyword == "RUN" && StageOperations.IsDependencyInstall(StageOperations.CommandOf(i)));
        Assert.Contains(finalInstructions, i => i.Keyword == "COPY" && i.Arguments == $"--from=builder {environment} {environment}");
        Assert.Contains(finalInstructions, i => i.Keyword == "ENV" && i.Arguments.Contains($"{environment}/bin"));
        Assert.Equal("CMD", finalInstructions[^1].Keyword);
        if (addedSetting != null)
        {
            var settingIndex = dockerfile.Instructions.First(i => "ENV " + i.Arguments == addedSetting).Index;
            Assert.Contains(settingIndex, builder.InstructionIndices);
        }
        // Everything before the first FROM (global ARGs) stays at the top.
        if (text.StartsWith("ARG", StringComparison.Ordinal)) Assert.StartsWith("ARG PY=3.12\n", result.Text);
        if (text.Contains(" AS app", StringComparison.Ordinal)) Assert.Equal("app", final.Name);
        // The operation does not apply twice.
        Assert.False(StageOperations.ConvertToMultiStage(result.Text, Inputs(manager)).Applied);
    }

    public static IEnumerable<object[]> NotConvertible() => new[]
    {
        new object[] { Lines("FROM python:3.12-slim AS a", "RUN pip install -r r.txt", "FROM python:3.12-slim", "CMD [\"x\"]"), "several stages" },
        new object[] { Lines("FROM python:3.12-slim", "COPY . .", "CMD [\"python\", \"main.py\"]"), "No dependency install" },
        new object[] { Lines("# just a comment"), "no FROM" },
        new object[] { Lines("FROM python:3.12-slim", "RUN pip install --user -r requirements.txt", "CMD [\"app\"]"), "--user" },
        new object[] { Lines("FROM python:3.12-slim", "ENV POETRY_VIRTUALENVS_CREATE=false", "RUN poetry install", "CMD [\"app\"]"), "POETRY_VIRTUALENVS_CREATE=false" },
        new object[] { Lines("FROM python:3.12-slim", "RUN uv pip install --system -r requirements.txt", "CMD [\"app\"]"), "--system" },
        new object[] { Lines("FROM python:3.12-slim", "RUN pip install --prefix=/install -r requirements.txt", "CMD [\"app\"]"), "--prefix" },
    };

    [Theory]
    [MemberData(nameof(NotConvertible))]
    public void Builds_that_cannot_be_split_safely_are_left_alone_with_the_reason(string text, string reasonPart)
    {
        var result = StageOperations.ConvertToMultiStage(text, Inputs(PackageManager.PipRequirements));
        AssertLeftAlone(text, result, reasonPart);
    }

    /// <summary>An operation that does not apply changes nothing and says why.</summary>
    private static void AssertLeftAlone(string text, StageOperationResult result, string reasonPart)
    {
        Assert.False(result.Applied);
        Assert.Equal(text, result.Text);
        Assert.Contains(reasonPart, result.Explanation);
    }

    [Fact]
    public void The_users_line_endings_are_kept()
    {
        var crlf = SingleStagePip.Replace("\n", "\r\n");
        var result = StageOperations.ConvertToMultiStage(crlf, Inputs(PackageManager.PipRequirements));
        Assert.True(result.Applied);
        Assert.DoesNotContain("\n", result.Text.Replace("\r\n", ""));
        Assert.EndsWith("]\r\n", result.Text);
        Assert.Equal(StageOperations.ConvertToMultiStage(SingleStagePip, Inputs(PackageManager.PipRequirements)).Text, result.Text.Replace("\r\n", "\n"));

        var noFinalNewline = SingleStagePip.TrimEnd('\n');
        Assert.EndsWith("]", StageOperations.ConvertToMultiStage(noFinalNewline, Inputs(PackageManager.PipRequirements)).Text);
    }

    [Fact]
    public void A_backtick_escape_directive_is_understood()
    {
        var text = Lines("# escape=`", "FROM python:3.12-slim", "RUN pip install `", "    -r requirements.txt", "CMD [\"app\"]");
        var result = StageOperations.ConvertToMultiStage(text, Inputs(PackageManager.PipRequirements));
        Assert.True(result.Applied, result.Explanation);
        Assert.Contains("RUN pip install `\n    -r requirements.txt\n", result.Text);
        Assert.StartsWith("# escape=`\nFROM python:3.12-slim AS builder\n", result.Text);
    }

    // ==================================================================== dev stage

    [Fact]
    public void A_dev_stage_is_added_before_the_final_stage_of_a_generated_dockerfile()
    {
        var inputs = ScaffoldFixtures.Inputs(PackageManager.PipRequirements, FixtureFramework.FastApi);
        var original = new Scaffolder().Generate(inputs, PatternId.BuilderVenv)[0].Text;
        var result = StageOperations.AddDevTestStage(original, inputs);
        Assert.True(result.Applied, result.Explanation);
        var dockerfile = DockerfileText.Parse(result.Text);
        Assert.Equal(new[] { "builder", "dev", null }, dockerfile.Stages.Select(s => s.Name));
        Assert.Equal("builder", dockerfile.StageNamed("dev")!.BaseImage);
        Assert.Contains(Lines(
            "# The tests: `docker build --target dev .` stops here and fails when they fail; a plain build skips this stage.",
            "FROM builder AS dev",
            "",
            "# The dev/test requirements.",
            "RUN --mount=type=cache,target=/root/.cache/pip \\",
            "    --mount=type=bind,source=requirements-dev.txt,target=requirements-dev.txt \\",
            "    pip install -r requirements-dev.txt",
            "",
            "COPY . .",
            "RUN python -m pytest",
            ""), result.Text);
        // Everything else is unchanged.
        var originalFinal = original.Substring(original.IndexOf("\nFROM python:3.12-slim-trixie\n", StringComparison.Ordinal));
        Assert.EndsWith(originalFinal, result.Text);
        Assert.False(StageOperations.AddDevTestStage(result.Text, inputs).Applied);
    }

    public static IEnumerable<object[]> DevInstalls() => new[]
    {
        new object[] { PackageManager.Uv, "uv sync --frozen" },
        new object[] { PackageManager.Poetry, "poetry install --no-root" },
        new object[] { PackageManager.Pipenv, "pipenv install --deploy --dev" },
    };

    [Theory]
    [MemberData(nameof(DevInstalls))]
    public void The_dev_stage_installs_dev_dependencies_with_the_projects_tool(PackageManager manager, string install)
    {
        var inputs = ScaffoldFixtures.Inputs(manager, FixtureFramework.Django);
        var pattern = manager switch { PackageManager.Uv => PatternId.Uv, PackageManager.Poetry => PatternId.Poetry, _ => PatternId.Pipenv };
        var result = StageOperations.AddDevTestStage(new Scaffolder().Generate(inputs, pattern)[0].Text, inputs);
        Assert.True(result.Applied, result.Explanation);
        var dev = DockerfileText.Parse(result.Text);
        var devRuns = dev.StageNamed("dev")!.InstructionIndices.Select(i => dev.Instructions[i]).Where(i => i.Keyword == "RUN").ToList();
        Assert.Contains(devRuns, r => r.Arguments.EndsWith(install, StringComparison.Ordinal));
        var devInstructions = dev.StageNamed("dev")!.InstructionIndices.Select(i => dev.Instructions[i]).ToList();
        Assert.Single(devInstructions, i => i.Keyword == "COPY" && i.Arguments == ". .");
        Assert.Contains(devRuns, r => r.Arguments == "python -m pytest");
    }

    [Fact]
    public void A_dev_stage_without_dev_requirements_has_one_blank_line_after_FROM_and_keeps_the_files_stage_spacing()
    {
        var converted = StageOperations.ConvertToMultiStage(
            Lines("FROM python:3.12-slim", "WORKDIR /app", "COPY requirements.txt .", "RUN pip install --no-cache-dir -r requirements.txt",
                  "COPY . .", "CMD [\"python\", \"app.py\"]"),
            Inputs(PackageManager.PipRequirements));
        Assert.True(converted.Applied, converted.Explanation);
        var withoutDevRequirements = Inputs(PackageManager.PipRequirements) with { DevRequirementsFiles = Array.Empty<string>(), HasDevDependencies = false };
        var result = StageOperations.AddDevTestStage(converted.Text, withoutDevRequirements);
        Assert.True(result.Applied, result.Explanation);
        Assert.Contains(Lines(
            "RUN pip install --no-cache-dir -r requirements.txt",
            "",
            "",
            "# The tests: `docker build --target dev .` stops here and fails when they fail; a plain build skips this stage.",
            "FROM builder AS dev",
            "",
            "COPY . .",
            "RUN python -m unittest",
            "",
            "",
            "# The final stage: the same image, without the build tools.",
            "FROM python:3.12-slim"), result.Text);
    }

    [Fact]
    public void An_unnamed_builder_gets_a_name_for_the_dev_stage_to_use()
    {
        var text = Lines("FROM python:3.12-slim", "RUN python -m venv /venv && /venv/bin/pip install -r requirements.txt", "", "FROM python:3.12-slim", "COPY --from=0 /venv /venv", "CMD [\"python\"]");
        var result = StageOperations.AddDevTestStage(text, Inputs(PackageManager.PipRequirements));
        Assert.True(result.Applied, result.Explanation);
        Assert.StartsWith("FROM python:3.12-slim AS builder\n", result.Text);
        Assert.Contains("FROM builder AS dev\n", result.Text);
        Assert.Contains("COPY --from=0 /venv /venv", result.Text);
    }

    public static IEnumerable<object[]> NoDevStage() => new[]
    {
        new object[] { Lines("FROM python:3.12-slim", "RUN pip install -r r.txt", "CMD [\"x\"]"), "multi-stage" },
        new object[] { Lines("FROM python:3.12-slim AS builder", "RUN pip install -r r.txt", "FROM builder AS test", "RUN pytest", "FROM python:3.12-slim", "CMD [\"x\"]"), "already has a dev or test stage" },
        new object[] { Lines("FROM node:22 AS assets", "RUN npm ci", "FROM python:3.12-slim", "COPY --from=assets /dist /dist", "CMD [\"x\"]"), "No earlier stage installs" },
    };

    [Theory]
    [MemberData(nameof(NoDevStage))]
    public void A_dev_stage_is_not_added_where_it_does_not_fit(string text, string reasonPart)
    {
        var result = StageOperations.AddDevTestStage(text, Inputs(PackageManager.PipRequirements));
        AssertLeftAlone(text, result, reasonPart);
    }

    // ==================================================================== distroless stage

    private static readonly string UvTwoStage = Lines(
        "FROM python:3.13-slim-trixie AS builder",
        "COPY --from=ghcr.io/astral-sh/uv:0.13.8 /uv /bin/",
        "WORKDIR /app",
        "RUN --mount=type=cache,target=/root/.cache/uv uv sync --frozen --no-dev",
        "",
        "FROM python:3.13-slim-trixie",
        "WORKDIR /app",
        "COPY --from=builder /app/.venv /app/.venv",
        "COPY --chown=app:app . .",
        "ENV PATH=\"/app/.venv/bin:$PATH\" DJANGO_SETTINGS_MODULE=shop.settings",
        "USER app",
        "EXPOSE 8000",
        "HEALTHCHECK CMD curl -f http://localhost:8000/",
        "CMD gunicorn --bind 0.0.0.0:8000 shop.wsgi:application");

    [Fact]
    public void A_distroless_stage_takes_the_site_packages_the_code_and_the_command()
    {
        var result = StageOperations.AddDistrolessStage(UvTwoStage, Inputs(PackageManager.Uv));
        Assert.True(result.Applied, result.Explanation);
        Assert.StartsWith(UvTwoStage.Replace("FROM python:3.13-slim-trixie\nWORKDIR", "FROM python:3.13-slim-trixie AS slim\nWORKDIR"), result.Text);
        Assert.EndsWith(Lines(
            "# A distroless final image: no shell, no package manager. The stage above still builds with --target slim.",
            "FROM gcr.io/distroless/python3-debian13:nonroot AS distroless",
            "",
            "# The installed packages, not the environment: its interpreter links point at the builder's Python.",
            "COPY --from=builder /app/.venv/lib/python3.13/site-packages /opt/site-packages",
            "WORKDIR /app",
            "COPY . .",
            "ENV DJANGO_SETTINGS_MODULE=shop.settings",
            "EXPOSE 8000",
            "ENV PYTHONPATH=\"/opt/site-packages\" \\",
            "    PYTHONDONTWRITEBYTECODE=1 \\",
            "    PYTHONUNBUFFERED=1",
            "",
            "USER nonroot:nonroot",
            "HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \\",
            "    CMD [\"python\", \"-c\", \"import http.client, sys; c = http.client.HTTPConnection('127.0.0.1', 8000, timeout=4); c.request('GET', '/'); sys.exit(c.getresponse().status >= 500)\"]",
            "ENTRYPOINT [\"python\"]",
            "CMD [\"-m\", \"gunicorn\", \"--bind\", \"0.0.0.0:8000\", \"shop.wsgi:application\"]"), result.Text);
        Assert.False(StageOperations.AddDistrolessStage(result.Text, Inputs(PackageManager.Uv)).Applied);
    }

    [Fact]
    public void A_distroless_stage_can_follow_a_generated_uv_dockerfile()
    {
        var inputs = ScaffoldFixtures.Inputs(PackageManager.Uv, FixtureFramework.FastApi) with { PythonVersion = new("3.13", "requires-python >=3.13") };
        var result = StageOperations.AddDistrolessStage(new Scaffolder().Generate(inputs, PatternId.Uv)[0].Text, inputs);
        Assert.True(result.Applied, result.Explanation);
        var dockerfile = DockerfileText.Parse(result.Text);
        var final = dockerfile.FinalStage!.InstructionIndices.Select(i => dockerfile.Instructions[i]).ToList();
        Assert.True(final.FindIndex(i => i.Keyword == "USER") < final.FindIndex(i => i.Keyword == "CMD"));
        Assert.Equal(new[] { "-m", "uvicorn", "app.main:api", "--host", "0.0.0.0", "--port", "8000" }, final.Last(i => i.Keyword == "CMD").ExecForm());
    }

    public static IEnumerable<object[]> NoDistroless() => new[]
    {
        new object[] { UvTwoStage.Replace("3.13-slim-trixie", "3.12-slim-trixie"), "3.13 or 3.11" },
        new object[] { UvTwoStage.Replace("3.13-slim-trixie", "3.11-slim"), "use python:3.11-slim-bookworm in the builder" },
        new object[] { UvTwoStage.Replace("3.13-slim-trixie", "3.13-alpine"), "Alpine" },
        new object[] { UvTwoStage.Replace("CMD gunicorn --bind 0.0.0.0:8000", "CMD gunicorn --bind 0.0.0.0:$PORT"), "needs a shell" },
        new object[] { UvTwoStage.Replace("CMD gunicorn --bind 0.0.0.0:8000 shop.wsgi:application", "CMD [\"shop-server\"]"), "console script" },
        new object[] { UvTwoStage.Replace("USER app\n", "RUN apt-get update && apt-get install -y libpq5\nUSER app\n"), "system packages" },
        new object[] { UvTwoStage.Replace("COPY --from=builder /app/.venv /app/.venv\n", ""), "no virtual environment" },
        new object[] { Lines("FROM python:3.13-slim", "CMD [\"python\"]"), "multi-stage" },
    };

    [Theory]
    [MemberData(nameof(NoDistroless))]
    public void A_distroless_stage_is_not_added_where_it_would_not_run(string text, string reasonPart)
    {
        var result = StageOperations.AddDistrolessStage(text, Inputs(PackageManager.Uv));
        AssertLeftAlone(text, result, reasonPart);
    }

    [Fact]
    public void A_console_script_with_a_known_function_runs_through_python()
    {
        var text = UvTwoStage.Replace("CMD gunicorn --bind 0.0.0.0:8000 shop.wsgi:application", "CMD [\"shop-server\", \"--fast\"]");
        var inputs = Inputs(PackageManager.Uv) with
        {
            EntryPoint = new(new EntryPoint(EntryPointKind.ConsoleScript, "shop-server") { ConsoleScriptTarget = "shop.cli:serve" }, "[project.scripts]"),
        };
        var result = StageOperations.AddDistrolessStage(text, inputs);
        Assert.True(result.Applied, result.Explanation);
        Assert.EndsWith("CMD [\"-c\", \"import sys; from shop.cli import serve; sys.exit(serve())\", \"--fast\"]\n", result.Text);
    }
}
