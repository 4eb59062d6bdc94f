using System.Globalization;
using PyDockerLsp.Core.Analysis.Rules.Manifests;
using PyDockerLsp.Core.Scaffolding;
using PyDockerLsp.Core.Syntax.Dockerfile;
using PyDockerLsp.Core.Syntax.Shell;
using PyDockerLsp.Core.Text;

namespace PyDockerLsp.Core.Analysis.Rules.Runtime;

/// <summary>PD503 missing-healthcheck: a web app's final image has no HEALTHCHECK.</summary>
public sealed class MissingHealthcheckRule : IRule
{
    public RuleDescriptor Descriptor { get; } = new(
        "PD503", "missing-healthcheck", RuleCategory.Runtime, Severity.Information,
        new RuleDocumentation
        {
            WhatItDoes =
                "Reports a final image without `HEALTHCHECK` when the project is a web app: a web framework or server (Django, "
                + "FastAPI, Flask, Starlette, gunicorn, uvicorn…) is among its runtime dependencies and the image serves it "
                + "(`EXPOSE`, or a CMD/ENTRYPOINT that starts a web server). `HEALTHCHECK NONE` counts as a decision and is not reported.",
            WhyItMatters =
                "Without a health check Docker only knows whether the process runs, not whether it answers: a server stuck in a "
                + "deadlock or that lost its database stays \"up\". With one, `docker ps`, Compose's `depends_on: condition: "
                + "service_healthy` and Swarm see the real state and can restart or hold traffic. Slim and distroless images have "
                + "no curl, so the check should use Python's standard library.",
            Example = "FROM python:3.12-slim\nEXPOSE 8000\nCMD [\"gunicorn\", \"app:app\", \"--bind\", \"0.0.0.0:8000\"]",
            UseInstead =
                "FROM python:3.12-slim\nEXPOSE 8000\nHEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \\\n"
                + "    CMD [\"python\", \"-c\", \"import http.client, sys; c = http.client.HTTPConnection('127.0.0.1', 8000, timeout=4); c.request('GET', '/'); sys.exit(c.getresponse().status >= 500)\"]\n"
                + "CMD [\"gunicorn\", \"app:app\", \"--bind\", \"0.0.0.0:8000\"]",
            FixHint = "Add a HEALTHCHECK that requests the app with Python's standard library.",
            FixSafety =
                "The fix inserts a `HEALTHCHECK` before the final stage's CMD that sends `GET /` to the app's port (from `EXPOSE`, "
                + "the server's `--bind`/`--port`, or the framework's default) with `http.client` and counts any answer below 500 "
                + "as healthy — the same check the scaffolding writes. It is unsafe: the port or path may be wrong for your app, "
                + "and an orchestrator acting on a failing check restarts the container.",
        })
    {
        NeedsManifests = true,
    };

    private static readonly HashSet<string> WebServers = new(StringComparer.Ordinal)
    {
        "gunicorn", "uvicorn", "daphne", "hypercorn", "granian", "waitress-serve", "uwsgi", "fastapi", "flask",
    };

    public void Check(RuleContext context)
    {
        var model = context.Model;
        if (model.Python is not { } project || model.FinalStage is not { } final) return;
        var web = project.WebDependencies;
        if (web.Count == 0) return;
        var production = model.ProductionStages;
        if (production.Any(s => s.InstructionsOf<HealthcheckInstruction>().Any())) return;
        var command = production.Select(s => (CommandInstruction?)s.LastOf<EntrypointInstruction>() ?? s.LastOf<CmdInstruction>()).FirstOrDefault(c => c is not null);
        var expose = production.SelectMany(s => s.InstructionsOf<ExposeInstruction>()).FirstOrDefault();
        var server = command is null ? null : ServerCommand(command);
        if (server is null && expose is null) return;

        var facts = DockerfileFacts.For(model);
        int port = ExposedPort(facts, expose) ?? PortFromCommand(server) ?? DefaultPort(project, server);
        // The finding sits on the port the image declares, else on the command it runs, else on its FROM.
        var anchor = (Instruction?)final.Instructions.FirstOrDefault(i => i is CmdInstruction or EntrypointInstruction);
        var shown = (Instruction?)final.Instructions.OfType<ExposeInstruction>().FirstOrDefault() ?? anchor;
        var span = shown?.KeywordSpan ?? (final.From.Image?.Span ?? final.From.KeywordSpan);
        var names = string.Join(", ", web.Select(d => d.Name).Distinct().Take(3));
        var related = new[] { RuleContext.Related(web[0].Location.Path, web[0].Location.Text, web[0].Location.Span, $"{web[0].Name} makes this a web app") };
        // The official image (and uv's) has `python`; a distribution's Python (ubuntu, debian, distroless) only `python3`.
        var interpreter = facts.BaseImage(final)?.Family is Features.Knowledge.BaseImageFamily.OfficialPython or Features.Knowledge.BaseImageFamily.Uv
            ? "python" : "python3";
        var fix = HealthcheckFix(context, final, anchor, port, interpreter);
        context.Report(span,
            $"This web app ({names}) has no HEALTHCHECK, so Docker cannot tell a running server from a hung one; add a check on port {port}.",
            fix is null ? null : new[] { fix }, related);
    }

