using System.Text;
using PyDockerLsp.Core.Text;

namespace PyDockerLsp.Core.Syntax.Dockerfile;

/// <summary>
/// One instruction (a logical line, plus its heredoc bodies). Holds what BuildKit's parser makes of it — keyword,
/// flags, arguments, exec or shell form, heredocs — each with its span in the document. Subclasses add the meaning
/// of each instruction (<see cref="FromInstruction"/>, <see cref="RunInstruction"/>, <see cref="CopyInstruction"/> …).
/// </summary>
public class Instruction : DockerfileNode
{
    private static readonly InstructionFlag[] NoFlags = Array.Empty<InstructionFlag>();
    private static readonly InstructionArgument[] NoArguments = Array.Empty<InstructionArgument>();
    private static readonly Heredoc[] NoHeredocs = Array.Empty<Heredoc>();

    private LogicalLine _line = null!;
    private int _keywordStart, _keywordEnd;
    private int _argumentsStart, _argumentsEnd;
    private InstructionFlag[] _flags = NoFlags;
    private InstructionArgument[]? _arguments;
    private string? _keyword;
    private string? _argumentsText;
    private IReadOnlyList<Heredoc> _heredocs = NoHeredocs;
    // The physical lines are worked out when first asked for (most callers never need them).
    private InstructionLine[]? _lines;
    private string _source = "";
    private int _keywordLineTextStart;
    private char _escape = '\\';
    private DockerfileSyntax? _syntax;
    private int _leadingCommentStart, _leadingCommentCount, _commentsSinceStart, _commentsBeforeEnd;

    internal Instruction(InstructionKind kind) : base(default) => Kind = kind;

    public InstructionKind Kind { get; }

    /// <summary>The keyword as written (<c>run</c>, <c>Run</c>, <c>RUN</c> …).</summary>
    public string Keyword => _keyword ??= _line.Buffer.Substring(_keywordStart, _keywordEnd - _keywordStart);

    /// <summary>The keyword in upper case (for an unknown instruction, what was written, upper-cased).</summary>
    public string KeywordUpper => Kind == InstructionKind.Unknown ? Keyword.ToUpperInvariant() : InstructionKeywords.ToKeyword(Kind);

    public TextSpan KeywordSpan => _line.BufferSpan(_keywordStart, _keywordEnd);

    /// <summary>From the keyword to the end of the instruction's last line (heredoc terminators included, the final
    /// line break excluded). For an ONBUILD trigger: from its keyword to the end of the ONBUILD.</summary>
    public TextSpan Span { get; internal set; }

    /// <summary>The flags (<c>--from=…</c>, <c>--mount=…</c> …) in order.</summary>
    public IReadOnlyList<InstructionFlag> Flags => _flags;

    /// <summary>
    /// The arguments as BuildKit's parser lists them: exec-form strings; for a shell form the single command;
    /// words for FROM, COPY, ADD, EXPOSE, VOLUME, ARG; <c>key value separator</c> triples for ENV and LABEL; for an
    /// unknown instruction the words after the keyword.
    /// </summary>
    public IReadOnlyList<InstructionArgument> Arguments => ArgumentArray;

    /// <summary><see cref="Arguments"/> as an array, for loops that should not go through the interface.</summary>
    internal InstructionArgument[] ArgumentArray => _arguments ??= BuildArguments();

    /// <summary><see cref="Flags"/> as an array.</summary>
    internal InstructionFlag[] FlagArray => _flags;

    /// <summary>True when the arguments are a JSON array (exec form).</summary>
    public bool IsExecForm { get; internal set; }

    /// <summary>True when the arguments were a JSON array holding non-strings (reported as PD008).</summary>
    internal bool HasInvalidExecForm { get; set; }

    /// <summary>The text after the keyword and flags, trimmed (BuildKit's "rest of the line").</summary>
    public string ArgumentsText => _argumentsText ??= _line.Buffer.Substring(_argumentsStart, _argumentsEnd - _argumentsStart);

    /// <summary>Where <see cref="ArgumentsText"/> is in the document (empty after the keyword/flags when there is none).</summary>
    public TextSpan ArgumentsSpan => _line.BufferSpan(_argumentsStart, _argumentsEnd);

    /// <summary>The heredocs, in the order their bodies follow the instruction (for ONBUILD: those of its trigger).</summary>
    public IReadOnlyList<Heredoc> Heredocs => _heredocs;

    /// <summary>The instruction's joined text, with offset mapping back to the document.</summary>
    public LogicalLine Line => _line;

    /// <summary>Zero-based line of the keyword.</summary>
    public int StartLine { get; internal set; }

    /// <summary>Zero-based last line (the heredoc terminator line when there are heredocs).</summary>
    public int EndLine { get; internal set; }

