using PyDockerLsp.Core.Python.Toml;
using PyDockerLsp.Core.Text;

namespace PyDockerLsp.Core.Python.Manifests;

/// <summary>uv.lock: the lock format version, the supported Pythons and every locked package with its source
/// and whether its artifacts carry hashes.</summary>
public sealed class UvLock
{
    private UvLock(TomlDocument toml, IReadOnlyList<ManifestError> errors)
    {
        Toml = toml;
        Errors = errors;
    }

    public TomlDocument Toml { get; }
    public IReadOnlyList<ManifestError> Errors { get; }

    /// <summary>The lock format version (<c>version = 1</c>).</summary>
    public long? Version { get; private init; }

    public long? Revision { get; private init; }

    /// <summary>The project's <c>requires-python</c> as resolved.</summary>
    public SpannedString? RequiresPython { get; private init; }

    /// <summary>Top-level <c>resolution-markers</c>: the environments the resolution was forked for.</summary>
    public IReadOnlyList<SpannedString> ResolutionMarkers { get; private init; } = Array.Empty<SpannedString>();

    public IReadOnlyList<LockedPackage> Packages { get; private init; } = Array.Empty<LockedPackage>();

    public static UvLock Parse(string text)
    {
        var toml = TomlParser.Parse(text);
        var reader = new ManifestReader();
        reader.AddTomlErrors(toml);
        var root = toml.Root;
        var packages = LockedPackage.ReadPackageArray(root, reader, (name, table) => ReadPackage(name, table, reader));
        return new UvLock(toml, reader.Errors)
        {
            Version = reader.Integer(root, "version", ""),
            Revision = reader.Integer(root, "revision", ""),
            RequiresPython = reader.String(root, "requires-python", ""),
            ResolutionMarkers = reader.StringArray(root, "resolution-markers", ""),
            Packages = packages.ConvertAll(p => p.Package),
        };
    }

    private static LockedPackage ReadPackage(SpannedString name, TomlTable table, ManifestReader reader) =>
        new(name, table.Span)
        {
            Version = reader.String(table, "version", "package"),
            ResolutionMarkers = reader.StringArray(table, "resolution-markers", "package"),
            Hashes = CollectHashes(table),
            Source = ReadSource(table),
            DependencyNames = LockedPackage.DependencyNamesOf(table["dependencies"]),
        };

    /// <summary>The sdist's hash and each wheel's.</summary>
    private static IReadOnlyList<string> CollectHashes(TomlTable package)
    {
        List<string>? hashes = null;
        if (package.TryGet("sdist", out TomlTable sdist) && sdist.GetString("hash") is { } sdistHash) (hashes ??= new()).Add(sdistHash);
        if (package.TryGet("wheels", out TomlArray wheels))
        {
            foreach (var wheel in wheels)
            {
                if (wheel is TomlTable w && w.GetString("hash") is { } wheelHash) (hashes ??= new(wheels.Count + 1)).Add(wheelHash);
            }
        }
        return hashes ?? (IReadOnlyList<string>)Array.Empty<string>();
    }

    /// <summary><c>source = { registry = "https://pypi.org/simple" }</c>, <c>{ editable = "." }</c>, <c>{ git = "..." }</c>, ...</summary>
    private static LockedSource? ReadSource(TomlTable package)
    {
        if (!package.TryGet("source", out TomlTable source) || source.Count == 0) return null;
        var first = source[0];
        return new LockedSource(first.Key, (first.Value as TomlString)?.Value, null, source.Span);
    }
}
