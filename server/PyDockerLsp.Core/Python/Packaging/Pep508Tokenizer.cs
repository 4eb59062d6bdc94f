using PyDockerLsp.Core.Text;

namespace PyDockerLsp.Core.Python.Packaging;

internal enum Pep508Token
{
    LeftParenthesis, RightParenthesis, LeftBracket, RightBracket, Semicolon, Comma,
    QuotedString, Op, BoolOp, In, Not, Variable, Specifier, At, Url, Identifier,
    VersionPrefixTrail, VersionLocalLabelTrail, Ws, End,
}

/// <summary>Thrown inside the parser to unwind to <see cref="Pep508Parser"/>'s entry points, which turn it
/// into a <see cref="Pep508ParseError"/>; it never leaves the parser.</summary>
internal sealed class Pep508SyntaxException : Exception
{
    public Pep508SyntaxException(Pep508ParseError error) : base(error.Message) => Error = error;
    public Pep508ParseError Error { get; }
}

/// <summary>
/// The context-sensitive tokenizer of dependency specifiers: the parser asks "is a token of this kind next?"
/// and the tokenizer answers for that kind only, as packaging's tokenizer does. Token kinds mirror packaging's
/// rules, so the same input stops at the same place with the same message.
/// </summary>
internal sealed class Pep508Tokenizer
{
    private static readonly string[] VariableNames =
    {
        "python_version", "python_full_version", "os.name", "os_name", "sys.platform", "sys_platform",
        "platform_release", "platform_system", "platform.version", "platform_version", "platform.machine",
        "platform_machine", "platform.python_implementation", "platform_python_implementation",
        "python_implementation", "implementation_name", "implementation_version", "extras", "extra", "dependency_groups",
    };

    private int _pendingLength = -1;
    private Pep508Token _pendingKind;

    public Pep508Tokenizer(string source) => Source = source;

    public string Source { get; }
    public int Position { get; private set; }

    /// <summary>The clause found by the last successful <see cref="Check"/> of <see cref="Pep508Token.Specifier"/>.</summary>
    public SpecifierScanner.Match LastSpecifier { get; private set; }

    /// <summary>True when a token of <paramref name="kind"/> starts here. Unless <paramref name="peek"/>, the token is
    /// held for the next <see cref="Read"/>.</summary>
    public bool Check(Pep508Token kind, bool peek = false)
    {
        int length = MatchLength(kind, Position);
        if (length < 0) return false;
        if (!peek)
        {
            _pendingKind = kind;
            _pendingLength = length;
        }
        return true;
    }

    /// <summary>Consumes the token found by the last <see cref="Check"/>.</summary>
    public TextSpan Read()
    {
        if (_pendingLength < 0) throw new InvalidOperationException("Read without a successful Check.");
        var span = new TextSpan(Position, _pendingLength);
        Position += _pendingLength;
        _pendingLength = -1;
        return span;
    }

    public string Text(TextSpan span) => Source.Substring(span.Start, span.Length);

    public void Consume(Pep508Token kind)
    {
        if (Check(kind)) Read();
    }

    public TextSpan Expect(Pep508Token kind, string expected)
    {
        if (!Check(kind)) throw Error("Expected " + expected);
        return Read();
    }

    public Pep508SyntaxException Error(string message, int? spanStart = null, int? spanEnd = null) =>
        new(new Pep508ParseError(message, TextSpan.FromBounds(spanStart ?? Position, spanEnd ?? Position), Source));

    /// <summary>Reads <paramref name="open"/> when it is next; returns where it was, or null.</summary>
    public int? OpenEnclosing(Pep508Token open)
    {
        if (!Check(open)) return null;
        int at = Position;
        Read();
        return at;
    }

    /// <summary>Reads the <paramref name="close"/> matching an opening read by <see cref="OpenEnclosing"/>; a missing
    /// close is reported from the opening.</summary>
    public void CloseEnclosing(int? openPosition, Pep508Token open, Pep508Token close, string around)
    {
        if (openPosition == null) return;
        if (!Check(close))
            throw Error($"Expected matching {TokenName(close)} for {TokenName(open)}, after {around}", spanStart: openPosition);
        Read();
    }

    private static string TokenName(Pep508Token kind) => kind switch
    {
        Pep508Token.LeftParenthesis => "LEFT_PARENTHESIS",
        Pep508Token.RightParenthesis => "RIGHT_PARENTHESIS",
        Pep508Token.LeftBracket => "LEFT_BRACKET",
        Pep508Token.RightBracket => "RIGHT_BRACKET",
        _ => kind.ToString(),
    };

