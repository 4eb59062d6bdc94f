using PyDockerLsp.Core.Syntax.Dockerfile;
using PyDockerLsp.Core.Syntax.Shell;
using PyDockerLsp.Core.Text;

namespace PyDockerLsp.Core.Analysis.Rules.Installs;

/// <summary>PD209 venv-not-on-path: a virtual environment copied into the final image that nothing activates.</summary>
public sealed class VenvNotOnPathRule : IRule
{
    private static readonly string[] VenvFolderNames = { "venv", ".venv", "virtualenv", ".virtualenv" };

    public RuleDescriptor Descriptor { get; } = new(
        "PD209", "venv-not-on-path", RuleCategory.Runtime, Severity.Error,
        new RuleDocumentation
        {
            WhatItDoes =
                "Reports a `COPY --from=<stage>` that brings a virtual environment into the final image (`/venv`, `/opt/venv`, "
                + "`/app/.venv`, or any folder the builder created with `python -m venv`, `virtualenv`, `uv venv`, `uv sync`, "
                + "Poetry or Pipenv in-project environments) when neither `PATH` lists its `bin` folder nor CMD/ENTRYPOINT "
                + "starts its interpreter or commands by absolute path.",
            WhyItMatters =
                "A virtual environment is only used when its `bin` folder comes first on `PATH` (that is all `activate` does) or "
                + "when its own `python` is started. Otherwise `python`, `gunicorn` or `uvicorn` resolve to the image's system "
                + "Python, which has none of the installed packages: the container fails at start with `ModuleNotFoundError` "
                + "or `command not found`. Note that `ENV VIRTUAL_ENV=/opt/venv PATH=\"$VIRTUAL_ENV/bin:$PATH\"` in one "
                + "instruction does not work either: all values of one ENV are expanded with the variables from before it, "
                + "so `$VIRTUAL_ENV` is still empty there.",
            Example = """
                FROM python:3.12-slim AS builder
                RUN python -m venv /opt/venv && /opt/venv/bin/pip install -r requirements.txt
                FROM python:3.12-slim
                COPY --from=builder /opt/venv /opt/venv
                CMD ["gunicorn", "app:app"]
                """,
            UseInstead = """
                FROM python:3.12-slim AS builder
                RUN python -m venv /opt/venv && /opt/venv/bin/pip install -r requirements.txt
                FROM python:3.12-slim
                COPY --from=builder /opt/venv /opt/venv
                ENV PATH="/opt/venv/bin:$PATH"
                CMD ["gunicorn", "app:app"]
                """,
            FixHint = "Put the environment's bin folder first on PATH.",
            FixSafety =
                "The fix inserts `ENV PATH=\"<venv>/bin:$PATH\"` right after the COPY, with the COPY's indentation and the file's "
                + "line endings. It is safe: it is what activating the environment does, and the environment was copied to be used.",
            DifferencesFromAnchors =
                "The rule stays silent when CMD or ENTRYPOINT runs a script (`/entrypoint.sh`, `./start.sh`) or mentions "
                + "`activate`, since the script may set PATH itself; when it starts through `poetry run`, `uv run` or "
                + "`pipenv run`, which find the project's environment; and when `PYTHONPATH` names the environment.",
        });

    public void Check(RuleContext context)
    {
        var syntax = context.Syntax;
        if (context.Model.FinalStage is not { } finalStage) return;
        var production = context.Model.ProductionStages;
        var venvsByStage = new Dictionary<Stage, List<string>>();
        var copies = new List<CopiedVenv>();
        var endStates = BuildStateWalker.Walk(syntax, (instruction, state) =>
        {
            var stage = instruction.Stage;
            if (stage is null) return;
            if (!venvsByStage.TryGetValue(stage, out var venvs)) venvsByStage[stage] = venvs = new List<string>();
            CollectCreatedVenvs(instruction, state, venvs);
            if (instruction is CopyInstruction { FromStage: { } from } copy && production.Contains(stage))
                CollectCopiedVenvs(copy, from, state, venvsByStage, copies);
        });
        if (copies.Count == 0) return;

        var finalState = endStates[finalStage];
        var commandTexts = CommandTexts(production);
        foreach (var copied in copies)
        {
            if (IsActivated(copied.Venv, finalState, commandTexts)) continue;
            var fixes = new[] { context.PreferredDockerfileFix($"Add {copied.Venv}/bin to PATH", FixSafety.Safe, PathEdit(context, copied)) };
            context.Report(copied.Copy.Destination!.Span,
                $"The virtual environment copied to {copied.Venv} is not on PATH and CMD/ENTRYPOINT do not run it by path: `python` and the app's commands come from the system Python, which lacks its packages.",
                fixes);
        }
    }

