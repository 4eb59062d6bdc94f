using System.Text;
using PyDockerLsp.Core.Text;

namespace PyDockerLsp.Core.Features.Completion;

/// <summary>What a completion proposes; the fronts map it to their own item kinds.</summary>
public enum CompletionEntryKind { Keyword, Flag, Value, ImageTag, Variable, Snippet, Stage, Option }

/// <summary>What the client can take: LSP snippets (<c>${1:default}</c>) or plain text only.</summary>
public sealed record CompletionSettings
{
    public static readonly CompletionSettings Default = new();

    public bool SnippetSupport { get; init; } = true;
}

/// <summary>
/// One proposal: the label shown, what replaces <see cref="ReplaceSpan"/> (the word being typed), and its
/// documentation in Markdown. <see cref="Retrigger"/> asks the editor to complete again right after insertion
/// (after <c>--mount=</c> or <c>type=</c>, where the next choice follows at once).
/// </summary>
public sealed record CompletionEntry(string Label, CompletionEntryKind Kind, string InsertText, TextSpan ReplaceSpan, LineRange ReplaceRange)
{
    public string? Detail { get; init; }
    public string? Documentation { get; init; }
    /// <summary>True when <see cref="InsertText"/> is an LSP snippet.</summary>
    public bool IsSnippet { get; init; }
    /// <summary>The text the editor matches the typed word against, when it differs from the label.</summary>
    public string? FilterText { get; init; }
    /// <summary>Orders the proposals (the order they are listed in).</summary>
    public string SortText { get; init; } = "";
    public bool Retrigger { get; init; }
}

/// <summary>LSP snippet text (<c>${1:default}</c>, <c>$1</c>, <c>\$</c>) for clients that take plain text only.</summary>
public static class Snippets
{
    /// <summary>The text a snippet inserts when every placeholder keeps its default.</summary>
    public static string ToPlainText(string snippet)
    {
        var sb = new StringBuilder(snippet.Length);
        int i = 0;
        while (i < snippet.Length)
        {
            char c = snippet[i];
            if (c == '\\' && i + 1 < snippet.Length && snippet[i + 1] is '$' or '}' or '\\')
            {
                sb.Append(snippet[i + 1]);
                i += 2;
            }
            else if (c == '$' && i + 1 < snippet.Length && char.IsAsciiDigit(snippet[i + 1]))
            {
                i++;
                while (i < snippet.Length && char.IsAsciiDigit(snippet[i])) i++;
            }
            else if (c == '$' && i + 2 < snippet.Length && snippet[i + 1] == '{' && char.IsAsciiDigit(snippet[i + 2]))
            {
                i += 2;
                while (i < snippet.Length && char.IsAsciiDigit(snippet[i])) i++;
                if (i < snippet.Length && snippet[i] == ':') i++;
                // The default runs to the matching brace (defaults here hold no nested placeholders).
                while (i < snippet.Length && snippet[i] != '}')
                {
                    if (snippet[i] == '\\' && i + 1 < snippet.Length) i++;
                    sb.Append(snippet[i]);
                    i++;
                }
                i++;
            }
            else
            {
                sb.Append(c);
                i++;
            }
        }
        return sb.ToString();
    }

    /// <summary>Escapes text for use inside a snippet.</summary>
    public static string Escape(string text) => text.Replace("\\", "\\\\").Replace("$", "\\$").Replace("}", "\\}");
}
