using System.Text.Json;
using System.Text.RegularExpressions;
using PyDockerLsp.Core.Scaffolding;

namespace PyDockerLsp.Core.Tests.Scaffolding;

/// <summary>
/// Every pattern, for every package manager × kind of app where the pattern applies, produces a Dockerfile with the
/// properties our own rules ask for. (Parsing it and running the rules is the lead's wiring step; these are the textual checks.)
/// </summary>
public class ScaffolderGenerationTests
{
    private static readonly Scaffolder Scaffolder = new();
    private static readonly Regex SlimPython = new(@"^python:3\.\d+-slim-(bookworm|trixie)$", RegexOptions.CultureInvariant);
    private static readonly Regex DistrolessPython = new(@"^gcr\.io/distroless/python3-debian1[23]:nonroot$", RegexOptions.CultureInvariant);

    public static IEnumerable<object[]> AllCases()
    {
        foreach (var pattern in ScaffoldPatterns.All)
            foreach (var manager in ScaffoldFixtures.Managers)
                foreach (var framework in ScaffoldFixtures.Frameworks)
                    yield return new object[] { pattern.Id, manager, framework };
    }

    public static IEnumerable<object[]> AvailableCases()
    {
        foreach (var row in AllCases())
        {
            var inputs = ScaffoldFixtures.Inputs((PackageManager)row[1], (FixtureFramework)row[2]);
            if (Scaffolder.Check(inputs, (PatternId)row[0]).IsAvailable) yield return row;
        }
    }

    private static (DockerfileText Dockerfile, string Text, string Dockerignore, ScaffoldInputs Inputs) Generate(PatternId pattern, PackageManager manager, FixtureFramework framework)
    {
        var inputs = ScaffoldFixtures.Inputs(manager, framework);
        var files = Scaffolder.Generate(inputs, pattern);
        var dockerfile = files.Single(f => f.RelativePath == "Dockerfile").Text;
        var dockerignore = files.Single(f => f.RelativePath == ".dockerignore").Text;
        return (DockerfileText.Parse(dockerfile), dockerfile, dockerignore, inputs);
    }

    private static IEnumerable<DockerInstruction> InStage(DockerfileText dockerfile, DockerStage stage) =>
        stage.InstructionIndices.Select(i => dockerfile.Instructions[i]);

    /// <summary>The final stage and every stage it is built FROM, as the rules define "final".</summary>
    private static List<DockerStage> FinalChain(DockerfileText dockerfile)
    {
        var chain = new List<DockerStage>();
        var stage = dockerfile.FinalStage;
        while (stage != null)
        {
            chain.Add(stage);
            stage = dockerfile.StageNamed(stage.BaseImage);
        }
        return chain;
    }

    [Theory]
    [MemberData(nameof(AvailableCases))]
    public void Starts_with_the_syntax_directive_and_is_multi_stage(PatternId pattern, PackageManager manager, FixtureFramework framework)
    {
        var (dockerfile, text, _, _) = Generate(pattern, manager, framework);
        Assert.StartsWith("# syntax=docker/dockerfile:1\n", text);
        Assert.True(dockerfile.Stages.Count >= 2, "expected a multi-stage build");
        Assert.All(dockerfile.Instructions, i => Assert.DoesNotContain(i.Keyword, new[] { "MAINTAINER", "ADD" }));
    }

    [Theory]
    [MemberData(nameof(AvailableCases))]
    public void Every_base_image_is_a_pinned_slim_python_a_stage_or_distroless(PatternId pattern, PackageManager manager, FixtureFramework framework)
    {
        var (dockerfile, text, _, _) = Generate(pattern, manager, framework);
        var stageNames = dockerfile.Stages.Select(s => s.Name).Where(n => n != null).ToHashSet();
        foreach (var stage in dockerfile.Stages)
        {
            bool ok = stageNames.Contains(stage.BaseImage) || SlimPython.IsMatch(stage.BaseImage)
                || (pattern == PatternId.Distroless && stage == dockerfile.FinalStage && DistrolessPython.IsMatch(stage.BaseImage));
            Assert.True(ok, $"stage {stage.Reference} is built FROM {stage.BaseImage}");
        }
        Assert.DoesNotContain(":latest", text);
        // Builder and final stage run the same Python on the same Debian: the copied environment depends on it.
        var pythonImages = dockerfile.Stages.Select(s => s.BaseImage).Where(i => i.StartsWith("python:", StringComparison.Ordinal)).Distinct().ToList();
        Assert.Single(pythonImages);
    }

