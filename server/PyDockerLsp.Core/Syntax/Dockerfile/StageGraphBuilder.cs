using PyDockerLsp.Core.Syntax.Shell;
using PyDockerLsp.Core.Text;

namespace PyDockerLsp.Core.Syntax.Dockerfile;

/// <summary>
/// Groups the instructions into stages and links the stages: FROM an earlier stage, <c>COPY --from</c> and
/// <c>RUN --mount=from</c> naming a stage (by name or index). Reports what BuildKit refuses when planning the build:
/// instructions before the first FROM, no FROM at all, duplicate stage names, and stages that depend on themselves.
/// </summary>
internal static class StageGraphBuilder
{
    public static void Build(DockerfileSyntax syntax, InstructionContext context)
    {
        var stages = syntax.MutableStages;
        var byName = new Dictionary<string, Stage>(StringComparer.Ordinal);
        Stage? current = null;
        foreach (var instruction in syntax.Instructions)
        {
            instruction.AttachSyntax(syntax);
            if (instruction is OnbuildInstruction { Trigger: { } trigger }) trigger.AttachSyntax(syntax);
            if (instruction is FromInstruction from)
            {
                current = new Stage(syntax, stages.Count, from);
                from.Stage = current;
                LinkBaseStage(syntax, current, byName);
                stages.Add(current);
                if (from.StageName is { } name && FromInstruction.IsValidStageName(name))
                {
                    if (byName.ContainsKey(name))
                        context.Report(DockerfileSyntaxCodes.DuplicateStageName, from.StageNameArgument!.Span,
                            $"A stage named '{name}' already exists; stage names must be unique.");
                    else
                        byName[name] = current;
                }
                continue;
            }
            if (current is null)
            {
                if (instruction is ArgInstruction arg)
                {
                    syntax.MutableGlobalArgs.Add(arg);
                    continue;
                }
                if (instruction.Kind != InstructionKind.Unknown)
                    context.Report(DockerfileSyntaxCodes.InstructionBeforeFrom, instruction.KeywordSpan,
                        $"{instruction.KeywordUpper} comes before the first FROM; only ARG may precede FROM.");
                continue;
            }
            instruction.Stage = current;
            current.Add(instruction);
        }

        if (stages.Count == 0)
        {
            if (syntax.Instructions.Count == 0)
                context.ReportParserError(DockerfileSyntaxCodes.NoFromInstruction, TextSpan.Empty(0),
                    "The file holds no instructions; a Dockerfile needs at least a FROM.");
            else
                context.Report(DockerfileSyntaxCodes.NoFromInstruction, syntax.Instructions[0].KeywordSpan,
                    "The file has no FROM instruction, so there is no stage to build.");
            return;
        }

        foreach (var stage in stages)
        {
            foreach (var instruction in stage.Instructions)
            {
                if (instruction is CopyInstruction copy && copy.FromFlag is { Value: { } fromValue } fromFlag)
                {
                    var target = Resolve(syntax, byName, copy, fromValue);
                    copy.FromStage = target;
                    if (target is not null)
                        stage.AddDependency(new StageDependency(target, StageDependencyKind.CopyFrom, copy, fromFlag.ValueSpan));
                }
                else if (instruction is RunInstruction run)
                {
                    foreach (var mount in run.Mounts)
                    {
                        if (mount.Get("from") is not { Value: { } mountFrom } option) continue;
                        var target = Resolve(syntax, byName, run, mountFrom);
                        if (target is not null)
                            stage.AddDependency(new StageDependency(target, StageDependencyKind.MountFrom, run, option.ValueSpan));
                    }
                }
            }
        }
        ReportCycles(stages, context);
    }

    /// <summary>FROM may name an earlier stage (after expanding global ARGs); a later or unknown name is an image.</summary>
    private static void LinkBaseStage(DockerfileSyntax syntax, Stage stage, Dictionary<string, Stage> earlier)
    {
        var argument = stage.From.ImageArgument;
        if (argument is null) return;
        string name = argument.Value;
        if (name.IndexOf('$') >= 0)
        {
            var expanded = new WordExpander(syntax.EscapeChar).ProcessWord(name, syntax.GetGlobalScope());
            if (expanded is null) return;
            name = expanded;
        }
        if (earlier.TryGetValue(name.ToLowerInvariant(), out var baseStage))
        {
            stage.From.BaseStage = baseStage;
            stage.AddDependency(new StageDependency(baseStage, StageDependencyKind.Base, stage.From, argument.Span));
        }
    }

