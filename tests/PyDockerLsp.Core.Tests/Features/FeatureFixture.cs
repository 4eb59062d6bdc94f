using PyDockerLsp.Core.Analysis;
using PyDockerLsp.Core.IO;
using PyDockerLsp.Core.Text;
using static PyDockerLsp.Core.Analysis.DocumentAnalyzer;

namespace PyDockerLsp.Core.Tests.Features;

/// <summary>
/// Documents for the feature tests: a Dockerfile at /project/Dockerfile (plus any files), with the cursor marked by
/// <see cref="Cursor"/> in the text. The marker is removed before the document is analysed.
/// </summary>
public static class FeatureFixture
{
    public const char Cursor = '‸';
    public const string Root = "/project";
    public const string DockerfilePath = Root + "/Dockerfile";

    /// <summary>The text without the cursor marker, and where the marker was.</summary>
    public static (string Text, int Offset) WithCursor(string marked)
    {
        int at = marked.IndexOf(Cursor);
        Assert.True(at >= 0, "The document has no cursor marker ‸: " + marked);
        Assert.Equal(-1, marked.IndexOf(Cursor, at + 1));
        return (marked.Remove(at, 1), at);
    }

    /// <summary>
    /// The analysis of a Dockerfile and the files beside it, with the parser and the reference rule PD502 only: these
    /// tests specify how the features combine findings and fixes, so they must not change when rules are added.
    /// </summary>
    public static DockerfileAnalysis Analyze(string dockerfile, params (string RelativePath, string Text)[] files)
    {
        var fs = new InMemoryFileSystem().Add(DockerfilePath, dockerfile);
        foreach (var (path, text) in files) fs.Add(PathUtil.Combine(Root, path), text);
        return AnalyzeDockerfile(DockerfilePath, new SourceText(dockerfile), fs, OnlyReferenceRule, CancellationToken.None);
    }

    private static readonly AnalysisOptions OnlyReferenceRule = new()
    {
        RuleSeverities = Analysis.Rules.RuleRegistry.Descriptors.Where(d => d.Id != "PD502").ToDictionary(d => d.Id, _ => "off"),
    };

    /// <summary>The same analysis without findings: what the syntax alone makes of the document, whatever rules exist.</summary>
    public static DockerfileAnalysis SyntaxOnly(string dockerfile) => Analyze(dockerfile) with { Findings = Array.Empty<Finding>() };

    /// <summary>A finding written by hand (for tests of how features combine findings, independent of the rules).</summary>
    public static Finding Finding(DockerfileAnalysis analysis, string code, TextSpan span, string message, params Fix[] fixes) =>
        new(code, Severity.Warning, DockerfilePath, span, analysis.Model.Source.GetRange(span), message) { Fixes = fixes };

    /// <summary>A fix of the Dockerfile made of one replacement.</summary>
    public static Fix Replace(string title, TextSpan span, string text, FixSafety safety = FixSafety.Safe, bool preferred = false) =>
        new(title, safety, new[] { new FileEdit(DockerfilePath, new[] { new TextEdit(span, text) }) }) { IsPreferred = preferred };

    /// <summary>The span of the first occurrence of <paramref name="part"/> in <paramref name="text"/>.</summary>
    public static TextSpan SpanOf(string text, string part)
    {
        int at = text.IndexOf(part, StringComparison.Ordinal);
        Assert.True(at >= 0, $"'{part}' is not in the document");
        return new TextSpan(at, part.Length);
    }

    /// <summary>The first line of a Markdown text (a hover's title).</summary>
    public static string FirstLine(string markdown)
    {
        int end = markdown.IndexOf('\n');
        return end < 0 ? markdown : markdown.Substring(0, end);
    }
}
