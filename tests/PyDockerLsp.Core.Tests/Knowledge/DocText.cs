namespace PyDockerLsp.Core.Tests.Knowledge;

/// <summary>What every piece of knowledge-base text must satisfy: present, finished, short, well-formed Markdown.</summary>
internal static class DocText
{
    /// <summary>A hover is read in seconds: at most this many source lines, blank lines and fences included.</summary>
    public const int MaxHoverLines = 16;

    /// <summary>Examples stay small.</summary>
    public const int MaxExampleLines = 5;

    private static readonly string[] UnfinishedMarkers = { "TODO", "FIXME", "TBD", "XXX", "lorem" };

    public static void AssertText(string? text, string what)
    {
        Assert.False(string.IsNullOrWhiteSpace(text), what + " is empty");
        foreach (var marker in UnfinishedMarkers)
            Assert.False(text!.Contains(marker, StringComparison.OrdinalIgnoreCase), what + " contains " + marker + ": " + text);
        Assert.True(text!.Count(c => c == '`') % 2 == 0, what + " has an unbalanced backtick: " + text);
        Assert.Equal(text, text.Trim());
    }

    public static void AssertOneLine(string text, string what)
    {
        AssertText(text, what);
        Assert.DoesNotContain('\n', text);
    }

    public static void AssertExample(string? example, string what)
    {
        if (example is null) return;
        AssertText(example, what);
        var lines = example.Split('\n');
        Assert.True(lines.Length <= MaxExampleLines, what + " has " + lines.Length + " lines");
        Assert.All(lines, line => Assert.False(line.EndsWith(' '), what + " has trailing spaces"));
    }

    public static void AssertHover(string markdown)
    {
        AssertText(markdown, "hover");
        var lines = markdown.Split('\n');
        Assert.True(lines.Length <= MaxHoverLines, "hover has " + lines.Length + " lines:\n" + markdown);
        Assert.True(lines.Count(line => line.StartsWith("```", StringComparison.Ordinal)) % 2 == 0, "unclosed code fence:\n" + markdown);
        Assert.StartsWith("**`", markdown);
    }
}
