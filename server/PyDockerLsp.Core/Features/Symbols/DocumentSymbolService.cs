using System.Globalization;
using PyDockerLsp.Core.Syntax.Dockerfile;
using PyDockerLsp.Core.Text;

namespace PyDockerLsp.Core.Features.Symbols;

/// <summary>What a symbol stands for. The numbers are LSP's SymbolKind values, so the fronts map them 1:1, but
/// nothing here depends on LSP.</summary>
public enum DocumentSymbolKind
{
    File = 1, Module = 2, Namespace = 3, Package = 4, Class = 5, Method = 6, Property = 7, Field = 8, Constructor = 9,
    Enum = 10, Interface = 11, Function = 12, Variable = 13, Constant = 14, String = 15, Number = 16, Boolean = 17,
    Array = 18, Object = 19, Key = 20, Null = 21, EnumMember = 22, Struct = 23, Event = 24, Operator = 25, TypeParameter = 26,
}

/// <summary>One entry of the outline: <see cref="Span"/> covers the whole construct, <see cref="SelectionSpan"/>
/// (inside it) the part to reveal and highlight, e.g. the stage name.</summary>
public sealed record DocumentSymbolNode(
    string Name,
    string? Detail,
    DocumentSymbolKind Kind,
    TextSpan Span,
    LineRange Range,
    TextSpan SelectionSpan,
    LineRange SelectionRange,
    IReadOnlyList<DocumentSymbolNode> Children);

/// <summary>
/// The outline of a Dockerfile: the ARGs before the first FROM, then one symbol per stage (its name, or its index
/// when it has none; from the FROM to its last instruction) with the stage's instructions as children. ENV and ARG
/// list the variables they set as their own children.
/// </summary>
public static class DocumentSymbolService
{
    private const int DetailLength = 60;

    public static IReadOnlyList<DocumentSymbolNode> GetSymbols(DockerfileSyntax syntax)
    {
        var source = syntax.Source;
        var result = new List<DocumentSymbolNode>();
        foreach (var instruction in syntax.Instructions)
        {
            // Before the first FROM only ARG belongs (anything else there is a syntax error, still worth listing).
            if (instruction.Stage is not null) break;
            result.Add(InstructionSymbol(instruction, source));
        }
        foreach (var stage in syntax.Stages)
            result.Add(StageSymbol(stage, source));
        return result;
    }

    private static DocumentSymbolNode StageSymbol(Stage stage, SourceText source)
    {
        var children = new List<DocumentSymbolNode>(stage.Instructions.Count);
        foreach (var instruction in stage.Instructions) children.Add(InstructionSymbol(instruction, source));
        var end = stage.Instructions.Count > 0 ? stage.Instructions[^1].Span.End : stage.From.Span.End;
        var span = TextSpan.FromBounds(stage.From.Span.Start, Math.Max(end, stage.From.Span.End));
        var selection = stage.From.StageNameArgument?.Span ?? stage.From.KeywordSpan;
        var name = stage.Name is null ? "stage " + stage.Index.ToString(CultureInfo.InvariantCulture) : stage.From.StageNameArgument!.Value;
        string? detail = stage.BaseStage is { } baseStage ? "FROM " + baseStage.DisplayName
            : stage.From.Image is { } image ? image.Text : null;
        if (stage.IsFinal) detail = detail is null ? "final" : detail + " · final";
        return new DocumentSymbolNode(name, detail, stage.Name is null ? DocumentSymbolKind.Module : DocumentSymbolKind.Class,
            span, source.GetRange(span), selection, source.GetRange(selection), children);
    }

    private static DocumentSymbolNode InstructionSymbol(Instruction instruction, SourceText source)
    {
        var children = new List<DocumentSymbolNode>();
        switch (instruction)
        {
            case EnvInstruction env:
                foreach (var pair in env.Pairs)
                    children.Add(Leaf(pair.Key, Shorten(pair.Value), DocumentSymbolKind.Variable, pair.Span, pair.KeySpan, source));
                break;
            case ArgInstruction arg:
                foreach (var declaration in arg.Declarations)
                    children.Add(Leaf(declaration.Name, declaration.DefaultValue is { } value ? Shorten(value) : null,
                        DocumentSymbolKind.Variable, declaration.Span, declaration.NameSpan, source));
                break;
        }
        var span = instruction.Span;
        return new DocumentSymbolNode(instruction.KeywordUpper, Detail(instruction), KindOf(instruction.Kind),
            span, source.GetRange(span), instruction.KeywordSpan, source.GetRange(instruction.KeywordSpan), children);
    }

    private static DocumentSymbolNode Leaf(string name, string? detail, DocumentSymbolKind kind, TextSpan span, TextSpan selection, SourceText source)
    {
        if (!span.Contains(selection)) span = span.Union(selection);
        return new DocumentSymbolNode(name.Length == 0 ? "?" : name, detail, kind, span, source.GetRange(span), selection,
            source.GetRange(selection), Array.Empty<DocumentSymbolNode>());
    }

    /// <summary>What an instruction does, in the outline's terms: running things, files, settings, metadata.</summary>
    public static DocumentSymbolKind KindOf(InstructionKind kind) => kind switch
    {
        InstructionKind.From => DocumentSymbolKind.Class,
        InstructionKind.Run => DocumentSymbolKind.Function,
        InstructionKind.Cmd or InstructionKind.Entrypoint => DocumentSymbolKind.Method,
        InstructionKind.Healthcheck or InstructionKind.Stopsignal => DocumentSymbolKind.Event,
        InstructionKind.Copy or InstructionKind.Add => DocumentSymbolKind.File,
        InstructionKind.Env => DocumentSymbolKind.Constant,
        InstructionKind.Arg => DocumentSymbolKind.TypeParameter,
        InstructionKind.Label or InstructionKind.Maintainer => DocumentSymbolKind.Property,
        InstructionKind.Workdir or InstructionKind.Volume => DocumentSymbolKind.Package,
        InstructionKind.User => DocumentSymbolKind.Key,
        InstructionKind.Expose => DocumentSymbolKind.Interface,
        InstructionKind.Shell => DocumentSymbolKind.Operator,
        InstructionKind.Onbuild => DocumentSymbolKind.Constructor,
        _ => DocumentSymbolKind.Null,
    };

    /// <summary>The arguments on one line, shortened: enough to tell instructions apart in the outline.</summary>
    private static string? Detail(Instruction instruction)
    {
        var text = instruction.ArgumentsText;
        if (instruction.Flags.Count > 0)
            text = string.Join(" ", instruction.Flags.Select(f => f.Text)) + (text.Length > 0 ? " " + text : "");
        return text.Length == 0 ? null : Shorten(text);
    }

    private static string Shorten(string text)
    {
        var oneLine = string.Join(" ", text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return oneLine.Length <= DetailLength ? oneLine : oneLine.Substring(0, DetailLength - 1) + "…";
    }
}
