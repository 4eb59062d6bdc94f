using System.Text;
using PyDockerLsp.Core.Text;

namespace PyDockerLsp.Core.Syntax.Shell;

/// <summary>
/// BuildKit's shell-word processing (its <c>shell.Lex</c>): removes quotes and escapes, substitutes <c>$name</c>,
/// <c>${name}</c> and the modifiers <c>${name:-word}</c>, <c>${name-word}</c>, <c>${name:+word}</c>,
/// <c>${name+word}</c>, <c>${name:?message}</c>, <c>${name?message}</c>, <c>${name#pattern}</c>,
/// <c>${name##pattern}</c>, <c>${name%pattern}</c>, <c>${name%%pattern}</c>, <c>${name/pattern/replacement}</c> and
/// <c>${name//pattern/replacement}</c>, and splits the result into words on unquoted white space.
/// It reads like a small shell but runs nothing: positional and special parameters (<c>$1</c>, <c>$@</c> …) are
/// never set. An instance holds only options, so it can be shared; <see cref="Process"/> never throws.
/// </summary>
public sealed class WordExpander
{
    public WordExpander(char escapeToken = '\\') => EscapeToken = escapeToken;

    /// <summary>The character that escapes the next one: <c>\</c>, or <c>`</c> under <c># escape=`</c>.</summary>
    public char EscapeToken { get; }

    /// <summary>Keep quote characters in the result (quoting still groups words).</summary>
    public bool RawQuotes { get; init; }

    /// <summary>Keep escape characters in the result (they still escape).</summary>
    public bool RawEscapes { get; init; }

    /// <summary>Treat quote characters as ordinary characters.</summary>
    public bool SkipProcessQuotes { get; init; }

    /// <summary>Leave references to unset variables as written instead of substituting the empty string.</summary>
    public bool SkipUnsetEnv { get; init; }

    /// <summary>Expands <paramref name="word"/> with <paramref name="variables"/> (none when null).</summary>
    public WordExpansion Process(string word, IVariableLookup? variables = null)
    {
        var run = new ExpansionRun(this, word, variables ?? EmptyVariableLookup.Instance);
        return run.Execute();
    }

    /// <summary>Just the expanded text, or null when the word does not expand (see <see cref="WordExpansion.Error"/>).</summary>
    public string? ProcessWord(string word, IVariableLookup? variables = null)
    {
        var result = Process(word, variables);
        return result.Succeeded ? result.Result : null;
    }

    /// <summary>The words after expansion and splitting, or null on error.</summary>
    public IReadOnlyList<string>? ProcessWords(string word, IVariableLookup? variables = null)
    {
        var result = Process(word, variables);
        return result.Succeeded ? result.Words : null;
    }

    /// <summary>One expansion in progress: a cursor over the input and the variables it used.</summary>
    private sealed class ExpansionRun
    {
        private const int End = -1;

        private readonly WordExpander _options;
        private readonly string _input;
        private readonly IVariableLookup _variables;
        private readonly char _escape;
        private int _pos;
        private bool _rawEscapes;
        private HashSet<string>? _matched;
        private HashSet<string>? _unmatched;

        public ExpansionRun(WordExpander options, string input, IVariableLookup variables)
        {
            _options = options;
            _input = input;
            _variables = variables;
            _escape = options.EscapeToken;
            _rawEscapes = options.RawEscapes;
        }

        public WordExpansion Execute()
        {
            try
            {
                var words = new WordCollector();
                string result = ProcessUntil(End, _options.RawEscapes, words);
                return new WordExpansion(result, words.Finish(_pos), words.Spans, Names(_matched), Names(_unmatched), null);
            }
            catch (ExpansionFailure failure)
            {
                return new WordExpansion("", Array.Empty<string>(), Array.Empty<TextSpan>(), Names(_matched), Names(_unmatched),
                    $"cannot expand \"{_input}\": {failure.Message}");
            }
        }

        private static IReadOnlyCollection<string> Names(HashSet<string>? set) =>
            set is null ? Array.Empty<string>() : set;

        private int Peek() => _pos < _input.Length ? _input[_pos] : End;

        private int Next() => _pos < _input.Length ? _input[_pos++] : End;

