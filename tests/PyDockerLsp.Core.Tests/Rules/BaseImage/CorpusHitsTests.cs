using System.Text.Json;
using PyDockerLsp.Core.Analysis;
using PyDockerLsp.Core.IO;
using PyDockerLsp.Core.Tests.Support;
using Xunit.Abstractions;

namespace PyDockerLsp.Core.Tests.Rules.BaseImage;

/// <summary>
/// The base-image, stage and runtime rules over every Dockerfile of ../shared/corpus/visible (each with its own folder
/// as build context, PD108 switched on). Prints every hit for review and pins the reviewed counts, so a change in
/// what the rules find shows up here.
/// </summary>
public class CorpusHitsTests
{
    private static readonly string[] Rules = { "PD101", "PD103", "PD105", "PD106", "PD107", "PD108", "PD501", "PD504" };
    private readonly ITestOutputHelper _output;

    public CorpusHitsTests(ITestOutputHelper output) => _output = output;

    private static IEnumerable<string> CorpusDockerfiles()
    {
        using var manifest = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(TestPaths.Corpus, "MANIFEST.json")));
        foreach (var entry in manifest.RootElement.GetProperty("entries").EnumerateArray())
        {
            string repo = entry.GetProperty("repo").GetString()!;
            foreach (var dockerfile in entry.GetProperty("dockerfiles").EnumerateArray())
                yield return repo + "/" + dockerfile.GetString();
        }
    }

    [Fact]
    public void Hit_counts_over_the_visible_corpus()
    {
        var counts = Rules.ToDictionary(r => r, _ => 0);
        var options = new AnalysisOptions { RuleSeverities = new Dictionary<string, string> { ["PD108"] = "info" }, Kind = DocumentKind.Dockerfile };
        foreach (var relative in CorpusDockerfiles())
        {
            var path = PathUtil.Normalize(Path.Combine(TestPaths.Corpus, relative));
            var findings = DocumentAnalyzer.Analyze(path, PhysicalFileSystem.Instance, options, CancellationToken.None);
            var text = File.ReadAllText(path);
            foreach (var finding in findings.Where(f => counts.ContainsKey(f.Code)))
            {
                counts[finding.Code]++;
                var shown = text.Substring(finding.Span.Start, Math.Min(finding.Span.Length, 60)).Replace("\n", "\\n");
                _output.WriteLine($"{finding.Code} {relative}:{finding.Range.Start.Line + 1} «{shown}» {finding.Message}");
            }
        }
        foreach (var rule in Rules) _output.WriteLine($"{rule}: {counts[rule]}");
        Assert.Equal(Reviewed, counts);
    }

    /// <summary>The counts whose hits were reviewed by hand (see the rules' tests for the reasoning on each kind of hit).</summary>
    private static readonly Dictionary<string, int> Reviewed = new()
    {
        ["PD101"] = 2, ["PD103"] = 5, ["PD105"] = 0, ["PD106"] = 6, ["PD107"] = 46, ["PD108"] = 46, ["PD501"] = 43, ["PD504"] = 2,
    };
}
