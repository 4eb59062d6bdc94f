using PyDockerLsp.Core.Scaffolding;
using PyDockerLsp.Core.Tests.Rules.Support;

namespace PyDockerLsp.Core.Tests.Rules.Installs;

/// <summary>PD210 unpinned-tool-image: tool images and installer tools need a version.</summary>
public class UnpinnedToolImageRuleTests
{
    private const string Rule = "PD210";
    private const string Slim = "FROM python:3.12-slim\n";
    private static readonly string Uv = ScaffoldImages.UvVersion;

    public static TheoryData<string, string> Fires => new()
    {
        { ":latest (seeds 002 and 003)", Slim + "COPY --from=ghcr.io/astral-sh/uv:⟦latest⟧ /uv /usr/local/bin/uv\n" },
        { "no tag", Slim + "COPY --from=⟦ghcr.io/astral-sh/uv⟧ /uv /uvx /bin/\n" },
        { "uv's variant tag follows the newest uv", Slim + "COPY --from=ghcr.io/astral-sh/uv:⟦python3.12-bookworm-slim⟧ /usr/local/bin/uv /bin/\n" },
        { "Docker Hub's astral/uv", Slim + "COPY --from=⟦astral/uv⟧ /uv /bin/\n" },
        { "any image without a tag", Slim + "COPY --from=⟦nginx⟧ /etc/nginx/nginx.conf /etc/nginx/\n" },
        { "a mount from an image", Slim + "RUN --mount=from=ghcr.io/astral-sh/uv:⟦latest⟧,source=/uv,target=/bin/uv uv sync\n" },
        { "pip install uv (seed 004)", Slim + "RUN pip install --no-cache-dir ⟦uv⟧\n" },
        { "pip install poetry", Slim + "RUN pip install ⟦poetry⟧\n" },
        { "python -m pip install pipenv", Slim + "RUN python -m pip install --upgrade pip ⟦pipenv⟧\n" },
        { "a lower bound only", Slim + "RUN pip install ⟦'poetry>=1.8'⟧\n" },
        { "an unquoted >= is a shell redirection: no version at all", Slim + "RUN pip install ⟦poetry⟧>=1.8\n" },
        { "pipx install poetry", Slim + "RUN pipx install ⟦poetry⟧\n" },
        { "uv tool install", Slim + "RUN uv tool install ⟦poetry⟧\n" },
        { "in a builder stage", "FROM python:3.12-slim AS build\nRUN pip install ⟦uv⟧\n" + Slim },
        { "in a heredoc", Slim + "RUN <<EOF\npip install ⟦poetry⟧\nEOF\n" },
    };

    [Theory]
    [MemberData(nameof(Fires))]
    public void Reports_the_unpinned_tag_or_package(string _, string dockerfile) =>
        RuleFixture.Dockerfile(dockerfile).AssertFindings(Rule);

    public static TheoryData<string, string> Silent => new()
    {
        { "a pinned uv image", Slim + "COPY --from=ghcr.io/astral-sh/uv:0.9.5 /uv /bin/\n" },
        { "a pinned variant", Slim + "COPY --from=ghcr.io/astral-sh/uv:0.9.5-python3.12-bookworm-slim /usr/local/bin/uv /bin/\n" },
        { "a digest", Slim + "COPY --from=ghcr.io/astral-sh/uv@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef /uv /bin/\n" },
        { "another image with a tag", Slim + "COPY --from=nginx:1.27 /etc/nginx/nginx.conf /etc/nginx/\n" },
        { "a stage name", "FROM python:3.12-slim AS builder\nRUN true\n" + Slim + "COPY --from=builder /app /app\n" },
        { "a stage index", "FROM python:3.12-slim\nRUN true\n" + Slim + "COPY --from=0 /app /app\n" },
        { "a mount from a stage", "FROM python:3.12-slim AS wheels\nRUN pip wheel -w /w flask==3.0.0\n" + Slim + "RUN --mount=from=wheels,source=/w,target=/w pip install --no-index /w/*\n" },
        { "a variable", "ARG UV_IMAGE=ghcr.io/astral-sh/uv:0.9.5\n" + Slim + "COPY --from=$UV_IMAGE /uv /bin/\n" },
        { "poetry==2.1.3", Slim + "RUN pip install poetry==2.1.3\n" },
        { "a version from a build argument", Slim + "ARG POETRY_VERSION=2.1.3\nRUN pip install \"poetry==${POETRY_VERSION}\"\n" },
        { "a compatible-release pin", Slim + "RUN pip install 'uv~=0.9.5'\n" },
        { "a capped range", Slim + "RUN pip install 'poetry>=1.8,<2'\n" },
        { "pipx with a version", Slim + "RUN pipx install poetry==2.1.3\n" },
        { "other packages are PD207's", Slim + "RUN pip install flask\n" },
        { "requirements files are PD207's", Slim + "RUN pip install -r requirements-tools.txt\n" },
        { "uvicorn is not uv", Slim + "RUN pip install uvicorn==0.30.0 poetry-core==1.9.0\n" },
    };

