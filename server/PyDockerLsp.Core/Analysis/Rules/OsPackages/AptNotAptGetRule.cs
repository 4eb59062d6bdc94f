namespace PyDockerLsp.Core.Analysis.Rules.OsPackages;

/// <summary>PD305 apt-not-apt-get: the interactive <c>apt</c> front end in a RUN.</summary>
public sealed class AptNotAptGetRule : IRule
{
    public RuleDescriptor Descriptor { get; } = new(
        "PD305", "apt-not-apt-get", RuleCategory.Reproducibility, Severity.Warning,
        new RuleDocumentation
        {
            WhatItDoes = "Reports the `apt` command in a RUN.",
            WhyItMatters =
                "`apt` is the front end meant for people at a terminal: its output and behaviour may change between Debian "
                + "releases (it warns \"apt does not have a stable CLI interface. Use with caution in scripts.\"), it draws "
                + "progress bars into the build log, and its defaults differ from apt-get's. `apt-get` (and `apt-cache` for "
                + "queries) keep a stable interface for scripts such as a Dockerfile.",
            Example = "RUN apt update && apt install -y --no-install-recommends libpq5 && rm -rf /var/lib/apt/lists/*",
            UseInstead = "RUN apt-get update && apt-get install -y --no-install-recommends libpq5 && rm -rf /var/lib/apt/lists/*",
            FixHint = "Use `apt-get` instead of `apt`.",
            FixSafety =
                "The fix replaces `apt` with `apt-get` for the subcommands that mean the same in both (install, update, remove, "
                + "purge, autoremove, clean, autoclean, build-dep, source, reinstall, dist-upgrade). `apt upgrade` installs new "
                + "dependencies where `apt-get upgrade` holds packages back, so it becomes `apt-get upgrade --with-new-pkgs`; "
                + "`apt full-upgrade` becomes `apt-get dist-upgrade`. It is safe. Queries such as `apt list`, `apt search` "
                + "or `apt show` have no apt-get equivalent and get no fix (use `apt-cache` or `dpkg-query`).",
            DifferencesFromAnchors = "hadolint reports each RUN that uses apt; PyDocker reports each apt command, on the `apt` word.",
        })
    {
        HadolintIds = new[] { "DL3027" },
    };

    public void Check(RuleContext context)
    {
        foreach (var run in AptIndex.Of(context.Syntax).Runs)
        {
            foreach (var call in run.Calls)
            {
                if (call.Tool != AptTool.Apt) continue;
                var fix = ReplacementEdits(call) is { } edits
                    ? new[] { context.PreferredDockerfileFix("Use apt-get", FixSafety.Safe, edits) }
                    : Array.Empty<Fix>();
                context.Report(call.ProgramWord.Span,
                    "`apt` is meant for interactive use and has no stable command-line interface for scripts; use `apt-get`",
                    fix);
            }
        }
    }

    private static TextEdit[]? ReplacementEdits(AptCall call)
    {
        if (call.SubcommandWord is not { } subcommand) return null;
        var program = call.ProgramWord;
        int slash = program.Value.LastIndexOf('/');
        string tool = (slash < 0 ? "" : program.Value.Substring(0, slash + 1)) + "apt-get";
        var replaceTool = new TextEdit(program.Span, tool);
        switch (subcommand.Value)
        {
            case "install" or "update" or "remove" or "purge" or "autoremove" or "clean" or "autoclean"
                or "build-dep" or "source" or "reinstall" or "dist-upgrade":
                return new[] { replaceTool };
            case "upgrade":
                return call.Command.HasFlag("--with-new-pkgs")
                    ? new[] { replaceTool }
                    : new[] { replaceTool, TextEdit.Insert(subcommand.Span.End, " --with-new-pkgs") };
            case "full-upgrade":
                return new[] { replaceTool, new TextEdit(subcommand.Span, "dist-upgrade") };
            default:
                return null;
        }
    }
}
