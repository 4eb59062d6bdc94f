using System.Text.Json;
using PyDockerLsp.Core.Tests.Rules.Support;
using PyDockerLsp.Core.Tests.Support;
using Xunit.Abstractions;

namespace PyDockerLsp.Core.Tests.Rules.Installs;

/// <summary>PD201 install-cache-not-mounted: an installer that downloads must have a cache mount or its cache off.</summary>
public class InstallCacheNotMountedRuleTests
{
    private const string Rule = "PD201";
    private const string Slim = "FROM python:3.12-slim\n";

    public static TheoryData<string, string> Fires => new()
    {
        { "pip install -r", Slim + "COPY requirements.txt .\nRUN ⟦pip⟧ install -r requirements.txt\n" },
        { "pip3", Slim + "RUN ⟦pip3⟧ install flask\n" },
        { "python -m pip", Slim + "RUN python3 -m ⟦pip⟧ install flask\n" },
        { "a venv's pip by path", Slim + "RUN python -m venv /opt/venv && ⟦/opt/venv/bin/pip⟧ install flask\n" },
        { "pip wheel in a builder stage", "FROM python:3.12-slim AS build\nRUN ⟦pip⟧ wheel -w /wheels -r requirements.txt\n" + Slim + "COPY --from=build /wheels /wheels\n" },
        { "uv sync", Slim + "RUN ⟦uv⟧ sync --frozen --no-dev\n" },
        { "uv pip install", Slim + "RUN ⟦uv⟧ pip install --system -r requirements.txt\n" },
        { "poetry install", Slim + "RUN ⟦poetry⟧ install --no-root --only main\n" },
        { "pipenv install", Slim + "RUN ⟦pipenv⟧ install --deploy --system\n" },
        { "falsy UV_NO_CACHE keeps uv's cache on", Slim + "ENV UV_NO_CACHE=0\nRUN ⟦uv⟧ sync\n" },
        { "PIP_NO_CACHE_DIR of an unrelated stage", "FROM python:3.12-slim AS base\nENV PIP_NO_CACHE_DIR=1\n" + Slim + "RUN ⟦pip⟧ install six\n" },
        { "a cache mount for another tool only", Slim + "RUN --mount=type=cache,target=/root/.cache/pip pip install uv && ⟦uv⟧ sync\n" },
        { "an unrelated cache mount", Slim + "RUN --mount=type=cache,target=/root/.npm ⟦pip⟧ install flask\n" },
        { "one finding per tool and RUN", Slim + "RUN ⟦pip⟧ install -U pip && pip install -r requirements.txt\n" },
        { "two tools in one RUN", Slim + "RUN ⟦pip⟧ install uv && ⟦uv⟧ pip install --system flask\n" },
        { "the cache is off for the first command only", Slim + "RUN PIP_NO_CACHE_DIR=1 pip install a && ⟦pip⟧ install b\n" },
        { "ONBUILD trigger", Slim + "ONBUILD RUN ⟦pip⟧ install -r requirements.txt\n" },
        { "shell heredoc", Slim + "RUN <<EOF\n⟦pip⟧ install flask\nEOF\n" },
        { "pyenv exec python -m pip", Slim + "RUN pyenv exec python3.13 -m ⟦pip⟧ install -r requirements.txt\n" },
        { "poetry run pip", Slim + "RUN poetry run ⟦pip⟧ install gunicorn\n" },
        { "removing another tool's cache", Slim + "RUN ⟦pip⟧ install flask && rm -rf /root/.cache/uv\n" },
        { "non-root user whose cache is not mounted", Slim + "RUN useradd -m app\nUSER app\nRUN --mount=type=cache,target=/root/.npm ⟦pip⟧ install --user flask\n" },
    };

    [Theory]
    [MemberData(nameof(Fires))]
    public void Reports_the_installer_word_of_an_install_without_cache_handling(string _, string dockerfile) =>
        RuleFixture.Dockerfile(dockerfile).AssertFindings(Rule);

