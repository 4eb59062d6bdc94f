using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

// The LSP 3.17 structures this server reads or writes — only those. Property names follow the specification
// through the camel-case naming of LspJson; Required.Always marks what a client must send (missing → -32602).
namespace PyDockerLsp.Server.Protocol;

public sealed class Position
{
    public Position() { }
    public Position(int line, int character) { Line = line; Character = character; }

    [JsonProperty(Required = Required.Always)] public int Line { get; set; }
    [JsonProperty(Required = Required.Always)] public int Character { get; set; }
}

public sealed class Range
{
    public Range() { }
    public Range(Position start, Position end) { Start = start; End = end; }

    [JsonProperty(Required = Required.Always)] public Position Start { get; set; } = new();
    [JsonProperty(Required = Required.Always)] public Position End { get; set; } = new();
}

public sealed class Location
{
    public string Uri { get; set; } = "";
    public Range Range { get; set; } = new();
}

public enum DiagnosticSeverity { Error = 1, Warning = 2, Information = 3, Hint = 4 }

public enum DiagnosticTag { Unnecessary = 1, Deprecated = 2 }

public sealed class CodeDescription
{
    public string Href { get; set; } = "";
}

public sealed class DiagnosticRelatedInformation
{
    public Location Location { get; set; } = new();
    public string Message { get; set; } = "";
}

public sealed class Diagnostic
{
    public Range Range { get; set; } = new();
    public DiagnosticSeverity Severity { get; set; }
    public string? Code { get; set; }
    public CodeDescription? CodeDescription { get; set; }
    public string? Source { get; set; }
    public string Message { get; set; } = "";
    public List<DiagnosticTag>? Tags { get; set; }
    public List<DiagnosticRelatedInformation>? RelatedInformation { get; set; }
}

public sealed class PublishDiagnosticsParams
{
    public string Uri { get; set; } = "";
    public int? Version { get; set; }
    public List<Diagnostic> Diagnostics { get; set; } = new();
}

public sealed class TextDocumentIdentifier
{
    [JsonProperty(Required = Required.Always)] public string Uri { get; set; } = "";
}

public sealed class VersionedTextDocumentIdentifier
{
    [JsonProperty(Required = Required.Always)] public string Uri { get; set; } = "";
    [JsonProperty(Required = Required.Always)] public int Version { get; set; }
}

public sealed class TextDocumentItem
{
    [JsonProperty(Required = Required.Always)] public string Uri { get; set; } = "";
    public string LanguageId { get; set; } = "";
    [JsonProperty(Required = Required.Always)] public int Version { get; set; }
    [JsonProperty(Required = Required.Always)] public string Text { get; set; } = "";
}

public sealed class DidOpenTextDocumentParams
{
    [JsonProperty(Required = Required.Always)] public TextDocumentItem TextDocument { get; set; } = new();
}

public sealed class TextDocumentContentChangeEvent
{
    /// <summary>Absent for a whole-document replacement.</summary>
    public Range? Range { get; set; }
    public int? RangeLength { get; set; }
    [JsonProperty(Required = Required.Always)] public string Text { get; set; } = "";
}

public sealed class DidChangeTextDocumentParams
{
    [JsonProperty(Required = Required.Always)] public VersionedTextDocumentIdentifier TextDocument { get; set; } = new();
    [JsonProperty(Required = Required.Always)] public List<TextDocumentContentChangeEvent> ContentChanges { get; set; } = new();
}

public sealed class DidCloseTextDocumentParams
{
    [JsonProperty(Required = Required.Always)] public TextDocumentIdentifier TextDocument { get; set; } = new();
}

public sealed class DidSaveTextDocumentParams
{
    [JsonProperty(Required = Required.Always)] public TextDocumentIdentifier TextDocument { get; set; } = new();
    public string? Text { get; set; }
}

public sealed class WorkspaceFolder
{
    [JsonProperty(Required = Required.Always)] public string Uri { get; set; } = "";
    public string Name { get; set; } = "";
}

public sealed class ClientInfo
{
    public string Name { get; set; } = "";
    public string? Version { get; set; }
}

