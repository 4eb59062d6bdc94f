using System.Text.Json;
using PyDockerLsp.Core.IO;
using PyDockerLsp.Core.Python.Requirements;
using PyDockerLsp.Core.Tests.Support;
using Xunit.Abstractions;

namespace PyDockerLsp.Core.Tests.Packaging;

/// <summary>Every requirements file of the visible corpus reads without a syntax or unknown-option problem,
/// with its includes followed on the real disk.</summary>
public sealed class RequirementsCorpusTests
{
    private readonly ITestOutputHelper _output;

    public RequirementsCorpusTests(ITestOutputHelper output) => _output = output;

    /// <summary>The manifests listed in the corpus MANIFEST.json that are pip requirements files (<c>*.txt</c>, <c>*.in</c>).</summary>
    private static IEnumerable<string> RequirementsFiles()
    {
        using var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(TestPaths.Corpus, "MANIFEST.json")));
        foreach (var entry in manifest.RootElement.GetProperty("entries").EnumerateArray())
        {
            var repo = entry.GetProperty("repo").GetString()!;
            foreach (var m in entry.GetProperty("manifests").EnumerateArray())
            {
                var path = m.GetString()!;
                var name = Path.GetFileName(path);
                if (name.EndsWith(".in", StringComparison.Ordinal) || (name.EndsWith(".txt", StringComparison.Ordinal) && name != "runtime.txt"))
                    yield return Path.Combine(TestPaths.Corpus, repo, path);
            }
        }
    }

    [Fact]
    public void Corpus_requirements_files_parse_without_syntax_or_option_problems()
    {
        var run = new ConformanceRun("corpus requirements files");
        foreach (var path in RequirementsFiles())
        {
            var relative = Path.GetRelativePath(TestPaths.Corpus, path);
            run.Case(relative, () =>
            {
                var set = RequirementsFileParser.Parse(path, PhysicalFileSystem.Instance);
                if (set.Files.Count == 0) return "not read";
                var bad = set.Problems.Where(p => p.Kind is RequirementsProblemKind.Syntax or RequirementsProblemKind.UnknownOption).ToList();
                _output.WriteLine($"  {relative}: {set.Files.Count} file(s), {set.Requirements.Count} requirements, hash mode {set.HashCheckingMode}, " +
                                  $"{set.Problems.Count} problem(s) [{string.Join(", ", set.Problems.Select(p => p.Kind))}]");
                return bad.Count == 0 ? null : string.Join("; ", bad.Select(p => $"{p.Kind} at {p.Span}: {p.Message}"));
            });
        }
        run.Report(_output);
        Assert.True(run.Total >= 30, "expected the corpus to list at least 30 requirements files");
    }
}