    /// <summary>Length of the <paramref name="kind"/> token at <paramref name="pos"/>, or -1.</summary>
    private int MatchLength(Pep508Token kind, int pos)
    {
        var s = Source;
        bool atEnd = pos >= s.Length;
        switch (kind)
        {
            case Pep508Token.LeftParenthesis: return !atEnd && s[pos] == '(' ? 1 : -1;
            case Pep508Token.RightParenthesis: return !atEnd && s[pos] == ')' ? 1 : -1;
            case Pep508Token.LeftBracket: return !atEnd && s[pos] == '[' ? 1 : -1;
            case Pep508Token.RightBracket: return !atEnd && s[pos] == ']' ? 1 : -1;
            case Pep508Token.Semicolon: return !atEnd && s[pos] == ';' ? 1 : -1;
            case Pep508Token.Comma: return !atEnd && s[pos] == ',' ? 1 : -1;
            case Pep508Token.At: return !atEnd && s[pos] == '@' ? 1 : -1;
            case Pep508Token.QuotedString: return MatchQuotedString(pos);
            case Pep508Token.Op: return MatchOp(pos);
            case Pep508Token.BoolOp:
            {
                int n = MatchWord(pos, "or");
                return n > 0 ? n : MatchWord(pos, "and");
            }
            case Pep508Token.In: return MatchWord(pos, "in");
            case Pep508Token.Not: return MatchWord(pos, "not");
            case Pep508Token.Variable: return MatchVariable(pos);
            case Pep508Token.Specifier:
            {
                if (SpecifierScanner.MatchAt(s, pos) is not { } m) return -1;
                LastSpecifier = m;
                return m.End - pos;
            }
            case Pep508Token.Url:
            {
                int end = pos;
                while (end < s.Length && s[end] != ' ' && s[end] != '\t') end++;
                return end > pos ? end - pos : -1;
            }
            case Pep508Token.Identifier: return MatchIdentifier(pos);
            case Pep508Token.VersionPrefixTrail: return pos + 1 < s.Length && s[pos] == '.' && s[pos + 1] == '*' ? 2 : -1;
            case Pep508Token.VersionLocalLabelTrail: return MatchLocalLabelTrail(pos);
            case Pep508Token.Ws:
            {
                int end = pos;
                while (end < s.Length && (s[end] == ' ' || s[end] == '\t')) end++;
                return end > pos ? end - pos : -1;
            }
            case Pep508Token.End: return atEnd ? 0 : -1;
            default: return -1;
        }
    }

    /// <summary><c>'[^']*'</c> or <c>"[^"]*"</c>; escapes are decoded later.</summary>
    private int MatchQuotedString(int pos)
    {
        if (pos >= Source.Length || (Source[pos] != '\'' && Source[pos] != '"')) return -1;
        int close = Source.IndexOf(Source[pos], pos + 1);
        return close < 0 ? -1 : close - pos + 1;
    }

    private int MatchOp(int pos)
    {
        var s = Source;
        if (pos >= s.Length) return -1;
        char next = pos + 1 < s.Length ? s[pos + 1] : '\0';
        switch (s[pos])
        {
            case '=': return next != '=' ? -1 : pos + 2 < s.Length && s[pos + 2] == '=' ? 3 : 2;
            case '~':
            case '!': return next == '=' ? 2 : -1;
            case '<':
            case '>': return next == '=' ? 2 : 1;
            default: return -1;
        }
    }

    /// <summary><c>\bword\b</c>.</summary>
    private int MatchWord(int pos, string word)
    {
        if (!PythonChars.IsWordBoundary(Source, pos)) return -1;
        if (string.CompareOrdinal(Source, pos, word, 0, word.Length) != 0) return -1;
        return PythonChars.IsWordBoundary(Source, pos + word.Length) ? word.Length : -1;
    }

    private int MatchVariable(int pos)
    {
        foreach (var name in VariableNames)
        {
            int n = MatchWord(pos, name);
            if (n > 0) return n;
        }
        return -1;
    }

    /// <summary><c>\b[a-zA-Z0-9][a-zA-Z0-9._-]*\b</c>: the longest run that ends on a word boundary.</summary>
    private int MatchIdentifier(int pos)
    {
        var s = Source;
        if (pos >= s.Length || !IsAsciiLetterOrDigit(s[pos]) || !PythonChars.IsWordBoundary(s, pos)) return -1;
        int end = pos + 1;
        while (end < s.Length && (IsAsciiLetterOrDigit(s[end]) || PythonChars.IsSeparator(s[end]))) end++;
        for (; end > pos; end--)
            if (PythonChars.IsWordBoundary(s, end)) return end - pos;
        return -1;
    }

    /// <summary><c>\+[a-z0-9]+(?:[-_\.][a-z0-9]+)*</c>, lower case only as packaging writes it.</summary>
    private int MatchLocalLabelTrail(int pos)
    {
        var s = Source;
        if (pos >= s.Length || s[pos] != '+') return -1;
        int end = pos + 1;
        int runEnd = SkipLowerAlphanumerics(end);
        if (runEnd == end) return -1;
        end = runEnd;
        while (end + 1 < s.Length && PythonChars.IsSeparator(s[end]) && SkipLowerAlphanumerics(end + 1) > end + 1)
            end = SkipLowerAlphanumerics(end + 1);
        return end - pos;
    }

    private int SkipLowerAlphanumerics(int pos)
    {
        while (pos < Source.Length && ((Source[pos] >= 'a' && Source[pos] <= 'z') || PythonChars.IsAsciiDigit(Source[pos]))) pos++;
        return pos;
    }

    private static bool IsAsciiLetterOrDigit(char c) => PythonChars.IsAsciiAlphanumeric(c);
}
