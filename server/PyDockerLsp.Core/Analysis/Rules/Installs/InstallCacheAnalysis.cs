using System.Runtime.CompilerServices;
using PyDockerLsp.Core.Features.Knowledge;
using PyDockerLsp.Core.Syntax.Dockerfile;
using PyDockerLsp.Core.Syntax.Shell;
using PyDockerLsp.Core.Text;

namespace PyDockerLsp.Core.Analysis.Rules.Installs;

/// <summary>How an installer command's download cache is dealt with in its RUN.</summary>
internal enum CacheHandling
{
    /// <summary>A BuildKit cache mount covers the directory the installer uses.</summary>
    Mounted,
    /// <summary>No mount, but the cache is off (flag, variable, tmpfs mount, removed in the same RUN).</summary>
    Disabled,
    /// <summary>Neither: the cache is written into the layer and lost for the next build (PD201).</summary>
    Missing,
    /// <summary>A cache mount covers the directory, but the cache is switched off or emptied anyway (PD202).</summary>
    Defeated,
    /// <summary>The RUN has a cache mount meant for Python packages, but not on this installer's directory for this user (PD202).</summary>
    Misplaced,
}

internal enum CacheDisablerKind { Flag, CommandAssignment, Export, Env, Removal, Tmpfs }

/// <summary>What switches an installer's cache off: a flag word, a <c>NAME=value</c> before the command, an
/// <c>export</c>, an ENV pair (possibly in a base stage), a removal of the directory, or a tmpfs mount on it.</summary>
internal sealed record CacheDisabler(CacheDisablerKind Kind, string Text, TextSpan Span, ShellWord? Word = null, KeyValueArgument? EnvPair = null);

/// <summary>One installer command of a RUN and the state of its download cache.</summary>
internal sealed class InstallCacheUse
{
    public required RunInstruction Run { get; init; }
    public required PythonInstallerCommand Install { get; init; }
    public required RunUser User { get; init; }

    /// <summary>The directory the installer caches into, or null when it cannot be known (a user the Dockerfile does not create).</summary>
    public required string? CacheDirectory { get; init; }

    /// <summary>True when <see cref="CacheDirectory"/> comes from <c>--cache-dir</c> or a <c>*_CACHE_DIR</c>/<c>XDG_CACHE_HOME</c> variable.</summary>
    public bool CacheDirectoryMoved { get; init; }

    public CacheHandling Handling { get; set; }

    /// <summary>The mount on the cache directory (Mounted, Defeated) or the one meant for it (Misplaced).</summary>
    public RunMount? Mount { get; set; }

    public CacheDisabler? Disabler { get; set; }

    /// <summary>True when <c>UV_LINK_MODE</c> or <c>--link-mode</c> is set for a uv command.</summary>
    public bool UvLinkModeSet { get; init; }

    /// <summary>For uv with a cache mount: where <c>symlink</c> link mode is chosen (the venv would point into the mount).</summary>
    public CacheDisabler? SymlinkLinkMode { get; init; }

    public PackageCache Cache => Install.Cache;
    public PythonInstaller Installer => Install.Installer;
}

/// <summary>
/// Finds every pip/uv/Poetry/Pipenv command that downloads packages, in every stage (build speed matters in builders
/// too) and in ONBUILD triggers, and decides how its cache is handled. Shared by PD201 and PD202 and computed once
/// per model.
/// </summary>
internal static class InstallCacheAnalysis
{
    private static readonly ConditionalWeakTable<ProjectModel, InstallCacheUse[]> Memo = new();

    /// <summary>The installer commands of the model in document order (those of one RUN adjacent).</summary>
    public static InstallCacheUse[] For(ProjectModel model) => Memo.GetValue(model, static m => Analyze(m.Syntax));

