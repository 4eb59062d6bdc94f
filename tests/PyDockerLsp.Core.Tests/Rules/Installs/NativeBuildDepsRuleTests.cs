using PyDockerLsp.Core.Tests.Rules.Support;

namespace PyDockerLsp.Core.Tests.Rules.Installs;

/// <summary>PD212 native-build-deps: psycopg2 and mysqlclient need build packages in the builder and a library at run time.</summary>
public class NativeBuildDepsRuleTests
{
    private const string Rule = "PD212";

    public static TheoryData<string, RuleFixture> Fires => new()
    {
        { "psycopg2 from a requirements file on slim", RuleFixture.Dockerfile("FROM python:3.12-slim\nCOPY requirements.txt .\nRUN pip install -r ⟦requirements.txt⟧\n")
            .File("requirements.txt", "flask==3.1.0\npsycopg2==2.9.10\n") },
        { "psycopg2 named in RUN", RuleFixture.Dockerfile("FROM python:3.12-slim\nRUN pip install ⟦psycopg2==2.9.10⟧\n") },
        { "a builder with the headers and a final stage without the library", RuleFixture.Dockerfile(
            "FROM python:3.12-slim AS build\nRUN apt-get update && apt-get install -y --no-install-recommends gcc libpq-dev\nCOPY requirements.txt .\nRUN pip install --prefix /install -r ⟦requirements.txt⟧\n"
            + "FROM python:3.12-slim\nCOPY --from=build /install /usr/local\n").File("requirements.txt", "psycopg2==2.9.10\n") },
        { "mysqlclient from pyproject with uv sync", RuleFixture.Dockerfile("FROM python:3.12-slim\nCOPY . /app\nWORKDIR /app\nRUN uv ⟦sync⟧ --locked\n")
            .File("pyproject.toml", "[project]\nname = \"a\"\ndependencies = [\"mysqlclient>=2.2\"]\n") },
    };

    [Theory]
    [MemberData(nameof(Fires))]
    public void Reports_native_packages_without_their_system_packages(string _, RuleFixture fixture) => fixture.AssertFindings(Rule);

    public static TheoryData<string, RuleFixture> Silent => new()
    {
        { "the packages installed before", RuleFixture.Dockerfile("FROM python:3.12-slim\nRUN apt-get update && apt-get install -y build-essential libpq-dev && pip install psycopg2==2.9.10\n") },
        { "a builder with the headers and a final stage with the library", RuleFixture.Dockerfile(
            "FROM python:3.12-slim AS build\nRUN apt-get update && apt-get install -y gcc libpq-dev\nRUN pip install --prefix /install psycopg2==2.9.10\n"
            + "FROM python:3.12-slim\nRUN apt-get update && apt-get install -y libpq5\nCOPY --from=build /install /usr/local\n") },
        { "the binary package", RuleFixture.Dockerfile("FROM python:3.12-slim\nRUN pip install psycopg2-binary==2.9.10\n") },
        { "a full image ships the headers and libraries", RuleFixture.Dockerfile("FROM python:3.12\nRUN pip install psycopg2==2.9.10\n") },
        { "alpine is PD102's", RuleFixture.Dockerfile("FROM python:3.12-alpine\nRUN pip install psycopg2==2.9.10\n") },
        { "a stage outside the final build", RuleFixture.Dockerfile("FROM python:3.12-slim AS scratch\nRUN pip install psycopg2==2.9.10\nFROM python:3.12-slim\n") },
    };

    [Theory]
    [MemberData(nameof(Silent))]
    public void Stays_silent_when_the_system_packages_are_there(string _, RuleFixture fixture) => fixture.AssertSilent(Rule);

    [Fact]
    public void The_message_names_what_is_missing_and_relates_the_requirement()
    {
        var finding = Assert.Single(RuleFixture.Dockerfile("FROM python:3.12-slim AS build\nCOPY requirements.txt .\nRUN pip install --prefix /install -r requirements.txt\nFROM python:3.12-slim\nCOPY --from=build /install /usr/local\n")
            .File("requirements.txt", "psycopg2==2.9.10\n").Run(Rule));
        Assert.Equal("psycopg2 (requirements.txt) compiles from source and needs libpq-dev and gcc, which stage build does not install before it; it also needs libpq5 at run time, which the final stage does not install.", finding.Message);
        Assert.Equal("/project/requirements.txt", Assert.Single(finding.Related).Path);
    }

    public static TheoryData<RuleFixture, string, string> DockerfileFixes => new()
    {
        { RuleFixture.Dockerfile("FROM python:3.12-slim\nRUN pip install psycopg2==2.9.10\n"), "Install libpq-dev and gcc",
          "FROM python:3.12-slim\nRUN apt-get update && apt-get install -y --no-install-recommends libpq-dev gcc && rm -rf /var/lib/apt/lists/*\nRUN pip install psycopg2==2.9.10\n" },
        { RuleFixture.Dockerfile("FROM python:3.12-slim AS build\r\nRUN apt-get update && apt-get install -y git\r\nRUN pip install --prefix /install psycopg2==2.9.10\r\nFROM python:3.12-slim\r\nCOPY --from=build /install /usr/local\r\n"),
          "Install libpq-dev and gcc in stage build and libpq5 in the final stage",
          "FROM python:3.12-slim AS build\r\nRUN apt-get update && apt-get install -y git libpq-dev gcc\r\nRUN pip install --prefix /install psycopg2==2.9.10\r\nFROM python:3.12-slim\r\n"
          + "RUN apt-get update && apt-get install -y --no-install-recommends libpq5 && rm -rf /var/lib/apt/lists/*\r\nCOPY --from=build /install /usr/local\r\n" },
        { RuleFixture.Dockerfile("# escape=`\nFROM python:3.12-slim\nRUN apt-get update && apt-get install -y `\n      curl && `\n    pip install psycopg2==2.9.10\n"), "Install libpq-dev and gcc",
          "# escape=`\nFROM python:3.12-slim\nRUN apt-get update && apt-get install -y `\n      curl libpq-dev gcc && `\n    pip install psycopg2==2.9.10\n" },
    };

    [Theory]
    [MemberData(nameof(DockerfileFixes))]
    public void The_Dockerfile_fix_installs_the_missing_packages(RuleFixture fixture, string title, string expected) =>
        Assert.Equal(expected, fixture.ApplyFixAndVerify(Rule, title));

    [Fact]
    public void The_manifest_fix_switches_to_the_binary_package_keeping_the_version()
    {
        var fixture = RuleFixture.Dockerfile("FROM python:3.12-slim\nCOPY requirements.txt .\nRUN pip install -r requirements.txt\n")
            .File("requirements.txt", "flask==3.1.0\npsycopg2==2.9.10 ; python_version >= \"3.8\"\n");
        fixture.ApplyFixAndVerify(Rule, "Use psycopg2-binary instead of psycopg2 in requirements.txt");
        Assert.Equal("flask==3.1.0\npsycopg2-binary==2.9.10 ; python_version >= \"3.8\"\n", fixture.FixedText("requirements.txt"));
    }

    [Fact]
    public void A_hash_pinned_line_is_not_renamed()
    {
        var finding = Assert.Single(RuleFixture.Dockerfile("FROM python:3.12-slim\nCOPY requirements.txt .\nRUN pip install -r requirements.txt\n")
            .File("requirements.txt", "psycopg2==2.9.10 --hash=sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef\n").Run(Rule));
        Assert.DoesNotContain(finding.Fixes, f => f.Title.Contains("psycopg2-binary", StringComparison.Ordinal));
    }
}
