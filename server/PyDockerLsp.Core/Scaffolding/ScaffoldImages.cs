namespace PyDockerLsp.Core.Scaffolding;

/// <summary>
/// The images and tool versions the generated Dockerfiles pin. One place to bump them.
/// Versions are pinned so that a rebuild months later installs the same tools (PD103, PD210).
/// </summary>
public static class ScaffoldImages
{
    /// <summary>uv's release whose image <c>ghcr.io/astral-sh/uv:&lt;version&gt;</c> provides the <c>/uv</c> binary.</summary>
    public const string UvVersion = "0.13.8";

    public const string PoetryVersion = "2.5.1";

    public const string PipenvVersion = "2026.10.3";

    /// <summary>The Python to use when the project states no constraint at all.</summary>
    public const string StablePython = "3.14";

    public static string UvImage => "ghcr.io/astral-sh/uv:" + UvVersion;

    /// <summary>
    /// The Debian release of the <c>python:X.Y-slim-&lt;suite&gt;</c> tag. Naming the release (instead of plain <c>-slim</c>)
    /// keeps the system libraries and apt package names from changing under the image when Debian's stable release moves on.
    /// Trixie is Debian's stable release; Python 3.9 and older were never built on it.
    /// </summary>
    public static string DebianSuiteFor(string pythonVersion)
    {
        var (major, minor) = ParsePythonVersion(pythonVersion);
        return major == 3 && minor <= 9 ? "bookworm" : "trixie";
    }

    /// <summary><c>python:3.12-slim-trixie</c>.</summary>
    public static string SlimImage(string pythonVersion) => "python:" + pythonVersion + "-slim-" + DebianSuiteFor(pythonVersion);

    /// <summary>
    /// Google's distroless Python images, newest first. Each ships one Python from its Debian release, so the builder must run
    /// that same Python on that same Debian (the compiled extensions and the glibc must match).
    /// </summary>
    public static readonly IReadOnlyList<DistrolessImage> DistrolessImages = new[]
    {
        new DistrolessImage("gcr.io/distroless/python3-debian13:nonroot", "3.13", "trixie"),
        new DistrolessImage("gcr.io/distroless/python3-debian12:nonroot", "3.11", "bookworm"),
    };

    /// <summary>Parses "X.Y"; throws <see cref="ArgumentException"/> for anything else.</summary>
    public static (int Major, int Minor) ParsePythonVersion(string pythonVersion)
    {
        if (TryParsePythonVersion(pythonVersion, out var major, out var minor)) return (major, minor);
        throw new ArgumentException($"Python version must be \"X.Y\", e.g. \"3.12\"; got \"{pythonVersion}\".", nameof(pythonVersion));
    }

    public static bool TryParsePythonVersion(string? pythonVersion, out int major, out int minor)
    {
        major = minor = 0;
        if (string.IsNullOrEmpty(pythonVersion)) return false;
        int dot = pythonVersion.IndexOf('.');
        if (dot <= 0 || dot == pythonVersion.Length - 1) return false;
        return int.TryParse(pythonVersion.AsSpan(0, dot), System.Globalization.NumberStyles.None, null, out major)
            && int.TryParse(pythonVersion.AsSpan(dot + 1), System.Globalization.NumberStyles.None, null, out minor);
    }
}

/// <param name="Image">The final image, with the <c>nonroot</c> tag.</param>
/// <param name="PythonVersion">The Python X.Y inside it.</param>
/// <param name="DebianSuite">Its Debian release, which the builder's <c>python:X.Y-slim-&lt;suite&gt;</c> must match.</param>
public sealed record DistrolessImage(string Image, string PythonVersion, string DebianSuite)
{
    public string BuilderImage => "python:" + PythonVersion + "-slim-" + DebianSuite;
}
