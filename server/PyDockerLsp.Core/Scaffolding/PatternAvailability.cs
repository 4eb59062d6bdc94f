namespace PyDockerLsp.Core.Scaffolding;

/// <summary>Which patterns apply to a project, and why; which one to recommend.</summary>
internal static class PatternAvailability
{
    public static PatternId RecommendedFor(ScaffoldInputs inputs) => inputs.PackageManager.Value switch
    {
        PackageManager.Uv => PatternId.Uv,
        PackageManager.Poetry => PatternId.Poetry,
        PackageManager.Pipenv => PatternId.Pipenv,
        _ => PatternId.BuilderVenv,
    };

    public static (bool Available, string Reason) Check(ScaffoldInputs inputs, PatternId pattern) => pattern switch
    {
        PatternId.BuilderVenv => BuilderVenv(inputs),
        PatternId.DevTestStages => DevTestStages(inputs),
        PatternId.Uv => Uv(inputs),
        PatternId.Poetry => OwnLock(inputs, PackageManager.Poetry, "poetry.lock", "Poetry"),
        PatternId.Pipenv => OwnLock(inputs, PackageManager.Pipenv, "Pipfile.lock", "Pipenv"),
        PatternId.Distroless => Distroless(inputs, out _),
        _ => (false, "unknown pattern"),
    };

    private static (bool, string) BuilderVenv(ScaffoldInputs inputs)
    {
        switch (inputs.PackageManager.Value)
        {
            case PackageManager.PipRequirements:
                return (true, "installs " + FilesText(inputs.RuntimeRequirementsFiles, "requirements.txt") + " with pip into /venv"
                    + (inputs.PrivateIndex?.PipConfFile is { } conf ? $"; {conf} reaches pip only as a build secret" : ""));
            case PackageManager.PipPyProject:
                return (true, "builds and installs the project from pyproject.toml with pip into /venv"
                    + (inputs.IsInstallable ? "" : " (no [build-system]: pip falls back to setuptools' defaults)")
                    + (inputs.PrivateIndex?.PipConfFile is { } pipConf ? $"; {pipConf} reaches pip only as a build secret" : ""));
            default:
                return (false, $"the dependencies are locked in {LockName(inputs.PackageManager.Value)}, which pip does not read: "
                    + $"the {ScaffoldPatterns.Get(RecommendedFor(inputs)).Name} pattern installs exactly the locked versions");
        }
    }

    private static (bool, string) DevTestStages(ScaffoldInputs inputs)
    {
        var test = TestCommand(inputs);
        string dev = inputs.PackageManager.Value switch
        {
            PackageManager.Uv => "the dev dependency groups from uv.lock",
            PackageManager.Poetry => "every Poetry group",
            PackageManager.Pipenv => "the [dev-packages]",
            _ => inputs.DevRequirementsFiles.Count > 0 ? FilesText(inputs.DevRequirementsFiles, "") : "",
        };
        return (true, dev.Length > 0
            ? $"`docker build --target dev` installs {dev} and runs `{ContainerCommand.ShellJoin(test.Value)}` ({test.Reason})"
            : $"`docker build --target dev` runs `{ContainerCommand.ShellJoin(test.Value)}` ({test.Reason})");
    }

    private static (bool, string) Uv(ScaffoldInputs inputs) => inputs.PackageManager.Value switch
    {
        PackageManager.Uv => (true, "installs exactly the versions in uv.lock with `uv sync --frozen`"),
        PackageManager.PipRequirements => (true, "installs " + FilesText(inputs.RuntimeRequirementsFiles, "requirements.txt")
            + " with `uv pip install`: the same requirements, installed much faster than by pip"),
        PackageManager.PipPyProject => (true, "installs the dependencies listed in pyproject.toml with `uv pip install`, much faster than pip"),
        var other => (false, $"the dependencies are locked in {LockName(other)}, which uv cannot install from (it would have to resolve them again)"),
    };

    private static (bool, string) OwnLock(ScaffoldInputs inputs, PackageManager manager, string lockName, string tool) =>
        inputs.PackageManager.Value == manager
            ? (true, $"installs exactly the versions in {lockName}")
            : (false, $"the project is not managed by {tool} (no {lockName})");

    /// <summary>Distroless ships one Python per Debian release and nothing else, so the project must allow that Python,
    /// need no system library at run time, and have an entry point the bare interpreter can start.</summary>
    public static (bool, string) Distroless(ScaffoldInputs inputs, out DistrolessImage? image)
    {
        image = null;
        if (inputs.NativeNeeds.HasRuntimePackages)
            return (false, $"the dependencies need {string.Join(", ", inputs.NativeNeeds.RuntimePackages)} at run time, "
                + "and a distroless image has no package manager to install them");
        if (inputs.EntryPoint?.Value is { Kind: EntryPointKind.ConsoleScript, ConsoleScriptTarget: null } script)
            return (false, $"the console script `{script.Target}` names no `module:function` to call; a distroless image cannot run "
                + "the wrapper script (its first line points at the builder's interpreter)");

        foreach (var candidate in ScaffoldImages.DistrolessImages)
        {
            bool allowed = inputs.AllowedPythonVersions.Count == 0 || Contains(inputs.AllowedPythonVersions, candidate.PythonVersion);
            if (!allowed) continue;
            image = candidate;
            var constraint = inputs.AllowedPythonVersions.Count == 0
                ? "the project states no Python constraint"
                : $"the project allows Python {candidate.PythonVersion}";
            return (true, $"{constraint}, the Python of {candidate.Image} (Debian {candidate.DebianSuite}); "
                + "no system library is needed at run time");
        }
        var offered = string.Join(" or ", ScaffoldImages.DistrolessImages.Select(d => d.PythonVersion));
        return (false, $"distroless images ship Python {offered} only, and the project allows {string.Join(", ", inputs.AllowedPythonVersions)}");
    }

    public static Reasoned<IReadOnlyList<string>> TestCommand(ScaffoldInputs inputs)
    {
        if (inputs.TestCommand is { } chosen) return chosen;
        return inputs.HasDevDependencies || inputs.DevRequirementsFiles.Count > 0
            ? new(new[] { "python", "-m", "pytest" }, "the project has dev dependencies")
            : new(new[] { "python", "-m", "unittest" }, "no dev dependencies found; unittest needs none");
    }

    private static string LockName(PackageManager manager) => manager switch
    {
        PackageManager.Uv => "uv.lock",
        PackageManager.Poetry => "poetry.lock",
        PackageManager.Pipenv => "Pipfile.lock",
        _ => "requirements files",
    };

    private static string FilesText(IReadOnlyList<string> files, string fallback) =>
        files.Count == 0 ? fallback : string.Join(", ", files);

    private static bool Contains(IReadOnlyList<string> values, string value)
    {
        foreach (var v in values) if (string.Equals(v.Trim(), value, StringComparison.Ordinal)) return true;
        return false;
    }
}
