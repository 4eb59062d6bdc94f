using PyDockerLsp.Core.Syntax.Shell;
using PyDockerLsp.Core.Text;

namespace PyDockerLsp.Core.Syntax.Dockerfile;

/// <summary>RUN, CMD and ENTRYPOINT: a command in exec form (JSON array) or shell form (one string for the shell).</summary>
public abstract class CommandInstruction : Instruction
{
    private ShellScript? _script;

    private protected CommandInstruction(InstructionKind kind) : base(kind) { }

    /// <summary>True for shell form with a command (<c>RUN pip install …</c>).</summary>
    public bool IsShellForm => !IsExecForm && Arguments.Count > 0;

    /// <summary>The shell-form command as BuildKit hands it to the shell (continuations joined), or null.</summary>
    public string? ShellCommandText => IsShellForm ? Arguments[0].Value : null;

    /// <summary>The exec-form strings (decoded), or an empty list for shell form.</summary>
    public IReadOnlyList<string> ExecArguments
    {
        get
        {
            if (!IsExecForm) return Array.Empty<string>();
            var values = new string[Arguments.Count];
            for (int i = 0; i < values.Length; i++) values[i] = Arguments[i].Value;
            return values;
        }
    }

    /// <summary>Where the command is in the document (the JSON array, or the shell command).</summary>
    public TextSpan CommandSpan => ArgumentsSpan;

    /// <summary>The command line split into shell commands and words, each word with its span in the document.
    /// Exec form gives one command whose words are the array's strings.</summary>
    public ShellScript Script => _script ??= BuildScript();

    private ShellScript BuildScript()
    {
        if (IsExecForm) return ShellScript.FromWords(ExecWords());
        if (!IsShellForm) return ShellScript.Empty;
        var argument = Arguments[0];
        var line = argument.Line;
        int start = argument.BufferStart;
        return ShellScriptParser.Parse(argument.Value, (s, e) => line.BufferSpan(start + s, start + e), ShellSource.CommandLine);
    }

    private IEnumerable<(string Value, TextSpan Span)> ExecWords()
    {
        foreach (var argument in Arguments) yield return (argument.Value, argument.Span);
    }
}

/// <summary><c>RUN [--mount=…] [--network=…] [--security=…] command</c>.</summary>
public sealed class RunInstruction : CommandInstruction
{
    private static readonly FlagSpec[] AcceptedFlags =
    {
        new("mount", FlagType.Strings), new("network", FlagType.String), new("security", FlagType.String),
        new("device", FlagType.Strings),
    };

    private RunMount[] _mounts = Array.Empty<RunMount>();
    private IReadOnlyList<ShellCommand>? _commands;

    internal RunInstruction() : base(InstructionKind.Run) { }

    /// <summary>The <c>--mount</c> flags, read into options.</summary>
    public IReadOnlyList<RunMount> Mounts => _mounts;

    public string? Network => GetFlag("network")?.Value;
    public string? Security => GetFlag("security")?.Value;

    /// <summary>True when BuildKit runs the command through the shell (shell form), as in its <c>PrependShell</c>.</summary>
    public bool PrependShell => !IsExecForm;

    /// <summary>The command line as BuildKit keeps it: the exec strings, or the one shell string.</summary>
    public IReadOnlyList<string> CommandLine
    {
        get
        {
            var values = new string[Arguments.Count];
            for (int i = 0; i < values.Length; i++) values[i] = Arguments[i].Value;
            return values;
        }
    }

    /// <summary>
    /// Every shell command this RUN executes: those of the command line, then those of heredoc bodies that the
    /// shell runs (<c>RUN &lt;&lt;EOF</c> alone, or fed to <c>sh</c>/<c>bash</c>, or with a shell shebang).
    /// </summary>
    public IReadOnlyList<ShellCommand> ShellCommands => _commands ??= CollectCommands();

    /// <summary>The heredoc bodies that are shell scripts run by this RUN.</summary>
    public IEnumerable<Heredoc> ShellHeredocs
    {
        get
        {
            if (IsExecForm) yield break;
            var commandLine = Script;
            foreach (var heredoc in Heredocs)
                if (IsShellScript(heredoc, commandLine)) yield return heredoc;
        }
    }

    private IReadOnlyList<ShellCommand> CollectCommands()
    {
        var commandLine = Script;
        if (Heredocs.Count == 0 || IsExecForm) return commandLine.Commands;
        var all = new List<ShellCommand>(commandLine.Commands);
        foreach (var heredoc in ShellHeredocs)
        {
            var body = ShellScriptParser.Parse(heredoc.Content,
                (s, e) => TextSpan.FromBounds(heredoc.BodySpan.Start + s, heredoc.BodySpan.Start + e), ShellSource.Heredoc, heredoc);
            all.AddRange(body.Commands);
        }
        return all;
    }

