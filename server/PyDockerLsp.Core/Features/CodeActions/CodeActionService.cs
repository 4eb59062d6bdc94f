using System.Text;
using PyDockerLsp.Core.Analysis;
using PyDockerLsp.Core.IO;
using PyDockerLsp.Core.Text;
using static PyDockerLsp.Core.Analysis.DocumentAnalyzer;

namespace PyDockerLsp.Core.Features.CodeActions;

/// <summary>A diagnostic the editor sent back with a code action request: its code and its range.</summary>
public readonly record struct DiagnosticReference(string Code, LineRange Range);

/// <summary>
/// The code actions of a Dockerfile, from an existing analysis (the rules do not run again, except for fix-all):
/// quick fixes of the findings under a range (preferred fixes first, other fixes next, "Ignore PDxxx…" last),
/// refactorings that apply there, and fix-all.
/// </summary>
public static class CodeActionService
{
    /// <summary>
    /// The actions for <paramref name="range"/> of the Dockerfile. Findings count when their span meets the range,
    /// or when they are among <paramref name="diagnostics"/> (matched by code and range). <paramref name="only"/>
    /// filters by kind (see <see cref="CodeActionKinds.IsRequested"/>).
    /// </summary>
    public static IReadOnlyList<CodeActionItem> GetCodeActions(
        DockerfileAnalysis analysis,
        TextSpan range,
        IReadOnlyCollection<string>? only = null,
        IReadOnlyCollection<DiagnosticReference>? diagnostics = null,
        CancellationToken ct = default)
    {
        var result = new List<CodeActionItem>();
        var texts = new DocumentTexts(analysis.Model);
        if (CodeActionKinds.IsRequested(CodeActionKinds.QuickFix, only))
            result.AddRange(QuickFixes(analysis, range, diagnostics, texts));
        if (CodeActionKinds.IsRequested(CodeActionKinds.RefactorRewrite, only))
        {
            foreach (var refactoring in Refactorings.At(analysis.Model, range))
            {
                var item = new CodeActionItem(refactoring.Title, CodeActionKinds.RefactorRewrite, texts.Resolve(refactoring.Edits));
                // The same rewrite offered as a quick fix of a finding is not offered twice.
                if (!result.Exists(existing => SameEdits(existing, item))) result.Add(item);
            }
        }
        if (CodeActionKinds.IsRequested(CodeActionKinds.FixAll, only) && FixAll.Compute(analysis, ct) is { } fixAll)
            result.Add(fixAll);
        return result;
    }

    /// <summary>The quick fixes of the findings at <paramref name="range"/>, in the order they are offered.</summary>
    public static IReadOnlyList<CodeActionItem> QuickFixes(DockerfileAnalysis analysis, TextSpan range,
        IReadOnlyCollection<DiagnosticReference>? diagnostics = null) =>
        QuickFixes(analysis, range, diagnostics, new DocumentTexts(analysis.Model));

    private static List<CodeActionItem> QuickFixes(DockerfileAnalysis analysis, TextSpan range,
        IReadOnlyCollection<DiagnosticReference>? diagnostics, DocumentTexts texts) =>
        QuickFixes(analysis.Findings, analysis.Model.DockerfilePath, range, diagnostics, texts);

    /// <summary>
    /// The quick fixes of a manifest (a requirements file, pyproject.toml, .dockerignore…) at <paramref name="range"/>:
    /// those of the findings published on it — its own and those Dockerfiles made on it — in the same order as a
    /// Dockerfile's. <paramref name="fileSystem"/> gives the texts of other files a fix edits.
    /// </summary>
    public static IReadOnlyList<CodeActionItem> ManifestQuickFixes(string path, SourceText source, IReadOnlyList<Finding> findings,
        IFileSystem fileSystem, TextSpan range, IReadOnlyCollection<DiagnosticReference>? diagnostics = null) =>
        QuickFixes(findings, path, range, diagnostics, new DocumentTexts(path, source, fileSystem));

    private static List<CodeActionItem> QuickFixes(IReadOnlyList<Finding> findings, string documentPath, TextSpan range,
        IReadOnlyCollection<DiagnosticReference>? diagnostics, DocumentTexts texts)
    {
        var preferred = new List<FixGroup>();
        var others = new List<FixGroup>();
        var ignores = new List<FixGroup>();
        var byKey = new Dictionary<string, FixGroup>(StringComparer.Ordinal);
        foreach (var finding in findings)
        {
            if (finding.Fixes.Count == 0 || !string.Equals(finding.Path, documentPath, StringComparison.Ordinal)) continue;
            if (!Meets(finding.Span, range) && !IsAmong(finding, diagnostics)) continue;
            foreach (var fix in finding.Fixes)
            {
                var key = Key(fix);
                if (byKey.TryGetValue(key, out var group))
                {
                    // Two findings offering the very same edit (e.g. two ignores of one instruction): one action.
                    group.Findings.Add(finding);
                    continue;
                }
                group = new FixGroup(fix, finding);
                byKey.Add(key, group);
                (IsSuppression(fix, finding) ? ignores : fix.IsPreferred ? preferred : others).Add(group);
            }
        }

        var items = new List<CodeActionItem>(preferred.Count + others.Count + ignores.Count);
        foreach (var bucket in new[] { preferred, others, ignores })
        {
            foreach (var group in bucket)
                items.Add(new CodeActionItem(group.Fix.Title, CodeActionKinds.QuickFix, texts.Resolve(group.Fix.Edits))
                {
                    Findings = group.Findings,
                    IsPreferred = group.Fix.IsPreferred,
                });
        }
        return items;
    }

