using PyDockerLsp.Core.Analysis;
using PyDockerLsp.Core.Analysis.Rules;
using PyDockerLsp.Core.Features.Knowledge;
using PyDockerLsp.Core.Syntax.Dockerfile;
using PyDockerLsp.Core.Text;
using static PyDockerLsp.Core.Analysis.DocumentAnalyzer;

namespace PyDockerLsp.Core.Features.Hovers;

/// <summary>A hover: Markdown text and the part of the document it explains.</summary>
public sealed record HoverResult(string Markdown, TextSpan Span, LineRange Range);

/// <summary>
/// What the editor shows when the pointer rests on a Dockerfile. It answers from an existing analysis (the one the
/// diagnostics came from), so a hover never re-runs the rules. First the findings under the pointer (the rule's
/// explanation, or the syntax code's documentation), then the syntax element under it: an instruction keyword, a
/// flag (for <c>--mount</c> the mount type or the option), a FROM image reference, an ENV/ARG name, or a reference to
/// a stage. Several parts are separated by a horizontal rule.
/// </summary>
public static class HoverService
{
    /// <summary>The separator between the parts of one hover.</summary>
    public const string Separator = "\n\n---\n\n";

    public static HoverResult? GetHover(DockerfileAnalysis analysis, int offset)
    {
        var model = analysis.Model;
        var source = model.Source;
        if (offset < 0 || offset > source.Length) return null;

        var parts = new List<string>();
        TextSpan? span = null;
        foreach (var finding in analysis.Findings)
        {
            if (!string.Equals(finding.Path, model.DockerfilePath, StringComparison.Ordinal) || !IsUnder(finding.Span, offset)) continue;
            parts.Add(FindingMarkdown(finding));
            span = span is { } s ? s.Union(finding.Span) : finding.Span;
        }

        if (ElementHover(model.Syntax, offset) is { } element)
        {
            parts.Add(element.Markdown);
            // The findings' span wins: the editor keeps the hover open while the pointer stays on the diagnostic.
            span ??= element.Span;
        }

        if (parts.Count == 0 || span is not { } hoverSpan) return null;
        return new HoverResult(string.Join(Separator, parts), hoverSpan, source.GetRange(hoverSpan));
    }

    /// <summary>The hover of one finding: the rule's explanation, or the syntax code's documentation.</summary>
    public static string FindingMarkdown(Finding finding)
    {
        if (RuleRegistry.Find(finding.Code) is { } rule && rule.Id.Equals(finding.Code, StringComparison.OrdinalIgnoreCase))
            return RuleDocs.Hover(rule, finding.Message);
        if (DockerfileSyntaxCodes.Find(finding.Code) is { } syntaxCode)
            return RuleDocs.Hover(syntaxCode, finding.Message);
        if (finding.Code == ConfigurationCode)
            return RuleDocs.ConfigurationHover(finding.Message);
        return "**" + finding.Code + "** " + finding.Message;
    }

    /// <summary>A finding is under the pointer when its span holds the offset; an empty span when the offset is on it.</summary>
    private static bool IsUnder(TextSpan span, int offset) => span.Contains(offset) || (span.IsEmpty && span.Start == offset);

    private readonly record struct Element(string Markdown, TextSpan Span);

    private static Element? ElementHover(DockerfileSyntax syntax, int offset)
    {
        var instruction = syntax.FindInstructionAt(offset);
        if (instruction is null) return null;
        if (instruction.KeywordSpan.Contains(offset))
            return InstructionDocs.Find(instruction.KeywordUpper) is { } doc ? new Element(doc.ToMarkdown(), instruction.KeywordSpan) : null;

        foreach (var flag in instruction.Flags)
        {
            if (flag.Span.Contains(offset)) return FlagHover(syntax, instruction, flag, offset);
        }

        return instruction switch
        {
            FromInstruction from => FromHover(syntax, from, offset),
            EnvInstruction env => EnvHover(env, offset),
            ArgInstruction arg => ArgHover(arg, offset),
            _ => null,
        };
    }

    private static Element? FlagHover(DockerfileSyntax syntax, Instruction instruction, InstructionFlag flag, int offset)
    {
        var flagDoc = FlagDocs.Find(instruction.KeywordUpper, flag.Name);
        bool onValue = flag.HasValue && flag.ValueSpan.Contains(offset);
        if (onValue && instruction is RunInstruction run && flag.Name == "mount")
        {
            foreach (var mount in run.Mounts)
            {
                if (ReferenceEquals(mount.Flag, flag)) return MountHover(syntax, mount, offset) ?? FlagElement(flagDoc, flag);
            }
        }
        if (onValue && instruction is CopyInstruction copy && flag.Name == "from" && flag.Value is { Length: > 0 } from)
        {
            if (copy.FromStage is { } stage) return new Element(StageNote(stage), flag.ValueSpan);
            if (from.IndexOf('$') < 0)
                return new Element(BaseImageDocs.Hover(BaseImageDocs.AnalyzeReference(from)), flag.ValueSpan);
        }
        return FlagElement(flagDoc, flag);
    }

