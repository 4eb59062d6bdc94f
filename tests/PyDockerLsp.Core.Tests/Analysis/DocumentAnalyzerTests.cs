using PyDockerLsp.Core.Analysis;
using PyDockerLsp.Core.IO;

namespace PyDockerLsp.Core.Tests.Analysis;

/// <summary>The entry point: dispatch on the kind of document, and the per-rule severities of the configuration.</summary>
public class DocumentAnalyzerTests
{
    private const string NoFrom = "RUN echo hi\n";

    private static IReadOnlyList<Finding> Analyze(string path, string text, AnalysisOptions options) =>
        DocumentAnalyzer.Analyze(path, new InMemoryFileSystem().Add(path, text), options, CancellationToken.None);

    private static AnalysisOptions WithSeverities(params (string Key, string Value)[] pairs) => new()
    {
        RuleSeverities = pairs.ToDictionary(p => p.Key, p => p.Value),
    };

    public static TheoryData<string> DockerfileNames => new()
    {
        "/p/Dockerfile", "/p/Dockerfile.dev", "/p/api.dockerfile", "/p/Containerfile", "/p/sub/dir/dockerfile",
    };

    [Theory]
    [MemberData(nameof(DockerfileNames))]
    public void Files_named_like_Dockerfiles_are_analysed_as_Dockerfiles(string path)
    {
        Assert.Equal("PD010", Assert.Single(Analyze(path, NoFrom, AnalysisOptions.Default)).Code);
    }

    public static TheoryData<string> OtherNames => new()
    {
        "/p/requirements.txt", "/p/pyproject.toml", "/p/uv.lock", "/p/main.py", "/p/README.md",
    };

    [Theory]
    [MemberData(nameof(OtherNames))]
    public void Other_files_are_not_checked_as_Dockerfiles(string path)
    {
        Assert.Empty(Analyze(path, NoFrom, AnalysisOptions.Default));
    }

    [Fact]
    public void The_caller_can_say_a_file_is_a_Dockerfile_whatever_its_name()
    {
        var options = new AnalysisOptions { Kind = DocumentKind.Dockerfile };
        Assert.Equal("PD010", Assert.Single(Analyze("/p/build.txt", NoFrom, options)).Code);
    }

    [Fact]
    public void A_missing_file_yields_no_findings()
    {
        Assert.Empty(DocumentAnalyzer.Analyze("/p/Dockerfile", new InMemoryFileSystem(), AnalysisOptions.Default, CancellationToken.None));
    }

    public static TheoryData<string, string, Severity?> SeverityOverrides => new()
    {
        { "PD010", "off", null },
        { "pd010", "OFF", null },
        { "missing-from", "off", null },
        { "PD010", "hint", Severity.Hint },
        { "PD010", "info", Severity.Information },
        { "PD010", "information", Severity.Information },
        { "PD010", "warning", Severity.Warning },
        { "PD010", "error", Severity.Error },
        { "PD010", "loud", Severity.Error },   // unknown words leave the default
        { "PD999", "off", Severity.Error },    // another rule's setting does not touch PD010
    };

    [Theory]
    [MemberData(nameof(SeverityOverrides))]
    public void Rule_severities_from_the_configuration_replace_or_drop_findings(string key, string value, Severity? expected)
    {
        var findings = Analyze("/p/Dockerfile", NoFrom, WithSeverities((key, value)));
        if (expected is null) Assert.Empty(findings);
        else Assert.Equal(expected, Assert.Single(findings).Severity);
    }

    public static TheoryData<Severity, string> SeverityNames => new()
    {
        { Severity.Error, "error" }, { Severity.Warning, "warning" }, { Severity.Information, "info" }, { Severity.Hint, "hint" },
    };

    [Theory]
    [MemberData(nameof(SeverityNames))]
    public void Severity_names_round_trip(Severity severity, string name)
    {
        Assert.Equal(name, RuleSeverity.Name(severity));
        Assert.True(RuleSeverity.TryParse(name, out var parsed));
        Assert.Equal(severity, parsed);
    }
}
