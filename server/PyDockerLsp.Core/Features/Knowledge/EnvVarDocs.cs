namespace PyDockerLsp.Core.Features.Knowledge;

/// <summary>
/// Hover documentation for the environment variables that shape a Python image: the interpreter's,
/// pip's, uv's, Poetry's, Pipenv's and a few of gunicorn's and Django's. Names are case-sensitive on
/// Linux, so lookup is exact; <see cref="FindIgnoringCase"/> serves completion filtering.
/// </summary>
public static class EnvVarDocs
{
    public static IReadOnlyList<EnvVarDoc> All { get; } = new EnvVarDoc[]
    {
        // The interpreter
        new("PYTHONDONTWRITEBYTECODE", EnvVarTool.Python,
            "Stops Python from writing `.pyc` files next to imported modules.",
            "`1` in the final stage",
            "Any non-empty value works (like `python -B`). Containers rarely reuse bytecode written at run time, so writing it only costs time and space in the writable layer; `.pyc` files already in the image are still used.",
            "It does not remove bytecode compiled during the build. For faster start-up, compile at build time instead (`UV_COMPILE_BYTECODE=1`, `python -m compileall`); the two settings combine well.",
            "ENV PYTHONDONTWRITEBYTECODE=1"),

        new("PYTHONUNBUFFERED", EnvVarTool.Python,
            "Makes stdout and stderr unbuffered, so every log line reaches `docker logs` at once.",
            "`1`",
            "Any non-empty value works (like `python -u`). Without it, output to a pipe is block-buffered: logs arrive late and the last lines are lost when the process crashes.",
            null,
            "ENV PYTHONUNBUFFERED=1"),

        new("PYTHONOPTIMIZE", EnvVarTool.Python,
            "Runs Python as with `-O` (value 1: drops `assert` and `if __debug__` code) or `-OO` (value 2: also drops docstrings).",
            "leave it unset unless you have tested the app with it",
            "Bytecode is cached separately per level (`*.opt-1.pyc`, `*.opt-2.pyc`) and is slightly smaller.",
            "Code that validates input with `assert`, or libraries that read docstrings at run time (CLI and parser generators, some API frameworks), change behaviour or break; the size gain is small.",
            "ENV PYTHONOPTIMIZE=1"),

        new("PYTHONHASHSEED", EnvVarTool.Python,
            "Seeds the hashing of `str` and `bytes`, which decides the iteration order of sets of strings from one run to the next.",
            "leave it unset (`random` is already the default)",
            "An integer makes the order reproducible between runs; `0` turns randomization off.",
            "A fixed seed brings back the hash-flooding weakness that randomization protects against; use it only for reproducible tests or builds.",
            null),

        new("PYTHONPATH", EnvVarTool.Python,
            "Extra directories searched for imports, before the installed packages.",
            "unset when the app runs from a virtual environment; `/app/site-packages`-style paths only for distroless images",
            "Entries are separated by `:`; they are searched before site-packages, so a stray module there shadows an installed one.",
            "With a venv on `PATH` you don't need it; install the project itself (`uv sync`, `pip install .`) rather than pointing PYTHONPATH at its source.",
            "ENV PYTHONPATH=/app/site-packages"),

        new("PYTHONFAULTHANDLER", EnvVarTool.Python,
            "Prints the Python traceback of every thread when the process crashes (SIGSEGV, SIGFPE, SIGABRT, SIGBUS, SIGILL).",
            "`1`",
            "Any non-empty value works (like `python -X faulthandler`). It costs nothing until a crash and turns a silent exit of a C extension into a traceback in the logs.",
            null,
            "ENV PYTHONFAULTHANDLER=1"),

        // pip
        new("PIP_NO_CACHE_DIR", EnvVarTool.Pip,
            "Turns off pip's download and wheel cache (like `--no-cache-dir`).",
            "unset when a cache mount is used; otherwise `1`",
            "Counter-intuitively, every valid boolean value disables the cache, including `0`, `false` and `off`: pip keeps that old behaviour for compatibility. The only way to keep the cache is to leave the variable unset.",
            "With `RUN --mount=type=cache,target=/root/.cache/pip` this variable throws the mounted cache away; drop one or the other.",
            "ENV PIP_NO_CACHE_DIR=1"),

        new("PIP_DISABLE_PIP_VERSION_CHECK", EnvVarTool.Pip,
            "Skips pip's check for a newer pip on every run.",
            "`1`",
            "Saves a request to the index per pip call and keeps the build log free of upgrade notices that nobody acts on in an image.",
            null,
            "ENV PIP_DISABLE_PIP_VERSION_CHECK=1"),

        new("PIP_DEFAULT_TIMEOUT", EnvVarTool.Pip,
            "Socket timeout of pip's network requests, in seconds.",
            "`60`–`100` on slow or proxied networks; the default is 15",
            "Raising it avoids builds failing on a slow mirror or a large wheel download.",
            null,
            "ENV PIP_DEFAULT_TIMEOUT=100"),

        new("PIP_INDEX_URL", EnvVarTool.Pip,
            "Replaces PyPI as pip's package index.",
            "only via a secret mount when the URL contains credentials",
            "Points pip at a mirror or private index (like `--index-url`).",
            "A URL with `user:token@` set by ENV or ARG stays readable in the image and its history. Provide it for one RUN with `--mount=type=secret,id=…,env=PIP_INDEX_URL`.",
            """
            RUN --mount=type=secret,id=index_url,env=PIP_INDEX_URL \
                pip install -r requirements.txt
            """) { MayCarrySecrets = true },

        new("PIP_EXTRA_INDEX_URL", EnvVarTool.Pip,
            "Adds package indexes searched in addition to the main one (space-separated).",
            "only via a secret mount when a URL contains credentials; prefer a single index that proxies PyPI",
            "pip takes the best matching version from any of the indexes, with no priority between them.",
            "Credentials in ENV/ARG leak into the image. And because no index wins, a public package with the name of a private one can be installed instead (dependency confusion): pin versions and hashes.",
            null) { MayCarrySecrets = true },

        new("PIP_ROOT_USER_ACTION", EnvVarTool.Pip,
            "Controls pip's warning about installing as root.",
            "`ignore` only when installing into the image's system Python on purpose; better install into a venv",
            "Since pip 22.1, `ignore` silences \"Running pip as the 'root' user can result in broken permissions\".",
            "The warning disappears by itself when pip installs into a virtual environment.",
            "ENV PIP_ROOT_USER_ACTION=ignore"),

        new("PIP_CACHE_DIR", EnvVarTool.Pip,
            "Moves pip's cache (default `~/.cache/pip`, i.e. `/root/.cache/pip` for root).",
            "leave it unset and mount the default directory",
            "Any cache mount must target the directory set here.",
            null,
            null),

        new("PIP_TRUSTED_HOST", EnvVarTool.Pip,
            "Lets pip use a host over plain HTTP or with an invalid certificate.",
            "unset; fix the index's certificate or install the CA instead",
            "pip stops verifying that host's certificate (and accepts plain HTTP), so anything between the build and the host can swap the packages it serves.",
            "Only hash-checked requirements (`--require-hashes`) stay safe without TLS verification.",
            null),

        // uv
        new("UV_COMPILE_BYTECODE", EnvVarTool.Uv,
            "Makes uv compile installed packages to `.pyc` right after installing them.",
            "`1` in images",
            "uv skips bytecode compilation by default for speed; compiling during the build moves that cost out of every container start.",
            "The image grows a little and the install takes longer. It works together with `PYTHONDONTWRITEBYTECODE=1`, which only stops writing at run time.",
            "ENV UV_COMPILE_BYTECODE=1"),

        new("UV_LINK_MODE", EnvVarTool.Uv,
            "How uv places files from its cache into the environment: `hardlink`, `copy`, `clone` or `symlink`.",
            "`copy` when the cache is a cache mount",
            "uv hard-links by default on Linux. A cache mount is a different file system from the image, so hard links fail and uv warns before falling back to copying.",
            "Never `symlink` in an image: the links would point into the cache, which is not part of the image.",
            """
            ENV UV_LINK_MODE=copy
            RUN --mount=type=cache,target=/root/.cache/uv uv sync --frozen --no-dev
            """),

        new("UV_PYTHON_DOWNLOADS", EnvVarTool.Uv,
            "Whether uv may download a managed Python: `automatic`, `manual` or `never`.",
            "`never` (or `0`) on `python:` images",
            "Keeps uv on the image's interpreter instead of fetching another one when the versions don't match.",
            "Then the image's Python must satisfy `requires-python`, and builder and final stage must use the same interpreter path.",
            "ENV UV_PYTHON_DOWNLOADS=never"),

        new("UV_PROJECT_ENVIRONMENT", EnvVarTool.Uv,
            "Where `uv sync` and `uv run` put the project's virtual environment (default `.venv` in the project).",
            "a fixed absolute path such as `/opt/venv`, or leave the default `/app/.venv`",
            "A fixed path makes the COPY to the final stage and the `PATH` entry obvious. Pointing it at the interpreter's prefix (`/usr/local`) installs into the system Python.",
            "The path must be the same in builder and final stage: scripts in the venv refer to its interpreter by absolute path.",
            "ENV UV_PROJECT_ENVIRONMENT=/opt/venv"),

        new("UV_NO_CACHE", EnvVarTool.Uv,
            "Makes uv work without a cache (like `--no-cache`).",
            "unset when a cache mount is used",
            "Useful only in a single-stage image without cache mounts, to keep uv's cache out of the layer.",
            "Together with `--mount=type=cache,target=/root/.cache/uv` it wastes the mount.",
            null),

        new("UV_FROZEN", EnvVarTool.Uv,
            "Uses `uv.lock` as it is, without checking it against `pyproject.toml` (like `--frozen`).",
            "`1` for image builds that copy the lock file",
            "The install then exactly matches the committed lock and never resolves.",
            "A stale lock is not detected; `UV_LOCKED=1` instead fails the build when the lock is out of date.",
            "ENV UV_FROZEN=1"),

        new("UV_LOCKED", EnvVarTool.Uv,
            "Fails when `uv.lock` does not match `pyproject.toml` (like `--locked`).",
            "`1` in CI builds",
            "Catches a forgotten `uv lock` before it produces an image with different versions than the repository says.",
            null,
            null),

        new("UV_NO_DEV", EnvVarTool.Uv,
            "Leaves the `dev` dependency group out of `uv sync` (like `--no-dev`).",
            "`1` in production stages",
            "Keeps test and lint tools out of the image. Available since uv 0.8.7; older versions need the `--no-dev` flag.",
            null,
            "ENV UV_NO_DEV=1"),

        new("UV_SYSTEM_PYTHON", EnvVarTool.Uv,
            "Makes `uv pip` commands install into the system Python instead of requiring a virtual environment (like `--system`).",
            "`1` only for `uv pip install` straight into a `python:` image",
            "Affects the `uv pip` interface only; `uv sync` always uses the project environment.",
            "Mixing system installs and a venv in one image makes it unclear which packages the app really uses.",
            null),

        new("UV_CACHE_DIR", EnvVarTool.Uv,
            "Moves uv's cache (default `~/.cache/uv`, i.e. `/root/.cache/uv` for root).",
            "leave it unset and mount the default directory",
            "Any cache mount must target the directory set here.",
            null,
            null),

        new("UV_INDEX_URL", EnvVarTool.Uv,
            "Replaces PyPI as uv's default index (the newer name is `UV_DEFAULT_INDEX`).",
            "only via a secret mount when the URL contains credentials",
            "Points uv at a mirror or private index.",
            "Credentials set by ENV or ARG stay in the image; pass them with `--mount=type=secret,id=…,env=UV_INDEX_URL`.",
            null) { MayCarrySecrets = true },

        new("UV_EXTRA_INDEX_URL", EnvVarTool.Uv,
            "Adds indexes besides the default one (the newer name is `UV_INDEX`).",
            "only via a secret mount when a URL contains credentials",
            "uv searches these before the default index and stops at the first one that has the package, which limits dependency confusion better than pip does.",
            "Credentials set by ENV or ARG stay in the image.",
            null) { MayCarrySecrets = true },

        // Poetry
        new("POETRY_VIRTUALENVS_IN_PROJECT", EnvVarTool.Poetry,
            "Creates Poetry's virtual environment as `.venv` inside the project directory.",
            "`1` (true) in the builder stage",
            "The environment then has a predictable path to copy into the final stage (`/app/.venv`) and put on `PATH`.",
            "Keep the project directory the same in both stages.",
            """
            ENV POETRY_VIRTUALENVS_IN_PROJECT=1
            COPY --from=builder /app/.venv /app/.venv
            """),

        new("POETRY_VIRTUALENVS_CREATE", EnvVarTool.Poetry,
            "Whether Poetry creates a virtual environment at all.",
            "`true` (the default) for multi-stage builds; `false` only to install into the image's Python on purpose",
            "With `false` Poetry installs into whatever Python runs it.",
            "If Poetry itself was installed with that same pip, it shares the environment with the app's packages and may clash with them.",
            null),

        new("POETRY_NO_INTERACTION", EnvVarTool.Poetry,
            "Answers every Poetry prompt with its default (like `--no-interaction`).",
            "`1`",
            "A build has no terminal to answer a question on, so a prompt would otherwise hang or fail it.",
            null,
            "ENV POETRY_NO_INTERACTION=1"),

        new("POETRY_CACHE_DIR", EnvVarTool.Poetry,
            "Moves Poetry's cache (default `~/.cache/pypoetry`, i.e. `/root/.cache/pypoetry` for root).",
            "unset with a cache mount on `/root/.cache/pypoetry`, or a path that is mounted as a cache",
            "Poetry keeps downloaded archives and its package metadata there.",
            "If you set it, point the cache mount at the same path; if you don't mount it, delete it in the same RUN.",
            """
            ENV POETRY_CACHE_DIR=/tmp/poetry_cache
            RUN --mount=type=cache,target=/tmp/poetry_cache poetry install --only main --no-root
            """),

        // Pipenv
        new("PIPENV_VENV_IN_PROJECT", EnvVarTool.Pipenv,
            "Creates Pipenv's virtual environment as `.venv` inside the project directory.",
            "`1` in the builder stage",
            "Gives the environment a predictable path to copy into the final stage.",
            null,
            "ENV PIPENV_VENV_IN_PROJECT=1"),

        // Virtual environments and the shell
        new("VIRTUAL_ENV", EnvVarTool.Shell,
            "Names the active virtual environment, as `activate` would.",
            "the venv path (e.g. `/opt/venv`), together with its `bin` first on `PATH`",
            "Setting it alone activates nothing; `PATH` decides which `python` runs. Tools read it: `uv pip install` installs into it, and `uv sync` warns when it differs from the project environment.",
            null,
            """
            ENV VIRTUAL_ENV=/opt/venv
            ENV PATH="$VIRTUAL_ENV/bin:$PATH"
            """),

        new("PATH", EnvVarTool.Shell,
            "The directories searched for commands.",
            "the venv's `bin` first: `PATH=\"/opt/venv/bin:$PATH\"`",
            "With the venv first, `python`, `pip` and console scripts such as `gunicorn` resolve to the venv, which is the whole of \"activating\" it in a container.",
            "Keep `$PATH` in the new value, or the base image's directories are lost; repeat the ENV in every stage that uses the venv.",
            "ENV PATH=\"/opt/venv/bin:$PATH\""),

        // Servers and frameworks
        new("WEB_CONCURRENCY", EnvVarTool.Gunicorn,
            "Default number of worker processes for gunicorn (and for uvicorn's `--workers`).",
            "about 2 × CPU cores + 1 of the container's CPU limit, e.g. `5` for 2 CPUs",
            "One CPython process runs Python code on one core at a time (the GIL), so workers are how a container uses several cores. An explicit `--workers` flag wins over this variable.",
            "Count the cores the container may use, not the host's; each worker holds its own copy of the app in memory.",
            "ENV WEB_CONCURRENCY=5"),

        new("GUNICORN_CMD_ARGS", EnvVarTool.Gunicorn,
            "Extra command-line options for gunicorn, as one string.",
            "settings that vary per deployment, e.g. `--bind=0.0.0.0:8000 --timeout=60`",
            "They override the configuration file; options on the actual command line still win.",
            null,
            "ENV GUNICORN_CMD_ARGS=\"--bind=0.0.0.0:8000 --access-logfile=-\""),

        new("DJANGO_SETTINGS_MODULE", EnvVarTool.Django,
            "The dotted path of the settings module Django loads (`config.settings.production`).",
            "the production settings module",
            "`manage.py` and `wsgi.py` only set a default; this variable decides. `collectstatic` at build time needs it too.",
            "The settings module may be public, but the secrets it reads (`SECRET_KEY`, database passwords) must come from the runtime environment, not from ENV.",
            "ENV DJANGO_SETTINGS_MODULE=config.settings.production"),
    };

    private static readonly Dictionary<string, EnvVarDoc> ByName = All.ToDictionary(d => d.Name, StringComparer.Ordinal);

    private static readonly Dictionary<string, EnvVarDoc> ByNameIgnoringCase = All.ToDictionary(d => d.Name, StringComparer.OrdinalIgnoreCase);

    /// <summary>All documented names.</summary>
    public static IReadOnlyList<string> Names { get; } = All.Select(d => d.Name).ToArray();

    /// <summary>The documentation of <paramref name="name"/> (exact, as Linux compares names), or null.</summary>
    public static EnvVarDoc? Find(string name) => ByName.TryGetValue(name.Trim(), out var doc) ? doc : null;

    /// <summary>The documentation of <paramref name="name"/> in any case, for completion filtering.</summary>
    public static EnvVarDoc? FindIgnoringCase(string name) => ByNameIgnoringCase.TryGetValue(name.Trim(), out var doc) ? doc : null;

    /// <summary>The documented variables read by one tool.</summary>
    public static IReadOnlyList<EnvVarDoc> ForTool(EnvVarTool tool) => All.Where(d => d.Tool == tool).ToArray();
}