    [Theory]
    [MemberData(nameof(AvailableCases))]
    public void The_final_stage_runs_as_a_non_root_user_set_before_an_exec_form_command(PatternId pattern, PackageManager manager, FixtureFramework framework)
    {
        var (dockerfile, _, _, _) = Generate(pattern, manager, framework);
        var final = InStage(dockerfile, dockerfile.FinalStage!).ToList();
        var user = final.LastOrDefault(i => i.Keyword == "USER");
        var cmd = final.Last(i => i.Keyword == "CMD");
        Assert.NotNull(user);
        Assert.DoesNotMatch(@"^(root|0)(:|$)", user!.Arguments);
        Assert.True(user.Index < cmd.Index, "USER must come before CMD");
        Assert.NotNull(cmd.ExecForm());
        Assert.NotEmpty(cmd.ExecForm()!);
        JsonDocument.Parse(cmd.Arguments).Dispose();
        if (final.FirstOrDefault(i => i.Keyword == "ENTRYPOINT") is { } entrypoint) Assert.NotNull(entrypoint.ExecForm());
        if (pattern != PatternId.Distroless)
        {
            var groupadd = final.Single(i => i.Keyword == "RUN" && i.Arguments.Contains("useradd"));
            Assert.Contains("--gid 1001", groupadd.Arguments);
            Assert.Contains("--uid 1001", groupadd.Arguments);
        }
    }

    [Theory]
    [MemberData(nameof(AvailableCases))]
    public void The_command_suits_the_framework(PatternId pattern, PackageManager manager, FixtureFramework framework)
    {
        var (dockerfile, _, _, _) = Generate(pattern, manager, framework);
        var final = InStage(dockerfile, dockerfile.FinalStage!).ToList();
        var command = new List<string>();
        if (final.FirstOrDefault(i => i.Keyword == "ENTRYPOINT") is { } entrypoint) command.AddRange(entrypoint.ExecForm()!);
        command.AddRange(final.Last(i => i.Keyword == "CMD").ExecForm()!);
        var joined = string.Join(' ', command);
        switch (framework)
        {
            case FixtureFramework.Django: Assert.Contains("gunicorn --bind 0.0.0.0:8000 shop.wsgi:application", joined); break;
            case FixtureFramework.Flask: Assert.Contains("gunicorn --bind 0.0.0.0:5000 shop:create_app()", joined); break;
            case FixtureFramework.FastApi: Assert.Contains("uvicorn app.main:api --host 0.0.0.0 --port 8000", joined); break;
            default: Assert.EndsWith("-m shop", joined); break;
        }
        Assert.DoesNotContain("--reload", joined);
        Assert.DoesNotContain("runserver", joined);
        Assert.DoesNotContain("--workers", joined);
    }

    [Theory]
    [MemberData(nameof(AvailableCases))]
    public void Web_apps_expose_their_port_and_have_a_python_healthcheck(PatternId pattern, PackageManager manager, FixtureFramework framework)
    {
        var (dockerfile, _, _, inputs) = Generate(pattern, manager, framework);
        var final = InStage(dockerfile, dockerfile.FinalStage!).ToList();
        var healthcheck = final.SingleOrDefault(i => i.Keyword == "HEALTHCHECK");
        var expose = final.SingleOrDefault(i => i.Keyword == "EXPOSE");
        if (framework == FixtureFramework.Script)
        {
            Assert.Null(healthcheck);
            Assert.Null(expose);
            Assert.DoesNotContain(final, i => i.Keyword == "ENV" && i.Arguments.Contains("WEB_CONCURRENCY"));
            return;
        }
        Assert.Equal(inputs.Port!.Value.ToString(), expose!.Arguments);
        Assert.NotNull(healthcheck);
        var cmdAt = healthcheck!.Arguments.IndexOf("CMD ", StringComparison.Ordinal);
        var check = healthcheck.Arguments.Substring(cmdAt + 4).Trim();
        var arguments = JsonSerializer.Deserialize<string[]>(check)!;
        Assert.Equal("python", arguments[0]);
        Assert.Contains("127.0.0.1', " + inputs.Port.Value, arguments[2]);
        Assert.DoesNotContain("curl", healthcheck.Arguments);
        Assert.Contains(final, i => i.Keyword == "ENV" && i.Arguments == "WEB_CONCURRENCY=2");
    }