public sealed class InitializeParams
{
    public int? ProcessId { get; set; }
    public ClientInfo? ClientInfo { get; set; }
    public string? RootUri { get; set; }
    public string? RootPath { get; set; }
    /// <summary>Kept as JSON: the server reads a handful of flags through <see cref="Lsp.ClientCapabilities"/>.</summary>
    public JObject? Capabilities { get; set; }
    public JToken? InitializationOptions { get; set; }
    public string? Trace { get; set; }
    public List<WorkspaceFolder>? WorkspaceFolders { get; set; }

    /// <summary>
    /// Reads the params by hand rather than through the serializer: initialize is the first message of every
    /// session, and the serializer's reflection warm-up would otherwise sit on the editor's cold-start path.
    /// A member of the wrong type is an error (-32602), as with the serializer.
    /// </summary>
    public static InitializeParams FromJson(JObject json) => new()
    {
        ProcessId = Optional(json, "processId", JTokenType.Integer, t => (int)t),
        ClientInfo = json["clientInfo"] is JObject client
            ? new ClientInfo { Name = Optional(client, "name", JTokenType.String, t => (string)t!) ?? "", Version = Optional(client, "version", JTokenType.String, t => (string?)t) }
            : null,
        RootUri = Optional(json, "rootUri", JTokenType.String, t => (string?)t),
        RootPath = Optional(json, "rootPath", JTokenType.String, t => (string?)t),
        Capabilities = Optional(json, "capabilities", JTokenType.Object, t => (JObject)t),
        InitializationOptions = json["initializationOptions"],
        Trace = Optional(json, "trace", JTokenType.String, t => (string?)t),
        WorkspaceFolders = Optional(json, "workspaceFolders", JTokenType.Array, t => t.Select(ReadFolder).ToList()),
    };

    private static WorkspaceFolder ReadFolder(JToken token) => token is JObject folder && folder["uri"] is JValue { Type: JTokenType.String } uri
        ? new WorkspaceFolder { Uri = (string)uri!, Name = Optional(folder, "name", JTokenType.String, t => (string)t!) ?? "" }
        : throw new JsonSerializationException("A workspace folder needs a \"uri\" string.");

    private static T? Optional<T>(JObject json, string name, JTokenType type, Func<JToken, T> read)
    {
        var token = json[name];
        if (token is null || token.Type == JTokenType.Null) return default;
        if (token.Type != type) throw new JsonSerializationException($"\"{name}\" must be of type {type}, not {token.Type}.");
        return read(token);
    }
}

public enum TextDocumentSyncKind { None = 0, Full = 1, Incremental = 2 }

public sealed class SaveOptions
{
    public bool IncludeText { get; set; }
}

public sealed class TextDocumentSyncOptions
{
    public bool? OpenClose { get; set; }
    public TextDocumentSyncKind? Change { get; set; }
    public SaveOptions? Save { get; set; }
}

public sealed class WorkspaceFoldersServerCapabilities
{
    public bool Supported { get; set; }
    public bool ChangeNotifications { get; set; }
}

public sealed class WorkspaceServerCapabilities
{
    public WorkspaceFoldersServerCapabilities? WorkspaceFolders { get; set; }
}

/// <summary>What the server can do. Each handler fills in its own part when it is registered; a capability not listed
/// as a property can be set through <see cref="Other"/> (e.g. <c>Other["hoverProvider"] = true</c>).</summary>
public sealed class ServerCapabilities
{
    public string? PositionEncoding { get; set; }
    public TextDocumentSyncOptions? TextDocumentSync { get; set; }
    public WorkspaceServerCapabilities? Workspace { get; set; }

    [JsonExtensionData] public IDictionary<string, JToken> Other { get; set; } = new Dictionary<string, JToken>();

    /// <summary>The same JSON the serializer writes, built by hand: the initialize answer is on every editor's
    /// cold-start path, and the serializer's first use costs tens of milliseconds of reflection and JIT.
    /// A test compares it with the serializer's output, so a property added above must be added here too.</summary>
    public JObject ToJson()
    {
        var json = new JObject();
        if (PositionEncoding is not null) json["positionEncoding"] = PositionEncoding;
        if (TextDocumentSync is { } sync)
        {
            var syncJson = new JObject();
            if (sync.OpenClose is { } openClose) syncJson["openClose"] = openClose;
            if (sync.Change is { } change) syncJson["change"] = (int)change;
            if (sync.Save is { } save) syncJson["save"] = new JObject { ["includeText"] = save.IncludeText };
            json["textDocumentSync"] = syncJson;
        }
        if (Workspace is { } workspace)
        {
            var workspaceJson = new JObject();
            if (workspace.WorkspaceFolders is { } folders)
                workspaceJson["workspaceFolders"] = new JObject { ["supported"] = folders.Supported, ["changeNotifications"] = folders.ChangeNotifications };
            json["workspace"] = workspaceJson;
        }
        foreach (var (name, value) in Other) json[name] = value.DeepClone();
        return json;
    }
}

