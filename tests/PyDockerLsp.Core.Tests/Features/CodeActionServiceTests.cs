using PyDockerLsp.Core.Analysis;
using PyDockerLsp.Core.Features.CodeActions;
using PyDockerLsp.Core.Text;
using static PyDockerLsp.Core.Tests.Features.FeatureFixture;

namespace PyDockerLsp.Core.Tests.Features;

/// <summary>Quick fixes in the order offered, refactorings, kind filters, and fix-all (convergence, idempotence).</summary>
public class CodeActionServiceTests
{
    private static string ApplyTo(string text, CodeActionItem action)
    {
        var edits = Assert.Single(action.Edits, e => e.Path == DockerfilePath).Edits;
        return TextEdits.Apply(text, edits.Select(e => new TextEdit(e.Span, e.NewText)));
    }

    private static IReadOnlyList<CodeActionItem> ActionsAt(string marked, IReadOnlyCollection<string>? only = null)
    {
        var (text, offset) = WithCursor(marked);
        return CodeActionService.GetCodeActions(Analyze(text), TextSpan.Empty(offset), only);
    }

    [Fact]
    public void The_exec_form_fix_of_PD502_comes_first_and_preferred_and_the_ignore_fix_last()
    {
        var (text, offset) = WithCursor("FROM python:3.12-slim\nCMD gunicorn ‸app:app --bind 0.0.0.0:8000\n");
        var actions = CodeActionService.GetCodeActions(Analyze(text), TextSpan.Empty(offset));
        Assert.Equal(new[] { "Convert CMD to exec form", "Ignore PD502 for this instruction" }, actions.Select(a => a.Title));
        var fix = actions[0];
        Assert.Equal(CodeActionKinds.QuickFix, fix.Kind);
        Assert.True(fix.IsPreferred);
        Assert.Equal("PD502", Assert.Single(fix.Findings).Code);
        Assert.Equal("FROM python:3.12-slim\nCMD [\"gunicorn\", \"app:app\", \"--bind\", \"0.0.0.0:8000\"]\n", ApplyTo(text, fix));
        var edit = Assert.Single(Assert.Single(fix.Edits).Edits);
        Assert.Equal(new LineRange(new LinePosition(1, 4), new LinePosition(1, 40)), edit.Range);
        Assert.Equal("FROM python:3.12-slim\n# pydocker: ignore=PD502\nCMD gunicorn app:app --bind 0.0.0.0:8000\n", ApplyTo(text, actions[1]));
    }

    [Fact]
    public void Preferred_fixes_of_all_findings_come_first_then_the_others_then_the_ignores()
    {
        var text = "FROM python:3.12-slim\nRUN echo one two\n";
        var analysis = SyntaxOnly(text);
        var one = SpanOf(text, "one");
        var two = SpanOf(text, "two");
        var ignoreA = Replace("Ignore PD901 for this instruction", TextSpan.Empty(22), "# pydocker: ignore=PD901\n", FixSafety.Unsafe);
        var ignoreB = Replace("Ignore PD902 for this instruction", TextSpan.Empty(22), "# pydocker: ignore=PD902\n", FixSafety.Unsafe);
        var a = Finding(analysis, "PD901", one, "first", Replace("Other fix of A", one, "1"), ignoreA);
        var b = Finding(analysis, "PD902", two, "second", Replace("Other fix of B", two, "2"), Replace("Preferred fix of B", two, "II", preferred: true), ignoreB);
        analysis = analysis with { Findings = new[] { a, b } };

        var actions = CodeActionService.QuickFixes(analysis, TextSpan.FromBounds(one.Start, two.End));
        Assert.Equal(new[]
        {
            "Preferred fix of B", "Other fix of A", "Other fix of B", "Ignore PD901 for this instruction", "Ignore PD902 for this instruction",
        }, actions.Select(x => x.Title));
        Assert.Equal(new[] { true, false, false, false, false }, actions.Select(x => x.IsPreferred));
    }

    [Fact]
    public void The_same_fix_offered_by_two_findings_is_one_action_attached_to_both()
    {
        var text = "FROM python:3.12-slim\nRUN echo one\n";
        var analysis = SyntaxOnly(text);
        var word = SpanOf(text, "one");
        var shared = Replace("Replace the word", word, "1");
        analysis = analysis with { Findings = new[] { Finding(analysis, "PD901", word, "a", shared), Finding(analysis, "PD902", word, "b", shared) } };
        var action = Assert.Single(CodeActionService.QuickFixes(analysis, word));
        Assert.Equal(new[] { "PD901", "PD902" }, action.Findings.Select(f => f.Code));
    }

