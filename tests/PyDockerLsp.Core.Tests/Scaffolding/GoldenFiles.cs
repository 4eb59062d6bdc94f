using PyDockerLsp.Core.Tests.Support;

namespace PyDockerLsp.Core.Tests.Scaffolding;

/// <summary>Expected outputs kept as files; PYDOCKER_UPDATE_GOLDEN=1 rewrites them from the current output.</summary>
public static class GoldenFiles
{
    public static string Folder => Path.Combine(TestPaths.RepoRoot, "tests", "PyDockerLsp.Core.Tests", "Scaffolding", "Golden");

    public static bool Updating => Environment.GetEnvironmentVariable("PYDOCKER_UPDATE_GOLDEN") == "1";

    public static void AssertMatches(string fileName, string actual)
    {
        var path = Path.Combine(Folder, fileName);
        if (Updating)
        {
            Directory.CreateDirectory(Folder);
            File.WriteAllText(path, actual);
            return;
        }
        Assert.True(File.Exists(path), $"Golden file {path} is missing; run the tests with PYDOCKER_UPDATE_GOLDEN=1 to create it.");
        var expected = File.ReadAllText(path).Replace("\r\n", "\n");
        Assert.Equal(expected, actual);
    }
}
