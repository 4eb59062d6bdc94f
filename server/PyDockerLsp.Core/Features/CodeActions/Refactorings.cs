using PyDockerLsp.Core.Analysis;
using PyDockerLsp.Core.Analysis.Rules.Runtime;
using PyDockerLsp.Core.Syntax.Dockerfile;
using PyDockerLsp.Core.Text;

namespace PyDockerLsp.Core.Features.CodeActions;

/// <summary>A rewrite that keeps the build's meaning: a title and the edits of the Dockerfile.</summary>
public sealed record Refactoring(string Title, IReadOnlyList<FileEdit> Edits);

/// <summary>
/// The rewrites offered on the instructions a range touches, wherever they are (rules only report what matters for
/// the final image; a rewrite is also useful in a builder stage): a shell-form CMD/ENTRYPOINT/RUN-less command to
/// exec form, and the legacy <c>ENV name value</c> / <c>LABEL name value</c> to <c>name=value</c>.
/// </summary>
public static class Refactorings
{
    public static IEnumerable<Refactoring> At(ProjectModel model, TextSpan range)
    {
        var syntax = model.Syntax;
        var first = syntax.FindInstructionAt(range.Start);
        if (first is null) yield break;
        var instructions = new List<Instruction> { first };
        if (!range.IsEmpty && syntax.FindInstructionAt(Math.Max(range.Start, range.End - 1)) is { } last && !ReferenceEquals(last, first))
        {
            // A selection over several lines: every instruction from the first to the last.
            bool inside = false;
            foreach (var instruction in syntax.Instructions)
            {
                if (ReferenceEquals(instruction, first.Parent ?? first)) inside = true;
                else if (inside) instructions.Add(instruction);
                if (ReferenceEquals(instruction, last.Parent ?? last)) break;
            }
        }

        foreach (var instruction in instructions)
        {
            if (instruction is CmdInstruction or EntrypointInstruction && ExecForm((CommandInstruction)instruction, model) is { } exec)
                yield return exec;
            if (instruction is KeyValueInstruction { IsLegacyForm: true } pairs && EqualsForm(pairs, model) is { } equals)
                yield return equals;
        }

        // The stage operations of the scaffolding, offered on a FROM line (detection reads the build context, so
        // it runs only where the user is looking at the stage structure).
        if (first is FromInstruction)
            foreach (var stageOperation in StageOperationsFor(model))
                yield return stageOperation;
    }

    /// <summary>"Convert to multi-stage build", "Add dev/test stage", "Add distroless runtime stage" — each only where it applies.</summary>
    public static IReadOnlyList<Refactoring> StageOperationsFor(ProjectModel model)
    {
        var result = new List<Refactoring>();
        Scaffolding.ScaffoldInputs inputs;
        try { inputs = Scaffolding.ScaffoldInputsBuilder.Detect(model.ContextDirectory, model.FileSystem); }
        catch (ArgumentException) { return result; }
        var text = model.Source.Text;
        void Offer(string title, Func<string, Scaffolding.ScaffoldInputs, Scaffolding.StageOperationResult> operation)
        {
            Scaffolding.StageOperationResult outcome;
            try { outcome = operation(text, inputs); }
            catch (Scaffolding.ScaffoldException) { return; }
            if (!outcome.Applied || outcome.Text == text) return;
            result.Add(new Refactoring(title, new[] { new FileEdit(model.DockerfilePath, new[] { MinimalEdit(text, outcome.Text) }) }));
        }
        Offer("Convert to multi-stage build", Scaffolding.StageOperations.ConvertToMultiStage);
        Offer("Add dev/test stage", Scaffolding.StageOperations.AddDevTestStage);
        Offer("Add distroless runtime stage", Scaffolding.StageOperations.AddDistrolessStage);
        return result;
    }

    /// <summary>One edit replacing only the part of <paramref name="before"/> that differs from <paramref name="after"/>.</summary>
    internal static TextEdit MinimalEdit(string before, string after)
    {
        int prefix = 0, max = Math.Min(before.Length, after.Length);
        while (prefix < max && before[prefix] == after[prefix]) prefix++;
        int suffix = 0;
        while (suffix < max - prefix && before[before.Length - 1 - suffix] == after[after.Length - 1 - suffix]) suffix++;
        // Never split a CRLF pair.
        if (prefix > 0 && prefix < before.Length && before[prefix - 1] == '\r' && before[prefix] == '\n') prefix--;
        return new TextEdit(TextSpan.FromBounds(prefix, before.Length - suffix), after.Substring(prefix, after.Length - suffix - prefix));
    }

    private static Refactoring? ExecForm(CommandInstruction command, ProjectModel model)
    {
        if (!command.IsShellForm || ShellFormCommandRule.ExecFormEdit(command) is not { } edit) return null;
        return new Refactoring($"Convert {command.KeywordUpper} to exec form", new[] { new FileEdit(model.DockerfilePath, new[] { edit }) });
    }

    /// <summary><c>ENV NAME some value</c> → <c>ENV NAME="some value"</c>: BuildKit warns about the old form, and the
    /// <c>=</c> form allows several pairs per instruction. Offered only where quoting keeps the value as it is.</summary>
    private static Refactoring? EqualsForm(KeyValueInstruction instruction, ProjectModel model)
    {
        var pair = instruction.Pairs[0];
        var source = model.Source.Text;
        var value = pair.Value;
        // A value that runs over a line continuation, or holds quotes or escapes, is left to a human.
        if (pair.ValueSpan.End > source.Length || source.AsSpan(pair.ValueSpan.Start, pair.ValueSpan.Length).SequenceEqual(value) is false) return null;
        if (value.Length == 0 || value.IndexOfAny(NeedsCare) >= 0 || value.IndexOf(model.Syntax.EscapeChar) >= 0) return null;
        bool hasSpace = value.IndexOfAny(Blanks) >= 0;
        var newText = "=" + (hasSpace ? "\"" + value + "\"" : value);
        var span = TextSpan.FromBounds(pair.KeySpan.End, pair.ValueSpan.End);
        var edit = new TextEdit(span, newText);
        return new Refactoring($"Write {instruction.KeywordUpper} {pair.Key} as {pair.Key}=value",
            new[] { new FileEdit(model.DockerfilePath, new[] { edit }) });
    }

    private static readonly char[] NeedsCare = { '"', '\'', '\\', '`', '\n', '\r' };
    private static readonly char[] Blanks = { ' ', '\t' };
}