        /// <summary>Processes characters until <paramref name="stop"/> (consumed) or the end of the input.
        /// <paramref name="rawEscapes"/> applies while this call runs (patterns keep their backslashes).</summary>
        private string ProcessUntil(int stop, bool rawEscapes, WordCollector? words)
        {
            var result = new StringBuilder();
            bool savedRawEscapes = _rawEscapes;
            _rawEscapes = rawEscapes;
            try
            {
                while (Peek() != End)
                {
                    int ch = Peek();
                    int tokenStart = _pos;
                    if (stop != End && ch == stop)
                    {
                        _pos++;
                        return result.ToString();
                    }
                    switch (ch)
                    {
                        case '$':
                        {
                            string value = ProcessDollar();
                            result.Append(value);
                            words?.AddSplitting(value, tokenStart, _pos);
                            continue;
                        }
                        case '<':
                        {
                            string value = ProcessPossibleHeredoc();
                            result.Append(value);
                            words?.AddRaw(value, tokenStart, _pos);
                            continue;
                        }
                        case '\'' when !_options.SkipProcessQuotes:
                        {
                            string value = ProcessSingleQuote();
                            result.Append(value);
                            words?.AddRaw(value, tokenStart, _pos);
                            continue;
                        }
                        case '"' when !_options.SkipProcessQuotes:
                        {
                            string value = ProcessDoubleQuote();
                            result.Append(value);
                            words?.AddRaw(value, tokenStart, _pos);
                            continue;
                        }
                    }

                    char c = (char)Next();
                    if (c == _escape)
                    {
                        if (_rawEscapes)
                        {
                            result.Append(c);
                            words?.AddRaw(c, tokenStart, _pos);
                        }
                        int escaped = Next();
                        if (escaped == End) break; // an escape at the very end escapes nothing
                        result.Append((char)escaped);
                        words?.AddRaw((char)escaped, tokenStart, _pos);
                        continue;
                    }
                    result.Append(c);
                    words?.Add(c, tokenStart, _pos);
                }
            }
            finally
            {
                _rawEscapes = savedRawEscapes;
            }
            if (stop != End) throw new ExpansionFailure($"unexpected end of statement while looking for matching {(char)stop}");
            return result.ToString();
        }

        /// <summary>Everything up to the next single quote is literal; nothing escapes inside.</summary>
        private string ProcessSingleQuote()
        {
            var result = new StringBuilder();
            char open = (char)Next();
            if (_options.RawQuotes) result.Append(open);
            while (true)
            {
                int ch = Next();
                if (ch == End) throw new ExpansionFailure("unexpected end of statement while looking for matching single-quote");
                if (ch == '\'')
                {
                    if (_options.RawQuotes) result.Append('\'');
                    return result.ToString();
                }
                result.Append((char)ch);
            }
        }

        /// <summary>Inside double quotes <c>$</c> still expands and the escape character escapes only
        /// <c>"</c>, <c>$</c> and itself; before anything else it stays.</summary>
        private string ProcessDoubleQuote()
        {
            var result = new StringBuilder();
            char open = (char)Next();
            if (_options.RawQuotes) result.Append(open);
            while (true)
            {
                int peek = Peek();
                if (peek == End) throw new ExpansionFailure("unexpected end of statement while looking for matching double-quote");
                if (peek == '"')
                {
                    Next();
                    if (_options.RawQuotes) result.Append('"');
                    return result.ToString();
                }
                if (peek == '$')
                {
                    result.Append(ProcessDollar());
                    continue;
                }
                char c = (char)Next();
                if (c == _escape)
                {
                    if (_rawEscapes) result.Append(c);
                    int after = Peek();
                    if (after == End) continue; // reported as an unterminated quote on the next turn
                    if (after == '"' || after == '$' || after == _escape) c = (char)Next();
                }
                result.Append(c);
            }
        }

        /// <summary><c>&lt;&lt;</c> keeps the blanks that follow it, so <c>&lt;&lt; EOF</c> stays one word
        /// (what BuildKit needs to find heredocs written with a space).</summary>
        private string ProcessPossibleHeredoc()
        {
            Next();
            if (Peek() != '<') return "<";
            Next();
            int start = _pos;
            while (Peek() is ' ' or '\t' or '\r') Next();
            return _pos == start ? "<<" : "<<" + _input.Substring(start, _pos - start);
        }

