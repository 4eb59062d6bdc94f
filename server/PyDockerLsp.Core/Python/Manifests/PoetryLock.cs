using PyDockerLsp.Core.Python.Toml;

namespace PyDockerLsp.Core.Python.Manifests;

/// <summary>poetry.lock: every locked package (version, markers, groups, source, whether hashes are recorded)
/// and <c>[metadata]</c>. Reads both the current format (hashes in each package's <c>files</c>) and the older
/// one (hashes in <c>[metadata.files]</c>, <c>category</c> instead of <c>groups</c>).</summary>
public sealed class PoetryLock
{
    private PoetryLock(TomlDocument toml, IReadOnlyList<ManifestError> errors)
    {
        Toml = toml;
        Errors = errors;
    }

    public TomlDocument Toml { get; }
    public IReadOnlyList<ManifestError> Errors { get; }

    public IReadOnlyList<LockedPackage> Packages { get; private init; } = Array.Empty<LockedPackage>();

    /// <summary><c>[metadata] python-versions</c>, in Poetry's constraint syntax.</summary>
    public SpannedString? PythonVersions { get; private init; }

    /// <summary><c>[metadata] content-hash</c>: the hash of the pyproject.toml content the lock was made from.</summary>
    public SpannedString? ContentHash { get; private init; }

    public SpannedString? LockVersion { get; private init; }

    public static PoetryLock Parse(string text)
    {
        var toml = TomlParser.Parse(text);
        var reader = new ManifestReader();
        reader.AddTomlErrors(toml);
        var root = toml.Root;
        var metadata = reader.Table(root, "metadata", "");
        var legacyFiles = metadata == null ? null : reader.Table(metadata, "files", "metadata");
        var packages = LockedPackage.ReadPackageArray(root, reader, (name, table) => ReadPackage(name, table, legacyFiles, reader));
        return new PoetryLock(toml, reader.Errors)
        {
            Packages = packages.ConvertAll(p => p.Package),
            PythonVersions = metadata == null ? null : reader.String(metadata, "python-versions", "metadata"),
            ContentHash = metadata == null ? null : reader.String(metadata, "content-hash", "metadata"),
            LockVersion = metadata == null ? null : reader.String(metadata, "lock-version", "metadata"),
        };
    }

    private static LockedPackage ReadPackage(SpannedString name, TomlTable table, TomlTable? legacyFiles, ManifestReader reader)
    {
        var category = reader.String(table, "category", "package");
        var groups = reader.StringArray(table, "groups", "package");
        var hashes = new List<string>();
        CollectHashes(table["files"], hashes);
        CollectHashes(FindLegacyFiles(legacyFiles, name.Value), hashes);
        return new LockedPackage(name, table.Span)
        {
            Version = reader.String(table, "version", "package"),
            Markers = ReadMarkers(table, reader),
            Groups = groups.Count > 0 ? groups.Select(g => g.Value).ToList()
                : category != null ? new[] { category.Value } : Array.Empty<string>(),
            Optional = reader.Boolean(table, "optional", "package") ?? false,
            Hashes = hashes,
            Source = ReadSource(table, reader),
            DependencyNames = LockedPackage.DependencyNamesOf(table["dependencies"]),
        };
    }

    /// <summary><c>markers</c> is a string, or (Poetry 2, per group) a table of strings; the older format calls it
    /// <c>marker</c>. A per-group table yields its first marker.</summary>
    private static SpannedString? ReadMarkers(TomlTable package, ManifestReader reader)
    {
        if (package.TryGet("markers", out TomlValue markers))
        {
            if (markers is TomlString s) return SpannedString.From(s);
            if (markers is TomlTable perGroup)
            {
                foreach (var entry in perGroup)
                {
                    if (entry.Value is TomlString first) return SpannedString.From(first);
                }
                return null;
            }
            reader.WrongKind(markers, "package.markers", "a marker string or a table of them");
            return null;
        }
        return reader.String(package, "marker", "package");
    }

    private static TomlValue? FindLegacyFiles(TomlTable? legacyFiles, string name)
    {
        if (legacyFiles == null) return null;
        if (legacyFiles.TryGet(name, out TomlValue exact)) return exact;
        string normalized = ManifestNames.Normalize(name);
        foreach (var entry in legacyFiles)
        {
            if (ManifestNames.Normalize(entry.Key) == normalized) return entry.Value;
        }
        return null;
    }

    /// <summary>The hashes of a <c>files</c> list (<c>{file = "...", hash = "sha256:..."}</c> entries).</summary>
    private static void CollectHashes(TomlValue? files, List<string> into)
    {
        if (files is not TomlArray array) return;
        foreach (var file in array)
        {
            if (file is TomlTable f && f.GetString("hash") is { Length: > 0 } hash) into.Add(hash);
        }
    }

    /// <summary><c>[package.source]</c>: type ("git", "directory", "file", "url", "legacy"), url and reference.</summary>
    private static LockedSource? ReadSource(TomlTable package, ManifestReader reader)
    {
        var source = reader.Table(package, "source", "package");
        if (source == null) return null;
        string kind = source.GetString("type") ?? "unknown";
        string? reference = source.GetString("resolved_reference") ?? source.GetString("reference");
        return new LockedSource(kind, source.GetString("url"), string.IsNullOrEmpty(reference) ? null : reference, source.HeaderSpan ?? source.Span);
    }
}
