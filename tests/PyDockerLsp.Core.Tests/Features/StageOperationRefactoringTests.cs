using PyDockerLsp.Core.Analysis;
using PyDockerLsp.Core.Features.CodeActions;
using PyDockerLsp.Core.Syntax.Dockerfile;
using PyDockerLsp.Core.Text;
using static PyDockerLsp.Core.Tests.Features.FeatureFixture;

namespace PyDockerLsp.Core.Tests.Features;

/// <summary>The scaffolding's stage operations are offered as refactorings on a FROM line, only where they apply.</summary>
public class StageOperationRefactoringTests
{
    private const string SingleStage =
        "FROM python:3.12-slim\nWORKDIR /app\nCOPY requirements.txt .\nRUN pip install -r requirements.txt\nCOPY . .\nCMD [\"python\", \"-m\", \"app\"]\n";

    private static IReadOnlyList<CodeActionItem> RefactoringsAt(string dockerfile, int offset) =>
        CodeActionService.GetCodeActions(
            Analyze(dockerfile, ("requirements.txt", "flask==3.0.3\n"), ("app/__main__.py", "print('hi')\n")),
            TextSpan.Empty(offset), new[] { CodeActionKinds.RefactorRewrite });

    [Fact]
    public void A_single_stage_build_can_be_converted_to_builder_and_final_from_its_FROM_line()
    {
        var action = Assert.Single(RefactoringsAt(SingleStage, 2), a => a.Title == "Convert to multi-stage build");
        var edits = Assert.Single(action.Edits).Edits.Select(e => new TextEdit(e.Span, e.NewText));
        var after = TextEdits.Apply(SingleStage, edits);
        var syntax = DockerfileParser.Parse(after);
        Assert.Empty(syntax.Errors);
        Assert.True(syntax.Stages.Count >= 2, after);
    }

    [Fact]
    public void Stage_operations_are_not_offered_away_from_FROM() =>
        Assert.DoesNotContain(RefactoringsAt(SingleStage, SingleStage.IndexOf("WORKDIR", StringComparison.Ordinal) + 1),
            a => a.Title == "Convert to multi-stage build");

    [Theory]
    [InlineData("abcdef", "abXYef", 2, 4, "XY")]
    [InlineData("a\r\nb", "a\r\nc\r\nb", 3, 3, "c\r\n")]
    [InlineData("same", "same", 4, 4, "")]
    public void The_edit_replaces_only_what_changed(string before, string after, int start, int end, string text)
    {
        var edit = Refactorings.MinimalEdit(before, after);
        Assert.Equal(TextSpan.FromBounds(start, end), edit.Span);
        Assert.Equal(text, edit.NewText);
        Assert.Equal(after, TextEdits.Apply(before, new[] { edit }));
    }
}