    [Theory]
    [MemberData(nameof(AvailableCases))]
    public void Python_runtime_environment_is_set_in_the_final_stage(PatternId pattern, PackageManager manager, FixtureFramework framework)
    {
        var (dockerfile, _, _, _) = Generate(pattern, manager, framework);
        var env = string.Join('\n', FinalChain(dockerfile).SelectMany(s => InStage(dockerfile, s)).Where(i => i.Keyword == "ENV").Select(i => i.Arguments));
        Assert.Contains("PYTHONDONTWRITEBYTECODE=1", env);
        Assert.Contains("PYTHONUNBUFFERED=1", env);
        var final = InStage(dockerfile, dockerfile.FinalStage!).ToList();
        foreach (var copy in final.Where(i => i.Keyword == "COPY" && i.Flag("from") == "builder"))
        {
            var source = copy.SplitFlags().Remainder.Split(' ')[0];
            if (pattern == PatternId.Distroless) Assert.Contains("PYTHONPATH=\"/opt/site-packages", env);
            else Assert.Contains($"PATH=\"{source}/bin:$PATH\"", env);
        }
        Assert.Contains(final, i => i.Keyword == "COPY" && i.Flag("from") == "builder");
    }

    [Theory]
    [MemberData(nameof(AvailableCases))]
    public void Every_install_uses_its_tools_cache_mount(PatternId pattern, PackageManager manager, FixtureFramework framework)
    {
        var (dockerfile, _, _, _) = Generate(pattern, manager, framework);
        foreach (var run in dockerfile.Instructions.Where(i => i.Keyword == "RUN"))
        {
            var command = run.SplitFlags().Remainder;
            var mounts = run.SplitFlags().Flags.Where(f => f.StartsWith("--mount=type=cache", StringComparison.Ordinal)).ToList();
            if (command.Contains("pip install") && !command.Contains("uv pip install")) Assert.Contains("--mount=type=cache,target=/root/.cache/pip", mounts);
            if (command.StartsWith("uv sync") || command.StartsWith("uv pip")) Assert.Contains("--mount=type=cache,target=/root/.cache/uv", mounts);
            if (command.StartsWith("poetry install")) Assert.Contains("--mount=type=cache,target=/root/.cache/pypoetry", mounts);
            if (command.StartsWith("pipenv install")) Assert.Contains("--mount=type=cache,target=/root/.cache/pipenv", mounts);
            Assert.DoesNotContain("--no-cache-dir", command);
        }
    }

    [Theory]
    [MemberData(nameof(AvailableCases))]
    public void Tools_are_pinned(PatternId pattern, PackageManager manager, FixtureFramework framework)
    {
        var (dockerfile, _, _, _) = Generate(pattern, manager, framework);
        foreach (var instruction in dockerfile.Instructions)
        {
            if (instruction.Keyword == "COPY" && instruction.Flag("from") is { } from && from.Contains('/'))
                Assert.Equal(ScaffoldImages.UvImage, from);
            if (instruction.Keyword == "RUN")
            {
                var command = instruction.SplitFlags().Remainder;
                if (command.StartsWith("pip install poetry")) Assert.Equal("pip install poetry==" + ScaffoldImages.PoetryVersion, command);
                if (command.StartsWith("pip install pipenv")) Assert.Equal("pip install pipenv==" + ScaffoldImages.PipenvVersion, command);
            }
        }
    }

    [Theory]
    [MemberData(nameof(AvailableCases))]
    public void Dependencies_are_installed_in_the_builder_only_and_before_the_source(PatternId pattern, PackageManager manager, FixtureFramework framework)
    {
        var (dockerfile, _, _, _) = Generate(pattern, manager, framework);
        foreach (var stage in FinalChain(dockerfile))
            Assert.DoesNotContain(InStage(dockerfile, stage), i => i.Keyword == "RUN" && IsInstall(i.SplitFlags().Remainder));
        var builder = dockerfile.StageNamed("builder")!;
        var builderInstructions = InStage(dockerfile, builder).ToList();
        var firstInstall = builderInstructions.First(i => i.Keyword == "RUN" && IsInstall(i.SplitFlags().Remainder));
        var sourceCopy = builderInstructions.FirstOrDefault(i => i.Keyword == "COPY" && i.Arguments == ". .");
        bool installsDependenciesSeparately = !(manager == PackageManager.PipPyProject && pattern != PatternId.Uv);
        if (sourceCopy != null && installsDependenciesSeparately)
            Assert.True(firstInstall.Index < sourceCopy.Index, "the dependencies must be installed before the source is copied");
    }

