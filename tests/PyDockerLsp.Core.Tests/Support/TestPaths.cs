namespace PyDockerLsp.Core.Tests.Support;

/// <summary>Where the repository and the shared conformance data are, wherever the tests run from.</summary>
public static class TestPaths
{
    private static readonly Lazy<string> RepoRootLazy = new(() =>
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir != null && !File.Exists(Path.Combine(dir.FullName, "PyDockerLsp.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("PyDockerLsp.sln not found above " + AppContext.BaseDirectory);
    });

    /// <summary>The folder holding PyDockerLsp.sln.</summary>
    public static string RepoRoot => RepoRootLazy.Value;

    /// <summary>The shared folder beside the repository (conformance suites, corpus, seeds); PYDOCKER_SHARED overrides it.</summary>
    public static string Shared
    {
        get
        {
            var env = Environment.GetEnvironmentVariable("PYDOCKER_SHARED");
            if (!string.IsNullOrEmpty(env)) return env;
            return Path.GetFullPath(Path.Combine(RepoRoot, "..", "shared"));
        }
    }

    public static string Conformance(params string[] parts) => Path.Combine(new[] { Shared, "conformance" }.Concat(parts).ToArray());
    public static string Corpus => Path.Combine(Shared, "corpus", "visible");

    /// <summary>A fixture under tests/PyDockerLsp.Core.Tests/Fixtures.</summary>
    public static string Fixture(params string[] parts) =>
        Path.Combine(new[] { RepoRoot, "tests", "PyDockerLsp.Core.Tests", "Fixtures" }.Concat(parts).ToArray());
}
