using System.Text;

namespace PyDockerLsp.Benchmarks;

/// <summary>
/// Deterministic generator of realistic multi-stage Python Dockerfiles of an exact line count, modelled on the LSP
/// harness generator (shared/tools/lsp-harness/gen.js): apt and pip installs with line continuations and cache
/// mounts, ENV blocks, COPY with flags, heredocs (shell and Python), comments, blank lines, a new stage every 30 to
/// 120 lines, and about 3% common mistakes. The same (lines, seed) always gives the same text.
/// </summary>
public static class RealisticDockerfile
{
    private static readonly string[] AptPackages =
    {
        "build-essential", "gcc", "g++", "libpq-dev", "libffi-dev", "libssl-dev", "curl", "ca-certificates", "git", "gettext",
        "libxml2-dev", "libxslt1-dev", "libjpeg62-turbo-dev", "zlib1g-dev", "tini", "netcat-openbsd", "locales", "tzdata",
        "libmagic1", "postgresql-client", "default-libmysqlclient-dev", "pkg-config", "libsqlite3-dev", "unzip", "gosu",
    };

    private static readonly string[] PipPackages =
    {
        "django==5.1.3", "gunicorn==23.0.0", "uvicorn[standard]==0.32.0", "fastapi==0.115.5", "flask==3.1.0", "celery[redis]==5.4.0",
        "psycopg[binary]==3.2.3", "sqlalchemy==2.0.36", "alembic==1.14.0", "pydantic==2.10.1", "requests==2.32.3", "httpx==0.27.2",
        "numpy==2.1.3", "pandas==2.2.3", "boto3==1.35.66", "redis==5.2.0", "structlog==24.4.0", "orjson==3.10.11", "pyyaml==6.0.2",
    };

    private static readonly string[] PythonImages = { "python:3.12-slim", "python:3.12-slim-bookworm", "python:3.11-slim", "python:3.13-slim", "python:3.12-alpine" };

    private static readonly (string Name, string Value)[] EnvVars =
    {
        ("PYTHONDONTWRITEBYTECODE", "1"), ("PYTHONUNBUFFERED", "1"), ("PIP_DISABLE_PIP_VERSION_CHECK", "1"), ("PIP_NO_CACHE_DIR", "off"),
        ("PIP_DEFAULT_TIMEOUT", "100"), ("VIRTUAL_ENV", "/opt/venv"), ("PATH", "\"/opt/venv/bin:$PATH\""), ("APP_HOME", "/app"),
        ("DJANGO_SETTINGS_MODULE", "config.settings.production"), ("PORT", "8000"), ("LANG", "C.UTF-8"), ("WEB_CONCURRENCY", "4"),
    };

    private static readonly string[][] PythonSnippets =
    {
        new[] { "import os", "import sys", "", "def main() -> int:", "    port = int(os.environ.get(\"PORT\", \"8000\"))", "    print(f\"listening on {port}\")", "    return 0", "", "if __name__ == \"__main__\":", "    sys.exit(main())" },
        new[] { "bind = \"0.0.0.0:8000\"", "workers = 4", "threads = 2", "timeout = 60", "accesslog = \"-\"", "errorlog = \"-\"" },
        new[] { "import json, pathlib", "cfg = {\"service\": \"api\", \"replicas\": 3, \"features\": [\"a\", \"b\"]}", "pathlib.Path(\"/app/config.json\").write_text(json.dumps(cfg))" },
    };

    public static string Generate(int lines, uint seed = 20261121)
    {
        var random = new Random((int)(seed ^ (uint)lines * 2654435761u));
        var output = new List<string>
        {
            "# syntax=docker/dockerfile:1", "FROM python:3.12-slim AS builder", "ENV PYTHONDONTWRITEBYTECODE=1 \\", "    PYTHONUNBUFFERED=1",
            "WORKDIR /app", "COPY requirements.txt .", "RUN --mount=type=cache,target=/root/.cache/pip \\",
            "    pip install --prefix=/install -r requirements.txt",
        };
        var tail = new[] { "USER appuser", "CMD [\"gunicorn\", \"--config\", \"/app/gunicorn.conf.py\", \"app.wsgi:application\"]" };
        var stageNames = new List<string> { "builder" };
        int stage = 0;
        string? previousStage = null;
        int nextStageAt = output.Count + random.Next(30, 121);
        int budget = lines - tail.Length;
        while (output.Count < budget)
        {
            List<string> unit;
            if (output.Count >= nextStageAt && budget - output.Count > 12)
            {
                stage++;
                string name = stage == 1 ? "runtime" : $"stage{stage}";
                string from = random.Next(4) == 0 ? stageNames[^1] : Pick(random, PythonImages);
                unit = new List<string> { "CMD [\"python\", \"-m\", \"app\"]", "", $"FROM {from} AS {name}" };
                previousStage = stageNames[random.Next(stageNames.Count)];
                stageNames.Add(name);
                nextStageAt = output.Count + unit.Count + random.Next(30, 121);
            }
            else
            {
                unit = NextUnit(random, previousStage, stage);
            }
            if (unit.Count > budget - output.Count) unit = new List<string> { Pick(random, new[] { "# filler", "ENV PYTHONUNBUFFERED=1", "WORKDIR /app", "", "EXPOSE 8000" }) };
            output.AddRange(unit);
        }
        output.AddRange(tail);
        var text = new StringBuilder();
        foreach (var line in output.Take(lines)) text.Append(line).Append('\n');
        return text.ToString();
    }