    private sealed record CopiedVenv(CopyInstruction Copy, string Venv);

    /// <summary>Virtual environments a stage creates: <c>python -m venv X</c>, <c>virtualenv X</c>, <c>uv venv [X]</c>,
    /// <c>uv sync</c> (<c>.venv</c> or <c>UV_PROJECT_ENVIRONMENT</c>), in-project Poetry/Pipenv environments, ENV VIRTUAL_ENV.</summary>
    private static void CollectCreatedVenvs(Instruction instruction, BuildState state, List<string> venvs)
    {
        if (instruction is EnvInstruction env)
        {
            foreach (var pair in env.Pairs)
                if (pair.Key is "VIRTUAL_ENV" or "UV_PROJECT_ENVIRONMENT" && Absolute(pair.GetValue(state, state.Escape) ?? pair.Value, state) is { } path)
                    venvs.Add(path);
            return;
        }
        if (instruction is not RunInstruction run) return;
        foreach (var command in run.ShellCommands)
        {
            var program = command.Program;
            if (program is null) continue;
            string? created = program.Name switch
            {
                "venv" when program.IsModule => FirstPositional(program.Arguments, "--prompt"),
                "virtualenv" => FirstPositional(program.Arguments, "-p", "--python", "--prompt"),
                "uv" when program.Subcommand == "venv" => FirstPositional(program.Arguments.Skip(1).ToList(), "-p", "--python", "--prompt") ?? ".venv",
                "uv" when program.Subcommand == "sync" => state.GetEnv("UV_PROJECT_ENVIRONMENT") ?? ".venv",
                "poetry" when program.Subcommand is "install" or "sync" && IsTrue(state.GetEnv("POETRY_VIRTUALENVS_IN_PROJECT")) => ".venv",
                "pipenv" when program.Subcommand is "install" or "sync" && IsTrue(state.GetEnv("PIPENV_VENV_IN_PROJECT")) => ".venv",
                _ => null,
            };
            if (created is not null && Absolute(created, state) is { } path) venvs.Add(path);
        }
    }

    private static string? FirstPositional(IReadOnlyList<ShellWord> arguments, params string[] valueOptions)
    {
        for (int i = 0; i < arguments.Count; i++)
        {
            string value = arguments[i].Value;
            if (value.StartsWith('-'))
            {
                if (Array.IndexOf(valueOptions, value) >= 0) i++;
                continue;
            }
            return value;
        }
        return null;
    }

    private static bool IsTrue(string? value) => value is "1" or "true" or "True" or "TRUE" or "yes";

    private static string? Absolute(string path, BuildState state)
    {
        var expanded = state.Expand(path) ?? path;
        if (expanded.Length == 0 || expanded.Contains('$')) return null;
        return state.Absolute(expanded);
    }

    /// <summary>Each source of <paramref name="copy"/> that is a virtual environment of the source stage, or a folder
    /// holding one (<c>COPY --from=builder /app /app</c> with <c>/app/.venv</c>), gives the environment's path in this stage.</summary>
    private static void CollectCopiedVenvs(CopyInstruction copy, Stage from, BuildState state, Dictionary<Stage, List<string>> venvsByStage, List<CopiedVenv> copies)
    {
        if (copy.Destination is not { } destination) return;
        var destinationPath = Absolute(destination.Value, state);
        if (destinationPath is null) return;
        var known = new List<string>();
        foreach (var stage in from.SelfAndBaseStages())
            if (venvsByStage.TryGetValue(stage, out var venvs)) known.AddRange(venvs);
        foreach (var source in copy.SourcePaths)
        {
            var sourcePath = source.Value.Contains('$') ? null : BuildState.NormalizePath("/" + source.Value);
            if (sourcePath is null || sourcePath == "/") continue;
            string? venv = null;
            foreach (var candidate in known)
            {
                if (candidate == sourcePath) venv = destinationPath;
                else if (InstallCacheAnalysis.IsSameOrAncestor(sourcePath, candidate))
                    venv = BuildState.NormalizePath(destinationPath + candidate.Substring(sourcePath.Length));
            }
            if (venv is null && Array.IndexOf(VenvFolderNames, LastSegment(sourcePath)) >= 0) venv = destinationPath;
            // A folder's content (not the folder) goes to the destination, so the destination is the environment.
            if (venv is null || venv is "/" or "/usr" or "/usr/local") continue;
            copies.Add(new CopiedVenv(copy, venv));
            return;
        }
    }