    /// <summary>The server a CMD/ENTRYPOINT starts (gunicorn, uvicorn, flask run, manage.py runserver…), or null.</summary>
    private static ShellCommand? ServerCommand(CommandInstruction command)
    {
        foreach (var shellCommand in command.Script.Commands)
        {
            var program = shellCommand.Program;
            if (program is null) continue;
            if (WebServers.Contains(program.Name)) return shellCommand;
            if (program.Family == "python" && shellCommand.Words.Any(w => w.Value.EndsWith("manage.py", StringComparison.Ordinal))
                && shellCommand.Words.Any(w => w.Value == "runserver"))
                return shellCommand;
        }
        return null;
    }

    private static int? ExposedPort(DockerfileFacts facts, ExposeInstruction? expose)
    {
        if (expose is null) return null;
        foreach (var argument in expose.Ports)
        {
            var value = facts.Files.Expand(expose, argument.Value);
            if (value is null) continue;
            int slash = value.IndexOf('/');
            if (slash >= 0) value = value.Substring(0, slash);
            int dash = value.IndexOf('-');
            if (dash >= 0) value = value.Substring(0, dash);
            if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port is > 0 and < 65536) return port;
        }
        return null;
    }

    /// <summary>The port in <c>--bind 0.0.0.0:8000</c>, <c>-b :8000</c>, <c>--port 8000</c> or <c>runserver 0.0.0.0:8000</c>.</summary>
    private static int? PortFromCommand(ShellCommand? server)
    {
        if (server is null) return null;
        foreach (var option in server.GetOptionValues("--bind", "-b", "--port", "-p"))
        {
            if (PortOf(option.Value) is { } port) return port;
        }
        var words = server.Words;
        for (int i = 0; i + 1 < words.Count; i++)
            if (words[i].Value == "runserver" && PortOf(words[i + 1].Value) is { } port) return port;
        return null;
    }

    private static int? PortOf(string value)
    {
        int colon = value.LastIndexOf(':');
        var digits = colon >= 0 ? value.Substring(colon + 1) : value;
        return int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port is > 0 and < 65536 ? port : null;
    }

    /// <summary>The port the server listens on by default, else the framework's default (as the scaffolding assumes).</summary>
    private static int DefaultPort(Python.PythonProject project, ShellCommand? server)
    {
        var program = server?.Program?.Name;
        if (program == "flask") return 5000;
        if (program == "waitress-serve") return 8080;
        if (program is not null) return 8000;
        var framework = project.DependsOn("django") ? WebFramework.Django
            : project.DependsOn("fastapi") ? WebFramework.FastApi
            : project.DependsOn("flask") && !project.DependsOn("gunicorn") ? WebFramework.Flask
            : WebFramework.None;
        return FrameworkDefaults.PortFor(framework).Value;
    }

    private static Fix? HealthcheckFix(RuleContext context, Stage final, Instruction? anchor, int port, string interpreter)
    {
        var text = context.Source.Text;
        var newLine = context.Source.PreferredNewLine;
        var command = ContainerCommand.HealthCheck(port, "/").ToArray();
        command[0] = interpreter;
        var check = "HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 " + context.Syntax.EscapeChar + newLine
                    + "    CMD " + ContainerCommand.ExecForm(command);
        int at;
        string indent = "";
        if (anchor is CmdInstruction or EntrypointInstruction && anchor.Parent is null)
        {
            at = anchor.KeywordSpan.Start;
            while (at > 0 && text[at - 1] is ' ' or '\t') at--;
            if (at > 0 && text[at - 1] is not ('\n' or '\r')) return null;
            indent = text.Substring(at, anchor.KeywordSpan.Start - at);
            return context.PreferredDockerfileFix($"Add a HEALTHCHECK on port {port.ToString(CultureInfo.InvariantCulture)}", FixSafety.Unsafe,
                TextEdit.Insert(at, indent + check.Replace(newLine + "    ", newLine + indent + "    ", StringComparison.Ordinal) + newLine));
        }
        // No CMD in the final stage: append after its last instruction.
        var last = final.Instructions.Count > 0 ? final.Instructions[^1] : (Instruction)final.From;
        int end = last.Span.End;
        bool atEnd = end >= text.Length;
        var prefix = atEnd && (text.Length == 0 || text[^1] is not ('\n' or '\r')) ? newLine : atEnd ? "" : newLine;
        if (!atEnd)
        {
            // Insert after the line break that ends the last instruction.
            while (end < text.Length && text[end] is not ('\n' or '\r')) end++;
            if (end < text.Length && text[end] == '\r' && end + 1 < text.Length && text[end + 1] == '\n') end += 2;
            else if (end < text.Length) end++;
            prefix = "";
        }
        return context.PreferredDockerfileFix($"Add a HEALTHCHECK on port {port.ToString(CultureInfo.InvariantCulture)}", FixSafety.Unsafe,
            TextEdit.Insert(end, prefix + check + newLine));
    }
}
