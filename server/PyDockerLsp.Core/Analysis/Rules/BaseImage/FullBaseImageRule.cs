using PyDockerLsp.Core.Features.Knowledge;

namespace PyDockerLsp.Core.Analysis.Rules.BaseImage;

/// <summary>PD101 full-base-image: the final image is built on a full Debian Python image.</summary>
public sealed class FullBaseImageRule : IRule
{
    public RuleDescriptor Descriptor { get; } = new(
        "PD101", "full-base-image", RuleCategory.Size, Severity.Warning,
        new RuleDocumentation
        {
            WhatItDoes =
                "Reports the base image of the final stage (or of the stage it is built `FROM`) when it is the full Debian "
                + "variant of the official `python` image, such as `python:3.12` or `python:3.12-bookworm` (and uv's "
                + "full Debian images such as `ghcr.io/astral-sh/uv:python3.12-bookworm`).",
            WhyItMatters =
                "The full variant carries compilers, development headers and many libraries so that anything can be built on "
                + "it: around 1 GB, against roughly 150 MB for `-slim` with the same Python. Every pull, push and cold start "
                + "pays for that, and every extra package is one more thing for a vulnerability scanner to report. An "
                + "application only needs the interpreter and the libraries its wheels load, which is what slim provides.\n\n"
                + "A builder stage on the full image is fine and is not reported: it is where compilers belong. Its results "
                + "(a virtual environment, wheels) are copied into a slim final stage, and the builder's layers never reach "
                + "the shipped image.",
            Example = "FROM python:3.12-bookworm\nCOPY requirements.txt .\nRUN pip install --no-cache-dir -r requirements.txt",
            UseInstead = "FROM python:3.12-slim-bookworm\nCOPY requirements.txt .\nRUN pip install --no-cache-dir -r requirements.txt",
            FixHint = "Switch to the slim variant of the same Python version and Debian release.",
            FixSafety =
                "The fix rewrites the tag to the slim variant, keeping the Python version (`3.12`, `3.12.4`) and the Debian "
                + "release (`3.12-bookworm` → `3.12-slim-bookworm`); registry, `--platform` and `AS name` stay as they are. "
                + "It is marked safe: the Python runtime is the same. If the final stage compiles packages or relies on a "
                + "library that only the full image has, the build tells you at once; install that package with apt-get, "
                + "or compile in a builder stage.\n\n"
                + "It is unsafe when the reference has a digest (`@sha256:…`): the digest pins the full image, so the fix "
                + "drops it, and you should pin the slim image's digest again. When the version comes from a build argument "
                + "(`python:${PYTHON_VERSION}` with a default such as `3.12`), the fix writes `python:${PYTHON_VERSION}-slim` "
                + "and is unsafe, because `--build-arg` may pass a value that already names a variant. No fix is offered "
                + "when the whole reference is a build argument (`FROM ${BASE_IMAGE}`): change the argument's default.",
        });

    public void Check(RuleContext context)
    {
        foreach (var stage in context.Model.ProductionStages)
        {
            if (stage.BaseStage is not null) continue;
            if (StageBaseImage.Of(stage) is not { IsResolved: true } image || !IsFullDebianPython(image.Info)) continue;

            var fix = SlimTagFix.Create(context, image, FixSafety.Safe);
            var suggestion = SlimTagFix.Plan(image) is not { } change ? ""
                : image.Info.PythonVersion is not null ? $"; `{change.NewReference}` has the same Python at a fraction of the size"
                : $"; use `{change.NewReference}`";
            context.Report(image.TagOrReferenceSpan,
                $"The final image is built on `{image.DisplayReference}`, the full Debian variant with compilers and headers (about 1 GB){suggestion}.",
                fix is null ? Array.Empty<Fix>() : new[] { fix });
        }
    }

    /// <summary>The official python image, or uv's image with Python, in its full Debian variant.</summary>
    internal static bool IsFullDebianPython(BaseImageInfo info) =>
        info.Variant == ImageVariant.Full
        && (info.Family == BaseImageFamily.OfficialPython || (info.Family == BaseImageFamily.Uv && !info.IsToolOnly));
}
