using PyDockerLsp.Core.Syntax.Dockerfile;
using PyDockerLsp.Core.Syntax.Shell;

namespace PyDockerLsp.Core.Analysis.Rules.Manifests;

/// <summary>One <c>apt-get install</c> (or <c>apt install</c>) command and the package words it names.</summary>
internal sealed record AptInstall(RunInstruction Run, ShellCommand Command, IReadOnlyList<ShellWord> Packages)
{
    /// <summary>The package names without a <c>=version</c> or <c>/release</c> suffix.</summary>
    public IEnumerable<string> Names => Packages.Select(p => BareName(p.Value));

    private static string BareName(string word)
    {
        int cut = word.IndexOfAny(VersionSeparators);
        return (cut < 0 ? word : word.Substring(0, cut)).ToLowerInvariant();
    }

    private static readonly char[] VersionSeparators = { '=', '/' };
}

/// <summary>
/// The Debian packages the stages install, and which packages stand in for each other where a native Python
/// package is concerned (<c>build-essential</c> brings gcc; <c>libpq-dev</c> brings libpq5).
/// </summary>
internal static class OsPackageInstalls
{
    /// <summary>apt-get options that take the next word as their value.</summary>
    private static readonly HashSet<string> ValueOptions = new(StringComparer.Ordinal) { "-o", "-t", "-c", "--option", "--target-release", "--config-file" };

    /// <summary>Packages that provide what a requirement names: a compiler, the libpq and MySQL headers and libraries.</summary>
    private static readonly Dictionary<string, string[]> Providers = new(StringComparer.Ordinal)
    {
        ["gcc"] = new[] { "gcc", "build-essential", "g++", "clang", "cc" },
        ["libpq-dev"] = new[] { "libpq-dev", "postgresql-server-dev-all" },
        ["libpq5"] = new[] { "libpq5", "libpq-dev", "postgresql-client", "postgresql", "postgresql-server-dev-all" },
        ["pkg-config"] = new[] { "pkg-config", "pkgconf" },
        ["default-libmysqlclient-dev"] = new[] { "default-libmysqlclient-dev", "libmysqlclient-dev", "libmariadb-dev", "libmariadb-dev-compat", "libmariadbclient-dev" },
        ["libmariadb3"] = new[] { "libmariadb3", "libmysqlclient21", "default-libmysqlclient-dev", "libmysqlclient-dev", "libmariadb-dev", "libmariadb-dev-compat", "default-mysql-client", "mariadb-client" },
    };

    /// <summary>Every apt install in <paramref name="stage"/> and the stages it is built FROM, in build order, up to
    /// (not including) <paramref name="beforeCommand"/> of <paramref name="beforeRun"/> when given.</summary>
    public static List<AptInstall> InStageChain(Stage stage, RunInstruction? beforeRun = null, ShellCommand? beforeCommand = null)
    {
        var result = new List<AptInstall>();
        foreach (var current in stage.SelfAndBaseStages().Reverse())
        {
            foreach (var instruction in current.Instructions)
            {
                if (instruction is not RunInstruction run) continue;
                bool isLimit = ReferenceEquals(run, beforeRun);
                foreach (var command in run.ShellCommands)
                {
                    if (isLimit && beforeCommand is not null && command.Span.Start >= beforeCommand.Span.Start) break;
                    if (Read(run, command) is { } install) result.Add(install);
                }
                if (isLimit) return result;
            }
        }
        return result;
    }

    /// <summary>The apt installs written in <paramref name="stage"/> itself (not inherited), in order.</summary>
    public static List<AptInstall> OwnedBy(Stage stage)
    {
        var result = new List<AptInstall>();
        foreach (var instruction in stage.Instructions)
        {
            if (instruction is not RunInstruction run) continue;
            foreach (var command in run.ShellCommands)
                if (Read(run, command) is { } install) result.Add(install);
        }
        return result;
    }

    public static AptInstall? Read(RunInstruction run, ShellCommand command)
    {
        var program = command.Program;
        if (program is null || !program.IsOneOf("apt-get", "apt", "aptitude")) return null;
        var arguments = program.Arguments;
        int verb = -1;
        for (int i = 0; i < arguments.Count; i++)
        {
            var value = arguments[i].Value;
            if (value.StartsWith('-')) { if (ValueOptions.Contains(value)) i++; continue; }
            verb = i;
            break;
        }
        if (verb < 0 || arguments[verb].Value != "install") return null;
        var packages = new List<ShellWord>();
        for (int i = verb + 1; i < arguments.Count; i++)
        {
            var value = arguments[i].Value;
            if (value.StartsWith('-')) { if (ValueOptions.Contains(value)) i++; continue; }
            packages.Add(arguments[i]);
        }
        return new AptInstall(run, command, packages);
    }

    /// <summary>True when one of <paramref name="installed"/> provides <paramref name="required"/>.</summary>
    public static bool Provides(IEnumerable<AptInstall> installed, string required)
    {
        var candidates = Providers.TryGetValue(required, out var list) ? list : new[] { required };
        foreach (var install in installed)
            foreach (var name in install.Names)
                if (candidates.Contains(name) || (required == "gcc" && name.StartsWith("gcc-", StringComparison.Ordinal))) return true;
        return false;
    }
}
