namespace PyDockerLsp.Core.Scaffolding;

/// <summary>A web application object found in the source: what serves it and where it was found.</summary>
/// <param name="File">The file, relative to the project root.</param>
/// <param name="Line">1-based line of the assignment or factory definition.</param>
public sealed record AppCandidate(WebFramework Framework, EntryPoint EntryPoint, string File, int Line, string Reason);

/// <summary>Bounds for the source scan, so a huge folder cannot stall the server.</summary>
public sealed record SourceScanLimits
{
    public int MaxPythonFiles { get; init; } = 400;
    public int MaxDirectories { get; init; } = 2000;
    /// <summary>Folder depth below the project root (the root is 0).</summary>
    public int MaxDepth { get; init; } = 5;
    /// <summary>Only the start of a larger file is read.</summary>
    public int MaxFileChars { get; init; } = 200_000;

    public static readonly SourceScanLimits Default = new();
}

/// <summary>
/// What the project's files (not its manifests) say: the framework and entry point, the port, the source layout, a pip.conf.
/// Every answer has its reason. Null means "nothing found", never "an error".
/// </summary>
public sealed record SourceDetection
{
    public Reasoned<WebFramework>? Framework { get; init; }
    public Reasoned<EntryPoint>? EntryPoint { get; init; }
    /// <summary>A port named in the code or a server config, else the framework's default; null for non-web projects.</summary>
    public Reasoned<int>? Port { get; init; }
    /// <summary>Django's settings module from manage.py's DJANGO_SETTINGS_MODULE default.</summary>
    public Reasoned<string>? DjangoSettingsModule { get; init; }
    public PrivateIndex? PrivateIndex { get; init; }
    public SourceLayout Layout { get; init; } = SourceLayout.Unknown;
    /// <summary>Every web app found, the chosen one first (the review step can offer the others).</summary>
    public IReadOnlyList<AppCandidate> AppCandidates { get; init; } = Array.Empty<AppCandidate>();
    /// <summary>Folders holding a virtual environment (pyvenv.cfg), relative to the root.</summary>
    public IReadOnlyList<string> LocalVirtualEnvironments { get; init; } = Array.Empty<string>();
    /// <summary>How the scan went, e.g. that a limit cut it short.</summary>
    public IReadOnlyList<string> Notes { get; init; } = Array.Empty<string>();

    /// <summary>
    /// Fills what <paramref name="inputs"/> leaves open (no framework, no entry point, no port, no private index,
    /// unknown layout, no local environments) from this detection. What the inputs already say wins: manifests are the
    /// stronger evidence for the package manager and dependencies, the code for the entry point.
    /// </summary>
    public ScaffoldInputs CompleteInputs(ScaffoldInputs inputs)
    {
        var result = inputs;
        if (result.Framework.Value == WebFramework.None && Framework != null) result = result with { Framework = Framework };
        if (result.EntryPoint == null && EntryPoint != null) result = result with { EntryPoint = EntryPoint };
        if (result.Port == null && Port != null && result.IsWebApp) result = result with { Port = Port };
        if (result.PrivateIndex == null && PrivateIndex != null) result = result with { PrivateIndex = PrivateIndex };
        if (result.Layout.Kind == SourceLayoutKind.Unknown) result = result with { Layout = Layout };
        if (result.LocalVirtualEnvironments.Count == 0) result = result with { LocalVirtualEnvironments = LocalVirtualEnvironments };
        return result;
    }
}
