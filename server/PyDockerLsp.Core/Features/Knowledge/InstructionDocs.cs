namespace PyDockerLsp.Core.Features.Knowledge;

/// <summary>
/// Hover documentation for every Dockerfile instruction, with the advice that matters for Python images.
/// Lookup is case-insensitive, like the instructions themselves.
/// </summary>
public static class InstructionDocs
{
    /// <summary>Every instruction, in the order of a typical Dockerfile.</summary>
    public static IReadOnlyList<InstructionDoc> All { get; } = new InstructionDoc[]
    {
        new("FROM",
            "Starts a new build stage from a base image.",
            new[] { "FROM [--platform=<platform>] <image>[:<tag>][@<digest>] [AS <name>]" },
            "The last stage is the image a plain `docker build` produces (`--target` picks another). `AS name` lets later `FROM` and `COPY --from` refer to the stage; an `ARG` declared before the first FROM can be used in the image reference.",
            "Build on `python:X.Y-slim` (glibc, ~120–150 MB) rather than the ~1 GB full image, pin at least X.Y to match `requires-python`, and give the builder and the final stage the same Python X.Y and libc so a copied virtual environment still runs.",
            """
            FROM python:3.12-slim AS builder
            # ... install dependencies into /opt/venv ...
            FROM python:3.12-slim
            COPY --from=builder /opt/venv /opt/venv
            """),

        new("ARG",
            "Declares a build-time variable, set with `docker build --build-arg`.",
            new[] { "ARG <name>[=<default>]" },
            "An ARG before the first FROM is visible only to FROM lines; declare it again inside a stage to use it there. ARGs are not in the running container's environment, but values used by a RUN are recorded in the image history.",
            "Name the Python version once (`ARG PYTHON_VERSION=3.12`) and use it in every stage's FROM so builder and runtime cannot drift apart. Never pass index credentials or tokens as build arguments; use `RUN --mount=type=secret`.",
            """
            ARG PYTHON_VERSION=3.12
            FROM python:${PYTHON_VERSION}-slim AS builder
            FROM python:${PYTHON_VERSION}-slim
            """),

        new("ENV",
            "Sets environment variables for the following instructions and for the running container.",
            new[] { "ENV <key>=<value> [<key>=<value>...]", "ENV <key> <value> (legacy)" },
            "Values are stored in the image and anyone who can pull it can read them with `docker inspect`, so never put secrets here. A variable needed by one command only can be set inline in that RUN instead.",
            "Set `PYTHONDONTWRITEBYTECODE=1` and `PYTHONUNBUFFERED=1`, and put the virtual environment's `bin` first on `PATH` so `python`, `pip` and console scripts resolve to it.",
            """
            ENV PYTHONDONTWRITEBYTECODE=1 \
                PYTHONUNBUFFERED=1 \
                PATH="/opt/venv/bin:$PATH"
            """),

        new("WORKDIR",
            "Sets the working directory for the following instructions and the container, creating it if needed.",
            new[] { "WORKDIR <path>" },
            "A relative path is resolved against the previous WORKDIR, so prefer absolute paths. Use WORKDIR instead of `cd` inside RUN. A directory it creates belongs to root.",
            "Pick one application directory such as `/app`. uv and Poetry (in-project) put the virtual environment at `<workdir>/.venv`; keep that path identical in builder and final stage, because the scripts in a venv hard-code the absolute path of its interpreter.",
            "WORKDIR /app"),

        new("RUN",
            "Runs a command at build time and commits the result as a new layer.",
            new[] { "RUN [--mount=...] [--network=...] [--security=...] <command>", "RUN [\"executable\", \"arg\", ...]" },
            "The shell form runs through `/bin/sh -c` (see SHELL); the exec form runs the program directly. A RUN is served from the layer cache until its text or an earlier layer changes; heredocs (`RUN <<EOF`) keep long scripts readable.",
            "Give installers a BuildKit cache mount on their cache directory (pip `/root/.cache/pip`, uv `/root/.cache/uv`, Poetry `/root/.cache/pypoetry`) and bind-mount the manifests instead of copying them. Keep `apt-get update`, the install and `rm -rf /var/lib/apt/lists/*` in one RUN.",
            """
            RUN --mount=type=cache,target=/root/.cache/pip \
                --mount=type=bind,source=requirements.txt,target=requirements.txt \
                pip install -r requirements.txt
            """),

        new("COPY",
            "Copies files from the build context, another stage or an image into the image.",
            new[] { "COPY [--from=...] [--chown=...] [--chmod=...] [--link] <src>... <dest>", "COPY [flags] [\"<src>\", ... \"<dest>\"]" },
            "When any copied file changes, this layer and every later instruction of the stage are rebuilt. Copied files belong to root unless `--chown` says otherwise; `.dockerignore` decides what the build context holds.",
            "Copy the manifests (`requirements.txt`, or `pyproject.toml` with its lock file) first, install, and only then copy the source, so editing code does not reinstall dependencies. Bring the finished venv from the builder with `--from`, and use `--chown` for files the non-root user must own instead of a later `chown -R` layer.",
            """
            COPY requirements.txt .
            RUN pip install -r requirements.txt
            COPY --chown=appuser:appgroup . .
            """),

        new("ADD",
            "Copies files like COPY, and can also download URLs, clone Git repositories and unpack local tar archives.",
            new[] { "ADD [--checksum=...] [--chown=...] [--chmod=...] [--link] <src>... <dest>", "ADD [flags] [\"<src>\", ... \"<dest>\"]" },
            "Local tar archives (gzip, bzip2, xz, zstd or plain) are extracted; a remote file is saved as downloaded unless `--unpack=true` is given, and `--checksum` verifies it. This extra behaviour makes ADD less predictable than COPY.",
            "Use COPY for the project and its manifests. Keep ADD for a remote artifact pinned with `--checksum`; downloads that need credentials (a private index, a token) belong in a RUN with a secret mount.",
            "ADD --checksum=sha256:<digest> https://example.com/tool.tar.gz /tmp/"),

        new("USER",
            "Sets the user (and group) that later RUN instructions, CMD and ENTRYPOINT run as.",
            new[] { "USER <user>[:<group>]", "USER <uid>[:<gid>]" },
            "It applies until the next USER of the stage; the last USER of the final stage is the user the container runs as. A user given by name must exist in the image, so create it in a RUN first.",
            "Install packages as root, then switch to a non-root user with fixed ids (e.g. 1001) before CMD. A numeric `USER 1001:1001` lets Kubernetes verify `runAsNonRoot`. After USER, cache directories move to that user's `$HOME/.cache`.",
            """
            RUN groupadd --gid 1001 appgroup \
             && useradd --uid 1001 --gid appgroup --no-create-home appuser
            USER 1001:1001
            """),

        new("EXPOSE",
            "Documents the port(s) the container listens on.",
            new[] { "EXPOSE <port>[/<protocol>] [<port>[/<protocol>]...]" },
            "It publishes nothing by itself: use `docker run -p` or the `ports` of a compose file. The protocol is TCP unless `/udp` is given.",
            "Expose the port your server binds, and bind it on `0.0.0.0`: gunicorn and uvicorn listen on `127.0.0.1` by default, which is unreachable from outside the container.",
            """
            EXPOSE 8000
            CMD ["uvicorn", "app.main:app", "--host", "0.0.0.0", "--port", "8000"]
            """),

        new("CMD",
            "Sets the default command of the container, or the default arguments of ENTRYPOINT.",
            new[] { "CMD [\"executable\", \"arg\", ...]", "CMD [\"arg\", ...] (arguments for ENTRYPOINT)", "CMD command arg ... (shell form)" },
            "Only the last CMD of the final stage counts, and arguments given to `docker run` replace it. Nothing runs at build time.",
            "Use the exec form so the server is PID 1 and receives the SIGTERM of `docker stop`; under the shell form's `/bin/sh -c` gunicorn or uvicorn is not guaranteed to get it and is killed after the timeout. Start the venv's interpreter or scripts (via `PATH` or an absolute path such as `/opt/venv/bin/python`).",
            "CMD [\"gunicorn\", \"app.wsgi:application\", \"--bind\", \"0.0.0.0:8000\"]"),

        new("ENTRYPOINT",
            "Sets the executable the container always runs; CMD supplies its default arguments.",
            new[] { "ENTRYPOINT [\"executable\", \"arg\", ...]", "ENTRYPOINT command arg ... (shell form)" },
            "With the exec form, CMD and the arguments of `docker run` are appended to it; the shell form ignores both. `docker run --entrypoint` overrides it.",
            "Use the exec form with the venv's interpreter. An entrypoint script (migrations, waiting for a database) must end with `exec \"$@\"` so the server replaces the shell and receives signals.",
            """
            ENTRYPOINT ["/opt/venv/bin/python", "-m", "uvicorn"]
            CMD ["app.main:app", "--host", "0.0.0.0", "--port", "8000"]
            """),

        new("HEALTHCHECK",
            "Tells Docker how to test that the running container still works.",
            new[] { "HEALTHCHECK [--interval=...] [--timeout=...] [--start-period=...] [--start-interval=...] [--retries=...] CMD <command>", "HEALTHCHECK NONE" },
            "Exit status 0 means healthy and 1 unhealthy; after `--retries` failures in a row the container is marked unhealthy. Only the last HEALTHCHECK counts, and `NONE` disables one inherited from the base image. Kubernetes ignores it and uses its own probes.",
            "Slim images have neither curl nor wget: probe with the Python that is already there and the standard library's `urllib`; `python -c` exits non-zero when `urlopen` raises on an error or timeout.",
            """
            HEALTHCHECK --interval=30s --timeout=3s --start-period=10s --retries=3 \
              CMD ["python", "-c", "import urllib.request; urllib.request.urlopen('http://localhost:8000/health', timeout=2)"]
            """),

        new("LABEL",
            "Adds key=value metadata to the image.",
            new[] { "LABEL <key>=<value> [<key>=<value>...]" },
            "Labels of the base image are inherited and a later value replaces an earlier one; read them with `docker inspect`. Labels of stages that are only copied from do not reach the final image.",
            "Use the OCI keys (`org.opencontainers.image.source`, `.version`, `.authors`) so registries and scanners can link the image to its repository and release.",
            "LABEL org.opencontainers.image.source=\"https://github.com/acme/app\" \\\n      org.opencontainers.image.version=\"1.4.0\""),

        new("VOLUME",
            "Declares a mount point whose data lives outside the container's writable layer.",
            new[] { "VOLUME [\"/path\", ...]", "VOLUME /path [/path...]" },
            "Unless something is mounted there, each `docker run` creates an anonymous volume at that path. Files a later build step writes into the path may be discarded.",
            "Declare only directories the app writes data to (uploads, a SQLite file), never the code or the virtual environment: a volume would hide the new files of the next image. Make the directory writable by the runtime user.",
            """
            RUN mkdir -p /data && chown appuser:appgroup /data
            VOLUME ["/data"]
            """),

        new("SHELL",
            "Changes the shell that runs the shell form of RUN, CMD and ENTRYPOINT.",
            new[] { "SHELL [\"executable\", \"parameter\", ...]" },
            "Only the JSON form is accepted. The default is `[\"/bin/sh\", \"-c\"]` on Linux and `[\"cmd\", \"/S\", \"/C\"]` on Windows; it applies to the instructions after it.",
            "Switch to bash with `pipefail` when a RUN uses pipes (`curl ... | sh`, `pip ... | tee`), so a failure on the left stops the build instead of being hidden by the last command. Alpine images need bash installed first.",
            "SHELL [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"]"),

        new("STOPSIGNAL",
            "Sets the signal `docker stop` sends to the container's main process.",
            new[] { "STOPSIGNAL <signal>" },
            "The default is SIGTERM; a name (`SIGQUIT`) or a number is accepted. If the process is still running after the stop timeout (10 seconds by default), Docker sends SIGKILL.",
            "Keep SIGTERM: gunicorn and uvicorn treat it as a graceful shutdown that finishes in-flight requests (gunicorn treats SIGINT and SIGQUIT as a quick shutdown). It only reaches them when CMD/ENTRYPOINT use the exec form.",
            "STOPSIGNAL SIGTERM"),

        new("ONBUILD",
            "Registers an instruction that runs later, when another Dockerfile builds FROM this image.",
            new[] { "ONBUILD <INSTRUCTION> <arguments>" },
            "The trigger runs in the child build right after its FROM, against the child's build context. ONBUILD cannot wrap FROM, MAINTAINER or another ONBUILD.",
            "Hidden triggers make a build hard to follow, and the official `python:*-onbuild` variants were deprecated long ago. Prefer an explicit base stage in the same Dockerfile.",
            """
            FROM python:3.12-slim AS base
            ENV PYTHONUNBUFFERED=1
            FROM base AS app
            """),

        new("MAINTAINER",
            "Deprecated: sets the image's author field.",
            new[] { "MAINTAINER <name>" },
            "The author field is a leftover of the old image format; a label carries the same information and every tool can read it.",
            "Nothing Python-specific: replace it with the OCI authors label.",
            "LABEL org.opencontainers.image.authors=\"team@example.com\""),
    };

    private static readonly Dictionary<string, InstructionDoc> ByKeyword =
        All.ToDictionary(d => d.Keyword, StringComparer.OrdinalIgnoreCase);

    /// <summary>All instruction keywords in upper case.</summary>
    public static IReadOnlyList<string> Keywords { get; } = All.Select(d => d.Keyword).ToArray();

    /// <summary>The documentation of <paramref name="keyword"/> (any case), or null for an unknown word.</summary>
    public static InstructionDoc? Find(string keyword) =>
        ByKeyword.TryGetValue(keyword.Trim(), out var doc) ? doc : null;

    /// <summary>True when <paramref name="keyword"/> (any case) is a Dockerfile instruction.</summary>
    public static bool IsInstruction(string keyword) => ByKeyword.ContainsKey(keyword.Trim());
}