    /// <summary>A heredoc is a shell script when the command line is only heredoc markers (BuildKit then runs the
    /// body with the shell), when it is fed to sh/bash/dash/ash/zsh, or when its shebang names a shell.</summary>
    private static bool IsShellScript(Heredoc heredoc, ShellScript commandLine)
    {
        string content = heredoc.Content;
        if (content.StartsWith("#!", StringComparison.Ordinal))
        {
            int lineEnd = content.IndexOf('\n');
            string shebang = lineEnd < 0 ? content : content.Substring(0, lineEnd);
            return IsShellProgram(shebang.TrimEnd('\r'));
        }
        var commands = commandLine.Commands;
        if (commands.Count == 0) return true;
        foreach (var command in commands)
        {
            foreach (var redirection in command.Redirections)
            {
                if (redirection.HeredocName != heredoc.Name) continue;
                var program = command.Program;
                return program is null || IsShellProgram(program.Name);
            }
        }
        return false;
    }

    private static bool IsShellProgram(string text)
    {
        foreach (var shell in new[] { "sh", "bash", "dash", "ash", "zsh", "ksh" })
        {
            if (text == shell || text.EndsWith("/" + shell, StringComparison.Ordinal) || text.EndsWith(" " + shell, StringComparison.Ordinal)
                || text.Contains("/" + shell + " ", StringComparison.Ordinal) || text.Contains(" " + shell + " ", StringComparison.Ordinal))
                return true;
        }
        return false;
    }

    internal override void Interpret(InstructionContext context)
    {
        context.ValidateFlags(this, AcceptedFlags);
        if (Arguments.Count == 0 && !IsExecForm)
            context.ReportArgumentCount(this, "needs a command");
        int mountCount = 0;
        foreach (var flag in Flags)
            if (flag.HasValue && flag.IsNamed("mount")) mountCount++;
        if (mountCount == 0) return;
        _mounts = new RunMount[mountCount];
        int index = 0;
        foreach (var flag in Flags)
            if (flag.HasValue && flag.IsNamed("mount")) _mounts[index++] = RunMount.Read(flag, context);
    }
}

/// <summary><c>CMD</c>: the default command of the image.</summary>
public sealed class CmdInstruction : CommandInstruction
{
    internal CmdInstruction() : base(InstructionKind.Cmd) { }

    internal override void Interpret(InstructionContext context) => context.ValidateFlags(this, ReadOnlySpan<FlagSpec>.Empty);
}

/// <summary><c>ENTRYPOINT</c>: the program the container runs.</summary>
public sealed class EntrypointInstruction : CommandInstruction
{
    internal EntrypointInstruction() : base(InstructionKind.Entrypoint) { }

    internal override void Interpret(InstructionContext context) => context.ValidateFlags(this, ReadOnlySpan<FlagSpec>.Empty);
}

/// <summary><c>SHELL ["executable", "parameters"…]</c>: the shell for later shell-form commands (JSON form only).</summary>
public sealed class ShellInstruction : Instruction
{
    internal ShellInstruction() : base(InstructionKind.Shell) { }

    /// <summary>The shell and its parameters, e.g. <c>/bin/bash -o pipefail -c</c>.</summary>
    public IReadOnlyList<string> ShellArguments
    {
        get
        {
            if (!IsExecForm) return Array.Empty<string>();
            var values = new string[Arguments.Count];
            for (int i = 0; i < values.Length; i++) values[i] = Arguments[i].Value;
            return values;
        }
    }

    internal override void Interpret(InstructionContext context)
    {
        context.ValidateFlags(this, ReadOnlySpan<FlagSpec>.Empty);
        if (Arguments.Count == 0)
        {
            if (!HasInvalidExecForm)
                context.ReportArgumentCount(this, "needs at least the shell executable, e.g. SHELL [\"/bin/bash\", \"-c\"]");
            return;
        }
        if (!IsExecForm)
            context.Report(DockerfileSyntaxCodes.InvalidArgument, ArgumentsSpan,
                "SHELL must be written in JSON form, e.g. SHELL [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"].");
    }
}

