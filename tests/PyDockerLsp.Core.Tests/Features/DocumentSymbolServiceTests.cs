using System.Text;
using PyDockerLsp.Core.Features.Symbols;
using PyDockerLsp.Core.Syntax.Dockerfile;

namespace PyDockerLsp.Core.Tests.Features;

/// <summary>The outline: global ARGs, then stages with their instructions; each symbol shown as
/// <c>name [kind] «selected text» (detail)</c>, children indented.</summary>
public class DocumentSymbolServiceTests
{
    private static string Outline(string text)
    {
        var syntax = DockerfileParser.Parse(text);
        var sb = new StringBuilder();
        foreach (var symbol in DocumentSymbolService.GetSymbols(syntax)) Render(symbol, text, 0, sb);
        return sb.ToString();
    }

    private static void Render(DocumentSymbolNode symbol, string text, int depth, StringBuilder sb)
    {
        Assert.True(symbol.Span.Contains(symbol.SelectionSpan), $"{symbol.Name}: the selection lies outside the symbol");
        sb.Append(new string(' ', depth * 2)).Append(symbol.Name).Append(" [").Append(symbol.Kind).Append("] «")
          .Append(text.Substring(symbol.SelectionSpan.Start, symbol.SelectionSpan.Length)).Append('»');
        if (symbol.Detail is not null) sb.Append(" (").Append(symbol.Detail).Append(')');
        sb.Append('\n');
        foreach (var child in symbol.Children)
        {
            Assert.True(symbol.Span.Contains(child.Span), $"{child.Name} lies outside {symbol.Name}");
            Render(child, text, depth + 1, sb);
        }
    }

    /// <summary>name, Dockerfile, outline.</summary>
    public static TheoryData<string, string, string> Documents => new()
    {
        {
            "global ARGs, named stages, an unnamed final stage",
            "ARG PYTHON_VERSION=3.12\n" +
            "FROM python:${PYTHON_VERSION}-slim AS Builder\n" +
            "ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1\n" +
            "RUN --mount=type=cache,target=/root/.cache/pip \\\n    pip install -r requirements.txt\n" +
            "FROM python:3.12-slim\n" +
            "COPY --from=builder /venv /venv\n" +
            "USER app\n" +
            "CMD [\"python\", \"-m\", \"app\"]\n",
            "ARG [TypeParameter] «ARG» (PYTHON_VERSION=3.12)\n" +
            "  PYTHON_VERSION [Variable] «PYTHON_VERSION» (3.12)\n" +
            "Builder [Class] «Builder» (python:${PYTHON_VERSION}-slim)\n" +
            "  ENV [Constant] «ENV» (PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1)\n" +
            "    PYTHONDONTWRITEBYTECODE [Variable] «PYTHONDONTWRITEBYTECODE» (1)\n" +
            "    PYTHONUNBUFFERED [Variable] «PYTHONUNBUFFERED» (1)\n" +
            "  RUN [Function] «RUN» (--mount=type=cache,target=/root/.cache/pip pip install -r r…)\n" +
            "stage 1 [Module] «FROM» (python:3.12-slim · final)\n" +
            "  COPY [File] «COPY» (--from=builder /venv /venv)\n" +
            "  USER [Key] «USER» (app)\n" +
            "  CMD [Method] «CMD» ([\"python\", \"-m\", \"app\"])\n"
        },
        {
            "a stage built on another, and an ARG inside a stage",
            "FROM python:3.12-slim AS base\nARG APP_ENV\nFROM base AS test\nRUN pytest\n",
            "base [Class] «base» (python:3.12-slim)\n" +
            "  ARG [TypeParameter] «ARG» (APP_ENV)\n" +
            "    APP_ENV [Variable] «APP_ENV»\n" +
            "test [Class] «test» (FROM base · final)\n" +
            "  RUN [Function] «RUN» (pytest)\n"
        },
        {
            "no FROM at all",
            "RUN echo hi\n",
            "RUN [Function] «RUN» (echo hi)\n"
        },
        { "an empty document", "", "" },
    };

    [Theory]
    [MemberData(nameof(Documents))]
    public void The_outline_lists_stages_with_their_instructions(string _, string dockerfile, string expected) =>
        Assert.Equal(expected, Outline(dockerfile));

    [Fact]
    public void A_stage_spans_from_its_FROM_to_its_last_instruction()
    {
        var text = "FROM python:3.12-slim AS a\nRUN echo 1\n\n# next\nFROM a\nCMD [\"x\"]\n";
        var stages = DocumentSymbolService.GetSymbols(DockerfileParser.Parse(text));
        Assert.Equal("FROM python:3.12-slim AS a\nRUN echo 1", text.Substring(stages[0].Span.Start, stages[0].Span.Length));
        Assert.Equal("FROM a\nCMD [\"x\"]", text.Substring(stages[1].Span.Start, stages[1].Span.Length));
        Assert.Equal(0, stages[0].Range.Start.Line);
        Assert.Equal(1, stages[0].Range.End.Line);
    }
}
