using PyDockerLsp.Core.Features.Knowledge;
using PyDockerLsp.Core.Syntax.Shell;

namespace PyDockerLsp.Core.Analysis.Rules.Installs;

/// <summary>The Python installers the install rules understand.</summary>
internal enum PythonInstaller { Pip, Uv, Poetry, Pipenv }

/// <summary>One option of an installer command line: <c>-r requirements.txt</c>, <c>--no-deps</c>, <c>--target=/x</c>.</summary>
/// <param name="Name">The option as written before any value (<c>-r</c>, <c>--requirement</c>, <c>--no-deps</c>).</param>
/// <param name="Value">Its value, or null for a switch.</param>
/// <param name="Word">The word holding the option name.</param>
internal sealed record InstallerOption(string Name, string? Value, ShellWord Word);

/// <summary>
/// A shell command that runs pip, uv, Poetry or Pipenv with a subcommand that downloads packages
/// (<c>pip install|wheel|download</c>, <c>uv pip install|sync</c>, <c>uv sync</c>, <c>uv tool install</c>,
/// <c>poetry install|sync</c>, <c>pipenv install|sync</c>), read into what it installs: requirement files, the
/// project itself (a path such as <c>.</c>), named packages, or local wheels.
/// </summary>
internal sealed class PythonInstallerCommand
{
    // Options that take the next word as their value (when not written as --name=value), per installer.
    private static readonly HashSet<string> PipValueOptions = new(StringComparer.Ordinal)
    {
        "-r", "--requirement", "-c", "--constraint", "-e", "--editable", "-t", "--target", "--prefix", "--root", "--src",
        "-i", "--index-url", "--extra-index-url", "-f", "--find-links", "--platform", "--python-version", "--implementation",
        "--abi", "--upgrade-strategy", "--global-option", "--build-option", "-C", "--config-settings", "--no-binary",
        "--only-binary", "--progress-bar", "--report", "--cache-dir", "--log", "--log-file", "--proxy", "--retries", "--timeout",
        "--exists-action", "--trusted-host", "--cert", "--client-cert", "--python", "--use-feature", "--use-deprecated",
        "--root-user-action", "--group", "-w", "--wheel-dir", "-d", "--dest", "--keyring-provider", "--resume-retries",
    };

    private static readonly HashSet<string> UvValueOptions = new(StringComparer.Ordinal)
    {
        "-r", "--requirement", "--requirements", "-c", "--constraint", "--constraints", "--override", "--overrides", "-e", "--editable",
        "-p", "--python", "-i", "--index-url", "--extra-index-url", "--index", "--default-index", "-f", "--find-links",
        "--index-strategy", "--keyring-provider", "--resolution", "--prerelease", "--exclude-newer", "--link-mode",
        "--cache-dir", "--python-platform", "--python-version", "--target", "--prefix", "--config-file", "--directory",
        "--project", "--package", "--extra", "--group", "--no-group", "--only-group", "-P", "--upgrade-package",
        "--reinstall-package", "--no-build-package", "--no-binary-package", "--no-build-isolation-package", "-C",
        "--config-setting", "--color", "--allow-insecure-host", "--refresh-package", "--python-preference",
        "--no-install-package", "-b", "--build-constraint", "--build-constraints", "--with", "--with-requirements",
        "--from", "--torch-backend", "--no-binary", "--only-binary", "--exclude", "--excludes",
    };

    private static readonly HashSet<string> PoetryValueOptions = new(StringComparer.Ordinal)
    {
        "--with", "--without", "--only", "-E", "--extras", "-C", "--directory", "-P", "--project",
    };

    private static readonly HashSet<string> PipenvValueOptions = new(StringComparer.Ordinal)
    {
        "-r", "--requirements", "--python", "--categories", "--pypi-mirror", "--extra-pip-args", "--index",
    };

    // Global options placed before the subcommand that take a value.
    private static readonly HashSet<string> PipGlobalValueOptions = new(StringComparer.Ordinal)
    {
        "--log", "--log-file", "--proxy", "--retries", "--timeout", "--exists-action", "--trusted-host", "--cert",
        "--client-cert", "--cache-dir", "--python", "--use-feature", "--use-deprecated", "--keyring-provider", "--resume-retries",
    };

    private static readonly HashSet<string> UvGlobalValueOptions = new(StringComparer.Ordinal)
    {
        "--cache-dir", "--directory", "--project", "--config-file", "--color", "-p", "--python", "--python-preference",
        "--allow-insecure-host",
    };

    private static readonly HashSet<string> PoetryGlobalValueOptions = new(StringComparer.Ordinal) { "-C", "--directory", "-P", "--project" };

