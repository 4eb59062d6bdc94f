using System.Text;
using PyDockerLsp.Core.Syntax.Dockerfile;
using PyDockerLsp.Core.Text;

namespace PyDockerLsp.Core.Syntax.Shell;

/// <summary>
/// Reads POSIX-shell text into simple commands and words — enough to find what a RUN installs, removes or
/// configures, not to run it. Understands quotes, backslash escapes and line continuations, <c>$var</c>,
/// <c>${…}</c>, <c>$(…)</c> and backquotes (kept inside words), comments, the operators <c>&amp;&amp; || ; | &amp;</c>
/// and line breaks, redirections (with heredoc markers), subshells and <c>{ …; }</c> groups, and steps over the
/// keywords of <c>if</c>/<c>for</c>/<c>while</c>/<c>case</c> so that the commands inside them are found. Malformed
/// input (an unterminated quote) never throws: the word runs to the end.
/// </summary>
public static class ShellScriptParser
{
    /// <param name="text">The script text (a RUN's joined command, or a heredoc body).</param>
    /// <param name="map">Maps a range of <paramref name="text"/> to its span in the document.</param>
    public static ShellScript Parse(string text, Func<int, int, TextSpan> map, ShellSource source = ShellSource.CommandLine, Heredoc? heredoc = null)
    {
        var reader = new Reader(text, map, source, heredoc);
        return new ShellScript(reader.ReadAll());
    }

    /// <summary>Reads <paramref name="text"/> with offsets as document positions (for tests and plain strings).</summary>
    public static ShellScript Parse(string text) => Parse(text, (s, e) => TextSpan.FromBounds(s, e));

    private sealed class Reader
    {
        private static readonly string[] SkippedKeywords = { "if", "then", "elif", "else", "do", "while", "until", "!", "{", "fi", "done", "esac", "}" };

        private readonly string _text;
        private readonly Func<int, int, TextSpan> _map;
        private readonly ShellSource _source;
        private readonly Heredoc? _heredoc;
        private readonly List<ShellCommand> _commands = new();
        private readonly StringBuilder _value = new(32);

        private int _pos;
        private int _depth;
        private int _caseDepth;
        private bool _skipUntilSeparator; // inside "for x in …" / "case x in" headers
        private ShellOperator _pendingPrecededBy = ShellOperator.None;

        // The command being built.
        private readonly List<ShellWord> _assignments = new();
        private readonly List<ShellWord> _words = new();
        private readonly List<ShellRedirection> _redirections = new();
        private int _commandStart = -1, _commandEnd = -1;

        public Reader(string text, Func<int, int, TextSpan> map, ShellSource source, Heredoc? heredoc)
        {
            _text = text;
            _map = map;
            _source = source;
            _heredoc = heredoc;
        }

        public List<ShellCommand> ReadAll()
        {
            int n = _text.Length;
            while (_pos < n)
            {
                char c = _text[_pos];
                if (c is ' ' or '\t' or '\r')
                {
                    _pos++;
                    continue;
                }
                if (c == '\\' && IsLineContinuation(_pos))
                {
                    _pos = SkipLineContinuation(_pos);
                    continue;
                }
                switch (c)
                {
                    case '\n':
                        _pos++;
                        EndCommand(ShellOperator.Newline);
                        continue;
                    case '#':
                        while (_pos < n && _text[_pos] != '\n') _pos++;
                        continue;
                    case ';':
                        _pos += _pos + 1 < n && _text[_pos + 1] == ';' ? 2 : 1;
                        EndCommand(ShellOperator.Semicolon);
                        continue;
                    case '&':
                        if (Next(1) == '&')
                        {
                            _pos += 2;
                            EndCommand(ShellOperator.And);
                            continue;
                        }
                        if (Next(1) == '>')
                        {
                            ReadRedirection(_pos, null);
                            continue;
                        }
                        _pos++;
                        EndCommand(ShellOperator.Background);
                        continue;
                    case '|':
                        if (Next(1) == '|')
                        {
                            _pos += 2;
                            EndCommand(ShellOperator.Or);
                            continue;
                        }
                        _pos += Next(1) == '&' ? 2 : 1;
                        EndCommand(ShellOperator.Pipe);
                        continue;
                    case '(':
                        OpenParenthesis();
                        continue;
                    case ')':
                        CloseParenthesis();
                        continue;
                    case '<':
                    case '>':
                        ReadRedirection(_pos, null);
                        continue;
                }
                ReadWordOrRedirection();
            }
            EndCommand(ShellOperator.None);
            return _commands;
        }