    private static InstallCacheUse[] Analyze(DockerfileSyntax syntax)
    {
        var uses = new List<InstallCacheUse>();
        BuildStateWalker.Walk(syntax, (instruction, state) =>
        {
            if (instruction is not RunInstruction run) return;
            int first = uses.Count;
            var commands = run.ShellCommands;
            for (int i = 0; i < commands.Count; i++)
            {
                // With --no-index nothing is downloaded, so there is nothing to cache.
                if (PythonInstallerCommand.TryRead(commands[i]) is not { } install || install.IsOffline) continue;
                uses.Add(Classify(run, commands, i, install, state));
            }
            if (uses.Count > first) AssignMisplacedMounts(run, uses, first, state);
        });
        return uses.ToArray();
    }

    private static InstallCacheUse Classify(RunInstruction run, IReadOnlyList<ShellCommand> commands, int index, PythonInstallerCommand install, BuildState state)
    {
        var user = state.ResolveUser();
        var variables = new CommandVariables(state, commands, index);
        var (directory, moved) = CacheDirectory(install, user, variables, state);
        var use = new InstallCacheUse
        {
            Run = run,
            Install = install,
            User = user,
            CacheDirectory = directory,
            CacheDirectoryMoved = moved,
            UvLinkModeSet = install.Installer == PythonInstaller.Uv && (install.HasOption("--link-mode") || variables.Find("UV_LINK_MODE") is not null),
            SymlinkLinkMode = install.Installer == PythonInstaller.Uv ? SymlinkMode(install, variables) : null,
        };

        RunMount? cacheMount = null, tmpfs = null;
        foreach (var mount in run.Mounts)
        {
            if (!Covers(mount, use, state)) continue;
            if (mount.IsCache) cacheMount ??= mount;
            else if (mount.Type == "tmpfs") tmpfs ??= mount;
        }
        var disabler = Disabler(install, variables) ?? Removal(commands, index, use, state);
        if (cacheMount is not null)
        {
            use.Mount = cacheMount;
            use.Disabler = disabler;
            use.Handling = disabler is null ? CacheHandling.Mounted : CacheHandling.Defeated;
        }
        else if (disabler is not null || tmpfs is not null)
        {
            use.Disabler = disabler ?? new CacheDisabler(CacheDisablerKind.Tmpfs, tmpfs!.Flag.Text, tmpfs.Span);
            use.Handling = CacheHandling.Disabled;
        }
        else use.Handling = CacheHandling.Missing;
        return use;
    }

    /// <summary>The cache directory: <c>--cache-dir</c>, the tool's <c>*_CACHE_DIR</c>, <c>XDG_CACHE_HOME</c>, then the user's home.</summary>
    private static (string? Directory, bool Moved) CacheDirectory(PythonInstallerCommand install, RunUser user, CommandVariables variables, BuildState state)
    {
        if (install.Installer is PythonInstaller.Pip or PythonInstaller.Uv)
            foreach (var option in install.OptionsNamed("--cache-dir"))
                if (option.Value is { Length: > 0 } flagged) return (Resolve(flagged, state), true);
        var cache = install.Cache;
        if (cache.OverrideEnvVar is { } overrideName && variables.Find(overrideName) is { Value.Length: > 0 } moved)
            return (Resolve(moved.Value, state), true);
        string relative = cache.HomeRelativeTarget!; // ".cache/pip"
        if (variables.Find("XDG_CACHE_HOME") is { Value.Length: > 0 } xdg)
            return (Resolve(xdg.Value.TrimEnd('/') + "/" + relative.Substring(".cache/".Length), state), true);
        return user.Home is { Length: > 0 } home ? (BuildState.NormalizePath(home + "/" + relative), false) : (null, false);
    }

    private static string? Resolve(string path, BuildState state)
    {
        var expanded = state.Expand(path) ?? path;
        if (expanded.Contains('$')) return null;
        return state.Absolute(expanded);
    }