    private static bool IsInstall(string command) =>
        command.Contains("pip install") || command.StartsWith("uv sync") || command.StartsWith("uv pip install")
        || command.StartsWith("poetry install") || command.StartsWith("pipenv install");

    [Theory]
    [MemberData(nameof(AvailableCases))]
    public void Dev_dependencies_reach_only_the_dev_stage(PatternId pattern, PackageManager manager, FixtureFramework framework)
    {
        var (dockerfile, _, _, _) = Generate(pattern, manager, framework);
        foreach (var stage in dockerfile.Stages.Where(s => s.Name != "dev"))
        {
            foreach (var run in InStage(dockerfile, stage).Where(i => i.Keyword == "RUN"))
            {
                var command = run.SplitFlags().Remainder;
                if (command.StartsWith("uv sync")) Assert.Contains("--no-dev", command);
                if (command.StartsWith("poetry install")) Assert.Contains("--only main", command);
                if (command.StartsWith("pipenv install")) { Assert.DoesNotContain("--dev", command); Assert.Contains("--deploy", command); }
                Assert.DoesNotContain("requirements-dev.txt", run.Arguments);
            }
        }
        var dev = dockerfile.StageNamed("dev");
        if (pattern == PatternId.DevTestStages)
        {
            Assert.NotNull(dev);
            Assert.Equal("builder", dev!.BaseImage);
            Assert.NotEqual(dev, dockerfile.FinalStage);
            var runs = InStage(dockerfile, dev).Where(i => i.Keyword == "RUN").ToList();
            Assert.Contains(runs, r => r.Arguments.Contains("python -m pytest") || r.Arguments.Contains("python -m unittest"));
            if (manager == PackageManager.PipRequirements) Assert.Contains(runs, r => r.Arguments.Contains("-r requirements-dev.txt"));
        }
        else Assert.Null(dev);
    }

    [Theory]
    [MemberData(nameof(AvailableCases))]
    public void Lock_based_installs_enforce_the_lock(PatternId pattern, PackageManager manager, FixtureFramework framework)
    {
        var (dockerfile, _, _, _) = Generate(pattern, manager, framework);
        var runs = dockerfile.Instructions.Where(i => i.Keyword == "RUN").Select(i => i.SplitFlags()).ToList();
        switch (manager)
        {
            case PackageManager.Uv:
                Assert.All(runs.Where(r => r.Remainder.StartsWith("uv sync")), r => Assert.Contains("--frozen", r.Remainder));
                Assert.Contains(runs, r => r.Flags.Contains("--mount=type=bind,source=uv.lock,target=uv.lock"));
                break;
            case PackageManager.Poetry:
                var copyLock = dockerfile.Instructions.First(i => i.Keyword == "COPY" && i.Arguments.Contains("poetry.lock"));
                var install = dockerfile.Instructions.First(i => i.Keyword == "RUN" && i.Arguments.Contains("poetry install"));
                Assert.True(copyLock.Index < install.Index);
                break;
            case PackageManager.Pipenv:
                Assert.Contains(runs, r => r.Remainder.StartsWith("pipenv install --deploy"));
                break;
        }
    }

    [Theory]
    [MemberData(nameof(AvailableCases))]
    public void Apt_installs_skip_recommends_and_remove_the_lists(PatternId pattern, PackageManager manager, FixtureFramework framework)
    {
        var inputs = ScaffoldFixtures.Inputs(manager, framework) with
        {
            NativeNeeds = new NativeNeeds(new[] { "gcc", "libpq-dev" }, pattern == PatternId.Distroless ? Array.Empty<string>() : new[] { "libpq5" }, "psycopg2 compiles against libpq"),
        };
        var text = Scaffolder.Generate(inputs, pattern)[0].Text;
        var dockerfile = DockerfileText.Parse(text);
        var builderRuns = InStage(dockerfile, dockerfile.StageNamed("builder")!).Where(i => i.Keyword == "RUN").ToList();
        Assert.Contains(builderRuns, r => r.Arguments.Contains("gcc") && r.Arguments.Contains("libpq-dev"));
        foreach (var stage in FinalChain(dockerfile))
            Assert.DoesNotContain(InStage(dockerfile, stage), i => i.Keyword == "RUN" && (i.Arguments.Contains("gcc") || i.Arguments.Contains("-dev")));
        if (pattern != PatternId.Distroless)
            Assert.Contains(InStage(dockerfile, dockerfile.FinalStage!), i => i.Keyword == "RUN" && i.Arguments.Contains("libpq5"));
        foreach (var run in dockerfile.Instructions.Where(i => i.Keyword == "RUN" && i.Arguments.Contains("apt-get")))
        {
            if (run.Arguments.Contains("apt-get install"))
            {
                Assert.Contains("apt-get install -y --no-install-recommends", run.Arguments);
            }
            Assert.Contains("rm -rf /var/lib/apt/lists/*", run.Arguments);
        }
        // OS upgrades happen only in the final stage (seed 000), and only the builder-venv pattern does them.
        foreach (var run in dockerfile.Instructions.Where(i => i.Arguments.Contains("apt-get upgrade")))
            Assert.Contains(run.Index, dockerfile.FinalStage!.InstructionIndices);
    }

