using System.Globalization;
using PyDockerLsp.Core.Syntax.Dockerfile;
using PyDockerLsp.Core.Syntax.Shell;

namespace PyDockerLsp.Core.Analysis.Rules.Installs;

/// <summary>An account created by a RUN of the build (<c>useradd</c>, <c>adduser</c>): what a cache mount for it needs.</summary>
/// <param name="Home">The home directory, or null when the command leaves it unknown (Debian's <c>adduser --system</c>).</param>
internal sealed record UserAccount(string Name, int? Uid, int? Gid, string? Home);

/// <summary>Who runs a RUN: root, or a named/numbered user with the home directory and ids when the build shows them.</summary>
internal sealed record RunUser(bool IsRoot, string? Name, int? Uid, int? Gid, string? Home)
{
    public static readonly RunUser Root = new(true, "root", 0, 0, "/root");

    public string Display => IsRoot ? "root" : Name ?? Uid?.ToString(CultureInfo.InvariantCulture) ?? "?";
}

/// <summary>
/// What the build has set up before an instruction of a stage: ENV and ARG values, the USER, the WORKDIR and the
/// accounts created by earlier RUNs. ENV, USER, WORKDIR and accounts pass through <c>FROM &lt;stage&gt;</c>; ARGs do not.
/// Values of an image base (its own ENV, USER, accounts) are unknown and taken as unset / root.
/// </summary>
internal sealed class BuildState : IVariableLookup
{
    private readonly Dictionary<string, string> _env;
    private readonly Dictionary<string, KeyValueArgument> _envPairs;
    private readonly Dictionary<string, string> _args;
    private readonly List<UserAccount> _accounts;
    private readonly Dictionary<string, int> _groups;

    private BuildState(Dictionary<string, string> env, Dictionary<string, KeyValueArgument> envPairs, Dictionary<string, string> args,
        List<UserAccount> accounts, Dictionary<string, int> groups, string? user, string workdir, char escape)
    {
        _env = env;
        _envPairs = envPairs;
        _args = args;
        _accounts = accounts;
        _groups = groups;
        User = user;
        Workdir = workdir;
        Escape = escape;
    }

    public static BuildState Empty(char escape) =>
        new(new(StringComparer.Ordinal), new(StringComparer.Ordinal), new(StringComparer.Ordinal), new(), new(StringComparer.Ordinal), null, "/", escape);

    /// <summary>A copy for a stage built FROM this state's stage (ARGs are not inherited).</summary>
    public BuildState Inherit() =>
        new(new(_env, StringComparer.Ordinal), new(_envPairs, StringComparer.Ordinal), new(StringComparer.Ordinal), new(_accounts), new(_groups, StringComparer.Ordinal), User, Workdir, Escape);

    public char Escape { get; }
    public IReadOnlyDictionary<string, string> Env => _env;

    /// <summary>The USER argument in effect (variables expanded), or null when no USER was set (root).</summary>
    public string? User { get; private set; }

    /// <summary>The working directory (absolute, "/" by default).</summary>
    public string Workdir { get; private set; }

    public IReadOnlyList<UserAccount> Accounts => _accounts;

    public bool TryGetValue(string name, out string value)
    {
        if (_env.TryGetValue(name, out value!)) return true;
        if (_args.TryGetValue(name, out value!)) return true;
        value = "";
        return false;
    }

    /// <summary>The ENV value of <paramref name="name"/>, or null.</summary>
    public string? GetEnv(string name) => _env.TryGetValue(name, out var value) ? value : null;

    /// <summary>The ENV pair that last set <paramref name="name"/> (in this stage or one it is built on), or null.</summary>
    public KeyValueArgument? GetEnvPair(string name) => _envPairs.TryGetValue(name, out var pair) ? pair : null;

    /// <summary>Expands a word as BuildKit does with the variables set so far; null when it does not expand.</summary>
    public string? Expand(string word) =>
        word.IndexOf('$') < 0 && word.IndexOf('"') < 0 && word.IndexOf('\'') < 0 && word.IndexOf(Escape) < 0
            ? word
            : new WordExpander(Escape) { SkipUnsetEnv = true }.ProcessWord(word, this);

    /// <summary>An absolute path for <paramref name="path"/> relative to the working directory.</summary>
    public string Absolute(string path) => path.StartsWith('/') ? NormalizePath(path) : NormalizePath(Workdir.TrimEnd('/') + "/" + path);

