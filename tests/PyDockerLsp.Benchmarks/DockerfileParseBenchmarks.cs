using BenchmarkDotNet.Attributes;
using PyDockerLsp.Core.Syntax.Dockerfile;

namespace PyDockerLsp.Benchmarks;

/// <summary>Parsing a realistic Dockerfile on every keystroke: targets 0.5 ms for 1,000 lines and 5 ms for 10,000.</summary>
[MemoryDiagnoser]
public class DockerfileParseBenchmarks
{
    private string _text = "";

    [Params(1000, 10000)]
    public int Lines { get; set; }

    [GlobalSetup]
    public void Setup() => _text = RealisticDockerfile.Generate(Lines);

    [Benchmark]
    public DockerfileSyntax Parse() => DockerfileParser.Parse(_text);

    /// <summary>Parse plus the shell view of every RUN, which rules ask for lazily.</summary>
    [Benchmark]
    public int ParseAndReadShellCommands()
    {
        var syntax = DockerfileParser.Parse(_text);
        int count = 0;
        foreach (var instruction in syntax.Instructions)
            if (instruction is RunInstruction run) count += run.ShellCommands.Count;
        return count;
    }
}
