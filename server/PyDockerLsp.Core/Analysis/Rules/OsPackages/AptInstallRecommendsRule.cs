namespace PyDockerLsp.Core.Analysis.Rules.OsPackages;

/// <summary>PD301 apt-install-recommends: <c>apt-get install</c> without <c>--no-install-recommends</c>.</summary>
public sealed class AptInstallRecommendsRule : IRule
{
    public RuleDescriptor Descriptor { get; } = new(
        "PD301", "apt-install-recommends", RuleCategory.Size, Severity.Information,
        new RuleDocumentation
        {
            WhatItDoes = "Reports an `apt-get install` (or `apt install`) that does not leave out recommended packages.",
            WhyItMatters =
                "By default apt installs, next to the packages you name, every package they merely recommend: manual pages, "
                + "documentation helpers, extra libraries, sometimes a whole compiler toolchain (`python3-pip` recommends "
                + "`build-essential`). On a slim Python image that can double the size of the layer and widens what a "
                + "vulnerability scanner finds, for software the application never runs. In a build stage it only costs "
                + "download and install time, but that is paid on every uncached build.",
            Example = "RUN apt-get update && apt-get install -y libpq5 && rm -rf /var/lib/apt/lists/*",
            UseInstead = "RUN apt-get update && apt-get install -y --no-install-recommends libpq5 && rm -rf /var/lib/apt/lists/*",
            FixHint = "Add `--no-install-recommends` after `install`.",
            FixSafety =
                "The fix adds `--no-install-recommends` right after `install`. It is marked unsafe: a recommended package is "
                + "sometimes one the image does need — `curl` and `wget` only recommend `ca-certificates`, without which HTTPS "
                + "downloads fail; `git` only recommends `openssh-client`. After applying it, name such packages explicitly.",
            DifferencesFromAnchors =
                "Like hadolint, `-o APT::Install-Recommends=false` on the command counts. PyDocker also accepts the setting "
                + "written to an apt configuration file by an earlier step of the same stage (or a stage it is built on), "
                + "checks `apt install` and `aptitude install` (which takes `--without-recommends`), and reports each install, "
                + "not each RUN.",
        })
    {
        HadolintIds = new[] { "DL3015" },
    };

    public void Check(RuleContext context)
    {
        var index = AptIndex.Of(context.Syntax);
        foreach (var (_, stage, isTrigger, calls) in index.Runs)
        {
            foreach (var call in calls)
            {
                if (!call.IsInstall || call.SubcommandWord is null || call.SkipsRecommends()) continue;
                if (index.Writes.IsSetBefore(call, AptConfigurationWrites.InstallRecommends, AptCall.IsFalse)) continue;
                bool reachesFinalImage = isTrigger || (stage is not null && context.Model.IsProductionStage(stage));
                string message = reachesFinalImage
                    ? $"`{call.ToolName} install` also installs every recommended package, which the final image carries without needing; add {call.NoRecommendsFlag}"
                    : $"`{call.ToolName} install` also downloads and installs every recommended package, which slows this build stage; add {call.NoRecommendsFlag}";
                var fix = context.PreferredDockerfileFix($"Add {call.NoRecommendsFlag}", FixSafety.Unsafe,
                    TextEdit.Insert(call.SubcommandWord.Span.End, " " + call.NoRecommendsFlag));
                context.Report(call.Span, message, fix);
            }
        }
    }
}
