using PyDockerLsp.Core.Features.Completion;
using PyDockerLsp.Core.Features.Knowledge;
using PyDockerLsp.Core.Text;
using static PyDockerLsp.Core.Tests.Features.FeatureFixture;

namespace PyDockerLsp.Core.Tests.Features;

/// <summary>What completion proposes where the cursor (‸) is, filtered by the word being typed.</summary>
public class CompletionServiceTests
{
    private static IReadOnlyList<CompletionEntry> Complete(string marked, CompletionSettings? settings = null)
    {
        var (text, offset) = WithCursor(marked);
        return CompletionService.GetCompletions(new SourceText(text), offset, settings);
    }

    private static List<string> Labels(string marked) => Complete(marked).Select(e => e.Label).ToList();

    private static readonly string[] AllKeywords = InstructionDocs.Keywords.ToArray();

    /// <summary>name, document with ‸, exactly the labels proposed, in order.</summary>
    public static TheoryData<string, string, string[]> Exact => new()
    {
        { "keyword prefix", "FROM python:3.12-slim\nCO‸", new[] { "COPY" } },
        { "keyword prefix typed in lower case", "FROM python:3.12-slim\nru‸", new[] { "RUN" } },
        { "mount types", "FROM python:3.12-slim\nRUN --mount=type=‸", CompletionCatalog.MountTypes.ToArray() },
        { "mount type prefix", "FROM python:3.12-slim\nRUN --mount=type=ca‸", new[] { "cache" } },
        { "cache mount options without those already given", "FROM python:3.12-slim\nRUN --mount=type=cache,‸",
            CompletionCatalog.MountOptionKeys("cache").ToArray() },
        { "option prefix", "FROM python:3.12-slim\nRUN --mount=type=cache,target=/root/.cache/pip,sh‸", new[] { "sharing" } },
        { "sharing values", "FROM python:3.12-slim\nRUN --mount=type=cache,target=/x,sharing=‸", new[] { "shared", "private", "locked" } },
        { "cache targets of the installers", "FROM python:3.12-slim\nRUN --mount=type=cache,target=/root/.cache/p‸",
            new[] { "/root/.cache/pip", "/root/.cache/pypoetry", "/root/.cache/pipenv" } },
        { "a mount without type= proposes type first", "FROM python:3.12-slim\nRUN --mount=t‸", new[] { "type", "target" } },
        { "python tags after FROM python:3.13-", "FROM python:3.13-‸",
            new[] { "3.13-slim", "3.13-slim-trixie", "3.13-slim-bookworm", "3.13-alpine" } },
        { "ENV name prefix", "FROM python:3.12-slim\nENV PYTHONUNB‸", new[] { "PYTHONUNBUFFERED" } },
        { "ENV second pair", "FROM python:3.12-slim\nENV PYTHONUNBUFFERED=1 PYTHONDONT‸", new[] { "PYTHONDONTWRITEBYTECODE" } },
        { "stages after COPY --from=", "FROM python:3.12-slim AS builder\nFROM python:3.12-slim AS test\nFROM python:3.12-slim\nCOPY --from=‸",
            new[] { "builder", "test" } },
        { "unnamed stages by index", "FROM python:3.12-slim\nFROM python:3.12-slim\nCOPY --from=‸", new[] { "0" } },
        { "earlier stages and python after FROM", "FROM python:3.12-slim AS builder\nFROM ‸", new[] { "builder", "python" } },
        { "AS after the image", "FROM python:3.12-slim ‸", new[] { "AS" } },
        { "flags of COPY", "FROM python:3.12-slim\nCOPY --c‸", new[] { "--chown", "--chmod" } },
        { "flag values", "FROM python:3.12-slim\nRUN --network=‸", CompletionCatalog.FlagValues("RUN", "--network").ToArray() },
        { "HEALTHCHECK type", "FROM python:3.12-slim\nHEALTHCHECK --interval=30s ‸", new[] { "CMD", "NONE" } },
        { "a flag on a continuation line", "FROM python:3.12-slim\nRUN --mount=type=cache,target=/root/.cache/pip \\\n    --ne‸", new[] { "--network" } },
        { "past a comment inside the continuation", "FROM python:3.12-slim\nRUN --network=none \\\n# a note\n    --mount=type=‸",
            CompletionCatalog.MountTypes.ToArray() },
        { "ONBUILD trigger keyword", "FROM python:3.12-slim\nONBUILD RU‸", new[] { "RUN" } },
    };

