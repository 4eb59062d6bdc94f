using PyDockerLsp.Core.Syntax.Dockerfile;
using PyDockerLsp.Core.Syntax.Shell;

namespace PyDockerLsp.Core.Analysis.Rules.Manifests;

/// <summary>The tool and verb of a command that installs Python packages.</summary>
internal enum InstallTool
{
    /// <summary><c>pip install</c>, <c>pip wheel</c>, <c>pip download</c> (also <c>python -m pip</c>, <c>/venv/bin/pip</c>).</summary>
    Pip,
    /// <summary><c>uv pip install</c> / <c>uv pip sync</c>.</summary>
    UvPip,
    /// <summary><c>uv sync</c>: installs the project from uv.lock.</summary>
    UvSync,
    /// <summary><c>uv export</c>: writes the locked requirements out.</summary>
    UvExport,
    /// <summary><c>poetry install</c> / <c>poetry sync</c>.</summary>
    PoetryInstall,
    /// <summary><c>poetry export</c>.</summary>
    PoetryExport,
    /// <summary><c>pipenv install</c> / <c>pipenv sync</c>.</summary>
    PipenvInstall,
    /// <summary><c>pipenv requirements</c> (the lock as a requirements file).</summary>
    PipenvRequirements,
    /// <summary><c>pipx install</c>.</summary>
    Pipx,
}

/// <summary>What a positional argument of <c>pip install</c> names.</summary>
internal enum InstallTargetKind { Requirement, LocalPath, Archive, Url }

/// <summary>A positional argument of <c>pip install</c>/<c>uv pip install</c>/<c>pipx install</c> (or an <c>-e</c> value).</summary>
internal sealed record InstallTarget(ShellWord Word, string Value, InstallTargetKind Kind, bool IsEditable)
{
    /// <summary>The requirement, when the target is a PEP 508 requirement.</summary>
    public Python.Packaging.Pep508Requirement? Requirement { get; init; }
}

/// <summary>
/// One command of a RUN that installs Python packages, read into the parts the project-aware rules need:
/// the tool and verb, requirement files (<c>-r</c>), constraint files (<c>-c</c>), positional targets, and flags.
/// </summary>
internal sealed class ProjectInstall
{
    public required Stage? Stage { get; init; }
    public required RunInstruction Run { get; init; }
    public required ShellCommand Command { get; init; }
    public required ShellProgram Program { get; init; }
    public required InstallTool Tool { get; init; }
    /// <summary>The verb word (<c>install</c>, <c>sync</c>, <c>export</c>, <c>wheel</c> …).</summary>
    public required ShellWord Verb { get; init; }
    /// <summary>The words after the verb.</summary>
    public required IReadOnlyList<ShellWord> Arguments { get; init; }
    /// <summary><c>-r</c>/<c>--requirement</c> values (and the files of <c>uv pip sync</c>).</summary>
    public IReadOnlyList<ShellOptionValue> RequirementFiles { get; init; } = Array.Empty<ShellOptionValue>();
    public IReadOnlyList<ShellOptionValue> ConstraintFiles { get; init; } = Array.Empty<ShellOptionValue>();
    public IReadOnlyList<InstallTarget> Targets { get; init; } = Array.Empty<InstallTarget>();

    public bool HasFlag(string flag) => ShellArgumentsLookup.HasFlag(Arguments, flag);

    /// <summary>Values of an option after the verb (<c>--only main</c>, <c>--only=main</c>).</summary>
    public IReadOnlyList<ShellOptionValue> OptionValues(params string[] names) => ShellArgumentsLookup.GetOptionValues(Arguments, names);

    /// <summary>True for the verbs that put packages into an environment (not export/download).</summary>
    public bool Installs => Tool switch
    {
        InstallTool.Pip => Verb.Value is "install",
        InstallTool.UvExport or InstallTool.PoetryExport or InstallTool.PipenvRequirements => false,
        _ => true,
    };

