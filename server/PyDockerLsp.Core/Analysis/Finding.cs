using PyDockerLsp.Core.Text;

namespace PyDockerLsp.Core.Analysis;

/// <summary>How serious a finding is. The numbers match LSP's DiagnosticSeverity so the fronts map 1:1,
/// but nothing here depends on LSP.</summary>
public enum Severity { Error = 1, Warning = 2, Information = 3, Hint = 4 }

/// <summary>Extra meaning an editor can render (greyed-out or struck-through text).</summary>
public enum FindingTag { Unnecessary = 1, Deprecated = 2 }

/// <summary>Another place that explains a finding, e.g. the <c>requires-python</c> line in pyproject.toml.</summary>
public sealed record RelatedLocation(string Path, TextSpan Span, LineRange Range, string Message);

/// <summary>
/// One problem found in one document: the rule's code (<c>PD201</c>, or <c>PD0xx</c> for syntax),
/// the narrowest useful span, a message in plain words, and the fixes that apply.
/// <see cref="Range"/> is the span converted by the document's <see cref="LineMap"/>.
/// </summary>
public sealed record Finding(
    string Code,
    Severity Severity,
    string Path,
    TextSpan Span,
    LineRange Range,
    string Message)
{
    /// <summary>The rule's kebab-case name (e.g. <c>install-cache-not-mounted</c>); empty for syntax findings.</summary>
    public string RuleName { get; init; } = "";
    public IReadOnlyList<FindingTag> Tags { get; init; } = Array.Empty<FindingTag>();
    public IReadOnlyList<RelatedLocation> Related { get; init; } = Array.Empty<RelatedLocation>();
    public IReadOnlyList<Fix> Fixes { get; init; } = Array.Empty<Fix>();
    /// <summary>Where the rule's documentation lives (the docs page anchor).</summary>
    public string? DocumentationUrl { get; init; }
}
