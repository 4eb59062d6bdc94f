using Newtonsoft.Json.Linq;
using PyDockerLsp.Core.Features.Hovers;
using PyDockerLsp.Core.Text;
using PyDockerLsp.Server.Protocol;

namespace PyDockerLsp.Server.Lsp.Handlers;

/// <summary><c>textDocument/hover</c>: the rule explanation on a diagnostic, the documentation of the instruction,
/// flag, image or variable under the pointer (see <see cref="HoverService"/>), from the latest analysis.</summary>
public sealed class HoverHandler : RequestHandler<TextDocumentPositionParams, Hover?>
{
    private readonly LanguageServer _server;
    public HoverHandler(LanguageServer server) => _server = server;

    public override string Method => "textDocument/hover";

    public override void Advertise(ServerCapabilities capabilities, ClientCapabilities client) =>
        capabilities.Other["hoverProvider"] = true;

    public override Task<Hover?> HandleAsync(TextDocumentPositionParams parameters, CancellationToken ct)
    {
        var document = _server.Workspace.GetDocument(parameters.TextDocument.Uri);
        if (document is null || _server.Diagnostics.Analyses.Get(document, ct) is not { } analysis) return Task.FromResult<Hover?>(null);
        int offset = document.Text.GetOffset(new LinePosition(parameters.Position.Line, parameters.Position.Character));
        if (HoverService.GetHover(analysis, offset) is not { } hover) return Task.FromResult<Hover?>(null);
        return Task.FromResult<Hover?>(new Hover
        {
            Contents = new MarkupContent { Kind = ContentFormat(_server.Client), Value = hover.Markdown },
            Range = DiagnosticConverter.ToRange(hover.Range),
        });
    }

    /// <summary>Markdown unless the client lists only plain text (then the Markdown source is still readable).</summary>
    private static string ContentFormat(ClientCapabilities client) =>
        client.Get("textDocument.hover.contentFormat") is JArray formats && formats.Count > 0
        && !formats.Any(f => (string?)f == MarkupContent.Markdown)
            ? MarkupContent.PlainText
            : MarkupContent.Markdown;
}
