using System.Runtime.CompilerServices;
using PyDockerLsp.Core.Syntax.Dockerfile;
using PyDockerLsp.Core.Syntax.Shell;
using PyDockerLsp.Core.Text;

namespace PyDockerLsp.Core.Analysis.Rules.OsPackages;

/// <summary>The Debian package tools whose command lines the PD3xx rules read.</summary>
internal enum AptTool { AptGet, Apt, Aptitude }

/// <summary>
/// One <c>apt-get</c>, <c>apt</c> or <c>aptitude</c> command of a RUN, read the way apt reads its command line:
/// options may stand before or after the subcommand, and the subcommand is the first word that is neither an
/// option nor an option's value. Found through <c>sudo</c>, <c>env</c> and <c>xargs</c>.
/// </summary>
internal sealed class AptCall
{
    /// <summary>apt options that take the next word as their value when written apart (<c>-o key=value</c>).</summary>
    private static readonly string[] OptionsWithValue =
    {
        "-o", "--option", "-c", "--config-file", "-t", "--target-release", "--default-release", "-a", "--host-architecture",
    };

    private AptCall(RunInstruction run, ShellCommand command, int commandIndex, AptTool tool, ShellWord programWord,
        IReadOnlyList<ShellWord> arguments, ShellWord? subcommandWord)
    {
        Run = run;
        Command = command;
        CommandIndex = commandIndex;
        Tool = tool;
        ProgramWord = programWord;
        Arguments = arguments;
        SubcommandWord = subcommandWord;
    }

    public RunInstruction Run { get; }
    public ShellCommand Command { get; }

    /// <summary>Where the command is in <see cref="RunInstruction.ShellCommands"/> (execution order).</summary>
    public int CommandIndex { get; }

    public AptTool Tool { get; }

    /// <summary>The word naming the tool (<c>apt-get</c>, <c>/usr/bin/apt</c>).</summary>
    public ShellWord ProgramWord { get; }

    /// <summary>The words after the tool's name.</summary>
    public IReadOnlyList<ShellWord> Arguments { get; }

    /// <summary>The subcommand word (<c>install</c>, <c>update</c> …), or null when there is none to read.</summary>
    public ShellWord? SubcommandWord { get; }

    public string? Subcommand => SubcommandWord?.Value;

    /// <summary>From the tool's name to its subcommand: <c>apt-get install</c>, <c>apt-get -q update</c>.</summary>
    public TextSpan Span => TextSpan.FromBounds(ProgramWord.Span.Start, (SubcommandWord ?? ProgramWord).Span.End);

    public string ToolName => Tool switch { AptTool.AptGet => "apt-get", AptTool.Apt => "apt", _ => "aptitude" };

    public bool IsInstall => Subcommand == "install";
    public bool IsUpdate => Subcommand == "update";

    /// <summary>upgrade, dist-upgrade, full-upgrade (and aptitude's safe-upgrade).</summary>
    public bool IsUpgrade => Subcommand is "upgrade" or "dist-upgrade" or "full-upgrade" or "safe-upgrade";

    /// <summary>Subcommands that read the package lists that <c>update</c> downloads.</summary>
    public bool ReadsLists => IsInstall || IsUpgrade || Subcommand is "build-dep" or "source" or "reinstall" or "satisfy" or "download";

    /// <summary>Subcommands that ask "Do you want to continue? [Y/n]" before changing the system.</summary>
    public bool AsksForConfirmation => IsInstall || IsUpgrade
        || Subcommand is "remove" or "purge" or "autoremove" or "auto-remove" or "autopurge" or "build-dep" or "reinstall" or "satisfy";

