using PyDockerLsp.Core.Python.Toml;
using PyDockerLsp.Core.Text;

namespace PyDockerLsp.Core.Python.Manifests;

/// <summary>
/// Reads typed values out of TOML tables for the manifest models and records a <see cref="ManifestError"/>
/// at the offending value when a key holds the wrong kind of value. Missing keys are not errors here; the
/// models decide what is required.
/// </summary>
internal sealed class ManifestReader
{
    public List<ManifestError> Errors { get; } = new();

    public void AddTomlErrors(TomlDocument document)
    {
        foreach (var error in document.Errors) Errors.Add(new ManifestError(error.Span, error.Message));
    }

    public void Error(TextSpan span, string message) => Errors.Add(new ManifestError(span, message));

    public SpannedString? String(TomlTable table, string key, string where)
    {
        if (!table.TryGet(key, out TomlValue value)) return null;
        if (value is TomlString s) return SpannedString.From(s);
        WrongKind(value, $"{where}.{key}", "a string");
        return null;
    }

    public bool? Boolean(TomlTable table, string key, string where)
    {
        if (!table.TryGet(key, out TomlValue value)) return null;
        if (value is TomlBoolean b) return b.Value;
        WrongKind(value, $"{where}.{key}", "true or false");
        return null;
    }

    public long? Integer(TomlTable table, string key, string where)
    {
        if (!table.TryGet(key, out TomlValue value)) return null;
        if (value is TomlInteger i) return i.Value;
        WrongKind(value, $"{where}.{key}", "an integer");
        return null;
    }

    public TomlTable? Table(TomlTable table, string key, string where)
    {
        if (!table.TryGet(key, out TomlValue value)) return null;
        if (value is TomlTable t) return t;
        WrongKind(value, $"{where}.{key}", "a table");
        return null;
    }

    public TomlArray? Array(TomlTable table, string key, string where)
    {
        if (!table.TryGet(key, out TomlValue value)) return null;
        if (value is TomlArray a) return a;
        WrongKind(value, $"{where}.{key}", "an array");
        return null;
    }

    /// <summary>An array of strings; elements of another kind are reported and skipped.</summary>
    public IReadOnlyList<SpannedString> StringArray(TomlTable table, string key, string where)
    {
        if (!table.TryGet(key, out TomlValue value)) return System.Array.Empty<SpannedString>();
        if (value is not TomlArray array)
        {
            WrongKind(value, $"{where}.{key}", "an array of strings");
            return System.Array.Empty<SpannedString>();
        }
        return Strings(array, $"{where}.{key}");
    }

    public IReadOnlyList<SpannedString> Strings(TomlArray array, string where)
    {
        var result = new List<SpannedString>(array.Count);
        foreach (var item in array)
        {
            if (item is TomlString s) result.Add(SpannedString.From(s));
            else WrongKind(item, where, "strings only");
        }
        return result;
    }

    /// <summary>A string or an array of strings (several manifest keys accept both).</summary>
    public IReadOnlyList<SpannedString> StringOrStrings(TomlTable table, string key, string where)
    {
        if (!table.TryGet(key, out TomlValue value)) return System.Array.Empty<SpannedString>();
        if (value is TomlString s) return new[] { SpannedString.From(s) };
        if (value is TomlArray array) return Strings(array, $"{where}.{key}");
        WrongKind(value, $"{where}.{key}", "a string or an array of strings");
        return System.Array.Empty<SpannedString>();
    }

    public void WrongKind(TomlValue value, string where, string expected) =>
        Error(value.Span, $"'{where}' must be {expected}, not {value.KindDescription}.");
}

/// <summary>Python package and group names compare after PEP 503 normalisation: lower case, and every run of
/// '-', '_' and '.' read as one '-'.</summary>
internal static class ManifestNames
{
    public static string Normalize(string name)
    {
        var buffer = new System.Text.StringBuilder(name.Length);
        bool inSeparatorRun = false;
        foreach (char c in name)
        {
            if (c == '-' || c == '_' || c == '.')
            {
                if (!inSeparatorRun) buffer.Append('-');
                inSeparatorRun = true;
                continue;
            }
            inSeparatorRun = false;
            buffer.Append(char.ToLowerInvariant(c));
        }
        return buffer.ToString();
    }
}
