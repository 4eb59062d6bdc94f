using System.Text;

namespace PyDockerLsp.Core.Scaffolding;

/// <summary>The command a container runs, derived from the entry point and the server, in exec form.</summary>
internal static class ContainerCommand
{
    public static AppServer? ServerFor(ScaffoldInputs inputs, EntryPoint entryPoint)
    {
        if (inputs.Server is { } chosen) return chosen.Value;
        return entryPoint.Kind switch
        {
            EntryPointKind.WsgiApplication => AppServer.Gunicorn,
            EntryPointKind.AsgiApplication => AppServer.Uvicorn,
            _ => null,
        };
    }

    /// <summary>The entry point to use; when detection found none, a conventional guess and a note saying so.</summary>
    public static EntryPoint Resolve(ScaffoldInputs inputs, List<string> notes)
    {
        if (inputs.EntryPoint is { } found) return found.Value;
        var module = ImportName(inputs.ProjectName);
        EntryPoint guess = inputs.Framework.Value switch
        {
            WebFramework.Django => new EntryPoint(EntryPointKind.WsgiApplication, module + ".wsgi:application"),
            WebFramework.FastApi => new EntryPoint(EntryPointKind.AsgiApplication, "main:app"),
            WebFramework.Flask => new EntryPoint(EntryPointKind.WsgiApplication, "app:app"),
            _ => new EntryPoint(EntryPointKind.Module, module),
        };
        notes.Add($"No entry point was found; the command assumes `{Describe(guess)}`. Replace it with what starts your app.");
        return guess;
    }

    /// <summary>The full command for an image whose PATH holds the environment's bin.</summary>
    public static IReadOnlyList<string> ForSlimImage(ScaffoldInputs inputs, EntryPoint entryPoint, int port)
    {
        var server = ServerFor(inputs, entryPoint);
        switch (entryPoint.Kind)
        {
            case EntryPointKind.WsgiApplication:
            case EntryPointKind.AsgiApplication:
                return ServerCommand(server ?? AppServer.Gunicorn, entryPoint, port);
            case EntryPointKind.ConsoleScript:
                return new[] { entryPoint.Target };
            case EntryPointKind.Module:
                return new[] { "python", "-m", entryPoint.Target };
            default:
                return new[] { "python", ScriptPath(entryPoint) };
        }
    }

    /// <summary>
    /// Distroless images have no shell and the environment's bin scripts point at the builder's interpreter, so everything
    /// runs through the image's own Python: ENTRYPOINT ["python"] and the arguments in CMD. Null when it cannot be expressed.
    /// </summary>
    public static IReadOnlyList<string>? ArgumentsForPython(ScaffoldInputs inputs, EntryPoint entryPoint, int port)
    {
        switch (entryPoint.Kind)
        {
            case EntryPointKind.WsgiApplication:
            case EntryPointKind.AsgiApplication:
                var command = ServerCommand(ServerFor(inputs, entryPoint) ?? AppServer.Gunicorn, entryPoint, port);
                var arguments = new List<string> { "-m" };
                arguments.AddRange(command);
                return arguments;
            case EntryPointKind.ConsoleScript:
                return entryPoint.ConsoleScriptTarget is { } target && CallExpression(target) is { } call
                    ? new[] { "-c", call }
                    : null;
            case EntryPointKind.Module:
                return new[] { "-m", entryPoint.Target };
            default:
                return new[] { ScriptPath(entryPoint) };
        }
    }

