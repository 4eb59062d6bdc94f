using System.Reflection;
using HandlebarsDotNet;
using PyDockerLsp.Core.IO;

namespace PyDockerLsp.Core.Scaffolding;

/// <summary>
/// The Handlebars templates: the bundled ones (embedded resources under Scaffolding/Templates) with a user's folder laid over
/// them file by file. Names are relative paths with '/': <c>Dockerfile.uv.hbs</c>, <c>dockerignore.hbs</c>, <c>partials/cmd.hbs</c>.
/// </summary>
public sealed class ScaffoldTemplates
{
    private const string ResourcePrefix = "PyDockerLsp.Scaffolding.Templates/";
    private const string PartialsFolder = "partials/";
    public const string DockerignoreTemplate = "dockerignore.hbs";

    private static readonly Lazy<IReadOnlyDictionary<string, string>> BundledTexts = new(LoadBundled);
    private static readonly Lazy<ScaffoldTemplates> BundledInstance = new(() => new ScaffoldTemplates(BundledTexts.Value, "bundled"));

    private readonly IHandlebars _handlebars;
    private readonly Dictionary<string, HandlebarsTemplate<object, object>> _compiled = new(StringComparer.Ordinal);
    private readonly IReadOnlyDictionary<string, string> _texts;
    private readonly object _lock = new();

    /// <summary>Where the templates came from, for error messages.</summary>
    public string Origin { get; }

    private ScaffoldTemplates(IReadOnlyDictionary<string, string> texts, string origin)
    {
        _texts = texts;
        Origin = origin;
        // NoEscape: a Dockerfile is not HTML. Strict bindings: a misspelt variable is an error, not an empty string.
        _handlebars = Handlebars.Create(new HandlebarsConfiguration { NoEscape = true, ThrowOnUnresolvedBindingExpression = true });
        foreach (var (name, text) in texts)
        {
            if (!name.StartsWith(PartialsFolder, StringComparison.Ordinal)) continue;
            var partialName = name.Substring(PartialsFolder.Length, name.Length - PartialsFolder.Length - ".hbs".Length);
            try { _handlebars.RegisterTemplate(partialName, text); }
            catch (Exception e) when (IsTemplateError(e)) { throw new ScaffoldException($"The partial {name} ({origin}) does not compile: {e.Message}", e); }
        }
    }

    /// <summary>The bundled templates only.</summary>
    public static ScaffoldTemplates Bundled => BundledInstance.Value;

    /// <summary>The names of the bundled templates.</summary>
    public static IReadOnlyCollection<string> BundledNames => BundledTexts.Value.Keys.ToList();

    /// <summary>The text of a bundled template, or null.</summary>
    public static string? BundledText(string name) => BundledTexts.Value.TryGetValue(name, out var text) ? text : null;

    /// <summary>
    /// The bundled templates with the files of <paramref name="directory"/> replacing those of the same name. Partials in its
    /// partials/ folder that have no bundled counterpart are added, so that an overriding template can use them.
    /// Other files are ignored.
    /// </summary>
    public static ScaffoldTemplates WithOverrides(IFileSystem fileSystem, string directory)
    {
        var texts = new Dictionary<string, string>(BundledTexts.Value, StringComparer.Ordinal);
        var replaced = 0;
        foreach (var path in fileSystem.EnumerateFiles(directory))
        {
            var name = PathUtil.GetFileName(path);
            if (!texts.ContainsKey(name)) continue;
            if (fileSystem.ReadAllText(path) is { } text) { texts[name] = text; replaced++; }
        }
        var partials = PathUtil.Combine(directory, "partials");
        foreach (var path in fileSystem.EnumerateFiles(partials))
        {
            var name = PartialsFolder + PathUtil.GetFileName(path);
            if (!name.EndsWith(".hbs", StringComparison.Ordinal)) continue;
            if (fileSystem.ReadAllText(path) is { } text) { texts[name] = text; replaced++; }
        }
        return replaced == 0 ? Bundled : new ScaffoldTemplates(texts, "bundled, overridden from " + directory);
    }

    /// <summary>Renders a top-level template with the model.</summary>
    public string Render(string name, object model)
    {
        HandlebarsTemplate<object, object> template;
        lock (_lock)
        {
            if (!_compiled.TryGetValue(name, out template!))
            {
                if (!_texts.TryGetValue(name, out var text)) throw new ScaffoldException($"There is no template named {name}.");
                try { template = _handlebars.Compile(text); }
                catch (Exception e) when (IsTemplateError(e)) { throw new ScaffoldException($"The template {name} ({Origin}) does not compile: {e.Message}", e); }
                _compiled[name] = template;
            }
        }
        try { return template(model); }
        catch (Exception e) when (IsTemplateError(e)) { throw new ScaffoldException($"The template {name} ({Origin}) failed: {e.Message}", e); }
    }

    /// <summary>Handlebars.Net's errors do not share one base class (an undefined binding is not a HandlebarsException).</summary>
    private static bool IsTemplateError(Exception e) =>
        e is not ScaffoldException && (e.GetType().Namespace ?? "").StartsWith("HandlebarsDotNet", StringComparison.Ordinal);

    private static IReadOnlyDictionary<string, string> LoadBundled()
    {
        var assembly = typeof(ScaffoldTemplates).Assembly;
        var texts = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var resource in assembly.GetManifestResourceNames())
        {
            var normalized = resource.Replace('\\', '/');
            if (!normalized.StartsWith(ResourcePrefix, StringComparison.Ordinal)) continue;
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var reader = new StreamReader(stream);
            // Templates are kept with '\n' line endings whatever the checkout did to them.
            texts[normalized.Substring(ResourcePrefix.Length)] = reader.ReadToEnd().Replace("\r\n", "\n");
        }
        return texts;
    }
}
