namespace PyDockerLsp.Core.Scaffolding;

/// <summary>
/// What the templates see. Every decision is made here, in code, so that the templates only lay text out and a user's
/// override template can rely on the same names. Property names are the template variables (<c>{{VenvPath}}</c>).
/// </summary>
public sealed class DockerfileTemplateModel
{
    // ---- The pattern and the header
    public required string PatternName { get; init; }
    public required string Title { get; init; }
    public required string SeedsText { get; init; }
    /// <summary>"Package manager: uv (uv.lock found)", one line per detected fact.</summary>
    public required IReadOnlyList<string> DetectionLines { get; init; }
    /// <summary>Warnings the user must act on (no entry point, server not a dependency, private index credentials).</summary>
    public required IReadOnlyList<string> Notes { get; init; }
    public required string BuildCommand { get; init; }
    public required string ProjectName { get; init; }

    // ---- Images and tools
    public required string PythonVersion { get; init; }
    public required string BuilderImage { get; init; }
    public required string FinalImage { get; init; }
    public required string UvImage { get; init; }
    public required string PoetryVersion { get; init; }
    public required string PipenvVersion { get; init; }

    // ---- How dependencies are installed
    /// <summary>uv is the installer (the uv pattern, or a uv project in any pattern).</summary>
    public required bool UsesUv { get; init; }
    /// <summary><c>uv sync</c> from uv.lock.</summary>
    public required bool UvSync { get; init; }
    /// <summary><c>uv pip install</c> for a project without uv.lock.</summary>
    public required bool UvPip { get; init; }
    public required bool IsPoetry { get; init; }
    public required bool IsPipenv { get; init; }
    /// <summary>pip installs the dependencies from requirements files before the project is copied.</summary>
    public required bool HasPipDependencyStep { get; init; }
    /// <summary>pip installs a pyproject project: its [project] dependencies are read with tomllib (Python 3.11+) and installed
    /// before the source is copied, so a code change does not reinstall them.</summary>
    public required bool HasPyProjectDependencyStep { get; init; }
    /// <summary>The virtual environment: /venv for pip, /app/.venv for uv, Poetry and Pipenv.</summary>
    public required string VenvPath { get; init; }
    /// <summary>Files bind-mounted into the dependency install (requirements and their includes, or pyproject.toml + uv.lock).</summary>
    public required IReadOnlyList<string> DependencyMounts { get; init; }
    /// <summary>The install arguments: <c>-r requirements.txt</c>.</summary>
    public required string DependencyArgs { get; init; }
    public required string DependencyFilesText { get; init; }
    /// <summary>pyproject.toml, poetry.lock and the files Poetry reads with them (the readme).</summary>
    public required string PoetryManifestsText { get; init; }
    /// <summary>Copy the source and install the project itself after the dependencies.</summary>
    public required bool InstallProject { get; init; }
    /// <summary>pip.conf is mounted as the build secret <c>pipconf</c> on every pip install.</summary>
    public required bool PipConfSecret { get; init; }

    // ---- The dev stage (dev-test-stages)
    public required bool HasDevStage { get; init; }
    /// <summary>A shared base stage already puts the environment on PATH (dev-test-stages).</summary>
    public required bool PathSetInBase { get; init; }
    public required bool HasDevRequirements { get; init; }
    public required IReadOnlyList<string> DevMounts { get; init; }
    public required string DevArgs { get; init; }
    public required string TestCommandText { get; init; }

    // ---- System packages (seed 004)
    public required bool HasNativeBuildPackages { get; init; }
    public required bool HasNativeRuntimePackages { get; init; }
    public required IReadOnlyList<string> NativeBuildPackages { get; init; }
    public required IReadOnlyList<string> NativeRuntimePackages { get; init; }
    public required string NativeReason { get; init; }
    /// <summary><c>apt-get upgrade</c> in the final stage (seed 000).</summary>
    public required bool UpgradeOsPackages { get; init; }
    public required bool HasRuntimeAptStep { get; init; }

    // ---- The final stage
    public required string UserName { get; init; }
    public required string GroupName { get; init; }
    public required int Uid { get; init; }
    public required int Gid { get; init; }
    /// <summary>What USER names: <c>appuser</c>, or <c>nonroot:nonroot</c> on distroless.</summary>
    public required string UserSpec { get; init; }
    /// <summary>A WORKDIR under /app the app runs from, or null for /app itself.</summary>
    public required string? RunDirectory { get; init; }
    /// <summary>PYTHONPATH for the final stage, or null.</summary>
    public required string? PythonPath { get; init; }
    public required bool IsWebApp { get; init; }
    public required bool IsDjango { get; init; }
    public required int Port { get; init; }
    public required int WebConcurrency { get; init; }
    public required string HealthCheckPath { get; init; }
    /// <summary>The HEALTHCHECK command in exec form: <c>["python", "-c", "..."]</c>.</summary>
    public required string HealthCheckJson { get; init; }
    /// <summary>ENTRYPOINT in exec form, or null (only distroless sets one).</summary>
    public required string? EntrypointJson { get; init; }
    /// <summary>CMD in exec form.</summary>
    public required string CommandJson { get; init; }

    // ---- Distroless
    public required string? DistrolessReason { get; init; }
    /// <summary>The builder's site-packages directory.</summary>
    public required string SitePackagesPath { get; init; }
    /// <summary>Where the final distroless image keeps the packages.</summary>
    public required string DistrolessPackagesPath { get; init; }

    // ---- .dockerignore
    public required IReadOnlyList<string> LocalVirtualEnvironments { get; init; }
    /// <summary>Files the build reads, re-included with <c>!</c> at the end of .dockerignore.</summary>
    public required IReadOnlyList<string> KeepFiles { get; init; }
}
