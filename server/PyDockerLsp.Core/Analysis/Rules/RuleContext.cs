using PyDockerLsp.Core.Syntax.Dockerfile;
using PyDockerLsp.Core.Text;

namespace PyDockerLsp.Core.Analysis.Rules;

/// <summary>What a rule sees while it runs: the model, and the ways to report findings and build fixes.</summary>
public sealed class RuleContext
{
    private readonly List<Finding> _sink;

    internal RuleContext(ProjectModel model, RuleDescriptor rule, List<Finding> sink, CancellationToken cancellation)
    {
        Model = model;
        Rule = rule;
        _sink = sink;
        Cancellation = cancellation;
    }

    public ProjectModel Model { get; }
    public RuleDescriptor Rule { get; }
    public CancellationToken Cancellation { get; }

    public DockerfileSyntax Syntax => Model.Syntax;
    public SourceText Source => Model.Source;
    public string DockerfilePath => Model.DockerfilePath;

    /// <summary>Reports a finding in the Dockerfile.</summary>
    public void Report(TextSpan span, string message, params Fix[] fixes) =>
        Report(span, message, fixes, related: null);

    /// <summary>Reports a finding in the Dockerfile with related locations (another file that explains it).</summary>
    public void Report(TextSpan span, string message, IEnumerable<Fix>? fixes, IEnumerable<RelatedLocation>? related) =>
        ReportIn(DockerfilePath, Source, span, message, fixes, related);

    /// <summary>Reports a finding in another file of the project (a requirements line, a pyproject key, a .dockerignore pattern).</summary>
    public void ReportIn(string path, SourceText text, TextSpan span, string message, IEnumerable<Fix>? fixes = null, IEnumerable<RelatedLocation>? related = null) =>
        _sink.Add(NewFinding(Rule, path, text, span, message, fixes, related));

    /// <summary>The finding of <paramref name="rule"/> at a span of a file: the one way every rule context builds one.</summary>
    internal static Finding NewFinding(RuleDescriptor rule, string path, SourceText text, TextSpan span, string message,
        IEnumerable<Fix>? fixes, IEnumerable<RelatedLocation>? related) =>
        new(rule.Id, rule.DefaultSeverity ?? Severity.Information, path, span, text.GetRange(span), message)
        {
            RuleName = rule.Name,
            Tags = rule.Tags,
            DocumentationUrl = rule.DocsUrl,
            Fixes = fixes?.ToList() ?? (IReadOnlyList<Fix>)Array.Empty<Fix>(),
            Related = related?.ToList() ?? (IReadOnlyList<RelatedLocation>)Array.Empty<RelatedLocation>(),
        };

    /// <summary>A related location in any file of the project.</summary>
    public static RelatedLocation Related(string path, SourceText text, TextSpan span, string message) =>
        new(path, span, text.GetRange(span), message);

    /// <summary>A fix made of edits to the Dockerfile.</summary>
    public Fix DockerfileFix(string title, FixSafety safety, params TextEdit[] edits) =>
        new(title, safety, new[] { new FileEdit(DockerfilePath, edits) });

    /// <summary>A preferred (first-offered) fix made of edits to the Dockerfile.</summary>
    public Fix PreferredDockerfileFix(string title, FixSafety safety, params TextEdit[] edits) =>
        DockerfileFix(title, safety, edits) with { IsPreferred = true };
}