        private char Next(int offset) => _pos + offset < _text.Length ? _text[_pos + offset] : '\0';

        private bool IsLineContinuation(int at) =>
            at + 1 < _text.Length && (_text[at + 1] == '\n' || (_text[at + 1] == '\r' && at + 2 < _text.Length && _text[at + 2] == '\n'));

        private int SkipLineContinuation(int at) => _text[at + 1] == '\r' ? at + 3 : at + 2;

        private void OpenParenthesis()
        {
            // "name()" defines a function: drop the name and the parentheses.
            if (_words.Count > 0)
            {
                int close = _pos + 1;
                while (close < _text.Length && _text[close] is ' ' or '\t') close++;
                if (close < _text.Length && _text[close] == ')')
                {
                    ResetCommand();
                    _pos = close + 1;
                    return;
                }
            }
            EndCommand(ShellOperator.None);
            _pos++;
            _depth++;
        }

        private void CloseParenthesis()
        {
            _pos++;
            if (_caseDepth > 0 && _depth == 0)
            {
                // A case pattern ("pattern)"): the words read so far are the pattern, not a command.
                ResetCommand();
                return;
            }
            EndCommand(ShellOperator.None);
            if (_depth > 0) _depth--;
        }

        private void ReadWordOrRedirection()
        {
            int start = _pos;
            // Digits directly followed by < or > are the redirection's file descriptor.
            int digits = _pos;
            while (digits < _text.Length && char.IsAsciiDigit(_text[digits])) digits++;
            if (digits > _pos && digits < _text.Length && _text[digits] is '<' or '>')
            {
                int fd = int.TryParse(_text.AsSpan(_pos, digits - _pos), out int parsed) ? parsed : 0;
                _pos = digits;
                ReadRedirection(start, fd);
                return;
            }

            var word = ReadWord();
            if (word is null) return;
            AddWord(word);
        }

        private void AddWord(ShellWord word)
        {
            if (_words.Count == 0 && _assignments.Count == 0 && _redirections.Count == 0)
            {
                if (_skipUntilSeparator)
                {
                    ExtendCommand(word);
                    _words.Add(word); // collected, then discarded at the separator
                    return;
                }
                string value = word.Text;
                if (value is "for" or "select" or "case")
                {
                    if (value == "case") _caseDepth++;
                    _skipUntilSeparator = true;
                    _words.Add(word);
                    return;
                }
                if (value == "esac")
                {
                    if (_caseDepth > 0) _caseDepth--;
                    return;
                }
                if (Array.IndexOf(SkippedKeywords, value) >= 0)
                {
                    if (value == "{") _depth++;
                    else if (value == "}" && _depth > 0) _depth--;
                    return;
                }
            }
            ExtendCommand(word);
            if (_words.Count == 0 && ShellArguments.IsAssignment(word.Text)) _assignments.Add(word);
            else _words.Add(word);
        }

        private void ExtendCommand(ShellWord word)
        {
            if (_commandStart < 0) _commandStart = word.ScriptStart;
            _commandEnd = Math.Max(_commandEnd, word.ScriptEnd);
        }

