using PyDockerLsp.Core.Python.Toml;
using PyDockerLsp.Core.Text;

namespace PyDockerLsp.Core.Python.Manifests;

/// <summary><c>[tool.poetry]</c>: Poetry's own project description (Poetry 1.x, and the parts Poetry 2 still
/// reads there). Dependency constraints stay in Poetry's syntax; <see cref="PoetryConstraint"/> turns them into
/// PEP 440.</summary>
public sealed class PoetryTable
{
    internal PoetryTable(TomlTable table) => Table = table;

    public TomlTable Table { get; }
    public TextSpan Span => Table.Span;
    public TextSpan? HeaderSpan => Table.HeaderSpan;

    public SpannedString? Name { get; private init; }
    public SpannedString? Version { get; private init; }

    /// <summary><c>package-mode</c>: false when Poetry only manages dependencies and installs no project.</summary>
    public bool? PackageMode { get; private init; }

    /// <summary>The <c>python</c> entry of <c>[tool.poetry.dependencies]</c> in Poetry's syntax (e.g. "^3.11").</summary>
    public SpannedString? PythonConstraint { get; private init; }

    /// <summary>The main dependencies (without <c>python</c>).</summary>
    public IReadOnlyList<PoetryDependency> Dependencies { get; private init; } = Array.Empty<PoetryDependency>();

    /// <summary><c>[tool.poetry.group.&lt;name&gt;]</c> groups in document order.</summary>
    public IReadOnlyList<PoetryGroup> Groups { get; private init; } = Array.Empty<PoetryGroup>();

    /// <summary>The legacy <c>[tool.poetry.dev-dependencies]</c> (Poetry &lt; 1.2; newer Poetry reads it as group "dev").</summary>
    public IReadOnlyList<PoetryDependency> DevDependencies { get; private init; } = Array.Empty<PoetryDependency>();

    public TextSpan? DevDependenciesSpan { get; private init; }

    public IReadOnlyList<ScriptEntry> Scripts { get; private init; } = Array.Empty<ScriptEntry>();

    /// <summary><c>packages = [{ include = "pkg", from = "src" }]</c>.</summary>
    public IReadOnlyList<PoetryPackageInclude> Packages { get; private init; } = Array.Empty<PoetryPackageInclude>();

    /// <summary><c>[[tool.poetry.source]]</c> package indexes.</summary>
    public IReadOnlyList<PoetrySource> Sources { get; private init; } = Array.Empty<PoetrySource>();

    internal static PoetryTable Read(TomlTable table, ManifestReader reader)
    {
        const string where = "tool.poetry";
        var dependencies = new List<PoetryDependency>();
        SpannedString? python = null;
        var dependencyTable = reader.Table(table, "dependencies", where);
        if (dependencyTable != null)
        {
            python = reader.String(dependencyTable, "python", where + ".dependencies");
            PoetryDependency.ReadTable(dependencyTable, where + ".dependencies", dependencies, reader);
        }
        var devDependencies = new List<PoetryDependency>();
        var devTable = reader.Table(table, "dev-dependencies", where);
        if (devTable != null) PoetryDependency.ReadTable(devTable, where + ".dev-dependencies", devDependencies, reader);

        return new PoetryTable(table)
        {
            Name = reader.String(table, "name", where),
            Version = reader.String(table, "version", where),
            PackageMode = reader.Boolean(table, "package-mode", where),
            PythonConstraint = python,
            Dependencies = dependencies,
            Groups = PoetryGroup.ReadAll(reader.Table(table, "group", where), reader),
            DevDependencies = devDependencies,
            DevDependenciesSpan = devTable?.HeaderSpan ?? devTable?.Span,
            Scripts = ReadScripts(reader.Table(table, "scripts", where), reader),
            Packages = PoetryPackageInclude.ReadAll(table, reader),
            Sources = PoetrySource.ReadAll(table, reader),
        };
    }

