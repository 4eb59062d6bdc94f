using System.Text;
using PyDockerLsp.Core.Text;

namespace PyDockerLsp.Core.Syntax.Dockerfile;

/// <summary>
/// The Dockerfile parser: reads what BuildKit reads, the way BuildKit reads it, and keeps every piece's span.
/// Hand-written and single-pass over the lines so that it can run on every keystroke; it never throws, and a bad
/// instruction only produces <see cref="SyntaxError"/>s while the rest of the file still parses.
/// </summary>
public static class DockerfileParser
{
    /// <summary>BuildKit reads lines into a 64 KiB buffer; a line (without its line feed) must fit.</summary>
    internal const int MaxLineBytes = 65535;

    public static DockerfileSyntax Parse(string text) => Parse(new SourceText(text ?? ""));

    public static DockerfileSyntax Parse(SourceText source)
    {
        var run = new ParserRun(source);
        try
        {
            return run.Run();
        }
        catch (Exception exception)
        {
            // Never let a parser bug take the server down: hand back what was read so far.
            var partial = run.Finish(allowStages: false);
            partial.InternalError = exception.ToString();
            return partial;
        }
    }

    /// <summary>One parse: a cursor over the physical lines and the lists being built.</summary>
    private sealed class ParserRun
    {
        private readonly SourceText _source;
        private readonly string _text;
        private readonly int _length;
        private readonly List<DockerfileNode> _nodes;
        private readonly List<Instruction> _instructions;
        private readonly List<Comment> _comments;
        private readonly List<ParserDirective> _directives = new();
        private readonly List<SyntaxError> _errors = new();
        private readonly InstructionContext _context;
        private readonly InstructionReader _reader;

        // Scratch space reused by every instruction.
        private readonly List<int> _segmentStarts = new();
        private readonly List<int> _segmentEnds = new();
        private readonly List<Heredoc> _heredocs = new();

        private char _escape = '\\';
        private bool _directivesDone;
        private List<string>? _seenDirectives;

        // The physical line being looked at, and where the next one starts.
        private int _next;
        private int _lineNumber = -1;
        private int _lineStart, _contentEnd, _lineEnd;

        // Comment bookkeeping: where the comments after the previous instruction start, and where the current run of
        // comment lines (no blank line in between) starts.
        private int _commentsSinceInstruction;
        private int _commentBlockStart;

        public ParserRun(SourceText source)
        {
            _source = source;
            _text = source.Text;
            _length = _text.Length;
            // Realistic Dockerfiles have a node every ~40 and an instruction every ~90 characters; sizing the lists up
            // front saves the copies of growing them.
            _nodes = new List<DockerfileNode>(Math.Max(4, _length / 40));
            _instructions = new List<Instruction>(Math.Max(4, _length / 90));
            _comments = new List<Comment>(Math.Max(4, _length / 400));
            _context = new InstructionContext(_text, _errors);
            _reader = new InstructionReader(_context);
        }

        public DockerfileSyntax Run()
        {
            while (ReadLine())
            {
                int contentStart = _lineStart;
                if (_lineNumber == 0 && _length > 0 && _text[0] == '\uFEFF') contentStart = 1;
                int first = ArgumentScanner.SkipSpaces(_text, contentStart, _contentEnd);
                bool isComment = first < _contentEnd && _text[first] == '#';

                if (!_directivesDone)
                {
                    if (TryReadDirective(first)) continue;
                }
                else if (isComment)
                {
                    WarnIfMisplacedDirective(first);
                }

                if (isComment)
                {
                    var comment = new Comment(_text, TextSpan.FromBounds(_lineStart, _lineEnd), TextSpan.FromBounds(first, _contentEnd),
                        _lineNumber, insideInstruction: false);
                    _nodes.Add(comment);
                    _comments.Add(comment);
                    continue;
                }
                if (first == _contentEnd)
                {
                    _nodes.Add(new BlankLine(TextSpan.FromBounds(_lineStart, _lineEnd), _lineNumber));
                    _commentBlockStart = _comments.Count;
                    continue;
                }
                ReadInstruction(first);
            }
            return Finish(allowStages: true);
        }

        public DockerfileSyntax Finish(bool allowStages)
        {

            var syntax = new DockerfileSyntax(_source, _nodes, _directives, _escape, _instructions, _comments, _errors);
            if (allowStages) StageGraphBuilder.Build(syntax, _context);
            _errors.Sort((a, b) => a.Span.Start.CompareTo(b.Span.Start));
            return syntax;
        }