        private string ProcessDollar()
        {
            Next(); // '$'
            if (Peek() != '{')
            {
                string plainName = ProcessName();
                if (plainName.Length == 0) return "$";
                bool found = Lookup(plainName, out string plainValue);
                if (!found && _options.SkipUnsetEnv) return "$" + plainName;
                return plainValue;
            }

            Next(); // '{'
            switch (Peek())
            {
                case End:
                    throw new ExpansionFailure("syntax error: missing '}'");
                case '{':
                case '}':
                case ':':
                    throw new ExpansionFailure("syntax error: bad substitution");
            }

            string name = ProcessName();
            int ch = Next();
            string modifier = ch == End ? "" : ((char)ch).ToString();
            switch (ch)
            {
                case '}':
                {
                    bool set = Lookup(name, out string value);
                    if (!set && _options.SkipUnsetEnv) return "${" + name + "}";
                    return value;
                }
                case ':':
                case '+':
                case '-':
                case '?':
                case '#':
                case '%':
                    return ProcessModifier(name, ch, modifier);
                case '/':
                    return ProcessReplacement(name);
                default:
                    throw new ExpansionFailure($"unsupported modifier ({modifier}) in substitution");
            }
        }

        /// <summary><c>${name[:]op word}</c> after the operator character was read.</summary>
        private string ProcessModifier(string name, int op, string modifier)
        {
            bool nullIsUnset = false;
            if (op == ':')
            {
                nullIsUnset = true;
                op = Next();
                if (op != End) modifier += (char)op;
            }
            bool isPattern = op == '#' || op == '%';
            string word;
            try
            {
                word = ProcessUntil('}', isPattern, null);
            }
            catch (ExpansionFailure) when (Peek() == End)
            {
                throw new ExpansionFailure("syntax error: missing '}'");
            }

            bool set = Lookup(name, out string value);
            if (_options.SkipUnsetEnv && !set) return "${" + name + modifier + word + "}";

            switch (op)
            {
                case '-':
                    return !set || (nullIsUnset && value.Length == 0) ? word : value;
                case '+':
                    return !set || (nullIsUnset && value.Length == 0) ? "" : word;
                case '?':
                    if (!set) throw new ExpansionFailure($"{name}: {(word.Length > 0 ? word : "is not allowed to be unset")}");
                    if (nullIsUnset && value.Length == 0)
                        throw new ExpansionFailure($"{name}: {(word.Length > 0 ? word : "is not allowed to be empty")}");
                    return value;
                case '#' when !nullIsUnset:
                case '%' when !nullIsUnset:
                {
                    // A doubled operator (## or %%) removes the longest match instead of the shortest.
                    bool longest = word.Length > 0 && word[0] == op;
                    if (longest) word = word.Substring(1);
                    var pattern = ShellPattern.Parse(word, out string? patternError)
                                  ?? throw new ExpansionFailure($"invalid pattern ({word}) in substitution: {patternError}");
                    if (op == '#')
                    {
                        int end = pattern.MatchEnd(value, 0, longest);
                        return end < 0 ? value : value.Substring(end);
                    }
                    int start = SuffixStart(pattern, value, longest);
                    return start < 0 ? value : value.Substring(0, start);
                }
                default:
                    throw new ExpansionFailure($"unsupported modifier ({modifier}) in substitution");
            }
        }

        /// <summary>Where the shortest (or longest) match that ends the value starts; -1 when none does.</summary>
        private static int SuffixStart(ShellPattern pattern, string value, bool longest)
        {
            if (longest)
            {
                for (int start = 0; start <= value.Length; start++)
                    if (pattern.MatchesToEnd(value, start)) return start;
                return -1;
            }
            for (int start = value.Length; start >= 0; start--)
                if (pattern.MatchesToEnd(value, start)) return start;
            return -1;
        }

