using PyDockerLsp.Core.Text;

namespace PyDockerLsp.Core.Syntax.Dockerfile;

/// <summary>How one stage uses another.</summary>
public enum StageDependencyKind
{
    /// <summary><c>FROM &lt;stage&gt;</c>: built on top of it.</summary>
    Base,
    /// <summary><c>COPY --from=&lt;stage&gt;</c>.</summary>
    CopyFrom,
    /// <summary><c>RUN --mount=from=&lt;stage&gt;</c>.</summary>
    MountFrom,
}

/// <summary>A use of <see cref="Target"/> by a stage: how, by which instruction, and where the reference is written.</summary>
public sealed record StageDependency(Stage Target, StageDependencyKind Kind, Instruction Instruction, TextSpan ReferenceSpan);

/// <summary>
/// A build stage: a FROM and the instructions up to the next FROM. Stages have an index (0, 1, …) and an optional
/// name (<c>FROM … AS name</c>, lower case); they build on an image or on an earlier stage and may use other stages
/// through <c>COPY --from</c> and <c>RUN --mount=from</c>.
/// </summary>
public sealed class Stage
{
    private readonly List<Instruction> _instructions = new();
    private readonly List<StageDependency> _dependencies = new();

    internal Stage(DockerfileSyntax syntax, int index, FromInstruction from)
    {
        Syntax = syntax;
        Index = index;
        From = from;
    }

    public DockerfileSyntax Syntax { get; }
    public int Index { get; }

    /// <summary>The stage name in lower case, or null when the stage has none.</summary>
    public string? Name => From.StageName;

    /// <summary>The name after AS in the document; empty after the image when the stage has no name.</summary>
    public TextSpan NameSpan => From.StageNameArgument?.Span ?? TextSpan.Empty(From.Span.End);

    public FromInstruction From { get; }

    /// <summary>The instructions after FROM, up to the next FROM.</summary>
    public IReadOnlyList<Instruction> Instructions => _instructions;

    /// <summary>The earlier stage this one builds on, or null when it builds on an image.</summary>
    public Stage? BaseStage => From.BaseStage;

    /// <summary>The base image, or null when the stage builds on another stage.</summary>
    public ImageReference? BaseImage => BaseStage is null ? From.Image : null;

    /// <summary>The stages this one uses directly (its base, <c>COPY --from</c>, <c>RUN --mount=from</c>).</summary>
    public IReadOnlyList<StageDependency> Dependencies => _dependencies;

    /// <summary>True for the last stage, which a plain <c>docker build</c> produces.</summary>
    public bool IsFinal => Syntax.Stages.Count > 0 && ReferenceEquals(Syntax.Stages[^1], this);

    /// <summary>Name, or index when unnamed — how BuildKit refers to it.</summary>
    public string DisplayName => Name ?? Index.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The instructions of type <typeparamref name="T"/>, in order.</summary>
    public IEnumerable<T> InstructionsOf<T>() where T : Instruction
    {
        foreach (var instruction in _instructions)
            if (instruction is T typed) yield return typed;
    }

    /// <summary>The last instruction of type <typeparamref name="T"/>, or null.</summary>
    public T? LastOf<T>() where T : Instruction
    {
        for (int i = _instructions.Count - 1; i >= 0; i--)
            if (_instructions[i] is T typed) return typed;
        return null;
    }

    /// <summary>This stage followed by the stages it builds on (FROM chain), nearest first.</summary>
    public IEnumerable<Stage> SelfAndBaseStages()
    {
        var seen = new HashSet<Stage>();
        for (var stage = this; stage is not null && seen.Add(stage); stage = stage.BaseStage) yield return stage;
    }

    internal void Add(Instruction instruction) => _instructions.Add(instruction);
    internal void AddDependency(StageDependency dependency) => _dependencies.Add(dependency);

    public override string ToString() => $"stage {DisplayName}";
}
