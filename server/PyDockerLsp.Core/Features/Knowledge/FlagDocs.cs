namespace PyDockerLsp.Core.Features.Knowledge;

/// <summary>
/// Hover documentation for every instruction flag, every <c>RUN --mount</c> type and every mount option.
/// Lookups accept the flag with or without its leading dashes and ignore case; mount option aliases
/// (<c>dst</c>, <c>destination</c>, <c>ro</c>, <c>readwrite</c>) find the option they stand for.
/// </summary>
public static class FlagDocs
{
    private const string ChownSyntax = "--chown=<user>[:<group>]";
    private const string ChmodSyntax = "--chmod=<perms>";
    private const string LinkSyntax = "--link[=<boolean>]";
    private const string ExcludeSyntax = "--exclude=<pattern>";

    /// <summary>Every flag of every instruction.</summary>
    public static IReadOnlyList<FlagDoc> All { get; } = new FlagDoc[]
    {
        // FROM
        new("FROM", "--platform",
            "Picks the platform variant of a multi-platform base image.",
            "--platform=<os>/<arch>[/<variant>]",
            "Without it the stage uses the platform being built (`$TARGETPLATFORM`). `--platform=$BUILDPLATFORM` runs a stage natively on the build machine while cross-building, e.g. `linux/amd64` building for `linux/arm64`.",
            "Wheels and compiled extensions are platform-specific: a venv built in a `$BUILDPLATFORM` stage only runs on the target if it was installed for the target's platform. It is usually simpler to leave Python stages on the target platform.",
            "FROM --platform=$BUILDPLATFORM python:3.12-slim AS assets"),

        // RUN
        new("RUN", "--mount",
            "Mounts a cache, a bind source, a secret, an SSH agent or a tmpfs for this RUN only.",
            "--mount=[type=<cache|bind|secret|ssh|tmpfs>][,<option>=<value>...]",
            "Nothing under the mount is written to the image layer. Without `type=` the mount is a read-only bind of the build context. Repeat the flag for several mounts.",
            "Cache the installer's downloads (`type=cache,target=/root/.cache/pip`; uv `/root/.cache/uv`, Poetry `/root/.cache/pypoetry`) and bind the manifests (`type=bind,source=requirements.txt,target=requirements.txt`) so no COPY layer is needed for them.",
            """
            RUN --mount=type=cache,target=/root/.cache/uv \
                --mount=type=bind,source=uv.lock,target=uv.lock \
                --mount=type=bind,source=pyproject.toml,target=pyproject.toml \
                uv sync --frozen --no-dev --no-install-project
            """) { MinimumDockerfileVersion = "1.2" },

        new("RUN", "--network",
            "Chooses the network the command runs in.",
            "--network=<default|none|host>",
            "`default` is the normal build network, `none` leaves only loopback, and `host` uses the host's network (it needs the `network.host` entitlement on the builder and the build).",
            "`--network=none` proves an install uses only local files, e.g. wheels built in an earlier stage with `pip install --no-index --find-links /wheels`.",
            "RUN --network=none pip install --no-index --find-links /wheels -r requirements.txt")
        { MinimumDockerfileVersion = "1.3", Values = new[] { "default", "none", "host" } },

        new("RUN", "--security",
            "Runs the command in the normal sandbox or, with `insecure`, with full privileges.",
            "--security=<sandbox|insecure>",
            "`sandbox` is the default. `insecure` is like `docker run --privileged` and needs the `security.insecure` entitlement enabled on the builder and allowed by the build.",
            "Installing Python packages never needs it; treat it as a red flag in a Python Dockerfile.",
            null) { MinimumDockerfileVersion = "1.20", Values = new[] { "sandbox", "insecure" } },

        new("RUN", "--device",
            "Exposes a CDI device (such as a GPU) to the command.",
            "--device=<cdi-device-name>[,required=<bool>]",
            "Only in the labs channel of the Dockerfile syntax (`# syntax=docker/dockerfile:1-labs`); the builder must know the device through its CDI configuration.",
            "Needed only for build steps that really run on a GPU; CUDA wheels of PyTorch and friends install without it.",
            null) { MinimumDockerfileVersion = "1.14-labs" },

        // COPY
        new("COPY", "--from",
            "Copies from a build stage, an image or a named build context instead of the build context.",
            "--from=<stage|image|context>",
            "The value is a stage name (`AS builder`), a stage index, an image reference or a context given with `--build-context`. Source paths are resolved from the root of that stage or image.",
            "Copy only the prepared environment from the builder (`/opt/venv`, `/app/.venv`, or the wheels) so compilers stay behind; builder and final stage must share Python X.Y and libc. Tool images such as `ghcr.io/astral-sh/uv` should carry a pinned tag.",
            """
            COPY --from=ghcr.io/astral-sh/uv:0.5 /uv /uvx /bin/
            COPY --from=builder /opt/venv /opt/venv
            """),

        new("COPY", "--chown",
            "Sets the owner of the copied files.",
            ChownSyntax,
            "Without it files belong to root (uid and gid 0). Names are looked up in the stage's `/etc/passwd` and `/etc/group`, so the user must already exist; with `--link` only numeric ids work. A user alone also sets the group to the same number.",
            "Give the runtime user only what it must write (data or upload directories, or the app when it writes next to its code), in the COPY itself rather than a later `chown -R` that duplicates the files in another layer.",
            "COPY --chown=appuser:appgroup . /app"),

        new("COPY", "--chmod",
            "Sets the permissions of the copied files.",
            ChmodSyntax,
            "Accepts octal (`755`, `644`) and, since syntax 1.14, symbolic modes (`+x`, `u=rwX,go=rX`). Not supported for Windows containers.",
            "Make an entrypoint script executable in the COPY (`--chmod=755`) instead of a separate `RUN chmod` layer.",
            "COPY --chmod=755 docker-entrypoint.sh /usr/local/bin/")
        { MinimumDockerfileVersion = "1.2" },

        new("COPY", "--link",
            "Puts the copied files in an independent layer that survives changes to the layers below.",
            LinkSyntax,
            "The files are copied into an empty directory and the layer is stacked on the previous state, so it can be reused even when the base image or earlier steps change. It cannot follow symlinks in the destination path, and `--chown` needs numeric ids with it.",
            "A good fit for bringing the venv into the final stage: `COPY --link --from=builder /opt/venv /opt/venv` stays cached when only the base image is refreshed.",
            "COPY --link --from=builder /opt/venv /opt/venv")
        { MinimumDockerfileVersion = "1.4" },

        new("COPY", "--parents",
            "Keeps the parent directories of each source under the destination.",
            "--parents[=<boolean>]",
            "Without it `x/a.txt` lands as `<dest>/a.txt`; with it as `<dest>/x/a.txt`. A `./` inside a source marks where the kept part begins, and `**` matches any depth.",
            "Copies every manifest of a monorepo or uv workspace in one instruction, keeping the layout the installer expects.",
            "COPY --parents pyproject.toml uv.lock packages/*/pyproject.toml /app/")
        { MinimumDockerfileVersion = "1.20" },

        new("COPY", "--exclude",
            "Leaves files that match a pattern out of the copy.",
            ExcludeSyntax,
            "The pattern uses the same wildcards as the sources; repeat the flag for several patterns. It filters this instruction only; `.dockerignore` keeps files out of the whole build context.",
            "Useful to copy the source without the tests or notebooks; caches, `.venv` and `.git` belong in `.dockerignore` instead.",
            "COPY --exclude=tests --exclude=*.ipynb . /app")
        { MinimumDockerfileVersion = "1.19" },

        // ADD
        new("ADD", "--checksum",
            "Verifies a remote source before it is added.",
            "--checksum=<sha256:hash|git commit>",
            "For an HTTP(S) source the value is `sha256:` plus the content digest (the only algorithm); for a Git source it is the commit SHA or a prefix of it. The build fails when the download does not match.",
            "Any binary or archive downloaded into a Python image should be pinned this way; an unverified download makes the build neither reproducible nor safe.",
            "ADD --checksum=sha256:<digest> https://example.com/tool.tar.gz /tmp/")
        { MinimumDockerfileVersion = "1.6" },

        new("ADD", "--keep-git-dir",
            "Keeps the `.git` directory when the source is a Git repository.",
            "--keep-git-dir[=<boolean>]",
            "By default only the files of the checked-out revision are added, without `.git`.",
            "Only needed when the build reads Git metadata, e.g. `setuptools-scm` deriving the package version; otherwise leave `.git` out of the image.",
            "ADD --keep-git-dir=true https://github.com/acme/lib.git#v1.2.0 /src/lib")
        { MinimumDockerfileVersion = "1.1" },

        new("ADD", "--unpack",
            "Decides whether a tar archive is extracted.",
            "--unpack=<boolean>",
            "Local tar archives are extracted by default and remote ones are not; `--unpack=true` extracts a downloaded archive and `--unpack=false` keeps a local one as a file.",
            "Prefer it to a `curl | tar` RUN for a pinned (`--checksum`) archive; no curl is needed in a slim image.",
            "ADD --unpack=true --checksum=sha256:<digest> https://example.com/data.tar.gz /opt/data")
        { MinimumDockerfileVersion = "1.17" },

        new("ADD", "--chown",
            "Sets the owner of the added files.",
            ChownSyntax,
            "Works as in COPY: root by default, names resolved from the stage's `/etc/passwd` and `/etc/group`, numeric ids with `--link`. Downloads from a URL get mode 600.",
            "Prefer COPY for project files; when ADD is needed, give ownership to the runtime user only if it must write there.",
            null),

        new("ADD", "--chmod",
            "Sets the permissions of the added files.",
            ChmodSyntax,
            "Works as in COPY: octal or, since syntax 1.14, symbolic modes. A downloaded file otherwise gets mode 600.",
            "Use it to make a downloaded tool executable without another RUN layer.",
            "ADD --chmod=755 --checksum=sha256:<digest> https://example.com/tool /usr/local/bin/tool")
        { MinimumDockerfileVersion = "1.2" },

        new("ADD", "--link",
            "Puts the added files in an independent layer, as `COPY --link` does.",
            LinkSyntax,
            "The layer does not depend on the layers below, so it stays cached when they change; it cannot follow symlinks in the destination path.",
            null,
            null) { MinimumDockerfileVersion = "1.4" },

        new("ADD", "--exclude",
            "Leaves files that match a pattern out of the add, as `COPY --exclude` does.",
            ExcludeSyntax,
            "The pattern uses the sources' wildcards and the flag may be repeated.",
            null,
            null) { MinimumDockerfileVersion = "1.19" },

        // HEALTHCHECK
        new("HEALTHCHECK", "--interval",
            "Time between two checks.",
            "--interval=<duration>",
            "Default `30s`; durations are written like `30s`, `1m30s`. The first check runs one interval after the container starts.",
            "30 s suits most web apps; a check that starts Python costs some CPU and memory, so don't go much lower.",
            null),

        new("HEALTHCHECK", "--timeout",
            "How long one check may take before it counts as failed.",
            "--timeout=<duration>",
            "Default `30s`.",
            "Keep it short (a few seconds) and give the HTTP call its own timeout too, e.g. `urlopen(url, timeout=2)`.",
            null),

        new("HEALTHCHECK", "--start-period",
            "Start-up grace period during which failures do not count.",
            "--start-period=<duration>",
            "Default `0s`. A successful check during the period marks the container healthy at once.",
            "Cover the app's real start-up: imports, migrations, model loading, gunicorn spawning workers.",
            null),

        new("HEALTHCHECK", "--start-interval",
            "Time between checks during the start period.",
            "--start-interval=<duration>",
            "Default `5s`. It takes effect only on Docker Engine 25.0 or newer.",
            "Lets a slow-starting app be declared healthy soon after it is ready, while `--interval` stays relaxed.",
            null),

        new("HEALTHCHECK", "--retries",
            "Failures in a row before the container is marked unhealthy.",
            "--retries=<n>",
            "Default `3`.",
            "Three is a sensible default; one slow request under load should not flip the status.",
            "HEALTHCHECK --interval=30s --timeout=3s --retries=3 \\\n  CMD [\"python\", \"-c\", \"import urllib.request; urllib.request.urlopen('http://localhost:8000/health', timeout=2)\"]"),
    };

