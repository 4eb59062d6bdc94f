using PyDockerLsp.Core.Syntax.Dockerfile;
using PyDockerLsp.Core.Syntax.Shell;
using PyDockerLsp.Core.Text;

namespace PyDockerLsp.Core.Analysis.Rules.BaseImage;

/// <summary>PD106 single-stage-build: one stage both compiles and ships.</summary>
public sealed class SingleStageBuildRule : IRule
{
    public RuleDescriptor Descriptor { get; } = new(
        "PD106", "single-stage-build", RuleCategory.Size, Severity.Information,
        new RuleDocumentation
        {
            WhatItDoes =
                "Reports a build made of a single stage (or of stages all built `FROM` one another) that installs build "
                + "packages (compilers, `make`, `build-essential`, `*-dev` headers, the same list as "
                + "build-tools-in-final-stage) and keeps them, or builds wheels with `pip wheel`. The finding is on the "
                + "final stage's image and points to the compile step.",
            WhyItMatters =
                "When the stage that compiles is also the stage that ships, everything needed only to build (compilers, "
                + "headers, pip's downloads, wheel files) ends up in the image or in its layers. A multi-stage build "
                + "compiles in a builder stage and copies just the result (a virtual environment, or the wheels) into a "
                + "fresh slim stage: the image gets smaller, has less to patch, and the builder's layers stay cached.",
            Example =
                "FROM python:3.12-slim\n"
                + "RUN apt-get update && apt-get install -y --no-install-recommends build-essential\n"
                + "COPY requirements.txt .\n"
                + "RUN pip install --no-cache-dir -r requirements.txt\n"
                + "COPY . .",
            UseInstead =
                "FROM python:3.12-slim AS builder\n"
                + "RUN apt-get update && apt-get install -y --no-install-recommends build-essential\n"
                + "COPY requirements.txt .\n"
                + "RUN python -m venv /opt/venv && /opt/venv/bin/pip install -r requirements.txt\n\n"
                + "FROM python:3.12-slim\n"
                + "COPY --from=builder /opt/venv /opt/venv\n"
                + "ENV PATH=\"/opt/venv/bin:$PATH\"\n"
                + "COPY . .",
            FixHint = "Convert to a multi-stage build (the “Convert to multi-stage build” code action of the scaffolding restructures the file).",
            FixSafety = "No fix from this rule itself: the scaffolding's “Convert to multi-stage build” action restructures the file, which needs a human look.",
        });

    public void Check(RuleContext context)
    {
        var model = context.Model;
        if (model.FinalStage is not { } final) return;
        // Another stage that the final one is not built on means the build already separates something.
        foreach (var stage in context.Syntax.Stages)
            if (!model.IsProductionStage(stage)) return;

        if (FirstCompileStep(model.ProductionStages) is not { } step) return;
        var image = final.From.Image;
        var span = image is { Text.Length: > 0 } ? image.Span : final.From.KeywordSpan;
        context.Report(span,
            $"This single-stage build {step.What}, so {step.Consequence}; compile in a builder stage and copy the result into a slim final stage.",
            fixes: null,
            related: new[] { RuleContext.Related(context.DockerfilePath, context.Source, step.Span, step.Related) });
    }

    private sealed record CompileStep(string What, string Consequence, TextSpan Span, string Related);

    /// <summary>The first RUN (in build order) that keeps a build package or runs <c>pip wheel</c>.</summary>
    private static CompileStep? FirstCompileStep(IReadOnlyList<Stage> productionStages)
    {
        for (int s = productionStages.Count - 1; s >= 0; s--)
        {
            foreach (var instruction in productionStages[s].Instructions)
            {
                if (instruction is not RunInstruction run) continue;
                foreach (var package in BuildPackages.KeptBuildPackages(run))
                    return new CompileStep($"installs `{package.Name}`", "the shipped image carries the build tools", package.Word.Span, $"`{package.Name}` is installed here");
                foreach (ShellWord wheel in BuildPackages.WheelBuilds(run))
                    return new CompileStep("builds wheels with `pip wheel`", "the wheel files and whatever built them stay in the shipped image", wheel.Span, "wheels are built here");
            }
        }
        return null;
    }
}
