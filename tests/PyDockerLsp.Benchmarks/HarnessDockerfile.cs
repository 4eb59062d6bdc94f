namespace PyDockerLsp.Benchmarks;

/// <summary>
/// A faithful port of the LSP harness's generator (shared/tools/lsp-harness/gen.js, <c>generateDockerfile</c>): the
/// same seeded PRNG (mulberry32) and the same units, so <c>Generate(1000)</c> is byte for byte the 1,000-line
/// Dockerfile the harness sends to the servers it measures (<c>node gen.js --lines 1000</c>). Realistic Python units:
/// apt and pip installs with continuations and cache mounts, COPY with flags, ENV blocks, heredocs, comments,
/// a new stage every 30 to 120 lines, and about 3% common mistakes.
/// </summary>
public static class HarnessDockerfile
{
    public const uint DefaultSeed = 20261121;

    private static readonly string[] AptPackages =
    {
        "build-essential", "gcc", "g++", "libpq-dev", "libffi-dev", "libssl-dev", "curl", "ca-certificates",
        "git", "gettext", "libxml2-dev", "libxslt1-dev", "libjpeg62-turbo-dev", "zlib1g-dev", "tini",
        "netcat-openbsd", "locales", "tzdata", "libmagic1", "postgresql-client", "default-libmysqlclient-dev",
        "pkg-config", "libsqlite3-dev", "unzip", "gosu",
    };

    private static readonly string[] PipPackages =
    {
        "django==5.1.3", "gunicorn==23.0.0", "uvicorn[standard]==0.32.0", "fastapi==0.115.5", "flask==3.1.0",
        "celery[redis]==5.4.0", "psycopg[binary]==3.2.3", "sqlalchemy==2.0.36", "alembic==1.14.0",
        "pydantic==2.10.1", "requests==2.32.3", "httpx==0.27.2", "numpy==2.1.3", "pandas==2.2.3",
        "boto3==1.35.66", "redis==5.2.0", "structlog==24.4.0", "orjson==3.10.11", "pyyaml==6.0.2",
        "python-dotenv==1.0.1", "whitenoise==6.8.2", "sentry-sdk==2.19.0", "pytest==8.3.3", "ruff==0.8.0",
    };

    private static readonly string[] PythonImages = { "python:3.12-slim", "python:3.12-slim-bookworm", "python:3.11-slim", "python:3.13-slim", "python:3.12-alpine" };

    private static readonly (string Name, string Value)[] EnvVars =
    {
        ("PYTHONDONTWRITEBYTECODE", "1"), ("PYTHONUNBUFFERED", "1"), ("PIP_DISABLE_PIP_VERSION_CHECK", "1"),
        ("PIP_NO_CACHE_DIR", "off"), ("PIP_DEFAULT_TIMEOUT", "100"), ("VIRTUAL_ENV", "/opt/venv"),
        ("PATH", "\"/opt/venv/bin:$PATH\""), ("APP_HOME", "/app"), ("DJANGO_SETTINGS_MODULE", "config.settings.production"),
        ("PORT", "8000"), ("LANG", "C.UTF-8"), ("POETRY_VERSION", "1.8.4"), ("UV_COMPILE_BYTECODE", "1"),
        ("WEB_CONCURRENCY", "4"), ("LOG_LEVEL", "info"),
    };

    private static readonly string[][] PythonSnippets =
    {
        new[] { "import os", "import sys", "", "def main() -> int:", "    port = int(os.environ.get(\"PORT\", \"8000\"))", "    print(f\"listening on {port}\")", "    return 0", "", "if __name__ == \"__main__\":", "    sys.exit(main())" },
        new[] { "bind = \"0.0.0.0:8000\"", "workers = 4", "threads = 2", "timeout = 60", "accesslog = \"-\"", "errorlog = \"-\"" },
        new[] { "from pathlib import Path", "BASE_DIR = Path(__file__).resolve().parent.parent", "DEBUG = False", "ALLOWED_HOSTS = [\"*\"]", "STATIC_ROOT = BASE_DIR / \"staticfiles\"" },
        new[] { "import compileall", "import sys", "ok = compileall.compile_dir(\"/app\", quiet=1)", "sys.exit(0 if ok else 1)" },
        new[] { "import json, pathlib", "cfg = {\"service\": \"api\", \"replicas\": 3, \"features\": [\"a\", \"b\"]}", "pathlib.Path(\"/app/config.json\").write_text(json.dumps(cfg))" },
    };

    /// <summary>gen.js's mulberry32 and its int/pick/sample helpers (32-bit arithmetic as JavaScript does it).</summary>
    private sealed class Pick
    {
        private uint _state;
        public Pick(uint seed) => _state = seed;

        public double Next()
        {
            unchecked
            {
                _state += 0x6d2b79f5;
                uint t = _state;
                t = (t ^ (t >> 15)) * (t | 1);
                t ^= t + (t ^ (t >> 7)) * (t | 61);
                return (t ^ (t >> 14)) / 4294967296.0;
            }
        }