    [Theory]
    [MemberData(nameof(Exact))]
    public void Proposes_exactly(string _, string marked, string[] expected) =>
        Assert.Equal(expected, Labels(marked));

    /// <summary>name, document with ‸: no proposals.</summary>
    public static TheoryData<string, string> None => new()
    {
        { "in a comment", "# FR‸" },
        { "in a shell command", "FROM python:3.12-slim\nRUN pip inst‸" },
        { "in a heredoc body", "FROM python:3.12-slim\nRUN <<EOF\nRU‸\nEOF\n" },
        { "an ENV value", "FROM python:3.12-slim\nENV PYTHONUNBUFFERED=‸" },
        { "the legacy ENV form's value", "FROM python:3.12-slim\nENV APP_HOME ‸" },
        { "a tag of another image", "FROM node:2‸" },
        { "a COPY source", "FROM python:3.12-slim\nCOPY src ‸" },
        { "an unknown keyword prefix", "FROM python:3.12-slim\nXY‸" },
    };

    [Theory]
    [MemberData(nameof(None))]
    public void Proposes_nothing(string _, string marked) => Assert.Empty(Labels(marked));

    [Fact]
    public void Every_instruction_is_proposed_on_an_empty_line_with_its_snippet()
    {
        var entries = Complete("FROM python:3.12-slim\n‸");
        Assert.Equal(AllKeywords, entries.Select(e => e.Label));
        var from = entries.Single(e => e.Label == "FROM");
        Assert.True(from.IsSnippet);
        Assert.StartsWith("FROM ${1:python:", from.InsertText);
        Assert.StartsWith("**`FROM`**", from.Documentation);
    }

    [Fact]
    public void Without_snippet_support_snippets_become_their_default_text()
    {
        var from = Complete("FR‸", new CompletionSettings { SnippetSupport = false }).Single();
        Assert.False(from.IsSnippet);
        Assert.Equal("FROM python:" + BaseImageDocs.ExamplePythonVersion + "-slim AS builder", from.InsertText);
    }

    [Fact]
    public void After_FROM_python_colon_the_recommended_tags_are_listed_and_replace_only_the_tag()
    {
        var (text, offset) = WithCursor("FROM python:‸");
        var entries = CompletionService.GetCompletions(new SourceText(text), offset);
        Assert.Equal(CompletionCatalog.PythonImageTags, entries.Select(e => e.Label));
        Assert.Contains("3.13-slim", entries.Select(e => e.Label));
        Assert.All(entries, e => Assert.Equal(TextSpan.Empty(offset), e.ReplaceSpan));
        Assert.StartsWith("**`python:3.13-slim`**", entries.Single(e => e.Label == "3.13-slim").Documentation);
    }

    [Fact]
    public void The_word_being_typed_is_what_a_proposal_replaces()
    {
        var (text, offset) = WithCursor("FROM python:3.12-slim\nRUN --mount=type=ca‸ pip install x");
        var cache = CompletionService.GetCompletions(new SourceText(text), offset).Single();
        Assert.Equal("ca", text.Substring(cache.ReplaceSpan.Start, cache.ReplaceSpan.Length));
        Assert.Equal(new LineRange(new LinePosition(1, 17), new LinePosition(1, 19)), cache.ReplaceRange);
    }

    [Fact]
    public void RUN_proposes_its_flags_and_the_ready_made_cache_mounts()
    {
        var entries = Complete("FROM python:3.12-slim\nRUN --mo‸");
        Assert.Equal("--mount", entries[0].Label);
        Assert.Equal("--mount=", entries[0].InsertText);
        Assert.True(entries[0].Retrigger);
        var pip = entries.Single(e => e.Label == "cache mount for pip");
        Assert.Equal("--mount=type=cache,target=/root/.cache/pip", pip.FilterText);
    }

    [Fact]
    public void ENV_names_insert_the_equals_sign()
    {
        var entry = Complete("FROM python:3.12-slim\nENV PYTHONDONTWRITE‸").Single();
        Assert.Equal("PYTHONDONTWRITEBYTECODE=", entry.InsertText);
        Assert.Equal(CompletionEntryKind.Variable, entry.Kind);
    }

    [Theory]
    [InlineData("${1:python:3.13-slim} AS ${2:builder}", "python:3.13-slim AS builder")]
    [InlineData("RUN $1 \\$HOME ${2} done", "RUN  $HOME  done")]
    [InlineData("a \\\\ b \\} c", "a \\ b } c")]
    public void Snippets_read_as_plain_text(string snippet, string plain) => Assert.Equal(plain, Snippets.ToPlainText(snippet));
}
