using PyDockerLsp.Core.Tests.Rules.Support;

namespace PyDockerLsp.Core.Tests.Rules.Installs;

/// <summary>PD202 cache-mount-defeated: a cache mount the installer does not use.</summary>
public class CacheMountDefeatedRuleTests
{
    private const string Rule = "PD202";
    private const string Slim = "FROM python:3.12-slim\n";
    private const string PipMount = "--mount=type=cache,target=/root/.cache/pip";

    public static TheoryData<string, string> Fires => new()
    {
        { "--no-cache-dir with a mount (seed 003, pattern 1)", Slim + "RUN " + PipMount + " \\\n    pip install ⟦--no-cache-dir⟧ -r requirements.txt\n" },
        { "pip's --no-cache abbreviation", Slim + "RUN " + PipMount + " pip install ⟦--no-cache⟧ flask\n" },
        { "PIP_NO_CACHE_DIR before the command", Slim + "RUN " + PipMount + " ⟦PIP_NO_CACHE_DIR=1⟧ pip install flask\n" },
        { "exported in the RUN", Slim + "RUN " + PipMount + " export ⟦PIP_NO_CACHE_DIR=1⟧ && pip install flask\n" },
        { "PIP_NO_CACHE_DIR from ENV of a base stage", "FROM python:3.12-slim AS base\nENV PIP_NO_CACHE_DIR=1\nFROM base\nRUN --mount=type=cache,target=⟦/root/.cache/pip⟧ pip install flask\n" },
        { "uv --no-cache", Slim + "RUN --mount=type=cache,target=/root/.cache/uv uv sync ⟦--no-cache⟧\n" },
        { "PIP_NO_CACHE_DIR=off meant the cache to stay on (celery)", Slim + "ENV PIP_NO_CACHE_DIR=off\nRUN --mount=type=cache,target=⟦/root/.cache/pip⟧ pip install flask\n" },
        { "UV_NO_CACHE", Slim + "ENV UV_NO_CACHE=1\nRUN --mount=type=cache,target=⟦/root/.cache/uv⟧ uv sync\n" },
        { "poetry --no-cache", Slim + "RUN --mount=type=cache,target=/root/.cache/pypoetry poetry install ⟦--no-cache⟧\n" },
        { "cache deleted after the install", Slim + "RUN " + PipMount + " pip install flask && rm -rf ⟦/root/.cache/pip⟧\n" },
        { "pip's mount over a uv command", Slim + "RUN --mount=type=cache,target=⟦/root/.cache/pip⟧ uv pip install --system flask\n" },
        { "root's mount while USER app runs pip", Slim + "RUN useradd -m -u 1000 app\nUSER app\nRUN --mount=type=cache,target=⟦/root/.cache/pip⟧ pip install --user flask\n" },
        { "a poetry cache folder without POETRY_CACHE_DIR", Slim + "RUN --mount=type=cache,target=⟦/tmp/poetry_cache⟧ poetry install --no-root\n" },
        { "PIP_CACHE_DIR moved elsewhere", Slim + "ENV PIP_CACHE_DIR=/var/cache/pip\nRUN --mount=type=cache,target=⟦/root/.cache/pip⟧ pip install flask\n" },
        { "a user's home cache owned by root", Slim + "RUN useradd -m -u 1000 app\nUSER app\nRUN ⟦--mount=type=cache,target=/home/app/.cache/pip⟧ pip install --user flask\n" },
        { "a user named by a build argument (celery)", Slim + "ARG APP_USER=developer\nRUN useradd -m -s /bin/bash $APP_USER\nUSER $APP_USER\nRUN ⟦--mount=type=cache,target=/home/$APP_USER/.cache/pip⟧ pyenv exec python3.13 -m pip install -r requirements.txt\n" },
        { "uv links into the cache", Slim + "ENV UV_LINK_MODE=⟦symlink⟧\nRUN --mount=type=cache,target=/root/.cache/uv uv sync\n" },
        { "in a builder stage", "FROM python:3.12-slim AS build\nRUN " + PipMount + " pip wheel ⟦--no-cache-dir⟧ -w /wheels flask\n" + Slim },
    };

