using PyDockerLsp.Core.Features.Knowledge;

namespace PyDockerLsp.Core.Analysis.Rules.BaseImage;

/// <summary>
/// The planned switch of a base image to its slim variant: the new tag, how the reference reads afterwards, whether
/// a digest had to go, and the edit on the FROM line.
/// </summary>
/// <param name="NewTag">The tag as it will be written (<c>3.12-slim-bookworm</c>, <c>${PYTHON_VERSION}-slim</c>).</param>
/// <param name="NewReference">The reference as it will be written (registry and repository kept).</param>
/// <param name="DropsDigest">The reference had a digest of the old image, which the edit removes.</param>
/// <param name="KeepsBuildArgument">The tag's version comes from a build argument that the edit keeps.</param>
/// <param name="Edit">The one edit of the reference.</param>
internal sealed record SlimTagChange(string NewTag, string NewReference, bool DropsDigest, bool KeepsBuildArgument, TextEdit Edit);

/// <summary>
/// "Switch to slim" for a FROM line, shared by PD101 (full image) and PD102 (alpine with native wheels). Keeps the
/// Python version and the Debian release: <c>3.12-bookworm</c> → <c>3.12-slim-bookworm</c>, <c>3.12.4</c> →
/// <c>3.12.4-slim</c>, <c>3.12-alpine3.20</c> → <c>3.12-slim</c>; for uv's images <c>python3.12-bookworm</c> →
/// <c>python3.12-bookworm-slim</c>. Registry, repository, <c>--platform</c> and <c>AS name</c> are untouched.
/// A digest pins the old image, so it is dropped and the fix says so and becomes unsafe. A tag whose version is a
/// build argument (<c>python:${PY}</c> with <c>ARG PY=3.12</c>) keeps the argument (<c>${PY}-slim</c>); that fix is
/// unsafe too, since <c>--build-arg</c> may pass a value that already names a variant.
/// </summary>
internal static class SlimTagFix
{
    /// <summary>The planned change, or null when the image has no slim variant PyDockerLsp knows how to name
    /// (not an official python or uv image, already slim, Windows, an unknown suffix, or a tag it cannot edit).</summary>
    public static SlimTagChange? Plan(StageBaseImage image)
    {
        if (!image.IsResolved) return null;
        string? newTag;
        bool keepsArgument = false;
        if (image.HasLiteralTag)
            newTag = SlimTagOf(image.Info);
        else
        {
            newTag = SlimTagKeepingVersionArgument(image);
            keepsArgument = newTag is not null;
        }
        if (newTag is null || image.RetagEdit(newTag) is not { } edit) return null;
        return new SlimTagChange(newTag, image.WrittenReferenceWithTag(newTag), image.Written.Digest is not null, keepsArgument, edit);
    }

    /// <summary>
    /// The "Switch to the slim image …" fix, or null when <see cref="Plan"/> has none. <paramref name="safety"/> is
    /// what the calling rule thinks of the switch itself; dropping a digest or keeping a build argument makes it
    /// <see cref="FixSafety.Unsafe"/> whatever the rule says.
    /// </summary>
    public static Fix? Create(RuleContext context, StageBaseImage image, FixSafety safety)
    {
        if (Plan(image) is not { } change) return null;
        if (change.DropsDigest || change.KeepsBuildArgument) safety = FixSafety.Unsafe;
        return context.PreferredDockerfileFix(Title(change), safety, change.Edit);
    }

    /// <summary>"Switch to the slim image python:3.12-slim", plus a note when the digest goes.</summary>
    public static string Title(SlimTagChange change) =>
        "Switch to the slim image " + change.NewReference
        + (change.DropsDigest ? " (drops the digest, which pinned the old image)" : "");

    /// <summary>The slim tag of a literal tag: the knowledge base for the official image, uv's own scheme for uv.</summary>
    private static string? SlimTagOf(BaseImageInfo info) => info.Family switch
    {
        BaseImageFamily.OfficialPython => info.SuggestSlimTag(),
        BaseImageFamily.Uv => UvSlimTag(info),
        _ => null,
    };

    /// <summary>uv's Debian images put <c>-slim</c> after the release: <c>python3.12-bookworm</c> →
    /// <c>python3.12-bookworm-slim</c>, <c>debian</c> → <c>debian-slim</c>.</summary>
    private static string? UvSlimTag(BaseImageInfo info)
    {
        if (info.IsToolOnly || info.Variant != ImageVariant.Full || info.Tag is not { } tag) return null;
        var last = BaseImageAnalyzer.SplitTag(tag)[^1].ToLowerInvariant();
        bool endsWithRelease = last == "debian" || (info.DebianCodename is { } codename && last == codename.ToLowerInvariant());
        return endsWithRelease ? tag + "-slim" : null;
    }

    /// <summary>
    /// For <c>python:${PY}</c> or <c>python:${PY}-bookworm</c>: the tag with <c>-slim</c> put after the version
    /// argument, when the argument is the whole version token and its default is a plain version (so the written
    /// rest of the tag is the variant). Null otherwise.
    /// </summary>
    private static string? SlimTagKeepingVersionArgument(StageBaseImage image)
    {
        var written = image.Written;
        var expanded = image.Info;
        if (expanded.Family != BaseImageFamily.OfficialPython || expanded.PythonVersion is null || written.Tag is null) return null;
        if (written.Registry?.IndexOf('$') >= 0 || written.Repository.IndexOf('$') >= 0 || written.Digest?.IndexOf('$') >= 0) return null;
        var tokens = BaseImageAnalyzer.SplitTag(written.Tag);
        if (!IsSingleVariable(tokens[0])) return null;
        for (int i = 1; i < tokens.Count; i++)
            if (tokens[i].IndexOf('$') >= 0) return null;
        // The argument must stand for the version alone: the expanded variant is exactly the written rest.
        var writtenRest = string.Join("-", tokens.Skip(1));
        if (!string.Equals(expanded.TagVariantText ?? "", writtenRest, StringComparison.OrdinalIgnoreCase)) return null;
        var writtenInfo = BaseImageDocs.Analyze(written.Registry, written.Repository, written.Tag, null);
        return writtenInfo.SuggestSlimTag();
    }

    /// <summary><c>$NAME</c> or <c>${NAME}</c> and nothing else.</summary>
    private static bool IsSingleVariable(string token)
    {
        if (token.Length < 2 || token[0] != '$') return false;
        var name = token.Length > 3 && token[1] == '{' && token[^1] == '}' ? token[2..^1] : token[1..];
        if (name.Length == 0 || !(char.IsAsciiLetter(name[0]) || name[0] == '_')) return false;
        foreach (var c in name)
            if (!char.IsAsciiLetterOrDigit(c) && c != '_') return false;
        return true;
    }
}
