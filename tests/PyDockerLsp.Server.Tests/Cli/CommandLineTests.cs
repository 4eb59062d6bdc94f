using PyDockerLsp.Server.Cli;

namespace PyDockerLsp.Server.Tests.Cli;

/// <summary>The verbs and options of <c>pydocker</c> as a user types them (real files in a temporary folder).</summary>
public sealed class CommandLineTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("pydocker-cli-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static (int Code, string Out, string Err) Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int code = CommandLine.Run(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public void Version_prints_the_product_and_its_version()
    {
        var (code, output, _) = Run("--version");
        Assert.Equal(0, code);
        Assert.Equal($"pydocker {VersionInfo.Version}", output.Trim());
        Assert.Matches(@"^\d+\.\d+\.\d+", VersionInfo.Version);
    }

    [Fact]
    public void Help_lists_the_verbs()
    {
        var (code, output, _) = Run("--help");
        Assert.Equal(0, code);
        Assert.Contains("lint", output);
        Assert.Contains("lsp", output);
    }

    public static TheoryData<string[]> UsageErrors => new()
    {
        new string[0],
        new[] { "frobnicate" },
        new[] { "lint" },
        new[] { "lint", "--format", "xml", "." },
        new[] { "lint", "--no-such-option", "." },
    };

    [Theory]
    [MemberData(nameof(UsageErrors))]
    public void Usage_errors_exit_2_with_a_message(string[] args)
    {
        var (code, _, error) = Run(args);
        Assert.Equal(CommandLine.UsageError, code);
        Assert.Contains("pydocker", error);
        Assert.DoesNotContain("   at ", error);
    }

    [Fact]
    public void Lint_reads_real_files_with_context_and_format_options()
    {
        File.WriteAllText(Path.Combine(_folder, "Dockerfile"), "RUN echo\n");
        var (code, output, _) = Run("lint", Path.Combine(_folder, "Dockerfile"), "--context", _folder, "--format", "json");
        Assert.Equal(1, code);
        Assert.Contains("\"code\": \"PD010\"", output);
    }

    [Fact]
    public void Lint_of_a_clean_folder_exits_0()
    {
        File.WriteAllText(Path.Combine(_folder, "Containerfile"), "FROM scratch\nUSER 65532\n");
        var (code, output, _) = Run("lint", _folder);
        Assert.Equal(0, code);
        Assert.Contains("1 file checked, no problems found.", output);
    }
}

/// <summary>The command lines editors use to start the server are recognised without the parser.</summary>
public class LspArgumentsTests
{
    public static TheoryData<string[], bool, int?> CommandLines => new()
    {
        { new[] { "lsp" }, true, null },
        { new[] { "lsp", "--stdio" }, true, null },
        { new[] { "lsp", "--stdio", "--clientProcessId=4242" }, true, 4242 },
        { new[] { "lsp", "--clientProcessId", "17", "--stdio" }, true, 17 },
        { new[] { "lsp", "--help" }, false, null },
        { new[] { "lsp", "--clientProcessId=x" }, false, null },
        { new[] { "lsp", "--clientProcessId" }, false, null },
        { new[] { "lint", "." }, false, null },
        { new string[0], false, null },
    };

    [Theory]
    [MemberData(nameof(CommandLines))]
    public void Editor_command_lines_are_read_directly(string[] args, bool recognised, int? clientProcessId)
    {
        Assert.Equal(recognised, LspCommand.TryReadArguments(args, out var pid));
        Assert.Equal(clientProcessId, pid);
    }

    [Fact]
    public void Lsp_help_goes_through_the_parser()
    {
        var stdout = new StringWriter();
        Assert.Equal(0, CommandLine.Run(new[] { "lsp", "--help" }, stdout, new StringWriter()));
        Assert.Contains("--stdio", stdout.ToString());
    }
}
