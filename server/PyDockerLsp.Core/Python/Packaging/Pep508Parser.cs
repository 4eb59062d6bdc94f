using PyDockerLsp.Core.Text;

namespace PyDockerLsp.Core.Python.Packaging;

/// <summary>
/// A recursive-descent parser for PEP 508 dependency specifiers and environment markers. Each method parses
/// one production (written above it) in the same order, with the same messages, as pypa/packaging's parser,
/// so that an invalid line fails where pip says it fails.
/// </summary>
internal sealed class Pep508Parser
{
    private const string MarkerOperatorMessage = "Expected marker operator, one of <=, <, !=, ==, >=, >, ~=, ===, in, not in";

    private readonly Pep508Tokenizer _tokens;

    private Pep508Parser(string source) => _tokens = new Pep508Tokenizer(source);

    internal sealed class ParsedRequirement
    {
        public TextSpan NameSpan;
        public TextSpan? ExtrasSpan;
        public List<string> Extras = new();
        public List<(string Text, TextSpan Span, SpecifierScanner.Match Match)> SpecifierTokens = new(2);
        public TextSpan? UrlSpan;
        public MarkerExpression? Marker;
        public TextSpan? MarkerSpan;
    }

    public static ParsedRequirement ParseRequirement(string source) => new Pep508Parser(source).Requirement();

    public static MarkerExpression ParseMarker(string source)
    {
        var parser = new Pep508Parser(source);
        var marker = parser.Marker();
        parser._tokens.Expect(Pep508Token.End, "end of marker expression");
        return marker;
    }

    /// <summary><c>requirement = WS? IDENTIFIER WS? extras WS? requirement_details END</c></summary>
    private ParsedRequirement Requirement()
    {
        var result = new ParsedRequirement();
        _tokens.Consume(Pep508Token.Ws);
        result.NameSpan = _tokens.Expect(Pep508Token.Identifier, "package name at the start of dependency specifier");
        _tokens.Consume(Pep508Token.Ws);
        Extras(result);
        _tokens.Consume(Pep508Token.Ws);
        RequirementDetails(result);
        _tokens.Expect(Pep508Token.End, "end of dependency specifier");
        return result;
    }

    /// <summary>
    /// <c>requirement_details = AT URL (WS requirement_marker?)?</c>
    /// <c>                    | specifier WS? requirement_marker?</c>
    /// </summary>
    private void RequirementDetails(ParsedRequirement result)
    {
        if (_tokens.Check(Pep508Token.At))
        {
            _tokens.Read();
            _tokens.Consume(Pep508Token.Ws);
            int urlStart = _tokens.Position;
            result.UrlSpan = _tokens.Expect(Pep508Token.Url, "URL after @");
            if (_tokens.Check(Pep508Token.End, peek: true)) return;
            _tokens.Expect(Pep508Token.Ws, "whitespace after URL");
            if (_tokens.Check(Pep508Token.End, peek: true)) return;
            RequirementMarker(result, urlStart, "semicolon (after URL and whitespace)");
            return;
        }

        int specifierStart = _tokens.Position;
        VersionSpecifier(result);
        _tokens.Consume(Pep508Token.Ws);
        if (_tokens.Check(Pep508Token.End, peek: true)) return;
        RequirementMarker(result, specifierStart, result.SpecifierTokens.Count > 0
            ? "comma (within version specifier), semicolon (after version specifier)"
            : "semicolon (after name with no version specifier)");
    }

    /// <summary><c>requirement_marker = SEMICOLON marker WS?</c></summary>
    private void RequirementMarker(ParsedRequirement result, int spanStart, string expected)
    {
        if (!_tokens.Check(Pep508Token.Semicolon)) throw _tokens.Error($"Expected {expected} or end", spanStart: spanStart);
        _tokens.Read();
        result.Marker = Marker();
        result.MarkerSpan = result.Marker.Span;
        _tokens.Consume(Pep508Token.Ws);
    }

    /// <summary><c>extras = (LEFT_BRACKET WS? extras_list? WS? RIGHT_BRACKET)?</c></summary>
    private void Extras(ParsedRequirement result)
    {
        if (!_tokens.Check(Pep508Token.LeftBracket, peek: true)) return;
        int start = _tokens.Position;
        var open = _tokens.OpenEnclosing(Pep508Token.LeftBracket);
        _tokens.Consume(Pep508Token.Ws);
        ExtrasList(result.Extras);
        _tokens.Consume(Pep508Token.Ws);
        _tokens.CloseEnclosing(open, Pep508Token.LeftBracket, Pep508Token.RightBracket, "extras");
        result.ExtrasSpan = TextSpan.FromBounds(start, _tokens.Position);
    }

    /// <summary><c>extras_list = IDENTIFIER (WS? COMMA WS? IDENTIFIER)*</c></summary>
    private void ExtrasList(List<string> extras)
    {
        if (!_tokens.Check(Pep508Token.Identifier)) return;
        extras.Add(_tokens.Text(_tokens.Read()));
        while (true)
        {
            _tokens.Consume(Pep508Token.Ws);
            if (_tokens.Check(Pep508Token.Identifier, peek: true)) throw _tokens.Error("Expected comma between extra names");
            if (!_tokens.Check(Pep508Token.Comma)) break;
            _tokens.Read();
            _tokens.Consume(Pep508Token.Ws);
            extras.Add(_tokens.Text(_tokens.Expect(Pep508Token.Identifier, "extra name after comma")));
        }
    }