    public static TheoryData<string, string> Silent => new()
    {
        { "--no-cache-dir", Slim + "RUN pip install --no-cache-dir -r requirements.txt\n" },
        { "--no-cache-dir after the packages", Slim + "RUN pip install flask --no-cache-dir\n" },
        { "pip's abbreviation --no-cache", Slim + "RUN pip install --no-cache /wheels/*\n" },
        { "global option before the subcommand", Slim + "RUN pip --no-cache-dir install flask\n" },
        { "ENV PIP_NO_CACHE_DIR=1", Slim + "ENV PIP_NO_CACHE_DIR=1\nRUN pip install flask\n" },
        { "PIP_NO_CACHE_DIR=off still switches pip's cache off", Slim + "ENV PIP_NO_CACHE_DIR=off\nRUN pip install flask\n" },
        { "PIP_NO_CACHE_DIR inherited through FROM <stage>", "FROM python:3.12-slim AS base\nENV PIP_NO_CACHE_DIR=1\nFROM base\nRUN pip install six\n" },
        { "assignment before the command", Slim + "RUN PIP_NO_CACHE_DIR=1 pip install flask\n" },
        { "env wrapper", Slim + "RUN env PIP_NO_CACHE_DIR=1 pip install flask\n" },
        { "export earlier in the RUN", Slim + "RUN export PIP_NO_CACHE_DIR=true && pip install flask\n" },
        { "cache mount", Slim + "RUN --mount=type=cache,target=/root/.cache/pip pip install -r requirements.txt\n" },
        { "cache mount on the parent folder", Slim + "RUN --mount=type=cache,target=/root/.cache pip install flask && uv sync\n" },
        { "cache mount with more options", Slim + "RUN --mount=type=cache,id=pip,sharing=locked,target=/root/.cache/pip pip install flask\n" },
        { "tmpfs on the cache", Slim + "RUN --mount=type=tmpfs,target=/root/.cache/pip pip install flask\n" },
        { "cache removed in the same RUN", Slim + "RUN pip install flask && rm -rf /root/.cache/pip\n" },
        { "cache removed through ~", Slim + "RUN pip install flask && rm -rf ~/.cache\n" },
        { "pip cache purge", Slim + "RUN pip install flask && pip cache purge\n" },
        { "offline install from wheels", Slim + "RUN pip install --no-index --find-links=/wheels -r requirements.txt\n" },
        { "uv --no-cache", Slim + "RUN uv sync --frozen --no-cache\n" },
        { "uv -n before the subcommand", Slim + "RUN uv -n pip install --system flask\n" },
        { "UV_NO_CACHE=1", Slim + "ENV UV_NO_CACHE=1\nRUN uv sync\n" },
        { "uv cache mount", Slim + "ENV UV_LINK_MODE=copy\nRUN --mount=type=cache,target=/root/.cache/uv uv sync --locked\n" },
        { "poetry --no-cache", Slim + "RUN poetry install --no-cache --no-root\n" },
        { "POETRY_CACHE_DIR mounted (seed 003)", Slim + "ENV POETRY_CACHE_DIR=/tmp/poetry_cache\nRUN --mount=type=cache,target=/tmp/poetry_cache poetry install --no-root --only main\n" },
        { "PIP_CACHE_DIR mounted through a variable", Slim + "ENV PIP_CACHE_DIR=/var/cache/pip\nRUN --mount=type=cache,target=$PIP_CACHE_DIR pip install flask\n" },
        { "XDG_CACHE_HOME mounted", Slim + "ENV XDG_CACHE_HOME=/cache\nRUN --mount=type=cache,target=/cache/pip pip install flask\n" },
        { "non-root user with its home cache mounted", Slim + "RUN useradd -m -u 1000 app\nUSER app\nRUN --mount=type=cache,target=/home/app/.cache/pip,uid=1000 pip install --user flask\n" },
        { "HOME moved by ENV", Slim + "ENV HOME=/app\nRUN --mount=type=cache,target=/app/.cache/pip pip install flask\n" },
        { "not an install", Slim + "RUN pip freeze > requirements.lock && pip list && uv lock\n" },
        { "pipx is not pip", Slim + "RUN pipx install poetry\n" },
        { "the word pip as an argument", Slim + "RUN echo pip install flask\n" },
        { "CMD is not a build step", Slim + "CMD pip install flask\n" },
        { "a misplaced cache mount is PD202's", Slim + "RUN --mount=type=cache,target=/root/.cache/pip uv sync\n" },
        { "a mount for root while a user runs is PD202's", Slim + "RUN useradd -m -u 1000 app\nUSER app\nRUN --mount=type=cache,target=/root/.cache/pip pip install --user flask\n" },
        { "suppressed by hadolint's id", Slim + "# hadolint ignore=DL3042\nRUN pip install flask\n" },
        { "suppressed inline", Slim + "# pydocker: ignore=PD201\nRUN pip install flask\n" },
    };