    /// <summary>True when the mount's target is the use's cache directory or a folder above it. With an unknown
    /// directory, any target that ends like the installer's cache (<c>…/.cache/pip</c>) counts.</summary>
    private static bool Covers(RunMount mount, InstallCacheUse use, BuildState state)
    {
        if (mount.Target is not { Length: > 0 } rawTarget) return false;
        var target = Resolve(rawTarget, state);
        if (target is null) return false;
        if (use.CacheDirectory is { } directory) return IsSameOrAncestor(target, directory);
        var relative = "/" + use.Cache.HomeRelativeTarget;
        return target.EndsWith(relative, StringComparison.Ordinal) || target.EndsWith("/.cache", StringComparison.Ordinal);
    }

    internal static bool IsSameOrAncestor(string ancestor, string path)
    {
        if (ancestor == "/") return true;
        return path == ancestor || path.StartsWith(ancestor + "/", StringComparison.Ordinal);
    }

    /// <summary>A flag or variable that switches the installer's cache off.</summary>
    private static CacheDisabler? Disabler(PythonInstallerCommand install, CommandVariables variables)
    {
        foreach (var option in install.GlobalOptions.Concat(install.Options))
            if (IsDisablingFlag(install.Installer, option.Name)) return new CacheDisabler(CacheDisablerKind.Flag, option.Word.Value, option.Word.Span, option.Word);
        string? variable = install.Installer switch
        {
            // Pipenv installs through pip, which reads the variable from the environment it inherits.
            PythonInstaller.Pip or PythonInstaller.Pipenv => "PIP_NO_CACHE_DIR",
            PythonInstaller.Uv => "UV_NO_CACHE",
            _ => null,
        };
        if (variable is null || variables.Find(variable) is not { } found) return null;
        bool disables = install.Installer == PythonInstaller.Uv ? IsTruthy(found.Value) : found.Value.Length > 0;
        return disables ? found.ToDisabler() : null;
    }

    /// <summary>pip reads long options by any unambiguous prefix, so <c>--no-cache</c> is <c>--no-cache-dir</c>.</summary>
    internal static bool IsDisablingFlag(PythonInstaller installer, string option) => installer switch
    {
        PythonInstaller.Pip => option.Length >= "--no-ca".Length && "--no-cache-dir".StartsWith(option, StringComparison.Ordinal),
        PythonInstaller.Uv => option is "--no-cache" or "-n",
        PythonInstaller.Poetry => option == "--no-cache",
        _ => false,
    };

    /// <summary>uv's boolean variables: <c>1</c>, <c>true</c>, <c>yes</c>, <c>on</c> (any case) are true.</summary>
    private static bool IsTruthy(string value) =>
        value.Equals("1", StringComparison.Ordinal) || value.Equals("true", StringComparison.OrdinalIgnoreCase)
        || value.Equals("yes", StringComparison.OrdinalIgnoreCase) || value.Equals("on", StringComparison.OrdinalIgnoreCase)
        || value.Equals("y", StringComparison.OrdinalIgnoreCase) || value.Equals("t", StringComparison.OrdinalIgnoreCase);

    private static CacheDisabler? SymlinkMode(PythonInstallerCommand install, CommandVariables variables)
    {
        foreach (var option in install.OptionsNamed("--link-mode"))
            if (option.Value == "symlink") return new CacheDisabler(CacheDisablerKind.Flag, option.Word.Value, option.Word.Span, option.Word);
        return variables.Find("UV_LINK_MODE") is { Value: "symlink" } found ? found.ToDisabler() : null;
    }