    /// <summary>Installs the project folder itself (<c>pip install .</c>, <c>uv sync</c> without
    /// <c>--no-install-project</c>, <c>poetry install</c> without <c>--no-root</c>): the project's build then runs.</summary>
    public bool BuildsProject => Tool switch
    {
        InstallTool.UvSync => !HasFlag("--no-install-project") && !HasFlag("--only-group") && !HasFlag("--no-install-workspace"),
        InstallTool.PoetryInstall => !HasFlag("--no-root"),
        InstallTool.Pip or InstallTool.UvPip => Targets.Any(t => t.Kind == InstallTargetKind.LocalPath && IsProjectFolder(t.Value)),
        _ => false,
    };

    /// <summary>True when the command installs the dependencies the project declares (through its manifests),
    /// not just named packages.</summary>
    public bool InstallsProjectDependencies => Tool switch
    {
        InstallTool.UvSync or InstallTool.PoetryInstall or InstallTool.PipenvInstall => true,
        InstallTool.Pip or InstallTool.UvPip => RequirementFiles.Count > 0 || Targets.Any(t => t.Kind == InstallTargetKind.LocalPath),
        _ => false,
    };

    /// <summary>"." and "./", optionally with extras ("[dev]") as pip writes them.</summary>
    public static bool IsProjectFolder(string value)
    {
        var bare = value;
        int bracket = bare.IndexOf('[');
        if (bracket >= 0) bare = bare.Substring(0, bracket);
        return bare is "." or "./" || bare.EndsWith("/.", StringComparison.Ordinal);
    }

    public override string ToString() => Command.ToString();
}

/// <summary>Finds and reads the install commands of a Dockerfile.</summary>
internal static class ProjectInstallReader
{
    /// <summary>pip options that take a value (the next word unless written <c>--name=value</c>).</summary>
    private static readonly HashSet<string> PipValueOptions = new(StringComparer.Ordinal)
    {
        "-r", "--requirement", "-c", "--constraint", "-e", "--editable", "-t", "--target", "--platform", "--python-version",
        "--implementation", "--abi", "--root", "--prefix", "--src", "--upgrade-strategy", "-C", "--config-settings",
        "--global-option", "--install-option", "--no-binary", "--only-binary", "--progress-bar", "--root-user-action",
        "--report", "-i", "--index-url", "--extra-index-url", "-f", "--find-links", "--log", "--log-file", "--proxy",
        "--retries", "--timeout", "--exists-action", "--trusted-host", "--cert", "--client-cert", "--cache-dir",
        "--use-feature", "--use-deprecated", "--python", "--keyring-provider", "-b", "--build", "--group",
        "-w", "--wheel-dir", "-d", "--dest", "--resume-retries",
        // uv pip
        "--override", "--overrides", "--extra", "--index", "--default-index", "-p", "--index-strategy", "-P", "--upgrade-package",
        "--reinstall-package", "--no-build-isolation-package", "--config-setting", "--resolution", "--prerelease",
        "--exclude-newer", "--link-mode", "--python-platform", "--torch-backend", "--config-file", "--directory",
        "--project", "--color", "--refresh-package", "--build-constraints", "--build-constraint", "--excludes",
        // pipx
        "--pip-args", "--suffix", "--preinstall", "--backend", "--fetch-python",
    };

    private static readonly string[] ArchiveSuffixes = { ".whl", ".tar.gz", ".tgz", ".zip", ".tar.bz2", ".tar.xz", ".tar" };

    public static IReadOnlyList<ProjectInstall> Read(DockerfileSyntax syntax)
    {
        var result = new List<ProjectInstall>();
        foreach (var instruction in syntax.AllInstructions())
        {
            if (instruction is not RunInstruction run) continue;
            foreach (var command in run.ShellCommands)
            {
                if (Read(run, command) is { } install) result.Add(install);
            }
        }
        return result;
    }