    [Theory]
    [MemberData(nameof(Silent))]
    public void Stays_silent_when_the_cache_is_mounted_or_off(string _, string dockerfile) =>
        RuleFixture.Dockerfile(dockerfile).AssertSilent(Rule);

    public static TheoryData<string, string, string> MountFixes => new()
    {
        { "one line", Slim + "RUN pip install -r requirements.txt\n",
          Slim + "RUN --mount=type=cache,target=/root/.cache/pip pip install -r requirements.txt\n" },
        { "continued command: the mount gets its own line", Slim + "RUN apt-get update && \\\n    pip install -r requirements.txt\n",
          Slim + "RUN --mount=type=cache,target=/root/.cache/pip \\\n    apt-get update && \\\n    pip install -r requirements.txt\n" },
        { "existing flags move to the next line", Slim + "RUN --mount=type=bind,source=requirements.txt,target=requirements.txt \\\n  pip install -r requirements.txt\n",
          Slim + "RUN --mount=type=cache,target=/root/.cache/pip \\\n  --mount=type=bind,source=requirements.txt,target=requirements.txt \\\n  pip install -r requirements.txt\n" },
        { "a one-line RUN with a flag", Slim + "RUN --network=host pip install flask\n",
          Slim + "RUN --mount=type=cache,target=/root/.cache/pip \\\n    --network=host pip install flask\n" },
        { "flags on a continuation line", Slim + "RUN \\\n\t--network=host \\\n\tpip install flask\n",
          Slim + "RUN \\\n\t--mount=type=cache,target=/root/.cache/pip \\\n\t--network=host \\\n\tpip install flask\n" },
        { "CRLF", "FROM python:3.12-slim\r\nRUN apt-get update && \\\r\n    pip install flask\r\n",
          "FROM python:3.12-slim\r\nRUN --mount=type=cache,target=/root/.cache/pip \\\r\n    apt-get update && \\\r\n    pip install flask\r\n" },
        { "backtick escape", "# escape=`\n" + Slim + "RUN apt-get update && `\n    pip install flask\n",
          "# escape=`\n" + Slim + "RUN --mount=type=cache,target=/root/.cache/pip `\n    apt-get update && `\n    pip install flask\n" },
        { "--no-cache-dir of another pip command goes", Slim + "RUN pip install --no-cache-dir -U pip && pip install -r requirements.txt\n",
          Slim + "RUN --mount=type=cache,target=/root/.cache/pip pip install -U pip && pip install -r requirements.txt\n" },
        { "--no-cache-dir on its own continuation line goes with it", Slim + "RUN pip install --upgrade pip \\\n        --no-cache-dir \\\n    && pip install -r requirements.txt\n",
          Slim + "RUN --mount=type=cache,target=/root/.cache/pip \\\n        pip install --upgrade pip \\\n    && pip install -r requirements.txt\n" },
        { "PIP_NO_CACHE_DIR=1 before another pip command goes", Slim + "RUN PIP_NO_CACHE_DIR=1 pip install a && pip install b\n",
          Slim + "RUN --mount=type=cache,target=/root/.cache/pip pip install a && pip install b\n" },
        { "non-root user: home cache with uid", Slim + "RUN useradd -m -u 1000 app\nUSER app\nRUN pip install --user flask\n",
          Slim + "RUN useradd -m -u 1000 app\nUSER app\nRUN --mount=type=cache,target=/home/app/.cache/pip,uid=1000 pip install --user flask\n" },
        { "non-root user with a numbered group", Slim + "RUN groupadd -g 1001 app && useradd -u 1001 -g app -d /srv/app app\nUSER app:app\nRUN pip install --user flask\n",
          Slim + "RUN groupadd -g 1001 app && useradd -u 1001 -g app -d /srv/app app\nUSER app:app\nRUN --mount=type=cache,target=/srv/app/.cache/pip,uid=1001,gid=1001 pip install --user flask\n" },
        { "Alpine adduser and a numeric USER", "FROM python:3.12-alpine\nRUN adduser -D -u 10001 app\nUSER 10001\nRUN pip install --user flask\n",
          "FROM python:3.12-alpine\nRUN adduser -D -u 10001 app\nUSER 10001\nRUN --mount=type=cache,target=/home/app/.cache/pip,uid=10001 pip install --user flask\n" },
        { "PIP_CACHE_DIR", Slim + "ENV PIP_CACHE_DIR=/tmp/pip-cache\nRUN pip install flask\n",
          Slim + "ENV PIP_CACHE_DIR=/tmp/pip-cache\nRUN --mount=type=cache,target=/tmp/pip-cache pip install flask\n" },
        { "uv gets UV_LINK_MODE=copy", Slim + "WORKDIR /app\n  RUN uv sync --frozen\n",
          Slim + "WORKDIR /app\n  ENV UV_LINK_MODE=copy\n  RUN --mount=type=cache,target=/root/.cache/uv uv sync --frozen\n" },
        { "uv with its link mode already set", Slim + "ENV UV_LINK_MODE=copy\nRUN uv sync --frozen\n",
          Slim + "ENV UV_LINK_MODE=copy\nRUN --mount=type=cache,target=/root/.cache/uv uv sync --frozen\n" },
        { "UV_CACHE_DIR", Slim + "ENV UV_CACHE_DIR=/opt/uv-cache UV_LINK_MODE=copy\nRUN uv pip install --system flask\n",
          Slim + "ENV UV_CACHE_DIR=/opt/uv-cache UV_LINK_MODE=copy\nRUN --mount=type=cache,target=/opt/uv-cache uv pip install --system flask\n" },
        { "poetry", Slim + "RUN poetry install --only main\n",
          Slim + "RUN --mount=type=cache,target=/root/.cache/pypoetry poetry install --only main\n" },
        { "pipenv", Slim + "RUN pipenv install --system --deploy\n",
          Slim + "RUN --mount=type=cache,target=/root/.cache/pipenv pipenv install --system --deploy\n" },
        { "ONBUILD trigger", Slim + "ONBUILD RUN pip install -r requirements.txt\n",
          Slim + "ONBUILD RUN --mount=type=cache,target=/root/.cache/pip pip install -r requirements.txt\n" },
        { "shell heredoc", Slim + "RUN <<EOF\npip install flask\nEOF\n",
          Slim + "RUN --mount=type=cache,target=/root/.cache/pip <<EOF\npip install flask\nEOF\n" },
        { "heredoc with a flag", Slim + "RUN --mount=type=secret,id=netrc,target=/root/.netrc <<EOF\npip install flask\nEOF\n",
          Slim + "RUN --mount=type=cache,target=/root/.cache/pip \\\n    --mount=type=secret,id=netrc,target=/root/.netrc <<EOF\npip install flask\nEOF\n" },
        { "exec form", Slim + "RUN [\"pip\", \"install\", \"flask\"]\n",
          Slim + "RUN --mount=type=cache,target=/root/.cache/pip [\"pip\", \"install\", \"flask\"]\n" },
        { "one mount per tool", Slim + "RUN pip install uv && uv pip install --system flask\n",
          Slim + "ENV UV_LINK_MODE=copy\nRUN --mount=type=cache,target=/root/.cache/uv \\\n    --mount=type=cache,target=/root/.cache/pip pip install uv && uv pip install --system flask\n" },
    };

