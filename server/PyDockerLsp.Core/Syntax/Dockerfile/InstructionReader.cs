namespace PyDockerLsp.Core.Syntax.Dockerfile;

/// <summary>
/// Turns an instruction's joined text into an <see cref="Instruction"/>, the way BuildKit's parser does: keyword,
/// flags, then the arguments read by the keyword's line parser (exec-form JSON or shell form, words, name/value
/// pairs, …), then the typed meaning. Works on a range of a <see cref="LogicalLine"/>, so that an ONBUILD trigger is
/// read from the same text.
/// </summary>
internal sealed class InstructionReader
{
    private readonly InstructionContext _context;
    // Scratch lists reused for every instruction; results are copied out into arrays.
    private readonly List<FlagToken> _flagTokens = new();
    private readonly List<WordToken> _words = new();
    private readonly List<JsonStringToken> _jsonStrings = new();

    public InstructionReader(InstructionContext context) => _context = context;

    public Instruction Read(LogicalLine line, int from, int to)
    {
        string s = line.Buffer;
        int start = ArgumentScanner.SkipSpaces(s, from, to);
        int end = ArgumentScanner.TrimEndSpaces(s, start, to);

        int keywordEnd = start;
        while (keywordEnd < end && !ArgumentScanner.IsSeparator(s[keywordEnd])) keywordEnd++;
        int restStart = keywordEnd;
        while (restStart < end && ArgumentScanner.IsSeparator(s[restStart])) restStart++;

        var kind = InstructionKeywords.Lookup(s.AsSpan(start, keywordEnd - start));
        var instruction = Create(kind);

        InstructionFlag[] flags = Array.Empty<InstructionFlag>();
        int argumentsStart = end;
        if (restStart < end)
        {
            _flagTokens.Clear();
            argumentsStart = ArgumentScanner.ReadFlags(s, restStart, end, _flagTokens);
            if (_flagTokens.Count > 0)
            {
                var array = new InstructionFlag[_flagTokens.Count];
                for (int i = 0; i < array.Length; i++)
                {
                    var token = _flagTokens[i];
                    array[i] = new InstructionFlag(line, token.Start, token.End, token.EqualsAt, token.Processed);
                }
                flags = array;
            }
            argumentsStart = ArgumentScanner.SkipSpaces(s, argumentsStart, end);
        }
        else if (keywordEnd == end)
        {
            argumentsStart = end;
        }

        instruction.InitializeText(line, start, keywordEnd, flags, argumentsStart, end);
        ReadArguments(instruction, line, argumentsStart, end);
        if (instruction is OnbuildInstruction onbuild && argumentsStart < end)
        {
            var trigger = Read(line, argumentsStart, end);
            trigger.Parent = onbuild;
            onbuild.Trigger = trigger;
        }
        instruction.Interpret(_context);
        return instruction;
    }

    private static Instruction Create(InstructionKind kind) => kind switch
    {
        InstructionKind.From => new FromInstruction(),
        InstructionKind.Run => new RunInstruction(),
        InstructionKind.Cmd => new CmdInstruction(),
        InstructionKind.Entrypoint => new EntrypointInstruction(),
        InstructionKind.Shell => new ShellInstruction(),
        InstructionKind.Healthcheck => new HealthcheckInstruction(),
        InstructionKind.Copy => new CopyInstruction(),
        InstructionKind.Add => new AddInstruction(),
        InstructionKind.Env => new EnvInstruction(),
        InstructionKind.Label => new LabelInstruction(),
        InstructionKind.Arg => new ArgInstruction(),
        InstructionKind.User => new UserInstruction(),
        InstructionKind.Workdir => new WorkdirInstruction(),
        InstructionKind.Expose => new ExposeInstruction(),
        InstructionKind.Volume => new VolumeInstruction(),
        InstructionKind.Stopsignal => new StopsignalInstruction(),
        InstructionKind.Maintainer => new MaintainerInstruction(),
        InstructionKind.Onbuild => new OnbuildInstruction(),
        _ => new UnknownInstruction(),
    };

    /// <summary>BuildKit's per-keyword line parsers.</summary>
    private void ReadArguments(Instruction instruction, LogicalLine line, int start, int end)
    {
        switch (instruction.Kind)
        {
            case InstructionKind.Run:
            case InstructionKind.Cmd:
            case InstructionKind.Entrypoint:
            case InstructionKind.Shell:
                ReadExecOrShellForm(instruction, line, start, end);
                break;
            case InstructionKind.Add:
            case InstructionKind.Copy:
            case InstructionKind.Volume:
                ReadExecFormOrWords(instruction, line, start, end);
                break;
            case InstructionKind.From:
            case InstructionKind.Expose:
            case InstructionKind.Unknown:
                ReadSeparatedWords(instruction, line, start, end);
                break;
            case InstructionKind.Maintainer:
            case InstructionKind.Stopsignal:
            case InstructionKind.User:
            case InstructionKind.Workdir:
                ReadWholeRest(instruction, line, start, end);
                break;
            case InstructionKind.Arg:
                ReadQuotedWords(instruction, line, start, end);
                break;
            case InstructionKind.Env:
            case InstructionKind.Label:
                ((KeyValueInstruction)instruction).ReadPairs(line, start, end, _context, _words);
                break;
            case InstructionKind.Healthcheck:
                ReadHealthcheck(instruction, line, start, end);
                break;
            case InstructionKind.Onbuild:
                // The trigger is read as an instruction of its own (see Read).
                break;
        }
    }