        /// <summary>Reads an operator (<c>&lt; &lt;&lt; &lt;&lt;- &lt;&lt;&lt; &lt;&gt; &lt;&amp; &gt; &gt;&gt; &gt;&amp;
        /// &gt;| &amp;&gt; &amp;&gt;&gt;</c>) and its target word.</summary>
        private void ReadRedirection(int start, int? fileDescriptor)
        {
            string op = ReadRedirectionOperator();
            while (_pos < _text.Length && _text[_pos] is ' ' or '\t') _pos++;
            ShellWord? target = null;
            if (_pos < _text.Length && _text[_pos] is not ('\n' or ';' or '&' or '|' or '(' or ')' or '<' or '>'))
                target = ReadWord();
            int end = target?.ScriptEnd ?? _pos;
            if (_commandStart < 0) _commandStart = start;
            _commandEnd = Math.Max(_commandEnd, end);
            _redirections.Add(new ShellRedirection(op, fileDescriptor, target, _map(start, end)));
        }

        private string ReadRedirectionOperator()
        {
            string[] operators = { "&>>", "&>", "<<<", "<<-", "<<", "<>", "<&", "<", ">>", ">&", ">|", ">" };
            foreach (var op in operators)
            {
                if (string.CompareOrdinal(_text, _pos, op, 0, op.Length) == 0)
                {
                    _pos += op.Length;
                    return op;
                }
            }
            _pos++;
            return _text[_pos - 1].ToString();
        }

        /// <summary>Reads one word up to unquoted white space or an operator character.</summary>
        private ShellWord? ReadWord()
        {
            int start = _pos;
            var value = _value.Clear();
            bool quoted = false, expansion = false;
            int n = _text.Length;
            while (_pos < n)
            {
                char c = _text[_pos];
                if (c is ' ' or '\t' or '\n' or ';' or '&' or '|' or '(' or ')' or '<' or '>') break;
                if (c == '\r' && (_pos + 1 >= n || _text[_pos + 1] == '\n')) break;
                switch (c)
                {
                    case '\\':
                        if (IsLineContinuation(_pos))
                        {
                            _pos = SkipLineContinuation(_pos);
                            continue;
                        }
                        quoted = true;
                        if (_pos + 1 < n) value.Append(_text[_pos + 1]);
                        _pos += 2;
                        continue;
                    case '\'':
                        quoted = true;
                        ReadSingleQuoted(value);
                        continue;
                    case '"':
                        quoted = true;
                        expansion |= ReadDoubleQuoted(value);
                        continue;
                    case '$':
                        expansion = true;
                        ReadDollar(value);
                        continue;
                    case '`':
                        expansion = true;
                        ReadBackquoted(value);
                        continue;
                    default:
                        value.Append(c);
                        _pos++;
                        continue;
                }
            }
            if (_pos == start) return null;
            int end = Math.Min(_pos, n);
            string text = _text.Substring(start, end - start);
            // Most words are plain: their value is their text.
            string wordValue = value.Length == text.Length && value.Equals(text.AsSpan()) ? text : value.ToString();
            return new ShellWord(text, wordValue, _map(start, end), start, end, quoted, expansion);
        }

        private void ReadSingleQuoted(StringBuilder value)
        {
            int close = _text.IndexOf('\'', _pos + 1);
            int end = close < 0 ? _text.Length : close;
            value.Append(_text, _pos + 1, end - _pos - 1);
            _pos = close < 0 ? _text.Length : close + 1;
        }

        /// <summary>Reads <c>"…"</c>; returns true when it holds an expansion.</summary>
        private bool ReadDoubleQuoted(StringBuilder value)
        {
            bool expansion = false;
            _pos++;
            int n = _text.Length;
            while (_pos < n && _text[_pos] != '"')
            {
                char c = _text[_pos];
                if (c == '\\' && _pos + 1 < n)
                {
                    char next = _text[_pos + 1];
                    if (next == '\n')
                    {
                        _pos += 2;
                        continue;
                    }
                    if (next is '$' or '`' or '"' or '\\') value.Append(next);
                    else value.Append(c).Append(next);
                    _pos += 2;
                    continue;
                }
                if (c == '$')
                {
                    expansion = true;
                    ReadDollar(value);
                    continue;
                }
                if (c == '`')
                {
                    expansion = true;
                    ReadBackquoted(value);
                    continue;
                }
                value.Append(c);
                _pos++;
            }
            if (_pos < n) _pos++; // closing quote
            return expansion;
        }

