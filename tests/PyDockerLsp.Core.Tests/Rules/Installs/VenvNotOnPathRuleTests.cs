using PyDockerLsp.Core.Tests.Rules.Support;

namespace PyDockerLsp.Core.Tests.Rules.Installs;

/// <summary>PD209 venv-not-on-path: a copied virtual environment must be on PATH or run by path.</summary>
public class VenvNotOnPathRuleTests
{
    private const string Rule = "PD209";
    private const string Builder = "FROM python:3.12-slim AS builder\nRUN python -m venv /opt/venv && /opt/venv/bin/pip install -r requirements.txt\n";
    private const string Final = "FROM python:3.12-slim\n";

    public static TheoryData<string, string> Fires => new()
    {
        { "copied without PATH", Builder + Final + "COPY --from=builder /opt/venv ⟦/opt/venv⟧\nCMD [\"gunicorn\", \"app:app\"]\n" },
        { "no CMD at all", Builder + Final + "COPY --from=builder /opt/venv ⟦/opt/venv⟧\n" },
        { "a folder named venv", "FROM python:3.12-slim AS build\nRUN echo build\n" + Final + "COPY --from=build /venv ⟦/venv⟧\nCMD [\"python\", \"-m\", \"app\"]\n" },
        { "Poetry's in-project environment", "FROM python:3.12-slim AS builder\nENV POETRY_VIRTUALENVS_IN_PROJECT=1\nWORKDIR /app\nRUN poetry install --only main\n" + Final + "COPY --from=builder /app/.venv ⟦/app/.venv⟧\nCMD [\"python\", \"-m\", \"app\"]\n" },
        { "uv sync's .venv inside a copied folder", "FROM python:3.12-slim AS builder\nWORKDIR /app\nRUN uv sync --frozen\n" + Final + "COPY --from=builder /app ⟦/app⟧\nCMD [\"uvicorn\", \"app.main:app\"]\n" },
        { "uv venv at a chosen path", "FROM python:3.12-slim AS builder\nRUN uv venv /srv/env\n" + Final + "COPY --from=builder /srv/env ⟦/srv/env⟧\n" },
        { "VIRTUAL_ENV and PATH in one ENV", Builder + Final + "COPY --from=builder /opt/venv ⟦/opt/venv⟧\nENV VIRTUAL_ENV=/opt/venv PATH=\"$VIRTUAL_ENV/bin:$PATH\"\nCMD [\"gunicorn\", \"app:app\"]\n" },
        { "PATH set in the builder only", "FROM python:3.12-slim AS builder\nRUN python -m venv /opt/venv\nENV PATH=\"/opt/venv/bin:$PATH\"\n" + Final + "COPY --from=builder /opt/venv ⟦/opt/venv⟧\nCMD [\"python\", \"app.py\"]\n" },
        { "relative destination under WORKDIR", "FROM python:3.12-slim AS builder\nWORKDIR /app\nRUN python -m venv .venv\n" + Final + "WORKDIR /app\nCOPY --from=builder /app/.venv ⟦.venv⟧\nCMD [\"python\", \"main.py\"]\n" },
        { "shell-form CMD by name", Builder + Final + "COPY --from=builder /opt/venv ⟦/opt/venv⟧\nCMD gunicorn app:app\n" },
    };

    [Theory]
    [MemberData(nameof(Fires))]
    public void Reports_the_destination_of_an_unused_environment(string _, string dockerfile) =>
        RuleFixture.Dockerfile(dockerfile).AssertFindings(Rule);