    /// <summary>Who runs a RUN at this point.</summary>
    public RunUser ResolveUser()
    {
        string? home = GetEnv("HOME");
        if (string.IsNullOrEmpty(User)) return home is null ? RunUser.Root : RunUser.Root with { Home = home };
        string user = User!;
        int colon = user.IndexOf(':');
        string name = colon < 0 ? user : user.Substring(0, colon);
        string? group = colon < 0 ? null : user.Substring(colon + 1);
        if (name is "root" or "0") return home is null ? RunUser.Root : RunUser.Root with { Home = home };
        UserAccount? account = null;
        bool numeric = int.TryParse(name, NumberStyles.None, CultureInfo.InvariantCulture, out int uid);
        foreach (var candidate in _accounts)
            if (numeric ? candidate.Uid == uid : candidate.Name == name) account = candidate;
        int? gid = group is null ? account?.Gid
            : int.TryParse(group, NumberStyles.None, CultureInfo.InvariantCulture, out int g) ? g
            : _groups.TryGetValue(group, out int named) ? named : null;
        return new RunUser(false, account?.Name ?? (numeric ? null : name), numeric ? uid : account?.Uid, gid, home ?? account?.Home);
    }

    internal void Apply(Instruction instruction, IVariableLookup globalArgs)
    {
        switch (instruction)
        {
            case EnvInstruction env:
            {
                // All pairs of one ENV see the values from before it.
                var values = new List<(KeyValueArgument, string)>(env.Pairs.Count);
                foreach (var pair in env.Pairs)
                    values.Add((pair, pair.GetValue(this, Escape, keepUnset: true) ?? pair.Value));
                foreach (var (pair, value) in values)
                {
                    _env[pair.Key] = value;
                    _envPairs[pair.Key] = pair;
                }
                break;
            }
            case ArgInstruction arg:
                foreach (var declaration in arg.Declarations)
                {
                    if (declaration.HasDefault) _args[declaration.Name] = declaration.GetDefaultValue(this, Escape, keepUnset: true) ?? declaration.DefaultValue!;
                    else if (globalArgs.TryGetValue(declaration.Name, out var global)) _args[declaration.Name] = global;
                }
                break;
            case UserInstruction user when user.User is { } value:
                User = Expand(value) ?? value;
                break;
            case WorkdirInstruction workdir when workdir.Path is { } path:
                Workdir = Absolute(Expand(path) ?? path);
                break;
            case RunInstruction run:
                foreach (var command in run.ShellCommands) RecordAccount(command);
                break;
        }
    }

    private void RecordAccount(ShellCommand command)
    {
        var name = command.Program?.Name;
        if (name is null) return;
        // Names and homes are often build arguments (useradd -m "$APP_USER"): see Value().
        var words = command.Program!.Arguments;
        switch (name)
        {
            case "useradd":
                ReadUseradd(words);
                break;
            case "adduser":
                ReadAdduser(words);
                break;
            case "groupadd":
            case "addgroup":
                ReadGroupadd(words);
                break;
        }
    }

    private string Value(ShellWord word) => word.HasExpansion ? Expand(word.Text) ?? word.Value : word.Value;

    private void ReadUseradd(IReadOnlyList<ShellWord> words)
    {
        string? login = null, home = null, baseDir = null, group = null;
        int? uid = null;
        for (int i = 0; i < words.Count; i++)
        {
            string w = Value(words[i]);
            string? next = i + 1 < words.Count ? Value(words[i + 1]) : null;
            switch (OptionName(w))
            {
                case "-u" or "--uid": uid = ParseInt(OptionValue(w, next, ref i)); break;
                case "-g" or "--gid": group = OptionValue(w, next, ref i); break;
                case "-d" or "--home-dir" or "--home": home = OptionValue(w, next, ref i); break;
                case "-b" or "--base-dir": baseDir = OptionValue(w, next, ref i); break;
                case "-s" or "--shell" or "-c" or "--comment" or "-G" or "--groups" or "-k" or "--skel" or "-K" or "--key" or "-p"
                    or "--password" or "-e" or "--expiredate" or "-f" or "--inactive" or "-Z" or "--selinux-user" or "-R" or "--root"
                    or "-P" or "--prefix":
                    OptionValue(w, next, ref i);
                    break;
                default:
                    if (!w.StartsWith('-')) login = w;
                    break;
            }
        }
        if (login is null) return;
        _accounts.Add(new UserAccount(login, uid, GroupId(group), home ?? (baseDir ?? "/home").TrimEnd('/') + "/" + login));
    }

