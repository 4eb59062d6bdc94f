using System.Globalization;

namespace PyDockerLsp.Core.Scaffolding;

/// <summary>
/// Values the user changed in the review step (or gave on the command line), as text. Each front (the LSP command, the CLI)
/// reads them from its own wire format; <see cref="Apply"/> is the one place that turns them into <see cref="ScaffoldInputs"/>.
/// Empty strings mean "keep what was detected".
/// </summary>
/// <param name="Framework"><c>django</c>, <c>fastapi</c>, <c>flask</c> or <c>none</c>.</param>
/// <param name="EntryPoint">In the form <see cref="ScaffoldFieldText.EntryPoint"/> writes: <c>module:app</c>, <c>module:factory()</c>,
/// <c>python -m package</c>, <c>python path/script.py</c>, or a console script's name.</param>
/// <param name="PackageManager"><c>uv</c>, <c>poetry</c>, <c>pipenv</c>, <c>pip</c> (requirements files) or <c>pip-pyproject</c>.</param>
public sealed record ScaffoldOverrides(string? Framework = null, string? EntryPoint = null, int? Port = null, string? Python = null, string? PackageManager = null)
{
    public const string Reason = "set in the review";

    /// <summary>The inputs with the overrides applied. Throws <see cref="ArgumentException"/> with a message for the user when a
    /// value cannot be used.</summary>
    public ScaffoldInputs Apply(ScaffoldInputs inputs)
    {
        var result = inputs;
        if (Text(PackageManager) is { } manager)
        {
            var parsed = ScaffoldFieldText.ParsePackageManager(manager)
                ?? throw new ArgumentException($"Unknown package manager \"{manager}\"; use uv, poetry, pipenv, pip or pip-pyproject.");
            if (parsed != result.PackageManager.Value) result = result with { PackageManager = new(parsed, Reason) };
        }
        if (Text(Python) is { } python)
        {
            if (!ScaffoldImages.TryParsePythonVersion(python, out var major, out var minor) || major != 3 || minor < 8)
                throw new ArgumentException($"The Python version must be X.Y from 3.8 on, for example 3.12; got \"{python}\".");
            var version = major.ToString(CultureInfo.InvariantCulture) + "." + minor.ToString(CultureInfo.InvariantCulture);
            if (version != result.PythonVersion.Value) result = result with { PythonVersion = new(version, Reason) };
        }
        bool frameworkChanged = false;
        if (Text(Framework) is { } framework)
        {
            var parsed = ScaffoldFieldText.ParseFramework(framework)
                ?? throw new ArgumentException($"Unknown framework \"{framework}\"; use django, fastapi, flask or none.");
            if (parsed != result.Framework.Value)
            {
                frameworkChanged = true;
                // The detected app belongs to the detected framework; the command is guessed again unless an entry point is given.
                result = result with { Framework = new(parsed, Reason), EntryPoint = null, Server = null, Port = parsed == WebFramework.None ? null : result.Port };
            }
        }
        if (Text(EntryPoint) is { } entryPoint)
        {
            var current = result.EntryPoint is { } detected ? ScaffoldFieldText.EntryPoint(detected.Value) : null;
            if (current != entryPoint.Trim() || frameworkChanged)
                result = result with { EntryPoint = new(ScaffoldFieldText.ParseEntryPoint(entryPoint, result), Reason) };
        }
        if (Port is { } port)
        {
            if (port is < 1 or > 65535) throw new ArgumentException($"A port is a whole number from 1 to 65535; got {port}.");
            if (result.Port?.Value != port) result = result with { Port = new(port, Reason) };
        }
        if (result.IsWebApp && result.Port == null) result = result with { Port = FrameworkDefaults.PortFor(result.Framework.Value) };
        return result;
    }

    private static string? Text(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}

/// <summary>How detected values are written as text for a user to read and edit, and read back.</summary>
public static class ScaffoldFieldText
{
    public static string Framework(WebFramework framework) => framework switch
    {
        WebFramework.Django => "django",
        WebFramework.FastApi => "fastapi",
        WebFramework.Flask => "flask",
        _ => "none",
    };

