using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using PyDockerLsp.Core.Python.Toml;
using PyDockerLsp.Core.Tests.Support;

namespace PyDockerLsp.Core.Tests.Toml;

/// <summary>
/// The toml-test suite (TOML 1.0.0 file list) read from ../shared/conformance/toml-test: decoding a case as
/// a TOML file is decoded (raw bytes, strict UTF-8), turning a parse into toml-test's tagged JSON, and
/// comparing that JSON the way the upstream runner does.
/// </summary>
internal static class TomlTestSuite
{
    public static string Root => TestPaths.Conformance("toml-test", "tests");

    private static readonly Lazy<string[]> FileList = new(() =>
        File.ReadAllLines(TestPaths.Conformance("toml-test", "files-toml-1.0.0"))
            .Select(line => line.Trim())
            .Where(line => line.EndsWith(".toml", StringComparison.Ordinal))
            .ToArray());

    public static IEnumerable<string> ValidCases => FileList.Value.Where(f => f.StartsWith("valid/", StringComparison.Ordinal));
    public static IEnumerable<string> InvalidCases => FileList.Value.Where(f => f.StartsWith("invalid/", StringComparison.Ordinal));

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>The file as text, or the byte offset where it stops being UTF-8.</summary>
    public static (string? Text, int InvalidByteAt) Read(string relativePath)
    {
        byte[] bytes = File.ReadAllBytes(Path.Combine(Root, relativePath));
        try
        {
            // GetString keeps a leading BOM; the parser is the one that skips it.
            return (StrictUtf8.GetString(bytes), -1);
        }
        catch (DecoderFallbackException e)
        {
            return (null, Math.Max(0, e.Index));
        }
    }

