using System.Text;
using PyDockerLsp.Core.Syntax.Shell;
using PyDockerLsp.Core.Text;

namespace PyDockerLsp.Core.Syntax.Dockerfile;

/// <summary>
/// A parsed Dockerfile: the directives, comments and instructions with exact spans, the stages and how they use one
/// another, and the syntax errors. Built by <see cref="DockerfileParser.Parse"/>; immutable once built, so one parse
/// serves diagnostics, hover, completion and symbols.
/// </summary>
public sealed class DockerfileSyntax
{
    private readonly List<Stage> _stages = new();
    private readonly List<ArgInstruction> _globalArgs = new();

    internal DockerfileSyntax(SourceText source, IReadOnlyList<DockerfileNode> nodes, IReadOnlyList<ParserDirective> directives,
        char escapeChar, IReadOnlyList<Instruction> instructions, IReadOnlyList<Comment> comments, List<SyntaxError> errors)
    {
        Source = source;
        Nodes = nodes;
        Directives = directives;
        EscapeChar = escapeChar;
        Instructions = instructions;
        Comments = comments;
        Errors = errors;
    }

    public SourceText Source { get; }

    /// <summary>The top-level pieces, tiling the text (see <see cref="Reconstruct"/>).</summary>
    public IReadOnlyList<DockerfileNode> Nodes { get; }

    /// <summary>The parser directives at the top of the file, in order.</summary>
    public IReadOnlyList<ParserDirective> Directives { get; }

    /// <summary>The escape and line-continuation character: <c>\</c>, or <c>`</c> with <c># escape=`</c>.</summary>
    public char EscapeChar { get; }

    /// <summary>The top-level instructions in order (an ONBUILD's trigger is in <see cref="OnbuildInstruction.Trigger"/>).</summary>
    public IReadOnlyList<Instruction> Instructions { get; }

    /// <summary>Every comment line, in order, including those inside line continuations.</summary>
    public IReadOnlyList<Comment> Comments { get; }

    /// <summary>The stages in order.</summary>
    public IReadOnlyList<Stage> Stages => _stages;

    /// <summary>The ARG instructions before the first FROM (their names can be used in FROM lines).</summary>
    public IReadOnlyList<ArgInstruction> GlobalArgs => _globalArgs;

    /// <summary>Syntax errors and warnings, in document order.</summary>
    public IReadOnlyList<SyntaxError> Errors { get; }

    /// <summary>Set only if the parser failed internally (a bug); the result then holds what was read before.</summary>
    public string? InternalError { get; internal set; }

    /// <summary>The last stage, which a plain <c>docker build</c> produces; null without stages.</summary>
    public Stage? FinalStage => _stages.Count > 0 ? _stages[^1] : null;

    public bool IsFinalStage(Stage stage) => ReferenceEquals(FinalStage, stage);

    /// <summary>The directive called <paramref name="name"/> (<c>syntax</c>, <c>escape</c>, <c>check</c>), or null.</summary>
    public ParserDirective? GetDirective(string name)
    {
        foreach (var directive in Directives)
            if (string.Equals(directive.Name, name, StringComparison.OrdinalIgnoreCase)) return directive;
        return null;
    }

    /// <summary>Every instruction, ONBUILD triggers included (each right after its ONBUILD).</summary>
    public IEnumerable<Instruction> AllInstructions()
    {
        foreach (var instruction in Instructions)
        {
            yield return instruction;
            if (instruction is OnbuildInstruction { Trigger: { } trigger }) yield return trigger;
        }
    }

    /// <summary>The last global ARG declaration of <paramref name="name"/> (before the first FROM), or null.</summary>
    public ArgDeclaration? FindGlobalArg(string name)
    {
        for (int i = _globalArgs.Count - 1; i >= 0; i--)
        {
            var declarations = _globalArgs[i].Declarations;
            for (int d = declarations.Count - 1; d >= 0; d--)
                if (declarations[d].Name == name) return declarations[d];
        }
        return null;
    }

    /// <summary>The stage called <paramref name="nameOrIndex"/> (name case-insensitively, or a decimal index).</summary>
    public Stage? FindStage(string nameOrIndex)
    {
        foreach (var stage in _stages)
            if (stage.Name is not null && string.Equals(stage.Name, nameOrIndex, StringComparison.OrdinalIgnoreCase)) return stage;
        if (int.TryParse(nameOrIndex, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int index)
            && index >= 0 && index < _stages.Count)
            return _stages[index];
        return null;
    }

    /// <summary>The stages <paramref name="stage"/> needs, directly or through others (itself excluded), in stage order.</summary>
    public IReadOnlyList<Stage> GetTransitiveDependencies(Stage stage)
    {
        var seen = new HashSet<Stage> { stage };
        var pending = new Stack<Stage>();
        pending.Push(stage);
        while (pending.Count > 0)
        {
            foreach (var dependency in pending.Pop().Dependencies)
                if (seen.Add(dependency.Target)) pending.Push(dependency.Target);
        }
        seen.Remove(stage);
        var result = new List<Stage>(seen);
        result.Sort((a, b) => a.Index.CompareTo(b.Index));
        return result;
    }

    /// <summary>The final stage and every stage it needs: what a plain <c>docker build</c> actually builds.</summary>
    public IReadOnlyList<Stage> StagesInFinalBuild
    {
        get
        {
            var final = FinalStage;
            if (final is null) return Array.Empty<Stage>();
            var result = new List<Stage>(GetTransitiveDependencies(final)) { final };
            return result;
        }
    }