    private static T Pick<T>(Random random, IReadOnlyList<T> items) => items[random.Next(items.Count)];

    private static IEnumerable<T> Sample<T>(Random random, IReadOnlyList<T> items, int count) =>
        items.OrderBy(_ => random.Next()).Take(count).ToList();

    private static List<string> NextUnit(Random random, string? previousStage, int stage)
    {
        int roll = random.Next(60);
        switch (roll)
        {
            case < 6:
            {
                var unit = new List<string> { "RUN apt-get update \\", "    && apt-get install -y --no-install-recommends \\" };
                unit.AddRange(Sample(random, AptPackages, random.Next(2, 7)).Select(p => $"        {p} \\"));
                unit.Add("    && rm -rf /var/lib/apt/lists/*");
                return unit;
            }
            case < 12:
            {
                var unit = new List<string> { "RUN --mount=type=cache,target=/root/.cache/pip \\" };
                unit.AddRange(Sample(random, PipPackages, random.Next(1, 6)).Select((p, i) => i == 0 ? $"    pip install {p} \\" : $"        {p} \\"));
                unit.Add("    && python -m pip check");
                return unit;
            }
            case < 15:
                return new List<string>
                {
                    "RUN --mount=type=bind,source=requirements.txt,target=/tmp/requirements.txt \\", "    --mount=type=cache,target=/root/.cache/pip \\",
                    "    pip install --prefix=/install -r /tmp/requirements.txt",
                };
            case < 20:
            {
                var choices = new List<string> { "COPY requirements.txt .", "COPY pyproject.toml poetry.lock ./", "COPY --chown=appuser:appuser . /app", "COPY --link src/ /app/src/" };
                if (previousStage is not null) choices.Add($"COPY --from={previousStage} /opt/venv /opt/venv");
                return new List<string> { Pick(random, choices) };
            }
            case < 24:
            {
                var (name, value) = Pick(random, EnvVars);
                return new List<string> { $"ENV {name}={value}" };
            }
            case < 27:
            {
                var vars = Sample(random, EnvVars, random.Next(2, 5)).ToList();
                return vars.Select((v, i) => (i == 0 ? "ENV " : "    ") + $"{v.Name}={v.Value}" + (i < vars.Count - 1 ? " \\" : "")).ToList();
            }
            case < 29: return new List<string> { "ARG " + Pick(random, new[] { "APP_VERSION=1.4.2", "BUILD_DATE", "GIT_SHA=unknown", "UID=10001" }) };
            case < 31: return new List<string> { "WORKDIR " + Pick(random, new[] { "/app", "/app/src", "/srv/app", "$APP_HOME" }) };
            case < 33: return new List<string> { "USER " + Pick(random, new[] { "appuser", "10001:10001", "app", "root" }) };
            case < 35: return new List<string> { $"LABEL org.opencontainers.image.title=\"py-service-{stage}\" \\", "      org.opencontainers.image.version=\"1.4.2\"" };
            case < 38:
            {
                var unit = new List<string> { Pick(random, new[] { "RUN python3 <<'PY'", "RUN python <<PY" }) };
                unit.AddRange(Pick(random, PythonSnippets));
                unit.Add("PY");
                return unit;
            }
            case < 41:
                return new List<string>
                {
                    "RUN <<EOF", "set -eux", $"groupadd --system --gid {random.Next(1000, 2000)} appuser",
                    "useradd --system --uid 10001 --gid appuser --create-home appuser", "python -m compileall -q /app", "EOF",
                };
            case < 44:
            {
                var unit = new List<string> { "COPY <<EOF /app/" + Pick(random, new[] { "gunicorn.conf.py", "settings_local.py", "bootstrap.py" }) };
                unit.AddRange(Pick(random, PythonSnippets));
                unit.Add("EOF");
                return unit;
            }
            case < 47: return new List<string> { Pick(random, new[] { "# install runtime dependencies", "# keep the image small", "# hadolint ignore=DL3008", "# compile bytecode for faster startup" }) };
            case < 50: return new List<string> { "" };
            case < 51: return new List<string> { "EXPOSE " + Pick(random, new[] { "8000", "8080", "5000", "8000/tcp" }) };
            case < 52: return new List<string> { "RUN python -m venv /opt/venv \\", "    && /opt/venv/bin/pip install --upgrade pip setuptools wheel" };
            case < 53: return new List<string> { "SHELL [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"]" };
            case < 54: return new List<string> { "RUN pip install \"poetry==$POETRY_VERSION\" \\", "    && poetry config virtualenvs.create false \\", "    && poetry install --only main --no-interaction --no-ansi" };
            case < 55: return new List<string> { "VOLUME [\"/app/media\"]" };
            case < 56: return new List<string> { "STOPSIGNAL SIGTERM" };
            default:
                return new List<string>
                {
                    Pick(random, new[]
                    {
                        "WORKDIR app", "MAINTAINER dev team <dev@example.com>", "CMD ['python', 'manage.py', 'runserver']", "run pip install flask",
                        "RUN pip install requests", "RUN cd /app && python setup.py install", "ADD https://example.com/releases/app.tar.gz /tmp/app.tar.gz",
                        "RUN apt-get install curl", "EXPOSE 80000",
                    }),
                };
        }
    }
}