    /// <summary>Every <c>RUN --mount</c> type.</summary>
    public static IReadOnlyList<MountTypeDoc> MountTypes { get; } = new MountTypeDoc[]
    {
        new("cache",
            "A persistent cache directory for compilers and package managers.",
            "The contents survive between builds on the same builder but never enter the image, and changing them does not invalidate the layer cache. The builder may empty it at any time, so the build must still work without it.",
            "Point it at the installer's cache: pip `/root/.cache/pip`, uv `/root/.cache/uv` (with `UV_LINK_MODE=copy`), Poetry `/root/.cache/pypoetry` (or `POETRY_CACHE_DIR`), Pipenv `/root/.cache/pipenv`; apt needs `/var/cache/apt` and `/var/lib/apt` with `sharing=locked`. A non-root user's cache is under its `$HOME/.cache`. Don't add `--no-cache-dir` then: it throws the cache away.",
            """
            ENV UV_LINK_MODE=copy
            RUN --mount=type=cache,target=/root/.cache/uv \
                uv sync --frozen --no-dev
            """,
            new[] { "id", "target", "readonly", "sharing", "from", "source", "mode", "uid", "gid" }),

        new("bind",
            "Makes files of the build context, a stage or an image visible to the command (read-only by default).",
            "This is the default type. Nothing mounted is committed to the layer, and unlike COPY it adds no layer of its own; the RUN still reruns when the mounted files change.",
            "Bind the manifests the installer reads (`requirements.txt`, `pyproject.toml`, `uv.lock`, `poetry.lock`) instead of copying them, or the wheels of a builder stage with `from=builder`.",
            """
            RUN --mount=type=bind,source=requirements.txt,target=/tmp/requirements.txt \
                pip install -r /tmp/requirements.txt
            """,
            new[] { "target", "source", "from", "rw" }),

        new("secret",
            "Gives the command a secret (token, password, config file) without storing it in the image or its history.",
            "By default the secret is a file at `/run/secrets/<id>`; `env=` exposes it as an environment variable instead. Pass it with `docker build --secret id=<id>,src=<file>` (or `env=<VAR>`).",
            "Use it for private package indexes: mount a `pip.conf`/`.netrc`, or set `PIP_INDEX_URL`/`UV_INDEX_URL` from the secret, rather than build args or ENV that end up in the image.",
            """
            RUN --mount=type=secret,id=index_url,env=PIP_INDEX_URL \
                pip install -r requirements.txt
            """,
            new[] { "id", "target", "env", "required", "mode", "uid", "gid" }),

        new("ssh",
            "Forwards the SSH agent (or keys) of the build client to the command.",
            "Build with `docker build --ssh default` (or a key file); the socket is mounted for this RUN only and its path is put in `SSH_AUTH_SOCK`.",
            "Installs from private Git repositories (`pip install git+ssh://git@github.com/acme/lib.git`) work without copying a key into the image; add the host to `~/.ssh/known_hosts` first.",
            """
            RUN mkdir -p -m 0700 ~/.ssh && ssh-keyscan github.com >> ~/.ssh/known_hosts
            RUN --mount=type=ssh pip install git+ssh://git@github.com/acme/lib.git
            """,
            new[] { "id", "target", "required", "mode", "uid", "gid" }),

        new("tmpfs",
            "Mounts an in-memory file system for the command.",
            "Whatever is written there disappears when the RUN ends and never reaches the layer.",
            "Handy as scratch space for a build that writes large temporary files (compiling extensions, unpacking sdists) that must not end up in the image.",
            "RUN --mount=type=tmpfs,target=/tmp pip wheel --wheel-dir /wheels -r requirements.txt",
            new[] { "target", "size" }),
    };

