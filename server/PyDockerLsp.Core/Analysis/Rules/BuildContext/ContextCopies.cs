using PyDockerLsp.Core.Context;
using PyDockerLsp.Core.Syntax.Dockerfile;

namespace PyDockerLsp.Core.Analysis.Rules.BuildContext;

/// <summary>One source of a COPY/ADD that is read from the build context (not another stage, an image, a URL or a heredoc).</summary>
/// <param name="Path">The source as written, cleaned the way Docker matches it ("./src/" → "src"; "." → "").</param>
internal sealed record ContextSource(FileTransferInstruction Instruction, InstructionArgument Argument, string Path);

/// <summary>What COPY and ADD take from the build context, and which of those copies are whole directories.</summary>
internal static class ContextCopies
{
    /// <summary>The context sources of every COPY/ADD of every stage, in document order.</summary>
    public static IEnumerable<ContextSource> Sources(DockerfileSyntax syntax)
    {
        foreach (var stage in syntax.Stages)
            foreach (var instruction in stage.Instructions)
                if (instruction is FileTransferInstruction transfer)
                    foreach (var source in SourcesOf(transfer))
                        yield return source;
    }

    /// <summary>The context sources of one COPY/ADD (none for <c>COPY --from</c>).</summary>
    public static IEnumerable<ContextSource> SourcesOf(FileTransferInstruction transfer)
    {
        if (transfer is CopyInstruction { FromFlag: not null }) yield break;
        foreach (var argument in transfer.SourcePaths)
        {
            string value = argument.Value;
            if (value.Contains("://", StringComparison.Ordinal) || value.StartsWith("git@", StringComparison.Ordinal)) continue;
            if (value.Contains('$')) continue;
            yield return new ContextSource(transfer, argument, DockerIgnore.Clean(StripQuotes(value)));
        }
    }

    /// <summary>True for <c>.</c>, <c>./</c>, <c>*</c>, <c>./*</c>: everything in the context.</summary>
    public static bool IsWholeContext(ContextSource source) => source.Path is "" or "*";

    /// <summary>True when the source is a directory: the whole context, a path written with a trailing slash,
    /// or a folder that exists in the context.</summary>
    public static bool IsDirectory(ProjectModel model, ContextSource source)
    {
        if (IsWholeContext(source)) return true;
        var written = StripQuotes(source.Argument.Value);
        if (written.EndsWith('/') || written.EndsWith("/.", StringComparison.Ordinal)) return true;
        if (source.Path.IndexOfAny(GlobCharacters) >= 0) return false;
        return model.FileSystem.DirectoryExists(model.ContextPath(source.Path));
    }

    private static readonly char[] GlobCharacters = { '*', '?', '[' };

    private static string StripQuotes(string value) =>
        value.Length >= 2 && (value[0] == '"' && value[^1] == '"' || value[0] == '\'' && value[^1] == '\'') ? value[1..^1] : value;
}
