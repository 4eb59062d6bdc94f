using PyDockerLsp.Core.Syntax.Dockerfile;
using PyDockerLsp.Core.Syntax.Shell;

namespace PyDockerLsp.Core.Tests.Syntax;

/// <summary>The shell view of RUN: commands, words, operators and the program behind wrappers.</summary>
public sealed class ShellScriptTests
{
    private static string Describe(ShellScript script) =>
        string.Join(" | ", script.Commands.Select(c => string.Join(" ", c.Assignments.Concat(c.Words).Select(w => w.Value))));

    public static TheoryData<string, string> Splitting => new()
    {
        { "apt-get update && apt-get install -y curl", "apt-get update | apt-get install -y curl" },
        { "a || b; c | d & e", "a | b | c | d | e" },
        { "set -eux; \\\n  pip install flask", "set -eux | pip install flask" },
        { "echo 'a && b' \"c; d\"", "echo a && b c; d" },
        { "echo \"$(cat /etc/os-release | grep ID)\" done", "echo $(cat /etc/os-release | grep ID) done" },
        { "X=1 Y=\"two words\" make install", "X=1 Y=two words make install" },
        { "(cd /app && make) && { rm -rf /tmp/x; }", "cd /app | make | rm -rf /tmp/x" },
        { "if [ -f a ]; then pip install -r a; else echo none; fi", "[ -f a ] | pip install -r a | echo none" },
        { "for p in a b; do pip install $p; done", "pip install $p" },
        { "while true; do sleep 1; done", "true | sleep 1" },
        { "case \"$x\" in\n  a) echo A ;;\n  *) echo other ;;\nesac", "echo A | echo other" },
        { "echo hi > /dev/null 2>&1", "echo hi" },
        { "cat <<EOF | python3", "cat | python3" },
        { "echo a # a comment && not a command\necho b", "echo a | echo b" },
        { "echo it\\'s", "echo it's" },
        { "echo ${HOME:-/root} `date`", "echo ${HOME:-/root} `date`" },
        { "echo \"unterminated", "echo unterminated" },
        { "f() { echo in; }; f", "echo in | f" },
    };

    [Theory]
    [MemberData(nameof(Splitting))]
    public void Script_splits_into_commands_and_unquoted_words(string script, string expected) =>
        Assert.Equal(expected, Describe(ShellScriptParser.Parse(script)));

    [Fact]
    public void Operators_between_commands_are_recorded()
    {
        var commands = ShellScriptParser.Parse("a && b || c | d; e").Commands;
        Assert.Equal(new[] { ShellOperator.And, ShellOperator.Or, ShellOperator.Pipe, ShellOperator.Semicolon, ShellOperator.None },
            commands.Select(c => c.Separator));
        Assert.Equal(new[] { ShellOperator.None, ShellOperator.And, ShellOperator.Or, ShellOperator.Pipe, ShellOperator.Semicolon },
            commands.Select(c => c.PrecededBy));
        Assert.True(commands[2].IsInPipeline);
        Assert.True(commands[3].IsInPipeline);
        Assert.False(commands[0].IsInPipeline);
    }

    [Fact]
    public void Subshell_depth_is_recorded()
    {
        var commands = ShellScriptParser.Parse("a && (b && (c)) && d").Commands;
        Assert.Equal(new[] { 0, 1, 2, 0 }, commands.Select(c => c.Depth));
    }

    [Fact]
    public void Redirections_are_not_arguments()
    {
        var command = ShellScriptParser.Parse("pip install flask > /tmp/log 2>&1 <input").Commands.Single();
        Assert.Equal(new[] { "install", "flask" }, command.Arguments.Select(a => a.Value));
        Assert.Equal(new[] { ">", ">&", "<" }, command.Redirections.Select(r => r.Operator));
        Assert.Equal(2, command.Redirections[1].FileDescriptor);
        Assert.Equal("1", command.Redirections[1].Target!.Value);
    }

    [Fact]
    public void Heredoc_marker_is_a_redirection_with_its_name()
    {
        var command = ShellScriptParser.Parse("python3 <<'PY'").Commands.Single();
        Assert.Equal("python3", command.Name);
        Assert.Equal("PY", command.Redirections.Single().HeredocName);
    }

    public static TheoryData<string, string, string> Programs => new()
    {
        { "pip install flask", "pip", "install flask" },
        { "/opt/venv/bin/pip install flask", "pip", "install flask" },
        { "python -m pip install --upgrade pip", "pip", "install --upgrade pip" },
        { "python3.12 -u -m pip install flask", "pip", "install flask" },
        { "sudo -u app pip3 install flask", "pip3", "install flask" },
        { "sudo -E env PIP_NO_CACHE_DIR=1 pip install flask", "pip", "install flask" },
        { "env -i PATH=/bin uv sync --frozen", "uv", "sync --frozen" },
        { "exec gunicorn app:app", "gunicorn", "app:app" },
        { "nice -n 10 make -j4", "make", "-j4" },
        { "python app.py", "python", "app.py" },
        { "python -c 'import sys'", "python", "-c import sys" },
    };

