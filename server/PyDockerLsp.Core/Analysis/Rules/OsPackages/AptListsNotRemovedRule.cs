using PyDockerLsp.Core.Syntax.Dockerfile;

namespace PyDockerLsp.Core.Analysis.Rules.OsPackages;

/// <summary>PD302 apt-lists-not-removed: an apt install in the final image's stages leaves the package lists behind.</summary>
public sealed class AptListsNotRemovedRule : IRule
{
    internal const string Cleanup = "rm -rf /var/lib/apt/lists/*";

    public RuleDescriptor Descriptor { get; } = new(
        "PD302", "apt-lists-not-removed", RuleCategory.Size, Severity.Warning,
        new RuleDocumentation
        {
            WhatItDoes = "Reports a RUN of the final image's stages that runs `apt-get update` and installs or upgrades Debian packages, but does not delete the package lists afterwards in the same RUN.",
            WhyItMatters =
                "`apt-get update` downloads the package lists of every configured repository into /var/lib/apt/lists — "
                + "tens of megabytes that nothing in a running container needs. Each RUN is a layer: lists deleted in a later "
                + "RUN are hidden but still shipped. Only `rm -rf /var/lib/apt/lists/*` at the end of the same RUN, or a cache "
                + "mount on the directory, keeps them out of the image. In a builder stage whose files are left behind by the "
                + "multi-stage build the lists cost nothing, so only the final stage and the stages it is built FROM are checked.",
            Example = "RUN apt-get update && apt-get install -y --no-install-recommends libpq5",
            UseInstead = "RUN apt-get update && apt-get install -y --no-install-recommends libpq5 \\\n    && rm -rf /var/lib/apt/lists/*",
            FixHint = "Append `&& rm -rf /var/lib/apt/lists/*` to the RUN.",
            FixSafety =
                "The fix appends `rm -rf /var/lib/apt/lists/*` after the last command of the RUN (on a new continuation line "
                + "in the RUN's own style when it spans several lines; as a new line of the script for a heredoc). It is safe, "
                + "unless a later RUN of the stage (or of a stage built on it) installs packages without running "
                + "`apt-get update` itself: that RUN relied on the lists and would fail, so there the fix is marked unsafe.",
            DifferencesFromAnchors =
                "hadolint reports a RUN with `apt-get update` and no cleanup, in the last stage and in stages that later "
                + "stages are built FROM. PyDocker reports RUNs that update and then install or upgrade (a RUN with only "
                + "`update` is PD303's finding; one that only installs uses an earlier layer's lists, which removing here "
                + "would not shrink), only in the final stage and the stages it is built FROM, and always in ONBUILD triggers (they run "
                + "in whatever image is built from this one). It accepts `rm` with any recursive flag naming the lists "
                + "directory or its contents, `apt-get distclean` (apt 2.7), and a cache or tmpfs mount whose target contains /var/lib/apt/lists — a mount of "
                + "/var/lib/apt alone is enough, where hadolint also wants /var/cache/apt. A file without FROM has no final "
                + "stage, so nothing is reported there.",
        })
    {
        HadolintIds = new[] { "DL3009" },
    };

    public void Check(RuleContext context)
    {
        DockerfileStyle? style = null;
        var runs = AptIndex.Of(context.Syntax).Runs;
        for (int r = 0; r < runs.Count; r++)
        {
            var (run, stage, isTrigger, calls) = runs[r];
            if (calls.Count == 0 || (!isTrigger && (stage is null || !context.Model.IsProductionStage(stage)))) continue;
            if (AptCommands.MountsAptLists(run)) continue;
            // The lists come from this RUN's own update; a RUN that only installs uses (and cannot shrink) an earlier
            // layer's lists, and an update with nothing after it is PD303's finding.
            AptCall? update = null, firstReader = null, lastListUser = null;
            foreach (var call in calls)
            {
                if (call.IsUpdate) update ??= call;
                if (call.ReadsLists && update is not null) firstReader ??= call;
                if (call.ReadsLists || call.IsUpdate) lastListUser = call;
            }
            if (firstReader is null || lastListUser is null || RemovedAfter(run, lastListUser.CommandIndex)) continue;

            style ??= DockerfileStyle.Of(context.Syntax);
            var fixes = new List<Fix>(1);
            if (DockerfileEdits.AppendCommand(context.Syntax, run, lastListUser.Command, Cleanup, style) is { } edit)
            {
                var safety = stage is not null && LaterRunNeedsLists(runs, r, stage) ? FixSafety.Unsafe : FixSafety.Safe;
                fixes.Add(context.PreferredDockerfileFix("Remove the apt lists at the end of the RUN", safety, edit));
            }
            string where = isTrigger ? "every image built from this one" : "the final image";
            context.Report(firstReader.Span,
                $"The package lists that `{update!.ToolName} update` downloads for this {firstReader.Subcommand} stay in this layer of {where}; delete /var/lib/apt/lists/* at the end of the same RUN",
                fixes.ToArray());
        }
    }

    private static bool RemovedAfter(RunInstruction run, int commandIndex)
    {
        var commands = run.ShellCommands;
        for (int i = commandIndex + 1; i < commands.Count; i++)
            if (AptCommands.RemovesAptLists(commands[i])) return true;
        return false;
    }

    /// <summary>True when a RUN after <paramref name="run"/>, in its stage or a stage built on it, installs without
    /// downloading the lists first.</summary>
    private static bool LaterRunNeedsLists(IReadOnlyList<AptRun> runs, int index, Stage stage)
    {
        for (int r = index + 1; r < runs.Count; r++)
        {
            var (_, laterStage, _, calls) = runs[r];
            if (calls.Count == 0 || laterStage is null || !BuildsOn(laterStage, stage)) continue;
            foreach (var call in calls)
            {
                if (call.IsUpdate) break;
                if (call.ReadsLists) return true;
            }
        }
        return false;
    }

    private static bool BuildsOn(Stage stage, Stage ancestor)
    {
        foreach (var s in stage.SelfAndBaseStages())
            if (ReferenceEquals(s, ancestor)) return true;
        return false;
    }
}
