using System.Globalization;
using PyDockerLsp.Core.Syntax.Dockerfile;
using PyDockerLsp.Core.Syntax.Shell;

namespace PyDockerLsp.Core.Analysis.Rules.Security;

/// <summary>A user created by <c>useradd</c> or <c>adduser</c> in a RUN: its name and, when given, its ids and primary group.</summary>
internal sealed record CreatedUser(string Name, int? Uid, string? Group, int? Gid);

/// <summary>A group created by <c>groupadd</c> or <c>addgroup</c>.</summary>
internal sealed record CreatedGroup(string Name, int? Gid);

/// <summary>
/// How a Dockerfile creates and uses accounts: reading <c>useradd</c>/<c>adduser</c> (shadow, Debian and BusyBox
/// flavours) and <c>groupadd</c>/<c>addgroup</c>, telling root from other users, and collecting the numeric ids a
/// stage chain already uses.
/// </summary>
internal static class UserAccounts
{
    /// <summary>Options of the user and group tools that take the next word as their value.</summary>
    private static readonly string[] OptionsWithValue =
    {
        "-b", "-c", "-d", "-e", "-f", "-g", "-G", "-k", "-K", "-p", "-s", "-u", "-R", "-P", "-Z", "-h",
        "--base-dir", "--comment", "--home-dir", "--home", "--expiredate", "--inactive", "--gid", "--groups", "--skel",
        "--key", "--password", "--shell", "--uid", "--root", "--prefix", "--selinux-user", "--gecos", "--ingroup",
        "--firstuid", "--lastuid", "--firstgid", "--lastgid", "--conf",
    };

    /// <summary>True for <c>root</c>, <c>0</c> and either with a group (<c>root:root</c>, <c>0:0</c>).</summary>
    public static bool IsRoot(string user)
    {
        var name = user.Trim();
        int colon = name.IndexOf(':');
        if (colon >= 0) name = name.Substring(0, colon);
        return name == "root" || name == "0";
    }

    /// <summary>The value of the user's USER instruction with build arguments expanded, or null when it cannot be
    /// known (an unset variable).</summary>
    public static string? EffectiveValue(DockerfileSyntax syntax, UserInstruction user)
    {
        var written = user.User;
        if (written is null) return null;
        if (written.IndexOf('$') < 0) return written;
        var expanded = syntax.Expand(written, syntax.GetScopeBefore(user));
        return expanded is null || expanded.IndexOf('$') >= 0 || expanded.Length == 0 ? null : expanded;
    }

    /// <summary>The user <paramref name="command"/> creates, or null when it creates none.</summary>
    public static CreatedUser? ReadUserCreation(ShellCommand command)
    {
        var program = command.Program;
        if (program is null || program.Name is not ("useradd" or "adduser")) return null;
        var (positionals, values) = Read(program.Arguments);
        // "adduser user group" adds an existing user to a group.
        if (positionals.Count != 1) return null;
        // useradd: -g is the primary group (-G supplementary ones); BusyBox adduser: -G is the group (-g the GECOS).
        string? group = program.Name == "useradd" ? Value(values, "-g", "--gid") : Value(values, "-G", "--ingroup", "--gid");
        int? gid = group is not null && int.TryParse(group, NumberStyles.None, CultureInfo.InvariantCulture, out var g) ? g : null;
        return new CreatedUser(positionals[0], Number(Value(values, "-u", "--uid")), gid is null ? group : null, gid);
    }

    /// <summary>The group <paramref name="command"/> creates, or null.</summary>
    public static CreatedGroup? ReadGroupCreation(ShellCommand command)
    {
        var program = command.Program;
        if (program is null || program.Name is not ("groupadd" or "addgroup")) return null;
        var (positionals, values) = Read(program.Arguments);
        if (positionals.Count != 1) return null;
        return new CreatedGroup(positionals[0], Number(Value(values, "-g", "--gid")));
    }

