using PyDockerLsp.Core.Features.Hovers;
using PyDockerLsp.Core.Text;
using static PyDockerLsp.Core.Tests.Features.FeatureFixture;

namespace PyDockerLsp.Core.Tests.Features;

/// <summary>What the hover shows where the pointer rests (‸ marks it), and which part of the text it explains.</summary>
public class HoverServiceTests
{
    private const string Stages =
        "ARG PYTHON_VERSION=3.12\n" +
        "FROM python:${PYTHON_VERSION}-slim AS builder\n" +
        "RUN --mount=type=cache,target=/root/.cache/pip,sharing=locked pip install -r requirements.txt\n" +
        "FROM builder AS final\n" +
        "ENV PYTHONUNBUFFERED=1 APP_HOME=/app\n" +
        "ARG PIP_INDEX_URL\n" +
        "COPY --from=builder --chown=app:app /venv /venv\n" +
        "CMD [\"python\", \"-m\", \"app\"]\n";

    /// <summary>name, document with ‸, expected title line (prefix), expected text under the hover.</summary>
    public static TheoryData<string, string, string, string> Elements => new()
    {
        { "instruction keyword", Mark(Stages, "R‸UN --mount"), "**`RUN`** — ", "RUN" },
        { "keyword of the first FROM", Mark(Stages, "F‸ROM python"), "**`FROM`** — ", "FROM" },
        { "flag name", Mark(Stages, "--mo‸unt=type"), "**`RUN --mount`** — ", "--mount=type=cache,target=/root/.cache/pip,sharing=locked" },
        { "mount type", Mark(Stages, "type=ca‸che"), "**`--mount=type=cache`** — ", "type=cache" },
        { "mount option key", Mark(Stages, "tar‸get=/root"), "**`target`** (cache mount) — ", "target" },
        { "mount option alias key", Mark(Stages.Replace("target=", "dst="), "ds‸t=/root"), "**`target`** (cache mount) — ", "dst" },
        { "mount option value shows the mount type", Mark(Stages, "/root/.ca‸che"), "**`--mount=type=cache`** — ", "target=/root/.cache/pip" },
        { "sharing option", Mark(Stages, "shar‸ing=locked"), "**`sharing`** (cache mount) — ", "sharing" },
        { "image with a variable expands the global ARG", Mark(Stages, "pyth‸on:${"), "**`python:3.12-slim`** — ", "python:${PYTHON_VERSION}-slim" },
        { "FROM an earlier stage", Mark(Stages, "FROM buil‸der"), "**Stage `builder`** — stage 1 of 2, line 2", "builder" },
        { "the stage's own name", Mark(Stages, "AS fin‸al"), "**Stage `final`** — stage 2 of 2, line 4, the final stage", "final" },
        { "ENV key", Mark(Stages, "PYTHONUNBUF‸FERED"), "**`PYTHONUNBUFFERED`** — ", "PYTHONUNBUFFERED" },
        { "ARG name", Mark(Stages, "ARG PIP_IN‸DEX_URL"), "**`PIP_INDEX_URL`** — ", "PIP_INDEX_URL" },
        { "COPY --from value names the stage", Mark(Stages, "--from=buil‸der"), "**Stage `builder`**", "builder" },
        { "COPY --from flag name", Mark(Stages, "--fr‸om=builder"), "**`COPY --from`** — ", "--from=builder" },
        { "COPY --chown", Mark(Stages, "--ch‸own"), "**`COPY --chown`** — ", "--chown=app:app" },
        { "lower-case keyword", "from python:3.12-slim\nr‸un echo hi\n", "**`RUN`** — ", "run" },
        { "a full python image tag", "FROM python:3.1‸2\n", "**`python:3.12`** — ", "python:3.12" },
        { "COPY --from an image", "FROM python:3.12-slim\nCOPY --from=ghcr.io/astral-sh/u‸v:0.5 /uv /bin/\n", "**`ghcr.io/astral-sh/uv:0.5`** — ", "ghcr.io/astral-sh/uv:0.5" },
        { "mount from= a stage", "FROM python:3.12-slim AS deps\nFROM python:3.12-slim\nRUN --mount=from=de‸ps,source=/w,target=/w ls\n", "**Stage `deps`**", "deps" },
        { "ONBUILD trigger keyword", "FROM python:3.12-slim\nONBUILD C‸OPY . /app\n", "**`COPY`** — ", "COPY" },
    };

    [Theory]
    [MemberData(nameof(Elements))]
    public void Hover_on_a_syntax_element_explains_it(string _, string marked, string expectedTitle, string expectedHovered)
    {
        var (text, offset) = WithCursor(marked);
        var hover = HoverService.GetHover(SyntaxOnly(text), offset);
        Assert.NotNull(hover);
        Assert.StartsWith(expectedTitle, FirstLine(hover.Markdown));
        Assert.Equal(expectedHovered, text.Substring(hover.Span.Start, hover.Span.Length));
        Assert.Equal(new SourceText(text).GetRange(hover.Span), hover.Range);
    }

