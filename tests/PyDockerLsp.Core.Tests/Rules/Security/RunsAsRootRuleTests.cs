using PyDockerLsp.Core.Analysis;
using PyDockerLsp.Core.Tests.Rules.OsPackages;
using PyDockerLsp.Core.Tests.Rules.Support;
using Xunit.Abstractions;

namespace PyDockerLsp.Core.Tests.Rules.Security;

/// <summary>PD401 runs-as-root: the final image runs as an unprivileged user; the "add non-root user" fix.</summary>
public class RunsAsRootRuleTests
{
    private const string Rule = "PD401";
    private const string CreateFix = " and run as it"; // the preferred fix comes first; the alternative says "that owns …"
    private readonly ITestOutputHelper _output;

    public RunsAsRootRuleTests(ITestOutputHelper output) => _output = output;

    public static TheoryData<string, string> Fires => new()
    {
        { "no USER", "FROM ⟦python:3.12-slim⟧\nWORKDIR /app\nCOPY . .\nCMD [\"python\", \"app.py\"]\n" },
        { "USER root", "FROM python:3.12-slim\nUSER ⟦root⟧\n" },
        { "USER 0", "FROM python:3.12-slim\nUSER ⟦0⟧\n" },
        { "USER root:root", "FROM python:3.12-slim\nUSER ⟦root:root⟧\n" },
        { "USER 0:0", "FROM python:3.12-slim\nUSER ⟦0:0⟧\n" },
        { "back to root at the end", "FROM python:3.12-slim\nRUN useradd app\nUSER app\nRUN echo hi\nUSER ⟦root⟧\nRUN apt-get update\n" },
        { "root inherited from the base stage", "FROM python:3.12-slim AS base\nUSER ⟦root⟧\nRUN echo hi\nFROM base\nRUN echo there\n" },
        { "a builder's USER does not count", "FROM python:3.12-slim AS build\nUSER app\nFROM ⟦python:3.12-slim⟧\nCOPY --from=build /w /w\n" },
        { "final stage built on a stage without USER", "FROM python:3.12-slim AS base\nRUN pip install uv\nFROM ⟦base⟧\nCMD [\"python\"]\n" },
        { "USER from a build argument that is root", "FROM python:3.12-slim\nARG RUNTIME_USER=root\nUSER ⟦$RUNTIME_USER⟧\n" },
        { "user created but never used", "FROM ⟦python:3.12-slim⟧\nRUN useradd --create-home app\nCMD [\"python\"]\n" },
        { "alpine", "FROM ⟦python:3.12-alpine⟧\nCMD [\"python\"]\n" },
        { "distroless default tag", "FROM python:3.12-slim AS build\nFROM ⟦gcr.io/distroless/python3-debian12⟧\nCOPY --from=build /app /app\n" },
    };

    [Theory]
    [MemberData(nameof(Fires))]
    public void Reports_a_final_image_that_runs_as_root(string _, string dockerfile) =>
        RuleFixture.Dockerfile(dockerfile).AssertFindings(Rule);

    public static TheoryData<string, string> Silent => new()
    {
        { "USER by name", "FROM python:3.12-slim\nRUN useradd app\nUSER app\n" },
        { "USER by id", "FROM python:3.12-slim\nUSER 1000:1000\n" },
        { "USER in the base stage", "FROM python:3.12-slim AS base\nUSER app\nFROM base\nCMD [\"python\"]\n" },
        { "root in a builder, user in the final stage", "FROM python:3.12-slim AS build\nUSER root\nRUN pip wheel -w /w .\nFROM python:3.12-slim\nUSER 1001\n" },
        { "root and then a user", "FROM python:3.12-slim\nUSER root\nRUN apt-get update\nUSER app\n" },
        { "distroless nonroot tag", "FROM gcr.io/distroless/python3-debian12:nonroot\nCOPY app /app\n" },
        { "windows image", "FROM python:3.12-windowsservercore\nCMD [\"python\"]\n" },
        { "USER from an unset build argument", "FROM python:3.12-slim\nARG NB_UID\nUSER ${NB_UID}\n" },
        { "no FROM", "RUN echo hi\n" },
        { "root suppressed with hadolint's id", "FROM python:3.12-slim\n# hadolint ignore=DL3002\nUSER root\n" },
        { "missing USER suppressed on the FROM", "# pydocker: ignore=PD401\nFROM python:3.12-slim\n" },
    };

