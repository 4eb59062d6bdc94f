using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using PyDockerLsp.Core.Analysis;
using PyDockerLsp.Core.IO;
using PyDockerLsp.Core.Syntax.Dockerfile;
using PyDockerLsp.Core.Text;

namespace PyDockerLsp.Server.Workspaces;

/// <summary>One version of an open document. Immutable: analysis and requests work on a snapshot while the
/// reader thread moves the workspace on.</summary>
public sealed record DocumentSnapshot(string Uri, string Path, string LanguageId, int Version, SourceText Text, DocumentKind Kind);

/// <summary>One change of a didChange: a range to replace (null = the whole document) and its new text.</summary>
public readonly record struct DocumentChange(LineRange? Range, string Text);

/// <summary>A workspace folder: its URI as the client sent it and its local path.</summary>
public sealed record WorkspaceFolderInfo(string Uri, string Path, string Name);

/// <summary>
/// Everything the server knows about the user's workspace: the open documents (text, version), a file system in
/// which open buffers shadow the disk, the workspace folders and the <c>pydocker</c> settings.
/// Changed only on the reader thread (in message order); read from any thread.
/// </summary>
public sealed class Workspace
{
    private readonly ConcurrentDictionary<string, DocumentSnapshot> _documents = new(StringComparer.Ordinal);
    private ImmutableArray<WorkspaceFolderInfo> _folders = ImmutableArray<WorkspaceFolderInfo>.Empty;
    private volatile PyDockerSettings _settings = PyDockerSettings.Default;

    public Workspace(IFileSystem disk) => FileSystem = new OverlayFileSystem(disk);

    /// <summary>The disk with every open buffer laid over it: what the analysis reads.</summary>
    public OverlayFileSystem FileSystem { get; }

    public PyDockerSettings Settings
    {
        get => _settings;
        set
        {
            _settings = value;
            // pydocker.buildContext may have changed: the remembered contexts no longer hold.
            _contexts.Clear();
        }
    }

    public IReadOnlyList<WorkspaceFolderInfo> Folders => _folders;

    public IReadOnlyCollection<DocumentSnapshot> OpenDocuments => _documents.Values.ToList();

    public DocumentSnapshot? GetDocument(string uri) => _documents.TryGetValue(uri, out var doc) ? doc : null;

    /// <summary>Opens (or re-opens) a document. The kind comes from the file name, or from the language id
    /// when the name says nothing (an untitled buffer in "dockerfile" mode).</summary>
    public DocumentSnapshot Open(string uri, string languageId, int version, string text)
    {
        var path = DocumentUri.ToPath(uri) ?? throw new ArgumentException($"\"{uri}\" is not a URI.", nameof(uri));
        var kind = DocumentClassifier.Classify(path);
        if (kind == DocumentKind.Unknown && string.Equals(languageId, "dockerfile", StringComparison.OrdinalIgnoreCase))
            kind = DocumentKind.Dockerfile;
        // An included file under any name (base.txt) that the editor shows as a pip requirements file.
        if (kind == DocumentKind.Unknown && string.Equals(languageId, "pip-requirements", StringComparison.OrdinalIgnoreCase))
            kind = DocumentKind.Requirements;
        var snapshot = new DocumentSnapshot(uri, path, languageId, version, new SourceText(text), kind);
        _documents[uri] = snapshot;
        FileSystem.SetBuffer(path, text);
        return snapshot;
    }

    /// <summary>Applies didChange's changes in order (each range is relative to the text after the previous change);
    /// null when the document is not open.</summary>
    public DocumentSnapshot? Change(string uri, int version, IReadOnlyList<DocumentChange> changes)
    {
        if (!_documents.TryGetValue(uri, out var current)) return null;
        var text = current.Text;
        foreach (var change in changes) text = Apply(text, change);
        var snapshot = current with { Version = version, Text = text };
        _documents[uri] = snapshot;
        FileSystem.SetBuffer(current.Path, text.Text);
        return snapshot;
    }

    /// <summary>One change applied to a text: positions are UTF-16 based, converted by the text's LineMap.</summary>
    public static SourceText Apply(SourceText text, DocumentChange change)
    {
        if (change.Range is not { } range) return new SourceText(change.Text);
        int start = text.GetOffset(range.Start);
        int end = text.GetOffset(range.End);
        if (end < start) (start, end) = (end, start);
        return new SourceText(string.Concat(text.Text.AsSpan(0, start), change.Text, text.Text.AsSpan(end)));
    }

    public DocumentSnapshot? Close(string uri)
    {
        if (!_documents.TryRemove(uri, out var closed)) return null;
        // Another URI spelling of the same file may still be open; keep its buffer then.
        if (!_documents.Values.Any(d => d.Path == closed.Path)) FileSystem.RemoveBuffer(closed.Path);
        return closed;
    }

    public void SetFolders(IEnumerable<WorkspaceFolderInfo> folders) => _folders = folders.ToImmutableArray();

