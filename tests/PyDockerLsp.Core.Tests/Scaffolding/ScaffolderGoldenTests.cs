using PyDockerLsp.Core.Scaffolding;

namespace PyDockerLsp.Core.Tests.Scaffolding;

/// <summary>A handful of complete outputs, reviewed once and kept (PYDOCKER_UPDATE_GOLDEN=1 rewrites them).</summary>
public class ScaffolderGoldenTests
{
    private static readonly Scaffolder Scaffolder = new();

    public static IEnumerable<object[]> GoldenCases()
    {
        yield return new object[] { "uv.fastapi", PatternId.Uv, ScaffoldFixtures.Inputs(PackageManager.Uv, FixtureFramework.FastApi) with { IsInstallable = true } };
        yield return new object[] { "builder-venv.django-native-private-index", PatternId.BuilderVenv, ScaffoldFixtures.Inputs(PackageManager.PipRequirements, FixtureFramework.Django) with
        {
            NativeNeeds = new NativeNeeds(new[] { "gcc", "libpq-dev" }, new[] { "libpq5" }, "psycopg2 builds against libpq: libpq-dev and gcc to build, libpq5 to run"),
            PrivateIndex = new PrivateIndex("pip.conf", null, "pip.conf in the project sets index-url"),
        } };
        yield return new object[] { "poetry.flask", PatternId.Poetry, ScaffoldFixtures.Inputs(PackageManager.Poetry, FixtureFramework.Flask) };
        yield return new object[] { "pipenv.script", PatternId.Pipenv, ScaffoldFixtures.Inputs(PackageManager.Pipenv, FixtureFramework.Script) };
        yield return new object[] { "dev-test-stages.pip-fastapi", PatternId.DevTestStages, ScaffoldFixtures.Inputs(PackageManager.PipRequirements, FixtureFramework.FastApi) };
        yield return new object[] { "distroless.uv-django", PatternId.Distroless, ScaffoldFixtures.Inputs(PackageManager.Uv, FixtureFramework.Django) };
        yield return new object[] { "uv.pip-requirements-flask", PatternId.Uv, ScaffoldFixtures.Inputs(PackageManager.PipRequirements, FixtureFramework.Flask) };
    }

    [Theory]
    [MemberData(nameof(GoldenCases))]
    public void Generated_dockerfile_matches_its_golden_file(string name, PatternId pattern, ScaffoldInputs inputs)
    {
        var files = Scaffolder.Generate(inputs, pattern);
        GoldenFiles.AssertMatches(name + ".Dockerfile", files[0].Text);
    }

    [Fact]
    public void Generated_dockerignore_matches_its_golden_file()
    {
        var inputs = ScaffoldFixtures.Inputs(PackageManager.Uv, FixtureFramework.FastApi) with { LicenseFiles = new[] { "LICENSE" } };
        GoldenFiles.AssertMatches("uv.fastapi.dockerignore", Scaffolder.Generate(inputs, PatternId.Uv)[1].Text);
    }
}