        /// <summary>Moves to the next physical line (BuildKit splits at line feeds and trims trailing CR/LF).</summary>
        private bool ReadLine()
        {
            if (_next >= _length) return false;
            _lineStart = _next;
            (_contentEnd, _lineEnd) = PhysicalLines.Bounds(_text, _next);
            _next = _lineEnd;
            _lineNumber++;
            CheckLineLength();
            return true;
        }

        private void CheckLineLength()
        {
            int chars = _contentEnd - _lineStart;
            // A UTF-16 unit is at most 3 UTF-8 bytes; count exactly only when it could matter.
            if (chars * 3 <= MaxLineBytes) return;
            int bytes = Encoding.UTF8.GetByteCount(_text.AsSpan(_lineStart, chars));
            if (bytes > MaxLineBytes)
            {
                _context.Report(DockerfileSyntaxCodes.LineTooLong, TextSpan.FromBounds(_lineStart, Math.Min(_contentEnd, _lineStart + 1)),
                    $"This line is {bytes} bytes long; BuildKit reads at most {MaxLineBytes} bytes per line.");
            }
        }

        // ---- parser directives ----

        /// <summary>BuildKit's directive reader: only comment lines of the form <c># name = value</c> with a known
        /// name count, and only until the first line that is not one. Returns true when the line is a directive.</summary>
        private bool TryReadDirective(int first)
        {
            if (!TryMatchDirective(first, out int nameStart, out int nameEnd, out int valueStart, out int valueEnd))
            {
                _directivesDone = true;
                return false;
            }
            string name = _text.Substring(nameStart, nameEnd - nameStart).ToLowerInvariant();
            if (name is not ("syntax" or "escape" or "check"))
            {
                _directivesDone = true;
                return false;
            }
            string value = _text.Substring(valueStart, valueEnd - valueStart);
            var directive = new ParserDirective(TextSpan.FromBounds(_lineStart, _lineEnd), TextSpan.FromBounds(first, _contentEnd), name,
                TextSpan.FromBounds(nameStart, nameEnd), value, TextSpan.FromBounds(valueStart, valueEnd), _lineNumber);
            _nodes.Add(directive);
            _commentBlockStart = _comments.Count;

            _seenDirectives ??= new List<string>(3);
            if (_seenDirectives.Contains(name))
            {
                _context.Report(DockerfileSyntaxCodes.InvalidParserDirective, directive.Span,
                    $"The {name} directive is given more than once; only the first one counts for this file.");
                return true;
            }
            _seenDirectives.Add(name);
            _directives.Add(directive);
            if (name == "escape")
            {
                if (value is "\\" or "`") _escape = value[0];
                else
                    _context.Report(DockerfileSyntaxCodes.InvalidParserDirective, directive.ValueSpan,
                        $"The escape character can only be \\ or `, not '{value}'.");
            }
            return true;
        }

        /// <summary><c>#</c>, blanks, a name (letter then letters/digits), blanks, <c>=</c>, blanks, a non-empty value
        /// (trailing blanks not included) — BuildKit's directive pattern.</summary>
        private bool TryMatchDirective(int first, out int nameStart, out int nameEnd, out int valueStart, out int valueEnd)
        {
            nameStart = nameEnd = valueStart = valueEnd = 0;
            int end = _contentEnd;
            if (first >= end || _text[first] != '#') return false;
            int pos = ArgumentScanner.SkipSpaces(_text, first + 1, end);
            if (pos >= end || !char.IsAsciiLetter(_text[pos])) return false;
            nameStart = pos;
            while (pos < end && char.IsAsciiLetterOrDigit(_text[pos])) pos++;
            nameEnd = pos;
            while (pos < end && IsRegexSpace(_text[pos])) pos++;
            if (pos >= end || _text[pos] != '=') return false;
            pos++;
            int afterEquals = pos;
            while (pos < end && IsRegexSpace(_text[pos])) pos++;
            int trimmedEnd = end;
            while (trimmedEnd > pos && IsRegexSpace(_text[trimmedEnd - 1])) trimmedEnd--;
            if (trimmedEnd > pos)
            {
                valueStart = pos;
                valueEnd = trimmedEnd;
                return true;
            }
            // Only blanks after '=': the pattern still matches, taking the last blank as the value.
            if (end > afterEquals)
            {
                valueStart = end - 1;
                valueEnd = end;
                return true;
            }
            return false;
        }