    /// <summary>True when the command answers apt's confirmation itself: <c>-y</c>, <c>--yes</c>,
    /// <c>--assume-yes</c>, <c>-qq</c> (quiet level 2 implies yes), <c>-o APT::Get::Assume-Yes=true</c>, or input
    /// piped from <c>yes</c>.</summary>
    public bool AnswersYes()
    {
        int quiet = 0;
        for (int i = 0; i < Arguments.Count; i++)
        {
            string value = Arguments[i].Value;
            if (value == "--") break;
            if (value is "-y" or "--yes" or "--assume-yes" or "-q=2" or "--quiet=2") return true;
            if (value.StartsWith("--yes=", StringComparison.Ordinal) || value.StartsWith("--assume-yes=", StringComparison.Ordinal))
                return IsTrue(value.Substring(value.IndexOf('=') + 1));
            if (value == "--quiet") quiet++;
            else if (IsShortFlagGroup(value))
            {
                if (value.IndexOf('y') > 0) return true;
                foreach (char c in value) if (c == 'q') quiet++;
            }
            if (ConfigurationValue(i, "APT::Get::Assume-Yes") is { } assume && IsTrue(assume)) return true;
        }
        if (quiet >= 2) return true;
        return Command.PrecededBy == ShellOperator.Pipe && PreviousCommandIs("yes");
    }

    /// <summary>True when recommended packages are left out: <c>--no-install-recommends</c> (aptitude:
    /// <c>-R</c>/<c>--without-recommends</c>) or <c>-o APT::Install-Recommends=false</c>.</summary>
    public bool SkipsRecommends()
    {
        for (int i = 0; i < Arguments.Count; i++)
        {
            string value = Arguments[i].Value;
            if (value == "--") break;
            if (value == "--no-install-recommends" || value.StartsWith("--no-install-recommends=", StringComparison.Ordinal)) return true;
            if (Tool == AptTool.Aptitude && (value == "--without-recommends" || (IsShortFlagGroup(value) && value.IndexOf('R') > 0))) return true;
            if (ConfigurationValue(i, "APT::Install-Recommends") is { } recommends && IsFalse(recommends)) return true;
        }
        return false;
    }

    /// <summary>The flag that leaves recommended packages out, for this tool.</summary>
    public string NoRecommendsFlag => Tool == AptTool.Aptitude ? "--without-recommends" : "--no-install-recommends";

    /// <summary>The value of <paramref name="key"/> when argument <paramref name="index"/> sets it with <c>-o</c>
    /// (<c>-o key=value</c>, <c>-okey=value</c>, <c>--option key=value</c>, <c>--option=key=value</c>).</summary>
    private string? ConfigurationValue(int index, string key)
    {
        string value = Arguments[index].Value;
        string? setting = null;
        if ((value == "-o" || value == "--option") && index + 1 < Arguments.Count) setting = Arguments[index + 1].Value;
        else if (value.StartsWith("--option=", StringComparison.Ordinal)) setting = value.Substring("--option=".Length);
        else if (value.StartsWith("-o", StringComparison.Ordinal) && value.Length > 2 && value[2] != '-') setting = value.Substring(2);
        if (setting is null) return null;
        int equals = setting.IndexOf('=');
        if (equals < 0 || !string.Equals(setting.Substring(0, equals), key, StringComparison.OrdinalIgnoreCase)) return null;
        return setting.Substring(equals + 1).Trim('"', '\'');
    }

    private bool PreviousCommandIs(string name)
    {
        if (CommandIndex == 0) return false;
        var previous = Run.ShellCommands[CommandIndex - 1];
        return previous.Program?.Name == name;
    }

    internal static bool IsTrue(string value) =>
        value.Equals("true", StringComparison.OrdinalIgnoreCase) || value == "1" || value.Equals("yes", StringComparison.OrdinalIgnoreCase);

    internal static bool IsFalse(string value) =>
        value.Equals("false", StringComparison.OrdinalIgnoreCase) || value == "0" || value.Equals("no", StringComparison.OrdinalIgnoreCase);

    /// <summary><c>-yq</c>, <c>-qq</c>: one dash and letters only.</summary>
    private static bool IsShortFlagGroup(string value)
    {
        if (value.Length < 2 || value[0] != '-' || value[1] == '-') return false;
        for (int i = 1; i < value.Length; i++)
            if (!char.IsAsciiLetter(value[i])) return false;
        return true;
    }

