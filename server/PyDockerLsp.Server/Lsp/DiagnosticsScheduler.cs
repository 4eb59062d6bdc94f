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

    /// <summary>Re-analyses the open Dockerfiles that the change of <paramref name="path"/> may affect.</summary>
    public void ScheduleAffectedBy(string path)
    {
        foreach (var document in _workspace.DocumentsAffectedBy(path)) Schedule(document.Uri);
    }

    /// <summary>The document was closed: stop its analysis and clear its diagnostics in the editor.</summary>
    public void Clear(string uri)
    {
        var entry = _entries.GetOrAdd(uri, _ => new Entry());
        lock (entry)
        {
            entry.Generation++;
            entry.Running?.Cancel();
            Publish(new PublishDiagnosticsParams { Uri = uri });
        }
        // A worker still holding this entry sees the bumped generation and publishes nothing.
        _entries.TryRemove(uri, out _);
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
        try
        {
            var document = _workspace.GetDocument(uri);
            if (document is null) return;
            var findings = Analyze(document, cancellation.Token);
            if (findings is null) return;
            var diagnostics = DiagnosticConverter.ToDiagnostics(findings, document.Path);
            lock (entry)
            {
                if (entry.Generation != generation || _workspace.GetDocument(uri)?.Version != document.Version) return;
                entry.Published = new PublishedFindings(document.Version, findings);
                Publish(new PublishDiagnosticsParams { Uri = uri, Version = document.Version, Diagnostics = diagnostics });
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
    }

    /// <summary>The findings last published for <paramref name="uri"/> and the version they belong to, or null.
    /// Features that act on diagnostics (code actions, hover on a diagnostic) start from these.</summary>
    public PublishedFindings? GetPublished(string uri)
    {
        if (!_entries.TryGetValue(uri, out var entry)) return null;
        lock (entry) return entry.Published;
    }

    /// <summary>The document's findings, or null when the run was cancelled or failed (nothing is published then).</summary>
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
        public PublishedFindings? Published;
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