        /// <summary><c>${name/pattern/replacement}</c> (first match) and <c>${name//pattern/replacement}</c> (all).</summary>
        private string ProcessReplacement(string name)
        {
            bool replaceAll = Peek() == '/';
            if (replaceAll) Next();

            string patternText;
            try
            {
                patternText = ProcessUntil('/', true, null);
            }
            catch (ExpansionFailure) when (Peek() == End)
            {
                throw new ExpansionFailure("syntax error: missing '/' in ${}");
            }
            string replacement;
            try
            {
                replacement = ProcessUntil('}', true, null);
            }
            catch (ExpansionFailure) when (Peek() == End)
            {
                throw new ExpansionFailure("syntax error: missing '}'");
            }

            bool set = Lookup(name, out string value);
            if (_options.SkipUnsetEnv && !set) return "${" + name + "/" + patternText + "/" + replacement + "}";

            var pattern = ShellPattern.Parse(patternText, out string? patternError)
                          ?? throw new ExpansionFailure($"invalid pattern ({patternText}) in substitution: {patternError}");
            if (!replaceAll)
            {
                var (start, end) = pattern.FindLeftmostLongest(value, 0);
                return start < 0 ? value : value.Substring(0, start) + replacement + value.Substring(end);
            }
            return ReplaceAll(pattern, value, replacement);
        }

        /// <summary>Go's <c>Regexp.ReplaceAllString</c>: non-overlapping matches left to right, an empty match right
        /// after a match is skipped, and <c>$</c> in the replacement is a template (<c>$0</c> is the match).</summary>
        private static string ReplaceAll(ShellPattern pattern, string value, string template)
        {
            var output = new StringBuilder();
            int lastMatchEnd = 0;
            int searchPos = 0;
            while (searchPos <= value.Length)
            {
                var (start, end) = pattern.FindLeftmostLongest(value, searchPos);
                if (start < 0) break;
                output.Append(value, lastMatchEnd, start - lastMatchEnd);
                if (end > lastMatchEnd || start == 0) AppendTemplate(output, template, value, start, end);
                lastMatchEnd = end;
                searchPos = searchPos + 1 > end ? searchPos + 1 : end;
            }
            output.Append(value, lastMatchEnd, value.Length - lastMatchEnd);
            return output.ToString();
        }

        private static void AppendTemplate(StringBuilder output, string template, string value, int matchStart, int matchEnd)
        {
            for (int i = 0; i < template.Length; i++)
            {
                char c = template[i];
                if (c != '$')
                {
                    output.Append(c);
                    continue;
                }
                if (i + 1 < template.Length && template[i + 1] == '$')
                {
                    output.Append('$');
                    i++;
                    continue;
                }
                int nameStart = i + 1, nameEnd, resume;
                if (nameStart < template.Length && template[nameStart] == '{')
                {
                    nameStart++;
                    nameEnd = nameStart;
                    while (nameEnd < template.Length && IsTemplateNameChar(template[nameEnd])) nameEnd++;
                    if (nameEnd == nameStart || nameEnd >= template.Length || template[nameEnd] != '}')
                    {
                        output.Append('$');
                        continue;
                    }
                    resume = nameEnd + 1;
                }
                else
                {
                    nameEnd = nameStart;
                    while (nameEnd < template.Length && IsTemplateNameChar(template[nameEnd])) nameEnd++;
                    if (nameEnd == nameStart)
                    {
                        output.Append('$');
                        continue;
                    }
                    resume = nameEnd;
                }
                // The pattern has no groups: only group 0 (the whole match) exists; other names expand to nothing.
                var groupName = template.AsSpan(nameStart, nameEnd - nameStart);
                bool isZero = groupName.Length > 0 && groupName.TrimStart('0').Length == 0;
                if (isZero) output.Append(value, matchStart, matchEnd - matchStart);
                i = resume - 1;
            }
        }

        private static bool IsTemplateNameChar(char c) => c == '_' || char.IsLetterOrDigit(c);

