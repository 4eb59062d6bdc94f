using PyDockerLsp.Core.Analysis;
using PyDockerLsp.Server.Protocol;
using PyDockerLsp.Server.Workspaces;

namespace PyDockerLsp.Server.Lsp.Handlers;

public sealed class DidOpenHandler : NotificationHandler<DidOpenTextDocumentParams>
{
    private readonly LanguageServer _server;
    public DidOpenHandler(LanguageServer server) => _server = server;

    public override string Method => "textDocument/didOpen";

    public override void Advertise(ServerCapabilities capabilities, ClientCapabilities client) =>
        (capabilities.TextDocumentSync ??= new TextDocumentSyncOptions()).OpenClose = true;

    public override void Handle(DidOpenTextDocumentParams parameters)
    {
        var item = parameters.TextDocument;
        DocumentSnapshot document;
        try
        {
            document = _server.Workspace.Open(item.Uri, item.LanguageId, item.Version, item.Text);
        }
        catch (ArgumentException e)
        {
            throw new JsonRpcException(ErrorCodes.InvalidParams, e.Message);
        }
        _server.Diagnostics.Schedule(document.Uri);
        _server.Diagnostics.ScheduleAffectedBy(document.Path);
    }
}

public sealed class DidChangeHandler : NotificationHandler<DidChangeTextDocumentParams>
{
    private readonly LanguageServer _server;
    public DidChangeHandler(LanguageServer server) => _server = server;

    public override string Method => "textDocument/didChange";

    public override void Advertise(ServerCapabilities capabilities, ClientCapabilities client) =>
        (capabilities.TextDocumentSync ??= new TextDocumentSyncOptions()).Change = TextDocumentSyncKind.Incremental;

    public override void Handle(DidChangeTextDocumentParams parameters)
    {
        var changes = parameters.ContentChanges
            .Select(c => new DocumentChange(c.Range is null ? null : DiagnosticConverter.ToLineRange(c.Range), c.Text))
            .ToList();
        var document = _server.Workspace.Change(parameters.TextDocument.Uri, parameters.TextDocument.Version, changes);
        if (document is null)
        {
            _server.Log.Warning($"didChange for {parameters.TextDocument.Uri}, which is not open; ignored.");
            return;
        }
        _server.Diagnostics.Schedule(document.Uri);
        _server.Diagnostics.ScheduleAffectedBy(document.Path);
    }
}

public sealed class DidCloseHandler : NotificationHandler<DidCloseTextDocumentParams>
{
    private readonly LanguageServer _server;
    public DidCloseHandler(LanguageServer server) => _server = server;

    public override string Method => "textDocument/didClose";

    public override void Handle(DidCloseTextDocumentParams parameters)
    {
        var closed = _server.Workspace.Close(parameters.TextDocument.Uri);
        _server.Diagnostics.Clear(parameters.TextDocument.Uri);
        // The disk's version of the file counts again for the Dockerfiles around it.
        if (closed is not null) _server.Diagnostics.ScheduleAffectedBy(closed.Path);
    }
}

/// <summary>A saved manifest may differ from what other tools see on disk; re-check the Dockerfiles that use it.</summary>
public sealed class DidSaveHandler : NotificationHandler<DidSaveTextDocumentParams>
{
    private readonly LanguageServer _server;
    public DidSaveHandler(LanguageServer server) => _server = server;

    public override string Method => "textDocument/didSave";

    public override void Advertise(ServerCapabilities capabilities, ClientCapabilities client) =>
        (capabilities.TextDocumentSync ??= new TextDocumentSyncOptions()).Save = new SaveOptions { IncludeText = false };

    public override void Handle(DidSaveTextDocumentParams parameters)
    {
        var document = _server.Workspace.GetDocument(parameters.TextDocument.Uri);
        if (document is null || document.Kind == DocumentKind.Dockerfile) return;
        _server.Diagnostics.ScheduleAffectedBy(document.Path);
    }
}
