using System.Text;

namespace PyDockerLsp.Core.Scaffolding;

/// <summary>
/// A small line-based view of a Dockerfile, enough for the stage operations: instructions with their line ranges (escaped
/// line continuations and heredoc bodies included), the comment lines right above each, stages, and the file's line ending.
/// It never throws: text it does not understand becomes an instruction with an unknown keyword.
/// (The full syntax tree lives in the parser; the operations can move to it once it is merged.)
/// </summary>
internal sealed class DockerfileText
{
    public IReadOnlyList<string> Lines { get; }
    /// <summary>"\r\n" when the file's first line break is one, else "\n".</summary>
    public string LineEnding { get; }
    public bool EndsWithLineBreak { get; }
    public char EscapeChar { get; }
    /// <summary>The parser directives at the top (<c># syntax=...</c>): how many lines they take.</summary>
    public int DirectiveLineCount { get; }
    public IReadOnlyList<DockerInstruction> Instructions { get; }
    public IReadOnlyList<DockerStage> Stages { get; }

    private DockerfileText(IReadOnlyList<string> lines, string lineEnding, bool endsWithLineBreak, char escapeChar, int directiveLineCount,
        IReadOnlyList<DockerInstruction> instructions, IReadOnlyList<DockerStage> stages)
    {
        Lines = lines;
        LineEnding = lineEnding;
        EndsWithLineBreak = endsWithLineBreak;
        EscapeChar = escapeChar;
        DirectiveLineCount = directiveLineCount;
        Instructions = instructions;
        Stages = stages;
    }

    public static DockerfileText Parse(string text)
    {
        string lineEnding = text.Contains("\r\n", StringComparison.Ordinal) && text.IndexOf("\r\n", StringComparison.Ordinal) <= text.IndexOf('\n') ? "\r\n" : "\n";
        bool endsWithLineBreak = text.EndsWith('\n');
        var body = endsWithLineBreak ? text.Substring(0, text.Length - 1) : text;
        var lines = body.Length == 0 && endsWithLineBreak ? new List<string> { "" } : body.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        if (text.Length == 0) lines = new List<string>();

        var (escape, directiveLines) = ReadDirectives(lines);
        var instructions = ReadInstructions(lines, escape, directiveLines);
        var stages = ReadStages(instructions);
        return new DockerfileText(lines, lineEnding, endsWithLineBreak, escape, directiveLines, instructions, stages);
    }

    /// <summary>Parser directives: <c># name=value</c> lines before anything else; <c>escape</c> changes the continuation character.</summary>
    private static (char Escape, int Count) ReadDirectives(List<string> lines)
    {
        char escape = '\\';
        int count = 0;
        while (count < lines.Count)
        {
            var line = lines[count].Trim();
            if (!line.StartsWith('#')) break;
            var content = line.Substring(1).Trim();
            int equals = content.IndexOf('=');
            if (equals <= 0) break;
            var name = content.Substring(0, equals).Trim();
            if (name.Length == 0 || !name.All(c => char.IsAsciiLetter(c))) break;
            if (name.Equals("escape", StringComparison.OrdinalIgnoreCase))
            {
                var value = content.Substring(equals + 1).Trim();
                if (value == "`") escape = '`';
            }
            count++;
        }
        return (escape, count);
    }

    private static List<DockerInstruction> ReadInstructions(List<string> lines, char escape, int firstLine)
    {
        var instructions = new List<DockerInstruction>();
        int commentStart = -1;
        int i = firstLine;
        while (i < lines.Count)
        {
            var trimmed = lines[i].Trim();
            if (trimmed.Length == 0) { commentStart = -1; i++; continue; }
            if (trimmed.StartsWith('#')) { if (commentStart < 0) commentStart = i; i++; continue; }

            int start = i;
            var logical = new StringBuilder();
            // Continuation: a line ending in the escape character goes on; comment and blank lines inside are skipped.
            while (true)
            {
                var line = lines[i];
                var content = line.TrimEnd();
                bool continues = content.EndsWith(escape) && i + 1 < lines.Count;
                logical.Append(continues ? content.Substring(0, content.Length - 1) : line);
                if (!continues) break;
                i++;
                while (i < lines.Count - 1 && (lines[i].Trim().Length == 0 || lines[i].TrimStart().StartsWith('#'))) i++;
            }
            var full = logical.ToString().Trim();
            int space = IndexOfWhitespace(full);
            var keyword = (space < 0 ? full : full.Substring(0, space)).ToUpperInvariant();
            var arguments = space < 0 ? "" : full.Substring(space).Trim();
            int logicalEnd = i;
            int end = SkipHeredocs(lines, keyword, arguments, logicalEnd);
            var heredoc = end > logicalEnd ? string.Join("\n", lines.Skip(logicalEnd + 1).Take(end - logicalEnd)) : "";
            instructions.Add(new DockerInstruction(instructions.Count, keyword, arguments, commentStart < 0 ? start : commentStart, start, end) { Heredocs = heredoc });
            commentStart = -1;
            i = end + 1;
        }
        return instructions;
    }

    /// <summary>RUN, COPY and ADD may open heredocs (<c>&lt;&lt;EOF</c>); their bodies run to a line holding only the delimiter.</summary>
    private static int SkipHeredocs(List<string> lines, string keyword, string arguments, int end)
    {
        if (keyword is not ("RUN" or "COPY" or "ADD")) return end;
        int position = 0;
        while (true)
        {
            int open = arguments.IndexOf("<<", position, StringComparison.Ordinal);
            if (open < 0) return end;
            int p = open + 2;
            bool stripTabs = p < arguments.Length && arguments[p] == '-';
            if (stripTabs) p++;
            char quote = p < arguments.Length && (arguments[p] == '"' || arguments[p] == '\'') ? arguments[p] : '\0';
            if (quote != '\0') p++;
            int nameStart = p;
            while (p < arguments.Length && (char.IsLetterOrDigit(arguments[p]) || arguments[p] == '_')) p++;
            var delimiter = arguments.Substring(nameStart, p - nameStart);
            position = p;
            if (delimiter.Length == 0) continue;
            int line = end + 1;
            while (line < lines.Count)
            {
                var candidate = stripTabs ? lines[line].TrimStart('\t') : lines[line];
                if (candidate == delimiter) break;
                line++;
            }
            end = Math.Min(line, lines.Count - 1);
        }
    }

