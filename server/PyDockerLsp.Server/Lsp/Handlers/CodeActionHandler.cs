using Newtonsoft.Json.Linq;
using PyDockerLsp.Core.Analysis;
using PyDockerLsp.Core.Features.CodeActions;
using PyDockerLsp.Core.Text;
using PyDockerLsp.Server.Protocol;

namespace PyDockerLsp.Server.Lsp.Handlers;

/// <summary>
/// <c>textDocument/codeAction</c>: the quick fixes of the diagnostics at the range (attached to those diagnostics,
/// preferred first, "Ignore PDxxx" last), the refactorings there, and — when asked for by kind — fix-all
/// (<c>source.fixAll.pydocker</c>). See <see cref="CodeActionService"/>. An action that creates a file is left out
/// for clients that cannot create files through a workspace edit.
/// </summary>
public sealed class CodeActionHandler : RequestHandler<CodeActionParams, List<CodeAction>?>
{
    private readonly LanguageServer _server;
    public CodeActionHandler(LanguageServer server) => _server = server;

    public override string Method => "textDocument/codeAction";

    public override void Advertise(ServerCapabilities capabilities, ClientCapabilities client) =>
        // Built by hand: JObject.FromObject's reflection costs tens of milliseconds on the way to the first answer.
        capabilities.Other["codeActionProvider"] = new JObject
        {
            ["codeActionKinds"] = new JArray(CodeActionKinds.All),
            ["resolveProvider"] = false,
        };

    public override Task<List<CodeAction>?> HandleAsync(CodeActionParams parameters, CancellationToken ct)
    {
        var document = _server.Workspace.GetDocument(parameters.TextDocument.Uri);
        if (document is null) return Task.FromResult<List<CodeAction>?>(null);
        var analysis = document.Kind == DocumentKind.Dockerfile ? _server.Diagnostics.Analyses.Get(document, ct) : null;
        var published = analysis is null ? _server.Diagnostics.GetPublished(document.Uri) : null;
        // A manifest's quick fixes come from what was published on it (its own findings and the Dockerfiles').
        if (analysis is null && (published is null || published.Version != document.Version)) return Task.FromResult<List<CodeAction>?>(null);

        var text = document.Text;
        int start = text.GetOffset(new LinePosition(parameters.Range.Start.Line, parameters.Range.Start.Character));
        int end = text.GetOffset(new LinePosition(parameters.Range.End.Line, parameters.Range.End.Character));
        var range = TextSpan.FromBounds(Math.Min(start, end), Math.Max(start, end));
        var sent = parameters.Context?.Diagnostics ?? new List<JObject>();
        var references = new List<DiagnosticReference>(sent.Count);
        foreach (var diagnostic in sent)
            if (ReadReference(diagnostic) is { } reference) references.Add(reference);

        var items = analysis is not null
            ? CodeActionService.GetCodeActions(analysis, range, parameters.Context?.Only, references, ct)
            : CodeActionKinds.IsRequested(CodeActionKinds.QuickFix, parameters.Context?.Only)
                ? CodeActionService.ManifestQuickFixes(document.Path, document.Text, published!.Findings, _server.Workspace.FileSystem, range, references)
                : Array.Empty<CodeActionItem>();
        var actions = new List<CodeAction>(items.Count);
        foreach (var item in items)
        {
            ct.ThrowIfCancellationRequested();
            var edit = WorkspaceEdits.TryBuild(item.Edits, _server.Client, _server.Workspace, document);
            if (edit is null) continue;
            actions.Add(new CodeAction
            {
                Title = item.Title,
                Kind = item.Kind,
                Diagnostics = item.Findings.Count == 0 ? null : item.Findings.Select(f => AttachedDiagnostic(f, sent)).ToList(),
                IsPreferred = item.IsPreferred ? true : null,
                Edit = edit,
            });
        }
        return Task.FromResult<List<CodeAction>?>(actions);
    }

    /// <summary>The diagnostic as the editor sent it when it is there (so the editor recognises it), else as published.</summary>
    private static object AttachedDiagnostic(Finding finding, List<JObject> sent)
    {
        foreach (var diagnostic in sent)
            if (ReadReference(diagnostic) is { } reference && reference.Range == finding.Range
                && string.Equals(reference.Code, finding.Code, StringComparison.OrdinalIgnoreCase))
                return diagnostic;
        return DiagnosticConverter.ToDiagnostic(finding);
    }

    /// <summary>The code and range of a diagnostic sent back by the editor; null when it has neither (not ours).</summary>
    private static DiagnosticReference? ReadReference(JObject diagnostic)
    {
        var code = diagnostic["code"];
        if (code is null || code.Type is not (JTokenType.String or JTokenType.Integer)) return null;
        if (diagnostic["range"] is not JObject range || ReadPosition(range["start"]) is not { } start || ReadPosition(range["end"]) is not { } end)
            return null;
        return new DiagnosticReference(code.ToString(), new LineRange(start, end));
    }

    private static LinePosition? ReadPosition(JToken? position) =>
        position is JObject p && p["line"] is JValue { Type: JTokenType.Integer } line && p["character"] is JValue { Type: JTokenType.Integer } character
            ? new LinePosition((int)line, (int)character)
            : null;
}
