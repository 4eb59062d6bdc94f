namespace PyDockerLsp.Core.Analysis.Rules.OsPackages;

/// <summary>PD303 apt-update-alone: <c>apt-get update</c> in a RUN that installs nothing.</summary>
public sealed class AptUpdateAloneRule : IRule
{
    public RuleDescriptor Descriptor { get; } = new(
        "PD303", "apt-update-alone", RuleCategory.Correctness, Severity.Warning,
        new RuleDocumentation
        {
            WhatItDoes = "Reports `apt-get update` in a RUN that does not also install (or upgrade) the packages.",
            WhyItMatters =
                "Docker reuses a cached layer as long as the instruction's text is unchanged, and `RUN apt-get update` never "
                + "changes. When you later add a package to the next RUN, that RUN is rebuilt on top of package lists that may "
                + "be months old: apt then installs outdated versions or fails because the files it looks for are gone from "
                + "the mirror. Updating and installing in one RUN refreshes the lists exactly when the package list changes.",
            Example = "RUN apt-get update\nRUN apt-get install -y --no-install-recommends libpq5",
            UseInstead = "RUN apt-get update \\\n    && apt-get install -y --no-install-recommends libpq5 \\\n    && rm -rf /var/lib/apt/lists/*",
            FixHint = "Run `apt-get update` in the same RUN as the install.",
            DifferencesFromAnchors = "Checked in every stage, since a stale list breaks builder stages just as well. A RUN that upgrades after updating is not reported.",
        });

    public void Check(RuleContext context)
    {
        foreach (var (_, _, _, calls) in AptIndex.Of(context.Syntax).Runs)
        {
            AptCall? update = null;
            bool readsLists = false;
            foreach (var call in calls)
            {
                if (call.IsUpdate) update ??= call;
                if (call.ReadsLists) readsLists = true;
            }
            if (update is null || readsLists) continue;
            context.Report(update.Span,
                $"`{update.ToolName} update` alone in a RUN is cached as a layer of its own, so a later install can run on outdated package lists; update and install in the same RUN");
        }
    }
}
