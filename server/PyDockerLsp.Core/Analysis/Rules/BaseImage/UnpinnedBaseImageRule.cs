using PyDockerLsp.Core.Features.Knowledge;

namespace PyDockerLsp.Core.Analysis.Rules.BaseImage;

/// <summary>PD103 unpinned-base-image: FROM an image without a tag, with <c>latest</c>, or with only a major Python version.</summary>
public sealed class UnpinnedBaseImageRule : IRule
{
    public RuleDescriptor Descriptor { get; } = new(
        "PD103", "unpinned-base-image", RuleCategory.Reproducibility, Severity.Warning,
        new RuleDocumentation
        {
            WhatItDoes =
                "Reports a `FROM` whose image has no tag or the tag `latest`, and a Python image whose tag names no Python "
                + "version (`python:slim`) or only the major one (`python:3`, `python:3-slim`), and a uv image whose tag "
                + "names neither a Python nor a uv version (`ghcr.io/astral-sh/uv:bookworm-slim`). Every stage is checked; "
                + "stage references (`FROM builder`) and `scratch` are not images and are never reported.",
            WhyItMatters =
                "Such a tag moves: the same Dockerfile builds on Python 3.12 today and 3.13 after the next release. A new "
                + "minor version can drop packages' wheels (they compile from source or fail), change behaviour, or break "
                + "a virtual environment copied between stages. Pinning `X.Y` keeps the interpreter fixed while patch "
                + "releases and OS fixes still arrive when you rebuild; the exact `X.Y.Z` or a digest fixes more. Builder "
                + "stages are checked too, because what they compile is copied into the final image.",
            Example = "FROM python:3-slim\nRUN pip install --no-cache-dir -r requirements.txt",
            UseInstead = "FROM python:3.13-slim\nRUN pip install --no-cache-dir -r requirements.txt",
            FixHint = "Pin the Python X.Y in the tag (from the project's Python constraint when it has one).",
            FixSafety =
                "For the official `python` image the fix writes an `X.Y` version into the tag and keeps the variant "
                + "(`3-slim` → `3.13-slim`, `slim-bookworm` → `3.13-slim-bookworm`, no tag or `latest` → `3.13`). The version "
                + "is the newest 3.9–3.14 release that the project's Python constraint allows (`requires-python`, Poetry's "
                + "`python`, Pipfile's `python_version`, `.python-version`), or the current stable release when the "
                + "project states none. It is unsafe: the pinned version may differ from what the floating tag gives "
                + "today. Other images get no fix (only you know which version to pin), nor do tags written with a "
                + "build argument or pre-release tags.",
            DifferencesFromAnchors =
                "hadolint's DL3006 (no tag) and DL3007 (`latest`) are both this rule; their ignore comments silence it. "
                + "In addition, Python images whose tag names no version or only the major version are reported, while "
                + "other images with a major-only tag (`node:20`, `ruby:2`) are not, since for them that is a maintained "
                + "release line. A digest pins the image whatever the tag, so `debian:latest@sha256:…` is not reported. "
                + "Google's `distroless/python3-debian12` is not reported for `latest` or no tag: its Debian release fixes "
                + "the Python version and it has no version tags. A `FROM` whose image is a build argument is read with the "
                + "argument's default; without a default nothing is reported.",
        })
    {
        HadolintIds = new[] { "DL3006", "DL3007" },
    };

    public void Check(RuleContext context)
    {
        PythonSeries? series = null;
        bool seriesChosen = false;
        foreach (var stage in context.Syntax.Stages)
        {
            if (stage.BaseStage is not null) continue;
            if (StageBaseImage.Of(stage) is not { IsResolved: true } image || image.RootStage != stage) continue;
            var info = image.Info;
            if (Problem(info) is not { } problem) continue;

            Fix[] fixes = Array.Empty<Fix>();
            if (info.Family == BaseImageFamily.OfficialPython && image.HasLiteralTag)
            {
                if (!seriesChosen) { series = PythonSeriesChoice.Choose(context.Model.Python); seriesChosen = true; }
                if (PinFix(context, image, series) is { } fix) fixes = new[] { fix };
            }
            context.Report(image.TagOrReferenceSpan, problem, fixes);
        }
    }

    /// <summary>What is wrong with the reference's pinning, as the finding's message; null when it is pinned enough.</summary>
    private static string? Problem(BaseImageInfo info)
    {
        if (info.Family == BaseImageFamily.Scratch || info.Pinning == PinLevel.Digest) return null;
        var reference = info.Reference;
        if (info.TagPinning == PinLevel.Latest)
        {
            // distroless has no version tags: its name carries the Debian release, which fixes the Python.
            if (info.Family == BaseImageFamily.DistrolessPython)
                return $"`{reference}` names no Debian release, so its Python changes when distroless moves to the next one; name the release (`python3-debian12`).";
            if (info.Tag is null)
                return $"`{reference}` has no tag, so each build takes whatever `latest` is that day; pin a version tag.";
            if (info.Tag.Equals("latest", StringComparison.OrdinalIgnoreCase))
                return $"`{reference}` follows `latest`, which moves with every release; pin a version tag.";
            return info.Family switch
            {
                BaseImageFamily.OfficialPython => $"The tag `{info.Tag}` names no Python version, so each build takes the newest Python; pin X.Y.",
                // uv's images without a Python (`bookworm-slim`) are pinned by the uv version alone.
                BaseImageFamily.Uv => $"The tag `{info.Tag}` names no uv version, so each build takes the newest uv; put a uv version in front of it (`<version>-{info.Tag}`).",
                _ => $"`{reference}` does not pin a version; pin a version tag.",
            };
        }
        if (info.TagPinning == PinLevel.Major && info.Family == BaseImageFamily.OfficialPython)
            return $"The tag `{info.Tag}` pins only the major version, so the next Python 3 release changes the interpreter under your dependencies; pin X.Y.";
        return null;
    }

    /// <summary>"Pin python:3.13-slim": the same variant with an X.Y version.</summary>
    private static Fix? PinFix(RuleContext context, StageBaseImage image, PythonSeries? series)
    {
        var info = image.Info;
        if (series is null || info.PythonVersion?.PreRelease is not null || string.Equals(info.TagVersionText, "rc", StringComparison.OrdinalIgnoreCase))
            return null;
        if (info.PythonVersion is { } current && current.Major != series.Major) return null;
        if (info.TagWithPythonVersion(series.Version) is not { } tag || image.RetagEdit(tag) is not { } edit) return null;
        var why = series.Constraint is { } constraint
            ? $" (newest allowed by {constraint.Kind} {constraint.Text})"
            : " (current stable Python)";
        return context.PreferredDockerfileFix($"Pin the base image to {image.WrittenReferenceWithTag(tag)}{why}", FixSafety.Unsafe, edit);
    }
}