    private static readonly string[] TargetAliases = { "dst", "destination" };
    private static readonly string[] ReadonlyAliases = { "ro" };
    private static readonly string[] ReadWriteAliases = { "readwrite" };
    private static readonly string[] NoAliases = Array.Empty<string>();

    /// <summary>Every option of every mount type.</summary>
    public static IReadOnlyList<MountOptionDoc> MountOptions { get; } = new MountOptionDoc[]
    {
        // cache
        new("cache", "id", NoAliases, "Names the cache, so different RUNs can share or separate it.", "the value of `target`",
            "Mounts with the same id (and mode) share one cache; give separate ids to caches that must not mix, e.g. per Python version."),
        new("cache", "target", TargetAliases, "Where the cache appears in the build container.", null,
            "It must be the directory the tool really uses: pip `/root/.cache/pip`, uv `/root/.cache/uv`, Poetry `/root/.cache/pypoetry`, Pipenv `/root/.cache/pipenv`, apt `/var/cache/apt` and `/var/lib/apt`. For a non-root user it is `$HOME/.cache/<tool>`, and a moved cache (`PIP_CACHE_DIR`, `UV_CACHE_DIR`, `POETRY_CACHE_DIR`) must be mounted where it was moved to."),
        new("cache", "readonly", ReadonlyAliases, "Mounts the cache read-only.", "read-write",
            "The command can use what is cached but cannot add to it."),
        new("cache", "sharing", NoAliases, "What happens when several builds use the cache at once.", "`shared`",
            "`shared` lets all writers in at once, `private` gives a second writer its own new cache, `locked` makes it wait. apt needs `locked` because it wants exclusive access to its directories; the Python installers are fine with `shared`.")
        { Values = new[] { "shared", "private", "locked" } },
        new("cache", "from", NoAliases, "A stage, context or image whose files seed the cache.", "an empty directory",
            "Rarely needed for Python builds."),
        new("cache", "source", NoAliases, "The sub-path of `from` to mount.", "the root of `from`",
            "Only meaningful together with `from`."),
        new("cache", "mode", NoAliases, "File mode of a newly created cache directory, in octal.", "`0755`",
            "Only applies when the cache is created."),
        new("cache", "uid", NoAliases, "Owner (user id) of a newly created cache directory.", "`0`",
            "Set it to the build user's uid when the RUN runs as a non-root user, otherwise the tool cannot write its cache."),
        new("cache", "gid", NoAliases, "Group of a newly created cache directory.", "`0`",
            "Set it together with `uid` for a non-root build user."),

        // bind
        new("bind", "target", TargetAliases, "Where the files appear in the build container.", null,
            "A relative target is resolved against the WORKDIR; point it where the installer expects the manifest, e.g. `target=requirements.txt`."),
        new("bind", "source", NoAliases, "The path to mount, inside `from` (the build context by default).", "the root of `from`",
            "Name the manifest (`requirements.txt`, `uv.lock`); the file must be in the build context and not excluded by `.dockerignore`."),
        new("bind", "from", NoAliases, "The stage, context or image to mount from.", "the build context",
            "`from=builder` mounts the builder's files, e.g. its wheel directory, without copying them into a layer."),
        new("bind", "rw", ReadWriteAliases, "Allows writes to the mount.", "read-only",
            "Writes are thrown away when the RUN ends; needed when a tool writes next to the mounted files."),

        // tmpfs
        new("tmpfs", "target", TargetAliases, "Where the tmpfs is mounted.", null,
            "Commonly `/tmp`."),
        new("tmpfs", "size", NoAliases, "Upper limit of the file system's size.", null,
            "A size such as `size=512m`; keep it below the builder's free memory."),

        // secret
        new("secret", "id", NoAliases, "The id given to `docker build --secret id=…`.", "the file name of `target`",
            "Pick a descriptive id such as `pip_conf` or `index_url`."),
        new("secret", "target", TargetAliases, "Path of the secret file.", "`/run/secrets/<id>` (when `env` is not set)",
            "Mount a `pip.conf` straight where pip reads it (`/etc/pip.conf`), or a `.netrc` at `/root/.netrc`, for this RUN only."),
        new("secret", "env", NoAliases, "Exposes the secret as an environment variable of the RUN.", null,
            "E.g. `env=PIP_INDEX_URL` or `env=UV_INDEX_URL` for a private index with credentials; the value never reaches the image. Since Dockerfile syntax 1.10."),
        new("secret", "required", NoAliases, "Fails the build when the secret was not provided.", "`false`",
            "Set `required=true` when the install cannot succeed without it, for a clear error instead of a confusing 401 from the index.")
        { Values = new[] { "true", "false" } },
        new("secret", "mode", NoAliases, "File mode of the secret file, in octal.", "`0400`",
            "Raise it only if a non-root user must read the file and `uid` cannot be set."),
        new("secret", "uid", NoAliases, "Owner (user id) of the secret file.", "`0`",
            "Set it when the RUN runs as a non-root user."),
        new("secret", "gid", NoAliases, "Group of the secret file.", "`0`",
            "Set it together with `uid`."),

        // ssh
        new("ssh", "id", NoAliases, "Which agent socket or key given to `docker build --ssh` to use.", "`default`",
            "Only needed when the build is given several SSH sources."),
        new("ssh", "target", TargetAliases, "Path of the agent socket.", "`/run/buildkit/ssh_agent.<n>`",
            "Rarely needed: `SSH_AUTH_SOCK` already points at the socket."),
        new("ssh", "required", NoAliases, "Fails the build when no SSH source was provided.", "`false`",
            "Set `required=true` for installs from private Git repositories.")
        { Values = new[] { "true", "false" } },
        new("ssh", "mode", NoAliases, "File mode of the socket, in octal.", "`0600`",
            "Relevant only when a non-root user must use the socket."),
        new("ssh", "uid", NoAliases, "Owner (user id) of the socket.", "`0`",
            "Set it when the RUN runs as a non-root user."),
        new("ssh", "gid", NoAliases, "Group of the socket.", "`0`",
            "Set it together with `uid`."),
    };

