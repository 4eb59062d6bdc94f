using PyDockerLsp.Core.Python.Manifests;
using PyDockerLsp.Core.Tests.Support;
using Xunit.Abstractions;

namespace PyDockerLsp.Core.Tests.Manifests;

/// <summary>Every real-world manifest of ../shared/corpus/visible parses without an error.</summary>
public sealed class CorpusManifestTests
{
    private static readonly Dictionary<string, Func<string, IReadOnlyList<ManifestError>>> Parsers = new(StringComparer.Ordinal)
    {
        ["pyproject.toml"] = text => PyProjectFile.Parse(text).Errors,
        ["poetry.lock"] = text => PoetryLock.Parse(text).Errors,
        ["uv.lock"] = text => UvLock.Parse(text).Errors,
        ["Pipfile"] = text => PipfileFile.Parse(text).Errors,
        ["Pipfile.lock"] = text => PipfileLock.Parse(text).Errors,
        [".python-version"] = text => PythonVersionFile.Parse(text).Errors,
        ["runtime.txt"] = text => RuntimeTxtFile.Parse(text).Errors,
    };

    private readonly ITestOutputHelper _output;

    public CorpusManifestTests(ITestOutputHelper output) => _output = output;

    private static IEnumerable<string> ManifestPaths() =>
        Directory.EnumerateFiles(TestPaths.Corpus, "*", SearchOption.AllDirectories)
            .Where(path => Parsers.ContainsKey(Path.GetFileName(path)))
            .Select(path => Path.GetRelativePath(TestPaths.Corpus, path))
            .OrderBy(path => path, StringComparer.Ordinal);

    public static TheoryData<string> Manifests => new(ManifestPaths());

    [Theory]
    [MemberData(nameof(Manifests))]
    public void A_corpus_manifest_parses_without_errors(string relativePath)
    {
        string text = File.ReadAllText(Path.Combine(TestPaths.Corpus, relativePath));
        var errors = Parsers[Path.GetFileName(relativePath)](text);
        Assert.True(errors.Count == 0, string.Join("\n", errors));
    }

    [Fact]
    public void The_corpus_holds_each_kind_of_manifest()
    {
        var counts = ManifestPaths().GroupBy(Path.GetFileName).ToDictionary(g => g.Key!, g => g.Count());
        foreach (var (name, count) in counts.OrderBy(c => c.Key, StringComparer.Ordinal)) _output.WriteLine($"corpus {name}: {count}");
        foreach (var name in new[] { "pyproject.toml", "poetry.lock", "uv.lock", "Pipfile", "Pipfile.lock" })
            Assert.True(counts.GetValueOrDefault(name) > 0, $"no {name} in the corpus");
    }

    [Fact]
    public void The_corpus_models_are_filled()
    {
        string Read(string path) => File.ReadAllText(Path.Combine(TestPaths.Corpus, path));
        var poetry = PyProjectFile.Parse(Read("michaeloliverx/python-poetry-docker-example/pyproject.toml")).Poetry!;
        Assert.Equal("^3.7", poetry.PythonConstraint!.Value);
        Assert.Contains(poetry.DevDependencies, d => d.Name.Name == "pytest");

        var groups = PyProjectFile.Parse(Read("meltano/meltano/pyproject.toml")).DependencyGroups;
        Assert.NotEmpty(groups);
        Assert.All(groups, g => Assert.True(g.Requirements.Count >= g.Entries.Count(e => e.Requirement != null)));

        var uvLock = UvLock.Parse(Read("meltano/meltano/uv.lock"));
        Assert.True(uvLock.Packages.Count > 100);
        Assert.Contains(uvLock.Packages, p => p.HasHashes);

        var pipfileLock = PipfileLock.Parse(Read("bridgecrewio/checkov/Pipfile.lock"));
        Assert.NotEmpty(pipfileLock.Default);
        Assert.All(pipfileLock.Default.Where(p => p.Source?.Kind != "git"), p => Assert.True(p.HasHashes, p.Name.Value));
    }
}
