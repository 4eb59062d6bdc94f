using System.Globalization;
using System.Text;

namespace PyDockerLsp.Core.Scaffolding;

/// <summary>Turns the detected inputs and a chosen pattern into the <see cref="DockerfileTemplateModel"/>.</summary>
internal static class TemplateModelBuilder
{
    private const string PipVenv = "/venv";
    private const string ProjectVenv = "/app/.venv";
    private const string DistrolessPackages = "/opt/site-packages";

    public static DockerfileTemplateModel Build(ScaffoldInputs inputs, PatternInfo pattern)
    {
        Validate(inputs);
        var notes = new List<string>();
        var manager = inputs.PackageManager.Value;
        bool isPipManager = inputs.UsesPip;
        bool isDistroless = pattern.Id == PatternId.Distroless;

        // Which tool installs: the uv pattern uses uv for pip projects too; every other pattern uses the project's own tool.
        bool uvSync = manager == PackageManager.Uv;
        bool uvPip = pattern.Id == PatternId.Uv && isPipManager;
        bool usesUv = uvSync || uvPip;
        bool isPoetry = manager == PackageManager.Poetry;
        bool isPipenv = manager == PackageManager.Pipenv;
        bool pipInstalls = isPipManager && !uvPip;
        string venv = pipInstalls ? PipVenv : ProjectVenv;

        var runtimeFiles = inputs.RuntimeRequirementsFiles;
        if (manager == PackageManager.PipRequirements && runtimeFiles.Count == 0)
        {
            runtimeFiles = new[] { "requirements.txt" };
            notes.Add("No runtime requirements file was given; the Dockerfile assumes requirements.txt.");
        }

        var dependencyMounts = new List<string>();
        string dependencyArgs = "";
        if (uvSync)
        {
            dependencyMounts.Add("uv.lock");
            dependencyMounts.Add("pyproject.toml");
        }
        else if (manager == PackageManager.PipRequirements)
        {
            AddDistinct(dependencyMounts, runtimeFiles);
            AddDistinct(dependencyMounts, inputs.RequirementsIncludedFiles);
            dependencyArgs = RequirementArgs(runtimeFiles);
        }
        else if (uvPip)
        {
            dependencyMounts.Add("pyproject.toml");
            dependencyArgs = "-r pyproject.toml";
        }

        bool hasPipDependencyStep = pipInstalls && manager == PackageManager.PipRequirements;
        // pip cannot install a pyproject's dependencies without building the project, so that install is the project install.
        bool installProject = inputs.IsInstallable || (pipInstalls && manager == PackageManager.PipPyProject);
        bool pipConfSecret = pipInstalls && inputs.PrivateIndex?.PipConfFile != null;
        if (inputs.PrivateIndex is { } index && !pipConfSecret)
            notes.Add(PrivateIndexNote(index, usesUv, isPoetry, isPipenv));

        var devMounts = new List<string>();
        AddDistinct(devMounts, inputs.DevRequirementsFiles);
        AddDistinct(devMounts, inputs.RequirementsIncludedFiles);
        var testCommand = PatternAvailability.TestCommand(inputs);

        // The Python and images.
        string pythonVersion = inputs.PythonVersion.Value;
        string builderImage = ScaffoldImages.SlimImage(pythonVersion);
        string finalImage = builderImage;
        string? distrolessReason = null;
        if (isDistroless)
        {
            var (available, reason) = PatternAvailability.Distroless(inputs, out var image);
            if (!available || image == null) throw new ScaffoldException("The distroless pattern does not apply: " + reason + ".");
            pythonVersion = image.PythonVersion;
            builderImage = image.BuilderImage;
            finalImage = image.Image;
            distrolessReason = $"The builder runs Python {image.PythonVersion} on Debian {image.DebianSuite}, as {image.Image} does,";
        }

        // The entry point, the command and the web settings.
        var entryPoint = ContainerCommand.Resolve(inputs, notes);
        bool isWebApp = inputs.IsWebApp;
        var port = inputs.Port ?? FrameworkDefaults.PortFor(inputs.Framework.Value);
        string? entrypointJson = null;
        string commandJson;
        if (isDistroless)
        {
            var arguments = ContainerCommand.ArgumentsForPython(inputs, entryPoint, port.Value)
                ?? throw new ScaffoldException($"The distroless pattern cannot start `{ContainerCommand.Describe(entryPoint)}` without a shell.");
            entrypointJson = ContainerCommand.ExecForm(new[] { "python" });
            commandJson = ContainerCommand.ExecForm(arguments);
        }
        else
        {
            commandJson = ContainerCommand.ExecForm(ContainerCommand.ForSlimImage(inputs, entryPoint, port.Value));
        }
        var server = ContainerCommand.ServerFor(inputs, entryPoint);
        if (inputs.ServerIsDependency == false && server is { } missing)
            notes.Add(ServerNote(missing, entryPoint, manager));

        string? runDirectory = entryPoint.WorkingDirectory.Trim('/').Length == 0 ? null : "/app/" + entryPoint.WorkingDirectory.Trim('/');
        bool srcLayout = inputs.Layout.Kind == SourceLayoutKind.Src;
        string? pythonPath = isDistroless
            ? DistrolessPackages + (srcLayout ? ":/app/src" : "")
            : srcLayout && !installProject ? "/app/src" : null;

        var detection = DetectionLines(inputs, pythonVersion, entryPoint, isWebApp ? port : null, server);
        string imageName = ImageName(inputs.ProjectName);
        string buildCommand = "docker build "
            + (pipConfSecret ? $"--secret id=pipconf,src={inputs.PrivateIndex!.PipConfFile} " : "")
            + "-t " + imageName + " .";

        var native = inputs.NativeNeeds;
        bool upgrade = pattern.Id == PatternId.BuilderVenv;
        return new DockerfileTemplateModel
        {
            PatternName = pattern.Name,
            Title = pattern.Title,
            SeedsText = string.Join(", ", pattern.Seeds),
            DetectionLines = detection,
            Notes = notes,
            BuildCommand = buildCommand,
            ProjectName = inputs.ProjectName,

            PythonVersion = pythonVersion,
            BuilderImage = builderImage,
            FinalImage = finalImage,
            UvImage = ScaffoldImages.UvImage,
            PoetryVersion = ScaffoldImages.PoetryVersion,
            PipenvVersion = ScaffoldImages.PipenvVersion,

            UsesUv = usesUv,
            UvSync = uvSync,
            UvPip = uvPip,
            IsPoetry = isPoetry,
            IsPipenv = isPipenv,
            HasPipDependencyStep = hasPipDependencyStep,
            HasPyProjectDependencyStep = pipInstalls && manager == PackageManager.PipPyProject
                && ScaffoldImages.ParsePythonVersion(pythonVersion).CompareTo((3, 11)) >= 0,
            VenvPath = venv,
            DependencyMounts = dependencyMounts,
            DependencyArgs = dependencyArgs,
            DependencyFilesText = uvPip && manager == PackageManager.PipPyProject ? "pyproject.toml" : string.Join(" or ", runtimeFiles),
            PoetryManifestsText = PoetryManifests(inputs),
            InstallProject = installProject,
            PipConfSecret = pipConfSecret,

            HasDevStage = pattern.Id == PatternId.DevTestStages,
            PathSetInBase = pattern.Id == PatternId.DevTestStages,
            HasDevRequirements = inputs.DevRequirementsFiles.Count > 0,
            DevMounts = devMounts,
            DevArgs = RequirementArgs(inputs.DevRequirementsFiles),
            TestCommandText = ContainerCommand.ShellJoin(testCommand.Value),

            HasNativeBuildPackages = native.HasBuildPackages,
            HasNativeRuntimePackages = native.HasRuntimePackages && !isDistroless,
            NativeBuildPackages = native.BuildPackages,
            NativeRuntimePackages = native.RuntimePackages,
            NativeReason = OneLine(native.Reason),
            UpgradeOsPackages = upgrade,
            HasRuntimeAptStep = upgrade || (native.HasRuntimePackages && !isDistroless),

            UserName = "appuser",
            GroupName = "appgroup",
            Uid = 1001,
            Gid = 1001,
            UserSpec = isDistroless ? "nonroot:nonroot" : "appuser",
            RunDirectory = runDirectory,
            PythonPath = pythonPath,
            IsWebApp = isWebApp,
            IsDjango = inputs.Framework.Value == WebFramework.Django && !isDistroless,
            Port = port.Value,
            WebConcurrency = FrameworkDefaults.WebConcurrency,
            HealthCheckPath = inputs.HealthCheckPath,
            HealthCheckJson = ContainerCommand.ExecForm(ContainerCommand.HealthCheck(port.Value, inputs.HealthCheckPath)),
            EntrypointJson = entrypointJson,
            CommandJson = commandJson,

            DistrolessReason = distrolessReason,
            SitePackagesPath = venv + "/lib/python" + pythonVersion + "/site-packages",
            DistrolessPackagesPath = DistrolessPackages,

            LocalVirtualEnvironments = inputs.LocalVirtualEnvironments.Select(p => p.Trim('/')).Where(p => p.Length > 0 && p != ".venv" && p != "venv").ToList(),
            KeepFiles = KeepFiles(inputs, runtimeFiles),
        };
    }

