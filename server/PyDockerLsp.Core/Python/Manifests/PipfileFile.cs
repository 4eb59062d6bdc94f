using PyDockerLsp.Core.Python.Toml;
using PyDockerLsp.Core.Text;

namespace PyDockerLsp.Core.Python.Manifests;

/// <summary>Pipfile (TOML): <c>[packages]</c>, <c>[dev-packages]</c>, <c>[requires]</c> and <c>[[source]]</c>.</summary>
public sealed class PipfileFile
{
    private PipfileFile(TomlDocument toml, IReadOnlyList<ManifestError> errors)
    {
        Toml = toml;
        Errors = errors;
    }

    public TomlDocument Toml { get; }
    public IReadOnlyList<ManifestError> Errors { get; }

    public IReadOnlyList<PipfilePackage> Packages { get; private init; } = Array.Empty<PipfilePackage>();
    public IReadOnlyList<PipfilePackage> DevPackages { get; private init; } = Array.Empty<PipfilePackage>();

    /// <summary><c>[requires] python_version</c> ("3.11").</summary>
    public SpannedString? PythonVersion { get; private init; }

    /// <summary><c>[requires] python_full_version</c> ("3.11.4").</summary>
    public SpannedString? PythonFullVersion { get; private init; }

    public IReadOnlyList<PipfileSource> Sources { get; private init; } = Array.Empty<PipfileSource>();

    public static PipfileFile Parse(string text)
    {
        var toml = TomlParser.Parse(text);
        var reader = new ManifestReader();
        reader.AddTomlErrors(toml);
        var root = toml.Root;
        var requires = reader.Table(root, "requires", "");
        return new PipfileFile(toml, reader.Errors)
        {
            Packages = PipfilePackage.ReadAll(reader.Table(root, "packages", ""), "packages", reader),
            DevPackages = PipfilePackage.ReadAll(reader.Table(root, "dev-packages", ""), "dev-packages", reader),
            PythonVersion = requires == null ? null : reader.String(requires, "python_version", "requires"),
            PythonFullVersion = requires == null ? null : reader.String(requires, "python_full_version", "requires"),
            Sources = ReadSources(root, reader),
        };
    }

    private static IReadOnlyList<PipfileSource> ReadSources(TomlTable root, ManifestReader reader)
    {
        var sources = reader.Array(root, "source", "");
        if (sources == null) return Array.Empty<PipfileSource>();
        var result = new List<PipfileSource>(sources.Count);
        foreach (var item in sources)
        {
            if (item is TomlTable table)
                result.Add(new PipfileSource(table.Span, reader.String(table, "name", "source"), reader.String(table, "url", "source"),
                    reader.Boolean(table, "verify_ssl", "source") ?? true));
            else
                reader.WrongKind(item, "source", "a list of tables");
        }
        return result;
    }
}

/// <summary>A package index of a Pipfile or Pipfile.lock.</summary>
public sealed record PipfileSource(TextSpan Span, SpannedString? Name, SpannedString? Url, bool VerifySsl);

/// <summary>A Pipfile package: <c>name = "*"</c>, <c>name = "&gt;=1.0"</c>, or a table with version, extras, markers,
/// git, path, editable, index.</summary>
public sealed class PipfilePackage
{
    internal PipfilePackage(SpannedName name, TextSpan span)
    {
        Name = name;
        NormalizedName = ManifestNames.Normalize(name.Name);
        Span = span;
    }

    public SpannedName Name { get; }
    public string NormalizedName { get; }
    public TextSpan Span { get; }

    /// <summary>"*" for any version, or a PEP 440 specifier set.</summary>
    public SpannedString? Version { get; private init; }

    public IReadOnlyList<SpannedString> Extras { get; private init; } = Array.Empty<SpannedString>();
    public SpannedString? Markers { get; private init; }
    public SpannedString? Git { get; private init; }
    public SpannedString? Ref { get; private init; }
    public SpannedString? Path { get; private init; }
    public SpannedString? File { get; private init; }
    public bool Editable { get; private init; }
    public SpannedString? Index { get; private init; }

    internal static IReadOnlyList<PipfilePackage> ReadAll(TomlTable? table, string where, ManifestReader reader)
    {
        if (table == null) return Array.Empty<PipfilePackage>();
        var result = new List<PipfilePackage>(table.Count);
        foreach (var entry in table)
        {
            var name = new SpannedName(entry.Key, entry.KeySpan);
            string at = $"{where}.{entry.Key}";
            switch (entry.Value)
            {
                case TomlString version:
                    result.Add(new PipfilePackage(name, version.Span) { Version = SpannedString.From(version) });
                    break;
                case TomlTable details:
                    result.Add(new PipfilePackage(name, details.Span)
                    {
                        Version = reader.String(details, "version", at),
                        Extras = reader.StringArray(details, "extras", at),
                        Markers = reader.String(details, "markers", at),
                        Git = reader.String(details, "git", at),
                        Ref = reader.String(details, "ref", at),
                        Path = reader.String(details, "path", at),
                        File = reader.String(details, "file", at),
                        Editable = reader.Boolean(details, "editable", at) ?? false,
                        Index = reader.String(details, "index", at),
                    });
                    break;
                default:
                    reader.WrongKind(entry.Value, at, "a version string (\"*\" for any) or a table");
                    break;
            }
        }
        return result;
    }
}
