using PyDockerLsp.Core.Python.Toml;
using PyDockerLsp.Core.Text;

namespace PyDockerLsp.Core.Python.Manifests;

/// <summary>Where a locked package comes from: the kind as the lock file names it ("registry", "git", "path",
/// "directory", "editable", "virtual", "url", "file", "legacy", ...) and its URL or path.</summary>
public sealed record LockedSource(string Kind, string? Url, string? Reference, TextSpan Span)
{
    /// <summary>The project itself or a workspace member rather than something downloaded.</summary>
    public bool IsLocalProject => Kind is "editable" or "virtual" or "directory" or "path";
}

/// <summary>One package pinned by a lock file (poetry.lock, uv.lock, Pipfile.lock).</summary>
public sealed class LockedPackage
{
    internal LockedPackage(SpannedString name, TextSpan span)
    {
        Name = name;
        NormalizedName = ManifestNames.Normalize(name.Value);
        Span = span;
    }

    public SpannedString Name { get; }

    /// <summary>PEP 503 normalised name, for matching against requirements.</summary>
    public string NormalizedName { get; }

    /// <summary>The package's entry (a <c>[[package]]</c> table, or the JSON object of Pipfile.lock).</summary>
    public TextSpan Span { get; }

    /// <summary>The pinned version as the lock file writes it ("2.31.0"; Pipfile.lock writes "==2.31.0").</summary>
    public SpannedString? Version { get; internal init; }

    /// <summary>The environment markers under which it is installed (poetry <c>markers</c>/<c>marker</c>,
    /// Pipfile.lock <c>markers</c>).</summary>
    public SpannedString? Markers { get; internal init; }

    /// <summary>uv's <c>resolution-markers</c>: the forks of the resolution this entry belongs to.</summary>
    public IReadOnlyList<SpannedString> ResolutionMarkers { get; internal init; } = Array.Empty<SpannedString>();

    /// <summary>Dependency groups it belongs to (poetry 2 <c>groups</c>; older poetry's <c>category</c> as one group;
    /// Pipfile.lock "default" or "develop").</summary>
    public IReadOnlyList<string> Groups { get; internal init; } = Array.Empty<string>();

    public bool Optional { get; internal init; }

    /// <summary>The artifact hashes the lock records for it ("sha256:..."; for uv the sdist's then the wheels'),
    /// in file order.</summary>
    public IReadOnlyList<string> Hashes { get; internal init; } = Array.Empty<string>();

    public int HashCount => Hashes.Count;
    public bool HasHashes => Hashes.Count > 0;

    public LockedSource? Source { get; internal init; }

    /// <summary>Names of the packages it depends on, as written.</summary>
    public IReadOnlyList<string> DependencyNames { get; internal init; } = Array.Empty<string>();

    public override string ToString() => Version == null ? Name.Value : $"{Name.Value} {Version.Value}";

    /// <summary>Reads <c>[[package]]</c> elements; an element without a string <c>name</c> is reported and skipped.</summary>
    internal static List<(LockedPackage Package, TomlTable Table)> ReadPackageArray(TomlTable root, ManifestReader reader,
        Func<SpannedString, TomlTable, LockedPackage> create)
    {
        var result = new List<(LockedPackage, TomlTable)>();
        var packages = reader.Array(root, "package", "");
        if (packages == null) return result;
        foreach (var item in packages)
        {
            if (item is not TomlTable table)
            {
                reader.WrongKind(item, "package", "a list of tables");
                continue;
            }
            var name = reader.String(table, "name", "package");
            if (name == null)
            {
                if (!table.ContainsKey("name")) reader.Error(table.HeaderSpan ?? table.Span, "A locked package needs a 'name'.");
                continue;
            }
            result.Add((create(name, table), table));
        }
        return result;
    }

    /// <summary>Names of a dependency list written as tables with a <c>name</c> (uv) or as a table keyed by
    /// name (poetry).</summary>
    internal static IReadOnlyList<string> DependencyNamesOf(TomlValue? dependencies)
    {
        switch (dependencies)
        {
            case TomlArray array:
                var names = new List<string>(array.Count);
                foreach (var item in array)
                {
                    if (item is TomlTable t && t.GetString("name") is { } name) names.Add(name);
                }
                return names;
            case TomlTable table:
                return table.Keys.ToList();
            default:
                return Array.Empty<string>();
        }
    }
}
