using PyDockerLsp.Core.Syntax.Dockerfile;

namespace PyDockerLsp.Core.Analysis.Rules.BaseImage;

/// <summary>PD107 build-tools-in-final-stage: compilers, make or -dev packages installed into the shipped image.</summary>
public sealed class BuildToolsInFinalStageRule : IRule
{
    public RuleDescriptor Descriptor { get; } = new(
        "PD107", "build-tools-in-final-stage", RuleCategory.Size, Severity.Warning,
        new RuleDocumentation
        {
            WhatItDoes =
                "Reports each build package (compilers such as `gcc`/`g++`/`clang`, `make`, `cmake`, `build-essential`, "
                + "`build-base`, `pkg-config`, header packages `*-dev`/`*-devel` such as `python3-dev`, `libpq-dev`, "
                + "`musl-dev`) that an `apt-get install`, `apk add` or `yum`/`dnf install` puts into the final stage or a "
                + "stage it is built `FROM`. Packages removed again later in the same `RUN` are not reported: "
                + "`apt-get purge -y gcc`, the `apt-mark auto` + `apt-get purge --auto-remove` idiom, and "
                + "`apk add --virtual .build-deps …` followed by `apk del .build-deps`.",
            WhyItMatters =
                "Compilers and headers are needed only while wheels are built. Left in the image they add tens to hundreds "
                + "of megabytes, and they hand an attacker who gets into the container a toolchain to build exploits with. "
                + "Build in a builder stage and copy the finished virtual environment (or wheels) into the final stage, "
                + "which then needs only the runtime libraries (`libpq5` rather than `libpq-dev`). A removal in a later "
                + "`RUN` does not help: the packages stay in the earlier layer.",
            Example =
                "FROM python:3.12-slim\n"
                + "RUN apt-get update && apt-get install -y --no-install-recommends gcc libpq-dev \\\n"
                + "    && rm -rf /var/lib/apt/lists/*\n"
                + "RUN pip install --no-cache-dir psycopg2",
            UseInstead =
                "FROM python:3.12-slim AS builder\n"
                + "RUN apt-get update && apt-get install -y --no-install-recommends gcc libpq-dev\n"
                + "RUN python -m venv /opt/venv && /opt/venv/bin/pip install psycopg2\n\n"
                + "FROM python:3.12-slim\n"
                + "RUN apt-get update && apt-get install -y --no-install-recommends libpq5 \\\n"
                + "    && rm -rf /var/lib/apt/lists/*\n"
                + "COPY --from=builder /opt/venv /opt/venv\n"
                + "ENV PATH=\"/opt/venv/bin:$PATH\"",
            FixHint = "Install build packages in a builder stage and copy only the built environment into the final stage.",
            FixSafety = "No automatic fix: moving the compile step into a builder stage changes the structure of the file.",
        });

    public void Check(RuleContext context)
    {
        foreach (var stage in context.Model.ProductionStages)
        {
            foreach (var instruction in stage.Instructions)
            {
                if (instruction is not RunInstruction run) continue;
                foreach (var package in BuildPackages.KeptBuildPackages(run))
                    context.Report(package.Word.Span,
                        $"`{package.Name}` is a build package installed in the final image: it adds size and a toolchain for attackers to every container; install it in a builder stage or remove it in the same RUN.");
            }
        }
    }
}