    /// <summary>A finding meets a range when they overlap; an empty range (a cursor) meets a span it touches.</summary>
    private static bool Meets(TextSpan finding, TextSpan range)
    {
        if (range.IsEmpty) return finding.Touches(range.Start);
        if (finding.IsEmpty) return range.Touches(finding.Start);
        return finding.OverlapsWith(range);
    }

    private static bool IsAmong(Finding finding, IReadOnlyCollection<DiagnosticReference>? diagnostics)
    {
        if (diagnostics is null) return false;
        foreach (var diagnostic in diagnostics)
            if (diagnostic.Range == finding.Range && string.Equals(diagnostic.Code, finding.Code, StringComparison.OrdinalIgnoreCase)) return true;
        return false;
    }

    /// <summary>The engine's "Ignore PDxxx for this instruction" fix, which is always offered last.</summary>
    private static bool IsSuppression(Fix fix, Finding finding) =>
        fix.Title.StartsWith("Ignore ", StringComparison.Ordinal)
        && fix.Title.AsSpan(7).StartsWith(finding.Code, StringComparison.OrdinalIgnoreCase);

    private static string Key(Fix fix)
    {
        var sb = new StringBuilder(fix.Title);
        foreach (var file in fix.Edits)
        {
            sb.Append('\u0001').Append(file.Path).Append(file.CreateFile ? "+" : "");
            foreach (var edit in file.Edits) sb.Append('\u0002').Append(edit.Span.Start).Append(':').Append(edit.Span.Length).Append('=').Append(edit.NewText);
        }
        return sb.ToString();
    }

    private static bool SameEdits(CodeActionItem a, CodeActionItem b)
    {
        if (a.Edits.Count != b.Edits.Count) return false;
        for (int i = 0; i < a.Edits.Count; i++)
        {
            var x = a.Edits[i];
            var y = b.Edits[i];
            if (x.Path != y.Path || x.CreateFile != y.CreateFile || !x.Edits.SequenceEqual(y.Edits)) return false;
        }
        return true;
    }

    private sealed class FixGroup
    {
        public FixGroup(Fix fix, Finding first)
        {
            Fix = fix;
            Findings = new List<Finding> { first };
        }

        public Fix Fix { get; }
        public List<Finding> Findings { get; }
    }
}

/// <summary>
/// The texts the edits of one request refer to (the Dockerfile as analysed, other files as the analysis read them),
/// each with its line map, so offsets become editor positions with the one converter.
/// </summary>
internal sealed class DocumentTexts
{
    private readonly string _documentPath;
    private readonly SourceText _document;
    private readonly IFileSystem _fileSystem;
    private readonly Dictionary<string, SourceText> _others = new(StringComparer.Ordinal);
    private static readonly SourceText Empty = new("");

    public DocumentTexts(ProjectModel model) : this(model.DockerfilePath, model.Source, model.FileSystem) { }

    public DocumentTexts(string documentPath, SourceText document, IFileSystem fileSystem)
    {
        _documentPath = documentPath;
        _document = document;
        _fileSystem = fileSystem;
    }

    public SourceText Get(string path)
    {
        if (string.Equals(path, _documentPath, StringComparison.Ordinal)) return _document;
        if (!_others.TryGetValue(path, out var text))
        {
            text = _fileSystem.ReadAllText(path) is { } content ? new SourceText(content) : Empty;
            _others.Add(path, text);
        }
        return text;
    }

    public IReadOnlyList<DocumentEdit> Resolve(IReadOnlyList<FileEdit> edits)
    {
        var result = new DocumentEdit[edits.Count];
        for (int i = 0; i < edits.Count; i++)
        {
            var file = edits[i];
            // A created file starts empty: its content is inserted at the start whatever exists on disk.
            var text = file.CreateFile ? Empty : Get(file.Path);
            var resolved = new RangeEdit[file.Edits.Count];
            for (int j = 0; j < resolved.Length; j++)
            {
                var edit = file.Edits[j];
                var span = Clamp(edit.Span, text.Length);
                resolved[j] = new RangeEdit(span, text.GetRange(span), edit.NewText);
            }
            result[i] = new DocumentEdit(file.Path, resolved, file.CreateFile, file.Overwrite);
        }
        return result;
    }

    private static TextSpan Clamp(TextSpan span, int length)
    {
        int start = Math.Clamp(span.Start, 0, length);
        int end = Math.Clamp(span.End, start, length);
        return TextSpan.FromBounds(start, end);
    }
}