    /// <summary>name, document with ‸ (a cursor), expected titles.</summary>
    public static TheoryData<string, string, string[]> Ranges => new()
    {
        { "cursor at the start of the finding", "FROM python:3.12-slim\nCMD ‸python app.py\n", new[] { "Convert CMD to exec form", "Ignore PD502 for this instruction" } },
        { "cursor at its end", "FROM python:3.12-slim\nCMD python app.py‸\n", new[] { "Convert CMD to exec form", "Ignore PD502 for this instruction" } },
        { "cursor on the keyword, outside the finding: the refactoring", "FROM python:3.12-slim\nC‸MD python app.py\n", new[] { "Convert CMD to exec form" } },
        { "a builder stage's shell form: a refactoring only", "FROM python:3.12-slim AS b\nCMD python ‸b.py\nFROM python:3.12-slim\nCMD [\"python\"]\n",
            new[] { "Convert CMD to exec form" } },
        { "legacy ENV", "FROM python:3.12-slim\nENV APP_HOME ‸/srv/app\n", new[] { "Write ENV APP_HOME as APP_HOME=value" } },
        { "legacy ENV with quotes is left alone", "FROM python:3.12-slim\nENV GREETING \"hi ‸there\"\n", Array.Empty<string>() },
        { "shell features cannot become exec form", "FROM python:3.12-slim AS b\nCMD python ‸$APP\nFROM python:3.12-slim\nCMD [\"python\"]\n", Array.Empty<string>() },
    };

    [Theory]
    [MemberData(nameof(Ranges))]
    public void Actions_at_the_cursor(string _, string marked, string[] titles) =>
        Assert.Equal(titles, ActionsAt(marked).Select(a => a.Title));

    [Theory]
    [InlineData("ENV APP_HOME /srv/app\n", "ENV APP_HOME=/srv/app\n")]
    [InlineData("LABEL description some words here\n", "LABEL description=\"some words here\"\n")]
    [InlineData("ENV PATH /venv/bin:$PATH\r\n", "ENV PATH=/venv/bin:$PATH\r\n")]
    public void Legacy_key_value_becomes_the_equals_form(string line, string expected)
    {
        var text = "FROM python:3.12-slim\n" + line;
        var action = CodeActionService.GetCodeActions(Analyze(text), TextSpan.Empty(text.Length - 3)).Single(a => a.Kind == CodeActionKinds.RefactorRewrite);
        Assert.Equal("FROM python:3.12-slim\n" + expected, ApplyTo(text, action));
    }

    [Fact]
    public void A_refactoring_equal_to_a_quick_fix_is_not_offered_twice()
    {
        var actions = ActionsAt("FROM python:3.12-slim\nCMD python ‸app.py\n");
        Assert.DoesNotContain(actions, a => a.Kind == CodeActionKinds.RefactorRewrite);
    }

    [Fact]
    public void A_selection_over_several_instructions_offers_the_refactorings_of_each()
    {
        var text = "FROM python:3.12-slim AS b\nENV A 1\nENV B 2\nCMD python b.py\nFROM python:3.12-slim\n";
        var actions = CodeActionService.GetCodeActions(Analyze(text), TextSpan.FromBounds(SpanOf(text, "ENV A").Start, SpanOf(text, "b.py").End));
        Assert.Equal(new[] { "Write ENV A as A=value", "Write ENV B as B=value", "Convert CMD to exec form" }, actions.Select(a => a.Title));
    }

    [Theory]
    [InlineData("quickfix", new[] { "Convert CMD to exec form", "Ignore PD502 for this instruction" })]
    [InlineData("refactor", new[] { "Convert CMD to exec form" })]
    [InlineData("source", new[] { FixAll.Title })]
    [InlineData("source.fixAll", new[] { FixAll.Title })]
    [InlineData("source.fixAll.pydocker", new[] { FixAll.Title })]
    [InlineData("source.organizeImports", new string[0])]
    public void Only_the_requested_kinds_are_returned(string only, string[] titles) =>
        Assert.Equal(titles, ActionsAt("FROM python:3.12-slim\nCMD python ‸app.py\n", new[] { only }).Select(a => a.Title));

    [Fact]
    public void Fix_all_is_not_computed_unless_asked_for() =>
        Assert.DoesNotContain(ActionsAt("FROM python:3.12-slim\nCMD python ‸app.py\n"), a => a.Kind == CodeActionKinds.FixAll);

    [Fact]
    public void Diagnostics_sent_by_the_editor_select_their_findings_even_outside_the_range()
    {
        var text = "FROM python:3.12-slim\nCMD python app.py\n";
        var analysis = Analyze(text);
        var finding = Assert.Single(analysis.Findings);
        var actions = CodeActionService.GetCodeActions(analysis, TextSpan.Empty(0), new[] { CodeActionKinds.QuickFix },
            new[] { new DiagnosticReference("PD502", finding.Range) });
        Assert.Equal("Convert CMD to exec form", actions[0].Title);
        Assert.Empty(CodeActionService.GetCodeActions(analysis, TextSpan.Empty(0), new[] { CodeActionKinds.QuickFix },
            new[] { new DiagnosticReference("PD999", finding.Range) }));
    }

    // ---------------------------------------------------------------- fix-all

