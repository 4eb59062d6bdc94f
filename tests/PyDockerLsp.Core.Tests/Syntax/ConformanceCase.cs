using System.Text;
using System.Text.Json;
using PyDockerLsp.Core.Tests.Support;

namespace PyDockerLsp.Core.Tests.Syntax;

/// <summary>
/// One conformance case: a name for the test explorer and a check that returns null when the case passes or a
/// message saying what differs. Suites are lists of cases built from the shared BuildKit data; the same lists feed
/// the per-case theories and the summary test that prints the pass counts.
/// </summary>
public sealed class ConformanceCase
{
    public ConformanceCase(string suite, string name, Func<string?> check)
    {
        Suite = suite;
        Name = name;
        Check = check;
    }

    public string Suite { get; }
    public string Name { get; }
    public Func<string?> Check { get; }

    public override string ToString() => $"{Suite}: {Name}";
}

/// <summary>Reading the shared data under <c>../shared/conformance/buildkit-parser</c>.</summary>
internal static class BuildKitData
{
    public static string Root => TestPaths.Conformance("buildkit-parser");

    public static string PathOf(params string[] parts) => Path.Combine(new[] { Root }.Concat(parts).ToArray());

    /// <summary>The file's text exactly as its bytes say (UTF-8, a byte order mark kept as U+FEFF).</summary>
    public static string ReadText(params string[] parts) => Encoding.UTF8.GetString(File.ReadAllBytes(PathOf(parts)));

    public static JsonElement ReadJson(string name) => JsonDocument.Parse(File.ReadAllBytes(PathOf("derived", name))).RootElement;

    public static string? Str(this JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    public static List<string>? StrList(this JsonElement element, string property)
    {
        if (!element.TryGetProperty(property, out var value) || value.ValueKind != JsonValueKind.Array) return null;
        return value.EnumerateArray().Select(v => v.GetString()!).ToList();
    }

    public static string Show(IEnumerable<string> values) => "[" + string.Join(", ", values.Select(v => BuildKitDump.GoQuote(v))) + "]";
}
