using Newtonsoft.Json.Linq;
using PyDockerLsp.Core.IO;
using PyDockerLsp.Core.Scaffolding;
using PyDockerLsp.Core.Text;
using PyDockerLsp.Server.Protocol;
using PyDockerLsp.Server.Workspaces;

namespace PyDockerLsp.Server.Lsp.Commands;

/// <summary>One command of <c>workspace/executeCommand</c>. The arguments are the request's <c>arguments</c> array as sent;
/// throw <see cref="JsonRpcException"/> for arguments that do not fit or a request that cannot be carried out.</summary>
public interface IServerCommand
{
    string Id { get; }

    Task<JToken?> ExecuteAsync(JArray arguments, CancellationToken ct);
}

/// <summary>THE list of server commands (the wire contract is in client/PROTOCOL.md). Add one line per command.</summary>
public static class ServerCommands
{
    public static IEnumerable<IServerCommand> Create(LanguageServer server) => new IServerCommand[]
    {
        new ScaffoldDetectCommand(server),
        new ScaffoldCommand(server),
        new StageCommand(server, StageCommand.AddDevStage, StageOperations.AddDevTestStage),
        new StageCommand(server, StageCommand.ConvertToMultiStage, StageOperations.ConvertToMultiStage),
        new StageCommand(server, StageCommand.AddDistrolessStage, StageOperations.AddDistrolessStage),
    };

    /// <summary>The first argument as an object, or -32602.</summary>
    internal static JObject FirstObject(JArray arguments, string command) =>
        arguments.Count > 0 && arguments[0] is JObject first
            ? first
            : throw new JsonRpcException(ErrorCodes.InvalidParams, $"{command} takes one object argument (see client/PROTOCOL.md).");

    internal static string? String(JObject obj, string key) => obj[key] is JValue { Type: JTokenType.String } value ? (string)value! : null;

    /// <summary>A folder URI of the request as a local path that exists, or -32602.</summary>
    internal static string FolderPath(LanguageServer server, JObject argument, string command)
    {
        var uri = String(argument, "folder") ?? throw new JsonRpcException(ErrorCodes.InvalidParams, $"{command} needs \"folder\": the URI of the project folder.");
        var path = DocumentUri.ToPath(uri) ?? throw new JsonRpcException(ErrorCodes.InvalidParams, $"\"{uri}\" is not a URI.");
        if (!server.Workspace.FileSystem.DirectoryExists(path))
            throw new JsonRpcException(ErrorCodes.InvalidParams, $"The folder {path} does not exist.");
        return path;
    }

    /// <summary>The scaffold options under the current settings: the user's templates folder
    /// (<c>pydocker.scaffold.templatesPath</c>, relative to the workspace folder holding <paramref name="projectFolder"/>).</summary>
    internal static ScaffoldOptions Options(LanguageServer server, string projectFolder)
    {
        var setting = server.Workspace.Settings.ScaffoldTemplatesPath;
        if (setting.Length == 0) return ScaffoldOptions.Default;
        var baseFolder = server.Workspace.Folders
            .Where(f => PathUtil.RelativeTo(f.Path, projectFolder) is not null)
            .OrderByDescending(f => f.Path.Length)
            .Select(f => f.Path)
            .FirstOrDefault() ?? projectFolder;
        var directory = PathUtil.Combine(baseFolder, setting);
        if (!server.Workspace.FileSystem.DirectoryExists(directory))
            throw new JsonRpcException(ErrorCodes.RequestFailed, $"The templates folder of pydocker.scaffold.templatesPath ({directory}) does not exist.");
        return new ScaffoldOptions { TemplatesDirectory = directory, FileSystem = server.Workspace.FileSystem };
    }
}

/// <summary>
/// <c>pydocker.scaffold.detect</c> <c>[{ folder }]</c> → the patterns that apply (recommended first, each with its reason), the
/// reviewed fields with their reasons, and what else detection found (for display only).
/// </summary>
public sealed class ScaffoldDetectCommand : IServerCommand
{
    private readonly LanguageServer _server;
    public ScaffoldDetectCommand(LanguageServer server) => _server = server;

    public string Id => "pydocker.scaffold.detect";

    public Task<JToken?> ExecuteAsync(JArray arguments, CancellationToken ct)
    {
        var folder = ServerCommands.FolderPath(_server, ServerCommands.FirstObject(arguments, Id), Id);
        var (inputs, source) = ScaffoldInputsBuilder.DetectWithSource(folder, _server.Workspace.FileSystem);
        ct.ThrowIfCancellationRequested();
        return Task.FromResult<JToken?>(ScaffoldJson.Detection(inputs, source, new Scaffolder().Recommend(inputs)));
    }
}

/// <summary>
/// <c>pydocker.scaffold</c> <c>[{ folder, pattern, options?, overwrite? }]</c> → a WorkspaceEdit that creates every generated file
/// with its whole text. Without <c>"overwrite": true</c> a request whose files already exist is refused (-32803, naming them):
/// an existing file is never replaced unless the request says so.
/// </summary>
public sealed class ScaffoldCommand : IServerCommand
{
    private readonly LanguageServer _server;
    public ScaffoldCommand(LanguageServer server) => _server = server;

    public string Id => "pydocker.scaffold";