    [Theory]
    [InlineData("FROM python:3.12-slim\nENTRYPOINT tini --\nCMD gunicorn app:app\n",
                "FROM python:3.12-slim\nENTRYPOINT [\"tini\", \"--\"]\nCMD [\"gunicorn\", \"app:app\"]\n")]
    [InlineData("FROM python:3.12-slim\r\nENTRYPOINT tini --\r\nCMD gunicorn app:app\r\n",
                "FROM python:3.12-slim\r\nENTRYPOINT [\"tini\", \"--\"]\r\nCMD [\"gunicorn\", \"app:app\"]\r\n")]
    public void Fix_all_applies_every_safe_fix_in_one_edit_and_is_idempotent(string before, string after)
    {
        var fixAll = FixAll.Compute(Analyze(before))!;
        Assert.Equal(CodeActionKinds.FixAll, fixAll.Kind);
        var edit = Assert.Single(Assert.Single(fixAll.Edits).Edits);
        var fixedText = ApplyTo(before, fixAll);
        Assert.Equal(after, fixedText);
        Assert.DoesNotContain(Analyze(fixedText).Findings, f => f.Code == "PD502");
        Assert.Null(FixAll.Compute(Analyze(fixedText)));
        Assert.Equal(new SourceText(before).GetRange(edit.Span), edit.Range);
    }

    [Fact]
    public void Fix_all_leaves_unsafe_fixes_alone()
    {
        // PD502's fix is not offered for a command that needs a shell; only the unsafe ignore fix remains.
        var text = "FROM python:3.12-slim\nCMD python app.py && echo done\n";
        var analysis = Analyze(text);
        Assert.Contains(analysis.Findings, f => f.Code == "PD502");
        Assert.Null(FixAll.Compute(analysis));
    }

    [Fact]
    public void Fix_all_skips_a_fix_that_overlaps_one_already_taken()
    {
        var text = "FROM python:3.12-slim\nRUN echo one two\n";
        var analysis = SyntaxOnly(text);
        var oneTwo = SpanOf(text, "one two");
        var two = SpanOf(text, "two");
        analysis = analysis with
        {
            Findings = new[]
            {
                Finding(analysis, "PD901", oneTwo, "a", Replace("Whole", oneTwo, "1 2")),
                Finding(analysis, "PD902", two, "b", Replace("Part", two, "II")),
                Finding(analysis, "PD903", TextSpan.Empty(text.Length), "c", Replace("Append", TextSpan.Empty(text.Length), "USER app\n")),
            },
        };
        var result = ApplyTo(text, FixAll.Compute(analysis)!);
        Assert.Equal("FROM python:3.12-slim\nRUN echo 1 2\nUSER app\n", result);
    }

    [Fact]
    public void Fix_all_throws_away_a_pass_that_adds_a_syntax_error()
    {
        var text = "FROM python:3.12-slim\nRUN echo\n";
        var analysis = SyntaxOnly(text);
        var end = TextSpan.Empty(text.Length);
        analysis = analysis with { Findings = new[] { Finding(analysis, "PD901", end, "a", Replace("Break it", end, "RUNN x\n")) } };
        Assert.Null(FixAll.Compute(analysis));
    }

    [Fact]
    public void Fix_all_creates_a_missing_file_and_never_replaces_an_existing_one()
    {
        var text = "FROM python:3.12-slim\nCOPY . /app\n";
        var create = new Fix("Create .dockerignore", FixSafety.Safe, new[] { FileEdit.Create(Root + "/.dockerignore", ".git\n.venv\n") });

        var analysis = SyntaxOnly(text);
        analysis = analysis with { Findings = new[] { Finding(analysis, "PD601", SpanOf(text, "."), "no ignore file", create) } };
        var fixAll = FixAll.Compute(analysis)!;
        var file = Assert.Single(fixAll.Edits);
        Assert.True(file.CreateFile);
        Assert.Equal(Root + "/.dockerignore", file.Path);
        Assert.Equal(".git\n.venv\n", Assert.Single(file.Edits).NewText);
        Assert.True(fixAll.CreatesFiles);

        var existing = Analyze(text, (".dockerignore", "*.pyc\n")) with { Findings = Array.Empty<Finding>() };
        existing = existing with { Findings = new[] { Finding(existing, "PD601", SpanOf(text, "."), "no ignore file", create) } };
        Assert.Null(FixAll.Compute(existing));
    }

    [Theory]
    [InlineData("abcdef", "abXdef", 2, 3, "X")]
    [InlineData("abc", "abc!", 3, 3, "!")]
    [InlineData("x\r\ny", "x\r\nz\r\ny", 3, 3, "z\r\n")]
    [InlineData("a\r\nb", "a\nb", 1, 3, "\n")]
    [InlineData("a\r\nb", "a\r\r\nb", 1, 3, "\r\r\n")]
    public void The_changed_region_is_one_edit_that_keeps_line_breaks_whole(string before, string after, int start, int end, string replacement)
    {
        var span = FixAll.ChangedRegion(before, after, out var text);
        Assert.Equal((start, end, replacement), (span.Start, span.End, text));
        Assert.Equal(after, before.Substring(0, span.Start) + text + before.Substring(span.End));
    }
}
