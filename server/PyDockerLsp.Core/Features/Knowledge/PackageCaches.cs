namespace PyDockerLsp.Core.Features.Knowledge;

/// <summary>The installers whose download caches a <c>RUN --mount=type=cache</c> can keep between builds.</summary>
public enum PackageManager { Pip, Uv, Poetry, Pipenv, Apt }

/// <summary>
/// Where one installer keeps its cache inside a build container, so a cache mount can point at it.
/// </summary>
/// <param name="Manager">The installer.</param>
/// <param name="RootTargets">The cache directories when the RUN runs as root (apt has two).</param>
/// <param name="HomeRelativeTarget">The same directory relative to the user's home (<c>.cache/pip</c>), or null
/// when it does not depend on the user (apt).</param>
/// <param name="OverrideEnvVar">The environment variable that moves the cache (<c>PIP_CACHE_DIR</c>), or null.</param>
/// <param name="DisablingEnvVar">The environment variable that turns the cache off (<c>PIP_NO_CACHE_DIR</c>), or null.</param>
/// <param name="DisablingFlags">Command-line flags that turn the cache off for one command.</param>
/// <param name="ExtraMountOptions">Options the mount needs besides <c>target</c> (apt: <c>sharing=locked</c>), or empty.</param>
public sealed record PackageCache(
    PackageManager Manager,
    IReadOnlyList<string> RootTargets,
    string? HomeRelativeTarget,
    string? OverrideEnvVar,
    string? DisablingEnvVar,
    IReadOnlyList<string> DisablingFlags,
    string ExtraMountOptions)
{
    /// <summary>
    /// The cache directories for a RUN executed by a user whose home is <paramref name="homeDirectory"/>
    /// (<c>/root</c> when null). apt's directories do not depend on the user.
    /// </summary>
    public IReadOnlyList<string> TargetsFor(string? homeDirectory)
    {
        if (HomeRelativeTarget is null || homeDirectory is null || homeDirectory.TrimEnd('/') == "/root") return RootTargets;
        return new[] { homeDirectory.TrimEnd('/') + "/" + HomeRelativeTarget };
    }

    /// <summary>
    /// The <c>--mount=…</c> flags that cache this installer's downloads, e.g.
    /// <c>--mount=type=cache,target=/root/.cache/pip</c>. For a non-root user pass its home, uid and gid,
    /// so the mount lands where the tool looks and the user may write to it.
    /// </summary>
    public IReadOnlyList<string> MountFlags(string? homeDirectory = null, int? uid = null, int? gid = null)
    {
        var flags = new List<string>();
        foreach (var target in TargetsFor(homeDirectory))
        {
            var flag = "--mount=type=cache,target=" + target;
            if (ExtraMountOptions.Length > 0) flag += "," + ExtraMountOptions;
            if (uid is not null) flag += ",uid=" + uid;
            if (gid is not null) flag += ",gid=" + gid;
            flags.Add(flag);
        }
        return flags;
    }
}

/// <summary>
/// The cache directories of pip, uv, Poetry, Pipenv and apt, the single source for hover text,
/// the "add cache mount" fix and the rules that check a mount's target (PD201, PD202).
/// </summary>
public static class PackageCaches
{
    public static PackageCache Pip { get; } = new(
        PackageManager.Pip, new[] { "/root/.cache/pip" }, ".cache/pip",
        "PIP_CACHE_DIR", "PIP_NO_CACHE_DIR", new[] { "--no-cache-dir" }, "");

    /// <summary>uv also wants <c>UV_LINK_MODE=copy</c> with a cache mount: the mount is another file system,
    /// so uv cannot hard-link from it and warns before falling back to copying.</summary>
    public static PackageCache Uv { get; } = new(
        PackageManager.Uv, new[] { "/root/.cache/uv" }, ".cache/uv",
        "UV_CACHE_DIR", "UV_NO_CACHE", new[] { "--no-cache", "-n" }, "");

    public static PackageCache Poetry { get; } = new(
        PackageManager.Poetry, new[] { "/root/.cache/pypoetry" }, ".cache/pypoetry",
        "POETRY_CACHE_DIR", null, new[] { "--no-cache" }, "");

    public static PackageCache Pipenv { get; } = new(
        PackageManager.Pipenv, new[] { "/root/.cache/pipenv" }, ".cache/pipenv",
        "PIPENV_CACHE_DIR", null, Array.Empty<string>(), "");

    /// <summary>apt needs both directories and exclusive access (<c>sharing=locked</c>); the Debian images also
    /// delete downloaded packages after each install unless <c>/etc/apt/apt.conf.d/docker-clean</c> is removed.</summary>
    public static PackageCache Apt { get; } = new(
        PackageManager.Apt, new[] { "/var/cache/apt", "/var/lib/apt" }, null,
        null, null, Array.Empty<string>(), "sharing=locked");

    public static IReadOnlyList<PackageCache> All { get; } = new[] { Pip, Uv, Poetry, Pipenv, Apt };

    public static PackageCache For(PackageManager manager) => manager switch
    {
        PackageManager.Pip => Pip,
        PackageManager.Uv => Uv,
        PackageManager.Poetry => Poetry,
        PackageManager.Pipenv => Pipenv,
        PackageManager.Apt => Apt,
        _ => throw new ArgumentOutOfRangeException(nameof(manager), manager, null),
    };

    /// <summary>
    /// The installer whose cache lives at <paramref name="target"/> (for root or any <c>/home/…</c> user), or null.
    /// Lets a hover on <c>target=/root/.cache/uv</c> say whose cache it is.
    /// </summary>
    public static PackageManager? ManagerOfTarget(string target)
    {
        var path = target.Trim().TrimEnd('/');
        foreach (var cache in All)
        {
            foreach (var root in cache.RootTargets)
                if (string.Equals(path, root, StringComparison.Ordinal)) return cache.Manager;
            if (cache.HomeRelativeTarget is not null && path.EndsWith("/" + cache.HomeRelativeTarget, StringComparison.Ordinal))
                return cache.Manager;
        }
        return null;
    }
}
