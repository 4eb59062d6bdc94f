using PyDockerLsp.Core.Tests.Rules.Support;

namespace PyDockerLsp.Core.Tests.Rules.BaseImage;

/// <summary>PD105 stage-python-mismatch: environments copied between stages must keep their Python X.Y and libc.</summary>
public class StagePythonMismatchRuleTests
{
    private const string Rule = "PD105";
    private const string AlignFix = "Build stage";

    private const string VenvBuilder311 =
        "FROM python:3.11-slim AS builder\nRUN python -m venv /opt/venv && /opt/venv/bin/pip install -r requirements.txt\n";

    public static TheoryData<string, string> Fires => new()
    {
        { "venv from 3.11 into 3.12", VenvBuilder311 + "FROM python:3.12-slim\nCOPY --from=builder ⟦/opt/venv⟧ /opt/venv\n" },
        { "venv from glibc into musl",
          "FROM python:3.12-slim AS builder\nRUN python -m venv /opt/venv\nFROM python:3.12-alpine\nCOPY --from=builder ⟦/opt/venv⟧ /opt/venv\n" },
        { "--user site", "FROM python:3.11 AS builder\nRUN pip install --user -r requirements.txt\nFROM python:3.12-slim\nCOPY --from=builder ⟦/root/.local⟧ /root/.local\n" },
        { "--prefix directory", "FROM python:3.11-slim AS builder\nRUN pip install --prefix=/install -r requirements.txt\nFROM python:3.12-slim\nCOPY --from=builder ⟦/install⟧ /usr/local\n" },
        { "site-packages", "FROM python:3.11-slim AS builder\nRUN pip install flask\nFROM python:3.12-slim\nCOPY --from=builder ⟦/usr/local/lib/python3.11/site-packages⟧ /usr/local/lib/python3.12/site-packages\n" },
        { "the app directory that holds uv's .venv",
          "FROM python:3.11-slim AS builder\nWORKDIR /app\nRUN uv sync --frozen --no-dev\nFROM python:3.12-slim\nCOPY --from=builder ⟦/app⟧ /app\n" },
        { "poetry's in-project venv",
          "FROM python:3.11-slim AS builder\nENV POETRY_VIRTUALENVS_IN_PROJECT=1\nWORKDIR /srv\nRUN poetry install --only main\nFROM python:3.12-slim\nCOPY --from=builder ⟦/srv/.venv⟧ /srv/.venv\n" },
        { "venv named by VIRTUAL_ENV", "FROM python:3.11-slim AS builder\nENV VIRTUAL_ENV=/opt/env\nRUN python -m venv $VIRTUAL_ENV\nFROM python:3.12-slim\nCOPY --from=builder ⟦/opt/env⟧ /opt/env\n" },
        { "venv into distroless, whose python lives in /usr/bin",
          "FROM python:3.11-slim AS builder\nWORKDIR /app\nRUN uv sync --frozen\nFROM gcr.io/distroless/python3-debian12\nCOPY --from=builder ⟦/app/.venv⟧ /app/.venv\n" },
        { "WORKDIR and ENV inherited from the base stage",
          "FROM python:3.11-slim AS base\nWORKDIR /srv\nENV UV_PROJECT_ENVIRONMENT=/srv/env\nFROM base AS builder\nRUN uv sync\nFROM python:3.12-slim\nCOPY --from=builder ⟦/srv/env⟧ /srv/env\n" },
        { "relative venv under an inherited WORKDIR",
          "FROM python:3.11-slim AS base\nWORKDIR /srv\nFROM base AS builder\nRUN python -m venv pyenv\nFROM python:3.12-slim\nCOPY --from=builder ⟦/srv/pyenv⟧ /srv/pyenv\n" },
        { "builder built on a base stage", "FROM python:3.11-slim AS base\nFROM base AS builder\nRUN python -m venv /venv\nFROM python:3.12-slim\nCOPY --from=builder ⟦/venv⟧ /venv\n" },
        { "relative source and stage index", VenvBuilder311 + "FROM python:3.12-slim\nCOPY --from=0 ⟦opt/venv⟧ /opt/venv\n" },
        { "only the environment among several sources", VenvBuilder311 + "FROM python:3.12-slim\nCOPY --from=builder ⟦/opt/venv⟧ /etc/hostname /dst/\n" },
        { "version from a build argument default", "ARG PY=3.11\nFROM python:${PY}-slim AS builder\nRUN python -m venv /opt/venv\nFROM python:3.12-slim\nCOPY --from=builder ⟦/opt/venv⟧ /opt/venv\n" },
        { "into a test stage too", VenvBuilder311 + "FROM python:3.12-slim AS test\nCOPY --from=builder ⟦/opt/venv⟧ /opt/venv\nFROM python:3.11-slim\nCOPY --from=builder /opt/venv /opt/venv\n" },
        { "exec-form COPY", VenvBuilder311 + "FROM python:3.12-slim\nCOPY --from=builder [⟦\"/opt/venv\"⟧, \"/opt/venv\"]\n" },
    };