        /// <summary>Go regular expressions' <c>\s</c>.</summary>
        private static bool IsRegexSpace(char c) => c is ' ' or '\t' or '\n' or '\f' or '\r';

        private void WarnIfMisplacedDirective(int first)
        {
            if (!TryMatchDirective(first, out int nameStart, out int nameEnd, out _, out _)) return;
            var name = _text.AsSpan(nameStart, nameEnd - nameStart);
            if (!name.Equals("syntax", StringComparison.OrdinalIgnoreCase) && !name.Equals("escape", StringComparison.OrdinalIgnoreCase)
                && !name.Equals("check", StringComparison.OrdinalIgnoreCase)) return;
            _context.Report(DockerfileSyntaxCodes.MisplacedParserDirective, TextSpan.FromBounds(first, _contentEnd),
                $"This looks like the {name.ToString().ToLowerInvariant()} parser directive, but directives only count at the very top of the "
                + "file (before any other comment, blank line or instruction); here it is an ordinary comment.");
        }

        // ---- instructions ----

        private (int TextEnd, bool Continues) ContinuationEnd(int from, int to) => PhysicalLines.ContinuationEnd(_text, from, to, _escape);

        private void ReadInstruction(int first)
        {
            int startLine = _lineNumber;
            int instructionStart = _lineStart;
            int sinceStart = _commentsSinceInstruction, blockStart = _commentBlockStart, commentsEnd = _comments.Count;
            _segmentStarts.Clear();
            _segmentEnds.Clear();
            _heredocs.Clear();

            var (textEnd, continues) = ContinuationEnd(first, _contentEnd);
            AddSegment(first, textEnd);
            int lastContentEnd = _contentEnd;
            TextSpan firstBlank = default;
            bool hasBlank = false;

            while (continues && ReadLine())
            {
                lastContentEnd = _contentEnd;
                int lead = ArgumentScanner.SkipSpaces(_text, _lineStart, _contentEnd);
                if (lead < _contentEnd && _text[lead] == '#')
                {
                    var comment = new Comment(_text, TextSpan.FromBounds(_lineStart, _lineEnd), TextSpan.FromBounds(lead, _contentEnd),
                        _lineNumber, insideInstruction: true);
                    _comments.Add(comment);
                    continue;
                }
                if (lead == _contentEnd)
                {
                    if (!hasBlank) firstBlank = TextSpan.FromBounds(_lineStart, _contentEnd);
                    hasBlank = true;
                    continue;
                }
                (textEnd, continues) = ContinuationEnd(_lineStart, _contentEnd);
                AddSegment(_lineStart, textEnd);
            }

            var line = BuildLogicalLine();
            var instruction = _reader.Read(line, line.BufferStart, line.BufferStart + line.Length);
            int lastLineEnd = _lineEnd;

            var heredocTarget = instruction is OnbuildInstruction onbuild ? onbuild.Trigger : instruction;
            if (heredocTarget is not null && CanContainHeredoc(heredocTarget)
                && line.Buffer.AsSpan(line.BufferStart, line.Length).IndexOf("<<", StringComparison.Ordinal) >= 0)
            {
                ReadHeredocs(line, ref lastContentEnd, ref lastLineEnd);
                var heredocs = _heredocs.ToArray();
                heredocTarget.SetHeredocs(heredocs);
                if (!ReferenceEquals(heredocTarget, instruction)) instruction.SetHeredocs(heredocs);
            }

            instruction.StartLine = startLine;
            instruction.EndLine = _lineNumber;
            instruction.Span = TextSpan.FromBounds(first, Math.Max(first, lastContentEnd));
            instruction.SetExtent(_text, TextSpan.FromBounds(instructionStart, lastLineEnd), first, _escape);
            instruction.SetCommentIndexes(sinceStart, blockStart, commentsEnd);
            if (instruction is OnbuildInstruction { Trigger: { } trigger })
            {
                trigger.StartLine = startLine;
                trigger.EndLine = _lineNumber;
                trigger.Span = TextSpan.FromBounds(trigger.KeywordSpan.Start, instruction.Span.End);
                trigger.SetExtent(_text, trigger.Span, first, _escape);
            }
            if (hasBlank)
            {
                string joined = line.Text;
                if (joined.Length > 120) joined = joined.Substring(0, 117) + "...";
                _context.Report(DockerfileSyntaxCodes.EmptyContinuationLine, firstBlank,
                    $"Empty continuation line found in `{joined}`. BuildKit skips blank lines inside a line continuation "
                    + "with a warning; such lines will become errors in a future release.");
            }

            _nodes.Add(instruction);
            _instructions.Add(instruction);
            _commentsSinceInstruction = _comments.Count;
            _commentBlockStart = _comments.Count;
        }

