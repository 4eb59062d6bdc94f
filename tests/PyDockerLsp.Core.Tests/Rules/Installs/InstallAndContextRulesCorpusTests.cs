using PyDockerLsp.Core.Analysis;
using PyDockerLsp.Core.Analysis.Rules;
using PyDockerLsp.Core.IO;
using PyDockerLsp.Core.Tests.Support;
using Xunit.Abstractions;

namespace PyDockerLsp.Core.Tests.Rules.Installs;

/// <summary>
/// PD201–PD210 and PD601/PD602 over every Dockerfile of the visible corpus (each with its own folder as build context):
/// no rule fails, every fix applies cleanly, and the hit counts stay at the reviewed numbers (see the report in the
/// test output). The corpus holds Dockerfiles and manifests only, so every context lacks a .dockerignore.
/// </summary>
public class InstallAndContextRulesCorpusTests
{
    private static readonly string[] Rules = { "PD201", "PD202", "PD203", "PD208", "PD209", "PD210", "PD601", "PD602" };

    /// <summary>Hit counts after reviewing every hit by hand.</summary>
    private static readonly Dictionary<string, int> Reviewed = new()
    {
        ["PD201"] = 30, ["PD202"] = 12, ["PD203"] = 3, ["PD208"] = 0, ["PD209"] = 0, ["PD210"] = 10, ["PD601"] = 26, ["PD602"] = 0,
    };

    private readonly ITestOutputHelper _output;

    public InstallAndContextRulesCorpusTests(ITestOutputHelper output) => _output = output;

    private static IEnumerable<string> CorpusDockerfiles() =>
        Directory.EnumerateFiles(TestPaths.Corpus, "*", SearchOption.AllDirectories)
            .Where(p => Path.GetFileName(p).Contains("ockerfile", StringComparison.OrdinalIgnoreCase))
            .OrderBy(p => p, StringComparer.Ordinal);

    [Fact]
    public void Every_fix_of_these_rules_keeps_corpus_Dockerfiles_parsing()
    {
        int applied = 0;
        foreach (var path in CorpusDockerfiles())
        {
            var text = File.ReadAllText(path);
            int errorsBefore = Core.Syntax.Dockerfile.DockerfileParser.Parse(text).Errors.Count;
            var findings = DocumentAnalyzer.Analyze(path, PhysicalFileSystem.Instance, new AnalysisOptions { Kind = DocumentKind.Dockerfile }, CancellationToken.None);
            foreach (var finding in findings.Where(f => Rules.Contains(f.Code)))
            {
                foreach (var fix in finding.Fixes.Where(f => !f.Title.StartsWith("Ignore", StringComparison.Ordinal)))
                {
                    foreach (var edit in fix.Edits)
                    {
                        if (edit.CreateFile)
                        {
                            Assert.False(File.Exists(edit.Path), $"{fix.Title} would overwrite {edit.Path}");
                            continue;
                        }
                        if (edit.Path != path) continue;
                        var fixedText = TextEdits.Apply(text, edit.Edits);
                        var errorsAfter = Core.Syntax.Dockerfile.DockerfileParser.Parse(fixedText).Errors.Count;
                        Assert.True(errorsAfter <= errorsBefore, $"{finding.Code} '{fix.Title}' breaks {path}:\n{fixedText}");
                        applied++;
                    }
                }
            }
        }
        _output.WriteLine($"{applied} Dockerfile fixes applied to corpus files without new syntax errors");
        Assert.True(applied > 30);
    }

    /// <summary>Corpus Dockerfiles that copy a virtual environment into the final stage and put it on PATH.</summary>
    public static TheoryData<string> VenvCopies => new()
    {
        "locustio/locust/Dockerfile",
        "sqlfluff/sqlfluff/Dockerfile",
        "OWASP/Nettacker/Dockerfile",
        "astral-sh/uv-docker-example/multistage.Dockerfile",
        "astral-sh/uv-docker-example/standalone.Dockerfile",
        "modelcontextprotocol/servers/src/git/Dockerfile",
    };

    /// <summary>PD209 is silent on these files because of their PATH line, not by accident: without it, it fires.</summary>
    [Theory]
    [MemberData(nameof(VenvCopies))]
    public void PD209_fires_on_real_venv_copies_once_their_PATH_line_is_removed(string relative)
    {
        var path = Path.Combine(TestPaths.Corpus, relative);
        var text = File.ReadAllText(path);
        var withoutPath = string.Join("\n", text.Split('\n').Where(l => !(l.TrimStart().StartsWith("ENV", StringComparison.Ordinal) && l.Contains("PATH=", StringComparison.Ordinal))));
        var fs = new InMemoryFileSystem().Add("/c/Dockerfile", text);
        Assert.DoesNotContain(DocumentAnalyzer.Analyze("/c/Dockerfile", fs, AnalysisOptions.Default, CancellationToken.None), f => f.Code == "PD209");
        fs.Add("/c/Dockerfile", withoutPath);
        Assert.Contains(DocumentAnalyzer.Analyze("/c/Dockerfile", fs, AnalysisOptions.Default, CancellationToken.None), f => f.Code == "PD209");
    }

    [Fact]
    public void Hit_counts_per_rule_match_the_review()
    {
        var failures = new List<string>();
        RuleEngine.FailureLog = failures.Add;
        try
        {
            var counts = Rules.ToDictionary(r => r, _ => 0);
            int files = 0;
            foreach (var path in CorpusDockerfiles())
            {
                files++;
                var findings = DocumentAnalyzer.Analyze(path, PhysicalFileSystem.Instance,
                    new AnalysisOptions { Kind = DocumentKind.Dockerfile }, CancellationToken.None);
                foreach (var finding in findings.Where(f => Rules.Contains(f.Code)))
                {
                    counts[finding.Code]++;
                    _output.WriteLine($"{finding.Code} {Path.GetRelativePath(TestPaths.Corpus, path)}:{finding.Range.Start.Line + 1} {finding.Message}");
                }
            }
            _output.WriteLine($"{files} Dockerfiles: " + string.Join(", ", counts.Select(kv => $"{kv.Key}={kv.Value}")));
            Assert.Empty(failures);
            foreach (var rule in Rules)
                Assert.Equal((rule, Reviewed[rule]), (rule, counts[rule]));
        }
        finally { RuleEngine.FailureLog = null; }
    }
}
