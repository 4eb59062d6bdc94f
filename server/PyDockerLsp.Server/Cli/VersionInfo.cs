using System.Reflection;

namespace PyDockerLsp.Server.Cli;

public static class VersionInfo
{
    /// <summary>The product version (from the build's Version property, without the source revision suffix).</summary>
    public static string Version { get; } = Read();

    private static string Read()
    {
        var informational = typeof(VersionInfo).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;
        if (string.IsNullOrEmpty(informational)) return typeof(VersionInfo).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";
        int plus = informational.IndexOf('+');
        return plus < 0 ? informational : informational.Substring(0, plus);
    }
}
