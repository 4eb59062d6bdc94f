using PyDockerLsp.Core.Syntax.Dockerfile;
using PyDockerLsp.Core.Syntax.Shell;
using PyDockerLsp.Core.Text;

namespace PyDockerLsp.Core.Analysis.Rules.Runtime;

/// <summary>PD504 dev-server-in-production: the final image starts a development server or auto-reload.</summary>
public sealed class DevServerInProductionRule : IRule
{
    public RuleDescriptor Descriptor { get; } = new(
        "PD504", "dev-server-in-production", RuleCategory.Runtime, Severity.Warning,
        new RuleDocumentation
        {
            WhatItDoes =
                "Reports the command the final image starts (its effective `CMD` and `ENTRYPOINT`, exec or shell form, "
                + "also inside `sh -c \"…\"`, and the CMD handed to an entrypoint script or init such as `tini`) when it "
                + "runs a development server: `flask run` (or `python -m flask run`), "
                + "`python manage.py runserver`, `django-admin runserver`, `fastapi dev`, or uvicorn, gunicorn, hypercorn, "
                + "granian or `fastapi run` with `--reload`.",
            WhyItMatters =
                "Development servers are built for a single developer: Flask's and Django's serve requests from one "
                + "process, are not hardened against slow or malicious clients, and Django's even says so when it starts. "
                + "`--reload` adds a process that watches every source file and restarts the server when one changes: "
                + "in an image the code never changes, so it only costs CPU and memory, and it rules out several workers. "
                + "Production images should run a WSGI/ASGI server such as gunicorn or uvicorn without reload.",
            Example = "CMD [\"uvicorn\", \"app.main:app\", \"--host\", \"0.0.0.0\", \"--reload\"]",
            UseInstead = "CMD [\"uvicorn\", \"app.main:app\", \"--host\", \"0.0.0.0\"]",
            FixHint = "Drop `--reload`; replace `flask run` / `runserver` with gunicorn (WSGI) or uvicorn (ASGI).",
            FixSafety =
                "For `--reload` (also written `--reload=true`) the fix removes the flag and keeps the line layout; it is safe, "
                + "since only the file watcher goes. It is not offered when other reload options (`--reload-dir`, "
                + "`--reload-include`, `--reload-extra-file` …) would be left behind. `fastapi dev` can be changed to "
                + "`fastapi run`: unsafe, because `fastapi run` also listens on all interfaces instead of 127.0.0.1. "
                + "`flask run` and `runserver` have no automatic fix: the replacement (`gunicorn myproject.wsgi:application`, "
                + "`gunicorn 'app:create_app()'`) depends on your project's module names.",
        });

    private static readonly string[] ReloadingServers = { "uvicorn", "gunicorn", "hypercorn", "granian", "fastapi" };
    private static readonly string[] Shells = { "sh", "bash", "dash", "ash", "zsh" };
    private static readonly string[] PythonLaunchers =
        { "python", "flask", "django-admin", "django-admin.py", "manage.py", "fastapi", "uvicorn", "gunicorn", "hypercorn", "granian" };

    public void Check(RuleContext context)
    {
        foreach (var command in EffectiveCommands(context.Model))
            Inspect(context, command, depth: 0);
    }

