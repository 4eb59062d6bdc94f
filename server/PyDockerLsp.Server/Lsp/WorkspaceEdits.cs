using Newtonsoft.Json.Linq;
using PyDockerLsp.Core.Features.CodeActions;
using PyDockerLsp.Server.Protocol;
using PyDockerLsp.Server.Workspaces;

namespace PyDockerLsp.Server.Lsp;

/// <summary>
/// Turns the core's per-file edits into a WorkspaceEdit the client can apply: <c>documentChanges</c> with versioned
/// text edits (and <c>CreateFile</c> operations for new files) when the client supports them, else the plain
/// <c>changes</c> map. An edit that creates a file needs <c>workspace.workspaceEdit.resourceOperations</c> to contain
/// <c>create</c>; without it the edit cannot be expressed and <see cref="TryBuild"/> returns null.
/// </summary>
public static class WorkspaceEdits
{
    public static bool SupportsDocumentChanges(ClientCapabilities client) => client.Has("workspace.workspaceEdit.documentChanges");

    public static bool SupportsCreate(ClientCapabilities client) =>
        SupportsDocumentChanges(client)
        && client.Get("workspace.workspaceEdit.resourceOperations") is JArray operations
        && operations.Any(o => (string?)o == "create");

    /// <param name="analysed">The document whose analysis produced the edits: its edits carry the analysed version.</param>
    public static WorkspaceEdit? TryBuild(IReadOnlyList<DocumentEdit> edits, ClientCapabilities client, Workspace workspace, DocumentSnapshot analysed)
    {
        bool creates = edits.Any(e => e.CreateFile);
        if (creates && !SupportsCreate(client)) return null;
        if (!SupportsDocumentChanges(client))
        {
            var changes = new Dictionary<string, List<TextEdit>>(StringComparer.Ordinal);
            foreach (var file in edits)
            {
                var uri = UriOf(file.Path, workspace, analysed);
                if (!changes.TryGetValue(uri, out var list)) changes.Add(uri, list = new List<TextEdit>());
                list.AddRange(ToTextEdits(file));
            }
            return new WorkspaceEdit { Changes = changes };
        }

        var documentChanges = new List<object>();
        foreach (var file in edits)
        {
            var uri = UriOf(file.Path, workspace, analysed);
            int? version = null;
            if (file.CreateFile)
            {
                documentChanges.Add(new CreateFile
                {
                    Uri = uri,
                    Options = file.Overwrite ? new CreateFileOptions { Overwrite = true } : null,
                });
            }
            else
            {
                // The version the edits were computed for: a client holding a newer one refuses them.
                version = string.Equals(file.Path, analysed.Path, StringComparison.Ordinal) ? analysed.Version : workspace.GetDocument(uri)?.Version;
            }
            documentChanges.Add(new TextDocumentEdit
            {
                TextDocument = new OptionalVersionedTextDocumentIdentifier { Uri = uri, Version = version },
                Edits = ToTextEdits(file),
            });
        }
        return new WorkspaceEdit { DocumentChanges = documentChanges };
    }

    private static List<TextEdit> ToTextEdits(DocumentEdit file) =>
        file.Edits.Select(e => new TextEdit { Range = DiagnosticConverter.ToRange(e.Range), NewText = e.NewText }).ToList();

    /// <summary>The URI the editor uses for a path: that of the open document when there is one (an editor may spell a
    /// file URI differently from ours), else the path's own file URI.</summary>
    private static string UriOf(string path, Workspace workspace, DocumentSnapshot analysed)
    {
        if (string.Equals(path, analysed.Path, StringComparison.Ordinal)) return analysed.Uri;
        foreach (var document in workspace.OpenDocuments)
            if (string.Equals(document.Path, path, StringComparison.Ordinal)) return document.Uri;
        return DocumentUri.FromPath(path);
    }
}
