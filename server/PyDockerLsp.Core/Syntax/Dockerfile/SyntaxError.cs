using PyDockerLsp.Core.Analysis;
using PyDockerLsp.Core.Text;

namespace PyDockerLsp.Core.Syntax.Dockerfile;

/// <summary>One syntax finding: its PD0xx code (see <see cref="DockerfileSyntaxCodes"/>), severity, the narrowest
/// span that shows the problem, and a message in plain words.</summary>
public sealed class SyntaxError
{
    internal SyntaxError(SyntaxCode descriptor, TextSpan span, string message, BuildKitLayer? rejectedBy = null)
    {
        Descriptor = descriptor;
        Span = span;
        Message = message;
        RejectedBy = rejectedBy ?? descriptor.RejectedBy;
    }

    public SyntaxCode Descriptor { get; }
    public string Code => Descriptor.Code;
    public Severity Severity => Descriptor.Severity;

    /// <summary>Which part of BuildKit refuses the file because of this error (usually the code's layer; e.g. a
    /// file with no instructions at all is refused by the parser, one without FROM only when building).</summary>
    public BuildKitLayer RejectedBy { get; }
    public TextSpan Span { get; }
    public string Message { get; }

    /// <summary>The finding the analysis layer reports for this error in the document at <paramref name="path"/>.</summary>
    public Finding ToFinding(string path, SourceText source) =>
        new(Code, Severity, path, Span, source.GetRange(Span), Message) { RuleName = Descriptor.Name, DocumentationUrl = Descriptor.DocsUrl };

    public override string ToString() => $"{Code} {Span}: {Message}";
}