    private static void Validate(ScaffoldInputs inputs)
    {
        ScaffoldImages.ParsePythonVersion(inputs.PythonVersion.Value);
        if (inputs.Port is { Value: < 1 or > 65535 } port)
            throw new ArgumentException($"Port {port.Value} is not a TCP port (1-65535).", nameof(inputs));
        var path = inputs.HealthCheckPath;
        if (path.Length == 0 || path[0] != '/')
            throw new ArgumentException($"The healthcheck path must start with '/'; got \"{path}\".", nameof(inputs));
        foreach (var c in path)
        {
            // The path lands inside a Python string inside a JSON string: allow only URL characters that need no escaping there.
            if (!(char.IsAsciiLetterOrDigit(c) || "/-._~%?&=+:@!$,;*".IndexOf(c) >= 0))
                throw new ArgumentException($"The healthcheck path \"{path}\" contains '{c}', which is not allowed.", nameof(inputs));
        }
        foreach (var file in AllFiles(inputs))
        {
            // File names go into --mount options and COPY lines unquoted.
            if (file.Length == 0 || file.IndexOfAny(new[] { ',', '"', '\'', ' ', '\n', '\r', '\t', '$', '\\' }) >= 0)
                throw new ArgumentException($"The file name \"{file}\" cannot be used in a generated Dockerfile.", nameof(inputs));
        }
    }