        private static bool CanContainHeredoc(Instruction instruction) =>
            instruction.Kind is InstructionKind.Run or InstructionKind.Copy or InstructionKind.Add && !instruction.IsExecForm;

        private void AddSegment(int start, int end)
        {
            _segmentStarts.Add(start);
            _segmentEnds.Add(end);
        }

        /// <summary>One segment stays a slice of the document; several are joined into a new string.</summary>
        private LogicalLine BuildLogicalLine()
        {
            if (_segmentStarts.Count == 1) return new LogicalLine(_text, _segmentStarts[0], _segmentEnds[0]);
            int total = 0;
            for (int i = 0; i < _segmentStarts.Count; i++) total += _segmentEnds[i] - _segmentStarts[i];
            var joinedStarts = new int[_segmentStarts.Count];
            var originalStarts = new int[_segmentStarts.Count];
            string joined = string.Create(total, this, static (destination, run) =>
            {
                int length = 0;
                for (int i = 0; i < run._segmentStarts.Count; i++)
                {
                    int count = run._segmentEnds[i] - run._segmentStarts[i];
                    run._text.AsSpan(run._segmentStarts[i], count).CopyTo(destination.Slice(length));
                    length += count;
                }
            });
            int position = 0;
            for (int i = 0; i < _segmentStarts.Count; i++)
            {
                joinedStarts[i] = position;
                originalStarts[i] = _segmentStarts[i];
                position += _segmentEnds[i] - _segmentStarts[i];
            }
            return new LogicalLine(joined, joinedStarts, originalStarts);
        }

        /// <summary>Reads each heredoc's body from the following lines, up to a line equal to its terminator word
        /// (after leading tabs for <c>&lt;&lt;-</c>). Bodies follow one another in marker order.</summary>
        private void ReadHeredocs(LogicalLine line, ref int lastContentEnd, ref int lastLineEnd)
        {
            var markers = HeredocMarker.FindInLine(line.Text, out string? markerError);
            if (markerError is not null)
                _context.ReportParserError(DockerfileSyntaxCodes.InvalidArgument, line.ToOriginalSpan(0, line.Length),
                    $"A heredoc marker cannot be read: {markerError}.");
            foreach (var (marker, wordSpan) in markers)
            {
                var markerSpan = line.ToOriginalSpan(wordSpan.Start, wordSpan.End);
                int bodyStart = _next;
                bool terminated = false;
                TextSpan terminatorSpan = TextSpan.Empty(_length);
                while (ReadLine())
                {
                    int compareStart = _lineStart;
                    if (marker.Chomp)
                        while (compareStart < _contentEnd && _text[compareStart] == '\t') compareStart++;
                    if (_contentEnd - compareStart == marker.Name.Length
                        && string.CompareOrdinal(_text, compareStart, marker.Name, 0, marker.Name.Length) == 0)
                    {
                        terminated = true;
                        terminatorSpan = TextSpan.FromBounds(_lineStart, _contentEnd);
                        lastContentEnd = _contentEnd;
                        lastLineEnd = _lineEnd;
                        break;
                    }
                }
                var bodySpan = TextSpan.FromBounds(bodyStart, terminated ? terminatorSpan.Start : _length);
                if (!terminated)
                {
                    if (bodySpan.Length > 0)
                    {
                        lastContentEnd = _length;
                        lastLineEnd = _length;
                    }
                    _context.ReportParserError(DockerfileSyntaxCodes.UnterminatedHeredoc, markerSpan,
                        $"The heredoc {marker.Name} is never closed: no line consisting of '{marker.Name}' follows, so the rest "
                        + "of the file is read as its body.");
                }
                _heredocs.Add(new Heredoc(_text, marker, markerSpan, bodySpan, terminatorSpan, terminated));
            }
        }
    }
}
