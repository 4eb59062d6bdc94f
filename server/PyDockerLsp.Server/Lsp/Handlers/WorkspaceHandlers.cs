using PyDockerLsp.Server.Protocol;
using PyDockerLsp.Server.Workspaces;

namespace PyDockerLsp.Server.Lsp.Handlers;

public sealed class DidChangeConfigurationHandler : NotificationHandler<DidChangeConfigurationParams>
{
    private readonly LanguageServer _server;
    public DidChangeConfigurationHandler(LanguageServer server) => _server = server;

    public override string Method => "workspace/didChangeConfiguration";

    public override void Handle(DidChangeConfigurationParams parameters)
    {
        // With the pull model the notification is only a signal; otherwise it carries the settings.
        if (_server.Client.WorkspaceConfiguration)
            Configuration.PullAsync(_server).Forget(_server.Log, "Reading the pydocker settings");
        else if (parameters.Settings is Newtonsoft.Json.Linq.JObject all)
            Configuration.Apply(_server, PyDockerSettings.FromJson(all[Configuration.Section]));
    }
}

public sealed class DidChangeWorkspaceFoldersHandler : NotificationHandler<DidChangeWorkspaceFoldersParams>
{
    private readonly LanguageServer _server;
    public DidChangeWorkspaceFoldersHandler(LanguageServer server) => _server = server;

    public override string Method => "workspace/didChangeWorkspaceFolders";

    public override void Advertise(ServerCapabilities capabilities, ClientCapabilities client) =>
        (capabilities.Workspace ??= new WorkspaceServerCapabilities()).WorkspaceFolders =
            new WorkspaceFoldersServerCapabilities { Supported = true, ChangeNotifications = true };

    public override void Handle(DidChangeWorkspaceFoldersParams parameters) =>
        _server.Workspace.UpdateFolders(ToInfo(parameters.Event.Added), ToInfo(parameters.Event.Removed));

    private static IEnumerable<WorkspaceFolderInfo> ToInfo(IEnumerable<WorkspaceFolder> folders)
    {
        foreach (var folder in folders)
        {
            if (DocumentUri.ToPath(folder.Uri) is { } path) yield return new WorkspaceFolderInfo(folder.Uri, path, folder.Name);
        }
    }
}

/// <summary>A manifest, lock file or .dockerignore changed on disk (edited, created or deleted): re-check the open
/// Dockerfiles whose build context holds it and the open manifests that may include it. Files open in the editor
/// are skipped: their buffer, not the disk, is what counts.</summary>
public sealed class DidChangeWatchedFilesHandler : NotificationHandler<DidChangeWatchedFilesParams>
{
    private readonly LanguageServer _server;
    public DidChangeWatchedFilesHandler(LanguageServer server) => _server = server;

    public override string Method => "workspace/didChangeWatchedFiles";

    public override void Handle(DidChangeWatchedFilesParams parameters)
    {
        // The scheduler coalesces repeated requests for one document, so several changes cost one analysis each.
        foreach (var change in parameters.Changes)
        {
            var path = DocumentUri.ToPath(change.Uri);
            if (path is null || _server.Workspace.FileSystem.HasBuffer(path)) continue;
            _server.Diagnostics.ScheduleAffectedBy(path);
            _server.Diagnostics.ScheduleManifestsNear(path);
        }
    }
}
