using PyDockerLsp.Core.Python.Toml;
using PyDockerLsp.Core.Text;

namespace PyDockerLsp.Core.Python.Manifests;

/// <summary><c>[tool.uv]</c>: uv's project settings (the ones that change what a Docker build installs).</summary>
public sealed class UvTable
{
    internal UvTable(TomlTable table) => Table = table;

    public TomlTable Table { get; }
    public TextSpan Span => Table.Span;
    public TextSpan? HeaderSpan => Table.HeaderSpan;

    /// <summary>The legacy <c>dev-dependencies</c> (uv now prefers <c>[dependency-groups]</c> "dev").</summary>
    public IReadOnlyList<SpannedString> DevDependencies { get; private init; } = Array.Empty<SpannedString>();

    /// <summary>A PEP 440 specifier the running uv must satisfy.</summary>
    public SpannedString? RequiredVersion { get; private init; }

    /// <summary>False when the project itself is not built and installed (only its dependencies).</summary>
    public bool? Package { get; private init; }

    public bool? CompileBytecode { get; private init; }
    public SpannedString? LinkMode { get; private init; }

    /// <summary><c>[[tool.uv.index]]</c> package indexes.</summary>
    public IReadOnlyList<UvIndex> Indexes { get; private init; } = Array.Empty<UvIndex>();

    /// <summary><c>[tool.uv.sources]</c>: where particular packages come from.</summary>
    public IReadOnlyList<UvSource> Sources { get; private init; } = Array.Empty<UvSource>();

    public SpannedString? IndexUrl { get; private init; }
    public IReadOnlyList<SpannedString> ExtraIndexUrls { get; private init; } = Array.Empty<SpannedString>();
    public IReadOnlyList<SpannedString> ConstraintDependencies { get; private init; } = Array.Empty<SpannedString>();
    public IReadOnlyList<SpannedString> OverrideDependencies { get; private init; } = Array.Empty<SpannedString>();

    /// <summary><c>default-groups</c>: the dependency groups <c>uv sync</c> installs unless told otherwise
    /// (the single string "all" appears as one entry).</summary>
    public IReadOnlyList<SpannedString> DefaultGroups { get; private init; } = Array.Empty<SpannedString>();

    public IReadOnlyList<SpannedString> WorkspaceMembers { get; private init; } = Array.Empty<SpannedString>();
    public IReadOnlyList<SpannedString> WorkspaceExclude { get; private init; } = Array.Empty<SpannedString>();

    internal static UvTable Read(TomlTable table, ManifestReader reader)
    {
        const string where = "tool.uv";
        var workspace = reader.Table(table, "workspace", where);
        return new UvTable(table)
        {
            DevDependencies = reader.StringArray(table, "dev-dependencies", where),
            RequiredVersion = reader.String(table, "required-version", where),
            Package = reader.Boolean(table, "package", where),
            CompileBytecode = reader.Boolean(table, "compile-bytecode", where),
            LinkMode = reader.String(table, "link-mode", where),
            Indexes = UvIndex.ReadAll(table, reader),
            Sources = UvSource.ReadAll(reader.Table(table, "sources", where), reader),
            IndexUrl = reader.String(table, "index-url", where),
            ExtraIndexUrls = reader.StringOrStrings(table, "extra-index-url", where),
            ConstraintDependencies = reader.StringArray(table, "constraint-dependencies", where),
            OverrideDependencies = reader.StringArray(table, "override-dependencies", where),
            DefaultGroups = reader.StringOrStrings(table, "default-groups", where),
            WorkspaceMembers = workspace == null ? Array.Empty<SpannedString>() : reader.StringArray(workspace, "members", where + ".workspace"),
            WorkspaceExclude = workspace == null ? Array.Empty<SpannedString>() : reader.StringArray(workspace, "exclude", where + ".workspace"),
        };
    }
}

/// <summary>A <c>[[tool.uv.index]]</c> entry.</summary>
public sealed record UvIndex(TextSpan Span, SpannedString? Name, SpannedString? Url, bool Default, bool Explicit)
{
    internal static IReadOnlyList<UvIndex> ReadAll(TomlTable uv, ManifestReader reader)
    {
        var indexes = reader.Array(uv, "index", "tool.uv");
        if (indexes == null) return Array.Empty<UvIndex>();
        var result = new List<UvIndex>(indexes.Count);
        foreach (var item in indexes)
        {
            if (item is not TomlTable table)
            {
                reader.WrongKind(item, "tool.uv.index", "a list of tables");
                continue;
            }
            var index = new UvIndex(table.Span,
                reader.String(table, "name", "tool.uv.index"),
                reader.String(table, "url", "tool.uv.index"),
                reader.Boolean(table, "default", "tool.uv.index") ?? false,
                reader.Boolean(table, "explicit", "tool.uv.index") ?? false);
            if (index.Url == null) reader.Error(table.HeaderSpan ?? table.Span, "A [[tool.uv.index]] entry needs a 'url'.");
            result.Add(index);
        }
        return result;
    }
}

/// <summary>
/// A <c>[tool.uv.sources]</c> entry: a package name and one or more source tables (several when they are
/// chosen by marker). The first table's fields are offered directly.
/// </summary>
public sealed record UvSource(SpannedName Name, TextSpan Span, IReadOnlyList<TomlTable> Tables)
{
    public string NormalizedName => ManifestNames.Normalize(Name.Name);

    private TomlTable? First => Tables.Count > 0 ? Tables[0] : null;

    /// <summary>The name of a <c>[[tool.uv.index]]</c> to take the package from.</summary>
    public string? Index => First?.GetString("index");
    public string? Git => First?.GetString("git");
    public string? Path => First?.GetString("path");
    public string? Url => First?.GetString("url");

    /// <summary>True for a member of the same uv workspace.</summary>
    public bool Workspace => First != null && First.TryGet("workspace", out TomlBoolean b) && b.Value;

    public bool Editable => First != null && First.TryGet("editable", out TomlBoolean b) && b.Value;

    internal static IReadOnlyList<UvSource> ReadAll(TomlTable? sources, ManifestReader reader)
    {
        if (sources == null) return Array.Empty<UvSource>();
        var result = new List<UvSource>(sources.Count);
        foreach (var entry in sources)
        {
            var name = new SpannedName(entry.Key, entry.KeySpan);
            switch (entry.Value)
            {
                case TomlTable table:
                    result.Add(new UvSource(name, table.Span, new[] { table }));
                    break;
                case TomlArray array:
                    var tables = new List<TomlTable>(array.Count);
                    foreach (var item in array)
                    {
                        if (item is TomlTable t) tables.Add(t);
                        else reader.WrongKind(item, $"tool.uv.sources.{entry.Key}", "a list of source tables");
                    }
                    result.Add(new UvSource(name, array.Span, tables));
                    break;
                default:
                    reader.WrongKind(entry.Value, $"tool.uv.sources.{entry.Key}", "a source table such as { index = \"...\" } or { git = \"...\" }");
                    break;
            }
        }
        return result;
    }
}
