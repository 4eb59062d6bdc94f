using PyDockerLsp.Core.Syntax.Dockerfile;

namespace PyDockerLsp.Core.Tests.Syntax;

/// <summary>ARG scoping and ENV values as BuildKit applies them.</summary>
public sealed class VariableScopeTests
{
    private const string Dockerfile = """
        ARG PYTHON=3.12
        ARG VARIANT
        FROM python:${PYTHON}-slim AS base
        ARG PYTHON
        ENV APP_HOME=/srv/app PATH="/venv/bin:$PATH"
        ARG TOKEN=dev
        RUN echo ${PYTHON} ${TOKEN}
        FROM base
        RUN echo $APP_HOME ${PYTHON:-unset}
        """;

    [Fact]
    public void Global_scope_holds_global_args_with_defaults()
    {
        var syntax = DockerfileParser.Parse(Dockerfile);
        var scope = syntax.GetGlobalScope();
        Assert.True(scope.TryGetValue("PYTHON", out var python));
        Assert.Equal("3.12", python);
        Assert.False(scope.TryGetValue("VARIANT", out _));
        Assert.Equal("python:3.12-slim", syntax.Expand(syntax.Stages[0].From.ImageArgument!.Value, scope));
    }

    [Fact]
    public void Build_args_override_defaults()
    {
        var syntax = DockerfileParser.Parse(Dockerfile);
        var scope = syntax.GetGlobalScope(new Dictionary<string, string> { ["PYTHON"] = "3.11", ["VARIANT"] = "alpine" });
        Assert.Equal("python:3.11-slim", syntax.Expand(syntax.Stages[0].From.ImageArgument!.Value, scope));
        Assert.True(scope.TryGetValue("VARIANT", out var variant));
        Assert.Equal("alpine", variant);
    }

    [Fact]
    public void Redeclared_global_arg_takes_the_global_value_inside_the_stage()
    {
        var syntax = DockerfileParser.Parse(Dockerfile);
        var run = syntax.Stages[0].Instructions.OfType<RunInstruction>().Single();
        var scope = syntax.GetScopeBefore(run);
        Assert.Equal("echo 3.12 dev", syntax.Expand(run.ShellCommandText!, scope));
        Assert.Equal("/srv/app", scope.Environment["APP_HOME"]);
        Assert.StartsWith("/venv/bin:", scope.Environment["PATH"], StringComparison.Ordinal);
    }

    [Fact]
    public void Env_is_inherited_from_the_base_stage_but_args_are_not()
    {
        var syntax = DockerfileParser.Parse(Dockerfile);
        var run = syntax.Stages[1].Instructions.OfType<RunInstruction>().Single();
        Assert.Equal("echo /srv/app unset", syntax.Expand(run.ShellCommandText!, syntax.GetScopeBefore(run)));
    }

    [Fact]
    public void Scope_before_an_instruction_excludes_later_declarations()
    {
        var syntax = DockerfileParser.Parse("FROM x\nRUN echo $A\nARG A=1\nRUN echo $A\n");
        var runs = syntax.Stages[0].InstructionsOf<RunInstruction>().ToList();
        Assert.Equal("echo ", syntax.Expand(runs[0].ShellCommandText!, syntax.GetScopeBefore(runs[0])));
        Assert.Equal("echo 1", syntax.Expand(runs[1].ShellCommandText!, syntax.GetScopeBefore(runs[1])));
    }

    [Fact]
    public void Env_values_are_unquoted_and_expanded_with_the_variables_before_the_instruction()
    {
        var env = (EnvInstruction)DockerfileParser.Parse("FROM x\nENV A=\"x y\" B=${A}z C='$A'\n").Instructions[1];
        Assert.Equal("x y", env.Pairs[0].GetValue());
        Assert.Equal("${A}z", env.Pairs[1].GetValue());
        var scope = DockerfileParser.Parse("FROM x\nENV A=\"x y\" B=${A}z C='$A'\nRUN true\n");
        var values = scope.GetScopeBefore(scope.Instructions[2]).Environment;
        Assert.Equal("z", values["B"]); // A was not set before this ENV
        Assert.Equal("x y", values["A"]);
        Assert.Equal("$A", values["C"]);
        var chained = DockerfileParser.Parse("FROM x\nENV A=1\nENV A=2 B=$A\nRUN true\n");
        Assert.Equal("1", chained.GetScopeBefore(chained.Instructions[3]).Environment["B"]);
    }

    [Fact]
    public void Global_arg_declarations_can_be_looked_up()
    {
        var syntax = DockerfileParser.Parse(Dockerfile);
        Assert.Equal("3.12", syntax.FindGlobalArg("PYTHON")!.DefaultValue);
        Assert.False(syntax.FindGlobalArg("VARIANT")!.HasDefault);
        Assert.Null(syntax.FindGlobalArg("TOKEN"));
    }

    [Fact]
    public void Label_keys_unquote()
    {
        var label = (LabelInstruction)DockerfileParser.Parse("FROM x\nLABEL \"org.opencontainers.image.title\"=\"my app\" plain=1\n").Instructions[1];
        Assert.Equal("\"org.opencontainers.image.title\"", label.Pairs[0].Key);
        Assert.Equal("org.opencontainers.image.title", label.Pairs[0].GetUnquotedKey());
        Assert.Equal("my app", label.Pairs[0].GetValue());
        Assert.Same(label.Pairs[1].Key, label.Pairs[1].GetUnquotedKey());
    }
}