    [Theory]
    [MemberData(nameof(Silent))]
    public void Stays_silent_on_pinned_tools(string _, string dockerfile) =>
        RuleFixture.Dockerfile(dockerfile).AssertSilent(Rule);

    public static TheoryData<string, string, string> Fixes => new()
    {
        { Slim + "COPY --from=ghcr.io/astral-sh/uv:latest /uv /bin/\n", "Pin uv", Slim + $"COPY --from=ghcr.io/astral-sh/uv:{Uv} /uv /bin/\n" },
        { Slim + "COPY --from=ghcr.io/astral-sh/uv /uv /bin/\n", "Pin uv", Slim + $"COPY --from=ghcr.io/astral-sh/uv:{Uv} /uv /bin/\n" },
        { Slim + "COPY --from=ghcr.io/astral-sh/uv:python3.12-bookworm-slim /usr/local/bin/uv /bin/\n", "Pin uv",
          Slim + $"COPY --from=ghcr.io/astral-sh/uv:{Uv}-python3.12-bookworm-slim /usr/local/bin/uv /bin/\n" },
        { Slim + "RUN --mount=from=ghcr.io/astral-sh/uv:latest,source=/uv,target=/bin/uv uv sync\n", "Pin uv",
          Slim + $"RUN --mount=from=ghcr.io/astral-sh/uv:{Uv},source=/uv,target=/bin/uv uv sync\n" },
        { Slim + "RUN pip install --no-cache-dir uv\n", "Pin uv", Slim + $"RUN pip install --no-cache-dir uv=={Uv}\n" },
        { Slim + "RUN pip install poetry\n", "Pin poetry", Slim + $"RUN pip install poetry=={ScaffoldImages.PoetryVersion}\n" },
        { Slim + "RUN pipx install pipenv\n", "Pin pipenv", Slim + $"RUN pipx install pipenv=={ScaffoldImages.PipenvVersion}\n" },
    };

    [Theory]
    [MemberData(nameof(Fixes))]
    public void The_fix_pins_the_current_release(string before, string title, string after) =>
        Assert.Equal(after, RuleFixture.Dockerfile(before).ApplyFixAndVerify(Rule, title));

    [Theory]
    [InlineData(Slim + "COPY --from=nginx /etc/nginx/nginx.conf /etc/nginx/\n")]
    [InlineData(Slim + "RUN pip install hatch\n")]
    [InlineData(Slim + "RUN pip install 'poetry>=1.8'\n")]
    public void Only_known_versions_are_offered(string dockerfile)
    {
        var finding = Assert.Single(RuleFixture.Dockerfile(dockerfile).Run(Rule));
        Assert.DoesNotContain(finding.Fixes, f => f.Title.StartsWith("Pin", StringComparison.Ordinal));
    }

    [Fact]
    public void The_uv_pin_is_a_plain_release_number_usable_as_an_image_tag()
    {
        // ScaffoldImages.UvVersion is the single place to bump it, shared with the generated Dockerfiles.
        Assert.Matches("^[0-9]+\\.[0-9]+\\.[0-9]+$", Uv);
        var fixedText = RuleFixture.Dockerfile(Slim + "COPY --from=ghcr.io/astral-sh/uv /uv /bin/\n").ApplyFixAndVerify(Rule, "Pin uv");
        Assert.Contains("ghcr.io/astral-sh/uv:" + Uv + " ", fixedText, StringComparison.Ordinal);
    }
}
