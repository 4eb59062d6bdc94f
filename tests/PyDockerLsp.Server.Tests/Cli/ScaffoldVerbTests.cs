using PyDockerLsp.Server.Cli;

namespace PyDockerLsp.Server.Tests.Cli;

/// <summary><c>pydocker scaffold</c> on real temporary folders: what it prints, writes, refuses, and its exit codes.</summary>
public sealed class ScaffoldVerbTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("pydocker-scaffold-cli-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private string Project(params (string Path, string Text)[] files)
    {
        var folder = Path.Combine(_root, "shop");
        foreach (var (path, text) in files)
        {
            var full = Path.Combine(folder, path);
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            File.WriteAllText(full, text);
        }
        return folder;
    }

    private string FlaskProject() => Project(("requirements.txt", "flask==3.0.3\ngunicorn==23.0.0\n"), ("app.py", "from flask import Flask\n\napp = Flask(__name__)\n"));

    private (int Code, string Out, string Err) Scaffold(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        // The verb as the root command declares it, with the temporary folder as the working directory.
        var root = new System.CommandLine.RootCommand { ScaffoldVerb.Build(stdout, stderr, _root) };
        var parsed = root.Parse(new[] { "scaffold" }.Concat(args).ToArray());
        Assert.Empty(parsed.Errors);
        int code = parsed.Invoke(new System.CommandLine.InvocationConfiguration { Output = stdout, Error = stderr });
        return (code, stdout.ToString().Replace("\r\n", "\n"), stderr.ToString().Replace("\r\n", "\n"));
    }

    [Fact]
    public void The_command_line_declares_the_scaffold_verb()
    {
        var stdout = new StringWriter();
        Assert.Equal(0, CommandLine.Run(new[] { "scaffold", "--help" }, stdout, new StringWriter()));
        Assert.Contains("--dry-run", stdout.ToString());
        Assert.Contains("--force", stdout.ToString());
    }

    [Fact]
    public void Without_a_pattern_it_uses_the_recommended_one_prints_the_reasons_and_writes_both_files()
    {
        var folder = FlaskProject();
        var (code, output, error) = Scaffold("shop");
        Assert.Equal("", error);
        Assert.Equal(ScaffoldVerb.Done, code);
        Assert.StartsWith("Pattern: builder-venv (recommended: pip project (requirements.txt found); installs requirements.txt with pip into /venv)\n", output);
        Assert.Contains("  Framework       flask  (found `app = Flask(...)` in app.py line 3; flask is a dependency in requirements.txt)\n", output);
        Assert.Contains("  Entry point     app:app  (found `app = Flask(...)` in app.py line 3)\n", output);
        Assert.EndsWith("Wrote shop/Dockerfile\nWrote shop/.dockerignore\n", output);
        Assert.Contains("EXPOSE 5000", File.ReadAllText(Path.Combine(folder, "Dockerfile")));
        Assert.True(File.Exists(Path.Combine(folder, ".dockerignore")));
    }

    [Fact]
    public void Dry_run_prints_the_files_and_writes_nothing()
    {
        var folder = FlaskProject();
        var (code, output, _) = Scaffold("shop", "--pattern", "uv", "--python", "3.11", "--port", "8080", "--dry-run");
        Assert.Equal(ScaffoldVerb.Done, code);
        Assert.StartsWith("Pattern: uv\n", output);
        Assert.Contains("\n==> Dockerfile <==\n", output);
        Assert.Contains("\n==> .dockerignore <==\n", output);
        Assert.Contains("FROM python:3.11-slim-trixie", output);
        Assert.Contains("EXPOSE 8080", output);
        Assert.False(File.Exists(Path.Combine(folder, "Dockerfile")));
    }

    [Fact]
    public void It_refuses_to_overwrite_without_force_and_writes_nothing_at_all()
    {
        var folder = FlaskProject();
        File.WriteAllText(Path.Combine(folder, "Dockerfile"), "FROM scratch\n");
        var (code, _, error) = Scaffold("shop", "--pattern", "builder-venv");
        Assert.Equal(ScaffoldVerb.Refused, code);
        Assert.Equal("pydocker scaffold: Dockerfile already exists in shop; nothing was written. Use --force to overwrite, or --dry-run to see the files.\n", error);
        Assert.Equal("FROM scratch\n", File.ReadAllText(Path.Combine(folder, "Dockerfile")));
        Assert.False(File.Exists(Path.Combine(folder, ".dockerignore")));
    }

    [Fact]
    public void Force_overwrites()
    {
        var folder = FlaskProject();
        File.WriteAllText(Path.Combine(folder, "Dockerfile"), "FROM scratch\n");
        var (code, output, _) = Scaffold("shop", "--force");
        Assert.Equal(ScaffoldVerb.Done, code);
        Assert.Contains("Overwrote shop/Dockerfile\n", output);
        Assert.StartsWith("# syntax=docker/dockerfile:1", File.ReadAllText(Path.Combine(folder, "Dockerfile")));
    }

    [Fact]
    public void A_user_template_folder_overrides_a_bundled_template()
    {
        FlaskProject();
        Directory.CreateDirectory(Path.Combine(_root, "templates"));
        File.WriteAllText(Path.Combine(_root, "templates", "dockerignore.hbs"), "# mine\n");
        var (code, output, _) = Scaffold("shop", "--dry-run", "--templates", "templates");
        Assert.Equal(ScaffoldVerb.Done, code);
        Assert.EndsWith("==> .dockerignore <==\n# mine\n", output);
    }

    [Theory]
    [InlineData(new[] { "nowhere" }, 2, "pydocker scaffold: 'nowhere' is not a folder.\n")]
    [InlineData(new[] { "shop", "--pattern", "rails" }, 2, "pydocker scaffold: unknown pattern 'rails'; the patterns are builder-venv, dev-test-stages, uv, poetry, pipenv, distroless.\n")]
    [InlineData(new[] { "shop", "--python", "3" }, 2, "pydocker scaffold: The Python version must be X.Y from 3.8 on, for example 3.12; got \"3\".\n")]
    [InlineData(new[] { "shop", "--port", "70000" }, 2, "pydocker scaffold: A port is a whole number from 1 to 65535; got 70000.\n")]
    [InlineData(new[] { "shop", "--templates", "missing" }, 2, "pydocker scaffold: the templates folder 'missing' does not exist.\n")]
    [InlineData(new[] { "shop", "--pattern", "poetry" }, 1, "pydocker scaffold: The poetry pattern does not apply to this project: the project is not managed by Poetry (no poetry.lock).\n")]
    public void Bad_requests_say_what_is_wrong(string[] args, int expectedCode, string message)
    {
        FlaskProject();
        var (code, _, error) = Scaffold(args);
        Assert.Equal(message, error);
        Assert.Equal(expectedCode, code);
    }
}
