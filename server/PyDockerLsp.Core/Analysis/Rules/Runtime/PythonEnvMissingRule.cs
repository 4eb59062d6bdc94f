using System.Globalization;
using PyDockerLsp.Core.Analysis.Rules.BaseImage;
using PyDockerLsp.Core.Features.Knowledge;
using PyDockerLsp.Core.Syntax.Dockerfile;
using PyDockerLsp.Core.Text;

namespace PyDockerLsp.Core.Analysis.Rules.Runtime;

/// <summary>PD501 python-env-missing: the final image does not set PYTHONDONTWRITEBYTECODE=1 / PYTHONUNBUFFERED=1.</summary>
public sealed class PythonEnvMissingRule : IRule
{
    private const string DontWriteBytecode = "PYTHONDONTWRITEBYTECODE";
    private const string Unbuffered = "PYTHONUNBUFFERED";
    private static readonly string[] Variables = { DontWriteBytecode, Unbuffered };

    public RuleDescriptor Descriptor { get; } = new(
        "PD501", "python-env-missing", RuleCategory.Runtime, Severity.Information,
        new RuleDocumentation
        {
            WhatItDoes =
                "Reports the final stage when neither it nor the stages it is built `FROM` set `PYTHONDONTWRITEBYTECODE=1` "
                + "or `PYTHONUNBUFFERED=1` with ENV. A value of `0` or an empty value counts as not set, because Python "
                + "then keeps its default. Images that are not Python images (an `nginx` final stage, say) are not "
                + "reported; distroless Python images are.",
            WhyItMatters =
                "`PYTHONUNBUFFERED=1` makes stdout and stderr unbuffered. Without it, output to a pipe, which is what "
                + "`docker logs` reads, is buffered in blocks: log lines show up late and the last ones are lost when the "
                + "process dies.\n\n"
                + "`PYTHONDONTWRITEBYTECODE=1` stops Python from writing `.pyc` files next to the modules at run time. In "
                + "a container they land in the writable layer, are thrown away with it, and fail anyway when the app "
                + "runs as a user who cannot write to its code. Bytecode compiled during the build (`UV_COMPILE_BYTECODE=1`, "
                + "`python -m compileall`) is still used.",
            Example = "FROM python:3.12-slim\nWORKDIR /app\nCOPY . .\nCMD [\"python\", \"-m\", \"app\"]",
            UseInstead =
                "FROM python:3.12-slim\nENV PYTHONDONTWRITEBYTECODE=1 \\\n    PYTHONUNBUFFERED=1\nWORKDIR /app\nCOPY . .\n"
                + "CMD [\"python\", \"-m\", \"app\"]",
            FixHint = "Add `ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1` after the final stage's FROM.",
            FixSafety =
                "The fix inserts an ENV instruction with the missing variables right after the final stage's FROM, with "
                + "the file's line endings, escape character and indentation; a `0` or empty value set in the final stage "
                + "itself is changed to `1` instead. It is safe: it only changes how Python buffers output and whether it "
                + "writes bytecode at run time.",
        });

    public void Check(RuleContext context)
    {
        var model = context.Model;
        if (model.FinalStage is not { } final || !IsPythonImage(model)) return;

        var lastAssignment = new Dictionary<string, (KeyValueArgument Pair, EnvInstruction Env, bool Enabled)>(StringComparer.Ordinal);
        var syntax = context.Syntax;
        var stages = model.ProductionStages;
        for (int s = stages.Count - 1; s >= 0; s--)
        {
            foreach (var env in stages[s].InstructionsOf<EnvInstruction>())
            {
                foreach (var pair in env.Pairs)
                {
                    if (Array.IndexOf(Variables, pair.Key) < 0) continue;
                    var scope = pair.Value.IndexOf('$') >= 0 ? syntax.GetScopeBefore(env) : null;
                    var value = pair.GetValue(scope, syntax.EscapeChar, keepUnset: false) ?? pair.Value;
                    lastAssignment[pair.Key] = (pair, env, IsEnabled(value));
                }
            }
        }

        var missing = new List<string>();
        foreach (var name in Variables)
            if (!lastAssignment.TryGetValue(name, out var assignment) || !assignment.Enabled) missing.Add(name);
        if (missing.Count == 0) return;

        var fix = AddEnvFix(context, final, missing, lastAssignment);
        context.Report(final.From.KeywordSpan, Message(missing), fix);
    }

