using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace PyDockerLsp.Server.Protocol;

/// <summary>
/// JSON mapping written by hand for the messages of every session's first second and of every keystroke:
/// didOpen, didChange, publishDiagnostics, and the registration and configuration requests sent after initialized.
/// The serializer would do the same through reflection, whose first use costs tens of milliseconds of JIT on the way
/// to the first diagnostics. Tests check that both mappings agree, so a member added to one of these types must be
/// added here too.
/// </summary>
public static class HandMappedJson
{
    /// <summary>Readers used by <c>LspParams.Read</c> instead of the serializer, by params type.</summary>
    public static readonly IReadOnlyDictionary<Type, Func<JToken, object>> Readers = new Dictionary<Type, Func<JToken, object>>
    {
        [typeof(DidOpenTextDocumentParams)] = token => ReadDidOpen(Object(token, "params")),
        [typeof(DidChangeTextDocumentParams)] = token => ReadDidChange(Object(token, "params")),
    };

    public static DidOpenTextDocumentParams ReadDidOpen(JObject json)
    {
        var item = Object(Required(json, "textDocument"), "textDocument");
        return new DidOpenTextDocumentParams
        {
            TextDocument = new TextDocumentItem
            {
                Uri = String(Required(item, "uri"), "uri"),
                LanguageId = item["languageId"] is { Type: not JTokenType.Null } languageId ? String(languageId, "languageId") : "",
                Version = Int(Required(item, "version"), "version"),
                Text = String(Required(item, "text"), "text"),
            },
        };
    }

    public static DidChangeTextDocumentParams ReadDidChange(JObject json)
    {
        var document = Object(Required(json, "textDocument"), "textDocument");
        var changes = Required(json, "contentChanges") as JArray ?? throw Invalid("contentChanges", "an array");
        var result = new DidChangeTextDocumentParams
        {
            TextDocument = new VersionedTextDocumentIdentifier
            {
                Uri = String(Required(document, "uri"), "uri"),
                Version = Int(Required(document, "version"), "version"),
            },
            ContentChanges = new List<TextDocumentContentChangeEvent>(changes.Count),
        };
        foreach (var token in changes)
        {
            var change = Object(token, "a content change");
            result.ContentChanges.Add(new TextDocumentContentChangeEvent
            {
                Range = change["range"] is { Type: not JTokenType.Null } range ? ReadRange(range) : null,
                RangeLength = change["rangeLength"] is { Type: not JTokenType.Null } length ? Int(length, "rangeLength") : null,
                Text = String(Required(change, "text"), "text"),
            });
        }
        return result;
    }

    public static JObject ToJson(this PublishDiagnosticsParams parameters)
    {
        var diagnostics = new JArray();
        foreach (var diagnostic in parameters.Diagnostics) diagnostics.Add(ToJson(diagnostic));
        var json = new JObject { ["uri"] = parameters.Uri };
        if (parameters.Version is { } version) json["version"] = version;
        json["diagnostics"] = diagnostics;
        return json;
    }

    public static JObject ToJson(this Diagnostic diagnostic)
    {
        var json = new JObject { ["range"] = ToJson(diagnostic.Range), ["severity"] = (int)diagnostic.Severity };
        if (diagnostic.Code is not null) json["code"] = diagnostic.Code;
        if (diagnostic.CodeDescription is { } description) json["codeDescription"] = new JObject { ["href"] = description.Href };
        if (diagnostic.Source is not null) json["source"] = diagnostic.Source;
        json["message"] = diagnostic.Message;
        if (diagnostic.Tags is { } tags)
        {
            var tagArray = new JArray();
            foreach (var tag in tags) tagArray.Add((int)tag);
            json["tags"] = tagArray;
        }
        if (diagnostic.RelatedInformation is { } related)
        {
            var relatedArray = new JArray();
            foreach (var info in related)
            {
                relatedArray.Add(new JObject
                {
                    ["location"] = new JObject { ["uri"] = info.Location.Uri, ["range"] = ToJson(info.Location.Range) },
                    ["message"] = info.Message,
                });
            }
            json["relatedInformation"] = relatedArray;
        }
        return json;
    }

    /// <summary>Sent right after initialized (see <c>ClientRegistrations</c>). The watcher and configuration options
    /// are the only registration options this server sends.</summary>
    public static JObject ToJson(this RegistrationParams parameters)
    {
        var registrations = new JArray();
        foreach (var registration in parameters.Registrations)
        {
            var json = new JObject { ["id"] = registration.Id, ["method"] = registration.Method };
            switch (registration.RegisterOptions)
            {
                case null:
                    break;
                case DidChangeWatchedFilesRegistrationOptions files:
                    var watchers = new JArray();
                    foreach (var watcher in files.Watchers) watchers.Add(new JObject { ["globPattern"] = watcher.GlobPattern });
                    json["registerOptions"] = new JObject { ["watchers"] = watchers };
                    break;
                case DidChangeConfigurationRegistrationOptions configuration:
                    var options = new JObject();
                    if (configuration.Section is not null) options["section"] = configuration.Section;
                    json["registerOptions"] = options;
                    break;
                default:
                    throw new ArgumentException($"Registration options of type {registration.RegisterOptions.GetType().Name} have no hand mapping.", nameof(parameters));
            }
            registrations.Add(json);
        }
        return new JObject { ["registrations"] = registrations };
    }

    /// <summary>Sent right after initialized (see <c>Configuration.PullAsync</c>).</summary>
    public static JObject ToJson(this ConfigurationParams parameters)
    {
        var items = new JArray();
        foreach (var item in parameters.Items)
        {
            var json = new JObject();
            if (item.ScopeUri is not null) json["scopeUri"] = item.ScopeUri;
            if (item.Section is not null) json["section"] = item.Section;
            items.Add(json);
        }
        return new JObject { ["items"] = items };
    }

    public static JObject ToJson(this Range range) => new()
    {
        ["start"] = new JObject { ["line"] = range.Start.Line, ["character"] = range.Start.Character },
        ["end"] = new JObject { ["line"] = range.End.Line, ["character"] = range.End.Character },
    };

    private static Range ReadRange(JToken token)
    {
        var range = Object(token, "range");
        return new Range(ReadPosition(Required(range, "start")), ReadPosition(Required(range, "end")));
    }

    private static Position ReadPosition(JToken token)
    {
        var position = Object(token, "position");
        return new Position(Int(Required(position, "line"), "line"), Int(Required(position, "character"), "character"));
    }

    private static JToken Required(JObject json, string name) =>
        json[name] is { Type: not JTokenType.Null } value ? value : throw new JsonSerializationException($"Required property '{name}' is missing or null.");

    private static JObject Object(JToken token, string what) => token as JObject ?? throw Invalid(what, "an object");

    private static string String(JToken token, string what) =>
        token.Type == JTokenType.String ? (string)token! : throw Invalid(what, "a string");

    private static int Int(JToken token, string what) =>
        token.Type == JTokenType.Integer ? (int)token : throw Invalid(what, "an integer");

    private static JsonSerializationException Invalid(string what, string expected) => new($"'{what}' must be {expected}.");
}