        /// <summary>A name is letters, digits and underscores; a leading digit run or one special-parameter
        /// character (<c>@ * # ? - $ !</c>, or <c>0</c> as a digit) is a name of its own.</summary>
        private string ProcessName()
        {
            int start = _pos;
            if (Peek() == End) return "";
            char first = _input[_pos];
            if (char.IsDigit(first))
            {
                while (_pos < _input.Length && char.IsDigit(_input[_pos])) _pos++;
                return _input.Substring(start, _pos - start);
            }
            if (IsSpecialParameter(first))
            {
                _pos++;
                return first.ToString();
            }
            while (_pos < _input.Length)
            {
                char c = _input[_pos];
                if (!char.IsLetterOrDigit(c) && c != '_') break;
                _pos++;
            }
            return _input.Substring(start, _pos - start);
        }

        private static bool IsSpecialParameter(char c) =>
            c is '@' or '*' or '#' or '?' or '-' or '$' or '!' or '0';

        private bool Lookup(string name, out string value)
        {
            if (_variables.TryGetValue(name, out value))
            {
                (_matched ??= new HashSet<string>(StringComparer.Ordinal)).Add(name);
                return true;
            }
            (_unmatched ??= new HashSet<string>(StringComparer.Ordinal)).Add(name);
            value = "";
            return false;
        }
    }

    /// <summary>BuildKit's word splitting: unquoted white space that came from the input or from a variable's value
    /// ends a word; quoted text and escaped characters never do. Also records where each word came from.</summary>
    private sealed class WordCollector
    {
        private readonly List<string> _words = new();
        private readonly List<TextSpan> _spans = new();
        private readonly StringBuilder _word = new();
        private bool _inWord;
        private int _wordStart;
        private int _wordEnd;

        public IReadOnlyList<TextSpan> Spans => _spans;

        public void Add(char c, int inputStart, int inputEnd)
        {
            if (char.IsWhiteSpace(c))
            {
                if (_inWord && _word.Length != 0) Flush();
                return;
            }
            AddRaw(c, inputStart, inputEnd);
        }

        public void AddRaw(char c, int inputStart, int inputEnd)
        {
            Begin(inputStart);
            _word.Append(c);
            _wordEnd = inputEnd;
        }

        public void AddRaw(string text, int inputStart, int inputEnd)
        {
            Begin(inputStart);
            _word.Append(text);
            _wordEnd = inputEnd;
        }

        public void AddSplitting(string text, int inputStart, int inputEnd)
        {
            foreach (char c in text) Add(c, inputStart, inputEnd);
        }

        public IReadOnlyList<string> Finish(int inputEnd)
        {
            if (_word.Length > 0) Flush();
            return _words;
        }

        private void Begin(int inputStart)
        {
            if (!_inWord)
            {
                _inWord = true;
                _wordStart = inputStart;
            }
        }

        private void Flush()
        {
            _words.Add(_word.ToString());
            _spans.Add(TextSpan.FromBounds(_wordStart, Math.Max(_wordStart, _wordEnd)));
            _word.Clear();
            _inWord = false;
        }
    }

    private sealed class ExpansionFailure : Exception
    {
        public ExpansionFailure(string message) : base(message) { }
    }
}

/// <summary>The outcome of <see cref="WordExpander.Process"/>.</summary>
public sealed class WordExpansion
{
    internal WordExpansion(string result, IReadOnlyList<string> words, IReadOnlyList<TextSpan> wordSpans,
        IReadOnlyCollection<string> matched, IReadOnlyCollection<string> unmatched, string? error)
    {
        Result = result;
        Words = words;
        WordSpans = wordSpans;
        Matched = matched;
        Unmatched = unmatched;
        Error = error;
    }

    /// <summary>The expanded text (white space kept).</summary>
    public string Result { get; }

    /// <summary>The expanded text split into words.</summary>
    public IReadOnlyList<string> Words { get; }

    /// <summary>For each of <see cref="Words"/>, the part of the input it came from (offsets into the input).</summary>
    public IReadOnlyList<TextSpan> WordSpans { get; }

    /// <summary>Variables that were looked up and are set (possibly to the empty string).</summary>
    public IReadOnlyCollection<string> Matched { get; }

    /// <summary>Variables that were looked up and are not set.</summary>
    public IReadOnlyCollection<string> Unmatched { get; }

    /// <summary>Why the word does not expand (unterminated quote, bad substitution, <c>${X:?message}</c> …).</summary>
    public string? Error { get; }

    public bool Succeeded => Error is null;
}
