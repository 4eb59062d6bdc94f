using PyDockerLsp.Core.Syntax.Dockerfile;
using PyDockerLsp.Core.Syntax.Shell;

namespace PyDockerLsp.Core.Analysis.Rules.BaseImage;

/// <summary>What a copied directory holds, as far as Python cares.</summary>
internal enum PythonEnvironmentKind
{
    /// <summary>A virtual environment: records the interpreter's path (pyvenv.cfg, bin/python symlinks).</summary>
    VirtualEnvironment,
    /// <summary>A user site (<c>pip install --user</c> → <c>~/.local</c>).</summary>
    UserSite,
    /// <summary>An install prefix or target (<c>pip install --prefix /install</c>, <c>--target</c>).</summary>
    Prefix,
    /// <summary>A <c>site-packages</c> (or <c>dist-packages</c>) directory itself.</summary>
    SitePackages,
}

/// <summary>A Python environment found in a stage.</summary>
/// <param name="Path">Absolute, without a trailing slash.</param>
/// <param name="InterpreterDirectory">For a virtual environment made by an interpreter named by absolute path
/// (<c>/usr/bin/python -m venv /venv</c>, <c>virtualenv -p /usr/bin/python3</c>): that path's directory, which the
/// environment records instead of the image's own; null otherwise.</param>
internal sealed record PythonEnvironment(string Path, PythonEnvironmentKind Kind, string? InterpreterDirectory = null);

/// <summary>
/// Finds the Python environments a stage creates and tells whether a <c>COPY --from</c> source path is (or holds, or
/// lies inside) one. Known environments come from <c>python -m venv DIR</c>, <c>virtualenv DIR</c>,
/// <c>uv venv [DIR]</c>, <c>uv sync</c> (<c>.venv</c> of the WORKDIR or <c>UV_PROJECT_ENVIRONMENT</c>),
/// <c>poetry install</c> with in-project virtualenvs, <c>pip install --prefix|--target DIR</c>, and ENV
/// <c>VIRTUAL_ENV</c>/<c>UV_PROJECT_ENVIRONMENT</c>. Names alone also tell: <c>.venv</c>, <c>venv</c>,
/// <c>*venv</c>, <c>.local</c>, <c>site-packages</c>.
/// </summary>
internal static class PythonEnvironments
{
    /// <summary>The environments (absolute paths, no trailing slash) that <paramref name="stage"/> and the stages it
    /// is built on create.</summary>
    public static IReadOnlyList<PythonEnvironment> CreatedIn(Stage stage)
    {
        var found = new List<PythonEnvironment>();
        var chain = stage.SelfAndBaseStages().Reverse().ToList();
        var syntax = stage.Syntax;
        // WORKDIR and ENV carry over from a stage to the stages built FROM it.
        string workdir = "/";
        bool poetryInProject = false;
        string? uvProjectEnvironment = null;
        foreach (var current in chain)
        {
            foreach (var instruction in current.Instructions)
            {
                switch (instruction)
                {
                    case WorkdirInstruction { Path: { } path }:
                        workdir = Join(workdir, path.IndexOf('$') >= 0 ? Expand(syntax, instruction, path) : path);
                        break;
                    case EnvInstruction env:
                        foreach (var pair in env.Pairs)
                        {
                            if (pair.Key is not ("VIRTUAL_ENV" or "UV_PROJECT_ENVIRONMENT" or "POETRY_VIRTUALENVS_IN_PROJECT")) continue;
                            var scope = pair.Value.IndexOf('$') >= 0 ? syntax.GetScopeBefore(env) : null;
                            var value = pair.GetValue(scope, syntax.EscapeChar, keepUnset: false) ?? pair.Value;
                            switch (pair.Key)
                            {
                                case "VIRTUAL_ENV": found.Add(new PythonEnvironment(Join(workdir, value), PythonEnvironmentKind.VirtualEnvironment)); break;
                                case "UV_PROJECT_ENVIRONMENT": uvProjectEnvironment = Join(workdir, value); break;
                                case "POETRY_VIRTUALENVS_IN_PROJECT": poetryInProject = value.Trim().ToLowerInvariant() is "1" or "true"; break;
                            }
                        }
                        break;
                    case RunInstruction run:
                        foreach (var command in run.ShellCommands)
                            ReadCommand(syntax, run, command, workdir, poetryInProject, uvProjectEnvironment, found);
                        break;
                }
            }
        }
        return found;
    }

