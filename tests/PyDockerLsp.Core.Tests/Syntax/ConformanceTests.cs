using Xunit.Abstractions;

namespace PyDockerLsp.Core.Tests.Syntax;

/// <summary>BuildKit's own parser, instruction and shell tests, run against our parser (data read from ../shared).</summary>
public sealed class ConformanceTests
{
    private readonly ITestOutputHelper _output;

    public ConformanceTests(ITestOutputHelper output) => _output = output;

    public static IEnumerable<object[]> ParserCases() => BuildKitParserSuites.All().Select(c => new object[] { c });
    public static IEnumerable<object[]> ShellCases() => ShellExpansionSuites.All().Select(c => new object[] { c });

    [Theory]
    [MemberData(nameof(ParserCases))]
    public void Parser_case_matches_BuildKit(ConformanceCase testCase) => Assert.Null(testCase.Check());

    [Theory]
    [MemberData(nameof(ShellCases))]
    public void Shell_case_matches_BuildKit(ConformanceCase testCase) => Assert.Null(testCase.Check());

    /// <summary>Runs every suite once and prints "suite: passed/total"; fails listing the failures.</summary>
    [Fact]
    public void Every_conformance_suite_passes_completely()
    {
        var failures = new List<string>();
        foreach (var suite in BuildKitParserSuites.All().Concat(ShellExpansionSuites.All()).GroupBy(c => c.Suite))
        {
            int passed = 0, total = 0;
            foreach (var testCase in suite)
            {
                total++;
                string? failure;
                try
                {
                    failure = testCase.Check();
                }
                catch (Exception exception)
                {
                    failure = "threw " + exception.GetType().Name + ": " + exception.Message;
                }
                if (failure is null) passed++;
                else failures.Add($"{testCase}: {failure}");
            }
            _output.WriteLine($"{suite.Key}: {passed}/{total} passed");
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }
}
