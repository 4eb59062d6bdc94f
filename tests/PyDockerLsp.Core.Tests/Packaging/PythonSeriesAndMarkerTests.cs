using PyDockerLsp.Core.Python.Packaging;

namespace PyDockerLsp.Core.Tests.Packaging;

/// <summary>What the Python-image rules ask of a <c>requires-python</c>, and markers against a container's Python.</summary>
public sealed class PythonSeriesAndMarkerTests
{
    public static TheoryData<string, int, int, bool> SeriesCases => new()
    {
        { ">=3.10,<3.13", 3, 9, false },
        { ">=3.10,<3.13", 3, 10, true },
        { ">=3.10,<3.13", 3, 12, true },
        { ">=3.10,<3.13", 3, 13, false },
        { "==3.11.*", 3, 11, true },
        { "==3.11.*", 3, 12, false },
        { "~=3.10", 3, 14, true },
        { "~=3.10", 4, 0, false },
        // >3.12 excludes 3.12 itself but not 3.12.1.
        { ">3.12", 3, 12, true },
        { "<3.12", 3, 12, false },
        { "!=3.12.*", 3, 12, false },
        { "!=3.12.*", 3, 13, true },
        { "", 2, 7, true },
        { ">=3.12.150", 3, 12, true },
        { ">=3.12.150", 3, 11, false },
        { "===3.11.4", 3, 11, true },
        { "===3.11.4", 3, 12, false },
        // Only a pre-release of 3.13 matches: the series counts as not allowed.
        { ">=3.13.0rc1,<3.13.0", 3, 13, false },
    };

    [Theory]
    [MemberData(nameof(SeriesCases))]
    public void A_series_is_allowed_when_one_of_its_final_releases_satisfies_the_set(string requiresPython, int major, int minor, bool allowed) =>
        Assert.Equal(allowed, SpecifierSet.Parse(requiresPython).AllowsMinor(major, minor));

    [Theory]
    [InlineData(">=3.8", 3, 14)]
    [InlineData(">=3.9,<3.12", 3, 11)]
    [InlineData("<3", 2, 7)]
    [InlineData("~=3.11.0", 3, 11)]
    public void The_newest_allowed_known_series_is_found(string requiresPython, int major, int minor) =>
        Assert.Equal((major, minor), CPythonReleases.NewestAllowed(SpecifierSet.Parse(requiresPython)));

    [Fact]
    public void No_known_series_satisfies_an_impossible_set() =>
        Assert.Null(CPythonReleases.NewestAllowed(SpecifierSet.Parse(">=4")));

    [Fact]
    public void Allowed_series_keep_the_candidates_order()
    {
        var allowed = SpecifierSet.Parse(">=3.10,!=3.11.*").AllowedMinorVersions(new[] { (3, 12), (3, 9), (3, 11), (3, 10) });
        Assert.Equal(new[] { (3, 12), (3, 10) }, allowed);
    }

    public static TheoryData<string, string, string, bool> ContainerMarkerCases => new()
    {
        { "python_version < \"3.12\"", "3.11.9", "x86_64", true },
        { "python_version < \"3.12\"", "3.12.0", "x86_64", false },
        { "python_full_version >= \"3.11.4\"", "3.11.9", "x86_64", true },
        { "sys_platform == \"win32\"", "3.12.1", "x86_64", false },
        { "platform_system == \"Linux\" and platform_machine == \"aarch64\"", "3.12.1", "aarch64", true },
        { "implementation_name == \"pypy\" or os_name == \"nt\"", "3.12.1", "x86_64", false },
        // Ordered comparison of non-version strings keeps only its "or equal" part.
        { "platform_machine >= \"x86_64\"", "3.12.1", "x86_64", true },
        { "platform_machine > \"aarch64\"", "3.12.1", "x86_64", false },
    };

    [Theory]
    [MemberData(nameof(ContainerMarkerCases))]
    public void Markers_evaluate_against_a_linux_cpython_image(string marker, string pythonVersion, string machine, bool expected) =>
        Assert.Equal(expected, Marker.Parse(marker).Evaluate(MarkerEnvironment.ForCPythonOnLinux(pythonVersion, machine), MarkerContext.Requirement));

    [Fact]
    public void A_missing_variable_is_an_evaluation_error_not_false()
    {
        var marker = Marker.Parse("extra == \"test\"");
        Assert.False(marker.TryEvaluate(MarkerEnvironment.ForCPythonOnLinux("3.12.1"), MarkerContext.Requirement, out _, out var error));
        Assert.Equal(MarkerEvaluationErrorKind.UndefinedEnvironmentName, error!.Kind);
        Assert.Equal("extra", error.Variable);
        // In core metadata, extra defaults to "".
        Assert.False(marker.Evaluate(MarkerEnvironment.ForCPythonOnLinux("3.12.1")));
    }

    [Fact]
    public void Marker_and_requirement_spans_point_into_the_text()
    {
        const string text = "requests[socks] >=2.8, <3 ; python_version >= \"3.9\"";
        var r = Pep508Requirement.Parse(text);
        Assert.Equal("requests", Slice(text, r.NameSpan));
        Assert.Equal("[socks]", Slice(text, r.ExtrasSpan!.Value));
        Assert.Equal(">=2.8, <3", Slice(text, r.SpecifierSpan!.Value));
        Assert.Equal(new[] { ">=2.8", "<3" }, r.SpecifierClauseSpans.Select(s => Slice(text, s)));
        Assert.Equal("python_version >= \"3.9\"", Slice(text, r.MarkerSpan!.Value));
        var comparison = Assert.IsType<MarkerComparison>(r.Marker!.Expression.Terms[0]);
        Assert.Equal(">=", Slice(text, comparison.OperatorSpan));
        Assert.Equal("requests[socks]<3,>=2.8; python_version >= \"3.9\"", r.ToString());
    }

    [Theory]
    [InlineData("requests==", "Expected semicolon (after name with no version specifier) or end", 8, 9)]
    [InlineData("flask[async", "Expected matching RIGHT_BRACKET for LEFT_BRACKET, after extras", 5, 11)]
    [InlineData("x; python_version >= 3", "Expected a marker variable or quoted string", 21, 22)]
    public void Parse_errors_carry_a_message_and_the_range_to_underline(string text, string message, int start, int end)
    {
        Assert.False(Pep508Requirement.TryParse(text, out _, out var error));
        Assert.Equal(message, error!.Message);
        Assert.Equal((start, end), (error.HighlightSpan.Start, error.HighlightSpan.End));
    }

    private static string Slice(string text, PyDockerLsp.Core.Text.TextSpan span) => text.Substring(span.Start, span.Length);
}