    /// <summary>A later command of the same RUN that deletes the cache (<c>rm -rf /root/.cache/pip</c>, <c>pip cache purge</c>).</summary>
    private static CacheDisabler? Removal(IReadOnlyList<ShellCommand> commands, int index, InstallCacheUse use, BuildState state)
    {
        for (int i = index + 1; i < commands.Count; i++)
        {
            var command = commands[i];
            var program = command.Program;
            if (program is null) continue;
            if (program.Name == "rm")
            {
                foreach (var word in program.Arguments)
                {
                    if (word.Value.StartsWith('-')) continue;
                    if (RemovesCache(word.Value, use, state)) return new CacheDisabler(CacheDisablerKind.Removal, "rm " + word.Value, command.Span, word);
                }
                continue;
            }
            var sub = program.Arguments;
            bool clears = use.Installer switch
            {
                PythonInstaller.Pip => program.IsOneOf("pip") && sub.Count >= 2 && sub[0].Value == "cache" && sub[1].Value is "purge",
                PythonInstaller.Uv => program.Name == "uv" && sub.Count >= 2 && sub[0].Value == "cache" && sub[1].Value is "clean",
                PythonInstaller.Poetry => program.Name == "poetry" && sub.Count >= 2 && sub[0].Value == "cache" && sub[1].Value is "clear",
                _ => false,
            };
            if (clears) return new CacheDisabler(CacheDisablerKind.Removal, command.ToString(), command.Span);
        }
        return null;
    }

    private static bool RemovesCache(string argument, InstallCacheUse use, BuildState state)
    {
        string path = argument;
        string? home = use.User.Home;
        if (home is not null)
        {
            if (path == "~" || path.StartsWith("~/", StringComparison.Ordinal)) path = home + path.Substring(1);
            else if (path.StartsWith("$HOME", StringComparison.Ordinal)) path = home + path.Substring(5);
            else if (path.StartsWith("${HOME}", StringComparison.Ordinal)) path = home + path.Substring(7);
        }
        if (path.EndsWith("/*", StringComparison.Ordinal)) path = path.Substring(0, path.Length - 2);
        if (path.Contains('*') || path.Contains('$') || path.Length == 0) return false;
        path = state.Absolute(path);
        if (path == "/") return false;
        if (use.CacheDirectory is { } directory) return IsSameOrAncestor(path, directory);
        return path.EndsWith("/" + use.Cache.HomeRelativeTarget, StringComparison.Ordinal) || path.EndsWith("/.cache", StringComparison.Ordinal);
    }

    /// <summary>
    /// A cache mount that covers no installer of the RUN but is evidently meant for Python packages (its path names
    /// pip, uv, Poetry or Pipenv) is the one a "Missing" installer should have used: the path is wrong for the tool or
    /// for the user that runs it.
    /// </summary>
    private static void AssignMisplacedMounts(RunInstruction run, List<InstallCacheUse> uses, int first, BuildState state)
    {
        foreach (var mount in run.Mounts)
        {
            if (!mount.IsCache || mount.Target is not { Length: > 0 } target) continue;
            bool used = false;
            for (int i = first; i < uses.Count; i++)
                if (ReferenceEquals(uses[i].Mount, mount)) used = true;
            if (used) continue;
            var meantFor = PythonCacheOwner(target);
            if (meantFor is null) continue;
            var missing = new List<InstallCacheUse>();
            for (int i = first; i < uses.Count; i++)
                if (uses[i].Handling == CacheHandling.Missing && uses[i].Installer == meantFor) missing.Add(uses[i]);
            if (missing.Count == 0)
            {
                // A mount named after one tool while only one other tool lacks a cache (pip's mount over `uv pip install`).
                var tools = new HashSet<PythonInstaller>();
                for (int i = first; i < uses.Count; i++)
                    if (uses[i].Handling == CacheHandling.Missing) tools.Add(uses[i].Installer);
                var present = new HashSet<PythonInstaller>();
                for (int i = first; i < uses.Count; i++) present.Add(uses[i].Installer);
                if (tools.Count != 1 || present.Contains(meantFor.Value)) continue;
                for (int i = first; i < uses.Count; i++)
                    if (uses[i].Handling == CacheHandling.Missing) missing.Add(uses[i]);
            }
            foreach (var use in missing)
            {
                use.Handling = CacheHandling.Misplaced;
                use.Mount = mount;
            }
        }
    }