    private static IEnumerable<string> AllFiles(ScaffoldInputs inputs)
    {
        foreach (var f in inputs.RuntimeRequirementsFiles) yield return f;
        foreach (var f in inputs.DevRequirementsFiles) yield return f;
        foreach (var f in inputs.RequirementsIncludedFiles) yield return f;
        foreach (var f in inputs.LockFiles) yield return f;
        foreach (var f in inputs.LicenseFiles) yield return f;
        if (inputs.ReadmeFile != null) yield return inputs.ReadmeFile;
        if (inputs.PrivateIndex?.PipConfFile is { } conf) yield return conf;
    }

    private static string RequirementArgs(IReadOnlyList<string> files)
    {
        var builder = new StringBuilder();
        foreach (var file in files)
        {
            if (builder.Length > 0) builder.Append(' ');
            builder.Append("-r ").Append(file);
        }
        return builder.ToString();
    }

    private static string PoetryManifests(ScaffoldInputs inputs)
    {
        var files = new List<string> { "pyproject.toml", "poetry.lock" };
        // Poetry reads the readme named in pyproject.toml when it validates the project, even with --no-root.
        if (inputs.ReadmeFile is { } readme && !readme.Contains('/')) files.Add(readme);
        return string.Join(" ", files);
    }

    private static List<string> KeepFiles(ScaffoldInputs inputs, IReadOnlyList<string> runtimeFiles)
    {
        var keep = new List<string>();
        if (inputs.PackageManager.Value != PackageManager.PipRequirements || inputs.IsInstallable) keep.Add("pyproject.toml");
        if (inputs.PackageManager.Value == PackageManager.Pipenv) keep.Add("Pipfile");
        AddDistinct(keep, inputs.LockFiles);
        AddDistinct(keep, runtimeFiles);
        AddDistinct(keep, inputs.DevRequirementsFiles);
        AddDistinct(keep, inputs.RequirementsIncludedFiles);
        if (inputs.ReadmeFile != null) AddDistinct(keep, new[] { inputs.ReadmeFile });
        AddDistinct(keep, inputs.LicenseFiles);
        return keep;
    }

