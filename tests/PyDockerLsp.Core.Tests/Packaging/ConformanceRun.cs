using System.Text.Json;
using PyDockerLsp.Core.Tests.Support;
using Xunit.Abstractions;

namespace PyDockerLsp.Core.Tests.Packaging;

/// <summary>
/// Runs every case of one conformance section, counts passes, writes "section: passed/total" to the test output
/// and fails with the first failures listed. A case either passes or fails; none is skipped silently.
/// </summary>
internal sealed class ConformanceRun
{
    private readonly string _suite;
    private readonly List<string> _failures = new();
    private int _total;

    public ConformanceRun(string suite) => _suite = suite;

    /// <summary>Records one case: <paramref name="check"/> returns null when the case passes, else what went wrong.</summary>
    public void Case(string id, Func<string?> check)
    {
        _total++;
        string? failure;
        try { failure = check(); }
        catch (Exception e) { failure = "threw " + e.GetType().Name + ": " + e.Message; }
        if (failure != null) _failures.Add($"{id}: {failure}");
    }

    public int Total => _total;
    public int Passed => _total - _failures.Count;

    public void Report(ITestOutputHelper output)
    {
        output.WriteLine($"{_suite}: {Passed}/{_total} passed");
        foreach (var f in _failures.Take(40)) output.WriteLine("  FAIL " + f);
        Assert.True(_total > 0, $"{_suite}: no cases were read");
        Assert.True(_failures.Count == 0, $"{_suite}: {_failures.Count} of {_total} failed:\n" + string.Join("\n", _failures.Take(40)));
    }

    public static string? Expect<T>(T expected, T actual) =>
        EqualityComparer<T>.Default.Equals(expected, actual) ? null : $"expected {Show(expected)}, got {Show(actual)}";

    public static string? ExpectSequence(IEnumerable<string> expected, IEnumerable<string> actual)
    {
        var e = expected.ToList();
        var a = actual.ToList();
        return e.SequenceEqual(a) ? null : $"expected [{string.Join(", ", e)}], got [{string.Join(", ", a)}]";
    }

    private static string Show<T>(T value) => value switch
    {
        null => "null",
        string s => "\"" + s.Replace("\n", "\\n").Replace("\r", "\\r") + "\"",
        _ => value.ToString() ?? "null",
    };
}

/// <summary>The pypa-packaging JSON files, read once from <c>../shared/conformance/pypa-packaging</c>.</summary>
internal static class PypaData
{
    private static readonly Lazy<JsonElement> VersionsLazy = new(() => Load("pep440-versions.json"));
    private static readonly Lazy<JsonElement> SpecifiersLazy = new(() => Load("pep440-specifiers.json"));
    private static readonly Lazy<JsonElement> RequirementsLazy = new(() => Load("pep508-requirements.json"));
    private static readonly Lazy<JsonElement> MarkersLazy = new(() => Load("pep508-markers.json"));

    public static JsonElement Versions => VersionsLazy.Value;
    public static JsonElement Specifiers => SpecifiersLazy.Value;
    public static JsonElement Requirements => RequirementsLazy.Value;
    public static JsonElement Markers => MarkersLazy.Value;

    private static JsonElement Load(string file)
    {
        var path = TestPaths.Conformance("pypa-packaging", file);
        using var doc = JsonDocument.Parse(File.ReadAllText(path));
        return doc.RootElement.Clone();
    }

    public static IEnumerable<JsonElement> Cases(JsonElement root, string section) =>
        root.GetProperty(section).GetProperty("cases").EnumerateArray();

    /// <summary>null for JSON null or a missing property (packaging's "argument not passed").</summary>
    public static bool? OptionalBool(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind != JsonValueKind.Null ? v.GetBoolean() : null;

    public static string? OptionalString(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind != JsonValueKind.Null ? v.GetString() : null;

    public static string Str(JsonElement e, string name) => e.GetProperty(name).GetString()!;
}
