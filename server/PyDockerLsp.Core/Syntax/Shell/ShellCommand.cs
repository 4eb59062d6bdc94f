using PyDockerLsp.Core.Syntax.Dockerfile;
using PyDockerLsp.Core.Text;

namespace PyDockerLsp.Core.Syntax.Shell;

/// <summary>Where a shell command was read from.</summary>
public enum ShellSource
{
    /// <summary>The RUN (or CMD, ENTRYPOINT, HEALTHCHECK) command line.</summary>
    CommandLine,
    /// <summary>The body of a heredoc that the shell runs.</summary>
    Heredoc,
}

/// <summary>
/// One simple command: optional <c>NAME=value</c> assignments, the command name and its arguments, and its
/// redirections; plus how it is joined to its neighbours (<c>&amp;&amp;</c>, <c>||</c>, <c>;</c>, <c>|</c>, line
/// breaks) and how deep it sits in subshells or groups.
/// </summary>
public sealed class ShellCommand
{
    // Resolved lazily; a sentinel records "no program" so that one reference write publishes the result.
    private static readonly object NoProgram = new();
    private object? _program;
    private IReadOnlyList<ShellWord>? _arguments;

    internal ShellCommand(IReadOnlyList<ShellWord> assignments, IReadOnlyList<ShellWord> words, IReadOnlyList<ShellRedirection> redirections,
        TextSpan span, int depth, ShellSource source, Heredoc? heredoc)
    {
        Assignments = assignments;
        Words = words;
        Redirections = redirections;
        Span = span;
        Depth = depth;
        Source = source;
        Heredoc = heredoc;
    }

    /// <summary>Leading <c>NAME=value</c> words (environment for this command only).</summary>
    public IReadOnlyList<ShellWord> Assignments { get; }

    /// <summary>The command name followed by its arguments (assignments and redirections excluded).</summary>
    public IReadOnlyList<ShellWord> Words { get; }

    public IReadOnlyList<ShellRedirection> Redirections { get; }

    /// <summary>The command name word, or null for a command of assignments/redirections only.</summary>
    public ShellWord? NameWord => Words.Count > 0 ? Words[0] : null;

    /// <summary>The command name as written, unquoted (<c>apt-get</c>, <c>/venv/bin/pip</c>, <c>sudo</c> …).</summary>
    public string? Name => NameWord?.Value;

    /// <summary>The words after the name.</summary>
    public IReadOnlyList<ShellWord> Arguments => _arguments ??= Words.Count <= 1
        ? Array.Empty<ShellWord>()
        : new ArraySegment<ShellWord>(ToArray(Words), 1, Words.Count - 1);

    /// <summary>From the first to the last word or redirection.</summary>
    public TextSpan Span { get; }

    /// <summary>How many subshells or groups (<c>( … )</c>, <c>{ …; }</c>) enclose the command.</summary>
    public int Depth { get; }

    /// <summary>The operator after the command.</summary>
    public ShellOperator Separator { get; internal set; }

    /// <summary>The operator before the command (<see cref="ShellOperator.None"/> for the first).</summary>
    public ShellOperator PrecededBy { get; internal set; }

    /// <summary>True when the command's output is piped to the next command or its input comes from a pipe.</summary>
    public bool IsInPipeline => Separator == ShellOperator.Pipe || PrecededBy == ShellOperator.Pipe;

    public ShellSource Source { get; }

    /// <summary>For <see cref="ShellSource.Heredoc"/>, the heredoc the command was read from.</summary>
    public Heredoc? Heredoc { get; }

    /// <summary>The program that actually runs, looking through <c>sudo</c>, <c>env X=Y</c>, <c>exec</c>, <c>nohup</c>,
    /// <c>time</c>, <c>nice</c>, <c>command</c> and <c>python -m module</c>; null without a command name.</summary>
    public ShellProgram? Program
    {
        get
        {
            _program ??= (object?)ShellProgram.Resolve(this) ?? NoProgram;
            return _program as ShellProgram;
        }
    }

    /// <summary>True when <see cref="Program"/>'s <see cref="ShellProgram.Name"/> or
    /// <see cref="ShellProgram.Family"/> is one of <paramref name="names"/>.</summary>
    public bool Runs(params string[] names) => Program?.IsOneOf(names) == true;

    /// <summary>True when an argument is <paramref name="flag"/>: <c>--name</c> also matches <c>--name=value</c>; a
    /// one-letter <c>-x</c> also matches combined short flags such as <c>-qy</c>.</summary>
    public bool HasFlag(string flag) => ShellArguments.HasFlag(Arguments, flag);

    /// <summary>Values of options <paramref name="names"/> (<c>-r file</c>, <c>-rfile</c>, <c>--requirement=file</c>,
    /// <c>--requirement file</c>).</summary>
    public IReadOnlyList<ShellOptionValue> GetOptionValues(params string[] names) => ShellArguments.GetOptionValues(Arguments, names);