    public static TheoryData<string, string> Silent => new()
    {
        { "PATH after the COPY (seed 002)", Builder + Final + "COPY --from=builder /opt/venv /opt/venv\nENV PATH=\"/opt/venv/bin:$PATH\"\nCMD [\"python\", \"main.py\"]\n" },
        { "PATH before the COPY", Builder + Final + "ENV PATH=/opt/venv/bin:$PATH\nCOPY --from=builder /opt/venv /opt/venv\n" },
        { "VIRTUAL_ENV, then PATH", Builder + Final + "ENV VIRTUAL_ENV=/opt/venv\nENV PATH=\"$VIRTUAL_ENV/bin:$PATH\"\nCOPY --from=builder /opt/venv /opt/venv\n" },
        { "the interpreter by absolute path (seed 000)", Builder + Final + "COPY --from=builder /opt/venv /opt/venv\nCMD [\"/opt/venv/bin/python\", \"app.py\"]\n" },
        { "ENTRYPOINT runs the venv's command", Builder + Final + "COPY --from=builder /opt/venv /opt/venv\nENTRYPOINT [\"/opt/venv/bin/gunicorn\"]\nCMD [\"app:app\"]\n" },
        { "an entrypoint script", Builder + Final + "COPY --from=builder /opt/venv /opt/venv\nENTRYPOINT [\"/docker-entrypoint.sh\"]\n" },
        { "activated in a shell CMD", Builder + Final + "COPY --from=builder /opt/venv /opt/venv\nCMD . /opt/venv/bin/activate && exec python app.py\n" },
        { "uv run finds the project environment", "FROM python:3.12-slim AS builder\nWORKDIR /app\nRUN uv sync --frozen\n" + Final + "COPY --from=ghcr.io/astral-sh/uv:0.9.5 /uv /bin/\nCOPY --from=builder /app /app\nWORKDIR /app\nCMD [\"uv\", \"run\", \"app.py\"]\n" },
        { "copied into a stage that is not final", Builder + "FROM python:3.12-slim AS test\nCOPY --from=builder /opt/venv /opt/venv\nRUN pytest\n" + Final + "CMD [\"python\"]\n" },
        { "pip --user files are not a venv (seed 001)", "FROM python:3.12-slim AS builder\nRUN pip install --user -r requirements.txt\n" + Final + "COPY --from=builder /root/.local /root/.local\nCMD [\"python\", \"app.py\"]\n" },
        { "a prefix install", "FROM python:3.12-slim AS builder\nRUN pip install --prefix=/install -r requirements.txt\n" + Final + "COPY --from=builder /install /usr/local\n" },
        { "PATH inherited from the stage the final one builds on", Builder + "FROM python:3.12-slim AS runtime\nENV PATH=\"/opt/venv/bin:$PATH\"\nFROM runtime\nCOPY --from=builder /opt/venv /opt/venv\n" },
        { "PYTHONPATH names the environment", Builder + Final + "COPY --from=builder /opt/venv /opt/venv\nENV PYTHONPATH=/opt/venv/lib/python3.12/site-packages\n" },
        { "a tool from an image", Final + "COPY --from=ghcr.io/astral-sh/uv:0.9.0 /uv /bin/uv\n" },
        { "single stage", Final + "RUN python -m venv /opt/venv\nCMD [\"python\"]\n" },
    };

    [Theory]
    [MemberData(nameof(Silent))]
    public void Stays_silent_when_the_environment_is_used(string _, string dockerfile) =>
        RuleFixture.Dockerfile(dockerfile).AssertSilent(Rule);

    public static TheoryData<string, string, string> Fixes => new()
    {
        { "after the COPY", Builder + Final + "COPY --from=builder /opt/venv /opt/venv\nCMD [\"gunicorn\", \"app:app\"]\n",
          Builder + Final + "COPY --from=builder /opt/venv /opt/venv\nENV PATH=\"/opt/venv/bin:$PATH\"\nCMD [\"gunicorn\", \"app:app\"]\n" },
        { "CRLF and indentation", "FROM python:3.12-slim AS builder\r\nRUN python -m venv /venv\r\nFROM python:3.12-slim\r\n  COPY --from=builder /venv /venv\r\n  CMD [\"python\"]\r\n",
          "FROM python:3.12-slim AS builder\r\nRUN python -m venv /venv\r\nFROM python:3.12-slim\r\n  COPY --from=builder /venv /venv\r\n  ENV PATH=\"/venv/bin:$PATH\"\r\n  CMD [\"python\"]\r\n" },
        { "last line without a line break", Builder + Final + "COPY --from=builder /opt/venv /opt/venv",
          Builder + Final + "COPY --from=builder /opt/venv /opt/venv\nENV PATH=\"/opt/venv/bin:$PATH\"" },
        { "a COPY continued with backticks", "# escape=`\n" + Builder + Final + "COPY --from=builder `\n    /opt/venv /opt/venv\nCMD [\"python\"]\n",
          "# escape=`\n" + Builder + Final + "COPY --from=builder `\n    /opt/venv /opt/venv\nENV PATH=\"/opt/venv/bin:$PATH\"\nCMD [\"python\"]\n" },
        { "the .venv inside a copied app folder", "FROM python:3.12-slim AS builder\nWORKDIR /app\nRUN uv sync --frozen\n" + Final + "COPY --from=builder /app /app\n",
          "FROM python:3.12-slim AS builder\nWORKDIR /app\nRUN uv sync --frozen\n" + Final + "COPY --from=builder /app /app\nENV PATH=\"/app/.venv/bin:$PATH\"\n" },
    };

    [Theory]
    [MemberData(nameof(Fixes))]
    public void The_fix_puts_the_environment_on_PATH(string _, string before, string after) =>
        Assert.Equal(after, RuleFixture.Dockerfile(before).ApplyFixAndVerify(Rule, "to PATH"));
}