    private static string Message(List<string> missing) => missing.Count == 2
        ? "The final image sets neither PYTHONDONTWRITEBYTECODE=1 nor PYTHONUNBUFFERED=1: Python writes .pyc files at run time and buffers its output, so logs arrive late."
        : missing[0] == Unbuffered
            ? "The final image does not set PYTHONUNBUFFERED=1: output to `docker logs` is buffered, so log lines arrive late and the last ones are lost on a crash."
            : "The final image does not set PYTHONDONTWRITEBYTECODE=1: Python writes .pyc files into the container's writable layer at run time.";

    /// <summary>
    /// True when Python treats the value as switching the option on: CPython reads these variables as integers, so
    /// <c>0</c> (and an empty value) leave the default, while any positive number or non-number switches it on.
    /// </summary>
    internal static bool IsEnabled(string value)
    {
        if (value.Length == 0) return false;
        if (int.TryParse(value, NumberStyles.AllowLeadingWhite | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number))
            return number != 0;
        return true;
    }

    /// <summary>The final stage's image tells; an image PyDockerLsp does not know (or a build argument) is a Python
    /// image when the final image runs Python or installs Python packages.</summary>
    private static bool IsPythonImage(ProjectModel model)
    {
        if (StageBaseImage.Of(model.FinalStage!) is { IsResolved: true } image)
        {
            switch (image.Info.Family)
            {
                case BaseImageFamily.OfficialPython or BaseImageFamily.DistrolessPython: return true;
                case BaseImageFamily.Uv: return !image.Info.IsToolOnly;
                case BaseImageFamily.Scratch: return false;
            }
        }
        foreach (var stage in model.ProductionStages)
        {
            foreach (var instruction in stage.Instructions)
            {
                if (instruction is not CommandInstruction command) continue;
                var commands = command is RunInstruction run ? run.ShellCommands : command.Script.Commands;
                foreach (var shell in commands)
                    if (shell.Program is { } program
                        && (program.IsModule || program.IsOneOf(PythonPrograms) || (command is not RunInstruction && program.IsOneOf(PythonServers))))
                        return true;
            }
        }
        return false;
    }

    private static readonly string[] PythonPrograms = { "python", "pip", "uv", "poetry", "pipenv" };
    private static readonly string[] PythonServers = { "gunicorn", "uvicorn", "hypercorn", "daphne", "granian", "flask", "django-admin", "celery", "fastapi", "streamlit", "waitress-serve" };

    /// <summary>Inserts the missing variables after the final FROM, or sets a disabling value in the final stage to 1.</summary>
    private static Fix AddEnvFix(RuleContext context, Stage final, List<string> missing,
        Dictionary<string, (KeyValueArgument Pair, EnvInstruction Env, bool Enabled)> lastAssignment)
    {
        var edits = new List<TextEdit>();
        var inserted = new List<string>();
        foreach (var name in missing)
        {
            if (lastAssignment.TryGetValue(name, out var assignment) && ReferenceEquals(assignment.Env.Stage, final)
                && assignment.Pair.Value.IndexOf('$') < 0)
                edits.Add(new TextEdit(assignment.Pair.ValueSpan, "1"));
            else
                inserted.Add(name);
        }
        if (inserted.Count > 0)
        {
            var text = context.Source.Text;
            var from = final.From;
            var newLine = context.Source.PreferredNewLine;
            var indent = IndentationOf(text, from.KeywordSpan.Start);
            var env = new System.Text.StringBuilder();
            env.Append(newLine).Append(indent).Append("ENV ").Append(inserted[0]).Append("=1");
            for (int i = 1; i < inserted.Count; i++)
                env.Append(' ').Append(context.Syntax.EscapeChar).Append(newLine).Append(indent).Append("    ").Append(inserted[i]).Append("=1");
            edits.Add(TextEdit.Insert(from.Span.End, env.ToString()));
        }
        var title = "Add the Python ENV " + string.Join(" and ", missing.Select(name => name + "=1"));
        return context.PreferredDockerfileFix(title, FixSafety.Safe, edits.ToArray());
    }

    private static string IndentationOf(string text, int keywordStart)
    {
        int lineStart = keywordStart;
        while (lineStart > 0 && text[lineStart - 1] is not ('\n' or '\r')) lineStart--;
        var indent = text[lineStart..keywordStart];
        return indent.Trim().Length == 0 ? indent : "";
    }
}
