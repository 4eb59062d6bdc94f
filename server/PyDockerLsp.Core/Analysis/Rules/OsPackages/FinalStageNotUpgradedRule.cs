namespace PyDockerLsp.Core.Analysis.Rules.OsPackages;

/// <summary>PD307 final-stage-not-upgraded (opt-in): the final image never upgrades its OS packages.</summary>
public sealed class FinalStageNotUpgradedRule : IRule
{
    public RuleDescriptor Descriptor { get; } = new(
        "PD307", "final-stage-not-upgraded", RuleCategory.Security, null,
        new RuleDocumentation
        {
            WhatItDoes = "Reports a Debian, Ubuntu or Alpine based final image whose stages never upgrade the OS packages (opt-in).",
            WhyItMatters =
                "A base image tag such as `python:3.12-slim` is rebuilt only every few weeks, while Debian and Alpine publish "
                + "security updates daily. Upgrading the packages in the final stage ships those fixes with your next build "
                + "instead of waiting for the base image. The cost is a less repeatable image — two builds a day apart may "
                + "contain different package versions — which is why the rule is off unless you select it. Builder stages "
                + "do not need it (see PD306).",
            Example = "FROM python:3.12-slim\nCOPY --from=builder /venv /venv",
            UseInstead = "FROM python:3.12-slim\nRUN apt-get update && apt-get upgrade -y && rm -rf /var/lib/apt/lists/*\nCOPY --from=builder /venv /venv",
            FixHint = "Upgrade the OS packages right after the final FROM.",
            FixSafety =
                "The fix inserts `RUN apt-get update && apt-get upgrade -y && rm -rf /var/lib/apt/lists/*` (Alpine: "
                + "`RUN apk upgrade --no-cache`) after the final FROM. It is unsafe: it changes what the image contains, and "
                + "an upgrade can bring behaviour changes a test run should see.",
            DifferencesFromAnchors = "Images without a package manager (distroless, scratch) and images whose OS cannot be told are not reported.",
        });

    public void Check(RuleContext context)
    {
        var final = context.Model.FinalStage;
        if (final is null) return;
        var os = ImageOs.Of(context.Syntax, final);
        if (os is not (OsFamily.Debian or OsFamily.Alpine)) return;
        foreach (var stage in context.Model.ProductionStages)
            foreach (var run in AptCommands.RunsOf(stage))
            {
                foreach (var call in AptCommands.Calls(run))
                    if (call.IsUpgrade) return;
                foreach (var shellCommand in run.ShellCommands)
                    if (AptCommands.ApkUpgradeSpan(shellCommand) is not null) return;
            }

        var from = final.From;
        var style = DockerfileStyle.Of(context.Syntax);
        string indent = DockerfileEdits.IndentOf(context.Source.Text, from);
        string command = os == OsFamily.Alpine
            ? "RUN apk upgrade --no-cache"
            : "RUN apt-get update && apt-get upgrade -y && " + AptListsNotRemovedRule.Cleanup;
        var fix = context.PreferredDockerfileFix("Upgrade the OS packages in the final stage", FixSafety.Unsafe,
            DockerfileEdits.InsertLinesAfter(context.Source.Text, from, style.NewLine, indent + command));
        var span = from.ImageArgument?.Span ?? from.KeywordSpan;
        context.Report(span,
            os == OsFamily.Alpine
                ? "The final image never runs `apk upgrade`, so it ships the base image's packages with whatever security fixes are missing since the tag was built"
                : "The final image never runs `apt-get upgrade`, so it ships the base image's packages with whatever security fixes are missing since the tag was built",
            fix);
    }
}
