using System.Collections.Concurrent;
using PyDockerLsp.Core.Analysis;
using PyDockerLsp.Core.IO;
using PyDockerLsp.Server.Workspaces;
using static PyDockerLsp.Core.Analysis.DocumentAnalyzer;

namespace PyDockerLsp.Server.Lsp;

/// <summary>
/// The latest analysis of each open Dockerfile (its parse, project model and findings), so that hover, code actions,
/// completion and symbols answer from the parse the diagnostics came from instead of running the rules again.
/// The diagnostics scheduler owns it and analyses through <see cref="Analyze"/>, which keeps the result; a request finds it with
/// <see cref="Get"/>, which analyses the current text itself only when the newest analysis is of another text.
/// An entry belongs to one exact text (the snapshot's <c>SourceText</c>), so an answer never mixes two versions.
/// </summary>
public sealed class AnalysisCache
{
    private readonly Workspace _workspace;
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private long _tickets;

    public AnalysisCache(Workspace workspace) => _workspace = workspace;

    /// <summary>The client capability that says related information may be sent with diagnostics.</summary>
    public const string RelatedInformationCapability = "textDocument.publishDiagnostics.relatedInformation";

    /// <summary>Whether the findings <see cref="Analyze"/> returns for publishing keep their related locations: only
    /// clients that declare <see cref="RelatedInformationCapability"/> get them. The kept analysis always has them.</summary>
    public bool IncludeRelatedInformation { get; set; } = true;

    /// <summary>An analysis, and when it started (a later start wins: it saw newer settings and files).</summary>
    private sealed record Entry(long Ticket, DockerfileAnalysis Analysis);

    /// <summary>The analysis function of the diagnostics scheduler: analyses, keeps a Dockerfile's result, returns the findings.</summary>
    public IReadOnlyList<Finding> Analyze(DocumentSnapshot document, IFileSystem fs, AnalysisOptions options, CancellationToken ct)
    {
        if (document.Kind != DocumentKind.Dockerfile) return DocumentAnalyzer.Analyze(document.Path, fs, options, ct);
        long ticket = Interlocked.Increment(ref _tickets);
        var analysis = AnalyzeDockerfile(document.Path, document.Text, fs, options, ct);
        Store(document.Uri, new Entry(ticket, analysis));
        return IncludeRelatedInformation ? analysis.Findings : WithoutRelated(analysis.Findings);
    }

    /// <summary>The findings without their related locations (the same list when none has any).</summary>
    public static IReadOnlyList<Finding> WithoutRelated(IReadOnlyList<Finding> findings)
    {
        bool any = false;
        foreach (var finding in findings) any |= finding.Related.Count > 0;
        if (!any) return findings;
        var result = new List<Finding>(findings.Count);
        foreach (var finding in findings)
            result.Add(finding.Related.Count == 0 ? finding : finding with { Related = Array.Empty<RelatedLocation>() });
        return result;
    }

    /// <summary>The analysis of exactly the text of <paramref name="document"/> when one is kept, else null.</summary>
    public DockerfileAnalysis? TryGetCurrent(DocumentSnapshot document) =>
        _entries.TryGetValue(document.Uri, out var entry) && ReferenceEquals(entry.Analysis.Model.Source, document.Text) ? entry.Analysis : null;

    /// <summary>
    /// The analysis of <paramref name="document"/>'s text: the kept one, or a new one (kept too) when the kept one is of
    /// an older text or there is none yet. Null for documents that are not Dockerfiles. With diagnostics switched off
    /// in the settings there are no findings, only the syntax.
    /// </summary>
    public DockerfileAnalysis? Get(DocumentSnapshot document, CancellationToken ct)
    {
        if (document.Kind != DocumentKind.Dockerfile) return null;
        var analysis = TryGetCurrent(document);
        if (analysis is null)
        {
            long ticket = Interlocked.Increment(ref _tickets);
            analysis = AnalyzeDockerfile(document.Path, document.Text, _workspace.FileSystem, _workspace.AnalysisOptionsFor(document), ct);
            Store(document.Uri, new Entry(ticket, analysis));
        }
        return _workspace.Settings.Enable ? analysis : analysis with { Findings = Array.Empty<Finding>() };
    }

    private void Store(string uri, Entry entry)
    {
        _entries.AddOrUpdate(uri, entry, (_, kept) => entry.Ticket > kept.Ticket ? entry : kept);
        // Forget documents that were closed meanwhile (few are open, so this scan is cheap).
        foreach (var key in _entries.Keys)
            if (_workspace.GetDocument(key) is null) _entries.TryRemove(key, out _);
    }
}
