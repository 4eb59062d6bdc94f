using System.Text;

namespace PyDockerLsp.Core.Features.Knowledge;

/// <summary>
/// The one place that decides how a hover looks, so every hover reads the same way:
/// a bold title line with a short summary, short paragraphs, labelled notes (<c>**Python:** …</c>),
/// and at most one fenced <c>dockerfile</c> example of the better form. A "Learn more" link is
/// added by the caller (it knows where the docs live) through <see cref="AppendLearnMore"/>.
/// </summary>
public static class HoverMarkdown
{
    /// <summary>The language id of the fenced examples.</summary>
    public const string ExampleLanguage = "dockerfile";

    /// <summary><c>**`name`** — summary</c>, or <c>**`name`** (qualifier) — summary</c>: the first line of every hover.</summary>
    public static string TitleLine(string name, string summary, string? qualifier = null) =>
        "**" + InlineCode(name) + "**" + (qualifier is null ? "" : " (" + qualifier + ")") + " — " + summary;

    /// <summary><c>**label:** text</c>, for notes such as "Python", "Default" or "Recommended".</summary>
    public static string Labeled(string label, string text) => "**" + label + ":** " + text;

    /// <summary>Inline code that survives backticks inside <paramref name="text"/> (the fence is one longer
    /// than the longest backtick run, and padded with spaces when the text starts or ends with one).</summary>
    public static string InlineCode(string text)
    {
        int longestRun = LongestBacktickRun(text);
        var fence = new string('`', longestRun + 1);
        bool pad = text.Length > 0 && (text[0] == '`' || text[^1] == '`');
        return pad ? fence + " " + text + " " + fence : fence + text + fence;
    }

    /// <summary>A fenced code block; the fence is longer than any backtick run inside the code.</summary>
    public static string CodeBlock(string code, string language = ExampleLanguage)
    {
        var fence = new string('`', Math.Max(3, LongestBacktickRun(code) + 1));
        return fence + language + "\n" + code.TrimEnd('\r', '\n') + "\n" + fence;
    }

    /// <summary>Joins the non-empty blocks with one blank line between them.</summary>
    public static string Join(params string?[] blocks)
    {
        var sb = new StringBuilder();
        foreach (var block in blocks)
        {
            if (string.IsNullOrWhiteSpace(block)) continue;
            if (sb.Length > 0) sb.Append("\n\n");
            sb.Append(block.Trim('\r', '\n'));
        }
        return sb.ToString();
    }

    /// <summary>The "Learn more" line: <c>Learn more: [label](url)</c>.</summary>
    public static string LearnMore(string label, string url) => "Learn more: [" + label + "](" + url + ")";

    /// <summary>Adds the "Learn more" line as the last paragraph of a hover.</summary>
    public static string AppendLearnMore(string markdown, string label, string url) =>
        Join(markdown, LearnMore(label, url));

    private static int LongestBacktickRun(string text)
    {
        int longest = 0, run = 0;
        foreach (var c in text)
        {
            run = c == '`' ? run + 1 : 0;
            if (run > longest) longest = run;
        }
        return longest;
    }
}