    /// <summary>
    /// The commands the final image starts: its last ENTRYPOINT (with the CMD arguments appended when both are exec
    /// form) or else its last CMD. A CMD inherited from a stage before the one that sets ENTRYPOINT is reset by it.
    /// </summary>
    private static IEnumerable<ShellCommand> EffectiveCommands(ProjectModel model)
    {
        CmdInstruction? cmd = null;
        EntrypointInstruction? entrypoint = null;
        int cmdDepth = -1, entrypointDepth = -1;
        var stages = model.ProductionStages;
        for (int depth = 0; depth < stages.Count; depth++)
        {
            if (cmd is null && stages[depth].LastOf<CmdInstruction>() is { } c) { cmd = c; cmdDepth = depth; }
            if (entrypoint is null && stages[depth].LastOf<EntrypointInstruction>() is { } e) { entrypoint = e; entrypointDepth = depth; }
        }
        if (cmd is not null && entrypoint is not null && entrypointDepth < cmdDepth) cmd = null;

        if (entrypoint is null)
        {
            if (cmd is null) yield break;
            foreach (var command in cmd.Script.Commands) yield return command;
            yield break;
        }
        if (entrypoint.IsExecForm && cmd is { IsExecForm: true })
        {
            var words = new List<(string, TextSpan)>();
            foreach (var argument in entrypoint.Arguments) words.Add((argument.Value, argument.Span));
            foreach (var argument in cmd.Arguments) words.Add((argument.Value, argument.Span));
            bool launchesPython = false;
            foreach (var command in ShellScript.FromWords(words).Commands)
            {
                launchesPython |= command.Program is { } program && (program.IsModule || program.IsOneOf(PythonLaunchers));
                yield return command;
            }
            // An entrypoint script or init (docker-entrypoint.sh, tini, dumb-init) usually ends with exec "$@":
            // then the CMD is the command that runs.
            if (!launchesPython)
                foreach (var command in cmd.Script.Commands) yield return command;
            yield break;
        }
        foreach (var command in entrypoint.Script.Commands) yield return command;
    }

    private static void Inspect(RuleContext context, ShellCommand command, int depth)
    {
        if (command.Program is not { } program) return;
        if (depth == 0 && program.IsOneOf(Shells) && InnerScript(program) is { } inner)
        {
            foreach (var innerCommand in inner.Commands) Inspect(context, innerCommand, depth + 1);
            return;
        }

        var arguments = program.Arguments;
        var name = program.Name;
        if (name == "flask" && SubcommandIndex(arguments, "--app", "-A", "--env-file", "-e") is { } run && arguments[run].Value == "run")
        {
            context.Report(TextSpan.FromBounds(program.Word.Span.Start, arguments[run].Span.End),
                "`flask run` starts Flask's development server, which is not built for production traffic; serve the app with gunicorn (or waitress).");
            return;
        }
        if (IsRunserver(program) is { } runserver)
        {
            context.Report(runserver.Span,
                "`runserver` is Django's development server, which is not built for production traffic; serve the project with gunicorn (WSGI) or uvicorn (ASGI).");
            return;
        }
        if (name == "fastapi" && SubcommandIndex(arguments) is { } sub && arguments[sub].Value == "dev")
        {
            var devFix = context.DockerfileFix("Use `fastapi run` (production mode)", FixSafety.Unsafe, ReplaceWordEdit(context, arguments[sub], "run"));
            context.Report(TextSpan.FromBounds(program.Word.Span.Start, arguments[sub].Span.End),
                "`fastapi dev` runs the development mode (auto-reload, listening on 127.0.0.1 only); use `fastapi run` in an image.",
                devFix);
            return;
        }
        if (program.IsOneOf(ReloadingServers))
        {
            bool otherReloadOptions = false;
            ShellWord? reload = null;
            foreach (var argument in arguments)
            {
                var value = argument.Value;
                if (IsReloadOn(value)) reload ??= argument;
                else if (value.StartsWith("--reload-", StringComparison.Ordinal)) otherReloadOptions = true;
            }
            if (reload is null) return;
            var fixes = !otherReloadOptions && DropWordEdit(context, command.Words, reload) is { } edit
                ? new[] { context.PreferredDockerfileFix("Remove --reload", FixSafety.Safe, edit) }
                : Array.Empty<Fix>();
            context.Report(reload.Span,
                $"`--reload` makes {name} watch the source files and restart on changes: in an image that only costs CPU and memory (and rules out several workers); remove it.",
                fixes);
        }
    }

    /// <summary>True for <c>--reload</c> and <c>--reload=true|1|yes|on</c>.</summary>
    private static bool IsReloadOn(string value)
    {
        if (value == "--reload") return true;
        if (!value.StartsWith("--reload=", StringComparison.Ordinal)) return false;
        return value["--reload=".Length..].ToLowerInvariant() is "true" or "1" or "yes" or "on";
    }

