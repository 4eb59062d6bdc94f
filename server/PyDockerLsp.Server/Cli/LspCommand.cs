using System.CommandLine;
using PyDockerLsp.Server.Lsp;
using PyDockerLsp.Server.Protocol;

namespace PyDockerLsp.Server.Cli;

/// <summary><c>pydocker lsp [--stdio]</c>: serves the Language Server Protocol on stdin/stdout.</summary>
public static class LspCommand
{
    public static Command Build()
    {
        var command = new Command("lsp", "Run the language server over stdin/stdout (what editors start).");
        // vscode-languageclient appends --stdio (and some clients --clientProcessId=N) to the command line.
        var stdio = new Option<bool>("--stdio") { Description = "Use stdin/stdout (the default and only transport)." };
        var clientProcessId = new Option<int?>("--clientProcessId") { Description = "Exit when this process ends." };
        command.Options.Add(stdio);
        command.Options.Add(clientProcessId);
        command.SetAction(result => Run(result.GetValue(clientProcessId)));
        return command;
    }

    /// <summary>Recognises the exact command lines editors use (<c>lsp</c>, <c>--stdio</c>, <c>--clientProcessId=N</c>
    /// or <c>--clientProcessId N</c>) without the parser; anything else (help, typos) goes through <see cref="Build"/>.</summary>
    public static bool TryReadArguments(string[] args, out int? clientProcessId)
    {
        clientProcessId = null;
        if (args.Length == 0 || args[0] != "lsp") return false;
        for (int i = 1; i < args.Length; i++)
        {
            var arg = args[i];
            if (arg == "--stdio") continue;
            string? value = arg.StartsWith("--clientProcessId=", StringComparison.Ordinal) ? arg.Substring("--clientProcessId=".Length)
                : arg == "--clientProcessId" && i + 1 < args.Length ? args[++i]
                : null;
            if (value is null || !int.TryParse(value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var pid))
                return false;
            clientProcessId = pid;
        }
        return true;
    }

    public static int Run(int? clientProcessId)
    {
        var input = Console.OpenStandardInput();
        var output = Console.OpenStandardOutput();
        // stdout carries only protocol: anything that writes to Console.Out by mistake lands on stderr instead.
        Console.SetOut(Console.Error);
        var options = new LanguageServerOptions { Stderr = Console.Error, StderrLevel = StderrLevelFromEnvironment() };
        var server = new LanguageServer(input, output, options);
        if (clientProcessId is int pid) server.WatchClientProcess(pid);
        return server.RunAsync().GetAwaiter().GetResult();
    }

    /// <summary><c>PYDOCKER_LOG=error|warning|info|debug</c> sets how much goes to stderr (info by default).</summary>
    private static LogLevel StderrLevelFromEnvironment() => Environment.GetEnvironmentVariable("PYDOCKER_LOG")?.ToLowerInvariant() switch
    {
        "error" => LogLevel.Error,
        "warning" or "warn" => LogLevel.Warning,
        "debug" => LogLevel.Debug,
        _ => LogLevel.Info,
    };
}