    /// <summary>A <c>--from</c> value: a stage name (any stage), a stage index, or else an image (null).</summary>
    private static Stage? Resolve(DockerfileSyntax syntax, Dictionary<string, Stage> byName, Instruction user, string reference)
    {
        if (reference.IndexOf('$') >= 0)
        {
            var expanded = new WordExpander(syntax.EscapeChar).ProcessWord(reference, syntax.GetScopeBefore(user));
            if (expanded is null) return null;
            reference = expanded;
        }
        if (byName.TryGetValue(reference, out var named)) return named;
        return syntax.FindStage(reference);
    }

    /// <summary>
    /// A stage depends on itself when one of its <c>--from</c> references leads back to it: the referenced stage is
    /// in the same strongly connected component (or is the stage itself). Components come from one pass of
    /// Tarjan's algorithm, so this stays linear in the number of references.
    /// </summary>
    private static void ReportCycles(List<Stage> stages, InstructionContext context)
    {
        bool anyReference = false;
        foreach (var stage in stages)
            foreach (var dependency in stage.Dependencies)
                if (dependency.Kind != StageDependencyKind.Base) anyReference = true;
        if (!anyReference) return;

        var component = StronglyConnectedComponents(stages, out var componentSizes);
        foreach (var stage in stages)
        {
            foreach (var dependency in stage.Dependencies)
            {
                if (dependency.Kind == StageDependencyKind.Base) continue;
                var target = dependency.Target;
                bool cyclic = ReferenceEquals(target, stage)
                              || (component[target.Index] == component[stage.Index] && componentSizes[component[stage.Index]] > 1);
                if (!cyclic) continue;
                context.Report(DockerfileSyntaxCodes.CircularStageDependency, dependency.ReferenceSpan,
                    $"Stage {stage.DisplayName} depends on itself through {target.DisplayName}.");
                break;
            }
        }
    }

    /// <summary>Tarjan's algorithm (iterative): the component number of each stage, and each component's size.</summary>
    private static int[] StronglyConnectedComponents(List<Stage> stages, out List<int> componentSizes)
    {
        int count = stages.Count;
        var index = new int[count];
        var lowLink = new int[count];
        var onStack = new bool[count];
        var component = new int[count];
        Array.Fill(index, -1);
        var stack = new Stack<int>();
        var sizes = new List<int>();
        int nextIndex = 0;
        var work = new Stack<(int Node, int Edge)>();
        for (int root = 0; root < count; root++)
        {
            if (index[root] >= 0) continue;
            work.Push((root, 0));
            while (work.Count > 0)
            {
                var (node, edge) = work.Pop();
                if (edge == 0)
                {
                    index[node] = lowLink[node] = nextIndex++;
                    stack.Push(node);
                    onStack[node] = true;
                }
                var dependencies = stages[node].Dependencies;
                bool descended = false;
                while (edge < dependencies.Count)
                {
                    int target = dependencies[edge].Target.Index;
                    edge++;
                    if (index[target] < 0)
                    {
                        work.Push((node, edge));
                        work.Push((target, 0));
                        descended = true;
                        break;
                    }
                    if (onStack[target]) lowLink[node] = Math.Min(lowLink[node], index[target]);
                }
                if (descended) continue;
                if (lowLink[node] == index[node])
                {
                    int size = 0;
                    int member;
                    do
                    {
                        member = stack.Pop();
                        onStack[member] = false;
                        component[member] = sizes.Count;
                        size++;
                    } while (member != node);
                    sizes.Add(size);
                }
                if (work.Count > 0)
                {
                    var (parent, _) = work.Peek();
                    lowLink[parent] = Math.Min(lowLink[parent], lowLink[node]);
                }
            }
        }
        componentSizes = sizes;
        return component;
    }
}