    /// <summary>Reads <paramref name="command"/> as an apt call, or returns null when it runs something else.</summary>
    internal static AptCall? Read(RunInstruction run, ShellCommand command, int commandIndex)
    {
        var program = command.Program;
        if (program is null) return null;
        ShellWord programWord;
        IReadOnlyList<ShellWord> arguments;
        if (ToolOf(program.Name) is { } direct)
        {
            programWord = program.Word;
            arguments = program.Arguments;
            return Build(run, command, commandIndex, direct, programWord, arguments);
        }
        if (program.Name != "xargs") return null;
        // xargs apt-get install -y < packages.txt: the tool is the first word after xargs' own options.
        var words = program.Arguments;
        for (int i = 0; i < words.Count; i++)
        {
            if (ToolOf(BaseName(words[i].Value)) is not { } tool) continue;
            var rest = new ShellWord[words.Count - i - 1];
            for (int r = 0; r < rest.Length; r++) rest[r] = words[i + 1 + r];
            return Build(run, command, commandIndex, tool, words[i], rest);
        }
        return null;
    }

    private static AptCall Build(RunInstruction run, ShellCommand command, int commandIndex, AptTool tool, ShellWord programWord, IReadOnlyList<ShellWord> arguments)
    {
        ShellWord? subcommand = null;
        for (int i = 0; i < arguments.Count; i++)
        {
            var word = arguments[i];
            string value = word.Value;
            if (value == "--") { if (i + 1 < arguments.Count) subcommand = arguments[i + 1]; break; }
            if (value.Length > 1 && value[0] == '-')
            {
                if (Array.IndexOf(OptionsWithValue, value) >= 0) i++;
                continue;
            }
            // A bare variable such as $APT_OPTS may stand for options; it is no subcommand.
            if (word.HasExpansion && value.StartsWith('$')) continue;
            subcommand = word;
            break;
        }
        return new AptCall(run, command, commandIndex, tool, programWord, arguments, subcommand);
    }

    internal static AptTool? ToolOf(string programName) => programName switch
    {
        "apt-get" => AptTool.AptGet,
        "apt" => AptTool.Apt,
        "aptitude" => AptTool.Aptitude,
        _ => null,
    };

    internal static string BaseName(string path)
    {
        int slash = path.LastIndexOf('/');
        return slash < 0 ? path : path.Substring(slash + 1);
    }
}

/// <summary>
/// The OS package commands of RUN instructions, shared by the PD3xx rules (and PD401, which looks at how users
/// are created): the apt calls of a RUN, <c>apk upgrade</c>, the removal of <c>/var/lib/apt/lists</c>, and the
/// RUN instructions of a stage with their ONBUILD triggers.
/// </summary>
internal static class AptCommands
{
    /// <summary>The apt calls of <paramref name="run"/>, in execution order.</summary>
    public static IReadOnlyList<AptCall> Calls(RunInstruction run)
    {
        List<AptCall>? calls = null;
        var commands = run.ShellCommands;
        for (int i = 0; i < commands.Count; i++)
            if (AptCall.Read(run, commands[i], i) is { } call) (calls ??= new()).Add(call);
        return calls is null ? Array.Empty<AptCall>() : calls;
    }

    /// <summary>
    /// Every RUN of the file, ONBUILD triggers included, with the stage it belongs to (a trigger: the stage of its
    /// ONBUILD; null before the first FROM) and whether it is a trigger.
    /// </summary>
    public static IEnumerable<(RunInstruction Run, Stage? Stage, bool IsTrigger)> AllRuns(DockerfileSyntax syntax)
    {
        foreach (var instruction in syntax.AllInstructions())
        {
            if (instruction is not RunInstruction run) continue;
            bool isTrigger = run.Parent is not null;
            yield return (run, isTrigger ? run.Parent!.Stage : run.Stage, isTrigger);
        }
    }

    /// <summary>The RUN instructions of <paramref name="stage"/> itself (not its ONBUILD triggers), in order.</summary>
    public static IEnumerable<RunInstruction> RunsOf(Stage stage) => stage.InstructionsOf<RunInstruction>();