public sealed class ServerInfo
{
    public string Name { get; set; } = "";
    public string? Version { get; set; }
}

public sealed class InitializeResult
{
    public ServerCapabilities Capabilities { get; set; } = new();
    public ServerInfo? ServerInfo { get; set; }

    /// <summary>Built by hand for the cold start (see <see cref="ServerCapabilities.ToJson"/>).</summary>
    public JObject ToJson()
    {
        var json = new JObject { ["capabilities"] = Capabilities.ToJson() };
        if (ServerInfo is { } info)
        {
            var infoJson = new JObject { ["name"] = info.Name };
            if (info.Version is not null) infoJson["version"] = info.Version;
            json["serverInfo"] = infoJson;
        }
        return json;
    }
}

public sealed class WorkspaceFoldersChangeEvent
{
    public List<WorkspaceFolder> Added { get; set; } = new();
    public List<WorkspaceFolder> Removed { get; set; } = new();
}

public sealed class DidChangeWorkspaceFoldersParams
{
    [JsonProperty(Required = Required.Always)] public WorkspaceFoldersChangeEvent Event { get; set; } = new();
}

public sealed class DidChangeConfigurationParams
{
    public JToken? Settings { get; set; }
}

public sealed class ConfigurationItem
{
    public string? ScopeUri { get; set; }
    public string? Section { get; set; }
}

public sealed class ConfigurationParams
{
    public List<ConfigurationItem> Items { get; set; } = new();
}

public sealed class Registration
{
    public string Id { get; set; } = "";
    public string Method { get; set; } = "";
    public object? RegisterOptions { get; set; }
}

public sealed class RegistrationParams
{
    public List<Registration> Registrations { get; set; } = new();
}

public sealed class FileSystemWatcher
{
    public string GlobPattern { get; set; } = "";
}

public sealed class DidChangeWatchedFilesRegistrationOptions
{
    public List<FileSystemWatcher> Watchers { get; set; } = new();
}

public sealed class DidChangeConfigurationRegistrationOptions
{
    public string? Section { get; set; }
}

public enum FileChangeType { Created = 1, Changed = 2, Deleted = 3 }

public sealed class FileEvent
{
    [JsonProperty(Required = Required.Always)] public string Uri { get; set; } = "";
    [JsonProperty(Required = Required.Always)] public FileChangeType Type { get; set; }
}

public sealed class DidChangeWatchedFilesParams
{
    [JsonProperty(Required = Required.Always)] public List<FileEvent> Changes { get; set; } = new();
}

public sealed class SetTraceParams
{
    [JsonProperty(Required = Required.Always)] public string Value { get; set; } = "off";
}

public sealed class LogTraceParams
{
    public string Message { get; set; } = "";
    public string? Verbose { get; set; }
}

public enum MessageType { Error = 1, Warning = 2, Info = 3, Log = 4 }

public sealed class LogMessageParams
{
    public MessageType Type { get; set; }
    public string Message { get; set; } = "";
}

/// <summary>The one serializer configuration of the protocol: camel-case names (dictionary keys kept as they are),
/// nulls left out, no date guessing.</summary>
public static class LspJson
{
    public static JsonSerializer CreateSerializer() => JsonSerializer.Create(new JsonSerializerSettings
    {
        ContractResolver = new Newtonsoft.Json.Serialization.DefaultContractResolver
        {
            NamingStrategy = new Newtonsoft.Json.Serialization.CamelCaseNamingStrategy { ProcessDictionaryKeys = false, OverrideSpecifiedNames = true },
        },
        NullValueHandling = NullValueHandling.Ignore,
        DateParseHandling = DateParseHandling.None,
        MissingMemberHandling = MissingMemberHandling.Ignore,
    });
}