    public static WebFramework? ParseFramework(string text) => text.Trim().ToLowerInvariant() switch
    {
        "django" => WebFramework.Django,
        "fastapi" => WebFramework.FastApi,
        "flask" => WebFramework.Flask,
        "none" or "" => WebFramework.None,
        _ => null,
    };

    public static string PackageManager(PackageManager manager) => manager switch
    {
        Scaffolding.PackageManager.Uv => "uv",
        Scaffolding.PackageManager.Poetry => "poetry",
        Scaffolding.PackageManager.Pipenv => "pipenv",
        Scaffolding.PackageManager.PipPyProject => "pip-pyproject",
        _ => "pip",
    };

    public static PackageManager? ParsePackageManager(string text) => text.Trim().ToLowerInvariant() switch
    {
        "uv" => Scaffolding.PackageManager.Uv,
        "poetry" => Scaffolding.PackageManager.Poetry,
        "pipenv" => Scaffolding.PackageManager.Pipenv,
        "pip" or "pip-requirements" or "requirements" => Scaffolding.PackageManager.PipRequirements,
        "pip-pyproject" or "pyproject" => Scaffolding.PackageManager.PipPyProject,
        _ => null,
    };

    /// <summary><c>app.main:app</c> for apps, <c>python -m pkg</c>, <c>python app.py</c>, or the console script's name.</summary>
    public static string EntryPoint(EntryPoint entryPoint) => entryPoint.Kind switch
    {
        EntryPointKind.Module => "python -m " + entryPoint.Target,
        EntryPointKind.Script => "python " + entryPoint.Target,
        _ => entryPoint.Target,
    };

    /// <summary>
    /// Reads an entry point the user typed. <c>module:attr</c> is an app: ASGI for FastAPI (or a Django <c>asgi</c> module),
    /// else WSGI; <c>python -m pkg</c> / <c>-m pkg</c> a module; a <c>.py</c> path a script; any other single word a console
    /// script. The working directory and console-script target of the detected entry point are kept when the target is the same.
    /// </summary>
    public static EntryPoint ParseEntryPoint(string text, ScaffoldInputs context)
    {
        var value = text.Trim();
        if (value.StartsWith("python ", StringComparison.Ordinal)) value = value.Substring("python ".Length).TrimStart();
        if (value.Length == 0 || value.Contains('"') || value.Contains('\'') || value.Contains('\n'))
            throw new ArgumentException($"\"{text}\" is not an entry point; use module:app, python -m package, python script.py or a console script name.");
        var detected = context.EntryPoint?.Value;
        EntryPoint parsed;
        if (value.StartsWith("-m ", StringComparison.Ordinal))
        {
            parsed = new EntryPoint(EntryPointKind.Module, value.Substring(3).Trim());
        }
        else if (value.EndsWith(".py", StringComparison.Ordinal))
        {
            parsed = new EntryPoint(EntryPointKind.Script, value.TrimStart('.', '/'));
        }
        else if (value.Contains(':'))
        {
            var module = value.Substring(0, value.IndexOf(':'));
            bool asgi = context.Framework.Value == WebFramework.FastApi
                || module.EndsWith(".asgi", StringComparison.Ordinal) || module == "asgi"
                || detected is { Kind: EntryPointKind.AsgiApplication } && detected.Target == value;
            parsed = new EntryPoint(asgi ? EntryPointKind.AsgiApplication : EntryPointKind.WsgiApplication, value);
        }
        else if (value.Contains(' '))
        {
            throw new ArgumentException($"\"{text}\" is not an entry point; use module:app, python -m package, python script.py or a console script name.");
        }
        else
        {
            parsed = new EntryPoint(EntryPointKind.ConsoleScript, value);
        }
        if (detected != null && detected.Target == parsed.Target && detected.Kind == parsed.Kind) return detected;
        if (detected != null && detected.Kind is EntryPointKind.WsgiApplication or EntryPointKind.AsgiApplication && parsed.Kind is EntryPointKind.WsgiApplication or EntryPointKind.AsgiApplication)
            parsed = parsed with { WorkingDirectory = detected.WorkingDirectory };
        return parsed;
    }
}
