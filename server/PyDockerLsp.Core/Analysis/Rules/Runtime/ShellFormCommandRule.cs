using PyDockerLsp.Core.Syntax.Dockerfile;
using PyDockerLsp.Core.Syntax.Shell;
using PyDockerLsp.Core.Text;

namespace PyDockerLsp.Core.Analysis.Rules.Runtime;

/// <summary>PD502 shell-form-command: CMD/ENTRYPOINT written in shell form.</summary>
public sealed class ShellFormCommandRule : IRule
{
    public RuleDescriptor Descriptor { get; } = new(
        "PD502", "shell-form-command", RuleCategory.Runtime, Severity.Warning,
        new RuleDocumentation
        {
            WhatItDoes = "Reports a `CMD` or `ENTRYPOINT` of the final stage written as a plain command line (shell form) instead of a JSON array (exec form).",
            WhyItMatters =
                "In shell form Docker starts `/bin/sh -c \"…\"`, so the shell, not your app, is process 1. "
                + "`docker stop` sends SIGTERM to the shell, which usually does not pass it on: gunicorn or uvicorn never "
                + "get the chance to finish requests and close connections, and the container is killed after the timeout. "
                + "In exec form the Python server is process 1 and shuts down gracefully.",
            Example = "CMD gunicorn myapp.wsgi:application --bind 0.0.0.0:8000",
            UseInstead = "CMD [\"gunicorn\", \"myapp.wsgi:application\", \"--bind\", \"0.0.0.0:8000\"]",
            FixHint = "Convert the command to a JSON array (exec form).",
            FixSafety =
                "The fix rewrites the command as a JSON array when it is a plain list of words. It is safe: the same program "
                + "runs with the same arguments. It is not offered when the command uses shell features (variables, `&&`, "
                + "pipes, redirections, globs), because exec form would pass those characters literally; there, wrap the "
                + "command in a script or use `exec` inside `sh -c`.",
            DifferencesFromAnchors = "Only the stages that reach the final image are checked; a shell-form CMD in a builder stage never runs.",
        })
    {
        HadolintIds = new[] { "DL3025" },
        BuildKitChecks = new[] { "JSONArgsRecommended" },
    };

    public void Check(RuleContext context)
    {
        foreach (var stage in context.Model.ProductionStages)
        {
            foreach (var instruction in stage.Instructions)
            {
                if (instruction is not (CmdInstruction or EntrypointInstruction)) continue;
                var command = (CommandInstruction)instruction;
                if (!command.IsShellForm) continue;
                var fixes = ExecFormEdit(command) is { } edit
                    ? new[] { context.PreferredDockerfileFix($"Convert {command.KeywordUpper} to exec form", FixSafety.Safe, edit) }
                    : Array.Empty<Fix>();
                context.Report(command.CommandSpan,
                    $"{command.KeywordUpper} uses shell form: /bin/sh becomes process 1 and the app may not receive SIGTERM on `docker stop`. Use a JSON array.",
                    fixes);
            }
        }
    }

    /// <summary>The edit that turns a plain shell-form command into a JSON array, or null when the command needs a shell.</summary>
    internal static TextEdit? ExecFormEdit(CommandInstruction command)
    {
        var script = command.Script;
        if (script.Commands.Count != 1) return null;
        var only = script.Commands[0];
        if (only.Assignments.Count > 0 || only.Redirections.Count > 0 || only.Words.Count == 0) return null;
        var values = new List<string>(only.Words.Count);
        foreach (var word in only.Words)
        {
            if (word.HasExpansion || word.Value.IndexOfAny(GlobCharacters) >= 0) return null;
            values.Add(word.Value);
        }
        var json = "[" + string.Join(", ", values.Select(JsonString)) + "]";
        return new TextEdit(command.CommandSpan, json);
    }

    private static readonly char[] GlobCharacters = { '*', '?', '[', '~' };

    internal static string JsonString(string value)
    {
        var sb = new System.Text.StringBuilder(value.Length + 2).Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\n': sb.Append("\\n"); break;
                case '\t': sb.Append("\\t"); break;
                default:
                    if (c < 0x20) sb.Append("\\u").Append(((int)c).ToString("x4", System.Globalization.CultureInfo.InvariantCulture));
                    else sb.Append(c);
                    break;
            }
        }
        return sb.Append('"').ToString();
    }
}