    [Theory]
    [MemberData(nameof(Programs))]
    public void Program_is_found_behind_wrappers(string script, string program, string arguments)
    {
        var found = ShellScriptParser.Parse(script).Commands.Single().Program!;
        Assert.Equal(program, found.Name);
        Assert.Equal(arguments, string.Join(" ", found.Arguments.Select(a => a.Value)));
    }

    [Fact]
    public void Program_family_drops_the_version()
    {
        var program = ShellScriptParser.Parse("pip3.12 install x").Commands.Single().Program!;
        Assert.Equal("pip", program.Family);
        Assert.True(program.IsOneOf("pip"));
        Assert.Equal("install", program.Subcommand);
        Assert.Equal("python", ShellScriptParser.Parse("python3.11 x").Commands.Single().Program!.Family);
    }

    public static TheoryData<string, string, bool> Flags => new()
    {
        { "pip install --no-cache-dir flask", "--no-cache-dir", true },
        { "pip install --no-cache-dir=1 flask", "--no-cache-dir", true },
        { "pip install flask", "--no-cache-dir", false },
        { "apt-get install -qy curl", "-y", true },
        { "apt-get install -q curl", "-y", false },
        { "apt-get install --yes curl", "--yes", true },
        { "rm -rf /var/lib/apt/lists/*", "-f", true },
        { "uv sync --frozen", "--locked", false },
        { "echo -- -y", "-y", false },
        { "apt-get install \"--no-install-recommends\" curl", "--no-install-recommends", true },
    };

    [Theory]
    [MemberData(nameof(Flags))]
    public void Flags_are_found_in_their_usual_spellings(string script, string flag, bool expected) =>
        Assert.Equal(expected, ShellScriptParser.Parse(script).Commands.Single().HasFlag(flag));

    [Fact]
    public void Option_values_in_all_spellings()
    {
        var command = ShellScriptParser.Parse("pip install -r a.txt -rb.txt --requirement c.txt --requirement=d.txt").Commands.Single();
        Assert.Equal(new[] { "a.txt", "b.txt", "c.txt", "d.txt" }, command.GetOptionValues("-r", "--requirement").Select(v => v.Value));
    }

    [Fact]
    public void Set_options_are_recognised()
    {
        Assert.True(ShellScriptParser.Parse("set -o pipefail").Commands.Single().IsSetOption("pipefail"));
        Assert.True(ShellScriptParser.Parse("set -euxo pipefail").Commands.Single().IsSetOption("pipefail"));
        Assert.False(ShellScriptParser.Parse("set -eux").Commands.Single().IsSetOption("pipefail"));
    }

    [Fact]
    public void Words_know_whether_they_are_quoted_or_expand()
    {
        var words = ShellScriptParser.Parse("echo plain 'single' \"$HOME\" $(pwd) a\\ b").Commands.Single().Words;
        Assert.Equal(new[] { false, false, true, true, false, true }, words.Select(w => w.IsQuoted));
        Assert.Equal(new[] { false, false, false, true, true, false }, words.Select(w => w.HasExpansion));
        Assert.Equal("a b", words[5].Value);
        Assert.Equal("a\\ b", words[5].Text);
    }

    [Fact]
    public void Run_collects_commands_from_the_command_line_and_shell_heredocs()
    {
        const string dockerfile = "FROM x\nRUN <<EOF\nset -e\napt-get update\nEOF\nRUN python3 <<PY\nimport os\nPY\nRUN bash <<SH\nuv sync --frozen\nSH\n";
        var runs = DockerfileParser.Parse(dockerfile).Instructions.OfType<RunInstruction>().ToList();
        Assert.Equal(new[] { "set", "apt-get" }, runs[0].ShellCommands.Where(c => c.Source == ShellSource.Heredoc).Select(c => c.Name));
        Assert.DoesNotContain(runs[1].ShellCommands, c => c.Source == ShellSource.Heredoc);
        Assert.Equal("uv", runs[2].ShellCommands.Single(c => c.Source == ShellSource.Heredoc).Program!.Name);
        Assert.Same(runs[2].Heredocs[0], runs[2].ShellCommands.Single(c => c.Source == ShellSource.Heredoc).Heredoc);
    }

    [Fact]
    public void Exec_form_run_is_one_command_of_literal_words()
    {
        var run = (RunInstruction)DockerfileParser.Parse("FROM x\nRUN [\"pip\", \"install\", \"--no-cache-dir\", \"flask\"]\n").Instructions[1];
        var command = run.ShellCommands.Single();
        Assert.True(command.Runs("pip"));
        Assert.True(command.HasFlag("--no-cache-dir"));
    }

    [Fact]
    public void Script_finds_commands_by_program()
    {
        var run = (RunInstruction)DockerfileParser.Parse(
            "FROM x\nRUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*\n").Instructions[1];
        var install = run.Script.FindCommands("apt-get").Single(c => c.Program!.Subcommand == "install");
        Assert.True(install.HasFlag("--no-install-recommends"));
        Assert.True(install.HasFlag("-y"));
        Assert.Single(run.Script.FindCommands("rm"));
    }
}
