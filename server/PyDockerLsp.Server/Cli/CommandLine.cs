using System.CommandLine;

namespace PyDockerLsp.Server.Cli;

/// <summary>
/// THE command line of <c>pydocker</c>: every verb is declared here, in <see cref="BuildRoot"/>, and implemented in
/// its own class (<see cref="LintCommand"/>, <see cref="LspCommand"/>). Exit codes: a verb's own, or 2 for a usage error.
/// </summary>
public static class CommandLine
{
    public const int UsageError = 2;

    public static int Run(string[] args) => Run(args, Console.Out, Console.Error);

    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        // Editors start `pydocker lsp --stdio` for every session: serve it before building the command tree,
        // which would add tens of milliseconds to each editor's cold start. Everything else is parsed below.
        if (LspCommand.TryReadArguments(args, out var clientProcessId)) return LspCommand.Run(clientProcessId);
        return Parse(args, stdout, stderr);
    }

    // Kept out of Run so that the lsp fast path does not even load System.CommandLine.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static int Parse(string[] args, TextWriter stdout, TextWriter stderr)
    {
        var root = BuildRoot(stdout, stderr);
        var parsed = root.Parse(args, new ParserConfiguration { ResponseFileTokenReplacer = null });
        if (parsed.Errors.Count > 0)
        {
            foreach (var error in parsed.Errors) stderr.WriteLine("pydocker: " + error.Message);
            stderr.WriteLine("Run 'pydocker --help' for usage.");
            return UsageError;
        }
        return parsed.Invoke(new InvocationConfiguration { Output = stdout, Error = stderr, ProcessTerminationTimeout = null });
    }

    public static RootCommand BuildRoot(TextWriter stdout, TextWriter stderr)
    {
        var root = new RootCommand("pydocker: lints Python Dockerfiles together with the Python project around them, " +
                                   "as a language server for editors and from the command line.");
        // Our own --version prints the product name too, and never the source revision.
        foreach (var option in root.Options.OfType<VersionOption>().ToList()) root.Options.Remove(option);
        var version = new Option<bool>("--version") { Description = "Show the version and exit." };
        root.Options.Add(version);
        root.SetAction(result =>
        {
            if (result.GetValue(version))
            {
                stdout.WriteLine("pydocker " + VersionInfo.Version);
                return 0;
            }
            stderr.WriteLine("pydocker: name a command (lint, explain, scaffold, lsp). Run 'pydocker --help' for usage.");
            return UsageError;
        });

        root.Subcommands.Add(LintCommand.Build(stdout, stderr));
        root.Subcommands.Add(LspCommand.Build());
        root.Subcommands.Add(ExplainCommand.Build(stdout, stderr));
        root.Subcommands.Add(ScaffoldVerb.Build(stdout, stderr));
        // Later verbs (explain, scaffold) are added here, one line each.
        return root;
    }
}