    private PythonInstallerCommand(ShellCommand command, ShellWord programWord, PythonInstaller installer, ShellWord actionWord, string action,
        IReadOnlyList<InstallerOption> options, IReadOnlyList<ShellWord> positionals, IReadOnlyList<InstallerOption> globalOptions)
    {
        Command = command;
        ProgramWord = programWord;
        Installer = installer;
        ActionWord = actionWord;
        Action = action;
        Options = options;
        Positionals = positionals;
        GlobalOptions = globalOptions;
    }

    public ShellCommand Command { get; }
    public PythonInstaller Installer { get; }

    /// <summary>The word naming the installer program (<c>pip</c>, <c>pip3</c>, the <c>pip</c> of <c>python -m pip</c>, <c>uv</c>):
    /// where findings about the command are reported.</summary>
    public ShellWord ProgramWord { get; }

    /// <summary>The last word of the subcommand (<c>install</c> of <c>uv pip install</c>, <c>sync</c>), after which flags are added.</summary>
    public ShellWord ActionWord { get; }

    /// <summary><c>install</c>, <c>wheel</c>, <c>download</c>, <c>sync</c>, <c>pip install</c>, <c>pip sync</c>, <c>tool install</c>.</summary>
    public string Action { get; }

    /// <summary>The options after the subcommand, in order.</summary>
    public IReadOnlyList<InstallerOption> Options { get; }

    /// <summary>The options before the subcommand (<c>uv --no-cache sync</c>, <c>pip --cache-dir /c install</c>).</summary>
    public IReadOnlyList<InstallerOption> GlobalOptions { get; }

    /// <summary>The words after the subcommand that are not options or option values: requirement specifiers,
    /// paths and archives (for <c>uv pip sync</c>: requirement files).</summary>
    public IReadOnlyList<ShellWord> Positionals { get; }

    public string ProgramName => Installer switch
    {
        PythonInstaller.Pip => "pip",
        PythonInstaller.Uv => "uv",
        PythonInstaller.Poetry => "poetry",
        _ => "pipenv",
    };

    /// <summary>The cache facts of this installer (<see cref="PackageCaches"/>).</summary>
    public PackageCache Cache => Installer switch
    {
        PythonInstaller.Pip => PackageCaches.Pip,
        PythonInstaller.Uv => PackageCaches.Uv,
        PythonInstaller.Poetry => PackageCaches.Poetry,
        _ => PackageCaches.Pipenv,
    };

    /// <summary>True for the subcommands that install into an environment (not <c>pip wheel</c>/<c>pip download</c>).</summary>
    public bool Installs => Action is "install" or "sync" or "pip install" or "pip sync";

    /// <summary>True for <c>uv tool install</c> (a command-line tool in its own environment, not a dependency).</summary>
    public bool InstallsTool => Action == "tool install";

    public bool HasOption(params string[] names)
    {
        foreach (var option in Options)
            foreach (var name in names)
                if (option.Name == name) return true;
        foreach (var option in GlobalOptions)
            foreach (var name in names)
                if (option.Name == name) return true;
        return false;
    }

    public IEnumerable<InstallerOption> OptionsNamed(params string[] names)
    {
        foreach (var option in GlobalOptions.Concat(Options))
            if (Array.IndexOf(names, option.Name) >= 0) yield return option;
    }

    /// <summary>Requirement files read by the command (<c>-r</c>; the files of <c>uv pip sync</c>; pipenv's <c>-r</c>).</summary>
    public IReadOnlyList<string> RequirementFiles
    {
        get
        {
            var files = new List<string>();
            foreach (var option in OptionsNamed("-r", "--requirement", "--requirements"))
                if (option.Value is not null) files.Add(option.Value);
            if (Action == "pip sync")
                foreach (var word in Positionals) files.Add(word.Value);
            return files;
        }
    }

    /// <summary>Paths installed as projects (<c>.</c>, <c>./pkg</c>, <c>/app</c>, <c>-e .</c>), not archives or wheels.</summary>
    public IReadOnlyList<string> ProjectPaths
    {
        get
        {
            var paths = new List<string>();
            if (Installer is not (PythonInstaller.Pip or PythonInstaller.Uv) || Action is "pip sync" or "tool install") return paths;
            foreach (var word in Positionals)
                if (IsLocalPath(word.Value) && !IsArchiveOrGlob(word.Value)) paths.Add(word.Value);
            foreach (var option in OptionsNamed("-e", "--editable"))
                if (option.Value is not null && IsLocalPath(option.Value)) paths.Add(option.Value);
            return paths;
        }
    }