    [Theory]
    [MemberData(nameof(Fires))]
    public void Reports_what_makes_the_mount_useless(string _, string dockerfile) =>
        RuleFixture.Dockerfile(dockerfile).AssertFindings(Rule);

    public static TheoryData<string, string> Silent => new()
    {
        { "mount and cache on", Slim + "RUN " + PipMount + " pip install -r requirements.txt\n" },
        { "--no-cache-dir without a mount is fine (the cache stays out of the layer)", Slim + "RUN pip install --no-cache-dir flask\n" },
        { "no mount at all is PD201's", Slim + "RUN pip install flask\n" },
        { "falsy UV_NO_CACHE", Slim + "ENV UV_NO_CACHE=0\nRUN --mount=type=cache,target=/root/.cache/uv uv sync\n" },
        { "PIP_NO_CACHE_DIR of an unrelated stage", "FROM python:3.12-slim AS base\nENV PIP_NO_CACHE_DIR=1\n" + Slim + "RUN " + PipMount + " pip install flask\n" },
        { "POETRY_CACHE_DIR matches the mount (seed 003)", Slim + "ENV POETRY_CACHE_DIR=/tmp/poetry_cache\nRUN --mount=type=cache,target=/tmp/poetry_cache poetry install --no-root --only main\n" },
        { "two tools, two mounts", Slim + "RUN " + PipMount + " --mount=type=cache,target=/root/.cache/uv pip install uv && uv sync\n" },
        { "a pip mount that serves pip, while uv lacks one (PD201's)", Slim + "RUN " + PipMount + " pip install uv && uv sync\n" },
        { "an apt cache mount", Slim + "RUN --mount=type=cache,target=/var/cache/apt,sharing=locked pip install flask\n" },
        { "a user with uid on its mount", Slim + "RUN useradd -m -u 1000 app\nUSER app\nRUN --mount=type=cache,target=/home/app/.cache/pip,uid=1000 pip install --user flask\n" },
        { "a user's mount opened by mode", Slim + "RUN useradd -m -u 1000 app\nUSER app\nRUN --mount=type=cache,target=/home/app/.cache/pip,mode=0777 pip install --user flask\n" },
        { "uv copies from the mount", Slim + "ENV UV_LINK_MODE=copy\nRUN --mount=type=cache,target=/root/.cache/uv uv sync\n" },
        { "the mount with nothing installed", Slim + "RUN " + PipMount + " python -c 'print(1)'\n" },
        { "another tool's cache is deleted", Slim + "RUN " + PipMount + " pip install flask && rm -rf /root/.cache/uv\n" },
    };

    [Theory]
    [MemberData(nameof(Silent))]
    public void Stays_silent_when_the_mount_is_used(string _, string dockerfile) =>
        RuleFixture.Dockerfile(dockerfile).AssertSilent(Rule);