    /// <summary>Debian's adduser (long options) and BusyBox's (Alpine; short options: <c>-h</c> home, <c>-g</c> GECOS).</summary>
    private void ReadAdduser(IReadOnlyList<ShellWord> words)
    {
        string? login = null, home = null, group = null;
        int? uid = null;
        bool debianSystem = false;
        int positionals = 0;
        for (int i = 0; i < words.Count; i++)
        {
            string w = Value(words[i]);
            string? next = i + 1 < words.Count ? Value(words[i + 1]) : null;
            switch (OptionName(w))
            {
                case "-u" or "--uid": uid = ParseInt(OptionValue(w, next, ref i)); break;
                case "--gid": group = OptionValue(w, next, ref i); break;
                case "--ingroup" or "-G": group = OptionValue(w, next, ref i); break;
                case "-h" or "--home": home = OptionValue(w, next, ref i); break;
                case "--system": debianSystem = true; break;
                case "-s" or "--shell" or "-g" or "--gecos" or "--comment" or "-k" or "--firstuid" or "--lastuid" or "--conf"
                    or "--add-extra-groups" or "--firstgid" or "--lastgid":
                    OptionValue(w, next, ref i);
                    break;
                default:
                    if (!w.StartsWith('-'))
                    {
                        positionals++;
                        login ??= w;
                    }
                    break;
            }
        }
        // "adduser user group" without options adds an existing user to a group.
        if (login is null || positionals > 1 && uid is null && home is null) return;
        foreach (var existing in _accounts)
            if (existing.Name == login) return;
        _accounts.Add(new UserAccount(login, uid, GroupId(group), home ?? (debianSystem ? null : "/home/" + login)));
    }

    private void ReadGroupadd(IReadOnlyList<ShellWord> words)
    {
        string? name = null;
        int? gid = null;
        int positionals = 0;
        for (int i = 0; i < words.Count; i++)
        {
            string w = Value(words[i]);
            string? next = i + 1 < words.Count ? Value(words[i + 1]) : null;
            switch (OptionName(w))
            {
                case "-g" or "--gid": gid = ParseInt(OptionValue(w, next, ref i)); break;
                case "-K" or "--key" or "-p" or "--password" or "-R" or "--root" or "-P" or "--prefix" or "--conf": OptionValue(w, next, ref i); break;
                default:
                    if (!w.StartsWith('-'))
                    {
                        positionals++;
                        name ??= w;
                    }
                    break;
            }
        }
        if (name is not null && gid is not null && positionals == 1) _groups[name] = gid.Value;
    }

    private int? GroupId(string? group)
    {
        if (group is null) return null;
        if (int.TryParse(group, NumberStyles.None, CultureInfo.InvariantCulture, out int gid)) return gid;
        return _groups.TryGetValue(group, out int named) ? named : null;
    }

    private static string OptionName(string word)
    {
        int equals = word.StartsWith("--", StringComparison.Ordinal) ? word.IndexOf('=') : -1;
        return equals > 0 ? word.Substring(0, equals) : word;
    }

    /// <summary>The value of an option written as <c>--name=value</c> or <c>-n value</c>/<c>--name value</c> (consumes the next word).</summary>
    private static string? OptionValue(string word, string? next, ref int index)
    {
        int equals = word.StartsWith("--", StringComparison.Ordinal) ? word.IndexOf('=') : -1;
        if (equals > 0) return word.Substring(equals + 1);
        index++;
        return next;
    }

    private static int? ParseInt(string? text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int value) ? value : null;

    /// <summary>Collapses "//", "/./" and "/x/../" and drops a trailing slash (except for "/").</summary>
    internal static string NormalizePath(string path)
    {
        var parts = new List<string>();
        foreach (var segment in path.Split('/'))
        {
            if (segment.Length == 0 || segment == ".") continue;
            if (segment == "..")
            {
                if (parts.Count > 0) parts.RemoveAt(parts.Count - 1);
                continue;
            }
            parts.Add(segment);
        }
        return "/" + string.Join('/', parts);
    }
}

/// <summary>Walks the stages in order and tells a visitor the <see cref="BuildState"/> before each instruction.</summary>
internal static class BuildStateWalker
{
    /// <summary>Calls <paramref name="visit"/> for every instruction of every stage (and for ONBUILD triggers, with
    /// the state of the stage that declares them) with the state before the instruction; returns the state at the end
    /// of every stage. The state passed to the visitor changes afterwards: read it, don't keep it.</summary>
    public static IReadOnlyDictionary<Stage, BuildState> Walk(DockerfileSyntax syntax, Action<Instruction, BuildState> visit)
    {
        var globalArgs = syntax.GetGlobalScope();
        var endStates = new Dictionary<Stage, BuildState>();
        foreach (var stage in syntax.Stages)
        {
            var state = stage.BaseStage is { } parent && endStates.TryGetValue(parent, out var inherited)
                ? inherited.Inherit()
                : BuildState.Empty(syntax.EscapeChar);
            foreach (var instruction in stage.Instructions)
            {
                visit(instruction, state);
                if (instruction is OnbuildInstruction { Trigger: { } trigger }) visit(trigger, state);
                state.Apply(instruction, globalArgs);
            }
            endStates[stage] = state;
        }
        return endStates;
    }
}