    private static string LastSegment(string path)
    {
        int slash = path.LastIndexOf('/');
        return slash < 0 ? path : path.Substring(slash + 1);
    }

    /// <summary>The CMD and ENTRYPOINT texts in effect in the final image (the last of each along the FROM chain).</summary>
    private static IReadOnlyList<CommandInstruction> CommandTexts(IReadOnlyList<Stage> production)
    {
        CommandInstruction? cmd = null, entrypoint = null;
        foreach (var stage in production)
        {
            cmd ??= stage.LastOf<CmdInstruction>();
            entrypoint ??= stage.LastOf<EntrypointInstruction>();
        }
        var list = new List<CommandInstruction>(2);
        if (entrypoint is not null) list.Add(entrypoint);
        if (cmd is not null) list.Add(cmd);
        return list;
    }

    private static bool IsActivated(string venv, BuildState finalState, IReadOnlyList<CommandInstruction> commands)
    {
        string bin = venv + "/bin";
        if (finalState.GetEnv("PATH") is { } path)
            foreach (var entry in path.Split(':'))
                if (BuildState.NormalizePath(entry.Trim()) == bin) return true;
        if (finalState.GetEnv("PYTHONPATH") is { } pythonPath && pythonPath.Contains(venv, StringComparison.Ordinal)) return true;
        foreach (var command in commands)
        {
            var words = command.Script.Commands.SelectMany(c => c.Words).ToList();
            foreach (var word in words)
            {
                string value = word.Value;
                if (value.Contains(bin + "/", StringComparison.Ordinal) || value.Contains("activate", StringComparison.Ordinal)) return true;
            }
            if (RunsScript(command) || RunsThroughProjectTool(command)) return true;
        }
        return false;
    }

    /// <summary><c>poetry run</c>, <c>uv run</c> and <c>pipenv run</c> find and activate the project's environment themselves.</summary>
    private static bool RunsThroughProjectTool(CommandInstruction command)
    {
        foreach (var shellCommand in command.Script.Commands)
            if (shellCommand.Program is { Name: "poetry" or "uv" or "pipenv", Subcommand: "run" }) return true;
        return false;
    }

    /// <summary>True when the command starts a script, which may activate the environment itself.</summary>
    private static bool RunsScript(CommandInstruction command)
    {
        foreach (var shellCommand in command.Script.Commands)
        {
            var program = shellCommand.Program;
            if (program is null) continue;
            string name = program.Word.Value;
            if (name.EndsWith(".sh", StringComparison.Ordinal)) return true;
            if (name.Contains('/') && !IsSystemPath(name)) return true;
            if (program.Name is "sh" or "bash" or "dash" or "zsh")
                foreach (var argument in program.Arguments)
                    if (argument.Value.EndsWith(".sh", StringComparison.Ordinal) || argument.Value.Contains('/')) return true;
        }
        return false;
    }

    private static bool IsSystemPath(string path) =>
        path.StartsWith("/usr/", StringComparison.Ordinal) || path.StartsWith("/bin/", StringComparison.Ordinal) || path.StartsWith("/sbin/", StringComparison.Ordinal);

    /// <summary>A new line <c>ENV PATH="&lt;venv&gt;/bin:$PATH"</c> right after the COPY.</summary>
    private static TextEdit PathEdit(RuleContext context, CopiedVenv copied)
    {
        var text = context.Source.Text;
        var newLine = context.Source.PreferredNewLine;
        var line = "ENV PATH=\"" + copied.Venv + "/bin:$PATH\"";
        string indent = RunInstructionEdits.LineIndent(copied.Copy, text);
        int end = copied.Copy.Span.End;
        int lineEnd = end;
        while (lineEnd < text.Length && text[lineEnd] is not ('\n' or '\r')) lineEnd++;
        if (lineEnd >= text.Length) return TextEdit.Insert(text.Length, newLine + indent + line);
        int next = lineEnd + (text[lineEnd] == '\r' && lineEnd + 1 < text.Length && text[lineEnd + 1] == '\n' ? 2 : 1);
        return TextEdit.Insert(next, indent + line + newLine);
    }
}
