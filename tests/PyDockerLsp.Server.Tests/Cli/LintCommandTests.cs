using Newtonsoft.Json.Linq;
using PyDockerLsp.Core.Analysis;
using PyDockerLsp.Core.IO;
using PyDockerLsp.Core.Text;
using PyDockerLsp.Server.Cli;

namespace PyDockerLsp.Server.Tests.Cli;

/// <summary><c>pydocker lint</c>: the output lines, the summary, the JSON shape and the exit codes.</summary>
public class LintCommandTests
{
    private const string Message = "The file has no FROM instruction, so there is no stage to build.";

    private static InMemoryFileSystem Project() => new InMemoryFileSystem()
        .Add("/work/examples/bad/Dockerfile", "# no base image\n\n  ARG PY=3.12\n")
        .Add("/work/examples/good/Dockerfile", "FROM scratch\nUSER 1000\n")
        .Add("/work/examples/good/Dockerfile.dev", "ARG EMOJI=🐍\n")
        .Add("/work/examples/.venv/Dockerfile", "RUN never looked at\n")
        .Add("/work/examples/good/app/main.py", "print('hi')\n")
        .Add("/work/build.txt", "RUN echo\n");

    private static (int Code, string Out, string Err) Lint(InMemoryFileSystem fs, LintFormat format, string? context, params string[] paths)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int code = LintCommand.Run(paths, context, format, fs, "/work", stdout, stderr);
        return (code, stdout.ToString().Replace("\r\n", "\n"), stderr.ToString());
    }

    [Fact]
    public void A_folder_is_searched_and_each_finding_printed_as_path_line_column_severity_code_message()
    {
        var (code, output, error) = Lint(Project(), LintFormat.Text, null, "examples");
        Assert.Equal(
            $"examples/bad/Dockerfile:3:3: error PD010 {Message}\n" +
            $"examples/good/Dockerfile.dev:1:1: error PD010 {Message}\n" +
            "3 files checked: 2 errors, 0 warnings, 0 info, 0 hints.\n",
            output);
        Assert.Equal("", error);
        Assert.Equal(LintCommand.ErrorsFound, code);
    }

    [Fact]
    public void Clean_files_exit_0_with_a_summary()
    {
        var (code, output, _) = Lint(Project(), LintFormat.Text, null, "examples/good/Dockerfile");
        Assert.Equal("1 file checked, no problems found.\n", output);
        Assert.Equal(LintCommand.Clean, code);
    }

    [Fact]
    public void A_severity_below_error_exits_0()
    {
        var stdout = new StringWriter();
        var findings = new List<(string, IReadOnlyList<Finding>)>
        {
            ("Dockerfile", new[] { new Finding("PD101", Severity.Warning, "/w/Dockerfile", new TextSpan(5, 6), new LineRange(new(0, 5), new(0, 11)), "Use a slim image.") }),
        };
        LintCommand.WriteText(findings, stdout);
        Assert.Equal("Dockerfile:1:6: warning PD101 Use a slim image.\n1 file checked: 0 errors, 1 warning, 0 info, 0 hints.\n", stdout.ToString().Replace("\r\n", "\n"));
    }

    [Fact]
    public void A_file_named_explicitly_is_linted_as_a_Dockerfile_whatever_its_name()
    {
        var (code, output, _) = Lint(Project(), LintFormat.Text, null, "build.txt");
        Assert.StartsWith("build.txt:1:1: error PD010 ", output);
        Assert.Equal(LintCommand.ErrorsFound, code);
    }

    [Fact]
    public void JSON_output_has_zero_based_LSP_ranges()
    {
        var (code, output, _) = Lint(Project(), LintFormat.Json, null, "examples/bad");
        var finding = (JObject)Assert.Single(JArray.Parse(output));
        Assert.Equal(new[] { "path", "range", "severity", "code", "message" }, finding.Properties().Select(p => p.Name));
        Assert.Equal("examples/bad/Dockerfile", (string?)finding["path"]);
        Assert.Equal(2, (int?)finding["range"]!["start"]!["line"]);
        Assert.Equal(2, (int?)finding["range"]!["start"]!["character"]);
        Assert.Equal(2, (int?)finding["range"]!["end"]!["line"]);
        Assert.Equal(5, (int?)finding["range"]!["end"]!["character"]);
        Assert.Equal("error", (string?)finding["severity"]);
        Assert.Equal("PD010", (string?)finding["code"]);
        Assert.Equal(Message, (string?)finding["message"]);
        Assert.Equal(LintCommand.ErrorsFound, code);
    }

    [Fact]
    public void JSON_output_of_clean_files_is_an_empty_array()
    {
        var (code, output, _) = Lint(Project(), LintFormat.Json, null, "examples/good/Dockerfile");
        Assert.Empty(JArray.Parse(output));
        Assert.Equal(LintCommand.Clean, code);
    }

    [Fact]
    public void JSON_output_carries_related_information_when_a_finding_has_it()
    {
        var related = new RelatedLocation("/work/app/pyproject.toml", new TextSpan(10, 4), new LineRange(new(1, 0), new(1, 4)), "requires-python is here");
        var finding = new Finding("PD999", Severity.Hint, "/work/app/Dockerfile", new TextSpan(0, 4), new LineRange(new(0, 0), new(0, 4)), "m")
        {
            Related = new[] { related },
        };
        var stdout = new StringWriter();
        LintCommand.WriteJson(new List<(string, IReadOnlyList<Finding>)> { ("app/Dockerfile", new[] { finding }) }, "/work", stdout);
        var info = (JObject)Assert.Single((JArray)JArray.Parse(stdout.ToString())[0]["relatedInformation"]!);
        Assert.Equal("app/pyproject.toml", (string?)info["path"]);
        Assert.Equal(1, (int?)info["range"]!["start"]!["line"]);
        Assert.Equal("requires-python is here", (string?)info["message"]);
    }

    [Fact]
    public void A_missing_path_is_an_IO_error_with_exit_2_and_no_stack_trace()
    {
        var (code, _, error) = Lint(Project(), LintFormat.Text, null, "examples/good/Dockerfile", "nowhere");
        Assert.Equal(LintCommand.UsageOrIoError, code);
        Assert.Contains("'nowhere' does not exist", error);
        Assert.DoesNotContain("   at ", error);
    }

    [Fact]
    public void A_context_that_is_not_a_folder_is_a_usage_error()
    {
        var (code, _, error) = Lint(Project(), LintFormat.Text, "no/such/dir", "examples");
        Assert.Equal(LintCommand.UsageOrIoError, code);
        Assert.Contains("no/such/dir", error);
    }

    [Fact]
    public void A_folder_without_Dockerfiles_says_so_and_exits_0()
    {
        var (code, output, _) = Lint(Project(), LintFormat.Text, null, "examples/good/app");
        Assert.Equal("No Dockerfiles or manifests found.\n", output);
        Assert.Equal(LintCommand.Clean, code);
    }

    private static InMemoryFileSystem PythonProject() => new InMemoryFileSystem()
        .Add("/work/proj/pyproject.toml", "[project]\nname = \"app\"\nrequires-python = \">=3.12\"\n")
        .Add("/work/proj/requirements.txt", "flask\nflask==3.1.0\n")
        .Add("/work/proj/docker/Dockerfile", "FROM python:3.11-slim\nCOPY requirements.txt .\nRUN pip install -r requirements.txt\n");

    [Fact]
    public void A_folder_lints_the_manifests_too_and_findings_land_on_the_file_they_are_about()
    {
        var (code, output, _) = Lint(PythonProject(), LintFormat.Text, null, "proj");
        var lines = output.TrimEnd('\n').Split('\n');
        // The Dockerfile in docker/ copies requirements.txt from the project root, so the root is its context.
        Assert.Contains(lines, l => l.StartsWith("proj/docker/Dockerfile:1:13: error PD104 ", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("proj/requirements.txt:1:1: warning PD207 flask has no version", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("proj/requirements.txt:2:1: warning PD803 ", StringComparison.Ordinal));
        Assert.StartsWith("3 files checked: ", lines[^1], StringComparison.Ordinal);
        Assert.Equal(LintCommand.ErrorsFound, code);
    }

    [Fact]
    public void The_context_option_applies_to_every_Dockerfile()
    {
        var (_, output, _) = Lint(PythonProject(), LintFormat.Text, "proj/docker", "proj/docker/Dockerfile");
        // Built from docker/ the requirements file is not there: PD211 instead of the project's findings.
        Assert.Contains("proj/docker/Dockerfile:2:6: error PD211 requirements.txt is not in the build context", output);
        Assert.DoesNotContain("PD104", output);
    }

    [Fact]
    public void JSON_output_of_a_manifest_finding_relates_the_Dockerfile_line_that_installs_it()
    {
        var (_, output, _) = Lint(PythonProject(), LintFormat.Json, null, "proj/docker/Dockerfile");
        var unpinned = (JObject)JArray.Parse(output).Single(f => (string?)f["code"] == "PD207");
        Assert.Equal("proj/requirements.txt", (string?)unpinned["path"]);
        var related = (JObject)Assert.Single((JArray)unpinned["relatedInformation"]!);
        Assert.Equal("proj/docker/Dockerfile", (string?)related["path"]);
        Assert.Equal(2, (int?)related["range"]!["start"]!["line"]);
        var mismatch = (JObject)JArray.Parse(output).Single(f => (string?)f["code"] == "PD104");
        Assert.Equal("proj/pyproject.toml", (string?)((JArray)mismatch["relatedInformation"]!)[0]["path"]);
    }
}