    public static ProjectInstall? Read(RunInstruction run, ShellCommand command)
    {
        var program = command.Program;
        if (program is null || program.Arguments.Count == 0) return null;
        var arguments = program.Arguments;
        var family = program.Family;
        switch (family)
        {
            case "pip":
            {
                int verb = FirstNonOption(arguments, 0);
                if (verb < 0 || arguments[verb].Value is not ("install" or "wheel" or "download")) return null;
                return PipLike(run, command, program, InstallTool.Pip, arguments, verb);
            }
            case "uv":
            {
                int verb = FirstNonOption(arguments, 0);
                if (verb < 0) return null;
                var word = arguments[verb].Value;
                if (word == "pip")
                {
                    int sub = FirstNonOption(arguments, verb + 1);
                    if (sub < 0) return null;
                    if (arguments[sub].Value == "install") return PipLike(run, command, program, InstallTool.UvPip, arguments, sub);
                    if (arguments[sub].Value == "sync")
                    {
                        var rest = After(arguments, sub);
                        var files = Positionals(rest).Select(w => new ShellOptionValue(w, w.Value, w, w.Span)).ToList();
                        return new ProjectInstall
                        {
                            Stage = run.Stage, Run = run, Command = command, Program = program, Tool = InstallTool.UvPip,
                            Verb = arguments[sub], Arguments = rest, RequirementFiles = files,
                            ConstraintFiles = ShellArgumentsLookup.GetOptionValues(rest, new[] { "-c", "--constraint" }),
                        };
                    }
                    return null;
                }
                if (word == "sync") return Simple(run, command, program, InstallTool.UvSync, arguments, verb);
                if (word == "export") return Simple(run, command, program, InstallTool.UvExport, arguments, verb);
                return null;
            }
            case "poetry":
            {
                int verb = FirstNonOption(arguments, 0);
                if (verb < 0) return null;
                return arguments[verb].Value switch
                {
                    "install" or "sync" => Simple(run, command, program, InstallTool.PoetryInstall, arguments, verb),
                    "export" => Simple(run, command, program, InstallTool.PoetryExport, arguments, verb),
                    _ => null,
                };
            }
            case "pipenv":
            {
                int verb = FirstNonOption(arguments, 0);
                if (verb < 0) return null;
                return arguments[verb].Value switch
                {
                    "install" or "sync" => Simple(run, command, program, InstallTool.PipenvInstall, arguments, verb),
                    "requirements" => Simple(run, command, program, InstallTool.PipenvRequirements, arguments, verb),
                    _ => null,
                };
            }
            case "pipx":
            {
                int verb = FirstNonOption(arguments, 0);
                if (verb < 0 || arguments[verb].Value != "install") return null;
                return PipLike(run, command, program, InstallTool.Pipx, arguments, verb);
            }
        }
        return null;
    }

    private static ProjectInstall Simple(RunInstruction run, ShellCommand command, ShellProgram program, InstallTool tool, IReadOnlyList<ShellWord> arguments, int verb) => new()
    {
        Stage = run.Stage, Run = run, Command = command, Program = program, Tool = tool,
        Verb = arguments[verb], Arguments = After(arguments, verb),
    };

    private static ProjectInstall PipLike(RunInstruction run, ShellCommand command, ShellProgram program, InstallTool tool, IReadOnlyList<ShellWord> arguments, int verb)
    {
        var rest = After(arguments, verb);
        var targets = new List<InstallTarget>();
        for (int i = 0; i < rest.Count; i++)
        {
            var word = rest[i];
            var value = word.Value;
            if (value == "--") continue;
            if (value is "-e" or "--editable")
            {
                if (i + 1 < rest.Count) { targets.Add(Target(rest[i + 1], isEditable: true)); i++; }
                continue;
            }
            if (value.StartsWith("--editable=", StringComparison.Ordinal)) continue;
            if (value.StartsWith('-'))
            {
                if (PipValueOptions.Contains(value)) i++;
                continue;
            }
            targets.Add(Target(word, isEditable: false));
        }
        return new ProjectInstall
        {
            Stage = run.Stage, Run = run, Command = command, Program = program, Tool = tool, Verb = arguments[verb],
            Arguments = rest, Targets = targets,
            RequirementFiles = ShellArgumentsLookup.GetOptionValues(rest, new[] { "-r", "--requirement" }),
            ConstraintFiles = ShellArgumentsLookup.GetOptionValues(rest, new[] { "-c", "--constraint" }),
        };
    }