    private static Element? FlagElement(FlagDoc? doc, InstructionFlag flag) => doc is null ? null : new Element(doc.ToMarkdown(), flag.Span);

    /// <summary>On an option key: that option's documentation; anywhere else in the value: the mount type's
    /// (for <c>from=stage</c>: a note about the stage).</summary>
    private static Element? MountHover(DockerfileSyntax syntax, RunMount mount, int offset)
    {
        var typeDoc = FlagDocs.FindMountType(mount.Type);
        foreach (var option in mount.Options)
        {
            if (!option.Span.Contains(offset) && !(option.ValueSpan.IsEmpty && option.ValueSpan.Start == offset)) continue;
            bool onKey = option.KeySpan.Contains(offset) && option.KeySpan != option.ValueSpan;
            if (onKey && option.Key != "type" && FlagDocs.FindMountOption(mount.Type, option.Key) is { } optionDoc)
                return new Element(optionDoc.ToMarkdown(), option.KeySpan);
            if (!onKey && option.Key == "from" && option.Value is { } from && syntax.FindStage(from) is { } stage)
                return new Element(StageNote(stage), option.ValueSpan);
            return typeDoc is null ? null : new Element(typeDoc.ToMarkdown(), option.Span);
        }
        return typeDoc is null ? null : new Element(typeDoc.ToMarkdown(), mount.Flag.ValueSpan);
    }

    private static Element? FromHover(DockerfileSyntax syntax, FromInstruction from, int offset)
    {
        if (from.StageNameArgument is { } name && name.Span.Contains(offset) && from.Stage is { } own)
            return new Element(StageNote(own), name.Span);
        if (from.Image is not { } image || !image.Span.Contains(offset)) return null;
        if (from.BaseStage is { } baseStage) return new Element(StageNote(baseStage), image.Span);
        if (image.HasVariables)
        {
            // FROM python:${PYTHON_VERSION}-slim: explain the image the global ARG defaults make of it.
            var expanded = syntax.Expand(image.Text, syntax.GetGlobalScope());
            if (expanded is null || expanded.IndexOf('$') >= 0 || expanded.Length == 0) return null;
            return new Element(BaseImageDocs.Hover(BaseImageDocs.AnalyzeReference(expanded)), image.Span);
        }
        return new Element(BaseImageDocs.Hover(image.Registry, image.Repository, image.Tag, image.Digest), image.Span);
    }

    private static Element? EnvHover(EnvInstruction env, int offset)
    {
        foreach (var pair in env.Pairs)
        {
            if (pair.KeySpan.Contains(offset))
                return EnvVarDocs.Find(pair.Key) is { } doc ? new Element(doc.ToMarkdown(), pair.KeySpan) : null;
        }
        return null;
    }

    private static Element? ArgHover(ArgInstruction arg, int offset)
    {
        foreach (var declaration in arg.Declarations)
        {
            if (declaration.NameSpan.Contains(offset))
                return EnvVarDocs.Find(declaration.Name) is { } doc ? new Element(doc.ToMarkdown(), declaration.NameSpan) : null;
        }
        return null;
    }

    /// <summary>A short note about a stage: its name (or index), what it is built on, and where it starts.</summary>
    public static string StageNote(Stage stage)
    {
        var source = stage.Syntax.Source;
        int line = source.GetPosition(stage.From.KeywordSpan.Start).Line + 1;
        var title = stage.Name is null
            ? "**Stage " + stage.Index.ToString(System.Globalization.CultureInfo.InvariantCulture) + "** (unnamed)"
            : "**Stage " + HoverMarkdown.InlineCode(stage.Name) + "**";
        var position = "stage " + (stage.Index + 1).ToString(System.Globalization.CultureInfo.InvariantCulture)
            + " of " + stage.Syntax.Stages.Count.ToString(System.Globalization.CultureInfo.InvariantCulture)
            + ", line " + line.ToString(System.Globalization.CultureInfo.InvariantCulture)
            + (stage.IsFinal ? ", the final stage" : "");
        string builtOn = stage.BaseStage is { } baseStage
            ? "Built on the stage " + HoverMarkdown.InlineCode(baseStage.DisplayName) + "."
            : stage.From.Image is { } image ? "Built on " + HoverMarkdown.InlineCode(image.Text) + "." : "";
        return HoverMarkdown.Join(title + " — " + position, builtOn);
    }
}
