namespace PyDockerLsp.Core.Python.Packaging;

/// <summary>
/// The CPython feature releases (X.Y series) that exist, oldest first: what a <c>requires-python</c> is matched
/// against when choosing a <c>python:X.Y</c> image. Source: python.org's release list; 3.14.0 was released on
/// 7 October 2025 and is the newest series here. Update when a new X.Y ships.
/// </summary>
public static class CPythonReleases
{
    public static IReadOnlyList<(int Major, int Minor)> KnownMinorVersions { get; } = new[]
    {
        (2, 7),
        (3, 0), (3, 1), (3, 2), (3, 3), (3, 4), (3, 5), (3, 6), (3, 7), (3, 8), (3, 9),
        (3, 10), (3, 11), (3, 12), (3, 13), (3, 14),
    };

    /// <summary>The newest known series <paramref name="requiresPython"/> allows, or null when it allows none.</summary>
    public static (int Major, int Minor)? NewestAllowed(SpecifierSet requiresPython) =>
        requiresPython.NewestAllowedMinor(KnownMinorVersions);
}