    /// <summary>The physical lines: content, comment and blank lines of the continuation, heredoc bodies and terminators.</summary>
    public IReadOnlyList<InstructionLine> Lines => _lines ??= Parent is not null
        ? (InstructionLine[])Parent.Lines
        : PhysicalLines.Of(_source, FullSpan, _keywordLineTextStart, Heredocs, _escape);

    /// <summary>The stage the instruction belongs to (null before the first FROM, and for ONBUILD triggers).</summary>
    public Stage? Stage { get; internal set; }

    /// <summary>For an ONBUILD trigger, the ONBUILD instruction around it.</summary>
    public OnbuildInstruction? Parent { get; internal set; }

    /// <summary>The comment lines directly above the instruction, with no blank line in between (where
    /// <c># hadolint ignore=…</c> and <c># pydocker: ignore=…</c> live).</summary>
    public IReadOnlyList<Comment> LeadingComments
    {
        get
        {
            if (Parent is not null) return Parent.LeadingComments;
            if (_syntax is null || _leadingCommentCount == 0) return Array.Empty<Comment>();
            var result = new Comment[_leadingCommentCount];
            for (int i = 0; i < result.Length; i++) result[i] = _syntax.Comments[_leadingCommentStart + i];
            return result;
        }
    }

    /// <summary>The first flag called <paramref name="name"/> (without dashes, case-sensitive like BuildKit), or null.</summary>
    public InstructionFlag? GetFlag(string name)
    {
        foreach (var flag in _flags)
            if (flag.IsNamed(name)) return flag;
        return null;
    }

    /// <summary>Every flag called <paramref name="name"/> (e.g. all <c>mount</c>s).</summary>
    public IEnumerable<InstructionFlag> GetFlags(string name)
    {
        foreach (var flag in _flags)
            if (flag.IsNamed(name)) yield return flag;
    }

    public bool HasFlag(string name) => GetFlag(name) is not null;

    /// <summary>This instruction and, for ONBUILD, its trigger.</summary>
    public IEnumerable<Instruction> SelfAndTrigger()
    {
        yield return this;
        if (this is OnbuildInstruction { Trigger: { } trigger }) yield return trigger;
    }

    public override string ToString() => Span.IsEmpty ? KeywordUpper : _line.Text;

    // ---- set up by the parser ----

    internal void InitializeText(LogicalLine line, int keywordStart, int keywordEnd, InstructionFlag[] flags,
        int argumentsStart, int argumentsEnd)
    {
        _line = line;
        _keywordStart = keywordStart;
        _keywordEnd = keywordEnd;
        _flags = flags;
        _argumentsStart = argumentsStart;
        _argumentsEnd = argumentsEnd;
    }

    internal void SetArguments(InstructionArgument[] arguments) => _arguments = arguments;

    internal void SetHeredocs(IReadOnlyList<Heredoc> heredocs) => _heredocs = heredocs;

    /// <param name="source">The document text.</param>
    /// <param name="fullSpan">From the start of the first line to after the last line break.</param>
    /// <param name="keywordLineTextStart">Where the first line's text starts (after indentation).</param>
    /// <param name="escape">The escape character in effect.</param>
    internal void SetExtent(string source, TextSpan fullSpan, int keywordLineTextStart, char escape)
    {
        _source = source;
        FullSpan = fullSpan;
        _keywordLineTextStart = keywordLineTextStart;
        _escape = escape;
    }

    /// <param name="sinceStart">Index of the first comment after the previous instruction.</param>
    /// <param name="leadingStart">Index of the first comment of the block directly above.</param>
    /// <param name="end">Index after the last comment above the instruction.</param>
    internal void SetCommentIndexes(int sinceStart, int leadingStart, int end)
    {
        _commentsSinceStart = sinceStart;
        _leadingCommentStart = leadingStart;
        _leadingCommentCount = end - leadingStart;
        _commentsBeforeEnd = end;
    }

    internal void AttachSyntax(DockerfileSyntax syntax) => _syntax ??= syntax;

    internal int CommentsSinceStart => _commentsSinceStart;
    internal int CommentsBeforeEnd => _commentsBeforeEnd;

    internal DockerfileSyntax? Syntax => _syntax;

    internal int ArgumentsBufferStart => _argumentsStart;
    internal int ArgumentsBufferEnd => _argumentsEnd;

    /// <summary>For instructions whose arguments are derived from a richer structure (ENV and LABEL pairs).</summary>
    private protected virtual InstructionArgument[] BuildArguments() => NoArguments;

    /// <summary>Reads the typed meaning from the arguments and reports what BuildKit would refuse.</summary>
    internal virtual void Interpret(InstructionContext context) { }

    internal override void AppendPieces(string source, StringBuilder output)
    {
        foreach (var line in Lines)
        {
            output.Append(source, line.Span.Start, line.ContentSpan.Length);
            output.Append(source, line.ContinuationMarker.Start, line.ContinuationMarker.Length);
            output.Append(source, line.LineBreak.Start, line.LineBreak.Length);
        }
    }
}
