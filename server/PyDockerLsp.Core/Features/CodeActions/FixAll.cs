using PyDockerLsp.Core.Analysis;
using PyDockerLsp.Core.Analysis.Rules;
using PyDockerLsp.Core.Context;
using PyDockerLsp.Core.IO;
using PyDockerLsp.Core.Python;
using PyDockerLsp.Core.Syntax.Dockerfile;
using PyDockerLsp.Core.Text;
using static PyDockerLsp.Core.Analysis.DocumentAnalyzer;

namespace PyDockerLsp.Core.Features.CodeActions;

/// <summary>
/// Applies every safe fix of a Dockerfile at once. Each pass takes the safe fixes of the current findings in
/// document order, skipping a fix whose edits overlap one already taken (its finding is usually fixed by the other,
/// or is taken up by the next pass), applies them, and analyses the result again; passes repeat until nothing is left
/// to take. A pass that would add a syntax error is thrown away. The outcome is one edit per changed file (the
/// changed region), so the editor undoes it in one step; on a document with nothing to fix there is no action at all.
/// </summary>
public static class FixAll
{
    public const string Title = "Fix all safe PyDocker problems";

    /// <summary>How many analyse-and-fix rounds at most: fixes that enable further fixes settle within a few.</summary>
    public const int MaxPasses = 4;

    /// <summary>The fix-all action, or null when no safe fix applies.</summary>
    public static CodeActionItem? Compute(DockerfileAnalysis analysis, CancellationToken ct = default)
    {
        var files = Apply(analysis, ct);
        if (files.Count == 0) return null;
        var edits = new List<DocumentEdit>(files.Count);
        var texts = new DocumentTexts(analysis.Model);
        foreach (var (path, (original, final)) in files)
        {
            if (original is null)
            {
                edits.Add(new DocumentEdit(path, new[] { new RangeEdit(TextSpan.Empty(0), default, final) }, CreateFile: true));
                continue;
            }
            var changed = ChangedRegion(original, final, out var replacement);
            var text = texts.Get(path);
            edits.Add(new DocumentEdit(path, new[] { new RangeEdit(changed, text.GetRange(changed), replacement) }));
        }
        return new CodeActionItem(Title, CodeActionKinds.FixAll, edits);
    }

    /// <summary>
    /// The files fix-all changes: path → (text before, or null for a created file; text after). Empty when nothing
    /// changes. Files are in the order they were first changed (the Dockerfile first when it changes).
    /// </summary>
    public static IReadOnlyList<KeyValuePair<string, (string? Original, string Final)>> Apply(DockerfileAnalysis analysis, CancellationToken ct = default)
    {
        var model = analysis.Model;
        var findings = analysis.Findings;
        var originals = new Dictionary<string, string?>(StringComparer.Ordinal);
        var current = new Dictionary<string, string>(StringComparer.Ordinal);
        var order = new List<string>();
        int syntaxErrors = model.Syntax.Errors.Count;

        for (int pass = 0; pass < MaxPasses; pass++)
        {
            ct.ThrowIfCancellationRequested();
            var pending = TakeSafeFixes(findings, model, current);
            if (pending.Count == 0) break;

            var next = new Dictionary<string, string>(current, StringComparer.Ordinal);
            foreach (var (path, edits) in pending)
            {
                var before = TextOf(model, current, path) ?? "";
                next[path] = TextEdits.Apply(before, edits);
            }

            var nextModel = Rebuild(model, next);
            if (nextModel.Syntax.Errors.Count > syntaxErrors) break;

            bool changedSomething = false;
            foreach (var (path, text) in next)
            {
                if (TextOf(model, current, path) == text) continue;
                changedSomething = true;
                if (originals.ContainsKey(path)) continue;
                originals[path] = OriginalText(analysis.Model, path);
                order.Add(path);
            }
            if (!changedSomething) break;
            current = next;
            model = nextModel;
            findings = RuleEngine.Run(model, analysis.Configuration, ct);
        }

        var result = new List<KeyValuePair<string, (string?, string)>>();
        foreach (var path in order)
        {
            var final = current[path];
            var original = originals[path];
            if (original == final) continue;
            result.Add(new(path, (original, final)));
        }
        return result;
    }

    /// <summary>The safe fixes of <paramref name="findings"/> that can be applied together, as edits per file.</summary>
    private static Dictionary<string, List<TextEdit>> TakeSafeFixes(IReadOnlyList<Finding> findings, ProjectModel model, Dictionary<string, string> current)
    {
        var taken = new Dictionary<string, List<TextEdit>>(StringComparer.Ordinal);
        foreach (var finding in findings)
        {
            foreach (var fix in finding.Fixes)
            {
                if (fix.Safety != FixSafety.Safe || !CanTake(fix, taken, model, current)) continue;
                foreach (var file in fix.Edits)
                {
                    if (!taken.TryGetValue(file.Path, out var list)) taken.Add(file.Path, list = new List<TextEdit>());
                    list.AddRange(file.Edits);
                }
                // One fix per finding: the others are alternatives.
                break;
            }
        }
        return taken;
    }

