using PyDockerLsp.Core.Python.Toml;
using PyDockerLsp.Core.Text;

namespace PyDockerLsp.Core.Python.Manifests;

/// <summary>
/// pyproject.toml: the PEP 621 <c>[project]</c> table, PEP 735 <c>[dependency-groups]</c>, <c>[build-system]</c>,
/// Poetry's and uv's tool tables, and this product's own <c>[tool.pydocker]</c>. Requirement strings are kept
/// raw with their spans. Every section is optional; <see cref="Errors"/> holds TOML syntax errors and values
/// of the wrong shape.
/// </summary>
public sealed class PyProjectFile
{
    private PyProjectFile(TomlDocument toml, IReadOnlyList<ManifestError> errors, ProjectTable? project,
        DependencyGroups dependencyGroups, BuildSystemTable? buildSystem, PoetryTable? poetry, UvTable? uv, TomlTable? pyDocker)
    {
        Toml = toml;
        Errors = errors;
        Project = project;
        DependencyGroups = dependencyGroups;
        BuildSystem = buildSystem;
        Poetry = poetry;
        Uv = uv;
        PyDocker = pyDocker;
    }

    /// <summary>The whole document, for anything the model does not cover.</summary>
    public TomlDocument Toml { get; }

    public IReadOnlyList<ManifestError> Errors { get; }

    /// <summary><c>[project]</c> (PEP 621), or null when absent.</summary>
    public ProjectTable? Project { get; }

    /// <summary><c>[dependency-groups]</c> (PEP 735) with includes resolved; empty when absent.</summary>
    public DependencyGroups DependencyGroups { get; }

    public BuildSystemTable? BuildSystem { get; }

    /// <summary><c>[tool.poetry]</c>, or null.</summary>
    public PoetryTable? Poetry { get; }

    /// <summary><c>[tool.uv]</c>, or null.</summary>
    public UvTable? Uv { get; }

    /// <summary><c>[tool.pydocker]</c> as written (the rule engine reads <c>select</c>, <c>ignore</c>,
    /// <c>severity</c>, <c>context</c> from it), or null.</summary>
    public TomlTable? PyDocker { get; }

    /// <summary>Where to point at the <c>[tool.pydocker]</c> configuration: its header, or where it is written.</summary>
    public TextSpan? PyDockerSpan => PyDocker == null ? null : PyDocker.HeaderSpan ?? PyDocker.Span;

    public static PyProjectFile Parse(string text)
    {
        var toml = TomlParser.Parse(text);
        var reader = new ManifestReader();
        reader.AddTomlErrors(toml);
        var root = toml.Root;

        var projectTable = reader.Table(root, "project", "");
        var project = projectTable == null ? null : ProjectTable.Read(projectTable, reader);
        var groupsTable = reader.Table(root, "dependency-groups", "");
        var groups = DependencyGroups.Read(groupsTable, reader);
        var buildTable = reader.Table(root, "build-system", "");
        var buildSystem = buildTable == null ? null : BuildSystemTable.Read(buildTable, reader);

        var tool = reader.Table(root, "tool", "");
        PoetryTable? poetry = null;
        UvTable? uv = null;
        TomlTable? pyDocker = null;
        if (tool != null)
        {
            var poetryTable = reader.Table(tool, "poetry", "tool");
            if (poetryTable != null) poetry = PoetryTable.Read(poetryTable, reader);
            var uvTable = reader.Table(tool, "uv", "tool");
            if (uvTable != null) uv = UvTable.Read(uvTable, reader);
            pyDocker = reader.Table(tool, "pydocker", "tool");
        }
        return new PyProjectFile(toml, reader.Errors, project, groups, buildSystem, poetry, uv, pyDocker);
    }
}

/// <summary>The PEP 621 <c>[project]</c> table (the parts a Docker build cares about).</summary>
public sealed class ProjectTable
{
    internal ProjectTable(TomlTable table) => Table = table;

    public TomlTable Table { get; }
    public TextSpan Span => Table.Span;
    public TextSpan? HeaderSpan => Table.HeaderSpan;

    public SpannedString? Name { get; private init; }
    public SpannedString? Version { get; private init; }

    /// <summary>The PEP 440 specifier set of supported Pythons, as written.</summary>
    public SpannedString? RequiresPython { get; private init; }

    /// <summary>PEP 508 requirement strings, raw.</summary>
    public IReadOnlyList<SpannedString> Dependencies { get; private init; } = Array.Empty<SpannedString>();

    /// <summary>The span of the <c>dependencies</c> array (to point at the list as a whole), or null.</summary>
    public TextSpan? DependenciesSpan { get; private init; }

    /// <summary>Extras: name → requirement strings, in document order.</summary>
    public IReadOnlyList<OptionalDependencyGroup> OptionalDependencies { get; private init; } = Array.Empty<OptionalDependencyGroup>();

    /// <summary><c>[project.scripts]</c>: console commands → "module:attr".</summary>
    public IReadOnlyList<ScriptEntry> Scripts { get; private init; } = Array.Empty<ScriptEntry>();

    public IReadOnlyList<ScriptEntry> GuiScripts { get; private init; } = Array.Empty<ScriptEntry>();

    public ProjectReadme? Readme { get; private init; }

    public IReadOnlyList<SpannedString> LicenseFiles { get; private init; } = Array.Empty<SpannedString>();

    /// <summary>Fields a build backend fills in (PEP 621 <c>dynamic</c>), e.g. "version" or "dependencies".</summary>
    public IReadOnlyList<SpannedString> Dynamic { get; private init; } = Array.Empty<SpannedString>();

