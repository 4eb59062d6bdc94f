namespace PyDockerLsp.Core.Python;

/// <summary>
/// What a Python package with a native (C/C++) part needs from the operating system.
/// <see cref="BuildPackages"/> are Debian packages a builder stage needs when pip compiles it from source;
/// <see cref="RuntimePackages"/> are Debian packages the final stage needs to import it;
/// <see cref="CompilesOnMusl"/> says Alpine (musl) images typically build it from source because the wheels
/// pip finds are for glibc; <see cref="BinaryAlternative"/> is a package that ships a ready-made wheel.
/// <see cref="Source"/> says where the fact comes from.
/// </summary>
public sealed record NativePackage(
    string Name,
    IReadOnlyList<string> BuildPackages,
    IReadOnlyList<string> RuntimePackages,
    bool CompilesOnMusl,
    bool AlwaysBuildsFromSource,
    string? BinaryAlternative,
    string Source);

/// <summary>The small table of packages with native needs that the manifest-aware rules and scaffolding consult.</summary>
public static class NativePackages
{
    private static readonly string[] None = Array.Empty<string>();

    private static readonly NativePackage[] Table =
    {
        // psycopg2 is published as a source distribution only: pip always compiles it (needs pg_config from libpq-dev).
        new("psycopg2", new[] { "libpq-dev", "gcc" }, new[] { "libpq5" }, true, true, "psycopg2-binary",
            "seeds 003 (Pitfall 2) and 004 (Database Drivers); psycopg2 ships no wheels on PyPI"),
        new("mysqlclient", new[] { "default-libmysqlclient-dev", "pkg-config", "gcc" }, new[] { "libmariadb3" }, true, true, null,
            "seed 004 (Database Drivers); mysqlclient's build reads pkg-config for the client library"),
        new("numpy", None, None, true, false, null, "seeds 002 (glibc vs musl) and 003 (Pitfall 1)"),
        new("pandas", None, None, true, false, null, "seeds 002 and 003 (Pitfall 1)"),
        new("scipy", None, None, true, false, null, "seed 002 (C extensions need compiling on musl)"),
        new("lxml", None, None, true, false, null, "seed 002 (C extensions); lxml links libxml2/libxslt"),
        new("pillow", None, None, true, false, null, "seed 004 (Packages with Compiled Extensions)"),
        new("psycopg2-binary", None, None, true, false, null, "seed 002 names psycopg2 among the packages that compile on musl"),
        new("cryptography", None, None, true, false, null, "seed 002 (C extensions); cryptography builds with Rust and OpenSSL headers when no wheel fits"),
        new("grpcio", None, None, true, false, null, "seed 002 (C extensions); grpcio's source build is long"),
        new("scikit-learn", None, new[] { "libgomp1" }, true, false, null, "seed 004 (libgomp1 for numeric packages at runtime)"),
        new("pyarrow", None, None, true, false, null, "seed 002 (C++ extensions compile on musl)"),
        new("uvloop", None, None, true, false, null, "seed 002 (C extensions)"),
        new("orjson", None, None, true, false, null, "seed 002 (native extensions; orjson builds with Rust when no wheel fits)"),
    };

    private static readonly Dictionary<string, NativePackage> ByName =
        Table.ToDictionary(p => p.Name, StringComparer.OrdinalIgnoreCase);

    public static IReadOnlyList<NativePackage> All => Table;

    /// <summary>Looks a package up by its PEP 503 normalised name.</summary>
    public static NativePackage? Find(string normalizedName) =>
        ByName.TryGetValue(normalizedName.Replace('_', '-').Replace('.', '-'), out var p) ? p : null;
}