    /// <summary>RUN, CMD, ENTRYPOINT, SHELL: a JSON array of strings, or else the whole rest as one shell command.</summary>
    private void ReadExecOrShellForm(Instruction instruction, LogicalLine line, int start, int end)
    {
        if (start >= end)
        {
            instruction.SetArguments(Array.Empty<InstructionArgument>());
            return;
        }
        if (TryReadExecForm(instruction, line, start, end)) return;
        instruction.SetArguments(new[] { new InstructionArgument(line, start, end, end) });
    }

    /// <summary>ADD, COPY, VOLUME: a JSON array of strings, or else words separated by white space.</summary>
    private void ReadExecFormOrWords(Instruction instruction, LogicalLine line, int start, int end)
    {
        if (TryReadExecForm(instruction, line, start, end)) return;
        ReadSeparatedWords(instruction, line, start, end);
    }

    /// <summary>Reads exec form when the text is a JSON array. Returns false when BuildKit falls back to reading the
    /// text another way (not JSON); a JSON array with non-strings is reported and counts as read.</summary>
    private bool TryReadExecForm(Instruction instruction, LogicalLine line, int start, int end)
    {
        if (start >= end || line.Buffer[start] != '[') return false;
        _jsonStrings.Clear();
        var outcome = ArgumentScanner.ReadExecForm(line.Buffer, start, end, _jsonStrings);
        switch (outcome)
        {
            case ExecFormOutcome.StringArray:
            {
                var arguments = new InstructionArgument[_jsonStrings.Count];
                for (int i = 0; i < arguments.Length; i++)
                {
                    var token = _jsonStrings[i];
                    arguments[i] = new InstructionArgument(line, token.Start, token.End, token.Value);
                }
                instruction.SetArguments(arguments);
                instruction.IsExecForm = true;
                return true;
            }
            case ExecFormOutcome.NotStringArray:
                instruction.SetArguments(Array.Empty<InstructionArgument>());
                instruction.IsExecForm = true;
                instruction.HasInvalidExecForm = true;
                _context.ReportParserError(DockerfileSyntaxCodes.InvalidExecForm, line.BufferSpan(start, end),
                    $"{instruction.KeywordUpper} in exec form takes a JSON array of strings only; this array holds numbers, "
                    + "booleans, null, objects or nested arrays.");
                return true;
            default:
                return false;
        }
    }

    private void ReadSeparatedWords(Instruction instruction, LogicalLine line, int start, int end)
    {
        _words.Clear();
        ArgumentScanner.SplitOnSeparators(line.Buffer, start, end, _words);
        instruction.SetArguments(ToArguments(line, _words));
    }

    private void ReadQuotedWords(Instruction instruction, LogicalLine line, int start, int end)
    {
        _words.Clear();
        ArgumentScanner.ReadQuotedWords(line.Buffer, start, end, _context.Escape, _words);
        instruction.SetArguments(ToArguments(line, _words));
    }

    private static void ReadWholeRest(Instruction instruction, LogicalLine line, int start, int end)
    {
        instruction.SetArguments(start < end
            ? new[] { new InstructionArgument(line, start, end, end) }
            : Array.Empty<InstructionArgument>());
    }

    /// <summary>HEALTHCHECK: the first word (CMD, NONE …), then the rest read like CMD.</summary>
    private void ReadHealthcheck(Instruction instruction, LogicalLine line, int start, int end)
    {
        string s = line.Buffer;
        int typeEnd = start;
        while (typeEnd < end && !ArgumentScanner.IsSpace(s[typeEnd])) typeEnd++;
        if (typeEnd == start)
        {
            instruction.SetArguments(Array.Empty<InstructionArgument>());
            return;
        }
        int commandStart = ArgumentScanner.SkipSpaces(s, typeEnd, end);
        var type = new InstructionArgument(line, start, typeEnd, typeEnd);
        if (commandStart >= end)
        {
            instruction.SetArguments(new[] { type });
            return;
        }
        ReadExecOrShellForm(instruction, line, commandStart, end);
        var command = instruction.ArgumentArray;
        var all = new InstructionArgument[command.Length + 1];
        all[0] = type;
        command.CopyTo(all, 1);
        instruction.SetArguments(all);
    }

    private static InstructionArgument[] ToArguments(LogicalLine line, List<WordToken> words)
    {
        if (words.Count == 0) return Array.Empty<InstructionArgument>();
        var arguments = new InstructionArgument[words.Count];
        for (int i = 0; i < arguments.Length; i++)
        {
            var word = words[i];
            arguments[i] = new InstructionArgument(line, word.Start, word.End, word.ValueEnd);
        }
        return arguments;
    }
}