    private static readonly Dictionary<(string, string), FlagDoc> ByInstructionAndName =
        All.ToDictionary(f => (f.Instruction, f.Name), InstructionAndNameComparer.Instance);

    private static readonly ILookup<string, FlagDoc> ByInstruction =
        All.ToLookup(f => f.Instruction, StringComparer.OrdinalIgnoreCase);

    private static readonly Dictionary<string, MountTypeDoc> MountTypeByName =
        MountTypes.ToDictionary(t => t.Type, StringComparer.OrdinalIgnoreCase);

    private static readonly Dictionary<(string, string), MountOptionDoc> MountOptionByKey = BuildMountOptionIndex();

    /// <summary>The flags an instruction accepts (empty for an instruction without flags or an unknown one).</summary>
    public static IReadOnlyList<FlagDoc> ForInstruction(string instruction) => ByInstruction[instruction.Trim()].ToArray();

    /// <summary>
    /// The documentation of a flag: <c>Find("copy", "--chown")</c> or <c>Find("COPY", "chown")</c>.
    /// An <c>=value</c> part is ignored, so the text of the whole flag can be passed.
    /// </summary>
    public static FlagDoc? Find(string instruction, string flag) =>
        ByInstructionAndName.TryGetValue((instruction.Trim(), NormalizeFlagName(flag)), out var doc) ? doc : null;