        /// <summary>Copies <c>$name</c>, <c>${…}</c>, <c>$(…)</c>, <c>$((…))</c> or <c>$'…'</c> into the value as written.</summary>
        private void ReadDollar(StringBuilder value)
        {
            int start = _pos;
            int n = _text.Length;
            char next = Next(1);
            if (next == '(')
            {
                _pos = SkipBalanced(_pos + 1, '(', ')');
            }
            else if (next == '{')
            {
                _pos = SkipBalanced(_pos + 1, '{', '}');
            }
            else if (next == '\'')
            {
                // $'…' (ANSI-C quoting): its text, escapes kept.
                int p = _pos + 2;
                while (p < n && _text[p] != '\'') p += _text[p] == '\\' ? 2 : 1;
                value.Append(_text, _pos + 2, Math.Min(p, n) - _pos - 2);
                _pos = Math.Min(p + 1, n);
                return;
            }
            else
            {
                _pos++;
                if (_pos < n && (char.IsAsciiLetter(_text[_pos]) || _text[_pos] == '_'))
                    while (_pos < n && (char.IsAsciiLetterOrDigit(_text[_pos]) || _text[_pos] == '_')) _pos++;
                else if (_pos < n && (char.IsAsciiDigit(_text[_pos]) || _text[_pos] is '@' or '*' or '#' or '?' or '-' or '$' or '!'))
                    _pos++;
            }
            value.Append(_text, start, _pos - start);
        }

        private void ReadBackquoted(StringBuilder value)
        {
            int start = _pos;
            int p = _pos + 1;
            int n = _text.Length;
            while (p < n && _text[p] != '`') p += _text[p] == '\\' ? 2 : 1;
            _pos = Math.Min(p + 1, n);
            value.Append(_text, start, _pos - start);
        }

        /// <summary>From an opening bracket, the position after its matching close (quotes respected); the end of the
        /// text when unbalanced.</summary>
        private int SkipBalanced(int open, char openChar, char closeChar)
        {
            int depth = 0;
            int p = open;
            int n = _text.Length;
            while (p < n)
            {
                char c = _text[p];
                if (c == '\\')
                {
                    p += 2;
                    continue;
                }
                if (c == '\'' && openChar == '(')
                {
                    int close = _text.IndexOf('\'', p + 1);
                    p = close < 0 ? n : close + 1;
                    continue;
                }
                if (c == '"')
                {
                    p++;
                    while (p < n && _text[p] != '"') p += _text[p] == '\\' ? 2 : 1;
                    p++;
                    continue;
                }
                if (c == openChar) depth++;
                else if (c == closeChar)
                {
                    depth--;
                    if (depth == 0) return p + 1;
                }
                p++;
            }
            return n;
        }

        private void EndCommand(ShellOperator separator)
        {
            if (_skipUntilSeparator && separator is ShellOperator.Newline or ShellOperator.Semicolon)
            {
                _skipUntilSeparator = false;
                ResetCommand();
                return;
            }
            if (_words.Count == 0 && _assignments.Count == 0 && _redirections.Count == 0)
            {
                if (separator != ShellOperator.None) _pendingPrecededBy = separator;
                return;
            }
            var command = new ShellCommand(ToArray(_assignments), ToArray(_words), ToArray(_redirections),
                _map(_commandStart, _commandEnd), _depth, _source, _heredoc)
            {
                Separator = separator,
                PrecededBy = _pendingPrecededBy,
            };
            _commands.Add(command);
            _pendingPrecededBy = separator;
            ResetCommand();
        }

        private static T[] ToArray<T>(List<T> list) => list.Count == 0 ? Array.Empty<T>() : list.ToArray();

        private void ResetCommand()
        {
            _assignments.Clear();
            _words.Clear();
            _redirections.Clear();
            _commandStart = _commandEnd = -1;
        }
    }
}
