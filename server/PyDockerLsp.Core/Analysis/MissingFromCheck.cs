using PyDockerLsp.Core.Text;

namespace PyDockerLsp.Core.Analysis;

/// <summary>
/// PD010: a Dockerfile without any FROM instruction cannot be built — every build starts from a base image
/// (or from <c>scratch</c>). This check walks the instructions just far enough to know whether one of them is
/// FROM: it skips comments, parser directives, blank lines, continuation lines and heredoc bodies, so that a
/// word "FROM" inside a RUN script does not count. The Dockerfile parser's syntax findings supersede it.
/// </summary>
internal static class MissingFromCheck
{
    public const string Code = "PD010";
    public const string Message =
        "This Dockerfile has no FROM instruction, so it cannot be built: start it with `FROM <image>` (or `FROM scratch`).";

    public static Finding? Run(string path, SourceText source, CancellationToken ct)
    {
        var scanner = new InstructionScanner(source.Text);
        TextSpan? firstKeyword = null;
        int scanned = 0;
        while (scanner.NextKeyword() is { } keyword)
        {
            if ((++scanned & 0x3FF) == 0) ct.ThrowIfCancellationRequested();
            if (firstKeyword is null) firstKeyword = keyword;
            if (IsFrom(source.Text, keyword)) return null;
        }

        var span = firstKeyword ?? TextSpan.Empty(0);
        return new Finding(Code, Severity.Error, path, span, source.GetRange(span), Message)
        {
            RuleName = "missing-from",
        };
    }

    private static bool IsFrom(string text, TextSpan keyword) =>
        keyword.Length == 4 && string.Compare(text, keyword.Start, "FROM", 0, 4, StringComparison.OrdinalIgnoreCase) == 0;

    /// <summary>Yields the keyword span of each instruction, line by line.</summary>
    private sealed class InstructionScanner
    {
        private readonly string _text;
        private int _position;
        private char _escape = '\\';
        private bool _directivesAllowed = true;
        private readonly Queue<(string Terminator, bool StripTabs)> _pendingHeredocs = new();

        public InstructionScanner(string text) => _text = text;

        public TextSpan? NextKeyword()
        {
            while (_position < _text.Length)
            {
                var (start, end) = NextLine();
                int first = SkipWhitespace(start, end);
                if (first == end) continue; // blank line
                if (_text[first] == '#')
                {
                    ReadDirective(first, end);
                    continue;
                }
                _directivesAllowed = false;
                var keyword = TextSpan.FromBounds(first, WordEnd(first, end));
                CollectHeredocs(keyword.End, end);
                if (EndsWithEscape(start, end)) SkipContinuation();
                // Heredoc bodies start after the whole instruction, continuation lines included.
                SkipHeredocBodies();
                return keyword;
            }
            return null;
        }

        /// <summary>Returns the current line's bounds (without its line break) and moves past it.</summary>
        private (int Start, int End) NextLine()
        {
            int start = _position;
            int i = start;
            while (i < _text.Length && _text[i] != '\n' && _text[i] != '\r') i++;
            int end = i;
            if (i < _text.Length && _text[i] == '\r') i++;
            if (i < _text.Length && _text[i] == '\n' && (i == end || _text[i - 1] == '\r')) i++;
            _position = i;
            return (start, end);
        }

        private int SkipWhitespace(int from, int end)
        {
            while (from < end && (_text[from] == ' ' || _text[from] == '\t')) from++;
            return from;
        }

        private int WordEnd(int from, int end)
        {
            while (from < end && !char.IsWhiteSpace(_text[from])) from++;
            return from;
        }

        /// <summary>Reads <c># escape=`</c> while directives are still allowed (before any other comment or instruction).</summary>
        private void ReadDirective(int hash, int end)
        {
            if (!_directivesAllowed) return;
            var body = _text.AsSpan(hash + 1, end - hash - 1).Trim();
            int equals = body.IndexOf('=');
            if (equals <= 0) { _directivesAllowed = false; return; }
            var name = body[..equals].Trim();
            var value = body[(equals + 1)..].Trim();
            if (name.Equals("escape", StringComparison.OrdinalIgnoreCase) && value.Length == 1 && (value[0] == '\\' || value[0] == '`'))
                _escape = value[0];
        }

        private bool EndsWithEscape(int start, int end)
        {
            while (end > start && (_text[end - 1] == ' ' || _text[end - 1] == '\t')) end--;
            return end > start && _text[end - 1] == _escape;
        }

        /// <summary>A line that ends with the escape character continues on the next line; comment and blank lines
        /// inside the continuation do not end it.</summary>
        private void SkipContinuation()
        {
            while (_position < _text.Length)
            {
                var (start, end) = NextLine();
                int first = SkipWhitespace(start, end);
                if (first == end || _text[first] == '#') continue;
                CollectHeredocs(first, end);
                if (!EndsWithEscape(start, end)) return;
            }
        }

        /// <summary>Finds <c>&lt;&lt;WORD</c>, <c>&lt;&lt;-WORD</c>, <c>&lt;&lt;"WORD"</c> in an instruction line.</summary>
        private void CollectHeredocs(int from, int end)
        {
            for (int i = from; i + 2 < end; i++)
            {
                if (_text[i] != '<' || _text[i + 1] != '<') continue;
                int j = i + 2;
                bool stripTabs = j < end && _text[j] == '-';
                if (stripTabs) j++;
                char quote = j < end && (_text[j] == '"' || _text[j] == '\'') ? _text[j] : '\0';
                if (quote != '\0') j++;
                int wordStart = j;
                while (j < end && (char.IsLetterOrDigit(_text[j]) || _text[j] == '_')) j++;
                if (j == wordStart) continue;
                _pendingHeredocs.Enqueue((_text.Substring(wordStart, j - wordStart), stripTabs));
                i = j;
            }
        }

        private void SkipHeredocBodies()
        {
            while (_pendingHeredocs.Count > 0 && _position < _text.Length)
            {
                var (terminator, stripTabs) = _pendingHeredocs.Peek();
                var (start, end) = NextLine();
                if (stripTabs) while (start < end && _text[start] == '\t') start++;
                if (end - start == terminator.Length && string.CompareOrdinal(_text, start, terminator, 0, terminator.Length) == 0)
                    _pendingHeredocs.Dequeue();
            }
            _pendingHeredocs.Clear();
        }
    }
}
