namespace PyDockerLsp.Core.Scaffolding;

/// <summary>A detected (or user-chosen) value together with why it was chosen, e.g. ("3.12", "requires-python >=3.11,<3.13").
/// The reason is shown to the user in the review step and written into the generated Dockerfile's header.</summary>
public sealed record Reasoned<T>(T Value, string Reason);

/// <summary>How the project declares and installs its dependencies.</summary>
public enum PackageManager
{
    /// <summary>requirements*.txt installed with pip.</summary>
    PipRequirements,
    /// <summary>pyproject.toml ([project] dependencies) installed with pip, no lock file.</summary>
    PipPyProject,
    /// <summary>uv: pyproject.toml + uv.lock.</summary>
    Uv,
    /// <summary>Poetry: pyproject.toml + poetry.lock.</summary>
    Poetry,
    /// <summary>Pipenv: Pipfile + Pipfile.lock.</summary>
    Pipenv,
}

public enum WebFramework { None, Django, FastApi, Flask }

public enum EntryPointKind
{
    /// <summary>A WSGI callable served by gunicorn: <c>mysite.wsgi:application</c>, <c>app:app</c>, <c>app:create_app()</c>.</summary>
    WsgiApplication,
    /// <summary>An ASGI callable served by uvicorn: <c>app.main:app</c>, <c>mysite.asgi:application</c>,
    /// or a factory <c>app.main:create_app()</c>.</summary>
    AsgiApplication,
    /// <summary>A <c>[project.scripts]</c> (or Poetry scripts) command installed into the environment's bin.</summary>
    ConsoleScript,
    /// <summary>A package run with <c>python -m</c> (it has a <c>__main__.py</c>).</summary>
    Module,
    /// <summary>A script file run with <c>python path/to/script.py</c>.</summary>
    Script,
}

/// <summary>What the container runs.</summary>
/// <param name="Target">Depends on <see cref="Kind"/>: <c>module:variable</c> (a trailing <c>()</c> marks an application factory),
/// the console script's name, the package name for <c>python -m</c>, or the script path relative to the project root.</param>
public sealed record EntryPoint(EntryPointKind Kind, string Target)
{
    /// <summary>For <see cref="EntryPointKind.ConsoleScript"/>: the object reference it calls (<c>pkg.cli:main</c>), when known.
    /// A distroless image cannot run the console-script wrapper, so that pattern needs it.</summary>
    public string? ConsoleScriptTarget { get; init; }

    /// <summary>The directory, relative to the project root, the app must run from ("" = the root);
    /// e.g. "src" when manage.py and the settings package live in src/.</summary>
    public string WorkingDirectory { get; init; } = "";

    /// <summary>True for <c>module:factory()</c> targets.</summary>
    public bool IsFactory => Target.EndsWith("()", StringComparison.Ordinal);

    /// <summary>The module part of a <c>module:attribute</c> target.</summary>
    public string Module
    {
        get { int colon = Target.IndexOf(':'); return colon < 0 ? Target : Target.Substring(0, colon); }
    }

    /// <summary>The attribute part of a <c>module:attribute</c> target, without a factory's <c>()</c>.</summary>
    public string Attribute
    {
        get
        {
            int colon = Target.IndexOf(':');
            var attribute = colon < 0 ? "" : Target.Substring(colon + 1);
            return attribute.EndsWith("()", StringComparison.Ordinal) ? attribute.Substring(0, attribute.Length - 2) : attribute;
        }
    }
}

/// <summary>The process that serves a web application.</summary>
public enum AppServer { Gunicorn, Uvicorn }

/// <summary>Operating-system packages the Python dependencies need (seed 004): headers and compilers in the builder,
/// shared libraries in the final stage. Package names are Debian's, for <see cref="ScaffoldImages.DebianSuiteFor"/>.</summary>
public sealed record NativeNeeds(IReadOnlyList<string> BuildPackages, IReadOnlyList<string> RuntimePackages, string Reason)
{
    public static readonly NativeNeeds None = new(Array.Empty<string>(), Array.Empty<string>(), "no dependency needs system packages");

    public bool HasBuildPackages => BuildPackages.Count > 0;
    public bool HasRuntimePackages => RuntimePackages.Count > 0;
    public bool Any => HasBuildPackages || HasRuntimePackages;
}

/// <summary>The project installs from a private or proxy package index (seed 000).</summary>
/// <param name="PipConfFile">A pip.conf in the project, relative to its root; it is handed to the build as a secret, never copied.</param>
/// <param name="DeclaredIn">Where an index URL is configured otherwise (e.g. "pyproject.toml [[tool.uv.index]]"), for the reason text.</param>
public sealed record PrivateIndex(string? PipConfFile, string? DeclaredIn, string Reason);