    [Theory]
    [MemberData(nameof(Silent))]
    public void Stays_silent_when_the_final_image_runs_unprivileged(string _, string dockerfile) =>
        RuleFixture.Dockerfile(dockerfile).AssertSilent(Rule);

    public static TheoryData<string, string, string> CreatesUser => new()
    {
        { "debian: user created after FROM, USER after the last build step",
          "FROM python:3.12-slim\nWORKDIR /app\nCOPY . .\nEXPOSE 8000\nCMD [\"python\", \"app.py\"]\n",
          "FROM python:3.12-slim\nRUN groupadd --system --gid 1001 appgroup \\\n    && useradd --system --uid 1001 --gid appgroup --no-create-home appuser\nWORKDIR /app\nCOPY . .\nUSER appuser\nEXPOSE 8000\nCMD [\"python\", \"app.py\"]\n" },
        { "alpine syntax",
          "FROM python:3.12-alpine\nCOPY . /app\nCMD [\"python\", \"/app/app.py\"]\n",
          "FROM python:3.12-alpine\nRUN addgroup -S -g 1001 appgroup \\\n    && adduser -S -u 1001 -G appgroup -H appuser\nCOPY . /app\nUSER appuser\nCMD [\"python\", \"/app/app.py\"]\n" },
        { "alpine told by apk when the image name does not",
          "FROM registry.example.com/base/runtime:7\nRUN apk add --no-cache libpq\nCMD [\"python\"]\n",
          "FROM registry.example.com/base/runtime:7\nRUN addgroup -S -g 1001 appgroup \\\n    && adduser -S -u 1001 -G appgroup -H appuser\nRUN apk add --no-cache libpq\nUSER appuser\nCMD [\"python\"]\n" },
        { "multi-stage: only the final stage changes",
          "FROM python:3.12-slim AS build\nRUN pip wheel -w /w .\n\nFROM python:3.12-slim\nCOPY --from=build /w /w\nRUN pip install /w/*\nCMD [\"python\", \"-m\", \"app\"]\n",
          "FROM python:3.12-slim AS build\nRUN pip wheel -w /w .\n\nFROM python:3.12-slim\nRUN groupadd --system --gid 1001 appgroup \\\n    && useradd --system --uid 1001 --gid appgroup --no-create-home appuser\nCOPY --from=build /w /w\nRUN pip install /w/*\nUSER appuser\nCMD [\"python\", \"-m\", \"app\"]\n" },
        { "final stage without build steps: everything after FROM",
          "FROM python:3.12-slim AS base\nRUN pip install uv\nFROM base\nCMD [\"python\"]\n",
          "FROM python:3.12-slim AS base\nRUN pip install uv\nFROM base\nRUN groupadd --system --gid 1001 appgroup \\\n    && useradd --system --uid 1001 --gid appgroup --no-create-home appuser\nUSER appuser\nCMD [\"python\"]\n" },
        { "CRLF and indentation kept",
          "  FROM python:3.12-slim\r\n  COPY . /app\r\n  CMD [\"python\"]\r\n",
          "  FROM python:3.12-slim\r\n  RUN groupadd --system --gid 1001 appgroup \\\r\n      && useradd --system --uid 1001 --gid appgroup --no-create-home appuser\r\n  COPY . /app\r\n  USER appuser\r\n  CMD [\"python\"]\r\n" },
        { "backtick escape",
          "# escape=`\nFROM python:3.12-slim\nCOPY . /app\n",
          "# escape=`\nFROM python:3.12-slim\nRUN groupadd --system --gid 1001 appgroup `\n    && useradd --system --uid 1001 --gid appgroup --no-create-home appuser\nCOPY . /app\nUSER appuser\n" },
        { "the file's continuation style: && at line ends, two-space indent",
          "FROM python:3.12-slim\nRUN apt-get update && \\\n  apt-get install -y libpq5\nCOPY . /app\n",
          "FROM python:3.12-slim\nRUN groupadd --system --gid 1001 appgroup && \\\n  useradd --system --uid 1001 --gid appgroup --no-create-home appuser\nRUN apt-get update && \\\n  apt-get install -y libpq5\nCOPY . /app\nUSER appuser\n" },
        { "an owner the file already uses becomes the user",
          "FROM python:3.12-slim\nCOPY --chown=1000:1000 . /app\nCMD [\"python\"]\n",
          "FROM python:3.12-slim\nRUN groupadd --system --gid 1000 appgroup \\\n    && useradd --system --uid 1000 --gid appgroup --no-create-home appuser\nCOPY --chown=1000:1000 . /app\nUSER appuser\nCMD [\"python\"]\n" },
        { "an owner named by COPY --chown is created under that name",
          "FROM python:3.12-slim\nCOPY --chown=app:app . /app\nCMD [\"python\"]\n",
          "FROM python:3.12-slim\nRUN groupadd --system --gid 1001 app \\\n    && useradd --system --uid 1001 --gid app --no-create-home app\nCOPY --chown=app:app . /app\nUSER app\nCMD [\"python\"]\n" },
        { "ids already taken move up",
          "FROM python:3.12-slim\nRUN groupadd --gid 1001 docker\nCOPY . /app\n",
          "FROM python:3.12-slim\nRUN groupadd --system --gid 1002 appgroup \\\n    && useradd --system --uid 1002 --gid appgroup --no-create-home appuser\nRUN groupadd --gid 1001 docker\nCOPY . /app\nUSER appuser\n" },
        { "a VOLUME folder is given to the user, and copies into it",
          "FROM python:3.12-slim\nWORKDIR /app\nCOPY . .\nVOLUME /app/data\nCOPY seed.db /app/data/\nCMD [\"python\", \"app.py\"]\n",
          "FROM python:3.12-slim\nRUN groupadd --system --gid 1001 appgroup \\\n    && useradd --system --uid 1001 --gid appgroup --no-create-home appuser \\\n    && mkdir -p /app/data \\\n    && chown appuser:appgroup /app/data\nWORKDIR /app\nCOPY . .\nVOLUME /app/data\nCOPY --chown=appuser:appgroup seed.db /app/data/\nUSER appuser\nCMD [\"python\", \"app.py\"]\n" },
    };

