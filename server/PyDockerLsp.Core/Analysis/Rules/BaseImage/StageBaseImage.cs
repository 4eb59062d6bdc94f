using PyDockerLsp.Core.Features.Knowledge;
using PyDockerLsp.Core.Syntax.Dockerfile;
using PyDockerLsp.Core.Syntax.Shell;

namespace PyDockerLsp.Core.Analysis.Rules.BaseImage;

/// <summary>
/// The image a stage is ultimately built on: the FROM of the first stage of its <c>FROM &lt;stage&gt;</c> chain,
/// as written and as analysed after expanding build arguments with their defaults (what a plain
/// <c>docker build</c> without <c>--build-arg</c> uses).
/// </summary>
internal sealed class StageBaseImage
{
    private StageBaseImage(Stage rootStage, ImageReference written, BaseImageInfo info, bool isResolved)
    {
        RootStage = rootStage;
        Written = written;
        Info = info;
        IsResolved = isResolved;
    }

    /// <summary>The stage whose FROM names the image (the stage itself unless it is built on another stage).</summary>
    public Stage RootStage { get; }

    public FromInstruction From => RootStage.From;

    /// <summary>The reference as written in the document, with its part spans.</summary>
    public ImageReference Written { get; }

    /// <summary>What the (expanded) reference is. Only meaningful when <see cref="IsResolved"/>.</summary>
    public BaseImageInfo Info { get; }

    /// <summary>False when the reference uses a build argument that has no default (nothing can be said about it).</summary>
    public bool IsResolved { get; }

    /// <summary>True when the tag is written literally (no build argument in it).</summary>
    public bool HasLiteralTag => Written.Tag is null ? !Written.HasVariables : Written.Tag.IndexOf('$') < 0;

    /// <summary>The narrowest span that names the image's version: the tag when one is written, else the reference.</summary>
    public Text.TextSpan TagOrReferenceSpan => Written.Tag is not null ? Written.TagSpan : Written.Span;

    /// <summary>The reference after expansion (<c>python:3.12-slim</c> for <c>python:${PY}-slim</c>).</summary>
    public string DisplayReference => Info.Reference;

    /// <summary>The base image of <paramref name="stage"/>, following <c>FROM &lt;stage&gt;</c> links; null when the
    /// chain has no image (a FROM without argument, or a cycle).</summary>
    public static StageBaseImage? Of(Stage stage)
    {
        Stage root = stage;
        foreach (var ancestor in stage.SelfAndBaseStages()) root = ancestor;
        if (root.BaseStage is not null) return null; // a cycle: SelfAndBaseStages stopped on a repeat
        var written = root.From.Image;
        if (written is null || written.Text.Length == 0) return null;
        if (!written.HasVariables)
            return new StageBaseImage(root, written, BaseImageDocs.Analyze(written.Registry, written.Repository, written.Tag, written.Digest), true);

        var syntax = root.Syntax;
        var expansion = new WordExpander(syntax.EscapeChar).Process(written.Text, syntax.GetGlobalScope());
        bool resolved = expansion.Succeeded && expansion.Unmatched.Count == 0 && expansion.Result.Length > 0;
        var reference = resolved ? ImageReference.Parse(expansion.Result) : written;
        return new StageBaseImage(root, written, BaseImageDocs.Analyze(reference.Registry, reference.Repository, reference.Tag, reference.Digest), resolved);
    }

    /// <summary>The written reference with its tag replaced by <paramref name="tag"/> and any digest removed.</summary>
    public string WrittenReferenceWithTag(string tag) => Written.Name + ":" + tag;

    /// <summary>
    /// The edit that gives the written reference the tag <paramref name="tag"/> and drops its digest (a digest pins
    /// the old tag's image). Null when the tag cannot be edited in place: it is built from a build argument
    /// together with other text, or there is no written tag and the name itself is a variable.
    /// </summary>
    public TextEdit? RetagEdit(string tag)
    {
        if (Written.Tag is null)
        {
            if (Written.HasVariables) return null;
            var end = Written.Digest is null ? Written.RepositorySpan.End : Written.DigestSpan.End;
            return new TextEdit(Text.TextSpan.FromBounds(Written.RepositorySpan.End, end), ":" + tag);
        }
        var replaced = Written.Digest is null ? Written.TagSpan : Text.TextSpan.FromBounds(Written.TagSpan.Start, Written.DigestSpan.End);
        return new TextEdit(replaced, tag);
    }
}
