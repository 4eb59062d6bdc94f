using PyDockerLsp.Core.Tests.Rules.Support;

namespace PyDockerLsp.Core.Tests.Rules.Installs;

/// <summary>PD208 install-in-final-stage: a multi-stage build should copy a prepared environment into the final stage.</summary>
public class InstallInFinalStageRuleTests
{
    private const string Rule = "PD208";
    private const string Builder = "FROM python:3.12-slim AS builder\nRUN python -m venv /opt/venv && /opt/venv/bin/pip install -r requirements.txt\n";
    private const string Final = "FROM python:3.12-slim\n";

    public static TheoryData<string, string> Fires => new()
    {
        { "pip install -r in the final stage", Builder + Final + "COPY requirements.txt .\nRUN ⟦pip⟧ install --no-cache-dir -r requirements.txt\n" },
        { "named packages", Builder + Final + "RUN ⟦pip⟧ install gunicorn==22.0.0 uvicorn\n" },
        { "uv sync", Builder + Final + "RUN ⟦uv⟧ sync --frozen --no-dev\n" },
        { "uv sync without the project", Builder + Final + "RUN ⟦uv⟧ sync --frozen --no-install-project\n" },
        { "poetry install", Builder + Final + "RUN ⟦poetry⟧ install --only main --no-root\n" },
        { "pipenv install", Builder + Final + "RUN ⟦pipenv⟧ install --system --deploy\n" },
        { "the project with its dependencies", Builder + Final + "COPY . .\nRUN ⟦pip⟧ install .\n" },
        { "uv pip install -r", Builder + Final + "RUN ⟦uv⟧ pip install --system -r requirements.txt\n" },
        { "a stage the final one is built FROM", "FROM python:3.12-slim AS wheels\nRUN pip wheel -w /w -r requirements.txt\nFROM python:3.12-slim AS runtime\nRUN ⟦pip⟧ install -r requirements.txt\nFROM runtime\nCOPY --from=wheels /w /w\n" },
        { "a builder that only creates the venv", "FROM python:3.12-slim AS venv\nRUN python -m venv /opt/venv\n" + Final + "COPY --from=venv /opt/venv /opt/venv\nRUN ⟦/opt/venv/bin/pip⟧ install -r requirements.txt\n" },
        { "two installs in one RUN", Builder + Final + "RUN ⟦pip⟧ install -r requirements.txt && ⟦pip⟧ install gunicorn\n" },
    };

    [Theory]
    [MemberData(nameof(Fires))]
    public void Reports_dependency_installs_of_the_final_image(string _, string dockerfile) =>
        RuleFixture.Dockerfile(dockerfile).AssertFindings(Rule);

    public static TheoryData<string, string> Silent => new()
    {
        { "single stage (PD106's concern)", Final + "RUN pip install -r requirements.txt\n" },
        { "a chain of stages: nothing prepared elsewhere", "FROM python:3.12-alpine AS builder\nRUN pip3 install -r requirements.txt --no-cache-dir\nFROM builder AS dev-envs\nRUN apk add git\n" },
        { "only a front-end builder", "FROM node:22 AS assets\nRUN npm ci && npm run build\n" + Final + "COPY --from=assets /app/dist /app/static\nRUN pip install -r requirements.txt\n" },
        { "only a tool stage", "FROM ghcr.io/astral-sh/uv:0.9.5 AS uv\n" + Final + "COPY --from=uv /uv /bin/\nRUN uv pip install --system -r requirements.txt\n" },
        { "the environment is copied", Builder + Final + "COPY --from=builder /opt/venv /opt/venv\nENV PATH=\"/opt/venv/bin:$PATH\"\n" },
        { "wheels built in the builder (seed 002)", "FROM python:3.12-slim AS builder\nRUN pip wheel --no-cache-dir --wheel-dir /usr/src/app/wheels -r requirements.txt\n" + Final + "COPY --from=builder /usr/src/app/wheels /wheels\nRUN pip install --no-cache /wheels/*\n" },
        { "--no-index --find-links", Builder + Final + "COPY --from=builder /wheels /wheels\nRUN pip install --no-index --find-links=/wheels -r requirements.txt\n" },
        { "--find-links to the builder's wheels", Builder + Final + "COPY --from=builder /wheels /wheels\nRUN pip install --find-links /wheels -r requirements.txt\n" },
        { "only the project, its dependencies copied", Builder + Final + "COPY --from=builder /opt/venv /opt/venv\nCOPY . .\nRUN /opt/venv/bin/pip install --no-deps .\n" },
        { "packaging tools only", Builder + Final + "RUN pip install --upgrade pip setuptools wheel\n" },
        { "installs in the builder", Builder + Final + "COPY --from=builder /opt/venv /opt/venv\n" },
        { "a test stage that is not final", Builder + "FROM builder AS test\nRUN pip install pytest\n" + Final + "COPY --from=builder /opt/venv /opt/venv\n" },
        { "pip wheel in the final stage is not an install", Builder + Final + "RUN pip download -d /tmp/x flask\n" },
        { "ignored inline", Builder + Final + "# pydocker: ignore=PD208\nRUN pip install -r requirements.txt\n" },
    };

    [Theory]
    [MemberData(nameof(Silent))]
    public void Stays_silent_when_the_final_stage_copies_a_prepared_environment(string _, string dockerfile) =>
        RuleFixture.Dockerfile(dockerfile).AssertSilent(Rule);
}