    /// <summary>Local archives, wheels and globs (<c>/wheels/*</c>, <c>dist/app-1.0-py3-none-any.whl</c>).</summary>
    public IReadOnlyList<ShellWord> LocalArchives =>
        Installer is PythonInstaller.Pip or PythonInstaller.Uv && Action is not "pip sync"
            ? Positionals.Where(w => IsLocalPath(w.Value) && IsArchiveOrGlob(w.Value) || w.Value.EndsWith(".whl", StringComparison.OrdinalIgnoreCase)).ToList()
            : Array.Empty<ShellWord>();

    /// <summary>Packages named for the index (<c>gunicorn</c>, <c>uv==0.5.1</c>, <c>uvicorn[standard]</c>), including
    /// pipenv's and <c>uv tool install</c>'s package arguments.</summary>
    public IReadOnlyList<ShellWord> NamedPackages
    {
        get
        {
            if (Installer == PythonInstaller.Poetry || Action == "pip sync") return Array.Empty<ShellWord>();
            var names = new List<ShellWord>();
            foreach (var word in Positionals)
                if (!IsLocalPath(word.Value) && !word.Value.EndsWith(".whl", StringComparison.OrdinalIgnoreCase) && word.Value.Length > 0
                    && word.Value[0] != '$' && !word.Value.Contains("://", StringComparison.Ordinal)) names.Add(word);
            return names;
        }
    }

    /// <summary>True when the command installs the project whose source it needs (<c>pip install .</c>, <c>uv sync</c>
    /// without <c>--no-install-project</c>, <c>poetry install</c> without <c>--no-root</c>).</summary>
    public bool InstallsProject => Installer switch
    {
        PythonInstaller.Uv when Action == "sync" => !HasOption("--no-install-project", "--only-dev"),
        PythonInstaller.Poetry => Installs && !HasOption("--no-root", "--only-dev"),
        PythonInstaller.Pip or PythonInstaller.Uv => Installs && ProjectPaths.Count > 0,
        PythonInstaller.Pipenv => Installs && ProjectPaths.Count > 0,
        _ => false,
    };

    /// <summary>True when the command installs the dependencies declared in the project's manifests: requirement
    /// files, a lock file (<c>uv sync</c>, <c>poetry install</c>, <c>pipenv install</c> without names), or a project path
    /// whose dependencies come along (not with <c>--no-deps</c>).</summary>
    public bool InstallsManifestDependencies
    {
        get
        {
            if (!Installs && Action != "wheel") return false;
            switch (Installer)
            {
                case PythonInstaller.Uv when Action == "sync":
                    return true;
                case PythonInstaller.Poetry:
                    return !HasOption("--only-root");
                case PythonInstaller.Pipenv:
                    return NamedPackages.Count == 0 || RequirementFiles.Count > 0;
                default:
                    // "-r <(pipenv requirements)": a process substitution still feeds a requirements file.
                    if (RequirementFiles.Count > 0 || HasOption("-r", "--requirement", "--requirements")) return true;
                    return ProjectPaths.Count > 0 && !HasOption("--no-deps");
            }
        }
    }

    /// <summary>True when nothing can come from an index: <c>--no-index</c> (wheels or archives from local folders).</summary>
    public bool IsOffline => HasOption("--no-index", "--offline");

    /// <summary>Reads <paramref name="command"/> as an installer command, or null when it is not one that downloads packages.
    /// Looks through runners that start a program in an environment: <c>pyenv exec python -m pip …</c>,
    /// <c>poetry run pip …</c>, <c>pipenv run pip …</c>, <c>uv run pip …</c>.</summary>
    public static PythonInstallerCommand? TryRead(ShellCommand command)
    {
        var program = command.Program;
        if (program is null) return null;
        var word = program.Word;
        string name = program.Name;
        var arguments = program.Arguments;
        bool isRunner = name == "pyenv" && program.Subcommand == "exec" || name is "poetry" or "pipenv" or "uv" && program.Subcommand == "run";
        if (isRunner && ResolveRunTarget(arguments, 1) is { } target) (name, word, arguments) = target;
        if (IsPipName(name)) return ReadWithSubcommand(command, word, arguments, PythonInstaller.Pip, PipGlobalValueOptions, PipValueOptions,
            static s => s is "install" or "wheel" or "download");
        if (name == "uv") return ReadUv(command, word, arguments);
        if (name == "poetry") return ReadWithSubcommand(command, word, arguments, PythonInstaller.Poetry, PoetryGlobalValueOptions, PoetryValueOptions,
            static s => s is "install" or "sync");
        if (name == "pipenv") return ReadWithSubcommand(command, word, arguments, PythonInstaller.Pipenv, new HashSet<string>(), PipenvValueOptions,
            static s => s is "install" or "sync");
        return null;
    }