    /// <summary>The index of the first non-option argument, skipping the values of the listed options.</summary>
    private static int? SubcommandIndex(IReadOnlyList<ShellWord> arguments, params string[] optionsWithValue)
    {
        for (int i = 0; i < arguments.Count; i++)
        {
            var value = arguments[i].Value;
            if (!value.StartsWith('-')) return i;
            if (Array.IndexOf(optionsWithValue, value) >= 0) i++;
        }
        return null;
    }

    /// <summary>The <c>runserver</c> word of <c>python manage.py runserver</c>, <c>./manage.py runserver</c>,
    /// <c>django-admin runserver</c> or <c>python -m django runserver</c>.</summary>
    private static ShellWord? IsRunserver(ShellProgram program)
    {
        var arguments = program.Arguments;
        int next;
        if (program.Name is "manage.py" or "django-admin" or "django-admin.py" || (program.IsModule && program.Name == "django")) next = 0;
        else if (program.IsOneOf("python") && !program.IsModule && arguments.Count > 0 && arguments[0].Value.EndsWith("manage.py", StringComparison.Ordinal)) next = 1;
        else return null;
        return next < arguments.Count && arguments[next].Value == "runserver" ? arguments[next] : null;
    }

    /// <summary>The script of <c>sh -c "…"</c>, with spans in the document when the string maps one-to-one
    /// (no escapes inside it); null otherwise.</summary>
    private static ShellScript? InnerScript(ShellProgram shell)
    {
        var arguments = shell.Arguments;
        int c = -1;
        for (int i = 0; i < arguments.Count; i++)
        {
            if (arguments[i].Value == "-c") { c = i; break; }
            if (!arguments[i].Value.StartsWith('-')) return null;
        }
        if (c < 0 || c + 1 >= arguments.Count) return null;
        var script = arguments[c + 1];
        // The word is either quoted ("…" or '…', exec-form JSON strings included) or bare; map only exact copies.
        int contentStart = script.Span.Start;
        if (script.Span.Length == script.Value.Length + 2) contentStart++;
        else if (script.Span.Length != script.Value.Length) return null;
        return ShellScriptParser.Parse(script.Value, (s, e) => TextSpan.FromBounds(contentStart + s, contentStart + e));
    }

    /// <summary>
    /// Removes <paramref name="word"/> and one separator: the space (or JSON comma) after it when another word follows
    /// on the same line, else the separator before it, so continuation lines keep their layout. Only words of the same
    /// instruction count as neighbours (with ENTRYPOINT + CMD the words come from two instructions).
    /// </summary>
    private static TextEdit? DropWordEdit(RuleContext context, IReadOnlyList<ShellWord> words, ShellWord word)
    {
        var text = context.Source.Text;
        if (context.Syntax.FindInstructionAt(word.Span.Start) is not { } instruction) return null;
        int index = -1;
        for (int i = 0; i < words.Count; i++) if (ReferenceEquals(words[i], word)) { index = i; break; }
        if (index < 0) return null;
        var next = index + 1 < words.Count && instruction.Span.Contains(words[index + 1].Span) ? words[index + 1] : null;
        var previous = index > 0 && instruction.Span.Contains(words[index - 1].Span) ? words[index - 1] : null;
        if (next is not null && text.IndexOfAny(LineBreaks, word.Span.End, next.Span.Start - word.Span.End) < 0)
            return TextEdit.Delete(TextSpan.FromBounds(word.Span.Start, next.Span.Start));
        if (previous is not null)
            return TextEdit.Delete(TextSpan.FromBounds(previous.Span.End, word.Span.End));
        if (next is not null)
            return TextEdit.Delete(TextSpan.FromBounds(word.Span.Start, next.Span.Start));
        return null;
    }

    private static readonly char[] LineBreaks = { '\n', '\r' };

    /// <summary>Replaces a plain word's value, keeping its quotes (a JSON string of the exec form stays one).</summary>
    private static TextEdit ReplaceWordEdit(RuleContext context, ShellWord word, string value)
    {
        var text = context.Source.Text;
        var span = word.Span;
        bool quoted = span.Length == word.Value.Length + 2 && text[span.Start] is '"' or '\'' && text[span.End - 1] == text[span.Start];
        return new TextEdit(quoted ? TextSpan.FromBounds(span.Start + 1, span.End - 1) : span, value);
    }
}
