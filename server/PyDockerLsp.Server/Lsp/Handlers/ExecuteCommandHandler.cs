using Newtonsoft.Json.Linq;
using PyDockerLsp.Server.Lsp.Commands;
using PyDockerLsp.Server.Protocol;

namespace PyDockerLsp.Server.Lsp.Handlers;

/// <summary>
/// <c>workspace/executeCommand</c>: dispatches to the commands of <see cref="ServerCommands"/> by id and advertises their ids
/// in <c>executeCommandProvider.commands</c> (the client offers a command only when it is listed there).
/// </summary>
public sealed class ExecuteCommandHandler : RequestHandler<JObject, JToken?>
{
    private readonly IReadOnlyDictionary<string, IServerCommand> _commands;

    public ExecuteCommandHandler(LanguageServer server) =>
        _commands = ServerCommands.Create(server).ToDictionary(c => c.Id, StringComparer.Ordinal);

    public override string Method => "workspace/executeCommand";

    public override void Advertise(ServerCapabilities capabilities, ClientCapabilities client) =>
        capabilities.Other["executeCommandProvider"] = new JObject { ["commands"] = new JArray(_commands.Keys.OrderBy(k => k, StringComparer.Ordinal)) };

    public override Task<JToken?> HandleAsync(JObject parameters, CancellationToken ct)
    {
        var id = parameters["command"] is JValue { Type: JTokenType.String } command ? (string)command! : null;
        if (id is null) throw new JsonRpcException(ErrorCodes.InvalidParams, "workspace/executeCommand needs a command.");
        if (!_commands.TryGetValue(id, out var handler))
            throw new JsonRpcException(ErrorCodes.InvalidParams, $"Unknown command \"{id}\"; this server runs {string.Join(", ", _commands.Keys)}.");
        var arguments = parameters["arguments"] as JArray ?? new JArray();
        return handler.ExecuteAsync(arguments, ct);
    }
}
