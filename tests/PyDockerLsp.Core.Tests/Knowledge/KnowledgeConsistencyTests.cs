using PyDockerLsp.Core.Features.Knowledge;

namespace PyDockerLsp.Core.Tests.Knowledge;

/// <summary>Facts repeated across the knowledge base must agree with each other and with the seeds.</summary>
public class KnowledgeConsistencyTests
{
    private static IEnumerable<(string Where, string Text)> AllTexts()
    {
        foreach (var d in InstructionDocs.All) yield return (d.Keyword, d.ToMarkdown());
        foreach (var f in FlagDocs.All) yield return (f.Instruction + " " + f.Name, f.ToMarkdown());
        foreach (var t in FlagDocs.MountTypes) yield return ("type=" + t.Type, t.ToMarkdown());
        foreach (var o in FlagDocs.MountOptions) yield return (o.MountType + " " + o.Key, o.ToMarkdown());
        foreach (var e in EnvVarDocs.All) yield return (e.Name, e.ToMarkdown());
        foreach (var s in CompletionCatalog.Instructions.Concat(CompletionCatalog.MountSnippets)) yield return (s.Label, s.Snippet + " " + s.Detail);
    }

    [Fact]
    public void Every_cache_directory_mentioned_anywhere_is_a_real_one()
    {
        var known = PackageCaches.All.Select(c => c.HomeRelativeTarget).OfType<string>().ToHashSet();
        foreach (var (where, text) in AllTexts())
        {
            int at = 0;
            while ((at = text.IndexOf(".cache/", at, StringComparison.Ordinal)) >= 0)
            {
                int end = at + ".cache/".Length;
                while (end < text.Length && (char.IsAsciiLetterOrDigit(text[end]) || text[end] == '_')) end++;
                var mentioned = text[at..end];
                Assert.True(known.Contains(mentioned) || mentioned == ".cache/", where + " mentions an unknown cache directory " + mentioned);
                at = end;
            }
        }
    }

    [Fact]
    public void The_venv_is_put_on_PATH_the_same_way_everywhere()
    {
        foreach (var (where, text) in AllTexts())
            if (text.Contains("ENV PATH=", StringComparison.Ordinal))
                Assert.True(text.Contains("ENV PATH=\"/opt/venv/bin:$PATH\"", StringComparison.Ordinal)
                    || text.Contains("PATH=\"$VIRTUAL_ENV/bin:$PATH\"", StringComparison.Ordinal), where);
    }

    [Fact]
    public void Size_classes_in_hovers_follow_the_seeds()
    {
        Assert.Contains("~1 GB", BaseImageDocs.Hover(BaseImageDocs.AnalyzeReference("python:3.12")));
        Assert.Contains("~120–150 MB", BaseImageDocs.Hover(BaseImageDocs.AnalyzeReference("python:3.12-slim")));
        Assert.Contains("~50 MB", BaseImageDocs.Hover(BaseImageDocs.AnalyzeReference("python:3.12-alpine")));
        Assert.Contains("~50–60 MB", BaseImageDocs.Hover(BaseImageDocs.AnalyzeReference("gcr.io/distroless/python3-debian12")));
        Assert.Contains("~120–150 MB", InstructionDocs.Find("FROM")!.PythonAdvice);
    }

    [Fact]
    public void No_text_anywhere_is_unfinished()
    {
        foreach (var (where, text) in AllTexts()) DocText.AssertText(text, where);
    }
}