    private static List<string> DetectionLines(ScaffoldInputs inputs, string pythonVersion, EntryPoint entryPoint, Reasoned<int>? port, AppServer? server)
    {
        var lines = new List<string>
        {
            $"Package manager: {ManagerName(inputs.PackageManager.Value)} ({OneLine(inputs.PackageManager.Reason)})",
            pythonVersion == inputs.PythonVersion.Value
                ? $"Python {pythonVersion} ({OneLine(inputs.PythonVersion.Reason)})"
                : $"Python {pythonVersion}, the distroless image's (the project's choice was {inputs.PythonVersion.Value}: {OneLine(inputs.PythonVersion.Reason)})",
        };
        if (inputs.Framework.Value != WebFramework.None)
            lines.Add($"Framework: {FrameworkName(inputs.Framework.Value)} ({OneLine(inputs.Framework.Reason)})");
        if (inputs.EntryPoint is { } found)
            lines.Add($"Entry point: {ContainerCommand.Describe(found.Value)} ({OneLine(found.Reason)})");
        if (server is { } s)
            lines.Add("Server: " + (s == AppServer.Gunicorn ? "gunicorn" : "uvicorn") + (inputs.Server is { } chosen ? $" ({OneLine(chosen.Reason)})" : ""));
        if (port is { } p)
            lines.Add($"Port {p.Value} ({OneLine(p.Reason)})");
        if (inputs.NativeNeeds.Any)
            lines.Add($"System packages: {OneLine(inputs.NativeNeeds.Reason)}");
        if (inputs.PrivateIndex is { } index)
            lines.Add($"Private package index: {OneLine(index.Reason)}");
        return lines;
    }

    private static string PrivateIndexNote(PrivateIndex index, bool usesUv, bool isPoetry, bool isPipenv)
    {
        var how = usesUv
            ? "uv does not read pip.conf: pass the index credentials as a build secret on the install RUN, e.g. "
              + "`--mount=type=secret,id=uv_index_password,env=UV_INDEX_<NAME>_PASSWORD`"
            : isPoetry
                ? "pass Poetry the index credentials as a build secret on the install RUN, e.g. "
                  + "`--mount=type=secret,id=poetry_password,env=POETRY_HTTP_BASIC_<NAME>_PASSWORD`"
                : isPipenv
                    ? "pass the credentials the Pipfile's [[source]] URL expands (${VARIABLE}) as a build secret on the install RUN, e.g. "
                      + "`--mount=type=secret,id=index_token,env=INDEX_TOKEN`"
                    : "pass the index settings as a build secret, never as ARG or ENV";
        return $"The project uses a private package index ({OneLine(index.Reason)}); {how}.";
    }

    private static string ServerNote(AppServer server, EntryPoint entryPoint, PackageManager manager)
    {
        var package = server == AppServer.Gunicorn ? "gunicorn" : "uvicorn";
        if (server == AppServer.Gunicorn && entryPoint.Kind == EntryPointKind.AsgiApplication) package = "gunicorn and uvicorn";
        var how = manager switch
        {
            PackageManager.Uv => $"`uv add {package.Replace(" and ", " ")}`",
            PackageManager.Poetry => $"`poetry add {package.Replace(" and ", " ")}`",
            PackageManager.Pipenv => $"`pipenv install {package.Replace(" and ", " ")}`",
            PackageManager.PipPyProject => "add it to [project] dependencies in pyproject.toml",
            _ => "add it, pinned, to the requirements file",
        };
        return $"{package} is not among the project's dependencies but the command below runs it: {how}.";
    }

    public static string ManagerName(PackageManager manager) => manager switch
    {
        PackageManager.PipRequirements => "pip with requirements files",
        PackageManager.PipPyProject => "pip with pyproject.toml",
        PackageManager.Uv => "uv",
        PackageManager.Poetry => "Poetry",
        PackageManager.Pipenv => "Pipenv",
        _ => manager.ToString(),
    };

    public static string FrameworkName(WebFramework framework) => framework switch
    {
        WebFramework.FastApi => "FastAPI",
        _ => framework.ToString(),
    };

    /// <summary>A docker image name from the project name: lower case, [a-z0-9._-].</summary>
    public static string ImageName(string projectName)
    {
        var builder = new StringBuilder();
        foreach (var c in projectName.Trim().ToLowerInvariant())
            builder.Append(char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '.' || c == '_' || c == '-' ? c : '-');
        var name = builder.ToString().Trim('-', '.', '_');
        return name.Length == 0 ? "app" : name;
    }

    /// <summary>Reasons go into comment lines: one line, no control characters, bounded length.</summary>
    public static string OneLine(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
            builder.Append(char.IsControl(c) ? ' ' : c);
        var line = builder.ToString().Trim();
        return line.Length <= 200 ? line : line.Substring(0, 197) + "...";
    }

    private static void AddDistinct(List<string> list, IEnumerable<string> items)
    {
        foreach (var item in items)
        {
            var clean = item.Replace('\\', '/');
            if (clean.StartsWith("./", StringComparison.Ordinal)) clean = clean.Substring(2);
            if (!list.Contains(clean, StringComparer.Ordinal)) list.Add(clean);
        }
    }
}
