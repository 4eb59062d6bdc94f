using PyDockerLsp.Core.Text;

namespace PyDockerLsp.Core.Syntax.Shell;

/// <summary>
/// A word of a shell command: its text as written, its value with quotes and backslash escapes removed (variable
/// references and command substitutions are kept as written, nothing is expanded), and its span in the document —
/// across line continuations when the word is continued.
/// </summary>
public sealed class ShellWord
{
    internal ShellWord(string text, string value, TextSpan span, int scriptStart, int scriptEnd, bool isQuoted, bool hasExpansion)
    {
        Text = text;
        Value = value;
        Span = span;
        ScriptStart = scriptStart;
        ScriptEnd = scriptEnd;
        IsQuoted = isQuoted;
        HasExpansion = hasExpansion;
    }

    /// <summary>The word as written in the script (quotes and escapes included).</summary>
    public string Text { get; }

    /// <summary>The word with quoting removed, e.g. <c>"--no-cache-dir"</c> → <c>--no-cache-dir</c>.</summary>
    public string Value { get; }

    /// <summary>Where the word is in the document.</summary>
    public TextSpan Span { get; }

    /// <summary>Where the word is in the script text it was read from.</summary>
    public int ScriptStart { get; }
    public int ScriptEnd { get; }

    /// <summary>True when any part of the word is quoted or escaped.</summary>
    public bool IsQuoted { get; }

    /// <summary>True when the word holds <c>$…</c> or a command substitution outside single quotes, so its runtime
    /// value may differ from <see cref="Value"/>.</summary>
    public bool HasExpansion { get; }

    public override string ToString() => Value;
}

/// <summary>What ends a command (or joins it to the next).</summary>
public enum ShellOperator
{
    /// <summary>The end of the script (or of a group/subshell).</summary>
    None,
    /// <summary><c>&amp;&amp;</c></summary>
    And,
    /// <summary><c>||</c></summary>
    Or,
    /// <summary><c>;</c> (or <c>;;</c> in a case)</summary>
    Semicolon,
    /// <summary><c>|</c> or <c>|&amp;</c></summary>
    Pipe,
    /// <summary><c>&amp;</c> (run in the background)</summary>
    Background,
    /// <summary>A line break.</summary>
    Newline,
}

/// <summary>A redirection such as <c>&gt; /dev/null</c>, <c>2&gt;&amp;1</c> or a heredoc <c>&lt;&lt;EOF</c>.</summary>
public sealed class ShellRedirection
{
    internal ShellRedirection(string operatorText, int? fileDescriptor, ShellWord? target, TextSpan span)
    {
        Operator = operatorText;
        FileDescriptor = fileDescriptor;
        Target = target;
        Span = span;
    }

    /// <summary>The operator: <c>&gt;</c>, <c>&gt;&gt;</c>, <c>&lt;</c>, <c>&lt;&lt;</c>, <c>&lt;&lt;-</c>, <c>&lt;&lt;&lt;</c>,
    /// <c>&gt;&amp;</c>, <c>&amp;&gt;</c> …</summary>
    public string Operator { get; }

    /// <summary>The file descriptor written before the operator (<c>2</c> in <c>2&gt;&amp;1</c>), or null.</summary>
    public int? FileDescriptor { get; }

    /// <summary>The file, descriptor or heredoc word after the operator (null if missing).</summary>
    public ShellWord? Target { get; }

    public TextSpan Span { get; }

    public bool IsHeredoc => Operator is "<<" or "<<-";

    /// <summary>For a heredoc, its terminator word (quotes removed).</summary>
    public string? HeredocName => IsHeredoc ? Target?.Value : null;

    public override string ToString() => FileDescriptor + Operator + (Target?.Text ?? "");
}