    /// <summary>Poetry scripts are "module:attr" strings, or tables naming a <c>callable</c> (or a
    /// <c>reference</c> for file scripts).</summary>
    private static IReadOnlyList<ScriptEntry> ReadScripts(TomlTable? scripts, ManifestReader reader)
    {
        if (scripts == null) return Array.Empty<ScriptEntry>();
        var result = new List<ScriptEntry>(scripts.Count);
        foreach (var entry in scripts)
        {
            var name = new SpannedName(entry.Key, entry.KeySpan);
            switch (entry.Value)
            {
                case TomlString target:
                    result.Add(new ScriptEntry(name, SpannedString.From(target)));
                    break;
                case TomlTable table when table.TryGet("callable", out TomlString callable):
                    result.Add(new ScriptEntry(name, SpannedString.From(callable)));
                    break;
                case TomlTable table when table.TryGet("reference", out TomlString reference):
                    result.Add(new ScriptEntry(name, SpannedString.From(reference)));
                    break;
                default:
                    reader.WrongKind(entry.Value, $"tool.poetry.scripts.{entry.Key}", "a \"module:function\" string or a table with 'callable'");
                    break;
            }
        }
        return result;
    }
}

/// <summary>Where a Poetry dependency comes from.</summary>
public enum PoetryDependencyKind
{
    /// <summary>A version constraint resolved against package indexes.</summary>
    Registry,
    Git,
    Path,
    Url,
}

/// <summary>
/// One Poetry dependency: <c>name = "constraint"</c>, or a table with version, extras, markers, source....
/// A dependency written as a list of tables (different constraints per Python or platform) appears once per
/// table, all with the same name.
/// </summary>
public sealed class PoetryDependency
{
    internal PoetryDependency(SpannedName name, TextSpan span)
    {
        Name = name;
        NormalizedName = ManifestNames.Normalize(name.Name);
        Span = span;
    }

    public SpannedName Name { get; }
    public string NormalizedName { get; }

    /// <summary>The value (string or table).</summary>
    public TextSpan Span { get; }

    /// <summary>The constraint in Poetry's syntax ("^2.1", "*", ">=1.0,<2.0"), when one is given.</summary>
    public SpannedString? Version { get; private init; }

    public IReadOnlyList<SpannedString> Extras { get; private init; } = Array.Empty<SpannedString>();
    public bool Optional { get; private init; }
    public bool AllowPrereleases { get; private init; }

    /// <summary>A PEP 508 environment-marker expression restricting where it is installed.</summary>
    public SpannedString? Markers { get; private init; }

    /// <summary>A Python constraint (Poetry syntax) restricting where it is installed.</summary>
    public SpannedString? Python { get; private init; }

    public SpannedString? Platform { get; private init; }
    public SpannedString? Path { get; private init; }
    public bool Develop { get; private init; }
    public SpannedString? Git { get; private init; }
    public SpannedString? Branch { get; private init; }
    public SpannedString? Tag { get; private init; }
    public SpannedString? Rev { get; private init; }
    public SpannedString? Subdirectory { get; private init; }
    public SpannedString? Url { get; private init; }

    /// <summary>The name of a <c>[[tool.poetry.source]]</c> to install from.</summary>
    public SpannedString? Source { get; private init; }

    public PoetryDependencyKind Kind =>
        Git != null ? PoetryDependencyKind.Git
        : Path != null ? PoetryDependencyKind.Path
        : Url != null ? PoetryDependencyKind.Url
        : PoetryDependencyKind.Registry;

    /// <summary>Reads every entry except <c>python</c> of a dependencies table into <paramref name="into"/>.</summary>
    internal static void ReadTable(TomlTable table, string where, List<PoetryDependency> into, ManifestReader reader)
    {
        foreach (var entry in table)
        {
            if (entry.Key == "python") continue;
            var name = new SpannedName(entry.Key, entry.KeySpan);
            switch (entry.Value)
            {
                case TomlString constraint:
                    into.Add(new PoetryDependency(name, constraint.Span) { Version = SpannedString.From(constraint) });
                    break;
                case TomlTable details:
                    into.Add(FromTable(name, details, $"{where}.{entry.Key}", reader));
                    break;
                case TomlArray alternatives:
                    foreach (var item in alternatives)
                    {
                        if (item is TomlTable alternative) into.Add(FromTable(name, alternative, $"{where}.{entry.Key}", reader));
                        else reader.WrongKind(item, $"{where}.{entry.Key}", "a list of dependency tables");
                    }
                    break;
                default:
                    reader.WrongKind(entry.Value, $"{where}.{entry.Key}", "a version constraint string or a table");
                    break;
            }
        }
    }