    [Theory]
    [MemberData(nameof(MountFixes))]
    public void The_fix_adds_a_cache_mount_on_the_tools_cache_directory(string _, string before, string after) =>
        Assert.Equal(after, RuleFixture.Dockerfile(before).ApplyFixAndVerify(Rule, "Add a cache mount"));

    public static TheoryData<string, string> DisableFixes => new()
    {
        { Slim + "RUN pip install -r requirements.txt\n", Slim + "RUN pip install --no-cache-dir -r requirements.txt\n" },
        { Slim + "RUN python -m pip install flask\n", Slim + "RUN python -m pip install --no-cache-dir flask\n" },
        { Slim + "RUN uv pip install --system flask\n", Slim + "RUN uv pip install --no-cache --system flask\n" },
        { Slim + "RUN poetry install --no-root\n", Slim + "RUN poetry install --no-cache --no-root\n" },
        { Slim + "RUN [\"pip\", \"install\", \"flask\"]\n", Slim + "RUN [\"pip\", \"install\", \"--no-cache-dir\", \"flask\"]\n" },
    };

    [Theory]
    [MemberData(nameof(DisableFixes))]
    public void The_alternative_fix_switches_the_cache_off(string before, string after) =>
        Assert.Equal(after, RuleFixture.Dockerfile(before).ApplyFixAndVerify(Rule, "Disable"));

