using PyDockerLsp.Core.Analysis;
using PyDockerLsp.Core.IO;
using PyDockerLsp.Core.Tests.Rules.Support;
using PyDockerLsp.Core.Text;

namespace PyDockerLsp.Core.Tests.Rules.Manifests;

/// <summary>
/// A project for the manifest rules: files in memory under /project, one of them analysed as a document of its own
/// (what the editor does for an open requirements file or pyproject.toml). Expected spans are marked with ⟦ ⟧.
/// </summary>
public sealed class ManifestFixture
{
    private const string Root = "/project";
    private readonly Dictionary<string, string> _files = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<TextSpan>> _expected = new(StringComparer.Ordinal);
    private InMemoryFileSystem? _fixed;

    public static ManifestFixture With(string relativePath, string textWithMarkers) => new ManifestFixture().File(relativePath, textWithMarkers);

    public ManifestFixture File(string relativePath, string textWithMarkers)
    {
        var path = PathUtil.Combine(Root, relativePath);
        var (text, spans) = RuleFixture.StripMarkers(textWithMarkers);
        _files[path] = text;
        _expected[path] = spans;
        return this;
    }

    public IReadOnlyList<Finding> Analyze(string relativePath, string ruleId, InMemoryFileSystem? fs = null) =>
        DocumentAnalyzer.Analyze(PathUtil.Combine(Root, relativePath), fs ?? new InMemoryFileSystem(_files), AnalysisOptions.Default, CancellationToken.None)
            .Where(f => f.Code == ruleId).ToList();

    /// <summary>Asserts the rule reports exactly the spans marked in <paramref name="relativePath"/>.</summary>
    public IReadOnlyList<Finding> AssertFindings(string relativePath, string ruleId)
    {
        var path = PathUtil.Combine(Root, relativePath);
        var findings = Analyze(relativePath, ruleId);
        Assert.All(findings, f => Assert.Equal(path, f.Path));
        var text = _files[path];
        Assert.Equal(
            _expected[path].Select(s => $"{s} «{text.Substring(s.Start, s.Length)}»").OrderBy(x => x, StringComparer.Ordinal),
            findings.Select(f => $"{f.Span} «{(f.Span.End <= text.Length ? text.Substring(f.Span.Start, f.Span.Length) : "?")}»").OrderBy(x => x, StringComparer.Ordinal));
        return findings;
    }

    /// <summary>Applies the fix titled <paramref name="fixTitle"/> until none is offered; checks the rule then fires
    /// less, and that nothing is left to apply (idempotent). Returns the document's new text.</summary>
    public string ApplyFixAndVerify(string relativePath, string ruleId, string fixTitle)
    {
        var fs = new InMemoryFileSystem(_files);
        var first = Analyze(relativePath, ruleId, fs);
        Assert.Contains(first, f => f.Fixes.Any(x => x.Title.Contains(fixTitle, StringComparison.Ordinal)));
        for (int guard = 0; guard < 50; guard++)
        {
            var fix = Analyze(relativePath, ruleId, fs).SelectMany(f => f.Fixes).FirstOrDefault(x => x.Title.Contains(fixTitle, StringComparison.Ordinal));
            if (fix is null) break;
            RuleFixture.ApplyTo(fs, fix);
        }
        var after = Analyze(relativePath, ruleId, fs);
        Assert.True(after.Count < first.Count, $"{ruleId} still fires as often after its fix");
        Assert.DoesNotContain(after, f => f.Fixes.Any(x => x.Title.Contains(fixTitle, StringComparison.Ordinal)));
        Assert.Empty(Analyze(relativePath, "PD801", fs));
        _fixed = fs;
        return fs.ReadAllText(PathUtil.Combine(Root, relativePath))!;
    }
}
