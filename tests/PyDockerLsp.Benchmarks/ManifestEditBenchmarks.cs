using BenchmarkDotNet.Attributes;
using PyDockerLsp.Core.Analysis;
using PyDockerLsp.Core.IO;

namespace PyDockerLsp.Benchmarks;

/// <summary>
/// Issue 7's budget: editing pyproject.toml in a workspace with 20 open Dockerfiles re-analyses every affected
/// Dockerfile within 50 ms. The workspace: one build context with pyproject.toml (dependencies, a dev group,
/// requires-python), a 5,000-line uv.lock, a requirements file, .python-version and .dockerignore, and 20 realistic
/// multi-stage Dockerfiles (150 lines each, generated like the harness's). An edit puts a new pyproject.toml text in
/// the editor overlay (alternating two texts, so it is parsed anew each time, as after a keystroke) and analyses
/// all 20 Dockerfiles with every rule: one after the other, and on two threads as the server's scheduler does on
/// a two-core machine.
/// Run: dotnet run -c Release --project tests/PyDockerLsp.Benchmarks -- --filter *ManifestEdit* --job short
/// </summary>
[MemoryDiagnoser]
public class ManifestEditBenchmarks
{
    public const int Dockerfiles = 20;
    private const string Context = "/ws/service";
    private const string PyProjectPath = Context + "/pyproject.toml";

    private OverlayFileSystem _fs = null!;
    private string[] _paths = Array.Empty<string>();
    private string _pyProjectA = "", _pyProjectB = "";
    private bool _flip;
    private readonly AnalysisOptions _options = new();

    [GlobalSetup]
    public void Setup()
    {
        var disk = new InMemoryFileSystem();
        _pyProjectA = PyProject(">=3.11,<3.14");
        _pyProjectB = PyProject(">=3.12,<3.14");
        disk.Add(PyProjectPath, _pyProjectA)
            .Add(Context + "/uv.lock", UvLockParseBenchmarks.BuildUvLock(UvLockParseBenchmarks.TargetLines, out _))
            .Add(Context + "/requirements.txt", "django==5.1.3\ngunicorn==23.0.0\nuvicorn[standard]==0.32.0\npsycopg2==2.9.10\nnumpy==2.1.3\npytest==8.3.4\n")
            .Add(Context + "/.python-version", "3.12\n")
            .Add(Context + "/.dockerignore", ".git\n.venv\n__pycache__\n*.md\n!README.md\n")
            .Add(Context + "/README.md", "# service\n");
        _paths = new string[Dockerfiles];
        for (int i = 0; i < Dockerfiles; i++)
        {
            _paths[i] = $"{Context}/Dockerfile.svc{i:D2}";
            disk.Add(_paths[i], RealisticDockerfile.Generate(150, (uint)(1000 + i)));
        }
        _fs = new OverlayFileSystem(disk);
        // Every Dockerfile is open in the editor: its buffer lies over the disk.
        foreach (var path in _paths) _fs.SetBuffer(path, disk.ReadAllText(path)!);
        int findings = ReanalyseSequentially();
        Console.WriteLine($"// {Dockerfiles} Dockerfiles, {findings} findings per pass");
    }

    private static string PyProject(string requiresPython) =>
        "[project]\nname = \"service\"\nversion = \"2.0.0\"\nreadme = \"README.md\"\nrequires-python = \"" + requiresPython + "\"\n"
        + "dependencies = [\n    \"django>=5.1\",\n    \"gunicorn>=23\",\n    \"uvicorn[standard]>=0.32\",\n    \"psycopg2>=2.9\",\n    \"numpy>=2.1\",\n]\n\n"
        + "[dependency-groups]\ndev = [\"pytest>=8\", \"ruff>=0.8\", \"mypy>=1.13\"]\n\n"
        + "[build-system]\nrequires = [\"hatchling\"]\nbuild-backend = \"hatchling.build\"\n";

    private void EditPyProject()
    {
        _flip = !_flip;
        _fs.SetBuffer(PyProjectPath, _flip ? _pyProjectB : _pyProjectA);
    }

    private int ReanalyseSequentially()
    {
        int findings = 0;
        foreach (var path in _paths) findings += DocumentAnalyzer.Analyze(path, _fs, _options, CancellationToken.None).Count;
        return findings;
    }

    [Benchmark(Baseline = true)]
    public int EditPyProjectThenReanalyse20Dockerfiles()
    {
        EditPyProject();
        return ReanalyseSequentially();
    }

    [Benchmark]
    public int EditPyProjectThenReanalyse20DockerfilesOnTwoThreads()
    {
        EditPyProject();
        int findings = 0;
        Parallel.ForEach(_paths, new ParallelOptions { MaxDegreeOfParallelism = 2 },
            path => Interlocked.Add(ref findings, DocumentAnalyzer.Analyze(path, _fs, _options, CancellationToken.None).Count));
        return findings;
    }

    /// <summary>What one Dockerfile costs on its own after the edit (the first to be re-published).</summary>
    [Benchmark]
    public int EditPyProjectThenReanalyseOneDockerfile()
    {
        EditPyProject();
        return DocumentAnalyzer.Analyze(_paths[0], _fs, _options, CancellationToken.None).Count;
    }
}