    [Theory]
    [MemberData(nameof(AvailableCases))]
    public void Continuation_lines_are_well_formed(PatternId pattern, PackageManager manager, FixtureFramework framework)
    {
        var (_, text, dockerignore, _) = Generate(pattern, manager, framework);
        var lines = text.Split('\n');
        for (int i = 0; i < lines.Length; i++)
        {
            Assert.Equal(lines[i].TrimEnd(), lines[i]);
            if (lines[i].EndsWith('\\')) Assert.False(string.IsNullOrWhiteSpace(lines[i + 1]), $"line {i + 1} continues into a blank line");
        }
        Assert.EndsWith("\n", text);
        Assert.False(text.EndsWith("\n\n"), "one newline at the end");
        Assert.DoesNotContain("\n\n\n", text);
        Assert.DoesNotContain("\n\n\n", dockerignore);
    }

    [Theory]
    [MemberData(nameof(AvailableCases))]
    public void The_dockerignore_excludes_local_clutter_and_keeps_what_the_build_reads(PatternId pattern, PackageManager manager, FixtureFramework framework)
    {
        var (_, _, dockerignore, inputs) = Generate(pattern, manager, framework);
        var lines = dockerignore.Split('\n');
        foreach (var excluded in new[] { ".git", ".venv/", "venv/", "**/__pycache__/", "**/*.py[cod]", ".env", "Dockerfile*", ".pytest_cache/", "pip.conf" })
            Assert.Contains(excluded, lines);
        if (inputs.ReadmeFile != null) Assert.Contains("!" + inputs.ReadmeFile, lines);
        foreach (var file in inputs.LockFiles.Concat(inputs.RuntimeRequirementsFiles).Concat(inputs.DevRequirementsFiles))
            Assert.Contains("!" + file, lines);
        Assert.DoesNotContain("*.md", lines);
        Assert.DoesNotContain("README.md", lines);
        Assert.DoesNotContain("tests/", lines);
    }

    [Fact]
    public void The_dockerignore_keeps_a_readme_in_a_subfolder_and_license_files()
    {
        var inputs = ScaffoldFixtures.Inputs(PackageManager.Uv, FixtureFramework.FastApi) with
        {
            ReadmeFile = "docs/README.rst",
            LicenseFiles = new[] { "LICENSE", "LICENSES/MIT.txt" },
            LocalVirtualEnvironments = new[] { ".venv", "py312env" },
        };
        var lines = Scaffolder.Generate(inputs, PatternId.Uv)[1].Text.Split('\n');
        Assert.Contains("!docs/README.rst", lines);
        Assert.Contains("!LICENSE", lines);
        Assert.Contains("!LICENSES/MIT.txt", lines);
        Assert.Contains("py312env/", lines);
        Assert.Single(lines, l => l == ".venv/");
    }

    [Fact]
    public void Unavailable_patterns_are_refused_with_the_reason()
    {
        var inputs = ScaffoldFixtures.Inputs(PackageManager.Poetry, FixtureFramework.Django);
        var error = Assert.Throws<ScaffoldException>(() => Scaffolder.Generate(inputs, PatternId.Uv));
        Assert.Contains("poetry.lock", error.Message);
    }

    [Fact]
    public void The_dockerignore_can_be_left_out()
    {
        var inputs = ScaffoldFixtures.Inputs(PackageManager.Uv, FixtureFramework.FastApi);
        var files = Scaffolder.Generate(inputs, PatternId.Uv, new ScaffoldOptions { IncludeDockerignore = false });
        Assert.Equal(new[] { "Dockerfile" }, files.Select(f => f.RelativePath));
    }
}