    [Fact]
    public void The_mount_is_the_preferred_fix_and_switching_off_the_second()
    {
        var finding = Assert.Single(RuleFixture.Dockerfile(Slim + "RUN pip install flask\n").Run(Rule));
        Assert.Equal("Add a cache mount for pip (/root/.cache/pip)", finding.Fixes[0].Title);
        Assert.True(finding.Fixes[0].IsPreferred);
        Assert.Equal("Disable pip's cache with --no-cache-dir", finding.Fixes[1].Title);
        Assert.False(finding.Fixes[1].IsPreferred);
        Assert.Contains("/root/.cache/pip", finding.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Slim + "USER nobody\nRUN pip install --user flask\n")]
    [InlineData(Slim + "RUN useradd app\nUSER app\nRUN pip install --user flask\n")]
    [InlineData(Slim + "RUN adduser --system app\nUSER app\nRUN pip install --user flask\n")]
    public void No_mount_is_offered_when_the_users_home_or_uid_is_unknown(string dockerfile)
    {
        var finding = Assert.Single(RuleFixture.Dockerfile(dockerfile).Run(Rule));
        Assert.DoesNotContain(finding.Fixes, f => f.Title.StartsWith("Add a cache mount", StringComparison.Ordinal));
        Assert.Contains(finding.Fixes, f => f.Title.StartsWith("Disable", StringComparison.Ordinal));
    }

    [Fact]
    public void Pipenv_has_no_switch_to_turn_its_cache_off()
    {
        var finding = Assert.Single(RuleFixture.Dockerfile(Slim + "RUN pipenv install --deploy --system\n").Run(Rule));
        Assert.DoesNotContain(finding.Fixes, f => f.Title.StartsWith("Disable", StringComparison.Ordinal));
    }
}

/// <summary>PD201 against hadolint's DL3042 expectations (conformance/hadolint-rules/cases.jsonl).</summary>
public class InstallCacheNotMountedHadolintAgreementTests
{
    private readonly ITestOutputHelper _output;

    public InstallCacheNotMountedHadolintAgreementTests(ITestOutputHelper output) => _output = output;

    private static readonly System.Text.RegularExpressions.Regex FalsyPipNoCacheDir = new("PIP_NO_CACHE_DIR=(0|off|no|false)\\b");

    /// <summary>Cases where PD201 disagrees on purpose: pip switches its cache off for any value of PIP_NO_CACHE_DIR,
    /// and Pipenv's downloads are cached like pip's.</summary>
    private static bool IsIntentionalDifference(string dockerfile) =>
        FalsyPipNoCacheDir.IsMatch(dockerfile) || dockerfile.Contains("pipenv install", StringComparison.Ordinal);

    [Fact]
    public void Agrees_with_DL3042_except_on_falsy_PIP_NO_CACHE_DIR_and_pipenv()
    {
        var path = TestPaths.Conformance("hadolint-rules", "cases.jsonl");
        int total = 0, agree = 0, intentional = 0;
        var disagreements = new List<string>();
        foreach (var line in File.ReadLines(path))
        {
            using var json = JsonDocument.Parse(line);
            var root = json.RootElement;
            if (root.GetProperty("rule").GetString() != "DL3042") continue;
            total++;
            var dockerfile = root.GetProperty("dockerfile").GetString()! + "\n";
            if (root.GetProperty("onbuild").GetBoolean())
                dockerfile = string.Join("\n", dockerfile.Split('\n').Select(l => l.StartsWith("RUN ", StringComparison.OrdinalIgnoreCase) ? "ONBUILD " + l : l));
            // hadolint lints snippets without FROM as they are; a RUN needs a stage here, so they get one.
            if (!dockerfile.Contains("FROM ", StringComparison.Ordinal)) dockerfile = "FROM debian:bookworm\n" + dockerfile;
            bool expected = root.GetProperty("expect").GetString() == "violation";
            int? count = root.GetProperty("count").ValueKind == JsonValueKind.Number ? root.GetProperty("count").GetInt32() : null;
            var findings = RuleFixture.Dockerfile(dockerfile).Run("PD201");
            bool same = count is { } exact ? findings.Count == exact : findings.Count > 0 == expected;
            if (same) agree++;
            else if (IsIntentionalDifference(dockerfile)) intentional++;
            else disagreements.Add(root.GetProperty("id").GetString() + ": " + dockerfile.Replace("\n", "\\n"));
        }
        _output.WriteLine($"PD201 vs DL3042: {agree}/{total} agree; {intentional} differ on purpose (falsy PIP_NO_CACHE_DIR, pipenv); other: {disagreements.Count}");
        foreach (var d in disagreements) _output.WriteLine("  " + d);
        Assert.Equal(46, total);
        Assert.Empty(disagreements);
        Assert.True(agree >= 32, $"agreement fell to {agree}/{total}");
    }
}