        /// <summary>An integer from <paramref name="low"/> to <paramref name="high"/>, both included.</summary>
        public int Int(int low, int high) => low + (int)Math.Floor(Next() * (high - low + 1));

        public T One<T>(IReadOnlyList<T> items) => items[(int)Math.Floor(Next() * items.Count)];

        public List<T> Sample<T>(IReadOnlyList<T> items, int count)
        {
            var copy = items.ToList();
            var result = new List<T>();
            for (int i = 0; i < count && copy.Count > 0; i++)
            {
                int at = (int)Math.Floor(Next() * copy.Count);
                result.Add(copy[at]);
                copy.RemoveAt(at);
            }
            return result;
        }
    }

    private sealed class StageContext
    {
        public int Stage;
        public string? PreviousStage;
    }

    private static List<(int Weight, Func<List<string>> Make)> UnitMakers(Pick p, StageContext ctx) => new()
    {
        (6, () =>
        {
            var packages = p.Sample(AptPackages, p.Int(2, 6));
            var lines = new List<string> { "RUN apt-get update \\", "    && apt-get install -y --no-install-recommends \\" };
            lines.AddRange(packages.Select(x => $"        {x} \\"));
            lines.Add("    && rm -rf /var/lib/apt/lists/*");
            return lines;
        }),
        (6, () =>
        {
            var packages = p.Sample(PipPackages, p.Int(1, 5));
            var lines = new List<string> { "RUN --mount=type=cache,target=/root/.cache/pip \\" };
            lines.AddRange(packages.Select((x, i) => i == 0 ? $"    pip install {x} \\" : $"        {x} \\"));
            lines.Add("    && python -m pip check");
            return lines;
        }),
        (3, () => new List<string>
        {
            "RUN --mount=type=bind,source=requirements.txt,target=/tmp/requirements.txt \\",
            "    --mount=type=cache,target=/root/.cache/pip \\",
            "    pip install --prefix=/install -r /tmp/requirements.txt",
        }),
        (5, () =>
        {
            var choices = new List<string>
            {
                "COPY requirements.txt .", "COPY pyproject.toml poetry.lock ./", "COPY --chown=appuser:appuser . /app",
                "COPY --link src/ /app/src/", "COPY --chmod=0755 docker/entrypoint.sh /usr/local/bin/entrypoint.sh",
            };
            if (ctx.PreviousStage is not null)
            {
                choices.Add($"COPY --from={ctx.PreviousStage} /install /usr/local");
                choices.Add($"COPY --from={ctx.PreviousStage} /opt/venv /opt/venv");
            }
            return new List<string> { p.One(choices) };
        }),
        (4, () => { var (k, v) = p.One(EnvVars); return new List<string> { $"ENV {k}={v}" }; }),
        (3, () =>
        {
            var vars = p.Sample(EnvVars, p.Int(2, 4));
            return vars.Select((kv, i) => (i == 0 ? "ENV " : "    ") + $"{kv.Name}={kv.Value}" + (i < vars.Count - 1 ? " \\" : "")).ToList();
        }),
        (2, () => new List<string> { "ARG " + p.One(new[] { "APP_VERSION=1.4.2", "BUILD_DATE", "GIT_SHA=unknown", "UID=10001", "PIP_EXTRA_FLAGS=\"\"" }) }),
        (2, () => new List<string> { "WORKDIR " + p.One(new[] { "/app", "/app/src", "/srv/app", "$APP_HOME" }) }),
        (2, () => new List<string> { "USER " + p.One(new[] { "appuser", "10001:10001", "app", "root" }) }),
        (2, () => new List<string> { $"LABEL org.opencontainers.image.title=\"py-service-{ctx.Stage}\" \\", "      org.opencontainers.image.version=\"1.4.2\"" }),
        (3, () =>
        {
            var body = p.One(PythonSnippets);
            var lines = new List<string> { p.One(new[] { "RUN python3 <<'PY'", "RUN python <<PY" }) };
            lines.AddRange(body);
            lines.Add("PY");
            return lines;
        }),
        (3, () => new List<string>
        {
            "RUN <<EOF", "set -eux", $"groupadd --system --gid {p.Int(1000, 1999)} appuser",
            "useradd --system --uid 10001 --gid appuser --create-home appuser", "python -m compileall -q /app", "EOF",
        }),
        (3, () =>
        {
            var body = p.One(PythonSnippets);
            var lines = new List<string> { $"COPY <<EOF /app/{p.One(new[] { "gunicorn.conf.py", "settings_local.py", "healthcheck.py", "bootstrap.py" })}" };
            lines.AddRange(body);
            lines.Add("EOF");
            return lines;
        }),
        (3, () => new List<string>
        {
            p.One(new[] { "# install runtime dependencies", "# keep the image small", "# non-root user for runtime",
                "# compile bytecode for faster startup", "# pinned versions, see requirements.txt", "# hadolint ignore=DL3008" }),
        }),
        (3, () => new List<string> { "" }),
        (1, () => new List<string> { "EXPOSE " + p.One(new[] { "8000", "8080", "5000", "8000/tcp" }) }),
        (1, () => new List<string> { "RUN python -m venv /opt/venv \\", "    && /opt/venv/bin/pip install --upgrade pip setuptools wheel" }),
        (1, () => new List<string> { "SHELL [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"]" }),
        (1, () => new List<string>
        {
            "RUN pip install \"poetry==$POETRY_VERSION\" \\", "    && poetry config virtualenvs.create false \\",
            "    && poetry install --only main --no-interaction --no-ansi",
        }),
        (1, () => new List<string> { "VOLUME [\"/app/media\"]" }),
        (1, () => new List<string> { "STOPSIGNAL SIGTERM" }),
        // ~3% of units carry a common mistake, so that servers have something to report
        (2, () => p.One(new[]
        {
            new List<string> { "WORKDIR app" },
            new List<string> { "MAINTAINER dev team <dev@example.com>" },
            new List<string> { "CMD ['python', 'manage.py', 'runserver']" },
            new List<string> { "run pip install flask" },
            new List<string> { "RUN pip install requests" },
            new List<string> { "RUN cd /app && python setup.py install" },
            new List<string> { "ADD https://example.com/releases/app.tar.gz /tmp/app.tar.gz" },
            new List<string> { "RUN apt-get install curl" },
            new List<string> { "EXPOSE 80000" },
        })),
    };

    private static Func<List<string>> WeightedPicker(Pick p, List<(int Weight, Func<List<string>> Make)> makers)
    {
        int total = makers.Sum(m => m.Weight);
        return () =>
        {
            double r = p.Next() * total;
            foreach (var (weight, make) in makers)
            {
                r -= weight;
                if (r < 0) return make();
            }
            return makers[^1].Make();
        };
    }

    private static List<string> OneLineFiller(Pick p) =>
        new() { p.One(new[] { "# filler: nothing to see here", "ENV PYTHONUNBUFFERED=1", "WORKDIR /app", "", "ARG BUILD_DATE", "EXPOSE 8000" }) };

    /// <summary>A multi-stage Python Dockerfile of exactly <paramref name="lines"/> lines, each ending with '\n'.</summary>
    public static string Generate(int lines, uint seed = DefaultSeed, string image = "python:3.12-slim")
    {
        if (lines < 1) throw new ArgumentOutOfRangeException(nameof(lines));
        var p = new Pick(seed ^ unchecked((uint)lines * 2654435761u));
        var preamble = new List<string>
        {
            "# syntax=docker/dockerfile:1", $"FROM {image} AS builder", "ENV PYTHONDONTWRITEBYTECODE=1 \\", "    PYTHONUNBUFFERED=1",
            "WORKDIR /app", "COPY requirements.txt .", "RUN --mount=type=cache,target=/root/.cache/pip \\",
            "    pip install --prefix=/install -r requirements.txt",
        };
        var tail = new[] { "USER appuser", "CMD [\"gunicorn\", \"--config\", \"/app/gunicorn.conf.py\", \"app.wsgi:application\"]" };
        if (lines < preamble.Count + tail.Length)
        {
            var tiny = new List<string> { $"FROM {image}" };
            while (tiny.Count < lines) tiny.AddRange(OneLineFiller(p));
            return string.Join("\n", tiny.Take(lines)) + "\n";
        }
        var output = new List<string>(preamble);
        var ctx = new StageContext();
        var stageNames = new List<string> { "builder" };
        int nextStageAt = output.Count + p.Int(30, 120);
        var next = WeightedPicker(p, UnitMakers(p, ctx));
        int budget = lines - tail.Length;
        while (output.Count < budget)
        {
            int remaining = budget - output.Count;
            List<string> unit;
            if (output.Count >= nextStageAt && remaining > 12)
            {
                ctx.Stage++;
                var name = ctx.Stage == 1 ? "runtime" : $"stage{ctx.Stage}";
                var from = p.Int(0, 3) == 0 ? stageNames[^1] : p.One(PythonImages);
                unit = new List<string>
                {
                    p.One(new[] { "CMD [\"python\", \"-m\", \"app\"]", "ENTRYPOINT [\"/usr/bin/tini\", \"--\"]", "CMD [\"uvicorn\", \"app.main:app\", \"--host\", \"0.0.0.0\"]" }),
                    "", $"FROM {from} AS {name}",
                };
                ctx.PreviousStage = stageNames[p.Int(0, stageNames.Count - 1)];
                stageNames.Add(name);
                nextStageAt = output.Count + unit.Count + p.Int(30, 120);
                next = WeightedPicker(p, UnitMakers(p, ctx));
            }
            else
            {
                unit = next();
                if (unit.Count > remaining) unit = OneLineFiller(p);
            }
            output.AddRange(unit);
        }
        output.AddRange(tail);
        if (output.Count != lines) throw new InvalidOperationException($"generator bug: wanted {lines} lines, got {output.Count}");
        return string.Join("\n", output) + "\n";
    }
}