    private static List<DockerStage> ReadStages(List<DockerInstruction> instructions)
    {
        var stages = new List<DockerStage>();
        foreach (var instruction in instructions)
        {
            if (instruction.Keyword == "FROM")
            {
                var (_, image, name) = instruction.ParseFrom();
                stages.Add(new DockerStage(stages.Count, name, image, instruction.Index, new List<int> { instruction.Index }));
            }
            else if (stages.Count > 0)
            {
                ((List<int>)stages[^1].InstructionIndices).Add(instruction.Index);
            }
        }
        return stages;
    }

    internal static int IndexOfWhitespace(string text)
    {
        for (int i = 0; i < text.Length; i++) if (char.IsWhiteSpace(text[i])) return i;
        return -1;
    }

    /// <summary>The text of lines [first, last], joined with the file's line ending.</summary>
    public string LinesText(int first, int last)
    {
        var builder = new StringBuilder();
        for (int i = first; i <= last; i++)
        {
            if (i > first) builder.Append(LineEnding);
            builder.Append(Lines[i]);
        }
        return builder.ToString();
    }

    /// <summary>The stage a plain build produces.</summary>
    public DockerStage? FinalStage => Stages.Count == 0 ? null : Stages[^1];

    public DockerStage? StageNamed(string nameOrIndex)
    {
        foreach (var stage in Stages)
            if (string.Equals(stage.Name, nameOrIndex, StringComparison.OrdinalIgnoreCase)) return stage;
        return int.TryParse(nameOrIndex, out var index) && index >= 0 && index < Stages.Count ? Stages[index] : null;
    }
}

/// <param name="CommentStartLine">The first of the comment lines right above the instruction (no blank line between), or StartLine.</param>
/// <param name="EndLine">The last line, inclusive: continuation lines and heredoc bodies belong to the instruction.</param>
internal sealed record DockerInstruction(int Index, string Keyword, string Arguments, int CommentStartLine, int StartLine, int EndLine)
{
    /// <summary>The heredoc bodies after the instruction line (delimiter lines included), or "".</summary>
    public string Heredocs { get; init; } = "";

    /// <summary>The leading <c>--name=value</c> flags and the rest of the arguments.</summary>
    public (IReadOnlyList<string> Flags, string Remainder) SplitFlags()
    {
        var flags = new List<string>();
        var rest = Arguments;
        while (rest.StartsWith("--", StringComparison.Ordinal))
        {
            int space = DockerfileText.IndexOfWhitespace(rest);
            flags.Add(space < 0 ? rest : rest.Substring(0, space));
            rest = space < 0 ? "" : rest.Substring(space).TrimStart();
        }
        return (flags, rest);
    }

    /// <summary>The value of flag <c>--name=value</c>, or null.</summary>
    public string? Flag(string name)
    {
        foreach (var flag in SplitFlags().Flags)
            if (flag.StartsWith("--" + name + "=", StringComparison.OrdinalIgnoreCase)) return flag.Substring(name.Length + 3);
        return null;
    }

    /// <summary>FROM's flags, image and stage name.</summary>
    public (IReadOnlyList<string> Flags, string Image, string? Name) ParseFrom()
    {
        var (flags, rest) = SplitFlags();
        var words = rest.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        var image = words.Length > 0 ? words[0] : "";
        string? name = words.Length >= 3 && words[1].Equals("AS", StringComparison.OrdinalIgnoreCase) ? words[2] : null;
        return (flags, image, name);
    }

    /// <summary>For CMD, ENTRYPOINT and RUN: the exec-form arguments, or null for the shell form.</summary>
    public IReadOnlyList<string>? ExecForm()
    {
        var (_, rest) = SplitFlags();
        rest = rest.Trim();
        if (!rest.StartsWith('[') || !rest.EndsWith(']')) return null;
        var items = new List<string>();
        int i = 1;
        while (true)
        {
            while (i < rest.Length && char.IsWhiteSpace(rest[i])) i++;
            if (i >= rest.Length) return null;
            if (rest[i] == ']') return i == rest.Length - 1 ? items : null;
            if (rest[i] != '"') return null;
            var item = new StringBuilder();
            i++;
            while (i < rest.Length && rest[i] != '"')
            {
                if (rest[i] == '\\' && i + 1 < rest.Length)
                {
                    i++;
                    item.Append(rest[i] switch { 'n' => '\n', 't' => '\t', 'r' => '\r', var other => other });
                }
                else item.Append(rest[i]);
                i++;
            }
            if (i >= rest.Length) return null;
            items.Add(item.ToString());
            i++;
            while (i < rest.Length && char.IsWhiteSpace(rest[i])) i++;
            if (i < rest.Length && rest[i] == ',') i++;
        }
    }
}

/// <param name="InstructionIndices">Indices into <see cref="DockerfileText.Instructions"/>, FROM first.</param>
internal sealed record DockerStage(int Index, string? Name, string BaseImage, int FromIndex, IReadOnlyList<int> InstructionIndices)
{
    /// <summary>What <c>COPY --from=</c> and <c>FROM</c> use to refer to this stage.</summary>
    public string Reference => Name ?? Index.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
