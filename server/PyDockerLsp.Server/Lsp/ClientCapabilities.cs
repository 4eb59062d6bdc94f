using Newtonsoft.Json.Linq;

namespace PyDockerLsp.Server.Lsp;

/// <summary>The client's capabilities, kept as the JSON it sent; the flags the server consults have names here.</summary>
public sealed class ClientCapabilities
{
    public static readonly ClientCapabilities None = new(null);

    private readonly JObject? _json;

    public ClientCapabilities(JObject? json) => _json = json;

    /// <summary>True when the boolean at <paramref name="path"/> (dotted, e.g. <c>workspace.configuration</c>) is true.</summary>
    public bool Has(string path) => Get(path) is JValue { Type: JTokenType.Boolean } flag && (bool)flag;

    public JToken? Get(string path) => _json?.SelectToken(path, errorWhenNoMatch: false);

    public bool WorkspaceConfiguration => Has("workspace.configuration");
    public bool WorkspaceFolders => Has("workspace.workspaceFolders");
    public bool WatchedFilesDynamicRegistration => Has("workspace.didChangeWatchedFiles.dynamicRegistration");
    public bool ConfigurationDynamicRegistration => Has("workspace.didChangeConfiguration.dynamicRegistration");
}