    /// <summary>True for <c>set</c> with <paramref name="option"/> enabled, e.g. <c>set -o pipefail</c> or
    /// <c>set -euxo pipefail</c>.</summary>
    public bool IsSetOption(string option)
    {
        if (Name != "set") return false;
        var words = Words;
        for (int i = 1; i < words.Count; i++)
        {
            string value = words[i].Value;
            if (value.Length > 1 && value[0] == '-' && value[^1] == 'o' && i + 1 < words.Count && words[i + 1].Value == option) return true;
        }
        return false;
    }

    private static ShellWord[] ToArray(IReadOnlyList<ShellWord> words) => words as ShellWord[] ?? words.ToArray();

    public override string ToString() => string.Join(" ", Words.Select(w => w.Value));
}

/// <summary>An option's value found by <see cref="ShellCommand.GetOptionValues"/>: the option word, the value and
/// where the value is (inside the option word for <c>--name=value</c> and <c>-rvalue</c>).</summary>
public sealed record ShellOptionValue(ShellWord Option, string Value, ShellWord ValueWord, TextSpan ValueSpan);

/// <summary>
/// The program a command runs, found through wrappers: for <c>sudo -u app env PIP_NO_CACHE_DIR=1 python3 -m pip
/// install -r requirements.txt</c> it is <c>pip</c> (via module) with the arguments <c>install -r requirements.txt</c>.
/// </summary>
public sealed class ShellProgram
{
    private static readonly string[] PlainWrappers = { "exec", "command", "builtin", "nohup", "time" };

    private ShellProgram(ShellWord word, string name, IReadOnlyList<ShellWord> arguments, IReadOnlyList<ShellWord> wrappers, bool viaModule)
    {
        Word = word;
        Name = name;
        Arguments = arguments;
        Wrappers = wrappers;
        IsModule = viaModule;
    }

    /// <summary>The word that names the program (the module name for <c>python -m pip</c>).</summary>
    public ShellWord Word { get; }

    /// <summary>The program's file name without directories: <c>/opt/venv/bin/pip3</c> → <c>pip3</c>.</summary>
    public string Name { get; }

    /// <summary><see cref="Name"/> without a trailing version: <c>pip3</c>, <c>pip3.12</c> → <c>pip</c>;
    /// <c>python3.12</c> → <c>python</c>.</summary>
    public string Family
    {
        get
        {
            int end = Name.Length;
            while (end > 0 && (char.IsAsciiDigit(Name[end - 1]) || Name[end - 1] == '.')) end--;
            return end == 0 ? Name : Name.Substring(0, end);
        }
    }

    /// <summary>The program's arguments (after the module name for <c>python -m</c>).</summary>
    public IReadOnlyList<ShellWord> Arguments { get; }

    /// <summary>The words looked through (<c>sudo</c>, its options, <c>env</c>, <c>X=Y</c>, <c>python</c>, <c>-m</c> …).</summary>
    public IReadOnlyList<ShellWord> Wrappers { get; }

    /// <summary>True when run as <c>python -m &lt;module&gt;</c>.</summary>
    public bool IsModule { get; }

    /// <summary>The first argument (the subcommand of <c>pip install</c>, <c>uv sync</c>, <c>apt-get install</c>), or null.</summary>
    public string? Subcommand => Arguments.Count > 0 ? Arguments[0].Value : null;

    public bool IsOneOf(params string[] names)
    {
        foreach (var name in names)
            if (Name == name || Family == name) return true;
        return false;
    }

    public bool HasFlag(string flag) => ShellArguments.HasFlag(Arguments, flag);

    public IReadOnlyList<ShellOptionValue> GetOptionValues(params string[] names) => ShellArguments.GetOptionValues(Arguments, names);

    internal static ShellProgram? Resolve(ShellCommand command)
    {
        var words = command.Words;
        if (words.Count == 0) return null;
        int i = 0;
        bool viaModule = false;
        while (i < words.Count)
        {
            string name = BaseName(words[i].Value);
            if (name is "sudo" or "doas")
            {
                i = SkipOptions(words, i + 1, "u", "g", "C", "D", "p", "r", "t", "U", "h");
                continue;
            }
            if (name == "env")
            {
                i = SkipOptions(words, i + 1, "u", "C", "S");
                while (i < words.Count && ShellArguments.IsAssignment(words[i].Value)) i++;
                continue;
            }
            if (name == "nice")
            {
                i = SkipOptions(words, i + 1, "n");
                continue;
            }
            if (Array.IndexOf(PlainWrappers, name) >= 0)
            {
                i = SkipOptions(words, i + 1);
                continue;
            }
            if (IsPython(name))
            {
                int j = i + 1;
                while (j < words.Count && words[j].Value.StartsWith('-') && words[j].Value != "-m" && words[j].Value != "-c") j++;
                if (j + 1 < words.Count && words[j].Value == "-m")
                {
                    i = j + 1;
                    viaModule = true;
                    break;
                }
            }
            break;
        }
        if (i >= words.Count) return null;
        var wrappers = new ShellWord[i];
        for (int w = 0; w < i; w++) wrappers[w] = words[w];
        var arguments = new ShellWord[words.Count - i - 1];
        for (int a = 0; a < arguments.Length; a++) arguments[a] = words[i + 1 + a];
        return new ShellProgram(words[i], BaseName(words[i].Value), arguments, wrappers, viaModule);
    }

