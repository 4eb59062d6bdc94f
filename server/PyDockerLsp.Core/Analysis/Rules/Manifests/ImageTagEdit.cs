using PyDockerLsp.Core.Features.Knowledge;
using PyDockerLsp.Core.Syntax.Dockerfile;
using PyDockerLsp.Core.Text;

namespace PyDockerLsp.Core.Analysis.Rules.Manifests;

/// <summary>
/// Edits of a FROM image's tag for the project-aware base-image rules: a new tag written over the old one, and the
/// digest dropped with it (a digest belongs to the old tag). When the tag's Python version comes from an ARG
/// (<c>FROM python:${PY}-slim</c> with <c>ARG PY=3.11</c>), the ARG's default is edited instead.
/// </summary>
internal static class ImageTagEdit
{
    /// <summary>The image as it will read after the tag is replaced (for fix titles).</summary>
    public static string Describe(ImageReference image, string newTag) =>
        (image.Registry is null ? "" : image.Registry + "/") + image.Repository + ":" + newTag;

    /// <summary>Replaces the tag (and any digest) of a literal image reference; null when the reference uses variables
    /// or has no tag position.</summary>
    public static TextEdit? ReplaceTag(ImageReference image, string newTag)
    {
        if (image.HasVariables) return null;
        if (image.Tag is null)
        {
            // "python" or "python@sha256:…": the tag goes right after the repository.
            return new TextEdit(TextSpan.FromBounds(image.RepositorySpan.End, image.Span.End), ":" + newTag);
        }
        return new TextEdit(TextSpan.FromBounds(image.TagSpan.Start, image.Span.End), newTag);
    }

    /// <summary>
    /// For <c>FROM python:${NAME}…</c> where the global <c>ARG NAME</c> has a plain version default
    /// (<c>3.11</c>, <c>"3.11"</c>, <c>3.11.4</c>): the edit that sets that default to <paramref name="newVersion"/>
    /// and the ARG's name; null otherwise.
    /// </summary>
    public static (TextEdit Edit, string ArgName)? ReplaceArgVersion(DockerfileSyntax syntax, ImageReference image, string newVersion)
    {
        if (image.Tag is not { } tag || !image.HasVariables) return null;
        var name = LeadingVariable(tag);
        if (name is null) return null;
        ArgDeclaration? declaration = null;
        foreach (var arg in syntax.GlobalArgs)
            foreach (var candidate in arg.Declarations)
                if (candidate.Name == name && candidate.HasDefault) declaration = candidate;
        if (declaration is null) return null;
        var span = declaration.DefaultSpan;
        var written = syntax.Source.Text.Substring(span.Start, span.Length);
        var unquoted = written.Trim('"', '\'');
        if (!IsVersion(unquoted)) return null;
        int quote = written.Length - unquoted.Length;
        var inner = quote == 2 ? new TextSpan(span.Start + 1, unquoted.Length) : span;
        return (new TextEdit(inner, newVersion), name);
    }

    /// <summary>The variable a tag starts with: <c>${PY}-slim</c> → <c>PY</c>, <c>$PY</c> → <c>PY</c>.</summary>
    private static string? LeadingVariable(string tag)
    {
        if (!tag.StartsWith('$')) return null;
        int start = tag.StartsWith("${", StringComparison.Ordinal) ? 2 : 1;
        int end = start;
        while (end < tag.Length && (char.IsAsciiLetterOrDigit(tag[end]) || tag[end] == '_')) end++;
        if (end == start) return null;
        if (start == 2 && (end >= tag.Length || tag[end] != '}')) return null;
        return tag.Substring(start, end - start);
    }

    private static bool IsVersion(string text)
    {
        if (text.Length == 0 || !char.IsAsciiDigit(text[0])) return false;
        foreach (var c in text)
            if (!char.IsAsciiDigit(c) && c != '.') return false;
        return true;
    }

    /// <summary>The span a finding about the image marks: the tag when there is one, else the whole reference.</summary>
    public static TextSpan FindingSpan(ImageReference image) =>
        image.Tag is { Length: > 0 } ? image.TagSpan : image.Span;
}