    [Theory]
    [MemberData(nameof(CreatesUser))]
    public void The_fix_creates_an_unprivileged_user_and_switches_to_it(string _, string before, string after) =>
        Assert.Equal(after, RuleFixture.Dockerfile(before).ApplyFixAndVerify(Rule, CreateFix));

    [Fact]
    public void The_alternative_fix_gives_the_user_the_app_folder_and_what_is_copied_there()
    {
        var before = "FROM python:3.12-slim\nWORKDIR /app\nCOPY --from=ghcr.io/astral-sh/uv:0.5 /uv /bin/uv\nCOPY requirements.txt .\nRUN pip install -r requirements.txt\nCOPY . .\nCMD [\"python\", \"app.py\"]\n";
        var after = "FROM python:3.12-slim\nRUN groupadd --system --gid 1001 appgroup \\\n    && useradd --system --uid 1001 --gid appgroup --no-create-home appuser \\\n    && mkdir -p /app \\\n    && chown appuser:appgroup /app\n"
            + "WORKDIR /app\nCOPY --from=ghcr.io/astral-sh/uv:0.5 /uv /bin/uv\nCOPY --chown=appuser:appgroup requirements.txt .\nRUN pip install -r requirements.txt\nCOPY --chown=appuser:appgroup . .\nUSER appuser\nCMD [\"python\", \"app.py\"]\n";
        Assert.Equal(after, RuleFixture.Dockerfile(before).ApplyFixAndVerify(Rule, "that owns /app"));
    }