    private static string BaseName(string path)
    {
        int slash = path.LastIndexOf('/');
        return slash < 0 ? path : path.Substring(slash + 1);
    }

    private static bool IsPython(string name)
    {
        if (!name.StartsWith("python", StringComparison.Ordinal)) return false;
        for (int i = 6; i < name.Length; i++)
            if (!char.IsAsciiDigit(name[i]) && name[i] != '.') return false;
        return true;
    }


    /// <summary>Skips option words after a wrapper; <paramref name="withValue"/> lists short options that take the next
    /// word as their value.</summary>
    private static int SkipOptions(IReadOnlyList<ShellWord> words, int i, params string[] withValue)
    {
        while (i < words.Count)
        {
            string value = words[i].Value;
            if (value == "--") return i + 1;
            if (value.Length < 2 || value[0] != '-') return i;
            i++;
            if (value.Length == 2 && Array.IndexOf(withValue, value.Substring(1)) >= 0) i++;
        }
        return i;
    }

    public override string ToString() => Name;
}

/// <summary>Flag and option lookups shared by <see cref="ShellCommand"/> and <see cref="ShellProgram"/>.</summary>
internal static class ShellArguments
{
    /// <summary>A <c>NAME=value</c> word, as the shell reads it before a command (<c>PIP_NO_CACHE_DIR=1 pip …</c>).</summary>
    public static bool IsAssignment(string word)
    {
        int equals = word.IndexOf('=');
        if (equals <= 0) return false;
        if (!char.IsAsciiLetter(word[0]) && word[0] != '_') return false;
        for (int i = 1; i < equals; i++)
            if (!char.IsAsciiLetterOrDigit(word[i]) && word[i] != '_') return false;
        return true;
    }

    public static bool HasFlag(IReadOnlyList<ShellWord> arguments, string flag)
    {
        bool isLong = flag.StartsWith("--", StringComparison.Ordinal);
        bool isShortLetter = !isLong && flag.Length == 2 && flag[0] == '-' && char.IsAsciiLetterOrDigit(flag[1]);
        foreach (var word in arguments)
        {
            string value = word.Value;
            if (value == "--") break;
            if (value == flag) return true;
            if (isLong && value.Length > flag.Length && value[flag.Length] == '=' && value.StartsWith(flag, StringComparison.Ordinal)) return true;
            if (isShortLetter && value.Length > 2 && value[0] == '-' && value[1] != '-' && IsLetters(value.AsSpan(1))
                && value.IndexOf(flag[1], 1) > 0) return true;
        }
        return false;
    }

    public static IReadOnlyList<ShellOptionValue> GetOptionValues(IReadOnlyList<ShellWord> arguments, string[] names)
    {
        List<ShellOptionValue>? found = null;
        for (int i = 0; i < arguments.Count; i++)
        {
            var word = arguments[i];
            string value = word.Value;
            if (value == "--") break;
            foreach (var name in names)
            {
                if (value == name)
                {
                    if (i + 1 < arguments.Count)
                    {
                        var next = arguments[i + 1];
                        (found ??= new()).Add(new ShellOptionValue(word, next.Value, next, next.Span));
                        i++;
                    }
                    break;
                }
                bool isLong = name.StartsWith("--", StringComparison.Ordinal);
                if (isLong && value.Length > name.Length && value[name.Length] == '=' && value.StartsWith(name, StringComparison.Ordinal))
                {
                    (found ??= new()).Add(new ShellOptionValue(word, value.Substring(name.Length + 1), word, ValueSpanAfter(word, name.Length + 1)));
                    break;
                }
                if (!isLong && name.Length == 2 && value.Length > 2 && value.StartsWith(name, StringComparison.Ordinal))
                {
                    (found ??= new()).Add(new ShellOptionValue(word, value.Substring(2), word, ValueSpanAfter(word, 2)));
                    break;
                }
            }
        }
        return found is null ? Array.Empty<ShellOptionValue>() : found;
    }

    /// <summary>The span of the word's value after its first <paramref name="prefixLength"/> characters, exact when
    /// the word is written without quotes.</summary>
    private static TextSpan ValueSpanAfter(ShellWord word, int prefixLength)
    {
        if (word.Text == word.Value && word.Span.Length == word.Text.Length)
            return TextSpan.FromBounds(word.Span.Start + prefixLength, word.Span.End);
        return word.Span;
    }

    private static bool IsLetters(ReadOnlySpan<char> text)
    {
        foreach (char c in text)
            if (!char.IsAsciiLetterOrDigit(c)) return false;
        return true;
    }
}