    public void UpdateFolders(IEnumerable<WorkspaceFolderInfo> added, IEnumerable<WorkspaceFolderInfo> removed)
    {
        var removedUris = removed.Select(f => f.Uri).ToHashSet(StringComparer.Ordinal);
        _folders = _folders.Where(f => !removedUris.Contains(f.Uri)).Concat(added).ToImmutableArray();
    }

    /// <summary>The parse of each open Dockerfile version, for finding its build context without re-parsing.</summary>
    private readonly ConditionalWeakTable<DocumentSnapshot, DockerfileSyntax> _syntax = new();

    /// <summary>How many folders above a Dockerfile a pyproject.toml may configure it, or a manifest may move its
    /// detected build context (as <see cref="BuildContextResolver"/> and [tool.pydocker] look).</summary>
    private const int LevelsAbove = 3;

    /// <summary>The build context of a Dockerfile, as its analysis chooses it: the <c>pydocker.buildContext</c>
    /// setting, <c>[tool.pydocker] context</c>, the folder that holds what it copies, or its own folder.</summary>
    public string BuildContextOf(DocumentSnapshot dockerfile)
    {
        var syntax = _syntax.GetValue(dockerfile, d => DockerfileParser.Parse(d.Text));
        var context = DocumentAnalyzer.ResolveBuildContext(dockerfile.Path, syntax, FileSystem, AnalysisOptionsFor(dockerfile)).Directory;
        _contexts.AddOrUpdate(dockerfile, context);
        return context;
    }

    /// <summary>The last context found for each Dockerfile version: typing in one Dockerfile cannot move another's
    /// context, so those keystrokes reuse it instead of reading pyproject.toml files again on the reader thread.</summary>
    private readonly ConditionalWeakTable<DocumentSnapshot, string> _contexts = new();

    private string KnownBuildContextOf(DocumentSnapshot dockerfile) =>
        _contexts.TryGetValue(dockerfile, out var context) ? context : BuildContextOf(dockerfile);

    /// <summary>The analysis options for a document under the current settings.</summary>
    public AnalysisOptions AnalysisOptionsFor(DocumentSnapshot document) => new()
    {
        RuleSeverities = Settings.Rules,
        ContextDirectory = document.Kind == DocumentKind.Dockerfile ? ConfiguredContextOf(document.Path) : null,
        Kind = document.Kind,
        Precedence = Settings.Precedence,
    };

    /// <summary>The <c>pydocker.buildContext</c> setting as a folder: relative to the workspace folder that holds the
    /// Dockerfile (or the first folder); null when the setting is empty.</summary>
    private string? ConfiguredContextOf(string dockerfilePath)
    {
        var setting = Settings.BuildContext;
        if (string.IsNullOrWhiteSpace(setting)) return null;
        setting = setting.Trim();
        var folders = _folders;
        var folder = folders.Where(f => PathUtil.RelativeTo(f.Path, dockerfilePath) is not null).OrderByDescending(f => f.Path.Length).FirstOrDefault()
                     ?? (folders.Length > 0 ? folders[0] : null);
        const string variable = "${workspaceFolder}";
        if (setting.StartsWith(variable, StringComparison.Ordinal)) setting = "." + setting.Substring(variable.Length);
        if (folder is null) return setting.StartsWith('/') ? PathUtil.Normalize(setting) : PathUtil.Combine(PathUtil.GetDirectory(dockerfilePath), setting);
        return PathUtil.Combine(folder.Path, setting);
    }

    /// <summary>The open Dockerfiles whose analysis may change when the file at <paramref name="path"/> changes
    /// (a manifest, a .dockerignore, another Dockerfile): those whose build context contains it, those a pyproject.toml
    /// in their folder or above may configure, and those whose detected context a manifest above them may move.
    /// The document at <paramref name="path"/> itself is not included.</summary>
    public IReadOnlyList<DocumentSnapshot> DocumentsAffectedBy(string path)
    {
        var changed = PathUtil.Normalize(path);
        var changedFolder = PathUtil.GetDirectory(changed);
        var changedKind = DocumentClassifier.Classify(changed);
        bool isManifest = changedKind is not (DocumentKind.Unknown or DocumentKind.Dockerfile);
        var affected = new List<DocumentSnapshot>();
        foreach (var document in _documents.Values)
        {
            if (document.Kind != DocumentKind.Dockerfile || document.Path == changed) continue;
            var context = changedKind == DocumentKind.Dockerfile ? KnownBuildContextOf(document) : BuildContextOf(document);
            if (PathUtil.RelativeTo(context, changed) is not null
                || (isManifest && IsFolderOrAbove(changedFolder, PathUtil.GetDirectory(document.Path))))
                affected.Add(document);
        }
        return affected;
    }

    /// <summary>True when <paramref name="folder"/> is <paramref name="start"/> or one of the <see cref="LevelsAbove"/> folders above it.</summary>
    private static bool IsFolderOrAbove(string folder, string start)
    {
        var current = start;
        for (int level = 0; level <= LevelsAbove && current.Length > 0; level++)
        {
            if (current == folder) return true;
            var parent = PathUtil.GetDirectory(current);
            if (parent == current) break;
            current = parent;
        }
        return false;
    }
}