    public static TheoryData<string, string, string, string> Fixes => new()
    {
        { "remove --no-cache-dir", Slim + "RUN " + PipMount + " \\\n    pip install --no-cache-dir -r requirements.txt\n",
          "Remove --no-cache-dir", Slim + "RUN " + PipMount + " \\\n    pip install -r requirements.txt\n" },
        { "remove a trailing --no-cache-dir on its own line", "FROM python:3.12-slim\r\nRUN " + PipMount + " \\\r\n    pip install -r requirements.txt \\\r\n    --no-cache-dir\r\nCMD [\"python\"]\r\n",
          "Remove --no-cache-dir", "FROM python:3.12-slim\r\nRUN " + PipMount + " \\\r\n    pip install -r requirements.txt\r\nCMD [\"python\"]\r\n" },
        { "remove with backtick continuations", "# escape=`\n" + Slim + "RUN " + PipMount + " `\n    pip install `\n    --no-cache-dir `\n    flask\n",
          "Remove --no-cache-dir", "# escape=`\n" + Slim + "RUN " + PipMount + " `\n    pip install `\n    flask\n" },
        { "remove the variable", Slim + "RUN " + PipMount + " PIP_NO_CACHE_DIR=1 pip install flask\n",
          "Remove PIP_NO_CACHE_DIR=1", Slim + "RUN " + PipMount + " pip install flask\n" },
        { "retarget pip's mount for uv", Slim + "RUN --mount=type=cache,target=/root/.cache/pip uv pip install --system flask\n",
          "Mount the cache on", Slim + "RUN --mount=type=cache,target=/root/.cache/uv uv pip install --system flask\n" },
        { "retarget root's mount for a user", Slim + "RUN useradd -m -u 1000 app\nUSER app\nRUN --mount=type=cache,target=/root/.cache/pip pip install --user flask\n",
          "Mount the cache on", Slim + "RUN useradd -m -u 1000 app\nUSER app\nRUN --mount=type=cache,target=/home/app/.cache/pip,uid=1000 pip install --user flask\n" },
        { "give the mount to the user", Slim + "RUN groupadd -g 2000 app && useradd -m -u 1000 -g 2000 app\nUSER app\nRUN --mount=type=cache,target=/home/app/.cache/pip pip install --user flask\n",
          "Give the cache mount", Slim + "RUN groupadd -g 2000 app && useradd -m -u 1000 -g 2000 app\nUSER app\nRUN --mount=type=cache,target=/home/app/.cache/pip,uid=1000,gid=2000 pip install --user flask\n" },
        { "drop an ENV PIP_NO_CACHE_DIR=off that meant the opposite", Slim + "ENV PIP_NO_CACHE_DIR=off\r\nRUN " + PipMount + " pip install flask\n",
          "Remove ENV PIP_NO_CACHE_DIR=off", Slim + "RUN " + PipMount + " pip install flask\n" },
        { "copy instead of symlink", Slim + "ENV UV_LINK_MODE=symlink\nRUN --mount=type=cache,target=/root/.cache/uv uv sync\n",
          "Use UV_LINK_MODE=copy", Slim + "ENV UV_LINK_MODE=copy\nRUN --mount=type=cache,target=/root/.cache/uv uv sync\n" },
    };

    [Theory]
    [MemberData(nameof(Fixes))]
    public void The_fix_lets_the_installer_use_the_mount(string _, string before, string title, string after) =>
        Assert.Equal(after, RuleFixture.Dockerfile(before).ApplyFixAndVerify(Rule, title));

    [Fact]
    public void A_cache_switched_off_by_ENV_points_at_the_ENV()
    {
        var dockerfile = Slim + "ENV PIP_NO_CACHE_DIR=1\nRUN " + PipMount + " pip install flask\n";
        var finding = Assert.Single(RuleFixture.Dockerfile(dockerfile).Run(Rule));
        var related = Assert.Single(finding.Related);
        Assert.Equal(1, related.Range.Start.Line);
        Assert.DoesNotContain(finding.Fixes, f => f.Title.StartsWith("Remove", StringComparison.Ordinal));
    }

    [Fact]
    public void A_falsy_PIP_NO_CACHE_DIR_is_explained()
    {
        var finding = Assert.Single(RuleFixture.Dockerfile(Slim + "ENV PIP_NO_CACHE_DIR=off\nRUN " + PipMount + " pip install flask\n").Run(Rule));
        Assert.Contains("PIP_NO_CACHE_DIR=off still switches pip's cache off", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_non_root_user_with_its_cache_switched_off_hears_about_both()
    {
        var dockerfile = Slim + "ENV PIP_NO_CACHE_DIR=1\nRUN useradd -m -u 1000 app\nUSER app\nRUN ⟦--mount=type=cache,target=⟦/home/app/.cache/pip⟧⟧ pip install --user flask\n";
        RuleFixture.Dockerfile(dockerfile).AssertFindings(Rule);
    }

    [Fact]
    public void The_retarget_fix_is_unsafe_and_removing_the_switch_is_safe()
    {
        var retarget = Assert.Single(RuleFixture.Dockerfile(Slim + "RUN " + PipMount + " uv sync\n").Run(Rule)).Fixes[0];
        Assert.Equal(Core.Analysis.FixSafety.Unsafe, retarget.Safety);
        var remove = Assert.Single(RuleFixture.Dockerfile(Slim + "RUN " + PipMount + " pip install --no-cache-dir x\n").Run(Rule)).Fixes[0];
        Assert.Equal(Core.Analysis.FixSafety.Safe, remove.Safety);
    }
}
