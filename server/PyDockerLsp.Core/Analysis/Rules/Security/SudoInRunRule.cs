using PyDockerLsp.Core.Analysis.Rules.OsPackages;
using PyDockerLsp.Core.Syntax.Shell;

namespace PyDockerLsp.Core.Analysis.Rules.Security;

/// <summary>PD405 sudo-in-run: <c>sudo</c> in a RUN.</summary>
public sealed class SudoInRunRule : IRule
{
    public RuleDescriptor Descriptor { get; } = new(
        "PD405", "sudo-in-run", RuleCategory.Security, Severity.Warning,
        new RuleDocumentation
        {
            WhatItDoes = "Reports `sudo` used to run a command in a RUN instruction.",
            WhyItMatters =
                "A build step runs as the user of the last USER instruction, and there is no one to type a password. "
                + "`sudo` in a RUN means either the step already runs as root (then it does nothing but reset PATH and the "
                + "environment, which can pick a different `python` or `pip`), or the image ships sudo with a password-less "
                + "rule so an unprivileged user can become root again — which undoes the point of running as that user. "
                + "The python images do not even contain sudo. Switch users with USER instead.",
            Example = "USER app\nRUN sudo apt-get update && sudo apt-get install -y --no-install-recommends libpq5",
            UseInstead = "USER root\nRUN apt-get update && apt-get install -y --no-install-recommends libpq5 && rm -rf /var/lib/apt/lists/*\nUSER app",
            FixHint = "Run the step as root with USER root (and switch back afterwards) instead of sudo.",
            DifferencesFromAnchors = "Like hadolint, each `sudo` that runs a command is reported (`apt-get install sudo` is not); PyDocker also looks inside heredoc scripts and through `env` and `xargs`.",
        })
    {
        HadolintIds = new[] { "DL3004" },
    };

    public void Check(RuleContext context)
    {
        foreach (var (run, _, _) in AptCommands.AllRuns(context.Syntax))
        {
            foreach (var command in run.ShellCommands)
            {
                if (SudoWord(command) is not { } sudo) continue;
                context.Report(sudo.Span,
                    "`sudo` in a RUN: build steps cannot answer a password prompt, and an image that lets its user become root again loses the protection of a non-root USER; use USER root for the step instead");
            }
        }
    }

    /// <summary>The <c>sudo</c> word that runs the command (directly, behind <c>env</c>/<c>nice</c>/<c>time</c>, or
    /// as the command of <c>xargs</c>), or null.</summary>
    private static ShellWord? SudoWord(ShellCommand command)
    {
        var program = command.Program;
        if (program is null) return command.NameWord is { } name && IsSudo(name) ? name : null;
        foreach (var wrapper in program.Wrappers)
            if (IsSudo(wrapper)) return wrapper;
        if (program.Name != "xargs") return null;
        foreach (var argument in program.Arguments)
        {
            if (argument.Value.StartsWith('-')) continue;
            return IsSudo(argument) ? argument : null;
        }
        return null;
    }

    private static bool IsSudo(ShellWord word) => AptCall.BaseName(word.Value) == "sudo";
}