    /// <summary><c>specifier = LEFT_PARENTHESIS WS? version_many WS? RIGHT_PARENTHESIS | WS? version_many WS?</c></summary>
    private void VersionSpecifier(ParsedRequirement result)
    {
        var open = _tokens.OpenEnclosing(Pep508Token.LeftParenthesis);
        _tokens.Consume(Pep508Token.Ws);
        VersionMany(result.SpecifierTokens);
        _tokens.Consume(Pep508Token.Ws);
        _tokens.CloseEnclosing(open, Pep508Token.LeftParenthesis, Pep508Token.RightParenthesis, "version specifier");
    }

    /// <summary><c>version_many = (SPECIFIER (WS? COMMA WS? SPECIFIER)*)?</c>, rejecting a <c>.*</c> or a local label
    /// that the clause's operator does not allow.</summary>
    private void VersionMany(List<(string, TextSpan, SpecifierScanner.Match)> clauses)
    {
        while (_tokens.Check(Pep508Token.Specifier))
        {
            int spanStart = _tokens.Position;
            var match = _tokens.LastSpecifier;
            var span = _tokens.Read();
            clauses.Add((_tokens.Text(span), span, match));
            if (_tokens.Check(Pep508Token.VersionPrefixTrail, peek: true))
            {
                throw _tokens.Error(match.Operator is SpecifierOperator.Equal or SpecifierOperator.NotEqual
                    ? ".* suffix cannot be used with pre-release, post-release, dev or local versions"
                    : ".* suffix can only be used with `==` or `!=` operators",
                    spanStart: spanStart, spanEnd: _tokens.Position + 1);
            }
            if (_tokens.Check(Pep508Token.VersionLocalLabelTrail, peek: true))
                throw _tokens.Error("Local version label can only be used with `==` or `!=` operators", spanStart: spanStart);
            _tokens.Consume(Pep508Token.Ws);
            if (!_tokens.Check(Pep508Token.Comma)) break;
            _tokens.Read();
            _tokens.Consume(Pep508Token.Ws);
        }
    }

    /// <summary><c>marker = marker_atom (BOOLOP marker_atom)*</c></summary>
    private MarkerExpression Marker()
    {
        var terms = new List<MarkerNode> { MarkerAtom() };
        var connectives = new List<string>();
        while (_tokens.Check(Pep508Token.BoolOp))
        {
            connectives.Add(_tokens.Text(_tokens.Read()));
            terms.Add(MarkerAtom());
        }
        return new MarkerExpression(terms, connectives, TextSpan.FromBounds(terms[0].Span.Start, terms[^1].Span.End));
    }

    /// <summary><c>marker_atom = WS? LEFT_PARENTHESIS WS? marker WS? RIGHT_PARENTHESIS WS? | WS? marker_item WS?</c></summary>
    private MarkerNode MarkerAtom()
    {
        _tokens.Consume(Pep508Token.Ws);
        MarkerNode atom;
        if (_tokens.Check(Pep508Token.LeftParenthesis, peek: true))
        {
            var open = _tokens.OpenEnclosing(Pep508Token.LeftParenthesis);
            _tokens.Consume(Pep508Token.Ws);
            atom = Marker();
            _tokens.Consume(Pep508Token.Ws);
            _tokens.CloseEnclosing(open, Pep508Token.LeftParenthesis, Pep508Token.RightParenthesis, "marker expression");
        }
        else
        {
            atom = MarkerItem();
        }
        _tokens.Consume(Pep508Token.Ws);
        return atom;
    }

    /// <summary><c>marker_item = WS? marker_var WS? marker_op WS? marker_var WS?</c></summary>
    private MarkerComparison MarkerItem()
    {
        _tokens.Consume(Pep508Token.Ws);
        var left = MarkerVar();
        _tokens.Consume(Pep508Token.Ws);
        var (op, opSpan) = MarkerOp();
        _tokens.Consume(Pep508Token.Ws);
        var right = MarkerVar();
        _tokens.Consume(Pep508Token.Ws);
        return new MarkerComparison(left, op, opSpan, right);
    }

    /// <summary><c>marker_var = VARIABLE | QUOTED_STRING</c>; variables get their canonical names.</summary>
    private MarkerOperand MarkerVar()
    {
        if (_tokens.Check(Pep508Token.Variable))
        {
            var span = _tokens.Read();
            return new MarkerOperand(true, CanonicalVariable(_tokens.Text(span)), span);
        }
        if (_tokens.Check(Pep508Token.QuotedString))
        {
            var span = _tokens.Read();
            if (!PythonStringLiteral.TryDecode(_tokens.Source.AsSpan(span.Start, span.Length), out var value))
                throw _tokens.Error("Invalid quoted string", spanStart: span.Start, spanEnd: span.End);
            return new MarkerOperand(false, value, span);
        }
        throw _tokens.Error("Expected a marker variable or quoted string");
    }

    /// <summary>Dotted legacy spellings (<c>os.name</c>) become underscores; <c>python_implementation</c> is an old
    /// name of <c>platform_python_implementation</c>.</summary>
    private static string CanonicalVariable(string name)
    {
        var underscored = name.Replace('.', '_');
        return underscored == "python_implementation" ? "platform_python_implementation" : underscored;
    }

    /// <summary><c>marker_op = IN | NOT WS IN | OP</c></summary>
    private (string, TextSpan) MarkerOp()
    {
        if (_tokens.Check(Pep508Token.In)) return ("in", _tokens.Read());
        if (_tokens.Check(Pep508Token.Not))
        {
            var not = _tokens.Read();
            _tokens.Expect(Pep508Token.Ws, "whitespace after 'not'");
            var inSpan = _tokens.Expect(Pep508Token.In, "'in' after 'not'");
            return ("not in", TextSpan.FromBounds(not.Start, inSpan.End));
        }
        if (_tokens.Check(Pep508Token.Op))
        {
            var span = _tokens.Read();
            return (_tokens.Text(span), span);
        }
        throw _tokens.Error(MarkerOperatorMessage);
    }
}