    [Fact]
    public void Without_a_WORKDIR_there_is_no_alternative()
    {
        var finding = Assert.Single(RuleFixture.Dockerfile("FROM python:3.12-slim\nCOPY . /srv\n").Run(Rule));
        Assert.DoesNotContain(finding.Fixes, f => f.Title.Contains("owns", StringComparison.Ordinal));
    }

    public static TheoryData<string, string, string, string> SwitchesUser => new()
    {
        { "user created but never switched to", "Run as the existing user app",
          "FROM python:3.12-slim\nRUN useradd --create-home app\nCOPY . /home/app\nCMD [\"python\"]\n",
          "FROM python:3.12-slim\nRUN useradd --create-home app\nCOPY . /home/app\nUSER app\nCMD [\"python\"]\n" },
        { "busybox adduser", "Run as the existing user worker",
          "FROM python:3.12-alpine\nRUN adduser -D -u 1000 worker\nCMD [\"python\"]\n",
          "FROM python:3.12-alpine\nRUN adduser -D -u 1000 worker\nUSER worker\nCMD [\"python\"]\n" },
        { "explicit root with no build step after it is rewritten", "Run as the existing user app",
          "FROM python:3.12-slim\nRUN useradd app\nUSER root\nCMD [\"python\"]\n",
          "FROM python:3.12-slim\nRUN useradd app\nUSER app\nCMD [\"python\"]\n" },
        { "back to the earlier user after root's build steps", "Run as the existing user app:app",
          "FROM python:3.12-slim\nUSER app:app\nCOPY . /app\nUSER root\nRUN apt-get update\nCMD [\"python\"]\n",
          "FROM python:3.12-slim\nUSER app:app\nCOPY . /app\nUSER root\nRUN apt-get update\nUSER app:app\nCMD [\"python\"]\n" },
        { "distroless: its nonroot user", "nonroot user",
          "FROM gcr.io/distroless/python3-debian12\nCOPY --from=build /app /app\nCMD [\"/app/main.py\"]\n",
          "FROM gcr.io/distroless/python3-debian12\nCOPY --from=build /app /app\nUSER nonroot\nCMD [\"/app/main.py\"]\n" },
        { "distroless with USER root", "nonroot user",
          "FROM gcr.io/distroless/python3-debian12:nonroot\nUSER root\nCMD [\"/app/main.py\"]\n",
          "FROM gcr.io/distroless/python3-debian12:nonroot\nUSER nonroot\nCMD [\"/app/main.py\"]\n" },
        { "scratch: a bare id", "uid 65532",
          "FROM scratch\nCOPY app /app\n",
          "FROM scratch\nCOPY app /app\nUSER 65532:65532\n" },
    };

    [Theory]
    [MemberData(nameof(SwitchesUser))]
    public void The_fix_reuses_what_the_file_or_image_already_has(string _, string title, string before, string after) =>
        Assert.Equal(after, RuleFixture.Dockerfile(before).ApplyFixAndVerify(Rule, title));

    [Fact]
    public void Every_variant_is_unsafe()
    {
        var finding = Assert.Single(RuleFixture.Dockerfile("FROM python:3.12-slim\nWORKDIR /app\nCOPY . .\n").Run(Rule));
        Assert.All(finding.Fixes, f => Assert.Equal(FixSafety.Unsafe, f.Safety));
        Assert.True(finding.Fixes[0].IsPreferred);
    }

    [Fact]
    public void The_created_user_satisfies_the_other_rules_of_the_stage()
    {
        var fixedText = RuleFixture.Dockerfile("FROM python:3.12-slim\nWORKDIR /app\nCOPY . .\n").ApplyFixAndVerify(Rule, CreateFix);
        foreach (var other in new[] { "PD301", "PD302", "PD304", "PD405" }) RuleFixture.Dockerfile(fixedText).AssertSilent(other);
    }

    [Fact]
    public void Agrees_with_hadolint_DL3002_where_only_the_final_image_matters()
    {
        var result = HadolintAgreement.Measure("DL3002", Rule);
        _output.WriteLine(result.Summary("DL3002", Rule));
        Assert.True(result.Agreeing >= 14, result.Summary("DL3002", Rule));
    }
}