/// <summary><c>HEALTHCHECK [options] CMD command</c> or <c>HEALTHCHECK NONE</c>.</summary>
public sealed class HealthcheckInstruction : Instruction
{
    private static readonly FlagSpec[] AcceptedFlags =
    {
        new("interval", FlagType.String), new("timeout", FlagType.String), new("start-period", FlagType.String),
        new("start-interval", FlagType.String), new("retries", FlagType.String),
    };

    private ShellScript? _script;

    internal HealthcheckInstruction() : base(InstructionKind.Healthcheck) { }

    /// <summary>The first word: <c>CMD</c> or <c>NONE</c> as written.</summary>
    public InstructionArgument? TypeArgument => Arguments.Count > 0 ? Arguments[0] : null;

    /// <summary>The type in upper case (<c>CMD</c>, <c>NONE</c>), or null.</summary>
    public string? Type => TypeArgument?.Value.ToUpperInvariant();

    public bool IsNone => Type == "NONE";

    /// <summary>The command after CMD: exec strings or the one shell string.</summary>
    public IReadOnlyList<InstructionArgument> CommandArguments
    {
        get
        {
            if (Arguments.Count <= 1) return Array.Empty<InstructionArgument>();
            var command = new InstructionArgument[Arguments.Count - 1];
            for (int i = 0; i < command.Length; i++) command[i] = Arguments[i + 1];
            return command;
        }
    }

    public bool IsShellForm => !IsExecForm && Arguments.Count > 1;

    /// <summary>The check command split into shell commands (see <see cref="CommandInstruction.Script"/>).</summary>
    public ShellScript Script => _script ??= BuildScript();

    public InstructionFlag? IntervalFlag => GetFlag("interval");
    public InstructionFlag? TimeoutFlag => GetFlag("timeout");
    public InstructionFlag? StartPeriodFlag => GetFlag("start-period");
    public InstructionFlag? StartIntervalFlag => GetFlag("start-interval");
    public InstructionFlag? RetriesFlag => GetFlag("retries");

    private ShellScript BuildScript()
    {
        var command = CommandArguments;
        if (command.Count == 0) return ShellScript.Empty;
        if (IsExecForm)
        {
            var words = new List<(string, TextSpan)>();
            foreach (var argument in command) words.Add((argument.Value, argument.Span));
            return ShellScript.FromWords(words);
        }
        var shell = command[0];
        var line = shell.Line;
        int start = shell.BufferStart;
        return ShellScriptParser.Parse(shell.Value, (s, e) => line.BufferSpan(start + s, start + e), ShellSource.CommandLine);
    }

    internal override void Interpret(InstructionContext context)
    {
        if (Arguments.Count == 0)
        {
            context.ReportArgumentCount(this, "needs CMD followed by a command, or NONE");
            return;
        }
        var type = TypeArgument!;
        if (IsNone)
        {
            // BuildKit does not read options for NONE.
            if (Arguments.Count > 1)
                context.Report(DockerfileSyntaxCodes.InvalidArgument, TextSpan.FromBounds(Arguments[1].Span.Start, Arguments[^1].Span.End),
                    "HEALTHCHECK NONE takes no arguments.");
            return;
        }
        context.ValidateFlags(this, AcceptedFlags);
        if (Type != "CMD")
        {
            context.Report(DockerfileSyntaxCodes.InvalidArgument, type.Span, $"Unknown HEALTHCHECK type '{type.Value}'; use CMD or NONE.");
            return;
        }
        if (Arguments.Count == 1)
            context.ReportArgumentCount(this, "CMD needs a command to run");
        foreach (var flag in Flags)
        {
            if (!flag.HasValue || flag.Value!.Length == 0) continue;
            if (flag.Name is "interval" or "timeout" or "start-period" or "start-interval")
            {
                if (!GoDuration.TryParse(flag.Value, out double nanoseconds))
                    context.Report(DockerfileSyntaxCodes.InvalidFlag, flag.ValueSpan, $"--{flag.Name} is not a duration such as 30s, 1m30s or 500ms.");
                else if (nanoseconds != 0 && nanoseconds < 1e6)
                    context.Report(DockerfileSyntaxCodes.InvalidFlag, flag.ValueSpan, $"--{flag.Name} cannot be less than 1ms.");
            }
            else if (flag.Name == "retries")
            {
                if (!int.TryParse(flag.Value, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out int retries))
                    context.Report(DockerfileSyntaxCodes.InvalidFlag, flag.ValueSpan, "--retries must be a whole number.");
                else if (retries < 0)
                    context.Report(DockerfileSyntaxCodes.InvalidFlag, flag.ValueSpan, "--retries cannot be negative.");
            }
        }
    }
}
