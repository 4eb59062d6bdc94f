namespace PyDockerLsp.Core.Python.Packaging;

/// <summary>Where a marker is evaluated, which decides the defaults of the extra variables
/// (packaging's evaluation contexts).</summary>
public enum MarkerContext
{
    /// <summary>Core metadata (a package's Requires-Dist): <c>extra</c> defaults to the empty string.</summary>
    Metadata,
    /// <summary>A lock file (PEP 751): <c>extras</c> and <c>dependency_groups</c> default to empty sets.</summary>
    LockFile,
    /// <summary>Anything else, e.g. a requirements file: no defaults.</summary>
    Requirement,
}

/// <summary>
/// The values of the PEP 508 environment variables for one target (a Python inside a container image, say).
/// Immutable; <see cref="With"/> returns a changed copy.
/// </summary>
public sealed class MarkerEnvironment
{
    /// <summary>The variables PEP 508 defines (plus PEP 751's set-valued <c>extras</c> and <c>dependency_groups</c>).</summary>
    public static IReadOnlyList<string> KnownVariables { get; } = new[]
    {
        "python_version", "python_full_version", "os_name", "sys_platform", "platform_release", "platform_system",
        "platform_version", "platform_machine", "platform_python_implementation", "implementation_name",
        "implementation_version", "extra", "extras", "dependency_groups",
    };

    private readonly Dictionary<string, string> _values;
    private readonly Dictionary<string, IReadOnlySet<string>> _sets;

    private MarkerEnvironment(Dictionary<string, string> values, Dictionary<string, IReadOnlySet<string>> sets)
    {
        _values = values;
        _sets = sets;
    }

    public static MarkerEnvironment Empty { get; } = new(new Dictionary<string, string>(StringComparer.Ordinal), new Dictionary<string, IReadOnlySet<string>>(StringComparer.Ordinal));

    /// <summary>An environment from variable values (e.g. <c>python_version</c> → <c>3.12</c>).</summary>
    public static MarkerEnvironment FromValues(IEnumerable<KeyValuePair<string, string>> values)
    {
        var env = Empty;
        foreach (var (key, value) in values) env = env.With(key, value);
        return env;
    }

    /// <summary>CPython <paramref name="pythonFullVersion"/> (<c>3.12.4</c>) on Linux: what the official
    /// <c>python</c> images report. <paramref name="machine"/> is <c>x86_64</c> or <c>aarch64</c> there.</summary>
    public static MarkerEnvironment ForCPythonOnLinux(string pythonFullVersion, string machine = "x86_64", string platformRelease = "", string platformVersion = "")
    {
        var parts = pythonFullVersion.Split('.');
        string pythonVersion = parts.Length >= 2 ? parts[0] + "." + parts[1] : pythonFullVersion;
        return Empty
            .With("implementation_name", "cpython")
            .With("implementation_version", pythonFullVersion)
            .With("os_name", "posix")
            .With("platform_machine", machine)
            .With("platform_release", platformRelease)
            .With("platform_system", "Linux")
            .With("platform_version", platformVersion)
            .With("python_full_version", pythonFullVersion)
            .With("platform_python_implementation", "CPython")
            .With("python_version", pythonVersion)
            .With("sys_platform", "linux");
    }

    /// <summary>A copy with <paramref name="variable"/> set. A null value removes the variable, except <c>extra</c>,
    /// where null means "no extra" (the empty string), as packaging accepts.</summary>
    public MarkerEnvironment With(string variable, string? value)
    {
        var values = new Dictionary<string, string>(_values, StringComparer.Ordinal);
        var sets = _sets;
        if (_sets.ContainsKey(variable))
        {
            sets = new Dictionary<string, IReadOnlySet<string>>(_sets, StringComparer.Ordinal);
            sets.Remove(variable);
        }
        if (value != null) values[variable] = value;
        else if (variable == "extra") values[variable] = "";
        else values.Remove(variable);
        return new MarkerEnvironment(values, sets);
    }

    /// <summary>A copy with a set-valued variable (<c>extras</c>, <c>dependency_groups</c>).</summary>
    public MarkerEnvironment WithSet(string variable, IEnumerable<string> values)
    {
        var sets = new Dictionary<string, IReadOnlySet<string>>(_sets, StringComparer.Ordinal)
        {
            [variable] = new HashSet<string>(values, StringComparer.Ordinal),
        };
        var plain = _values;
        if (_values.ContainsKey(variable))
        {
            plain = new Dictionary<string, string>(_values, StringComparer.Ordinal);
            plain.Remove(variable);
        }
        return new MarkerEnvironment(plain, sets);
    }

    public bool TryGetValue(string variable, out string value) => _values.TryGetValue(variable, out value!);
    public bool TryGetSet(string variable, out IReadOnlySet<string> values) => _sets.TryGetValue(variable, out values!);

    public string? this[string variable] => _values.TryGetValue(variable, out var v) ? v : null;

    public string? PythonVersion => this["python_version"];
    public string? PythonFullVersion => this["python_full_version"];
    public string? SysPlatform => this["sys_platform"];
    public string? PlatformMachine => this["platform_machine"];
    public string? PlatformSystem => this["platform_system"];
    public string? ImplementationName => this["implementation_name"];
    public string? OsName => this["os_name"];
}
