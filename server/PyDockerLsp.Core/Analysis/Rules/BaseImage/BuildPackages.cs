using PyDockerLsp.Core.Syntax.Dockerfile;
using PyDockerLsp.Core.Syntax.Shell;

namespace PyDockerLsp.Core.Analysis.Rules.BaseImage;

/// <summary>A package named on an OS package manager's install line: the command, the word and the bare name.</summary>
internal sealed record InstalledPackage(ShellCommand Command, ShellWord Word, string Name);

/// <summary>
/// Which OS packages are build tools (compilers, make, headers), and which of them a RUN leaves in the image:
/// the shared classification of PD106 single-stage-build and PD107 build-tools-in-final-stage.
/// Reads <c>apt-get</c>/<c>apt</c>/<c>aptitude install</c>, <c>apk add</c> and <c>yum</c>/<c>dnf</c>/<c>microdnf install</c>,
/// and their removals later in the same RUN: <c>apt-get purge|remove</c> by name, the <c>apt-mark auto …</c> +
/// <c>apt-get purge --auto-remove</c> idiom, <c>apk del</c> by name or by the <c>--virtual</c> group name, and
/// <c>yum|dnf remove</c>. Package words built from variables are not classified.
/// </summary>
internal static class BuildPackages
{
    private static readonly HashSet<string> ExactNames = new(StringComparer.Ordinal)
    {
        "gcc", "g++", "c++", "cc", "clang", "gfortran", "gcc-c++", "gcc-gfortran", "make", "cmake", "ninja-build",
        "meson", "build-essential", "build-base", "alpine-sdk", "autoconf", "automake", "libtool", "pkg-config",
        "pkgconf", "pkgconfig", "musl-dev", "libc-dev", "libc6-dev", "linux-headers", "rustc", "cargo", "swig",
    };

    /// <summary>Compilers packaged per version: <c>gcc-12</c>, <c>g++-12</c>, <c>clang-16</c>.</summary>
    private static readonly string[] VersionedCompilers = { "gcc-", "g++-", "clang-", "llvm-" };

    /// <summary>Header and development packages: Debian/Alpine <c>-dev</c>, RPM <c>-devel</c>, kernel <c>-headers</c>
    /// (Debian's per-architecture <c>linux-headers-amd64</c> is matched by its prefix).</summary>
    private static readonly string[] DevelopmentSuffixes = { "-dev", "-devel", "-headers" };

    /// <summary>True for compilers, build systems and header (<c>-dev</c>) packages.</summary>
    public static bool IsBuildPackage(string name)
    {
        if (ExactNames.Contains(name) || name.StartsWith("linux-headers-", StringComparison.Ordinal)) return true;
        foreach (var suffix in DevelopmentSuffixes)
            if (name.Length > suffix.Length && name.EndsWith(suffix, StringComparison.Ordinal)) return true;
        foreach (var prefix in VersionedCompilers)
            if (name.Length > prefix.Length && name.StartsWith(prefix, StringComparison.Ordinal) && char.IsAsciiDigit(name[prefix.Length])) return true;
        return false;
    }

    /// <summary>The build packages <paramref name="run"/> installs and does not remove again later in the same RUN.</summary>
    public static IEnumerable<InstalledPackage> KeptBuildPackages(RunInstruction run)
    {
        var commands = run.ShellCommands;
        for (int i = 0; i < commands.Count; i++)
        {
            var install = PackageCommand.Read(commands[i]);
            if (install is not { IsInstall: true }) continue;
            foreach (var package in install.Packages)
            {
                if (!IsBuildPackage(package.Name)) continue;
                if (!IsRemovedLater(commands, i, install, package.Name))
                    yield return new InstalledPackage(commands[i], package.Word, package.Name);
            }
        }
    }

    /// <summary>The <c>wheel</c> word of each <c>pip wheel</c> (also <c>python -m pip wheel</c>) in <paramref name="run"/>.</summary>
    public static IEnumerable<ShellWord> WheelBuilds(RunInstruction run)
    {
        foreach (var command in run.ShellCommands)
            if (command.Program is { } program && program.IsOneOf("pip") && program.Arguments.Count > 0 && program.Arguments[0].Value == "wheel")
                yield return program.Arguments[0];
    }

    private static bool IsRemovedLater(IReadOnlyList<ShellCommand> commands, int installIndex, PackageCommand install, string name)
    {
        bool markedAuto = false;
        for (int j = installIndex + 1; j < commands.Count; j++)
        {
            var command = commands[j];
            if (install.Manager == PackageManagerKind.Apt && command.Program is { Name: "apt-mark" } mark
                && mark.Arguments.Count > 0 && mark.Arguments[0].Value == "auto")
            {
                markedAuto = true;
                continue;
            }
            var removal = PackageCommand.Read(command);
            if (removal is not { IsRemoval: true } || removal.Manager != install.Manager) continue;
            if (markedAuto && removal.AutoRemoves) return true;
            foreach (var removed in removal.Packages)
            {
                if (Matches(removed.Name, name)) return true;
                if (install.VirtualName is { } virtualName && removed.Name == virtualName) return true;
            }
        }
        return false;
    }

    /// <summary>A removal argument names the package exactly or as a glob with <c>*</c> (<c>'*-dev'</c>).</summary>
    private static bool Matches(string pattern, string name)
    {
        int star = pattern.IndexOf('*');
        if (star < 0) return pattern == name;
        return GlobMatches(pattern, 0, name, 0);
    }