    /// <summary>The documentation of a mount type (<c>cache</c>, <c>bind</c>, <c>secret</c>, <c>ssh</c>, <c>tmpfs</c>), or null.</summary>
    public static MountTypeDoc? FindMountType(string type) =>
        MountTypeByName.TryGetValue(type.Trim(), out var doc) ? doc : null;

    /// <summary>
    /// The documentation of one mount option, looked up by the mount's type and the option key as written
    /// (<c>dst</c> finds <c>target</c>, <c>ro</c> finds <c>readonly</c>). A missing type means <c>bind</c>, the default.
    /// </summary>
    public static MountOptionDoc? FindMountOption(string? mountType, string key)
    {
        var type = string.IsNullOrWhiteSpace(mountType) ? "bind" : mountType.Trim();
        return MountOptionByKey.TryGetValue((type, key.Trim()), out var doc) ? doc : null;
    }

    /// <summary>The option keys of a mount type, primary spellings first and without aliases.</summary>
    public static IReadOnlyList<string> MountOptionKeys(string mountType) =>
        FindMountType(mountType)?.OptionKeys ?? Array.Empty<string>();

    /// <summary><c>--chown=x</c>, <c>chown</c> and <c>--CHOWN</c> all become <c>--chown</c>.</summary>
    internal static string NormalizeFlagName(string flag)
    {
        var name = flag.Trim();
        int equals = name.IndexOf('=');
        if (equals >= 0) name = name[..equals];
        name = name.TrimStart('-');
        return "--" + name.ToLowerInvariant();
    }

    private static Dictionary<(string, string), MountOptionDoc> BuildMountOptionIndex()
    {
        var index = new Dictionary<(string, string), MountOptionDoc>(InstructionAndNameComparer.Instance);
        foreach (var option in MountOptions)
        {
            index.Add((option.MountType, option.Key), option);
            foreach (var alias in option.Aliases) index.Add((option.MountType, alias), option);
        }
        return index;
    }

    /// <summary>Case-insensitive comparison of (instruction or mount type, flag or key) pairs.</summary>
    private sealed class InstructionAndNameComparer : IEqualityComparer<(string, string)>
    {
        public static readonly InstructionAndNameComparer Instance = new();

        public bool Equals((string, string) x, (string, string) y) =>
            StringComparer.OrdinalIgnoreCase.Equals(x.Item1, y.Item1) && StringComparer.OrdinalIgnoreCase.Equals(x.Item2, y.Item2);

        public int GetHashCode((string, string) pair) =>
            HashCode.Combine(StringComparer.OrdinalIgnoreCase.GetHashCode(pair.Item1), StringComparer.OrdinalIgnoreCase.GetHashCode(pair.Item2));
    }
}