    /// <summary>The installer a cache path is named after (<c>/root/.cache/pip</c>, <c>/tmp/poetry_cache</c>,
    /// <c>/home/app/.cache/uv</c>), or null when the path names none.</summary>
    internal static PythonInstaller? PythonCacheOwner(string target)
    {
        switch (PackageCaches.ManagerOfTarget(target))
        {
            case PackageManager.Pip: return PythonInstaller.Pip;
            case PackageManager.Uv: return PythonInstaller.Uv;
            case PackageManager.Poetry: return PythonInstaller.Poetry;
            case PackageManager.Pipenv: return PythonInstaller.Pipenv;
        }
        int start = 0;
        var lower = target.ToLowerInvariant();
        for (int i = 0; i <= lower.Length; i++)
        {
            if (i < lower.Length && char.IsAsciiLetterOrDigit(lower[i])) continue;
            var token = lower.AsSpan(start, i - start);
            if (token.SequenceEqual("pip")) return PythonInstaller.Pip;
            if (token.SequenceEqual("uv")) return PythonInstaller.Uv;
            if (token.SequenceEqual("poetry") || token.SequenceEqual("pypoetry")) return PythonInstaller.Poetry;
            if (token.SequenceEqual("pipenv")) return PythonInstaller.Pipenv;
            start = i + 1;
        }
        return null;
    }

    /// <summary>A variable as one command sees it: its own <c>NAME=value</c> prefix (or <c>env NAME=value</c>), an
    /// earlier <c>export</c> in the same RUN, or ENV.</summary>
    private sealed class CommandVariables
    {
        private readonly BuildState _state;
        private readonly IReadOnlyList<ShellCommand> _commands;
        private readonly int _index;

        public CommandVariables(BuildState state, IReadOnlyList<ShellCommand> commands, int index)
        {
            _state = state;
            _commands = commands;
            _index = index;
        }

        public FoundVariable? Find(string name)
        {
            var command = _commands[_index];
            var program = command.Program;
            if (program is not null)
                for (int i = program.Wrappers.Count - 1; i >= 0; i--)
                    if (AssignmentValue(program.Wrappers[i], name) is { } wrapped) return new FoundVariable(wrapped, CacheDisablerKind.CommandAssignment, program.Wrappers[i], null);
            for (int i = command.Assignments.Count - 1; i >= 0; i--)
                if (AssignmentValue(command.Assignments[i], name) is { } assigned) return new FoundVariable(assigned, CacheDisablerKind.CommandAssignment, command.Assignments[i], null);
            for (int c = _index - 1; c >= 0; c--)
            {
                var earlier = _commands[c];
                if (earlier.Name is "export" or "declare" or "typeset")
                    for (int w = earlier.Words.Count - 1; w >= 1; w--)
                        if (AssignmentValue(earlier.Words[w], name) is { } exported) return new FoundVariable(exported, CacheDisablerKind.Export, earlier.Words[w], null);
                if (earlier.Name == "unset")
                    for (int w = 1; w < earlier.Words.Count; w++)
                        if (earlier.Words[w].Value == name) return null;
            }
            if (_state.GetEnv(name) is { } env) return new FoundVariable(env, CacheDisablerKind.Env, null, _state.GetEnvPair(name));
            return null;
        }

        private static string? AssignmentValue(ShellWord word, string name)
        {
            var value = word.Value;
            return value.Length > name.Length && value[name.Length] == '=' && value.StartsWith(name, StringComparison.Ordinal)
                ? value.Substring(name.Length + 1)
                : null;
        }
    }

    private sealed record FoundVariable(string Value, CacheDisablerKind Kind, ShellWord? Word, KeyValueArgument? Pair)
    {
        public CacheDisabler ToDisabler()
        {
            if (Word is not null) return new CacheDisabler(Kind, Word.Value, Word.Span, Word);
            return new CacheDisabler(CacheDisablerKind.Env, Pair is null ? "ENV" : Pair.ToString(), Pair?.Span ?? default, EnvPair: Pair);
        }
    }
}