    /// <summary>name, document with ‸: places without anything to explain.</summary>
    public static TheoryData<string, string> Nothing => new()
    {
        { "a comment", "# bu‸ild the app\nFROM python:3.12-slim\n" },
        { "a shell command", "FROM python:3.12-slim\nRUN ec‸ho hello\n" },
        { "an undocumented ENV key", "FROM python:3.12-slim\nENV MY_SET‸TING=1\n" },
        { "an ENV value", "FROM python:3.12-slim\nENV PYTHONUNBUFFERED=‸1\n" },
        { "a blank line", "FROM python:3.12-slim\n‸\nRUN echo\n" },
        { "a COPY source", "FROM python:3.12-slim\nCOPY sr‸c/ /app/\n" },
    };

    [Theory]
    [MemberData(nameof(Nothing))]
    public void Hover_elsewhere_shows_nothing(string _, string marked)
    {
        var (text, offset) = WithCursor(marked);
        Assert.Null(HoverService.GetHover(SyntaxOnly(text), offset));
    }

    [Fact]
    public void Hover_on_a_rule_finding_shows_the_rule_explanation_first_then_the_element()
    {
        var (text, offset) = WithCursor("FROM python:3.12-slim\nCMD gun‸icorn app:app\n");
        var analysis = Analyze(text);
        var hover = HoverService.GetHover(analysis, offset)!;
        var parts = hover.Markdown.Split(HoverService.Separator);
        Assert.StartsWith("**PD502** `shell-form-command` — runtime", parts[0]);
        Assert.Contains("shell form", parts[0]);
        Assert.Contains("*Fix:* Convert the command to a JSON array", parts[0]);
        Assert.Contains("docs/rules.md#pd502-shell-form-command", parts[0]);
        Assert.Equal("gunicorn app:app", text.Substring(hover.Span.Start, hover.Span.Length));
    }

    [Fact]
    public void Hover_on_a_syntax_finding_shows_the_syntax_code_documentation()
    {
        var (text, offset) = WithCursor("FROM python:3.12-slim\nRU‸NN echo\n");
        var hover = HoverService.GetHover(Analyze(text), offset)!;
        Assert.StartsWith("**PD001** `unknown-instruction` — syntax", hover.Markdown);
        Assert.Contains("docs/rules.md#pd001-unknown-instruction", hover.Markdown);
    }

    [Fact]
    public void Several_findings_under_the_pointer_are_all_shown_in_order_separated_by_a_rule()
    {
        var text = "FROM python:3.12-slim\nCMD gunicorn app:app\n";
        var analysis = Analyze(text);
        var command = SpanOf(text, "gunicorn app:app");
        var extra = Finding(analysis, "PD009", TextSpan.FromBounds(command.Start, command.Start + 8), "A second problem here.");
        analysis = analysis with { Findings = analysis.Findings.Append(extra).ToList() };

        var hover = HoverService.GetHover(analysis, command.Start + 2)!;
        var parts = hover.Markdown.Split(HoverService.Separator);
        Assert.Equal(2, parts.Length);
        Assert.StartsWith("**PD502**", parts[0]);
        Assert.StartsWith("**PD009** `empty-continuation-line` — syntax", parts[1]);
        Assert.Contains("A second problem here.", parts[1]);
        Assert.Equal(command, hover.Span);
    }

    [Fact]
    public void A_finding_and_the_element_under_it_are_both_shown()
    {
        var text = "FROM python:3.12-slim\nRUN echo\n";
        var analysis = SyntaxOnly(text);
        var keyword = SpanOf(text, "RUN");
        analysis = analysis with { Findings = new[] { Finding(analysis, "PD502", keyword, "Something about RUN.") } };
        var parts = HoverService.GetHover(analysis, keyword.Start + 1)!.Markdown.Split(HoverService.Separator);
        Assert.Equal(2, parts.Length);
        Assert.StartsWith("**PD502**", parts[0]);
        Assert.StartsWith("**`RUN`**", parts[1]);
    }

    [Fact]
    public void Findings_in_other_files_do_not_show_in_the_Dockerfile()
    {
        var text = "FROM python:3.12-slim\nRUN echo\n";
        var analysis = SyntaxOnly(text);
        var elsewhere = Finding(analysis, "PD502", SpanOf(text, "RUN"), "In another file.") with { Path = Root + "/requirements.txt" };
        analysis = analysis with { Findings = new[] { elsewhere } };
        Assert.DoesNotContain("PD502", HoverService.GetHover(analysis, 23)!.Markdown);
    }

    private static string Mark(string text, string markedPart)
    {
        var plain = markedPart.Replace("‸", "");
        int at = text.IndexOf(plain, StringComparison.Ordinal);
        Assert.True(at >= 0, plain);
        return text.Substring(0, at) + markedPart + text.Substring(at + plain.Length);
    }
}