    private static bool CanTake(Fix fix, Dictionary<string, List<TextEdit>> taken, ProjectModel model, Dictionary<string, string> current)
    {
        bool changes = false;
        foreach (var file in fix.Edits)
        {
            var text = TextOf(model, current, file.Path);
            if (file.CreateFile && text is not null && !file.Overwrite) return false;
            if (!file.CreateFile && text is null) return false;
            int length = file.CreateFile ? 0 : text!.Length;
            foreach (var edit in file.Edits)
            {
                if (edit.Span.End > length) return false;
                if (!changes) changes = edit.NewText != (file.CreateFile ? "" : text!.Substring(edit.Span.Start, edit.Span.Length));
                if (taken.TryGetValue(file.Path, out var others) && others.Exists(other => Collide(edit, other))) return false;
            }
            // Two edits of one fix must not collide either (TextEdits.Apply refuses overlaps).
            for (int i = 0; i < file.Edits.Count; i++)
                for (int j = i + 1; j < file.Edits.Count; j++)
                    if (Collide(file.Edits[i], file.Edits[j])) return false;
        }
        return changes;
    }

    /// <summary>Edits collide when their spans overlap, or when both insert at the same place (their order would be a guess).</summary>
    private static bool Collide(TextEdit a, TextEdit b)
    {
        if (a.Span.IsEmpty && b.Span.IsEmpty) return a.Span.Start == b.Span.Start;
        if (a.Span.IsEmpty) return a.Span.Start > b.Span.Start && a.Span.Start < b.Span.End;
        if (b.Span.IsEmpty) return b.Span.Start > a.Span.Start && b.Span.Start < a.Span.End;
        return a.Span.OverlapsWith(b.Span);
    }

    private static string? TextOf(ProjectModel model, Dictionary<string, string> current, string path) =>
        current.TryGetValue(path, out var text) ? text : OriginalText(model, path);

    private static string? OriginalText(ProjectModel model, string path) =>
        string.Equals(path, model.DockerfilePath, StringComparison.Ordinal) ? model.Source.Text : model.FileSystem.ReadAllText(path);

    /// <summary>The model of the fixed files: the Dockerfile re-parsed; .dockerignore and the Python project read
    /// again only when a fix changed them.</summary>
    private static ProjectModel Rebuild(ProjectModel previous, Dictionary<string, string> changed)
    {
        var fs = new OverlayFileSystem(previous.FileSystem);
        bool otherFiles = false;
        foreach (var (path, text) in changed)
        {
            fs.SetBuffer(path, text);
            otherFiles |= !string.Equals(path, previous.DockerfilePath, StringComparison.Ordinal);
        }
        var source = changed.TryGetValue(previous.DockerfilePath, out var dockerfile) ? new SourceText(dockerfile) : previous.Source;
        var ignorePath = PathUtil.Combine(previous.ContextDirectory, ".dockerignore");
        var dockerIgnore = previous.DockerIgnore;
        if (changed.TryGetValue(ignorePath, out var ignoreText)) dockerIgnore = DockerIgnore.Parse(ignoreText, ignorePath);
        return new ProjectModel
        {
            DockerfilePath = previous.DockerfilePath,
            Syntax = ReferenceEquals(source, previous.Source) ? previous.Syntax : DockerfileParser.Parse(source),
            ContextDirectory = previous.ContextDirectory,
            FileSystem = fs,
            DockerIgnore = dockerIgnore,
            Python = otherFiles ? PythonProject.Load(previous.ContextDirectory, fs) : previous.Python,
        };
    }

    /// <summary>The smallest single region of <paramref name="original"/> that differs from <paramref name="final"/>.</summary>
    internal static TextSpan ChangedRegion(string original, string final, out string replacement)
    {
        int prefix = 0;
        int max = Math.Min(original.Length, final.Length);
        while (prefix < max && original[prefix] == final[prefix]) prefix++;
        int suffix = 0;
        while (suffix < max - prefix && original[original.Length - 1 - suffix] == final[final.Length - 1 - suffix]) suffix++;
        // Keep a CRLF pair whole, so an editor never sees half a line break replaced.
        if (prefix > 0 && prefix < original.Length && original[prefix - 1] == '\r' && original[prefix] == '\n') prefix--;
        if (suffix > 0 && original.Length - suffix - 1 >= prefix && original[original.Length - suffix - 1] == '\r' && original[original.Length - suffix] == '\n')
            suffix--;
        replacement = final.Substring(prefix, final.Length - prefix - suffix);
        return TextSpan.FromBounds(prefix, original.Length - suffix);
    }
}