    [Theory]
    [MemberData(nameof(Fires))]
    public void Reports_the_copied_environment(string _, string dockerfile) =>
        RuleFixture.Dockerfile(dockerfile).AssertFindings(Rule);

    public static TheoryData<string, string> Silent => new()
    {
        { "same Python, full builder and slim final", "FROM python:3.12 AS builder\nRUN python -m venv /opt/venv\nFROM python:3.12-slim\nCOPY --from=builder /opt/venv /opt/venv\n" },
        { "same Python, different patch", "FROM python:3.12.3-slim AS builder\nRUN python -m venv /opt/venv\nFROM python:3.12.4-slim\nCOPY --from=builder /opt/venv /opt/venv\n" },
        { "same Python, different Alpine release", "FROM python:3.12-alpine3.19 AS builder\nRUN python -m venv /opt/venv\nFROM python:3.12-alpine3.20\nCOPY --from=builder /opt/venv /opt/venv\n" },
        { "wheels are not an environment", "FROM python:3.11-slim AS builder\nRUN pip wheel -w /wheels -r requirements.txt\nFROM python:3.12-slim\nCOPY --from=builder /wheels /wheels\n" },
        { "application code next to the venv", "FROM python:3.11-slim AS builder\nWORKDIR /app\nRUN uv sync\nFROM python:3.12-slim\nCOPY --from=builder /app/src /app/src\n" },
        { "site-packages into distroless with the same Python (seed 004)",
          "FROM python:3.11-slim AS builder\nWORKDIR /app\nRUN uv sync --frozen --no-dev\nFROM gcr.io/distroless/python3-debian12\nCOPY --from=builder /app/.venv/lib/python3.11/site-packages /app/site-packages\n" },
        { "unknown Python in the final image", VenvBuilder311 + "FROM debian:bookworm-slim\nCOPY --from=builder /opt/venv /opt/venv\n" },
        { "unresolved build argument", "ARG PY\nFROM python:${PY}-slim AS builder\nRUN python -m venv /opt/venv\nFROM python:3.12-slim\nCOPY --from=builder /opt/venv /opt/venv\n" },
        { "copy from an image, not a stage", "FROM python:3.12-slim\nCOPY --from=ghcr.io/astral-sh/uv:0.5 /uv /bin/uv\n" },
        { "venv made with the interpreter path distroless has (GoogleContainerTools' example)",
          "FROM python:3.13-slim-trixie AS build\nRUN ln -s /usr/local/bin/python /usr/bin/python && /usr/bin/python -m venv /venv\nFROM gcr.io/distroless/python3-debian13\nCOPY --from=build /venv /venv\n" },
        { "virtualenv told to use distroless's interpreter path",
          "FROM python:3.11-slim AS build\nRUN virtualenv -p /usr/bin/python3 /venv\nFROM gcr.io/distroless/python3-debian12\nCOPY --from=build /venv /venv\n" },
        { "stage built on the same base", "FROM python:3.12-slim AS base\nFROM base AS builder\nRUN python -m venv /opt/venv\nFROM base\nCOPY --from=builder /opt/venv /opt/venv\n" },
    };

    [Theory]
    [MemberData(nameof(Silent))]
    public void Stays_silent_when_the_runtimes_match_or_nothing_is_known(string _, string dockerfile) =>
        RuleFixture.Dockerfile(dockerfile).AssertSilent(Rule);