    private static PoetryDependency FromTable(SpannedName name, TomlTable table, string where, ManifestReader reader)
    {
        var dependency = new PoetryDependency(name, table.Span)
        {
            Version = reader.String(table, "version", where),
            Extras = reader.StringArray(table, "extras", where),
            Optional = reader.Boolean(table, "optional", where) ?? false,
            AllowPrereleases = reader.Boolean(table, "allow-prereleases", where) ?? false,
            Markers = reader.String(table, "markers", where),
            Python = reader.String(table, "python", where),
            Platform = reader.String(table, "platform", where),
            Path = reader.String(table, "path", where),
            Develop = reader.Boolean(table, "develop", where) ?? false,
            Git = reader.String(table, "git", where),
            Branch = reader.String(table, "branch", where),
            Tag = reader.String(table, "tag", where),
            Rev = reader.String(table, "rev", where),
            Subdirectory = reader.String(table, "subdirectory", where),
            Url = reader.String(table, "url", where),
            Source = reader.String(table, "source", where),
        };
        int origins = (dependency.Git != null ? 1 : 0) + (dependency.Path != null ? 1 : 0) + (dependency.Url != null ? 1 : 0);
        if (origins > 1)
            reader.Error(table.Span, $"'{where}' names more than one of 'git', 'path' and 'url'; a dependency comes from one place.");
        return dependency;
    }
}

/// <summary>A <c>[tool.poetry.group.&lt;name&gt;]</c> dependency group.</summary>
public sealed record PoetryGroup(SpannedName Name, TextSpan Span, bool Optional, IReadOnlyList<PoetryDependency> Dependencies)
{
    internal static IReadOnlyList<PoetryGroup> ReadAll(TomlTable? groups, ManifestReader reader)
    {
        if (groups == null) return Array.Empty<PoetryGroup>();
        var result = new List<PoetryGroup>(groups.Count);
        foreach (var entry in groups)
        {
            string where = $"tool.poetry.group.{entry.Key}";
            if (entry.Value is not TomlTable group)
            {
                reader.WrongKind(entry.Value, where, "a table");
                continue;
            }
            var dependencies = new List<PoetryDependency>();
            var table = reader.Table(group, "dependencies", where);
            if (table != null) PoetryDependency.ReadTable(table, where + ".dependencies", dependencies, reader);
            result.Add(new PoetryGroup(new SpannedName(entry.Key, entry.KeySpan), group.HeaderSpan ?? table?.HeaderSpan ?? group.Span,
                reader.Boolean(group, "optional", where) ?? false, dependencies));
        }
        return result;
    }
}

/// <summary>An entry of <c>packages</c>: which package directory goes into the distribution.</summary>
public sealed record PoetryPackageInclude(TextSpan Span, SpannedString Include, SpannedString? From, IReadOnlyList<SpannedString> Format)
{
    internal static IReadOnlyList<PoetryPackageInclude> ReadAll(TomlTable poetry, ManifestReader reader)
    {
        var packages = reader.Array(poetry, "packages", "tool.poetry");
        if (packages == null) return Array.Empty<PoetryPackageInclude>();
        var result = new List<PoetryPackageInclude>(packages.Count);
        foreach (var item in packages)
        {
            if (item is not TomlTable table)
            {
                reader.WrongKind(item, "tool.poetry.packages", "a list of tables like { include = \"pkg\" }");
                continue;
            }
            var include = reader.String(table, "include", "tool.poetry.packages");
            if (include == null)
            {
                reader.Error(table.Span, "A 'tool.poetry.packages' entry needs 'include'.");
                continue;
            }
            result.Add(new PoetryPackageInclude(table.Span, include, reader.String(table, "from", "tool.poetry.packages"),
                reader.StringOrStrings(table, "format", "tool.poetry.packages")));
        }
        return result;
    }
}

/// <summary>A <c>[[tool.poetry.source]]</c> package index.</summary>
public sealed record PoetrySource(TextSpan Span, SpannedString? Name, SpannedString? Url, SpannedString? Priority)
{
    internal static IReadOnlyList<PoetrySource> ReadAll(TomlTable poetry, ManifestReader reader)
    {
        var sources = reader.Array(poetry, "source", "tool.poetry");
        if (sources == null) return Array.Empty<PoetrySource>();
        var result = new List<PoetrySource>(sources.Count);
        foreach (var item in sources)
        {
            if (item is TomlTable table)
                result.Add(new PoetrySource(table.Span, reader.String(table, "name", "tool.poetry.source"),
                    reader.String(table, "url", "tool.poetry.source"), reader.String(table, "priority", "tool.poetry.source")));
            else
                reader.WrongKind(item, "tool.poetry.source", "a list of tables");
        }
        return result;
    }
}
