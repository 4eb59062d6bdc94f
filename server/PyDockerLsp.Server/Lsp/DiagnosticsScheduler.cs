using System.Collections.Concurrent;
using System.Threading.Channels;
using PyDockerLsp.Core.Analysis;
using PyDockerLsp.Core.IO;
using PyDockerLsp.Server.Protocol;
using PyDockerLsp.Server.Workspaces;

namespace PyDockerLsp.Server.Lsp;

/// <summary>The findings behind one publishDiagnostics: the document version and what the analysis found.</summary>
public sealed record PublishedFindings(int Version, IReadOnlyList<Finding> Findings);

/// <summary>
/// Re-analyses open documents off the reader thread and publishes their diagnostics.
/// Every <see cref="Schedule"/> of a document bumps its generation and cancels the run in progress; a result is
/// published only when its generation is still the newest and the document is still open at the analysed version,
/// so a slow run never overwrites a newer one. Results carry the document version.
/// <para>
/// A Dockerfile's analysis also reports on other files (the requirements lines it installs, a .dockerignore
/// pattern). Those findings are kept per Dockerfile as its contributions and published on their file merged with
/// that file's own findings (when it is open) and the other Dockerfiles' contributions; a file that is not open gets
/// the contributions alone, and an empty publish once the last one goes. When a file changes, the contributions to it
/// are dropped until the Dockerfiles that made them (rescheduled by <see cref="ScheduleAffectedBy"/>) report again,
/// so no finding is shown at a position of an older text.
/// </para>
/// </summary>
public sealed class DiagnosticsScheduler
{
    private readonly Workspace _workspace;
    private readonly Action<PublishDiagnosticsParams> _publish;
    private readonly ILog _log;
    private readonly Func<DocumentSnapshot, IFileSystem, AnalysisOptions, CancellationToken, IReadOnlyList<Finding>> _analyze;
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly Channel<string> _queue = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleWriter = false, SingleReader = false });
    private readonly int _workerCount;
    private int _started;

    // Cross-file findings, guarded by _merge: Dockerfile URI → (target path → findings), the last own findings of
    // each open non-Dockerfile document (with the version they are for), and the closed files published to.
    private readonly object _merge = new();
    private readonly Dictionary<string, Dictionary<string, List<Finding>>> _contributions = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (int Version, List<Finding> Findings)> _own = new(StringComparer.Ordinal);
    private readonly HashSet<string> _publishedClosed = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, PublishedFindings> _published = new(StringComparer.Ordinal);

    public DiagnosticsScheduler(
        Workspace workspace,
        Action<PublishDiagnosticsParams> publish,
        ILog log,
        Func<DocumentSnapshot, IFileSystem, AnalysisOptions, CancellationToken, IReadOnlyList<Finding>>? analyze = null,
        int workers = 0)
    {
        _workspace = workspace;
        _publish = publish;
        _log = log;
        Analyses = new AnalysisCache(workspace);
        _analyze = analyze ?? Analyses.Analyze;
        _workerCount = workers > 0 ? workers : Math.Clamp(Environment.ProcessorCount, 1, 4);
    }

    /// <summary>The latest analysis of each open Dockerfile, kept by the analyses this scheduler runs, so that hover,
    /// code actions, completion and symbols answer from the parse the diagnostics came from.</summary>
    public AnalysisCache Analyses { get; }

    /// <summary>Raised after each publish (tests and tracing).</summary>
    public event Action<PublishDiagnosticsParams>? Published;

    /// <summary>(Re-)analyses the open document <paramref name="uri"/>; a run in progress for it is cancelled.</summary>
    public void Schedule(string uri)
    {
        StartWorkers();
        var entry = _entries.GetOrAdd(uri, _ => new Entry());
        lock (entry)
        {
            entry.Generation++;
            entry.Running?.Cancel();
            if (entry.Queued) return;
            entry.Queued = true;
        }
        _queue.Writer.TryWrite(uri);
    }

    /// <summary>Re-analyses every open document (the settings changed).</summary>
    public void ScheduleAll()
    {
        foreach (var document in _workspace.OpenDocuments) Schedule(document.Uri);
    }

    /// <summary>Re-analyses the open Dockerfiles that the change of <paramref name="path"/> may affect; the findings
    /// they made on that file are dropped until they report again (their positions may belong to the old text).</summary>
    public void ScheduleAffectedBy(string path)
    {
        var affected = _workspace.DocumentsAffectedBy(path);
        var changed = PathUtil.Normalize(path);
        List<string>? toSchedule = null;
        lock (_merge)
        {
            bool dropped = false;
            foreach (var document in affected)
                if (_contributions.TryGetValue(document.Uri, out var byTarget) && byTarget.Remove(changed)) dropped = true;
            if (dropped) toSchedule = PublishMergedLocked(changed);
        }
        foreach (var document in affected) Schedule(document.Uri);
        if (toSchedule is not null) foreach (var uri in toSchedule) Schedule(uri);
    }

    /// <summary>Re-analyses the open manifests that read the file at <paramref name="path"/> (a requirements file
    /// includes its neighbours): those in the same folder or the folder above.</summary>
    public void ScheduleManifestsNear(string path)
    {
        var changed = PathUtil.Normalize(path);
        var folder = PathUtil.GetDirectory(changed);
        foreach (var document in _workspace.OpenDocuments)
        {
            if (document.Kind is DocumentKind.Dockerfile or DocumentKind.Unknown || document.Path == changed) continue;
            var own = PathUtil.GetDirectory(document.Path);
            if (own == folder || PathUtil.GetDirectory(own) == folder || own == PathUtil.GetDirectory(folder)) Schedule(document.Uri);
        }
    }

    /// <summary>The document was closed: stop its analysis and clear its diagnostics in the editor. A closed
    /// Dockerfile's findings on other files go with it; a closed manifest keeps the findings open Dockerfiles make on it.</summary>
    public void Clear(string uri)
    {
        var entry = _entries.GetOrAdd(uri, _ => new Entry());
        List<string>? toSchedule = null;
        lock (entry)
        {
            entry.Generation++;
            entry.Running?.Cancel();
            lock (_merge)
            {
                Publish(new PublishDiagnosticsParams { Uri = uri });
                _own.Remove(uri);
                _published.TryRemove(uri, out _);
                if (_contributions.Remove(uri, out var removed))
                {
                    toSchedule = new List<string>();
                    foreach (var target in removed.Keys) toSchedule.AddRange(PublishMergedLocked(target));
                }
                if (DocumentUri.ToPath(uri) is { } path && HasContributionsLocked(PathUtil.Normalize(path)))
                    (toSchedule ??= new List<string>()).AddRange(PublishMergedLocked(PathUtil.Normalize(path)));
            }
        }
        // A worker still holding this entry sees the bumped generation and publishes nothing.
        _entries.TryRemove(uri, out _);
        if (toSchedule is not null) foreach (var other in toSchedule) Schedule(other);
    }

    private void StartWorkers()
    {
        if (Interlocked.Exchange(ref _started, 1) == 1) return;
        for (int i = 0; i < _workerCount; i++) _ = Task.Run(WorkAsync);
    }

    private async Task WorkAsync()
    {
        var reader = _queue.Reader;
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            while (reader.TryRead(out var uri)) Run(uri);
        }
    }

    private void Run(string uri)
    {
        if (!_entries.TryGetValue(uri, out var entry)) return;
        long generation;
        var cancellation = new CancellationTokenSource();
        lock (entry)
        {
            entry.Queued = false;
            generation = entry.Generation;
            entry.Running = cancellation;
        }
        List<string>? toSchedule = null;
        try
        {
            var document = _workspace.GetDocument(uri);
            if (document is null) return;
            var findings = Analyze(document, cancellation.Token);
            if (findings is null) return;
            lock (entry)
            {
                if (entry.Generation != generation || _workspace.GetDocument(uri)?.Version != document.Version) return;
                lock (_merge) toSchedule = Record(document, findings);
            }
        }
        finally
        {
            lock (entry)
            {
                if (ReferenceEquals(entry.Running, cancellation)) entry.Running = null;
            }
            cancellation.Dispose();
        }
        // Outside the locks: a manifest whose own findings are not known yet is analysed to publish the merge.
        if (toSchedule is not null) foreach (var other in toSchedule) Schedule(other);
    }

    /// <summary>Keeps a finished analysis: the document's own findings are published (merged with what Dockerfiles
    /// report on it); a Dockerfile's findings on other files become its contributions and those files are republished.
    /// Returns the open documents to analyse before their merge can be published.</summary>
    private List<string> Record(DocumentSnapshot document, IReadOnlyList<Finding> findings)
    {
        var toSchedule = new List<string>();
        var own = new List<Finding>();
        var others = new Dictionary<string, List<Finding>>(StringComparer.Ordinal);
        foreach (var finding in findings)
        {
            var path = PathUtil.Normalize(finding.Path);
            if (path == document.Path) own.Add(finding);
            else if (document.Kind == DocumentKind.Dockerfile)
            {
                if (!others.TryGetValue(path, out var list)) others[path] = list = new List<Finding>();
                list.Add(finding);
            }
        }

        if (document.Kind == DocumentKind.Dockerfile)
        {
            var before = _contributions.TryGetValue(document.Uri, out var old) ? old : new Dictionary<string, List<Finding>>(StringComparer.Ordinal);
            _contributions[document.Uri] = others;
            _published[document.Uri] = new PublishedFindings(document.Version, own);
            Publish(new PublishDiagnosticsParams { Uri = document.Uri, Version = document.Version, Diagnostics = Convert(own) });
            foreach (var target in before.Keys.Union(others.Keys, StringComparer.Ordinal))
            {
                bool same = before.TryGetValue(target, out var a) && others.TryGetValue(target, out var b) && SameFindings(a, b);
                if (!same) toSchedule.AddRange(PublishMergedLocked(target));
            }
        }
        else
        {
            _own[document.Uri] = (document.Version, own);
            toSchedule.AddRange(PublishMergedLocked(document.Path));
        }
        return toSchedule;
    }

    private bool HasContributionsLocked(string path) => _contributions.Values.Any(c => c.ContainsKey(path));

    /// <summary>Publishes what is known for the file at <paramref name="path"/>: its own findings when it is open and
    /// analysed, plus every Dockerfile's contributions. An open file not analysed yet is returned for scheduling.</summary>
    private List<string> PublishMergedLocked(string path)
    {
        var result = new List<string>();
        var contributed = _contributions.Values.Where(c => c.ContainsKey(path)).Select(c => (IEnumerable<Finding>)c[path]).ToList();
        var open = _workspace.OpenDocuments.FirstOrDefault(d => d.Path == path);
        if (open is not null)
        {
            // A Dockerfile's own diagnostics are published by its own run; another Dockerfile never reports on it.
            if (open.Kind == DocumentKind.Dockerfile) return result;
            if (!_own.TryGetValue(open.Uri, out var own) || own.Version != open.Version)
            {
                result.Add(open.Uri);
                return result;
            }
            var merged = FindingMerge.Merge(contributed.Prepend(own.Findings));
            _published[open.Uri] = new PublishedFindings(open.Version, merged);
            Publish(new PublishDiagnosticsParams { Uri = open.Uri, Version = open.Version, Diagnostics = Convert(merged) });
            return result;
        }
        var uri = DocumentUri.FromPath(path);
        if (contributed.Count == 0)
        {
            if (_publishedClosed.Remove(uri)) Publish(new PublishDiagnosticsParams { Uri = uri });
            return result;
        }
        _publishedClosed.Add(uri);
        Publish(new PublishDiagnosticsParams { Uri = uri, Diagnostics = Convert(FindingMerge.Merge(contributed)) });
        return result;
    }

    private static bool SameFindings(List<Finding> a, List<Finding> b)
    {
        if (a.Count != b.Count) return false;
        for (int i = 0; i < a.Count; i++)
            if (a[i].Code != b[i].Code || a[i].Span != b[i].Span || a[i].Message != b[i].Message || a[i].Severity != b[i].Severity) return false;
        return true;
    }

    private static List<Diagnostic> Convert(IReadOnlyList<Finding> findings)
    {
        var diagnostics = new List<Diagnostic>(findings.Count);
        foreach (var finding in findings) diagnostics.Add(DiagnosticConverter.ToDiagnostic(finding));
        return diagnostics;
    }

    /// <summary>The findings last published for the open document <paramref name="uri"/> (for a manifest: its own and those
    /// Dockerfiles made on it) and the version they belong to, or null. Features that act on diagnostics (code actions,
    /// hover on a diagnostic) start from these.</summary>
    public PublishedFindings? GetPublished(string uri) => _published.TryGetValue(uri, out var published) ? published : null;

    /// <summary>The document's findings (on it and on other files), or null when the run was cancelled or failed
    /// (nothing is published then).</summary>
    private IReadOnlyList<Finding>? Analyze(DocumentSnapshot document, CancellationToken ct)
    {
        if (!_workspace.Settings.Enable || document.Kind == DocumentKind.Unknown) return Array.Empty<Finding>();
        try
        {
            // The analysis reads this snapshot's text, not whatever the buffer holds by the time it reads it,
            // so the published version always matches the text analysed.
            var fs = new SnapshotFileSystem(_workspace.FileSystem, document.Path, document.Text.Text);
            return _analyze(document, fs, _workspace.AnalysisOptionsFor(document), ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            return null;
        }
        catch (Exception e)
        {
            _log.Error($"Analysing {document.Uri} (version {document.Version}) failed: {e}");
            return null;
        }
    }

    private void Publish(PublishDiagnosticsParams diagnostics)
    {
        _publish(diagnostics);
        Published?.Invoke(diagnostics);
    }

    private sealed class Entry
    {
        public long Generation;
        public bool Queued;
        public CancellationTokenSource? Running;
    }

    /// <summary>A file system in which one path reads as a given text: the snapshot being analysed.</summary>
    private sealed class SnapshotFileSystem : IFileSystem
    {
        private readonly IFileSystem _below;
        private readonly string _path;
        private readonly string _text;

        public SnapshotFileSystem(IFileSystem below, string path, string text)
        {
            _below = below;
            _path = path;
            _text = text;
        }

        public bool FileExists(string path) => IsSnapshot(path) || _below.FileExists(path);
        public bool DirectoryExists(string path) => _below.DirectoryExists(path);
        public string? ReadAllText(string path) => IsSnapshot(path) ? _text : _below.ReadAllText(path);
        public IEnumerable<string> EnumerateFiles(string directory) => _below.EnumerateFiles(directory);
        public IEnumerable<string> EnumerateDirectories(string directory) => _below.EnumerateDirectories(directory);

        private bool IsSnapshot(string path) => string.Equals(PathUtil.Normalize(path), _path, StringComparison.Ordinal);
    }
}