    /// <summary>The program a runner starts: the first word after its options, seen through <c>python -m module</c>.</summary>
    private static (string Name, ShellWord Word, IReadOnlyList<ShellWord> Arguments)? ResolveRunTarget(IReadOnlyList<ShellWord> words, int start)
    {
        int i = start;
        while (i < words.Count && words[i].Value.StartsWith('-')) i++;
        if (i >= words.Count) return null;
        string name = BaseName(words[i].Value);
        if (IsPythonName(name))
        {
            int j = i + 1;
            while (j < words.Count && words[j].Value.StartsWith('-') && words[j].Value != "-m") j++;
            if (j + 1 >= words.Count || words[j].Value != "-m") return null;
            return (words[j + 1].Value, words[j + 1], Slice(words, j + 2));
        }
        return (name, words[i], Slice(words, i + 1));
    }

    private static IReadOnlyList<ShellWord> Slice(IReadOnlyList<ShellWord> words, int start)
    {
        var slice = new ShellWord[Math.Max(0, words.Count - start)];
        for (int k = 0; k < slice.Length; k++) slice[k] = words[start + k];
        return slice;
    }

    private static string BaseName(string path)
    {
        int slash = path.LastIndexOf('/');
        return slash < 0 ? path : path.Substring(slash + 1);
    }

    /// <summary><c>pip</c>, <c>pip3</c>, <c>pip3.12</c>.</summary>
    private static bool IsPipName(string name) => name.StartsWith("pip", StringComparison.Ordinal) && IsVersionSuffix(name, 3);

    /// <summary><c>python</c>, <c>python3</c>, <c>python3.12</c>.</summary>
    private static bool IsPythonName(string name) => name.StartsWith("python", StringComparison.Ordinal) && IsVersionSuffix(name, 6);

    private static bool IsVersionSuffix(string name, int from)
    {
        for (int i = from; i < name.Length; i++)
            if (!char.IsAsciiDigit(name[i]) && name[i] != '.') return false;
        return true;
    }

    private static PythonInstallerCommand? ReadWithSubcommand(ShellCommand command, ShellWord programWord, IReadOnlyList<ShellWord> arguments,
        PythonInstaller installer, HashSet<string> globalValueOptions, HashSet<string> valueOptions, Func<string, bool> isAction)
    {
        var globals = new List<InstallerOption>();
        int index = ReadOptions(arguments, 0, globalValueOptions, globals, null, stopAtPositional: true);
        if (index >= arguments.Count || !isAction(arguments[index].Value)) return null;
        var actionWord = arguments[index];
        var options = new List<InstallerOption>();
        var positionals = new List<ShellWord>();
        ReadOptions(arguments, index + 1, valueOptions, options, positionals, stopAtPositional: false);
        return new PythonInstallerCommand(command, programWord, installer, actionWord, actionWord.Value, options, positionals, globals);
    }

    private static PythonInstallerCommand? ReadUv(ShellCommand command, ShellWord programWord, IReadOnlyList<ShellWord> arguments)
    {
        var globals = new List<InstallerOption>();
        int index = ReadOptions(arguments, 0, UvGlobalValueOptions, globals, null, stopAtPositional: true);
        if (index >= arguments.Count) return null;
        string first = arguments[index].Value;
        string action;
        if (first == "sync") action = "sync";
        else if (first is "pip" or "tool")
        {
            // Global options may also stand between "pip" and its subcommand.
            index = ReadOptions(arguments, index + 1, UvGlobalValueOptions, globals, null, stopAtPositional: true);
            if (index >= arguments.Count) return null;
            string second = arguments[index].Value;
            if (first == "pip" && second is "install" or "sync") action = "pip " + second;
            else if (first == "tool" && second == "install") action = "tool install";
            else return null;
        }
        else return null;
        var actionWord = arguments[index];
        var options = new List<InstallerOption>();
        var positionals = new List<ShellWord>();
        ReadOptions(arguments, index + 1, UvValueOptions, options, positionals, stopAtPositional: false);
        return new PythonInstallerCommand(command, programWord, PythonInstaller.Uv, actionWord, action, options, positionals, globals);
    }