    private static IReadOnlyList<string> ServerCommand(AppServer server, EntryPoint entryPoint, int port)
    {
        var bind = "0.0.0.0:" + port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (server == AppServer.Gunicorn)
        {
            // Worker count: gunicorn reads WEB_CONCURRENCY itself, so no --workers flag that would override it.
            var gunicorn = new List<string> { "gunicorn" };
            if (entryPoint.Kind == EntryPointKind.AsgiApplication) { gunicorn.Add("--worker-class"); gunicorn.Add("uvicorn.workers.UvicornWorker"); }
            gunicorn.Add("--bind");
            gunicorn.Add(bind);
            gunicorn.Add(entryPoint.Target);
            return gunicorn;
        }
        // uvicorn reads WEB_CONCURRENCY for --workers too; a factory is named without its call and flagged --factory.
        var uvicorn = new List<string> { "uvicorn" };
        if (entryPoint.Kind == EntryPointKind.WsgiApplication) { uvicorn.Add("--interface"); uvicorn.Add("wsgi"); }
        if (entryPoint.IsFactory) uvicorn.Add("--factory");
        uvicorn.Add(entryPoint.IsFactory ? entryPoint.Module + ":" + entryPoint.Attribute : entryPoint.Target);
        uvicorn.Add("--host");
        uvicorn.Add("0.0.0.0");
        uvicorn.Add("--port");
        uvicorn.Add(port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return uvicorn;
    }

    /// <summary>A script path relative to the project root stays relative when the app runs from the root.</summary>
    private static string ScriptPath(EntryPoint entryPoint) =>
        entryPoint.WorkingDirectory.Length == 0 ? entryPoint.Target : "/app/" + entryPoint.Target.TrimStart('/');

    /// <summary><c>pkg.cli:main</c> → <c>import sys; from pkg.cli import main; sys.exit(main())</c>.</summary>
    private static string? CallExpression(string objectReference)
    {
        int colon = objectReference.IndexOf(':');
        if (colon <= 0 || colon == objectReference.Length - 1) return null;
        var module = objectReference.Substring(0, colon).Trim();
        var attribute = objectReference.Substring(colon + 1).Trim();
        int dot = attribute.IndexOf('.');
        var first = dot < 0 ? attribute : attribute.Substring(0, dot);
        if (!IsDottedName(module) || !IsDottedName(attribute)) return null;
        return $"import sys; from {module} import {first}; sys.exit({attribute}())";
    }

    private static bool IsDottedName(string text)
    {
        if (text.Length == 0) return false;
        foreach (var part in text.Split('.'))
        {
            if (part.Length == 0 || char.IsDigit(part[0])) return false;
            foreach (var c in part) if (!(char.IsLetterOrDigit(c) || c == '_')) return false;
        }
        return true;
    }

    /// <summary>The healthcheck: an HTTP request from Python's standard library (slim and distroless images have no curl).</summary>
    public static IReadOnlyList<string> HealthCheck(int port, string path) => new[]
    {
        "python", "-c",
        "import http.client, sys; c = http.client.HTTPConnection('127.0.0.1', " + port.ToString(System.Globalization.CultureInfo.InvariantCulture) +
        ", timeout=4); c.request('GET', '" + path + "'); sys.exit(c.getresponse().status >= 500)",
    };

    public static string Describe(EntryPoint entryPoint) => entryPoint.Kind switch
    {
        EntryPointKind.Module => "python -m " + entryPoint.Target,
        EntryPointKind.Script => "python " + entryPoint.Target,
        _ => entryPoint.Target,
    };

    /// <summary>A project name as a Python import name: "My-App" → "my_app".</summary>
    public static string ImportName(string projectName)
    {
        var builder = new StringBuilder();
        foreach (var c in projectName.Trim())
            builder.Append(char.IsLetterOrDigit(c) && c < 128 ? char.ToLowerInvariant(c) : '_');
        var name = builder.ToString().Trim('_');
        if (name.Length == 0) return "app";
        return char.IsDigit(name[0]) ? "_" + name : name;
    }

    /// <summary>A JSON array of strings: the exec form of CMD, ENTRYPOINT and HEALTHCHECK.</summary>
    public static string ExecForm(IReadOnlyList<string> arguments)
    {
        var builder = new StringBuilder("[");
        for (int i = 0; i < arguments.Count; i++)
        {
            if (i > 0) builder.Append(", ");
            AppendJsonString(builder, arguments[i]);
        }
        return builder.Append(']').ToString();
    }

    private static void AppendJsonString(StringBuilder builder, string value)
    {
        builder.Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"': builder.Append("\\\""); break;
                case '\\': builder.Append("\\\\"); break;
                case '\n': builder.Append("\\n"); break;
                case '\r': builder.Append("\\r"); break;
                case '\t': builder.Append("\\t"); break;
                default:
                    if (c < ' ') builder.Append("\\u").Append(((int)c).ToString("x4", System.Globalization.CultureInfo.InvariantCulture));
                    else builder.Append(c);
                    break;
            }
        }
        builder.Append('"');
    }

    /// <summary>A command for a shell-form RUN line: words quoted only when they need it.</summary>
    public static string ShellJoin(IReadOnlyList<string> arguments)
    {
        var builder = new StringBuilder();
        foreach (var argument in arguments)
        {
            if (builder.Length > 0) builder.Append(' ');
            bool plain = argument.Length > 0;
            foreach (var c in argument)
                if (!(char.IsLetterOrDigit(c) || "-_./:=,@+%".IndexOf(c) >= 0)) { plain = false; break; }
            builder.Append(plain ? argument : "'" + argument.Replace("'", "'\\''") + "'");
        }
        return builder.ToString();
    }
}
