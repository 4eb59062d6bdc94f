using PyDockerLsp.Core.Analysis;
using PyDockerLsp.Core.Features.Symbols;
using PyDockerLsp.Core.Syntax.Dockerfile;
using PyDockerLsp.Server.Protocol;

namespace PyDockerLsp.Server.Lsp.Handlers;

/// <summary>
/// <c>textDocument/documentSymbol</c>: the outline of a Dockerfile (see <see cref="DocumentSymbolService"/>) —
/// stages with their instructions as a tree, or a flat list with container names for clients without
/// hierarchical symbols.
/// </summary>
public sealed class DocumentSymbolHandler : RequestHandler<DocumentSymbolParams, object?>
{
    private readonly LanguageServer _server;
    public DocumentSymbolHandler(LanguageServer server) => _server = server;

    public override string Method => "textDocument/documentSymbol";

    public override void Advertise(ServerCapabilities capabilities, ClientCapabilities client) =>
        capabilities.Other["documentSymbolProvider"] = true;

    public override Task<object?> HandleAsync(DocumentSymbolParams parameters, CancellationToken ct)
    {
        var document = _server.Workspace.GetDocument(parameters.TextDocument.Uri);
        if (document is null || document.Kind != DocumentKind.Dockerfile) return Task.FromResult<object?>(null);
        // The outline needs only the syntax: the kept parse of this text, or a fresh parse (no rules run for it).
        var syntax = _server.Diagnostics.Analyses.TryGetCurrent(document)?.Model.Syntax ?? DockerfileParser.Parse(document.Text);
        var symbols = DocumentSymbolService.GetSymbols(syntax);
        if (_server.Client.Has("textDocument.documentSymbol.hierarchicalDocumentSymbolSupport"))
            return Task.FromResult<object?>(symbols.Select(ToDocumentSymbol).ToList());
        var flat = new List<SymbolInformation>();
        foreach (var symbol in symbols) Flatten(symbol, null, document.Uri, flat);
        return Task.FromResult<object?>(flat);
    }

    private static DocumentSymbol ToDocumentSymbol(DocumentSymbolNode node) => new()
    {
        Name = node.Name,
        Detail = node.Detail,
        Kind = (int)node.Kind,
        Range = DiagnosticConverter.ToRange(node.Range),
        SelectionRange = DiagnosticConverter.ToRange(node.SelectionRange),
        Children = node.Children.Count == 0 ? null : node.Children.Select(ToDocumentSymbol).ToList(),
    };

    private static void Flatten(DocumentSymbolNode node, string? container, string uri, List<SymbolInformation> into)
    {
        into.Add(new SymbolInformation
        {
            Name = node.Name,
            Kind = (int)node.Kind,
            Location = new Location { Uri = uri, Range = DiagnosticConverter.ToRange(node.Range) },
            ContainerName = container,
        });
        foreach (var child in node.Children) Flatten(child, node.Name, uri, into);
    }
}
