using PyDockerLsp.Core.Analysis;
using PyDockerLsp.Core.IO;
using PyDockerLsp.Core.Text;
using PyDockerLsp.Server.Protocol;
using PyDockerLsp.Server.Workspaces;
using Range = PyDockerLsp.Server.Protocol.Range;

namespace PyDockerLsp.Server.Lsp;

/// <summary>Translates the core's findings into LSP diagnostics; nothing else is decided here.</summary>
public static class DiagnosticConverter
{
    public const string Source = "pydocker";

    /// <summary>The diagnostics of the document at <paramref name="documentPath"/>. Findings located in other files
    /// belong to those files' documents and are left out here.</summary>
    public static List<Diagnostic> ToDiagnostics(IReadOnlyList<Finding> findings, string documentPath)
    {
        var diagnostics = new List<Diagnostic>(findings.Count);
        foreach (var finding in findings)
        {
            if (!string.Equals(PathUtil.Normalize(finding.Path), documentPath, StringComparison.Ordinal)) continue;
            diagnostics.Add(ToDiagnostic(finding));
        }
        return diagnostics;
    }

    public static Diagnostic ToDiagnostic(Finding finding) => new()
    {
        Range = ToRange(finding.Range),
        Severity = (DiagnosticSeverity)(int)finding.Severity,
        Code = finding.Code,
        CodeDescription = finding.DocumentationUrl is { Length: > 0 } url ? new CodeDescription { Href = url } : null,
        Source = Source,
        Message = finding.Message,
        Tags = finding.Tags.Count == 0 ? null : finding.Tags.Select(t => (DiagnosticTag)(int)t).ToList(),
        RelatedInformation = finding.Related.Count == 0 ? null : finding.Related.Select(r => new DiagnosticRelatedInformation
        {
            Location = new Location { Uri = DocumentUri.FromPath(r.Path), Range = ToRange(r.Range) },
            Message = r.Message,
        }).ToList(),
    };

    public static Range ToRange(LineRange range) =>
        new(new Position(range.Start.Line, range.Start.Character), new Position(range.End.Line, range.End.Character));

    public static LineRange ToLineRange(Range range) =>
        new(new LinePosition(range.Start.Line, range.Start.Character), new LinePosition(range.End.Line, range.End.Character));
}