    private static InstallTarget Target(ShellWord word, bool isEditable)
    {
        var value = word.Value;
        if (value.Contains("://", StringComparison.Ordinal) || value.StartsWith("git+", StringComparison.Ordinal))
        {
            // "name @ https://…" as one word is a requirement with a URL; a bare URL names an artifact.
            return new InstallTarget(word, value, InstallTargetKind.Url, isEditable);
        }
        foreach (var suffix in ArchiveSuffixes)
            if (value.EndsWith(suffix, StringComparison.OrdinalIgnoreCase)) return new InstallTarget(word, value, InstallTargetKind.Archive, isEditable);
        if (isEditable || value.StartsWith('.') || value.StartsWith('/') || value.Contains('/') || value.StartsWith('~'))
            return new InstallTarget(word, value, InstallTargetKind.LocalPath, isEditable);
        if (Python.Packaging.Pep508Requirement.TryParse(value, out var requirement, out _))
            return new InstallTarget(word, value, requirement.Url is null ? InstallTargetKind.Requirement : InstallTargetKind.Url, isEditable) { Requirement = requirement };
        return new InstallTarget(word, value, InstallTargetKind.LocalPath, isEditable);
    }

    private static int FirstNonOption(IReadOnlyList<ShellWord> words, int start)
    {
        for (int i = start; i < words.Count; i++)
        {
            var value = words[i].Value;
            if (value.StartsWith('-'))
            {
                // Global options that take a value before the verb (uv --directory x sync, poetry -C dir install).
                if (value is "--directory" or "--project" or "-C" or "--config-file" or "--cache-dir" or "--color" or "-P") i++;
                continue;
            }
            return i;
        }
        return -1;
    }

    private static IReadOnlyList<ShellWord> After(IReadOnlyList<ShellWord> words, int index)
    {
        var rest = new ShellWord[Math.Max(0, words.Count - index - 1)];
        for (int i = 0; i < rest.Length; i++) rest[i] = words[index + 1 + i];
        return rest;
    }

    private static IEnumerable<ShellWord> Positionals(IReadOnlyList<ShellWord> words)
    {
        for (int i = 0; i < words.Count; i++)
        {
            var value = words[i].Value;
            if (value.StartsWith('-'))
            {
                if (PipValueOptions.Contains(value)) i++;
                continue;
            }
            yield return words[i];
        }
    }
}

/// <summary>Flag and option lookups over a word list (the same rules as <see cref="ShellCommand.HasFlag"/>).</summary>
internal static class ShellArgumentsLookup
{
    public static bool HasFlag(IReadOnlyList<ShellWord> words, string flag)
    {
        foreach (var word in words)
        {
            var value = word.Value;
            if (value == "--") break;
            if (value == flag) return true;
            if (flag.StartsWith("--", StringComparison.Ordinal) && value.Length > flag.Length && value[flag.Length] == '='
                && value.StartsWith(flag, StringComparison.Ordinal)) return true;
        }
        return false;
    }

    public static IReadOnlyList<ShellOptionValue> GetOptionValues(IReadOnlyList<ShellWord> words, string[] names)
    {
        var found = new List<ShellOptionValue>();
        for (int i = 0; i < words.Count; i++)
        {
            var word = words[i];
            var value = word.Value;
            if (value == "--") break;
            foreach (var name in names)
            {
                if (value == name)
                {
                    if (i + 1 < words.Count)
                    {
                        found.Add(new ShellOptionValue(word, words[i + 1].Value, words[i + 1], words[i + 1].Span));
                        i++;
                    }
                    break;
                }
                if (name.StartsWith("--", StringComparison.Ordinal) && value.Length > name.Length && value[name.Length] == '='
                    && value.StartsWith(name, StringComparison.Ordinal))
                {
                    found.Add(new ShellOptionValue(word, value.Substring(name.Length + 1), word, ValueSpan(word, name.Length + 1)));
                    break;
                }
                if (name.Length == 2 && name[0] == '-' && name[1] != '-' && value.Length > 2 && value.StartsWith(name, StringComparison.Ordinal) && value[1] != '-')
                {
                    found.Add(new ShellOptionValue(word, value.Substring(2), word, ValueSpan(word, 2)));
                    break;
                }
            }
        }
        return found;
    }

    private static Text.TextSpan ValueSpan(ShellWord word, int prefix) =>
        word.Text == word.Value && word.Span.Length == word.Text.Length
            ? Text.TextSpan.FromBounds(word.Span.Start + prefix, word.Span.End)
            : word.Span;
}
