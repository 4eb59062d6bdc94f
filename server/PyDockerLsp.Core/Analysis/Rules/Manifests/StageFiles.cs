using PyDockerLsp.Core.IO;
using PyDockerLsp.Core.Syntax.Dockerfile;
using PyDockerLsp.Core.Syntax.Shell;
using PyDockerLsp.Core.Text;

namespace PyDockerLsp.Core.Analysis.Rules.Manifests;

/// <summary>A file of the build context that a stage sees at some container path, and the instruction that put it there.</summary>
/// <param name="RelativePath">The path inside the build context ('/'-separated, no leading '/').</param>
/// <param name="Via">The COPY/ADD, or the RUN whose bind mount shows the file.</param>
/// <param name="SourceSpan">The source argument (or mount option) naming it, for related locations.</param>
internal sealed record ContextFile(string RelativePath, Instruction Via, TextSpan SourceSpan);

/// <summary>
/// Follows files between the build context and the stages' file systems: the working directory at any instruction
/// (WORKDIR through the FROM chain, <c>cd</c> inside a RUN), and, for a path inside a stage, which context file a
/// COPY/ADD or a RUN bind mount put there (through <c>COPY --from=stage</c> as well). A path some RUN writes
/// (<c>poetry export -o</c>, <c>&gt; file</c>) or that comes from another image has no context origin.
/// </summary>
internal sealed class StageFiles
{
    private const int MaxStageHops = 4;
    private readonly ProjectModel _model;
    private readonly Dictionary<Instruction, VariableScope> _scopes = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<Instruction, string?> _workdirs = new(ReferenceEqualityComparer.Instance);

    public StageFiles(ProjectModel model) => _model = model;

    private DockerfileSyntax Syntax => _model.Syntax;

    /// <summary>The variables visible at <paramref name="instruction"/> (cached: several rules ask for the same ones).</summary>
    public VariableScope ScopeAt(Instruction instruction)
    {
        if (!_scopes.TryGetValue(instruction, out var scope))
        {
            scope = Syntax.GetScopeBefore(instruction);
            _scopes[instruction] = scope;
        }
        return scope;
    }

    /// <summary>A word of an instruction with its variables expanded, or null when a variable stays unknown.</summary>
    public string? Expand(Instruction at, string word)
    {
        if (word.IndexOf('$') < 0 && word.IndexOf('"') < 0 && word.IndexOf('\'') < 0 && word.IndexOf(Syntax.EscapeChar) < 0) return word;
        var expanded = Syntax.Expand(word, ScopeAt(at));
        return expanded is null || expanded.IndexOf('$') >= 0 ? null : expanded;
    }

    /// <summary>The shell word's value with the instruction's ARG/ENV expanded (the shell sees the same variables).</summary>
    public string? Expand(Instruction at, ShellWord word)
    {
        if (!word.HasExpansion) return word.Value;
        var expanded = Syntax.Expand(word.Text, ScopeAt(at));
        return expanded is null || expanded.IndexOf('$') >= 0 || expanded.IndexOf('`') >= 0 ? null : expanded;
    }

    /// <summary>The working directory when <paramref name="instruction"/> runs: "/" unless a WORKDIR (of its stage or a
    /// stage it is built FROM) says otherwise; null when a WORKDIR uses a variable with no known value.</summary>
    public string? WorkingDirectory(Instruction instruction)
    {
        if (_workdirs.TryGetValue(instruction, out var cached)) return cached;
        string? result = "/";
        var stage = instruction.Stage;
        if (stage is not null)
        {
            var chain = stage.SelfAndBaseStages().Reverse().ToList();
            foreach (var current in chain)
            {
                foreach (var step in current.Instructions)
                {
                    if (ReferenceEquals(step, instruction)) goto done;
                    if (step is WorkdirInstruction { Path: { } path } workdir)
                    {
                        var expanded = Expand(workdir, path);
                        result = expanded is null || result is null ? null : PathUtil.Combine(result, expanded);
                    }
                }
            }
        }
        done:
        _workdirs[instruction] = result;
        return result;
    }

    /// <summary>The working directory of <paramref name="command"/> inside <paramref name="run"/>: the RUN's
    /// working directory changed by the <c>cd</c> commands before it on the same command line.</summary>
    public string? WorkingDirectory(RunInstruction run, ShellCommand command)
    {
        var directory = WorkingDirectory(run);
        foreach (var earlier in run.ShellCommands)
        {
            if (ReferenceEquals(earlier, command) || earlier.Span.Start >= command.Span.Start) break;
            if (earlier.Name != "cd" || earlier.Depth != command.Depth || directory is null) continue;
            if (earlier.Arguments.Count != 1) { directory = null; continue; }
            var target = Expand(run, earlier.Arguments[0]);
            directory = target is null || target == "-" ? null : PathUtil.Combine(directory, target);
        }
        return directory;
    }

