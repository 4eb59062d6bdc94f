using PyDockerLsp.Core.Features.Knowledge;

namespace PyDockerLsp.Core.Analysis.Rules.BaseImage;

/// <summary>PD108 base-image-digest (opt-in): the final image's base is not pinned by digest.</summary>
public sealed class BaseImageDigestRule : IRule
{
    public RuleDescriptor Descriptor { get; } = new(
        "PD108", "base-image-digest", RuleCategory.Reproducibility, null,
        new RuleDocumentation
        {
            WhatItDoes =
                "Reports the base image of the final stage (and of the stages it is built `FROM`) when it is not pinned by "
                + "digest (`@sha256:…`). Builder stages, stage references (`FROM builder`) and `scratch` are not reported. "
                + "Off by default: switch it on where builds must be repeatable to the byte.",
            WhyItMatters =
                "A tag, even `python:3.12.4-slim`, is a name the publisher re-points whenever the image is rebuilt for OS "
                + "security fixes. The same Dockerfile then builds on different bytes, and an image you tested is not "
                + "the one a later build ships. A digest names exactly one image. Keep the tag in front of it so readers "
                + "still see which version it is; tools such as Renovate or Dependabot can refresh the digest, so you "
                + "still get the security fixes, through reviewed changes.",
            Example = "FROM python:3.12.4-slim",
            UseInstead = "FROM python:3.12.4-slim@sha256:<digest from `docker buildx imagetools inspect python:3.12.4-slim`>",
            FixHint = "Append the image's digest (`docker buildx imagetools inspect <image>` shows it).",
            FixSafety = "No automatic fix: the digest has to be looked up in the registry.",
        });

    public void Check(RuleContext context)
    {
        foreach (var stage in context.Model.ProductionStages)
        {
            if (stage.BaseStage is not null) continue;
            if (StageBaseImage.Of(stage) is not { IsResolved: true } image) continue;
            if (image.Info.Family == BaseImageFamily.Scratch || image.Info.Pinning == PinLevel.Digest) continue;
            context.Report(image.Written.Span,
                $"`{image.DisplayReference}` is not pinned by digest, so rebuilding can pick up a different image under the same tag.");
        }
    }
}
