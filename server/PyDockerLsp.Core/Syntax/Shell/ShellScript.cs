using PyDockerLsp.Core.Text;

namespace PyDockerLsp.Core.Syntax.Shell;

/// <summary>A shell command line or script split into simple commands, in order.</summary>
public sealed class ShellScript
{
    public static readonly ShellScript Empty = new(Array.Empty<ShellCommand>());

    internal ShellScript(IReadOnlyList<ShellCommand> commands) => Commands = commands;

    /// <summary>The simple commands in order of appearance (those inside subshells and groups included).</summary>
    public IReadOnlyList<ShellCommand> Commands { get; }

    /// <summary>The commands whose program (see <see cref="ShellCommand.Program"/>) is one of <paramref name="names"/>.</summary>
    public IEnumerable<ShellCommand> FindCommands(params string[] names)
    {
        foreach (var command in Commands)
            if (command.Runs(names)) yield return command;
    }

    /// <summary>A script of one command made of literal words (exec form).</summary>
    public static ShellScript FromWords(IEnumerable<(string Value, TextSpan Span)> words)
    {
        var list = new List<ShellWord>();
        foreach (var (value, span) in words) list.Add(new ShellWord(value, value, span, 0, 0, isQuoted: false, hasExpansion: false));
        if (list.Count == 0) return Empty;
        var command = new ShellCommand(Array.Empty<ShellWord>(), list, Array.Empty<ShellRedirection>(),
            TextSpan.FromBounds(list[0].Span.Start, list[^1].Span.End), 0, ShellSource.CommandLine, null);
        return new ShellScript(new[] { command });
    }
}