    /// <summary>True for <c>rm</c> with a recursive flag naming <c>/var/lib/apt/lists</c> (or its contents, or
    /// <c>/var/lib/apt</c> itself), and for <c>apt-get distclean</c>.</summary>
    public static bool RemovesAptLists(ShellCommand command)
    {
        var program = command.Program;
        if (program is null) return false;
        // apt 2.7 (Debian 13) has "apt-get distclean": clean plus the package lists.
        if (AptCall.ToolOf(program.Name) is not null) return FirstWord(program.Arguments) is "distclean" or "dist-clean";
        if (program.Name != "rm") return false;
        bool recursive = false, names = false;
        foreach (var word in program.Arguments)
        {
            string value = word.Value;
            if (value is "--recursive" or "-r" or "-R") recursive = true;
            else if (value.Length > 1 && value[0] == '-' && value[1] != '-' && (value.IndexOf('r') > 0 || value.IndexOf('R') > 0)) recursive = true;
            else if (IsAptListsPath(value)) names = true;
        }
        return recursive && names;
    }

    private static string? FirstWord(IReadOnlyList<ShellWord> arguments)
    {
        foreach (var word in arguments)
            if (!word.Value.StartsWith('-')) return word.Value;
        return null;
    }

    private static bool IsAptListsPath(string value)
    {
        string path = value.TrimEnd('/');
        return path is "/var/lib/apt/lists" or "/var/lib/apt/lists/*" or "/var/lib/apt" or "/var/lib/apt/*";
    }

    /// <summary>True when a cache or tmpfs mount of <paramref name="run"/> covers <c>/var/lib/apt/lists</c>, so the
    /// lists never reach the layer.</summary>
    public static bool MountsAptLists(RunInstruction run)
    {
        foreach (var mount in run.Mounts)
        {
            if (mount.Type is not ("cache" or "tmpfs") || mount.Target is not { } target) continue;
            string path = target.TrimEnd('/');
            if (path.Length == 0) return true;
            if ("/var/lib/apt/lists" == path || "/var/lib/apt/lists".StartsWith(path + "/", StringComparison.Ordinal)) return true;
        }
        return false;
    }

    /// <summary><c>apk upgrade</c> (Alpine's counterpart of <c>apt-get upgrade</c>): the span of <c>apk upgrade</c>, or null.</summary>
    public static TextSpan? ApkUpgradeSpan(ShellCommand command)
    {
        var program = command.Program;
        if (program is null || program.Name != "apk") return null;
        foreach (var word in program.Arguments)
        {
            if (word.Value.StartsWith('-')) continue;
            return word.Value == "upgrade" ? TextSpan.FromBounds(program.Word.Span.Start, word.Span.End) : null;
        }
        return null;
    }

    /// <summary>True when any RUN of <paramref name="stages"/> uses the given package tool (a hint at the image's OS
    /// when its name does not tell).</summary>
    public static bool AnyRunUses(IEnumerable<Stage> stages, params string[] programs)
    {
        foreach (var stage in stages)
            foreach (var run in RunsOf(stage))
                foreach (var command in run.ShellCommands)
                    if (command.Runs(programs)) return true;
        return false;
    }
}

/// <summary>One RUN (or ONBUILD RUN trigger) of the file with its stage and its apt calls.</summary>
internal sealed record AptRun(RunInstruction Run, Stage? Stage, bool IsTrigger, IReadOnlyList<AptCall> Calls);

/// <summary>
/// The apt view of one parsed Dockerfile, computed once and shared by the PD3xx rules (a parse is immutable, so the
/// view is kept beside it for as long as the parse lives): every RUN with its apt calls, and the apt settings
/// written to configuration files.
/// </summary>
internal sealed class AptIndex
{
    private static readonly ConditionalWeakTable<DockerfileSyntax, AptIndex> Cache = new();

    private readonly DockerfileSyntax _syntax;
    private AptConfigurationWrites? _writes;

    private AptIndex(DockerfileSyntax syntax)
    {
        _syntax = syntax;
        var runs = new List<AptRun>();
        foreach (var (run, stage, isTrigger) in AptCommands.AllRuns(syntax))
            runs.Add(new AptRun(run, stage, isTrigger, AptCommands.Calls(run)));
        Runs = runs;
    }

    public static AptIndex Of(DockerfileSyntax syntax) => Cache.GetValue(syntax, s => new AptIndex(s));

    /// <summary>Every RUN and ONBUILD RUN trigger, in document order.</summary>
    public IReadOnlyList<AptRun> Runs { get; }

