using PyDockerLsp.Core.Analysis;
using PyDockerLsp.Core.Text;

namespace PyDockerLsp.Core.Features.CodeActions;

/// <summary>The kinds of code action PyDocker offers (the strings editors use to group and filter them).</summary>
public static class CodeActionKinds
{
    /// <summary>A fix attached to a finding (the lightbulb).</summary>
    public const string QuickFix = "quickfix";
    /// <summary>Every safe fix of the document at once (fix on save, "Fix all").</summary>
    public const string FixAll = "source.fixAll.pydocker";
    /// <summary>A rewrite that keeps the build's meaning, offered without a finding.</summary>
    public const string RefactorRewrite = "refactor.rewrite";

    public static readonly IReadOnlyList<string> All = new[] { QuickFix, FixAll, RefactorRewrite };

    /// <summary>
    /// True when a client that asked for <paramref name="only"/> wants actions of <paramref name="kind"/>. Kinds are
    /// hierarchical: asking for <c>source.fixAll</c> or <c>source</c> includes <c>source.fixAll.pydocker</c>.
    /// Without a filter every kind but fix-all is wanted: fix-all re-analyses the document, so it is computed only
    /// when asked for by name (an editor asks for it on save or from its "Fix all" command).
    /// </summary>
    public static bool IsRequested(string kind, IReadOnlyCollection<string>? only)
    {
        if (only is null || only.Count == 0) return kind != FixAll;
        foreach (var requested in only)
        {
            if (kind == requested) return true;
            if (kind.Length > requested.Length && kind[requested.Length] == '.' && kind.StartsWith(requested, StringComparison.Ordinal))
                return true;
        }
        return false;
    }
}

/// <summary>One replacement in a document, as an offset span and as the line/column range an editor needs.</summary>
public sealed record RangeEdit(TextSpan Span, LineRange Range, string NewText);

/// <summary>The edits of one file. <see cref="CreateFile"/>: the file is created first (with <see cref="Overwrite"/>,
/// replacing an existing one), and its edits insert its content at the start.</summary>
public sealed record DocumentEdit(string Path, IReadOnlyList<RangeEdit> Edits, bool CreateFile = false, bool Overwrite = false);

/// <summary>
/// A code action ready for a front: title, kind, the edits per file with editor positions, the findings it resolves
/// (empty for refactorings and fix-all), and whether it is the preferred fix of its findings.
/// </summary>
public sealed record CodeActionItem(string Title, string Kind, IReadOnlyList<DocumentEdit> Edits)
{
    public IReadOnlyList<Finding> Findings { get; init; } = Array.Empty<Finding>();
    public bool IsPreferred { get; init; }

    /// <summary>True when applying the action creates a file (the editor must support resource operations).</summary>
    public bool CreatesFiles
    {
        get
        {
            foreach (var edit in Edits)
                if (edit.CreateFile) return true;
            return false;
        }
    }
}