    /// <summary>The absolute container path of a path written in a command (relative to its working directory).</summary>
    public string? ContainerPath(RunInstruction run, ShellCommand command, string written)
    {
        if (written.StartsWith('/')) return PathUtil.Normalize(written);
        var directory = WorkingDirectory(run, command);
        return directory is null ? null : PathUtil.Combine(directory, written);
    }

    /// <summary>
    /// The context file at <paramref name="containerPath"/> when <paramref name="command"/> of <paramref name="run"/>
    /// runs, or null when no COPY/ADD or bind mount brought it from the context (or a command wrote it).
    /// </summary>
    public ContextFile? Origin(RunInstruction run, ShellCommand? command, string containerPath)
    {
        var path = PathUtil.Normalize(containerPath);
        if (FromBindMount(run, path) is { } mounted) return mounted;
        if (command is not null && WrittenByCommands(run, path, before: command.Span.Start)) return null;
        var stage = run.Stage;
        if (stage is null) return null;
        int index = IndexIn(stage, run);
        return Origin(stage, index, path, 0);
    }

    /// <summary>The context file at <paramref name="containerPath"/> when <paramref name="at"/> runs.</summary>
    public ContextFile? Origin(Instruction at, string containerPath)
    {
        if (at is RunInstruction run) return Origin(run, null, containerPath);
        var stage = at.Stage;
        return stage is null ? null : Origin(stage, IndexIn(stage, at), PathUtil.Normalize(containerPath), 0);
    }

    /// <summary>Where a stage's files at the end of the stage came from.</summary>
    public ContextFile? OriginAtEnd(Stage stage, string containerPath) =>
        Origin(stage, stage.Instructions.Count, PathUtil.Normalize(containerPath), 0);

    private static int IndexIn(Stage stage, Instruction instruction)
    {
        var owner = instruction.Parent ?? instruction;
        for (int i = 0; i < stage.Instructions.Count; i++)
            if (ReferenceEquals(stage.Instructions[i], owner)) return i;
        return stage.Instructions.Count;
    }

    /// <summary>Walks back from instruction <paramref name="end"/> (exclusive) of <paramref name="stage"/> through the
    /// stages it is built FROM; the latest instruction that put something at <paramref name="path"/> decides.</summary>
    private ContextFile? Origin(Stage stage, int end, string path, int hops)
    {
        var current = stage;
        int limit = end;
        var seen = new HashSet<Stage>();
        while (current is not null && seen.Add(current))
        {
            for (int i = Math.Min(limit, current.Instructions.Count) - 1; i >= 0; i--)
            {
                var instruction = current.Instructions[i];
                switch (instruction)
                {
                    case FileTransferInstruction transfer:
                        var decision = FromTransfer(transfer, path, hops);
                        if (decision.Decided) return decision.File;
                        break;
                    case RunInstruction run when WrittenByCommands(run, path, before: int.MaxValue):
                        return null;
                }
            }
            current = current.BaseStage;
            limit = int.MaxValue;
        }
        return null;
    }

    private readonly record struct Decision(bool Decided, ContextFile? File)
    {
        public static readonly Decision Undecided = new(false, null);
    }

    private Decision FromTransfer(FileTransferInstruction transfer, string path, int hops)
    {
        if (transfer.Destination is not { } destinationArgument) return Decision.Undecided;
        var destinationText = Expand(transfer, destinationArgument.Value);
        if (destinationText is null) return Decision.Undecided;
        var workdir = WorkingDirectory(transfer);
        if (workdir is null && !destinationText.StartsWith('/')) return Decision.Undecided;
        var destination = destinationText.StartsWith('/') ? PathUtil.Normalize(destinationText) : PathUtil.Combine(workdir!, destinationText);
        if (destination.Length == 0) destination = "/";
        var sources = transfer.SourcePaths;
        bool destinationIsDirectory = destinationText.EndsWith('/') || destinationText is "." || sources.Count > 1 || destination == workdir;
        string? from = transfer is CopyInstruction copy ? copy.From : null;
        Stage? fromStage = transfer is CopyInstruction c2 ? c2.FromStage : null;

        foreach (var source in sources)
        {
            var written = Expand(transfer, source.Value);
            if (written is null || IsRemote(written)) continue;
            var relative = DockerIgnoreClean(written);
            bool isDirectory = relative.Length == 0 || written.EndsWith('/') || written is "." or "./"
                || (from is null && _model.FileSystem.DirectoryExists(_model.ContextPath(relative)));
            string? match = null;
            if (isDirectory)
            {
                if (IsUnder(path, destination, out var rest)) match = relative.Length == 0 ? rest : relative + "/" + rest;
            }
            else if (HasGlob(relative))
            {
                var name = PathUtil.GetFileName(path);
                if (PathUtil.GetDirectory(path) == destination && GlobMatchesName(PathUtil.GetFileName(relative), name))
                {
                    var folder = PathUtil.GetDirectory(relative);
                    match = folder.Length == 0 ? name : folder + "/" + name;
                }
            }
            else
            {
                var name = PathUtil.GetFileName(relative);
                var intoDirectory = destination == "/" ? "/" + name : destination + "/" + name;
                if (path == intoDirectory || (!destinationIsDirectory && path == destination)) match = relative;
            }
            if (match is null) continue;

            if (from is null) return new Decision(true, new ContextFile(match, transfer, source.Span));
            // COPY --from=<stage>: the file is whatever that stage had at the source path.
            if (fromStage is not null && hops < MaxStageHops)
                return new Decision(true, Origin(fromStage, fromStage.Instructions.Count, "/" + match, hops + 1));
            return new Decision(true, null);
        }
        return Decision.Undecided;
    }