    /// <summary>
    /// Reads options from <paramref name="start"/>: <c>--name=value</c>, <c>--name value</c> for names in
    /// <paramref name="valueOptions"/>, switches, and clusters of short options (<c>-Ur file</c>, <c>-rfile</c>) where a
    /// value-taking letter takes the rest of the word or the next word. Returns the index where reading stopped.
    /// </summary>
    private static int ReadOptions(IReadOnlyList<ShellWord> words, int start, HashSet<string> valueOptions,
        List<InstallerOption> options, List<ShellWord>? positionals, bool stopAtPositional)
    {
        int i = start;
        bool onlyPositionals = false;
        while (i < words.Count)
        {
            var word = words[i];
            string value = word.Value;
            if (onlyPositionals || value.Length < 2 || value[0] != '-')
            {
                if (stopAtPositional) return i;
                positionals?.Add(word);
                i++;
                continue;
            }
            if (value == "--")
            {
                onlyPositionals = true;
                i++;
                continue;
            }
            if (value.StartsWith("--", StringComparison.Ordinal))
            {
                int equals = value.IndexOf('=');
                if (equals > 0)
                {
                    options.Add(new InstallerOption(value.Substring(0, equals), value.Substring(equals + 1), word));
                    i++;
                }
                else if (valueOptions.Contains(value) && i + 1 < words.Count)
                {
                    options.Add(new InstallerOption(value, words[i + 1].Value, word));
                    i += 2;
                }
                else
                {
                    options.Add(new InstallerOption(value, null, word));
                    i++;
                }
                continue;
            }
            i = ReadShortCluster(words, i, valueOptions, options);
        }
        return i;
    }

    private static int ReadShortCluster(IReadOnlyList<ShellWord> words, int i, HashSet<string> valueOptions, List<InstallerOption> options)
    {
        var word = words[i];
        string value = word.Value;
        for (int k = 1; k < value.Length; k++)
        {
            string name = "-" + value[k];
            if (!valueOptions.Contains(name))
            {
                options.Add(new InstallerOption(name, null, word));
                continue;
            }
            if (k + 1 < value.Length)
            {
                options.Add(new InstallerOption(name, value.Substring(k + 1), word));
                return i + 1;
            }
            if (i + 1 < words.Count)
            {
                options.Add(new InstallerOption(name, words[i + 1].Value, word));
                return i + 2;
            }
            options.Add(new InstallerOption(name, null, word));
            return i + 1;
        }
        return i + 1;
    }

    /// <summary>A local path rather than a requirement name: <c>.</c>, <c>./x</c>, <c>../x</c>, <c>/x</c>, <c>~/x</c>,
    /// <c>.[dev]</c>, or anything with a slash that is not a URL or a name with a URL (<c>pkg @ https://…</c>).
    /// A word starting with a variable is neither a path nor a name: its value is unknown.</summary>
    internal static bool IsLocalPath(string value)
    {
        if (value.Length == 0) return false;
        // A requirement name never starts with these.
        if (value[0] is '.' or '/' or '~') return true;
        if (value.Contains("://", StringComparison.Ordinal) || value.Contains('@') || value[0] == '$') return false;
        return value.Contains('/');
    }

    private static bool IsArchiveOrGlob(string value) =>
        value.Contains('*') || value.EndsWith(".whl", StringComparison.OrdinalIgnoreCase) || value.EndsWith(".tar.gz", StringComparison.OrdinalIgnoreCase)
        || value.EndsWith(".zip", StringComparison.OrdinalIgnoreCase);

    /// <summary>The project name of a requirement word (<c>Poetry==2.1</c> → <c>poetry</c>, <c>uv[extra]</c> → <c>uv</c>).</summary>
    internal static string RequirementName(string requirement)
    {
        int end = 0;
        while (end < requirement.Length && (char.IsAsciiLetterOrDigit(requirement[end]) || requirement[end] is '-' or '_' or '.')) end++;
        return requirement.Substring(0, end).ToLowerInvariant().Replace('_', '-');
    }

    /// <summary>The version specifier after the name and extras (<c>==2.1.3</c>), trimmed; empty when there is none.</summary>
    internal static string VersionSpecifier(string requirement)
    {
        int i = RequirementNameLength(requirement);
        if (i < requirement.Length && requirement[i] == '[')
        {
            int close = requirement.IndexOf(']', i);
            i = close < 0 ? requirement.Length : close + 1;
        }
        var rest = requirement.Substring(i);
        int marker = rest.IndexOf(';');
        if (marker >= 0) rest = rest.Substring(0, marker);
        return rest.Trim();
    }

    private static int RequirementNameLength(string requirement)
    {
        int end = 0;
        while (end < requirement.Length && (char.IsAsciiLetterOrDigit(requirement[end]) || requirement[end] is '-' or '_' or '.')) end++;
        return end;
    }

    public override string ToString() => Command.ToString();
}