    private static (List<string> Positionals, List<(string Option, string Value)> Values) Read(IReadOnlyList<ShellWord> arguments)
    {
        var positionals = new List<string>();
        var values = new List<(string, string)>();
        for (int i = 0; i < arguments.Count; i++)
        {
            string value = arguments[i].Value;
            if (value.StartsWith("--", StringComparison.Ordinal) && value.IndexOf('=') is var equals and > 2)
            {
                values.Add((value.Substring(0, equals), value.Substring(equals + 1)));
                continue;
            }
            if (value.Length > 1 && value[0] == '-')
            {
                if (Array.IndexOf(OptionsWithValue, value) >= 0 && i + 1 < arguments.Count) values.Add((value, arguments[++i].Value));
                else if (value.Length > 2 && value[1] != '-' && Array.IndexOf(OptionsWithValue, value.Substring(0, 2)) >= 0)
                    values.Add((value.Substring(0, 2), value.Substring(2)));
                continue;
            }
            positionals.Add(value);
        }
        return (positionals, values);
    }

    private static string? Value(List<(string Option, string Value)> values, params string[] options)
    {
        string? found = null;
        foreach (var (option, value) in values)
            if (Array.IndexOf(options, option) >= 0) found = value;
        return found;
    }

    internal static int? Number(string? text) =>
        text is not null && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;

    /// <summary>Splits <c>user[:group]</c>.</summary>
    public static (string User, string? Group) Split(string owner)
    {
        int colon = owner.IndexOf(':');
        return colon < 0 ? (owner, null) : (owner.Substring(0, colon), owner.Substring(colon + 1));
    }

    /// <summary>The accounts a chain of stages (nearest first, as <see cref="Stage.SelfAndBaseStages"/> gives it) creates
    /// and the owners it names, in document order.</summary>
    public static AccountUse Collect(DockerfileSyntax syntax, IReadOnlyList<Stage> chainNearestFirst)
    {
        var use = new AccountUse();
        for (int c = chainNearestFirst.Count - 1; c >= 0; c--)
        {
            foreach (var instruction in chainNearestFirst[c].Instructions)
            {
                switch (instruction)
                {
                    case RunInstruction run:
                        foreach (var command in run.ShellCommands)
                        {
                            if (ReadUserCreation(command) is { } user)
                            {
                                // adduser ${user} with ENV user=lemur: the name the build really uses.
                                if (user.Name.IndexOf('$') >= 0) user = Expanded(syntax, run, user);
                                if (user is not null) use.Users.Add(user);
                            }
                            else if (ReadGroupCreation(command) is { } group) use.Groups.Add(group);
                            else if (command.Program is { Name: "chown" } chown) AddChownOwner(use, chown.Arguments);
                        }
                        break;
                    case FileTransferInstruction copy when copy.Chown is { Length: > 0 } owner:
                        use.Owners.Add(owner);
                        break;
                    case UserInstruction userInstruction when userInstruction.User is { } value:
                        use.UserInstructions.Add(userInstruction);
                        foreach (var part in value.Split(':')) if (Number(part) is { } id) use.TakenIds.Add(id);
                        break;
                }
            }
        }
        foreach (var user in use.Users)
        {
            if (user.Uid is { } uid) use.TakenIds.Add(uid);
            if (user.Gid is { } gid) use.TakenIds.Add(gid);
        }
        foreach (var group in use.Groups)
            if (group.Gid is { } gid) use.TakenIds.Add(gid);
        return use;
    }

    private static CreatedUser? Expanded(DockerfileSyntax syntax, RunInstruction run, CreatedUser user)
    {
        var name = syntax.Expand(user.Name, syntax.GetScopeBefore(run));
        return name is null || name.Length == 0 || name.IndexOf('$') >= 0 ? null : user with { Name = name };
    }

    private static void AddChownOwner(AccountUse use, IReadOnlyList<ShellWord> arguments)
    {
        foreach (var word in arguments)
        {
            if (word.Value.StartsWith('-')) continue;
            use.Owners.Add(word.Value);
            return;
        }
    }
}

/// <summary>What <see cref="UserAccounts.Collect"/> found in a chain of stages.</summary>
internal sealed class AccountUse
{
    public List<CreatedUser> Users { get; } = new();
    public List<CreatedGroup> Groups { get; } = new();
    /// <summary>Owners named by <c>COPY --chown</c> and <c>chown</c> (<c>app</c>, <c>1000:1000</c>).</summary>
    public List<string> Owners { get; } = new();
    public List<UserInstruction> UserInstructions { get; } = new();
    /// <summary>Numeric ids given to created users and groups or named by USER.</summary>
    public HashSet<int> TakenIds { get; } = new();

    public bool IsCreatedUser(string name)
    {
        foreach (var user in Users)
            if (user.Name == name || (user.Uid is { } uid && UserAccounts.Number(name) == uid)) return true;
        return false;
    }
}