    public static TheoryData<string, string> Fixes => new()
    {
        { VenvBuilder311 + "FROM python:3.12-slim\nCOPY --from=builder /opt/venv /opt/venv\n",
          VenvBuilder311.Replace("3.11-slim", "3.12-slim") + "FROM python:3.12-slim\nCOPY --from=builder /opt/venv /opt/venv\n" },
        { "FROM python:3.11-bookworm AS builder\nRUN python -m venv /venv\nFROM python:3.12-slim-bookworm\nCOPY --from=builder /venv /venv\n",
          "FROM python:3.12-bookworm AS builder\nRUN python -m venv /venv\nFROM python:3.12-slim-bookworm\nCOPY --from=builder /venv /venv\n" },
        { "FROM python:3.11 AS builder\r\nRUN python -m venv /venv\r\nFROM python:3.12.4-slim\r\nCOPY --from=builder /venv /venv\r\n",
          "FROM python:3.12.4 AS builder\r\nRUN python -m venv /venv\r\nFROM python:3.12.4-slim\r\nCOPY --from=builder /venv /venv\r\n" },
        { "FROM python:3.12-slim AS builder\nRUN python -m venv /venv\nFROM python:3.12-alpine3.20\nCOPY --from=builder /venv /venv\n",
          "FROM python:3.12-alpine3.20 AS builder\nRUN python -m venv /venv\nFROM python:3.12-alpine3.20\nCOPY --from=builder /venv /venv\n" },
        { "FROM --platform=$BUILDPLATFORM python:3.12-slim@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef AS builder\nWORKDIR /app\nRUN uv sync\nFROM gcr.io/distroless/python3-debian12\nCOPY --from=builder /app/.venv/lib/python3.12/site-packages /app/site-packages\n",
          "FROM --platform=$BUILDPLATFORM python:3.11-slim AS builder\nWORKDIR /app\nRUN uv sync\nFROM gcr.io/distroless/python3-debian12\nCOPY --from=builder /app/.venv/lib/python3.12/site-packages /app/site-packages\n" },
        { "# escape=`\nFROM python:3.11-slim AS builder\nRUN python -m venv /venv `\n    && /venv/bin/pip install flask\nFROM python:3.12-slim\nCOPY --from=builder /venv /venv\n",
          "# escape=`\nFROM python:3.12-slim AS builder\nRUN python -m venv /venv `\n    && /venv/bin/pip install flask\nFROM python:3.12-slim\nCOPY --from=builder /venv /venv\n" },
    };

    [Theory]
    [MemberData(nameof(Fixes))]
    public void The_fix_aligns_the_builder_image_with_the_target(string before, string after) =>
        Assert.Equal(after, RuleFixture.Dockerfile(before).ApplyFixAndVerify(Rule, AlignFix));

    [Theory]
    [InlineData("FROM python:3.11-slim AS builder\nWORKDIR /app\nRUN uv sync\nFROM gcr.io/distroless/python3-debian12\nCOPY --from=builder /app/.venv /app/.venv\n")]
    [InlineData("ARG PY=3.11\nFROM python:${PY}-slim AS builder\nRUN python -m venv /venv\nFROM python:3.12-slim\nCOPY --from=builder /venv /venv\n")]
    [InlineData("FROM python:3.11-alpine AS builder\nRUN python -m venv /venv\nFROM gcr.io/distroless/python3-debian12\nCOPY --from=builder /venv/lib/python3.11/site-packages /sp\n")]
    public void No_alignment_is_offered_when_a_new_tag_would_not_fix_it(string dockerfile)
    {
        var finding = Assert.Single(RuleFixture.Dockerfile(dockerfile).Run(Rule));
        Assert.DoesNotContain(finding.Fixes, f => f.Title.StartsWith(AlignFix, StringComparison.Ordinal));
    }

    [Fact]
    public void The_message_names_both_runtimes_and_the_builder_is_a_related_location()
    {
        var finding = Assert.Single(RuleFixture.Dockerfile(
            "FROM python:3.12-slim AS builder\nRUN python -m venv /opt/venv\nFROM python:3.11-alpine\nCOPY --from=builder /opt/venv /opt/venv\n").Run(Rule));
        Assert.Contains("Python 3.12 on glibc", finding.Message, StringComparison.Ordinal);
        Assert.Contains("Python 3.11 on musl", finding.Message, StringComparison.Ordinal);
        var related = Assert.Single(finding.Related);
        Assert.Equal(5, related.Span.Start);
    }
}
