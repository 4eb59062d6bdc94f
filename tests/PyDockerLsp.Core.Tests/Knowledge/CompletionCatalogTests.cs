using PyDockerLsp.Core.Features.Knowledge;

namespace PyDockerLsp.Core.Tests.Knowledge;

public class CompletionCatalogTests
{
    [Fact]
    public void Every_instruction_has_a_snippet_starting_with_its_keyword()
    {
        Assert.Equal(InstructionDocs.Keywords, CompletionCatalog.Instructions.Select(c => c.Label));
        Assert.All(CompletionCatalog.Instructions, c => Assert.StartsWith(c.Label + " ", c.Snippet));
        Assert.All(CompletionCatalog.Instructions, c => Assert.Equal(InstructionDocs.Find(c.Label)!.Summary, c.Detail));
    }

    public static IEnumerable<object[]> AllSnippets =>
        CompletionCatalog.Instructions.Concat(CompletionCatalog.MountSnippets).Select(c => new object[] { c.Label, c.Snippet });

    [Theory]
    [MemberData(nameof(AllSnippets))]
    public void Snippets_are_well_formed_LSP_snippets(string label, string snippet) =>
        Assert.True(IsWellFormedSnippet(snippet), label + ": " + snippet);

    [Theory]
    [InlineData("${1:a} $2 $0 \\$HOME \\} \\\\", true)]
    [InlineData("ENV PATH=$PATH", false)]          // a literal $ must be escaped
    [InlineData("${1:a", false)]
    [InlineData("${x:a}", false)]
    [InlineData("${1:${2:nested}}", true)]
    public void The_snippet_checker_itself_tells_good_from_bad(string snippet, bool wellFormed) =>
        Assert.Equal(wellFormed, IsWellFormedSnippet(snippet));

    [Fact]
    public void Flag_names_come_from_the_flag_docs()
    {
        Assert.Equal(new[] { "--mount", "--network", "--security", "--device" }, CompletionCatalog.FlagNames("RUN"));
        Assert.Equal(new[] { "--platform" }, CompletionCatalog.FlagNames("FROM"));
        Assert.Empty(CompletionCatalog.FlagNames("CMD"));
        Assert.Equal(new[] { "default", "none", "host" }, CompletionCatalog.FlagValues("RUN", "--network"));
    }

    [Fact]
    public void Mount_types_options_and_values()
    {
        Assert.Equal(new[] { "cache", "bind", "secret", "ssh", "tmpfs" }, CompletionCatalog.MountTypes);
        Assert.Contains("sharing", CompletionCatalog.MountOptionKeys("cache"));
        Assert.DoesNotContain("dst", CompletionCatalog.MountOptionKeys("cache"));
        Assert.Equal(new[] { "shared", "private", "locked" }, CompletionCatalog.MountOptionValues("cache", "sharing"));
        Assert.Empty(CompletionCatalog.MountOptionKeys("volume"));
    }

    [Theory]
    [InlineData("cache mount for pip", "--mount=type=cache,target=/root/.cache/pip")]
    [InlineData("cache mount for uv", "--mount=type=cache,target=/root/.cache/uv")]
    [InlineData("cache mount for Poetry", "--mount=type=cache,target=/root/.cache/pypoetry")]
    [InlineData("cache mount for Pipenv", "--mount=type=cache,target=/root/.cache/pipenv")]
    [InlineData("cache mount for apt", "--mount=type=cache,target=/var/cache/apt,sharing=locked --mount=type=cache,target=/var/lib/apt,sharing=locked")]
    public void Cache_mount_snippets_use_the_right_targets(string label, string snippet) =>
        Assert.Equal(snippet, CompletionCatalog.MountSnippets.Single(s => s.Label == label).Snippet);

    [Theory]
    [InlineData("3.13-slim")]
    [InlineData("3.12-slim")]
    [InlineData("3.11-slim")]
    [InlineData("3.13-slim-bookworm")]
    [InlineData("3.12-slim-trixie")]
    [InlineData("3.13-alpine")]
    [InlineData("3.13")]
    public void Python_tag_suggestions_include(string tag) => Assert.Contains(tag, CompletionCatalog.PythonImageTags);

    [Fact]
    public void Python_tag_suggestions_are_slim_first_and_all_pin_a_minor_version()
    {
        Assert.EndsWith("-slim", CompletionCatalog.PythonImageTags[0]);
        Assert.Equal(CompletionCatalog.PythonImageTags.Count, CompletionCatalog.PythonImageTags.Distinct().Count());
        foreach (var tag in CompletionCatalog.PythonImageTags)
        {
            var info = BaseImageDocs.Analyze(null, "python", tag, null);
            Assert.Equal(PinLevel.Minor, info.Pinning);
            Assert.NotEqual(ImageVariant.Unknown, info.Variant);
        }
    }

    [Fact]
    public void Env_var_names_are_the_documented_ones()
    {
        Assert.Equal(EnvVarDocs.Names, CompletionCatalog.EnvVarNames);
        Assert.Contains("PYTHONUNBUFFERED", CompletionCatalog.EnvVarNames);
        Assert.Contains("UV_LINK_MODE", CompletionCatalog.EnvVarNames);
    }

    /// <summary>
    /// LSP snippet grammar, reduced to what the catalog uses: <c>$n</c>, <c>${n}</c>, <c>${n:text}</c> (nesting allowed),
    /// and backslash escapes of <c>$</c>, <c>}</c> and <c>\</c>. Any other <c>$</c> is an error.
    /// </summary>
    private static bool IsWellFormedSnippet(string snippet)
    {
        int depth = 0;
        for (int i = 0; i < snippet.Length; i++)
        {
            char c = snippet[i];
            if (c == '\\')
            {
                if (i + 1 >= snippet.Length || snippet[i + 1] is not ('$' or '}' or '\\')) return false;
                i++;
            }
            else if (c == '$')
            {
                if (i + 1 < snippet.Length && char.IsAsciiDigit(snippet[i + 1])) { while (i + 1 < snippet.Length && char.IsAsciiDigit(snippet[i + 1])) i++; }
                else if (i + 2 < snippet.Length && snippet[i + 1] == '{' && char.IsAsciiDigit(snippet[i + 2]))
                {
                    i += 2;
                    while (i + 1 < snippet.Length && char.IsAsciiDigit(snippet[i + 1])) i++;
                    if (i + 1 < snippet.Length && snippet[i + 1] == ':') i++;
                    else if (!(i + 1 < snippet.Length && snippet[i + 1] == '}')) return false;
                    depth++;
                }
                else return false;
            }
            else if (c == '}' && depth > 0) depth--;
        }
        return depth == 0;
    }
}
