using PyDockerLsp.Core.Python.Toml;
using Xunit.Abstractions;

namespace PyDockerLsp.Core.Tests.Toml;

/// <summary>toml-test (TOML 1.0.0): every valid case decodes to its tagged JSON, every invalid case is rejected
/// with a position.</summary>
public sealed class TomlConformanceTests
{
    private readonly ITestOutputHelper _output;

    public TomlConformanceTests(ITestOutputHelper output) => _output = output;

    public static TheoryData<string> ValidCases => new(TomlTestSuite.ValidCases);
    public static TheoryData<string> InvalidCases => new(TomlTestSuite.InvalidCases);

    [Theory]
    [MemberData(nameof(ValidCases))]
    public void Valid_case_decodes_to_its_tagged_json(string testCase)
    {
        Assert.Null(CheckValid(testCase));
    }

    [Theory]
    [MemberData(nameof(InvalidCases))]
    public void Invalid_case_is_rejected_with_a_position(string testCase)
    {
        Assert.Null(CheckInvalid(testCase));
    }

    [Fact]
    public void Whole_suite_passes_and_reports_its_counts()
    {
        var valid = TomlTestSuite.ValidCases.ToList();
        var invalid = TomlTestSuite.InvalidCases.ToList();
        var validFailures = valid.Select(c => (c, CheckValid(c))).Where(r => r.Item2 != null).ToList();
        var invalidFailures = invalid.Select(c => (c, CheckInvalid(c))).Where(r => r.Item2 != null).ToList();

        _output.WriteLine($"toml-test 1.0.0 valid:   {valid.Count - validFailures.Count}/{valid.Count} passed");
        _output.WriteLine($"toml-test 1.0.0 invalid: {invalid.Count - invalidFailures.Count}/{invalid.Count} rejected with a position");
        foreach (var (name, problem) in validFailures.Concat(invalidFailures)) _output.WriteLine($"  FAIL {name}: {problem}");

        Assert.Equal(210, valid.Count);
        Assert.Equal(499, invalid.Count);
        Assert.Empty(validFailures);
        Assert.Empty(invalidFailures);
    }

    /// <summary>Null when the case passes, otherwise why not.</summary>
    private static string? CheckValid(string testCase)
    {
        var (text, invalidByte) = TomlTestSuite.Read(testCase);
        if (text == null) return $"not UTF-8 at byte {invalidByte}";
        var document = TomlParser.Parse(text);
        if (document.HasErrors) return "rejected: " + string.Join("; ", document.Errors);
        return TomlTestSuite.Compare(TomlTestSuite.ReadExpected(testCase), TomlTestSuite.ToTagged(document.Root));
    }

    private static string? CheckInvalid(string testCase)
    {
        var (text, _) = TomlTestSuite.Read(testCase);
        // Bytes that are not UTF-8 are rejected by decoding, which names the byte offset.
        if (text == null) return null;
        var document = TomlParser.Parse(text);
        if (!document.HasErrors) return "accepted";
        foreach (var error in document.Errors)
        {
            if (error.Span.Start < 0 || error.Span.End > text.Length) return $"error outside the text: {error}";
            if (string.IsNullOrWhiteSpace(error.Message)) return "error without a message";
        }
        return null;
    }
}