    private static void ReadCommand(DockerfileSyntax syntax, RunInstruction run, ShellCommand command, string workdir,
        bool poetryInProject, string? uvProjectEnvironment, List<PythonEnvironment> found)
    {
        if (command.Program is not { } program) return;
        string? Word(ShellWord word) => word.HasExpansion ? Expand(syntax, run, word.Text) : word.Value;

        if (program.Name is "venv" or "virtualenv")
        {
            var interpreter = program.IsModule ? AbsoluteDirectory(command.Words[0].Value) : InterpreterOption(program);
            foreach (var argument in Positional(program.Arguments, 0, "--prompt", "-p", "--python"))
                if (Word(argument) is { } dir) found.Add(new PythonEnvironment(Join(workdir, dir), PythonEnvironmentKind.VirtualEnvironment, interpreter));
        }
        else if (program.Name == "uv" && program.Subcommand == "venv")
        {
            var dirs = Positional(program.Arguments, 1, "--prompt", "-p", "--python", "--index-url", "--seed");
            var dir = dirs.Count > 0 ? Word(dirs[0]) : ".venv";
            if (dir is not null) found.Add(new PythonEnvironment(Join(workdir, dir), PythonEnvironmentKind.VirtualEnvironment, InterpreterOption(program)));
        }
        else if (program.Name == "uv" && program.Subcommand == "sync")
            found.Add(new PythonEnvironment(uvProjectEnvironment ?? Join(workdir, ".venv"), PythonEnvironmentKind.VirtualEnvironment, InterpreterOption(program)));
        else if (program.Name == "poetry" && program.Subcommand == "install" && poetryInProject)
            found.Add(new PythonEnvironment(Join(workdir, ".venv"), PythonEnvironmentKind.VirtualEnvironment));
        else if (program.IsOneOf("pip") || (program.Name == "uv" && program.Subcommand == "pip"))
        {
            foreach (var option in program.GetOptionValues("--prefix", "--target", "-t"))
            {
                var dir = option.ValueWord.HasExpansion ? Expand(syntax, run, option.Value) : option.Value;
                found.Add(new PythonEnvironment(Join(workdir, dir), PythonEnvironmentKind.Prefix));
            }
        }
    }

    /// <summary>The directory of <c>-p/--python /abs/python</c>, or null.</summary>
    private static string? InterpreterOption(ShellProgram program)
    {
        var values = program.GetOptionValues("-p", "--python");
        return values.Count > 0 ? AbsoluteDirectory(values[0].Value) : null;
    }

    /// <summary><c>/usr/bin/python3</c> → <c>/usr/bin</c>; null for a bare program name.</summary>
    private static string? AbsoluteDirectory(string path)
    {
        if (!path.StartsWith('/')) return null;
        int slash = path.LastIndexOf('/');
        return slash == 0 ? "/" : path[..slash];
    }

    /// <summary>The non-option arguments from <paramref name="start"/>, skipping the values of the listed options.</summary>
    private static List<ShellWord> Positional(IReadOnlyList<ShellWord> arguments, int start, params string[] optionsWithValue)
    {
        var result = new List<ShellWord>();
        for (int i = start; i < arguments.Count; i++)
        {
            var value = arguments[i].Value;
            if (value.StartsWith('-'))
            {
                if (Array.IndexOf(optionsWithValue, value) >= 0) i++;
                continue;
            }
            result.Add(arguments[i]);
        }
        return result;
    }

    /// <summary>
    /// What the COPY source <paramref name="sourcePath"/> (absolute in the source stage) holds: a known environment
    /// itself, a path inside one, a directory that contains one (<c>/app</c> holding <c>/app/.venv</c>), or a path
    /// whose name says so. Null when it is not a Python environment.
    /// </summary>
    public static PythonEnvironment? Classify(string sourcePath, IReadOnlyList<PythonEnvironment> known)
    {
        var path = Normalize(sourcePath);
        foreach (var environment in known)
        {
            if (path == environment.Path) return environment with { Path = path };
            // Inside an environment: a site-packages path is just packages; anything else keeps the environment's kind.
            if (path.StartsWith(environment.Path + "/", StringComparison.Ordinal))
                return ByName(path) == PythonEnvironmentKind.SitePackages ? new PythonEnvironment(path, PythonEnvironmentKind.SitePackages) : environment with { Path = path };
            if (path != "/" && environment.Path.StartsWith(path + "/", StringComparison.Ordinal)) return environment with { Path = path };
        }
        return ByName(path) is { } kind ? new PythonEnvironment(path, kind) : null;
    }

    private static PythonEnvironmentKind? ByName(string path)
    {
        PythonEnvironmentKind? kind = null;
        foreach (var segment in path.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            if (segment is "site-packages" or "dist-packages") return PythonEnvironmentKind.SitePackages;
            if (segment == ".local") kind ??= PythonEnvironmentKind.UserSite;
            else if (segment.EndsWith("venv", StringComparison.OrdinalIgnoreCase) || segment is ".virtualenvs" or "virtualenvs")
                kind ??= PythonEnvironmentKind.VirtualEnvironment;
        }
        return kind;
    }

    /// <summary>A COPY --from source as an absolute path: relative sources are relative to the source stage's root.</summary>
    public static string Normalize(string path)
    {
        var trimmed = path.Trim();
        if (trimmed.StartsWith("./", StringComparison.Ordinal)) trimmed = trimmed[2..];
        if (!trimmed.StartsWith('/')) trimmed = "/" + trimmed;
        while (trimmed.Length > 1 && trimmed.EndsWith('/')) trimmed = trimmed[..^1];
        if (trimmed.EndsWith("/.", StringComparison.Ordinal)) trimmed = trimmed.Length == 2 ? "/" : trimmed[..^2];
        return trimmed;
    }

    private static string Join(string workdir, string path)
    {
        if (path.StartsWith('/')) return Normalize(path);
        if (path.StartsWith("~/", StringComparison.Ordinal)) return Normalize("/root/" + path[2..]);
        return Normalize(workdir.TrimEnd('/') + "/" + path);
    }

    private static string Expand(DockerfileSyntax syntax, Instruction instruction, string word) =>
        syntax.Expand(word, syntax.GetScopeBefore(instruction)) ?? word;
}
