using PyDockerLsp.Core.Syntax.Dockerfile;

namespace PyDockerLsp.Core.Tests.Syntax;

/// <summary>Stages, how they use each other, and which of them the final image needs.</summary>
public sealed class StageGraphTests
{
    private const string MultiStage = """
        ARG PYTHON=3.12
        FROM python:${PYTHON}-slim AS base
        ENV PATH=/venv/bin:$PATH

        FROM base AS builder
        RUN --mount=type=cache,target=/root/.cache/pip pip install -r requirements.txt

        FROM node:20 AS assets
        RUN npm ci

        FROM ghcr.io/astral-sh/uv:0.4 AS uv

        FROM base AS final
        COPY --from=builder /venv /venv
        COPY --from=2 /app/static /app/static
        COPY --from=ghcr.io/astral-sh/uv:latest /uv /bin/uv
        RUN --mount=from=uv,source=/uv,target=/bin/uv uv --version
        """;

    [Fact]
    public void Stages_have_index_name_and_instructions()
    {
        var syntax = DockerfileParser.Parse(MultiStage);
        Assert.Equal(new[] { "base", "builder", "assets", "uv", "final" }, syntax.Stages.Select(s => s.Name));
        Assert.Equal(new[] { 0, 1, 2, 3, 4 }, syntax.Stages.Select(s => s.Index));
        Assert.Single(syntax.GlobalArgs);
        Assert.Equal(InstructionKind.Env, syntax.Stages[0].Instructions.Single().Kind);
        Assert.Equal(4, syntax.Stages[4].Instructions.Count);
        Assert.True(syntax.Stages[4].IsFinal);
        Assert.Same(syntax.Stages[4], syntax.FinalStage);
    }

    [Fact]
    public void Base_stage_or_base_image()
    {
        var syntax = DockerfileParser.Parse(MultiStage);
        Assert.Null(syntax.Stages[0].BaseStage);
        Assert.Equal("python", syntax.Stages[0].BaseImage!.Repository);
        Assert.Equal("${PYTHON}-slim", syntax.Stages[0].BaseImage!.Tag);
        Assert.Same(syntax.Stages[0], syntax.Stages[1].BaseStage);
        Assert.Null(syntax.Stages[1].BaseImage);
        Assert.Equal("ghcr.io", syntax.Stages[3].BaseImage!.Registry);
        Assert.Equal("astral-sh/uv", syntax.Stages[3].BaseImage!.Repository);
    }

    [Fact]
    public void Dependencies_through_from_copy_and_mount()
    {
        var syntax = DockerfileParser.Parse(MultiStage);
        var final = syntax.Stages[4];
        Assert.Equal(new[] { "base:Base", "builder:CopyFrom", "assets:CopyFrom", "uv:MountFrom" },
            final.Dependencies.Select(d => $"{d.Target.Name}:{d.Kind}"));
        var copies = final.InstructionsOf<CopyInstruction>().ToList();
        Assert.Same(syntax.Stages[1], copies[0].FromStage);
        Assert.Same(syntax.Stages[2], copies[1].FromStage);
        Assert.Null(copies[2].FromStage); // an image, not a stage
        Assert.Equal("builder", syntax.Source[final.Dependencies[1].ReferenceSpan]);
    }

    [Fact]
    public void Final_build_needs_the_transitive_dependencies()
    {
        var syntax = DockerfileParser.Parse(MultiStage);
        Assert.Equal(new[] { "base", "builder", "assets", "uv", "final" }, syntax.StagesInFinalBuild.Select(s => s.Name));
        Assert.Equal(new[] { "base" }, syntax.GetTransitiveDependencies(syntax.Stages[1]).Select(s => s.Name));
        var unused = DockerfileParser.Parse("FROM a AS unused\nFROM b AS used\nFROM c\nCOPY --from=used /x /x\n");
        Assert.Equal(new[] { "used", "2" }, unused.StagesInFinalBuild.Select(s => s.DisplayName));
        Assert.False(unused.IsFinalStage(unused.Stages[0]));
    }

    [Fact]
    public void From_names_only_earlier_stages_and_expands_global_args()
    {
        var syntax = DockerfileParser.Parse("ARG BASE=builder\nFROM later AS first\nFROM python AS builder\nFROM ${BASE}\n");
        Assert.Null(syntax.Stages[0].BaseStage); // "later" is not defined before
        Assert.Same(syntax.Stages[1], syntax.Stages[2].BaseStage);
    }

    [Fact]
    public void Stage_names_compare_case_insensitively()
    {
        var syntax = DockerfileParser.Parse("FROM x AS Build\nFROM y\nCOPY --from=BUILD /a /b\n");
        Assert.Equal("build", syntax.Stages[0].Name);
        Assert.Same(syntax.Stages[0], syntax.FindStage("BuIlD"));
        Assert.Same(syntax.Stages[0], ((CopyInstruction)syntax.Stages[1].Instructions[0]).FromStage);
    }

    [Fact]
    public void Instructions_know_their_stage_and_position_lookup_finds_them()
    {
        var syntax = DockerfileParser.Parse(MultiStage);
        var copy = syntax.Stages[4].Instructions[0];
        Assert.Same(syntax.Stages[4], copy.Stage);
        Assert.Same(copy, syntax.FindInstructionAt(copy.Span.Start + 3));
        Assert.Null(syntax.GlobalArgs[0].Stage);
        Assert.True(syntax.GlobalArgs[0].IsGlobal);
    }
}