public enum SourceLayoutKind
{
    Unknown,
    /// <summary>Packages under <c>src/</c>.</summary>
    Src,
    /// <summary>Package directories at the project root.</summary>
    FlatPackage,
    /// <summary>A single module file at the project root.</summary>
    SingleModule,
}

/// <param name="Paths">The package directories or the module file, relative to the project root ("src", "mypkg", "app.py").</param>
public sealed record SourceLayout(SourceLayoutKind Kind, IReadOnlyList<string> Paths, string Reason)
{
    public static readonly SourceLayout Unknown = new(SourceLayoutKind.Unknown, Array.Empty<string>(), "no package or module found");
}

/// <summary>
/// Everything the scaffolder needs to know about a project: the contract between detection (the Python project model
/// plus <see cref="ProjectSourceDetector"/>) and the templates. Each detected answer carries its reason.
/// Paths are relative to the build context (the project root) with '/' separators.
/// </summary>
public sealed record ScaffoldInputs
{
    /// <summary>The project's name ([project] name, Poetry name, or the folder's name).</summary>
    public required string ProjectName { get; init; }

    public required Reasoned<PackageManager> PackageManager { get; init; }

    /// <summary>The Python "X.Y" for the base image (the newest the project's constraints allow).</summary>
    public required Reasoned<string> PythonVersion { get; init; }

    /// <summary>Every "X.Y" the project's Python constraints allow among the versions images exist for;
    /// empty when the project states no constraint. The distroless pattern needs this (its Python is fixed).</summary>
    public IReadOnlyList<string> AllowedPythonVersions { get; init; } = Array.Empty<string>();

    /// <summary>Requirements files the production install passes with <c>-r</c> (pip managers).</summary>
    public IReadOnlyList<string> RuntimeRequirementsFiles { get; init; } = Array.Empty<string>();

    /// <summary>Dev/test requirements files (installed only in the dev stage).</summary>
    public IReadOnlyList<string> DevRequirementsFiles { get; init; } = Array.Empty<string>();

    /// <summary>Files the requirements files pull in with <c>-r</c>/<c>-c</c>, which must be present when pip reads them.</summary>
    public IReadOnlyList<string> RequirementsIncludedFiles { get; init; } = Array.Empty<string>();

    /// <summary>Lock files present: uv.lock, poetry.lock, Pipfile.lock.</summary>
    public IReadOnlyList<string> LockFiles { get; init; } = Array.Empty<string>();

    /// <summary>The project declares dev/test dependencies (a dev group, [dev-packages], a dev requirements file).</summary>
    public bool HasDevDependencies { get; init; }

    public Reasoned<WebFramework> Framework { get; init; } = new(WebFramework.None, "no web framework found");

    public Reasoned<EntryPoint>? EntryPoint { get; init; }

    /// <summary>The port a web app listens on in the container.</summary>
    public Reasoned<int>? Port { get; init; }

    /// <summary>The server for a web app; when null it follows from the entry point (WSGI → gunicorn, ASGI → uvicorn).</summary>
    public Reasoned<AppServer>? Server { get; init; }

    /// <summary>Whether the server's package is among the project's runtime dependencies; null when unknown.
    /// False makes the Dockerfile say that it must be added.</summary>
    public bool? ServerIsDependency { get; init; }

    /// <summary>The path the HEALTHCHECK requests.</summary>
    public string HealthCheckPath { get; init; } = "/";

    public NativeNeeds NativeNeeds { get; init; } = NativeNeeds.None;

    public PrivateIndex? PrivateIndex { get; init; }

    /// <summary>The file pyproject's <c>readme</c> names; the project's build reads it, so it must stay in the context.</summary>
    public string? ReadmeFile { get; init; }

    /// <summary>License files the build reads (<c>license-files</c>, <c>license = {file = ...}</c>).</summary>
    public IReadOnlyList<string> LicenseFiles { get; init; } = Array.Empty<string>();

    /// <summary>The project itself is a package to install ([build-system] present and not Poetry's package-mode = false).</summary>
    public bool IsInstallable { get; init; }

    public SourceLayout Layout { get; init; } = SourceLayout.Unknown;

    /// <summary>What the dev stage runs; when null: <c>python -m pytest</c> if the project has dev dependencies,
    /// else <c>python -m unittest</c>.</summary>
    public Reasoned<IReadOnlyList<string>>? TestCommand { get; init; }

    /// <summary>Virtual environments found in the project folder under other names than .venv/venv (kept out of the context).</summary>
    public IReadOnlyList<string> LocalVirtualEnvironments { get; init; } = Array.Empty<string>();

    public bool IsWebApp => Framework.Value != WebFramework.None
        || EntryPoint?.Value.Kind is EntryPointKind.WsgiApplication or EntryPointKind.AsgiApplication;

    public bool UsesPip => PackageManager.Value is Scaffolding.PackageManager.PipRequirements or Scaffolding.PackageManager.PipPyProject;
}
