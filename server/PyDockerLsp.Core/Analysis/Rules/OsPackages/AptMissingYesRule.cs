namespace PyDockerLsp.Core.Analysis.Rules.OsPackages;

/// <summary>PD304 apt-missing-yes: an apt command that changes packages without <c>-y</c>.</summary>
public sealed class AptMissingYesRule : IRule
{
    public RuleDescriptor Descriptor { get; } = new(
        "PD304", "apt-missing-yes", RuleCategory.Correctness, Severity.Warning,
        new RuleDocumentation
        {
            WhatItDoes = "Reports an `apt-get install` (and `upgrade`, `remove`, `purge`, `autoremove` …) that does not answer apt's confirmation question in advance.",
            WhyItMatters =
                "Before it installs more than you named, or removes anything, apt asks \"Do you want to continue? [Y/n]\". "
                + "A build has no one to answer: apt reads the end of its input and aborts, and the RUN fails — often only "
                + "later, when a package gains a new dependency. `DEBIAN_FRONTEND=noninteractive` does not help here; it only "
                + "silences debconf's configuration questions.",
            Example = "RUN apt-get update && apt-get install --no-install-recommends libpq5",
            UseInstead = "RUN apt-get update && apt-get install -y --no-install-recommends libpq5",
            FixHint = "Add `-y` after the subcommand.",
            FixSafety = "The fix adds `-y` right after the subcommand. It is safe: the only builds it changes are those that would have stopped at the question.",
            DifferencesFromAnchors =
                "hadolint checks `apt-get install` only; PyDocker checks every apt-get, apt and aptitude subcommand that asks "
                + "(install, upgrade, dist-upgrade, full-upgrade, remove, purge, autoremove, build-dep, reinstall, satisfy). "
                + "Besides `-y`, `--yes`, `--assume-yes`, `-qq` and `-q=2`, it accepts `-o APT::Get::Assume-Yes=true`, input "
                + "piped from `yes`, and `APT::Get::Assume-Yes` written to an apt configuration file by an earlier step.",
        })
    {
        HadolintIds = new[] { "DL3014" },
    };

    public void Check(RuleContext context)
    {
        var index = AptIndex.Of(context.Syntax);
        foreach (var run in index.Runs)
        {
            foreach (var call in run.Calls)
            {
                if (!call.AsksForConfirmation || call.SubcommandWord is null || call.AnswersYes()) continue;
                if (index.Writes.IsSetBefore(call, AptConfigurationWrites.AssumeYes, AptCall.IsTrue)) continue;
                var fix = context.PreferredDockerfileFix("Add -y", FixSafety.Safe, TextEdit.Insert(call.SubcommandWord.Span.End, " -y"));
                context.Report(call.Span,
                    $"`{call.ToolName} {call.Subcommand}` without -y stops at apt's confirmation question, and with no one to answer it the build fails",
                    fix);
            }
        }
    }
}
