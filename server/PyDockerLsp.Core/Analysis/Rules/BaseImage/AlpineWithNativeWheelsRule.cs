using PyDockerLsp.Core.Analysis.Rules.Manifests;
using PyDockerLsp.Core.Features.Knowledge;
using PyDockerLsp.Core.Python;
using PyDockerLsp.Core.Syntax.Dockerfile;

namespace PyDockerLsp.Core.Analysis.Rules.BaseImage;

/// <summary>PD102 alpine-with-native-wheels: an Alpine (musl) stage installs packages that have to be compiled there.</summary>
public sealed class AlpineWithNativeWheelsRule : IRule
{
    public RuleDescriptor Descriptor { get; } = new(
        "PD102", "alpine-with-native-wheels", RuleCategory.BuildSpeed, Severity.Warning,
        new RuleDocumentation
        {
            WhatItDoes =
                "Reports an Alpine-based stage (musl libc) that installs Python packages with C extensions which pip typically has "
                + "to compile there: numpy, pandas, scipy, psycopg2, lxml, cryptography and the like, whether they come from the "
                + "project's manifests or are named in the RUN.",
            WhyItMatters =
                "Most ready-made wheels on PyPI are built for glibc (manylinux). On Alpine pip often finds none it can use, so it "
                + "downloads the source and compiles it: the build needs gcc, headers and `-dev` packages, takes minutes instead of "
                + "seconds, and may fail outright. The small size Alpine promises is lost to the compilers and build files. A "
                + "`-slim` Debian image installs the same packages from wheels in seconds.",
            Example = "FROM python:3.12-alpine\nRUN pip install numpy pandas",
            UseInstead = "FROM python:3.12-slim\nRUN pip install numpy pandas",
            FixHint = "Switch to the -slim variant of the image.",
            FixSafety =
                "The fix replaces the Alpine tag with the `-slim` tag of the same Python version (a digest is dropped with the old "
                + "tag). It is unsafe: the stage's `apk` commands, Alpine package names and musl-specific paths must be rewritten "
                + "for Debian (`apt-get`), which the fix does not do.",
        })
    {
        NeedsManifests = true,
    };

    public void Check(RuleContext context)
    {
        var facts = DockerfileFacts.For(context.Model);
        var byRoot = new Dictionary<Stage, List<ProjectPackage>>(ReferenceEqualityComparer.Instance);
        foreach (var install in facts.Installs)
        {
            if (install.Stage is not { } stage || !install.Installs || !facts.IsInFinalBuild(stage)) continue;
            if (facts.BaseImage(stage) is not { Libc: Libc.Musl }) continue;
            foreach (var package in facts.PackagesInstalledBy(install))
            {
                if (NativePackages.Find(package.NormalizedName) is not { CompilesOnMusl: true }) continue;
                var root = DockerfileFacts.RootStage(stage);
                if (!byRoot.TryGetValue(root, out var list)) byRoot[root] = list = new List<ProjectPackage>();
                if (!list.Any(p => p.NormalizedName == package.NormalizedName)) list.Add(package);
            }
        }

        foreach (var (stage, packages) in byRoot)
        {
            if (stage.From.Image is not { } image) continue;
            var info = facts.BaseImage(stage);
            var names = string.Join(", ", packages.Select(p => p.Name));
            var message = $"{info?.Reference ?? image.Text} uses musl libc, so {names} {(packages.Count == 1 ? "is" : "are")} likely compiled "
                          + "from source here (slow, needs compilers); a -slim image installs ready-made wheels.";
            var related = packages.Select(p => Related(context, p)).Where(r => r is not null).Select(r => r!).ToList();
            var fixes = new List<Fix>();
            if (info?.SuggestSlimTag() is { } slim && ImageTagEdit.ReplaceTag(image, slim) is { } edit)
                fixes.Add(context.PreferredDockerfileFix($"Use {ImageTagEdit.Describe(image, slim)}", FixSafety.Unsafe, edit));
            context.Report(ImageTagEdit.FindingSpan(image), message, fixes, related);
        }
    }

    private static RelatedLocation? Related(RuleContext context, ProjectPackage package)
    {
        if (package.Manifest is { } manifest)
            return RuleContext.Related(manifest.Path, manifest.Text, manifest.Span, $"{package.Name} is required here");
        if (package.Word is { } word)
            return RuleContext.Related(context.DockerfilePath, context.Source, word.Span, $"{package.Name} is installed here");
        return null;
    }
}
