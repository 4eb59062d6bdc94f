namespace PyDockerLsp.Core.Analysis.Rules.OsPackages;

/// <summary>PD306 upgrade-outside-final: OS packages upgraded in a stage the final image does not build on.</summary>
public sealed class UpgradeOutsideFinalRule : IRule
{
    public RuleDescriptor Descriptor { get; } = new(
        "PD306", "upgrade-outside-final", RuleCategory.BuildSpeed, Severity.Information,
        new RuleDocumentation
        {
            WhatItDoes = "Reports `apt-get upgrade`, `dist-upgrade`, `full-upgrade` (or `apk upgrade`) in a stage that the final image is not built FROM.",
            WhyItMatters =
                "Upgrading the OS packages is about the security of what runs: it belongs in the final image. In a builder "
                + "stage the upgraded packages are left behind with the rest of the stage — only the files you COPY out of it "
                + "reach the final image — so the upgrade only makes the build slower and its result depend on the day it ran. "
                + "Upgrade in the final stage, and keep builder stages to what the build needs.",
            Example = "FROM python:3.12-slim AS builder\nRUN apt-get update && apt-get upgrade -y && rm -rf /var/lib/apt/lists/*\nRUN pip wheel --wheel-dir /wheels -r requirements.txt\n\nFROM python:3.12-slim\nCOPY --from=builder /wheels /wheels",
            UseInstead = "FROM python:3.12-slim AS builder\nRUN pip wheel --wheel-dir /wheels -r requirements.txt\n\nFROM python:3.12-slim\nRUN apt-get update && apt-get upgrade -y && rm -rf /var/lib/apt/lists/*\nCOPY --from=builder /wheels /wheels",
            FixHint = "Move the upgrade to the final stage.",
        });

    public void Check(RuleContext context)
    {
        foreach (var (run, stage, isTrigger, calls) in AptIndex.Of(context.Syntax).Runs)
        {
            if (isTrigger || stage is null || context.Model.IsProductionStage(stage)) continue;
            foreach (var call in calls)
            {
                if (call.IsUpgrade)
                    context.Report(call.Span,
                        $"`{call.ToolName} {call.Subcommand}` in stage {stage.DisplayName}, which the final image is not built on: the upgraded packages never ship, the upgrade only slows the build");
            }
            foreach (var command in run.ShellCommands)
            {
                if (AptCommands.ApkUpgradeSpan(command) is { } span)
                    context.Report(span,
                        $"`apk upgrade` in stage {stage.DisplayName}, which the final image is not built on: the upgraded packages never ship, the upgrade only slows the build");
            }
        }
    }
}
