using PyDockerLsp.Server.Protocol;

namespace PyDockerLsp.Server.Lsp;

/// <summary>
/// Shapes published diagnostics to what the client declared it understands. Related information (another file or
/// place that explains a finding) is sent only to clients with <c>textDocument.publishDiagnostics.relatedInformation</c>;
/// the code, its documentation link and the tags go to every client (unknown members are ignored by design).
/// </summary>
public static class DiagnosticsForClient
{
    public const string RelatedInformationCapability = "textDocument.publishDiagnostics.relatedInformation";

    public static PublishDiagnosticsParams Adapt(PublishDiagnosticsParams published, ClientCapabilities client)
    {
        if (client.Has(RelatedInformationCapability)) return published;
        bool anyRelated = false;
        foreach (var diagnostic in published.Diagnostics) anyRelated |= diagnostic.RelatedInformation is not null;
        if (!anyRelated) return published;

        var diagnostics = new List<Diagnostic>(published.Diagnostics.Count);
        foreach (var d in published.Diagnostics)
        {
            diagnostics.Add(d.RelatedInformation is null ? d : new Diagnostic
            {
                Range = d.Range,
                Severity = d.Severity,
                Code = d.Code,
                CodeDescription = d.CodeDescription,
                Source = d.Source,
                Message = d.Message,
                Tags = d.Tags,
            });
        }
        return new PublishDiagnosticsParams { Uri = published.Uri, Version = published.Version, Diagnostics = diagnostics };
    }
}