    public static JsonNode ReadExpected(string tomlPath) =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(Root, Path.ChangeExtension(tomlPath, ".json"))))!;

    // ------------------------------------------------------------------ tagged JSON

    public static JsonNode ToTagged(TomlValue value)
    {
        switch (value)
        {
            case TomlTable table:
                var obj = new JsonObject();
                foreach (var entry in table) obj[entry.Key] = ToTagged(entry.Value);
                return obj;
            case TomlArray array:
                var arr = new JsonArray();
                foreach (var item in array) arr.Add(ToTagged(item));
                return arr;
            case TomlString s: return Scalar("string", s.Value);
            case TomlInteger i: return Scalar("integer", i.Value.ToString(CultureInfo.InvariantCulture));
            case TomlFloat f: return Scalar("float", FormatFloat(f.Value));
            case TomlBoolean b: return Scalar("bool", b.Value ? "true" : "false");
            case TomlDateTime d: return Scalar(DateTimeTag(d.Kind), d.Raw);
            default: throw new InvalidOperationException("Unknown TOML value " + value.GetType());
        }
    }

    private static JsonObject Scalar(string type, string value) => new() { ["type"] = type, ["value"] = value };

    private static string FormatFloat(double value) =>
        double.IsNaN(value) ? "nan"
        : double.IsPositiveInfinity(value) ? "inf"
        : double.IsNegativeInfinity(value) ? "-inf"
        : value.ToString("R", CultureInfo.InvariantCulture);

    private static string DateTimeTag(TomlValueKind kind) => kind switch
    {
        TomlValueKind.OffsetDateTime => "datetime",
        TomlValueKind.LocalDateTime => "datetime-local",
        TomlValueKind.LocalDate => "date-local",
        TomlValueKind.LocalTime => "time-local",
        _ => throw new InvalidOperationException(kind.ToString()),
    };

    // ------------------------------------------------------------------ comparison (upstream json.go rules)

    /// <summary>Null when equal, otherwise the first difference with its JSON path.</summary>
    public static string? Compare(JsonNode? expected, JsonNode? actual, string path = "$")
    {
        switch (expected)
        {
            case JsonObject e when IsTaggedScalar(e):
                if (actual is not JsonObject a || !IsTaggedScalar(a)) return $"{path}: expected a {e["type"]} value, got {Show(actual)}";
                return CompareScalar(e, a, path);
            case JsonObject e:
                if (actual is not JsonObject ao || IsTaggedScalar(ao)) return $"{path}: expected a table, got {Show(actual)}";
                foreach (var (key, value) in e)
                {
                    if (!ao.ContainsKey(key)) return $"{path}.{key}: missing";
                    var diff = Compare(value, ao[key], $"{path}.{key}");
                    if (diff != null) return diff;
                }
                foreach (var (key, _) in ao)
                {
                    if (!e.ContainsKey(key)) return $"{path}.{key}: unexpected key";
                }
                return null;
            case JsonArray e:
                if (actual is not JsonArray aa) return $"{path}: expected an array, got {Show(actual)}";
                if (aa.Count != e.Count) return $"{path}: expected {e.Count} elements, got {aa.Count}";
                for (int i = 0; i < e.Count; i++)
                {
                    var diff = Compare(e[i], aa[i], $"{path}[{i}]");
                    if (diff != null) return diff;
                }
                return null;
            default:
                return $"{path}: unexpected expected-JSON node {Show(expected)}";
        }
    }

    private static bool IsTaggedScalar(JsonObject o) =>
        o.Count == 2 && o.TryGetPropertyValue("type", out var t) && t is JsonValue && o.TryGetPropertyValue("value", out var v) && v is JsonValue;

    private static string Show(JsonNode? node) => node?.ToJsonString() ?? "nothing";

    private static string? CompareScalar(JsonObject expected, JsonObject actual, string path)
    {
        string type = (string)expected["type"]!;
        string expectedValue = (string)expected["value"]!;
        string actualType = (string)actual["type"]!;
        string actualValue = (string)actual["value"]!;
        if (type != actualType) return $"{path}: expected type {type}, got {actualType} ({actualValue})";
        bool same = type switch
        {
            "string" or "integer" => expectedValue == actualValue,
            "bool" => string.Equals(expectedValue, actualValue, StringComparison.OrdinalIgnoreCase),
            "float" => SameFloat(expectedValue, actualValue),
            _ => SameDateTime(type, expectedValue, actualValue),
        };
        return same ? null : $"{path}: expected {type} {expectedValue}, got {actualValue}";
    }

    private static bool SameFloat(string expected, string actual)
    {
        string e = expected.ToLowerInvariant(), a = actual.ToLowerInvariant();
        if (e.EndsWith("nan") || a.EndsWith("nan")) return e.TrimStart('+', '-') == a.TrimStart('+', '-');
        return ParseFloat(e) == ParseFloat(a);
    }

    private static double ParseFloat(string s) => s switch
    {
        "inf" or "+inf" => double.PositiveInfinity,
        "-inf" => double.NegativeInfinity,
        _ => double.Parse(s, NumberStyles.Float, CultureInfo.InvariantCulture),
    };

    /// <summary>Normalises the separators, then compares instants (offset date-times) or wall-clock values
    /// to the millisecond.</summary>
    private static bool SameDateTime(string type, string expected, string actual)
    {
        static string Normalise(string s) => s.Replace(' ', 'T').Replace('t', 'T').Replace('z', 'Z');
        string e = Normalise(expected), a = Normalise(actual);
        switch (type)
        {
            case "datetime":
                return TruncateToMs(DateTimeOffset.Parse(e, CultureInfo.InvariantCulture).UtcDateTime)
                    == TruncateToMs(DateTimeOffset.Parse(a, CultureInfo.InvariantCulture).UtcDateTime);
            case "datetime-local":
            case "date-local":
                return TruncateToMs(DateTime.Parse(e, CultureInfo.InvariantCulture, DateTimeStyles.None))
                    == TruncateToMs(DateTime.Parse(a, CultureInfo.InvariantCulture, DateTimeStyles.None));
            case "time-local":
                return TruncateToMs(DateTime.Parse("2000-01-01T" + e, CultureInfo.InvariantCulture))
                    == TruncateToMs(DateTime.Parse("2000-01-01T" + a, CultureInfo.InvariantCulture));
            default:
                return false;
        }
    }

    private static DateTime TruncateToMs(DateTime value) => new(value.Ticks - value.Ticks % TimeSpan.TicksPerMillisecond, value.Kind);
}
