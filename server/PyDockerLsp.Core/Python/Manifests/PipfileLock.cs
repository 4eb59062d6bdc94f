using System.Text.Json;
using PyDockerLsp.Core.Text;

namespace PyDockerLsp.Core.Python.Manifests;

/// <summary>Pipfile.lock (JSON): <c>_meta</c> (the Pipfile's hash, required Python, sources) and the locked
/// <c>default</c> and <c>develop</c> packages with versions, hashes and markers.</summary>
public sealed class PipfileLock
{
    private PipfileLock(IReadOnlyList<ManifestError> errors) => Errors = errors;

    public IReadOnlyList<ManifestError> Errors { get; }

    /// <summary><c>_meta.hash.sha256</c>: the hash of the Pipfile the lock was made from.</summary>
    public SpannedString? Hash { get; private init; }

    public long? PipfileSpec { get; private init; }

    /// <summary><c>_meta.requires.python_version</c> ("3.11").</summary>
    public SpannedString? RequiresPythonVersion { get; private init; }

    /// <summary><c>_meta.requires.python_full_version</c> ("3.11.4").</summary>
    public SpannedString? RequiresPythonFullVersion { get; private init; }

    public IReadOnlyList<PipfileSource> Sources { get; private init; } = Array.Empty<PipfileSource>();

    /// <summary>Runtime packages.</summary>
    public IReadOnlyList<LockedPackage> Default { get; private init; } = Array.Empty<LockedPackage>();

    /// <summary>Development packages.</summary>
    public IReadOnlyList<LockedPackage> Develop { get; private init; } = Array.Empty<LockedPackage>();

    public static PipfileLock Parse(string text)
    {
        var root = SpannedJsonParser.Parse(text, out var syntaxError);
        var errors = new List<ManifestError>();
        if (syntaxError != null)
        {
            errors.Add(syntaxError);
            return new PipfileLock(errors);
        }
        if (root is not JsonSpanObject document)
        {
            errors.Add(new ManifestError(root!.Span, "Pipfile.lock must hold a JSON object."));
            return new PipfileLock(errors);
        }

        var meta = Object(document, "_meta", errors);
        var hash = meta == null ? null : Object(meta, "hash", errors);
        var requires = meta == null ? null : Object(meta, "requires", errors);
        return new PipfileLock(errors)
        {
            Hash = hash == null ? null : String(hash, "sha256", errors),
            PipfileSpec = meta?["pipfile-spec"] is JsonSpanLiteral { Kind: JsonTokenType.Number } spec && long.TryParse(spec.Raw, out long n) ? n : null,
            RequiresPythonVersion = requires == null ? null : String(requires, "python_version", errors),
            RequiresPythonFullVersion = requires == null ? null : String(requires, "python_full_version", errors),
            Sources = meta == null ? Array.Empty<PipfileSource>() : ReadSources(meta, errors),
            Default = ReadPackages(document, "default", errors),
            Develop = ReadPackages(document, "develop", errors),
        };
    }

    private static IReadOnlyList<LockedPackage> ReadPackages(JsonSpanObject document, string section, List<ManifestError> errors)
    {
        var packages = Object(document, section, errors);
        if (packages == null) return Array.Empty<LockedPackage>();
        var result = new List<LockedPackage>(packages.Members.Count);
        foreach (var member in packages.Members)
        {
            if (member.Value is not JsonSpanObject package)
            {
                errors.Add(new ManifestError(member.Value.Span, $"The locked package '{member.Name.Value}' must be a JSON object."));
                continue;
            }
            var hashes = new List<string>();
            if (package["hashes"] is JsonSpanArray hashArray)
            {
                foreach (var item in hashArray.Items)
                {
                    if (item is JsonSpanString hash) hashes.Add(hash.Value.Value);
                }
            }
            result.Add(new LockedPackage(member.Name, package.Span)
            {
                Version = String(package, "version", errors),
                Markers = String(package, "markers", errors),
                Groups = new[] { section },
                Hashes = hashes,
                Source = ReadSource(package),
            });
        }
        return result;
    }

    private static LockedSource? ReadSource(JsonSpanObject package)
    {
        string? Text(string name) => (package[name] as JsonSpanString)?.Value.Value;
        bool editable = package["editable"] is JsonSpanLiteral { Kind: JsonTokenType.True };
        if (Text("git") is { } git) return new LockedSource("git", git, Text("ref"), package.Span);
        if (Text("path") is { } path) return new LockedSource(editable ? "editable" : "path", path, null, package.Span);
        if (Text("file") is { } file) return new LockedSource("url", file, null, package.Span);
        if (Text("index") is { } index) return new LockedSource("index", index, null, package.Span);
        return null;
    }

    private static IReadOnlyList<PipfileSource> ReadSources(JsonSpanObject meta, List<ManifestError> errors)
    {
        if (meta["sources"] is not JsonSpanArray sources) return Array.Empty<PipfileSource>();
        var result = new List<PipfileSource>(sources.Items.Count);
        foreach (var item in sources.Items)
        {
            if (item is not JsonSpanObject source) continue;
            result.Add(new PipfileSource(source.Span, String(source, "name", errors), String(source, "url", errors),
                source["verify_ssl"] is JsonSpanLiteral { Kind: JsonTokenType.False } ? false : true));
        }
        return result;
    }

    private static JsonSpanObject? Object(JsonSpanObject parent, string name, List<ManifestError> errors)
    {
        var value = parent[name];
        if (value == null || value is JsonSpanObject) return value as JsonSpanObject;
        errors.Add(new ManifestError(value.Span, $"'{name}' must be a JSON object."));
        return null;
    }

    private static SpannedString? String(JsonSpanObject parent, string name, List<ManifestError> errors)
    {
        var value = parent[name];
        switch (value)
        {
            case null:
                return null;
            case JsonSpanString s:
                return s.Value;
            default:
                errors.Add(new ManifestError(value.Span, $"'{name}' must be a string."));
                return null;
        }
    }
}