    public bool IsDynamic(string field)
    {
        foreach (var entry in Dynamic)
        {
            if (entry.Value == field) return true;
        }
        return false;
    }

    internal static ProjectTable Read(TomlTable table, ManifestReader reader)
    {
        const string where = "project";
        return new ProjectTable(table)
        {
            Name = reader.String(table, "name", where),
            Version = reader.String(table, "version", where),
            RequiresPython = reader.String(table, "requires-python", where),
            Dependencies = reader.StringArray(table, "dependencies", where),
            DependenciesSpan = table.TryGet("dependencies", out TomlArray deps) ? deps.Span : null,
            OptionalDependencies = ReadOptionalDependencies(table, reader),
            Scripts = ScriptEntry.ReadTable(reader.Table(table, "scripts", where), "project.scripts", reader),
            GuiScripts = ScriptEntry.ReadTable(reader.Table(table, "gui-scripts", where), "project.gui-scripts", reader),
            Readme = ProjectReadme.Read(table, reader),
            LicenseFiles = reader.StringArray(table, "license-files", where),
            Dynamic = reader.StringArray(table, "dynamic", where),
        };
    }

    private static IReadOnlyList<OptionalDependencyGroup> ReadOptionalDependencies(TomlTable table, ManifestReader reader)
    {
        var extras = reader.Table(table, "optional-dependencies", "project");
        if (extras == null) return Array.Empty<OptionalDependencyGroup>();
        var result = new List<OptionalDependencyGroup>(extras.Count);
        foreach (var entry in extras)
        {
            if (entry.Value is not TomlArray array)
            {
                reader.WrongKind(entry.Value, $"project.optional-dependencies.{entry.Key}", "an array of requirement strings");
                continue;
            }
            result.Add(new OptionalDependencyGroup(new SpannedName(entry.Key, entry.KeySpan), array.Span,
                reader.Strings(array, $"project.optional-dependencies.{entry.Key}")));
        }
        return result;
    }
}

/// <summary>One extra of <c>[project.optional-dependencies]</c>.</summary>
public sealed record OptionalDependencyGroup(SpannedName Name, TextSpan Span, IReadOnlyList<SpannedString> Dependencies);

/// <summary>A console script: the command name and its "module:attr" (or "module:attr [extras]") target.</summary>
public sealed record ScriptEntry(SpannedName Name, SpannedString Target)
{
    /// <summary>The module part of the target ("pkg.cli" in "pkg.cli:main").</summary>
    public string Module => Split().Module;

    /// <summary>The attribute after ':' ("main"), or null when the target names only a module.</summary>
    public string? Attribute => Split().Attribute;

    private (string Module, string? Attribute) Split()
    {
        string target = Target.Value;
        int extras = target.IndexOf('[');
        if (extras >= 0) target = target[..extras];
        int colon = target.IndexOf(':');
        return colon < 0 ? (target.Trim(), null) : (target[..colon].Trim(), target[(colon + 1)..].Trim());
    }

    internal static IReadOnlyList<ScriptEntry> ReadTable(TomlTable? table, string where, ManifestReader reader)
    {
        if (table == null) return Array.Empty<ScriptEntry>();
        var result = new List<ScriptEntry>(table.Count);
        foreach (var entry in table)
        {
            if (entry.Value is TomlString target)
                result.Add(new ScriptEntry(new SpannedName(entry.Key, entry.KeySpan), SpannedString.From(target)));
            else
                reader.WrongKind(entry.Value, $"{where}.{entry.Key}", "a \"module:function\" string");
        }
        return result;
    }
}

/// <summary><c>readme</c>: a file path, or a table with <c>file</c> or <c>text</c> and a content type.</summary>
public sealed record ProjectReadme(TextSpan Span, SpannedString? File, SpannedString? Text, SpannedString? ContentType)
{
    internal static ProjectReadme? Read(TomlTable project, ManifestReader reader)
    {
        if (!project.TryGet("readme", out TomlValue value)) return null;
        switch (value)
        {
            case TomlString path:
                return new ProjectReadme(path.Span, SpannedString.From(path), null, null);
            case TomlTable table:
                var readme = new ProjectReadme(table.Span,
                    reader.String(table, "file", "project.readme"),
                    reader.String(table, "text", "project.readme"),
                    reader.String(table, "content-type", "project.readme"));
                if (readme.File != null && readme.Text != null)
                    reader.Error(table.Span, "'project.readme' takes either 'file' or 'text', not both.");
                return readme;
            default:
                reader.WrongKind(value, "project.readme", "a file path or a table");
                return null;
        }
    }
}

/// <summary><c>[build-system]</c> (PEP 517/518).</summary>
public sealed class BuildSystemTable
{
    internal BuildSystemTable(TomlTable table) => Table = table;

    public TomlTable Table { get; }
    public TextSpan Span => Table.Span;

    /// <summary>Requirement strings needed to build, raw.</summary>
    public IReadOnlyList<SpannedString> Requires { get; private init; } = Array.Empty<SpannedString>();

    /// <summary>The backend object, e.g. "hatchling.build" or "poetry.core.masonry.api".</summary>
    public SpannedString? BuildBackend { get; private init; }

    public IReadOnlyList<SpannedString> BackendPath { get; private init; } = Array.Empty<SpannedString>();

    internal static BuildSystemTable Read(TomlTable table, ManifestReader reader) => new(table)
    {
        Requires = reader.StringArray(table, "requires", "build-system"),
        BuildBackend = reader.String(table, "build-backend", "build-system"),
        BackendPath = reader.StringArray(table, "backend-path", "build-system"),
    };
}