    private ContextFile? FromBindMount(RunInstruction run, string path)
    {
        foreach (var mount in run.Mounts)
        {
            if (!mount.IsBind || mount.From is not null || mount.Target is not { } targetText) continue;
            var target = Expand(run, targetText);
            if (target is null) continue;
            var workdir = WorkingDirectory(run);
            if (workdir is null && !target.StartsWith('/')) continue;
            var absoluteTarget = target.StartsWith('/') ? PathUtil.Normalize(target) : PathUtil.Combine(workdir!, target);
            var sourceText = mount.Source is { } s ? Expand(run, s) : ".";
            if (sourceText is null) continue;
            var relative = DockerIgnoreClean(sourceText);
            var sourceSpan = mount.Get("source")?.ValueSpan ?? mount.Get("src")?.ValueSpan ?? mount.Span;
            bool isDirectory = relative.Length == 0 || _model.FileSystem.DirectoryExists(_model.ContextPath(relative));
            if (isDirectory)
            {
                if (IsUnder(path, absoluteTarget, out var rest))
                    return new ContextFile(relative.Length == 0 ? rest : relative + "/" + rest, run, sourceSpan);
            }
            else if (path == absoluteTarget)
            {
                return new ContextFile(relative, run, sourceSpan);
            }
        }
        return null;
    }

    /// <summary>True when a command of <paramref name="run"/> (before offset <paramref name="before"/>) writes the file
    /// at <paramref name="path"/>: an output redirection or an <c>-o/--output/--output-file</c> option.</summary>
    private bool WrittenByCommands(RunInstruction run, string path, int before)
    {
        foreach (var command in run.ShellCommands)
        {
            if (command.Span.Start >= before) break;
            foreach (var redirection in command.Redirections)
            {
                if (redirection.Operator is not (">" or ">>" or ">|" or "&>") || redirection.FileDescriptor is > 1) continue;
                if (redirection.Target is { } target && Expand(run, target) is { } written && ContainerPath(run, command, written) == path) return true;
            }
            var program = command.Program;
            if (program is null) continue;
            foreach (var option in program.GetOptionValues("-o", "--output", "--output-file"))
            {
                // "--output=x" keeps the value inside the option word; "-o x" has its own word.
                var value = ReferenceEquals(option.ValueWord, option.Option) ? option.Value : Expand(run, option.ValueWord);
                if (value is not null && ContainerPath(run, command, value) == path) return true;
            }
        }
        return false;
    }

    private static bool IsUnder(string path, string directory, out string rest)
    {
        rest = "";
        if (directory == "/")
        {
            if (path.Length <= 1) return false;
            rest = path.Substring(1);
            return true;
        }
        if (path.Length <= directory.Length + 1 || !path.StartsWith(directory, StringComparison.Ordinal) || path[directory.Length] != '/') return false;
        rest = path.Substring(directory.Length + 1);
        return true;
    }

    private static bool IsRemote(string source) =>
        source.Contains("://", StringComparison.Ordinal) || source.StartsWith("git@", StringComparison.Ordinal);

    /// <summary>A COPY source as a context-relative path: no leading "/" or "./", "." alone becomes "".</summary>
    internal static string DockerIgnoreClean(string written) => Context.DockerIgnore.Clean(written);

    internal static bool HasGlob(string path) => path.IndexOfAny(GlobCharacters) >= 0;

    private static readonly char[] GlobCharacters = { '*', '?', '[' };

    /// <summary>A COPY source pattern against one file name, with Docker's glob rules (shared with .dockerignore).</summary>
    internal static bool GlobMatchesName(string pattern, string name) => Context.DockerIgnore.Glob(pattern, name);
}