    /// <summary>The instruction whose span (or the keyword's line) touches <paramref name="offset"/>, or null.
    /// For an ONBUILD, the trigger when the offset is inside it.</summary>
    public Instruction? FindInstructionAt(int offset)
    {
        int low = 0, high = Instructions.Count - 1;
        while (low <= high)
        {
            int mid = (low + high) >> 1;
            var candidate = Instructions[mid];
            if (offset < candidate.FullSpan.Start) high = mid - 1;
            else if (offset >= candidate.FullSpan.End && !(mid == Instructions.Count - 1 && offset == candidate.FullSpan.End)) low = mid + 1;
            else
            {
                if (candidate is OnbuildInstruction { Trigger: { } trigger } && trigger.Span.Touches(offset)) return trigger;
                return candidate;
            }
        }
        return null;
    }

    /// <summary>The comment lines directly above <paramref name="instruction"/> (no blank line in between).</summary>
    public IReadOnlyList<Comment> GetLeadingComments(Instruction instruction) => (instruction.Parent ?? instruction).LeadingComments;

    /// <summary>All comment lines between the previous instruction and <paramref name="instruction"/> (what BuildKit
    /// attaches to an instruction; blank lines do not break it).</summary>
    public IReadOnlyList<Comment> GetCommentsBefore(Instruction instruction)
    {
        var owner = instruction.Parent ?? instruction;
        int start = owner.CommentsSinceStart, end = owner.CommentsBeforeEnd;
        var result = new Comment[Math.Max(0, end - start)];
        for (int i = 0; i < result.Length; i++) result[i] = Comments[start + i];
        return result;
    }

    /// <summary>The variables visible in FROM lines: the global ARGs, with <paramref name="buildArgs"/> overriding
    /// their defaults.</summary>
    public VariableScope GetGlobalScope(IReadOnlyDictionary<string, string>? buildArgs = null)
    {
        var args = new Dictionary<string, string>(StringComparer.Ordinal);
        var env = new Dictionary<string, string>(StringComparer.Ordinal);
        var scope = new VariableScope(args, env);
        foreach (var arg in _globalArgs)
        {
            var snapshot = Snapshot(args, env);
            foreach (var declaration in arg.Declarations) Declare(declaration, snapshot, args, buildArgs, null);
        }
        return scope;
    }

    /// <summary>
    /// The variables visible when <paramref name="instruction"/> runs: for FROM, the global scope; inside a stage,
    /// the ENV inherited from its base stages plus the stage's own ARG and ENV instructions before it (an ARG without
    /// a default takes the global ARG's value of the same name).
    /// </summary>
    public VariableScope GetScopeBefore(Instruction instruction, IReadOnlyDictionary<string, string>? buildArgs = null)
    {
        var stage = (instruction.Parent ?? instruction).Stage;
        if (stage is null || instruction is FromInstruction) return GetGlobalScope(buildArgs);
        var global = GetGlobalScope(buildArgs);
        var args = new Dictionary<string, string>(StringComparer.Ordinal);
        var env = new Dictionary<string, string>(StringComparer.Ordinal);
        var scope = new VariableScope(args, env);

        // ENV is inherited through FROM <stage>; ARG is not.
        var chain = new List<Stage>();
        foreach (var ancestor in stage.SelfAndBaseStages()) chain.Add(ancestor);
        for (int c = chain.Count - 1; c >= 0; c--)
        {
            var current = chain[c];
            bool isOwn = c == 0;
            args.Clear();
            foreach (var step in current.Instructions)
            {
                if (isOwn && ReferenceEquals(step, instruction.Parent ?? instruction)) return scope;
                // BuildKit expands all words of an instruction with the variables as they were before it, so
                // ENV A=1 B=$A sets B to the previous A.
                if (step is ArgInstruction arg)
                {
                    var snapshot = Snapshot(args, env);
                    foreach (var declaration in arg.Declarations) Declare(declaration, snapshot, args, buildArgs, global);
                }
                else if (step is EnvInstruction envInstruction)
                {
                    var snapshot = Snapshot(args, env);
                    foreach (var pair in envInstruction.Pairs)
                        env[pair.Key] = pair.GetValue(snapshot, EscapeChar, keepUnset: false) ?? pair.Value;
                }
            }
        }
        return scope;
    }

    /// <summary>Expands <paramref name="word"/> as BuildKit does in instruction arguments (quotes removed, variables
    /// from <paramref name="scope"/>); null when it does not expand.</summary>
    public string? Expand(string word, IVariableLookup scope) => new WordExpander(EscapeChar).ProcessWord(word, scope);

    private static VariableScope Snapshot(Dictionary<string, string> args, Dictionary<string, string> env) =>
        new(new Dictionary<string, string>(args, StringComparer.Ordinal), new Dictionary<string, string>(env, StringComparer.Ordinal));

    private void Declare(ArgDeclaration declaration, VariableScope scope, Dictionary<string, string> args,
        IReadOnlyDictionary<string, string>? buildArgs, VariableScope? global)
    {
        string name = declaration.Name;
        if (name.Length == 0) return;
        if (buildArgs is not null && buildArgs.TryGetValue(name, out var passed))
        {
            args[name] = passed;
            return;
        }
        if (declaration.HasDefault)
        {
            args[name] = declaration.GetDefaultValue(scope, EscapeChar, keepUnset: false) ?? declaration.DefaultValue!;
            return;
        }
        if (global is not null && global.Args.TryGetValue(name, out var globalValue)) args[name] = globalValue;
        else args.Remove(name);
    }

    /// <summary>The text rebuilt from the nodes' pieces; equals the input (a check that the spans tile the text).</summary>
    public string Reconstruct()
    {
        var output = new StringBuilder(Source.Length);
        foreach (var node in Nodes) node.AppendPieces(Source.Text, output);
        return output.ToString();
    }

    internal List<Stage> MutableStages => _stages;
    internal List<ArgInstruction> MutableGlobalArgs => _globalArgs;
}