    /// <summary>apt settings written by earlier steps (read on first use).</summary>
    public AptConfigurationWrites Writes => _writes ??= new AptConfigurationWrites(_syntax);
}

/// <summary>
/// apt settings written to a configuration file by an earlier step (<c>echo 'APT::Install-Recommends "0";' &gt;
/// /etc/apt/apt.conf.d/…</c>, a heredoc, a COPY heredoc), which then hold for every later apt command of the stage
/// and of the stages built on it. A <c>-o</c> option on one command is not such a setting.
/// </summary>
internal sealed class AptConfigurationWrites
{
    public const string InstallRecommends = "APT::Install-Recommends";
    public const string AssumeYes = "APT::Get::Assume-Yes";

    private readonly List<(Instruction Instruction, Stage? Stage, int Offset, string Key, string Value)> _settings = new();

    public AptConfigurationWrites(DockerfileSyntax syntax)
    {
        string text = syntax.Source.Text;
        foreach (var instruction in syntax.AllInstructions())
        {
            if (instruction is not (RunInstruction or CopyInstruction or AddInstruction)) continue;
            var stage = (instruction.Parent ?? instruction).Stage;
            Collect(text, instruction, stage, InstallRecommends);
            Collect(text, instruction, stage, AssumeYes);
        }
    }

    private void Collect(string text, Instruction instruction, Stage? stage, string key)
    {
        int end = instruction.Span.End;
        int at = instruction.Span.Start;
        while (at < end)
        {
            int found = text.IndexOf(key, at, end - at, StringComparison.OrdinalIgnoreCase);
            if (found < 0) return;
            at = found + key.Length;
            if (IsCommandLineOption(text, found, instruction.Span.Start)) continue;
            if (ReadValue(text, at, end) is { } value) _settings.Add((instruction, stage, found, key, value));
        }
    }

    /// <summary><c>-o key=…</c>, <c>-okey=…</c>, <c>--option key=…</c>, <c>--option=key=…</c>.</summary>
    private static bool IsCommandLineOption(string text, int keyStart, int limit)
    {
        if (keyStart - 2 >= limit && text[keyStart - 2] == '-' && text[keyStart - 1] == 'o') return true;
        if (keyStart - 9 >= limit && string.CompareOrdinal(text, keyStart - 9, "--option=", 0, 9) == 0) return true;
        int i = keyStart - 1;
        while (i >= limit && (text[i] == ' ' || text[i] == '\t' || text[i] == '"' || text[i] == '\'')) i--;
        int wordEnd = i + 1;
        while (i >= limit && !char.IsWhiteSpace(text[i])) i--;
        string previous = text.Substring(i + 1, wordEnd - i - 1);
        return previous is "-o" or "--option";
    }

    /// <summary>The value after a key: <c>"0";</c>, <c>=false</c>, <c> \"true\"</c> → <c>0</c>, <c>false</c>, <c>true</c>.</summary>
    private static string? ReadValue(string text, int at, int end)
    {
        int i = at;
        while (i < end && (text[i] is ' ' or '\t' or '"' or '\'' or '\\' or '=')) i++;
        int start = i;
        while (i < end && char.IsAsciiLetterOrDigit(text[i])) i++;
        return i > start ? text.Substring(start, i - start) : null;
    }

    /// <summary>True when a step before <paramref name="call"/> (in its stage or a stage it is built on, or earlier
    /// in the same RUN) wrote <paramref name="key"/> with a value that <paramref name="accepts"/>.</summary>
    public bool IsSetBefore(AptCall call, string key, Func<string, bool> accepts)
    {
        if (_settings.Count == 0) return false;
        var run = call.Run;
        var stage = (run.Parent ?? (Instruction)run).Stage;
        int position = call.ProgramWord.Span.Start;
        foreach (var setting in _settings)
        {
            if (setting.Key != key || setting.Offset >= position || !accepts(setting.Value)) continue;
            if (ReferenceEquals(setting.Instruction, run)) return true;
            if (setting.Stage is null || stage is null) continue;
            foreach (var ancestor in stage.SelfAndBaseStages())
                if (ReferenceEquals(ancestor, setting.Stage)) return true;
        }
        return false;
    }
}
