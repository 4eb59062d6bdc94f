using System.Globalization;
using System.Text;
using BenchmarkDotNet.Attributes;
using PyDockerLsp.Core.Python.Manifests;
using PyDockerLsp.Core.Python.Toml;

namespace PyDockerLsp.Benchmarks;

/// <summary>
/// Parsing a 5,000-line uv.lock (issue 5 budget: ≤ 10 ms). The file is generated deterministically from
/// entries shaped like real uv.lock packages: registry source, dependencies with markers, an sdist and a
/// varying number of wheels, each artifact an inline table with url, hash, size and upload time.
/// Run: dotnet run -c Release --project tests/PyDockerLsp.Benchmarks -- --filter *UvLock* --job short
/// </summary>
[MemoryDiagnoser]
public class UvLockParseBenchmarks
{
    public const int TargetLines = 5_000;

    private string _text = "";

    public int LineCount { get; private set; }

    [GlobalSetup]
    public void Setup()
    {
        _text = BuildUvLock(TargetLines, out int lines);
        LineCount = lines;
        var check = UvLock.Parse(_text);
        if (check.Errors.Count > 0) throw new InvalidOperationException("The generated uv.lock does not parse: " + check.Errors[0]);
        Console.WriteLine($"// generated uv.lock: {lines} lines, {_text.Length:N0} chars, {check.Packages.Count} packages");
    }

    [Benchmark(Baseline = true)]
    public TomlDocument ParseToml() => TomlParser.Parse(_text);

    [Benchmark]
    public UvLock ParseUvLockModel() => UvLock.Parse(_text);

    public static string BuildUvLock(int targetLines, out int lines)
    {
        var random = new Random(20240601);
        var text = new StringBuilder(targetLines * 120);
        text.Append("version = 1\nrevision = 3\nrequires-python = \">=3.11\"\nresolution-markers = [\n")
            .Append("    \"python_full_version >= '3.13'\",\n    \"python_full_version < '3.13'\",\n]\n\n");
        lines = 8;
        string[] markers = { "sys_platform == 'win32'", "python_full_version < '3.13'", "platform_python_implementation != 'PyPy'", "implementation_name == 'cpython'" };
        string[] tags = { "cp311-cp311-manylinux_2_17_x86_64.manylinux2014_x86_64", "cp312-cp312-macosx_11_0_arm64", "cp313-cp313-win_amd64", "cp312-cp312-musllinux_1_2_aarch64", "py3-none-any" };
        for (int p = 0; lines < targetLines; p++)
        {
            string name = $"package-{p:D4}";
            string version = $"{random.Next(0, 30)}.{random.Next(0, 20)}.{random.Next(0, 10)}";
            text.Append("[[package]]\nname = \"").Append(name).Append("\"\nversion = \"").Append(version)
                .Append("\"\nsource = { registry = \"https://pypi.org/simple\" }\n");
            lines += 4;
            int dependencies = random.Next(0, 4);
            if (dependencies > 0)
            {
                text.Append("dependencies = [\n");
                for (int d = 0; d < dependencies; d++)
                {
                    text.Append("    { name = \"package-").Append(random.Next(0, 2000).ToString("D4", CultureInfo.InvariantCulture)).Append('"');
                    if (random.Next(3) == 0) text.Append(", marker = \"").Append(markers[random.Next(markers.Length)]).Append('"');
                    text.Append(" },\n");
                }
                text.Append("]\n");
                lines += dependencies + 2;
            }
            text.Append("sdist = ");
            AppendArtifact(text, random, name, version, ".tar.gz");
            text.Append('\n');
            int wheels = random.Next(1, 13);
            text.Append("wheels = [\n");
            for (int w = 0; w < wheels; w++)
            {
                text.Append("    ");
                AppendArtifact(text, random, name, version, "-" + tags[w % tags.Length] + ".whl");
                text.Append(",\n");
            }
            text.Append("]\n\n");
            lines += wheels + 4;
        }
        return text.ToString();
    }

    private static void AppendArtifact(StringBuilder text, Random random, string name, string version, string suffix)
    {
        var hash = new byte[32];
        random.NextBytes(hash);
        string hex = Convert.ToHexString(hash).ToLowerInvariant();
        text.Append("{ url = \"https://files.pythonhosted.org/packages/").Append(hex, 0, 2).Append('/').Append(hex, 2, 2).Append('/')
            .Append(hex, 4, 60).Append('/').Append(name.Replace('-', '_')).Append('-').Append(version).Append(suffix)
            .Append("\", hash = \"sha256:").Append(hex).Append("\", size = ").Append(random.Next(10_000, 20_000_000))
            .Append(", upload-time = \"2025-0").Append(random.Next(1, 10)).Append("-1").Append(random.Next(0, 10))
            .Append("T12:3").Append(random.Next(0, 10)).Append(":0").Append(random.Next(0, 10)).Append(".").Append(random.Next(100, 999)).Append("Z\" }");
    }
}