    public Task<JToken?> ExecuteAsync(JArray arguments, CancellationToken ct)
    {
        var argument = ServerCommands.FirstObject(arguments, Id);
        var folder = ServerCommands.FolderPath(_server, argument, Id);
        var patternName = ServerCommands.String(argument, "pattern");
        var inputs = ScaffoldInputsBuilder.Detect(folder, _server.Workspace.FileSystem);
        PatternId pattern;
        if (patternName is null) pattern = new Scaffolder().Recommend(inputs).Recommended.Pattern.Id;
        else if (!ScaffoldPatterns.TryParse(patternName, out pattern))
            throw new JsonRpcException(ErrorCodes.InvalidParams, $"Unknown pattern \"{patternName}\"; the patterns are {string.Join(", ", ScaffoldPatterns.All.Select(p => p.Name))}.");
        bool overwrite = argument["overwrite"] is JValue { Type: JTokenType.Boolean } flag && (bool)flag;

        IReadOnlyList<GeneratedFile> files;
        try
        {
            inputs = ScaffoldJson.Overrides(argument["options"] as JObject).Apply(inputs);
            files = new Scaffolder().Generate(inputs, pattern, ServerCommands.Options(_server, folder));
        }
        catch (ArgumentException e)
        {
            throw new JsonRpcException(ErrorCodes.InvalidParams, e.Message);
        }
        catch (ScaffoldException e)
        {
            throw new JsonRpcException(ErrorCodes.RequestFailed, e.Message);
        }
        ct.ThrowIfCancellationRequested();

        var existing = files.Where(f => _server.Workspace.FileSystem.FileExists(PathUtil.Combine(folder, f.RelativePath))).Select(f => f.RelativePath).ToList();
        if (existing.Count > 0 && !overwrite)
            throw new JsonRpcException(ErrorCodes.RequestFailed,
                $"{string.Join(" and ", existing)} already exist{(existing.Count == 1 ? "s" : "")} in {folder}; send \"overwrite\": true to replace {(existing.Count == 1 ? "it" : "them")}.");
        return Task.FromResult<JToken?>(ScaffoldJson.CreateFilesEdit(ServerCommands.String(argument, "folder")!, files, overwrite));
    }
}

/// <summary>
/// The stage commands on a Dockerfile (<c>[{ textDocument: { uri, version? } }]</c>): the open buffer (or the file on disk) is
/// edited by <see cref="StageOperations"/> with the detection of its build context. The answer is a WorkspaceEdit for the
/// document's version; when the operation does not apply, the server says why with <c>window/showMessage</c> and answers null.
/// </summary>
public sealed class StageCommand : IServerCommand
{
    public const string AddDevStage = "pydocker.addDevStage";
    public const string ConvertToMultiStage = "pydocker.convertToMultiStage";
    public const string AddDistrolessStage = "pydocker.addDistrolessStage";

    private readonly LanguageServer _server;
    private readonly Func<string, ScaffoldInputs, StageOperationResult> _operation;

    public StageCommand(LanguageServer server, string id, Func<string, ScaffoldInputs, StageOperationResult> operation)
    {
        _server = server;
        Id = id;
        _operation = operation;
    }

    public string Id { get; }

    public Task<JToken?> ExecuteAsync(JArray arguments, CancellationToken ct)
    {
        var argument = ServerCommands.FirstObject(arguments, Id);
        var uri = (argument["textDocument"] as JObject) is { } document ? ServerCommands.String(document, "uri") : null;
        if (uri is null) throw new JsonRpcException(ErrorCodes.InvalidParams, $"{Id} needs \"textDocument\": {{ \"uri\" }} of a Dockerfile.");
        var requestedVersion = argument["textDocument"]?["version"] is JValue { Type: JTokenType.Integer } v ? (int?)(long)v : null;

        var open = _server.Workspace.GetDocument(uri);
        if (open != null && requestedVersion is { } version && version != open.Version)
            throw new JsonRpcException(ErrorCodes.ContentModified, $"The document changed (version {open.Version}, the request names {version}); run the command again.");
        var path = open?.Path ?? DocumentUri.ToPath(uri) ?? throw new JsonRpcException(ErrorCodes.InvalidParams, $"\"{uri}\" is not a URI.");
        var text = open?.Text.Text ?? _server.Workspace.FileSystem.ReadAllText(path)
            ?? throw new JsonRpcException(ErrorCodes.InvalidParams, $"{path} is neither open nor on disk.");

        var context = open != null ? _server.Workspace.BuildContextOf(open) : PathUtil.GetDirectory(path);
        var inputs = ScaffoldInputsBuilder.Detect(context, _server.Workspace.FileSystem);
        ct.ThrowIfCancellationRequested();
        StageOperationResult result;
        try
        {
            result = _operation(text, inputs);
        }
        catch (Exception e) when (e is ArgumentException or ScaffoldException)
        {
            throw new JsonRpcException(ErrorCodes.RequestFailed, e.Message);
        }
        if (!result.Applied)
        {
            _server.SendNotification("window/showMessage", new LogMessageParams { Type = MessageType.Info, Message = "PyDocker: " + result.Explanation });
            return Task.FromResult<JToken?>(null);
        }
        return Task.FromResult<JToken?>(ScaffoldJson.ReplaceEdit(uri, open?.Version, text, result.Text));
    }
}