    private static bool GlobMatches(string pattern, int p, string text, int t)
    {
        while (p < pattern.Length)
        {
            if (pattern[p] == '*')
            {
                for (int k = t; k <= text.Length; k++)
                    if (GlobMatches(pattern, p + 1, text, k)) return true;
                return false;
            }
            if (t >= text.Length || pattern[p] != text[t]) return false;
            p++;
            t++;
        }
        return t == text.Length;
    }

    private enum PackageManagerKind { Apt, Apk, Rpm }

    private readonly record struct NamedPackage(ShellWord Word, string Name);

    /// <summary>One package-manager command: what it does and the packages it names.</summary>
    private sealed class PackageCommand
    {
        private static readonly string[] AptOptionsWithValue = { "-o", "-c", "-t", "--option", "--config-file", "--target-release", "--default-release" };
        private static readonly string[] ApkOptionsWithValue = { "-t", "--virtual", "-X", "--repository", "-p", "--root", "--arch", "--cache-dir", "--keys-dir", "--repositories-file" };
        private static readonly string[] RpmOptionsWithValue = { "-x", "--exclude", "--setopt", "--enablerepo", "--disablerepo", "--installroot", "--releasever", "-c", "--config" };

        public PackageManagerKind Manager { get; private init; }
        public bool IsInstall { get; private init; }
        public bool IsRemoval { get; private init; }
        /// <summary>apt's <c>autoremove</c>/<c>autopurge</c> or <c>--auto-remove</c>: also removes packages marked automatic.</summary>
        public bool AutoRemoves { get; private init; }
        /// <summary>apk's <c>--virtual NAME</c> / <c>-t NAME</c>: the group name that <c>apk del NAME</c> removes.</summary>
        public string? VirtualName { get; private init; }
        public List<NamedPackage> Packages { get; } = new();

        public static PackageCommand? Read(ShellCommand command)
        {
            if (command.Program is not { } program) return null;
            return program.Name switch
            {
                "apt-get" or "apt" or "aptitude" => ReadApt(program),
                "apk" => ReadApk(program),
                "yum" or "dnf" or "microdnf" or "tdnf" => ReadRpm(program),
                _ => null,
            };
        }

        private static PackageCommand? ReadApt(ShellProgram program)
        {
            var (subcommand, words) = Split(program.Arguments, AptOptionsWithValue, out var flags);
            bool install = subcommand == "install";
            bool removal = subcommand is "purge" or "remove" or "autoremove" or "autopurge";
            if (!install && !removal) return null;
            var result = new PackageCommand
            {
                Manager = PackageManagerKind.Apt,
                IsInstall = install,
                IsRemoval = removal,
                AutoRemoves = subcommand is "autoremove" or "autopurge" || flags.Contains("--auto-remove") || flags.Contains("--autoremove"),
            };
            result.AddPackages(words);
            return result;
        }

        private static PackageCommand? ReadApk(ShellProgram program)
        {
            var (subcommand, words) = Split(program.Arguments, ApkOptionsWithValue, out _);
            if (subcommand is not ("add" or "del")) return null;
            string? virtualName = null;
            var virtualOptions = program.GetOptionValues("--virtual", "-t");
            if (virtualOptions.Count > 0 && !virtualOptions[0].ValueWord.HasExpansion) virtualName = virtualOptions[0].Value;
            var result = new PackageCommand
            {
                Manager = PackageManagerKind.Apk,
                IsInstall = subcommand == "add",
                IsRemoval = subcommand == "del",
                VirtualName = virtualName,
            };
            result.AddPackages(words);
            return result;
        }

        private static PackageCommand? ReadRpm(ShellProgram program)
        {
            var (subcommand, words) = Split(program.Arguments, RpmOptionsWithValue, out _);
            bool install = subcommand == "install";
            bool removal = subcommand is "remove" or "erase" or "autoremove";
            if (!install && !removal) return null;
            var result = new PackageCommand { Manager = PackageManagerKind.Rpm, IsInstall = install, IsRemoval = removal };
            result.AddPackages(words);
            return result;
        }

        private void AddPackages(List<ShellWord> words)
        {
            foreach (var word in words)
                if (!word.HasExpansion && BareName(word.Value) is { Length: > 0 } name) Packages.Add(new NamedPackage(word, name));
        }

        /// <summary>The subcommand (first non-option word) and the non-option words after it; option words go to <paramref name="flags"/>.</summary>
        private static (string? Subcommand, List<ShellWord> Words) Split(IReadOnlyList<ShellWord> arguments, string[] optionsWithValue, out HashSet<string> flags)
        {
            flags = new HashSet<string>(StringComparer.Ordinal);
            string? subcommand = null;
            var words = new List<ShellWord>();
            for (int i = 0; i < arguments.Count; i++)
            {
                var value = arguments[i].Value;
                if (value.StartsWith('-') && value.Length > 1)
                {
                    flags.Add(value);
                    if (Array.IndexOf(optionsWithValue, value) >= 0) i++;
                    continue;
                }
                if (subcommand is null) subcommand = value;
                else words.Add(arguments[i]);
            }
            return (subcommand, words);
        }

        /// <summary>The package name without a version (<c>gcc=4:12.2.0-3</c>, <c>gcc~12</c>, <c>gcc&gt;=12</c>) or
        /// architecture (<c>libpq-dev:amd64</c>), lower case.</summary>
        private static string BareName(string word)
        {
            int end = word.Length;
            for (int i = 0; i < word.Length; i++)
            {
                if (word[i] is '=' or '~' or '<' or '>' or ':') { end = i; break; }
            }
            return word[..end].ToLowerInvariant();
        }
    }
}
