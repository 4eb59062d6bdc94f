using PyDockerLsp.Core.Syntax.Shell;
using PyDockerLsp.Core.Text;

namespace PyDockerLsp.Core.Syntax.Dockerfile;

/// <summary>
/// One <c>name=value</c> pair of ENV or LABEL (or the single pair of the legacy <c>ENV name value</c> form).
/// <see cref="Value"/> is the value as written, quotes and escapes included; <see cref="GetValue"/> gives the value
/// BuildKit stores (quotes removed, variables expanded).
/// </summary>
public sealed class KeyValueArgument
{
    private readonly LogicalLine _line;
    private readonly int _keyStart, _keyEnd, _valueStart, _valueEnd, _end;
    private string? _key, _value;

    internal KeyValueArgument(LogicalLine line, int keyStart, int keyEnd, int valueStart, int valueEnd, int end, bool isLegacy)
    {
        _line = line;
        _keyStart = keyStart;
        _keyEnd = keyEnd;
        _valueStart = valueStart;
        _valueEnd = valueEnd;
        _end = end;
        IsLegacyForm = isLegacy;
    }

    /// <summary>The key as written (quotes kept, e.g. <c>"org.opencontainers.image.title"</c>).</summary>
    public string Key => _key ??= _line.Buffer.Substring(_keyStart, _keyEnd - _keyStart);

    /// <summary>The key with quotes and escapes removed (variables kept as written); the key itself when it does not
    /// unquote.</summary>
    public string GetUnquotedKey(char escape = '\\') =>
        Key.AsSpan().IndexOfAny("'\"\\`$") < 0 ? Key : new WordExpander(escape) { SkipUnsetEnv = true }.ProcessWord(Key) ?? Key;

    public TextSpan KeySpan => _line.BufferSpan(_keyStart, _keyEnd);

    /// <summary>The value as written (for the legacy form: everything after the name).</summary>
    public string Value => _value ??= _line.Buffer.Substring(_valueStart, _valueEnd - _valueStart);
    public TextSpan ValueSpan => _line.BufferSpan(_valueStart, _valueEnd);

    /// <summary>The <c>=</c> between key and value; empty (between them) for the legacy form.</summary>
    public TextSpan SeparatorSpan => IsLegacyForm ? TextSpan.Empty(KeySpan.End) : _line.BufferSpan(_keyEnd, _keyEnd + 1);

    /// <summary>The whole pair.</summary>
    public TextSpan Span => _line.BufferSpan(_keyStart, _end);

    /// <summary>True for <c>ENV name value</c> (no <c>=</c>), which BuildKit still reads but flags as legacy.</summary>
    public bool IsLegacyForm { get; }

    /// <summary>The value after quote removal and variable expansion with <paramref name="variables"/> (references
    /// to unset variables are kept as written when <paramref name="keepUnset"/>). Null when it does not expand.</summary>
    public string? GetValue(IVariableLookup? variables = null, char escape = '\\', bool keepUnset = true)
    {
        if (IsLegacyForm) return Value;
        var expander = new WordExpander(escape) { SkipUnsetEnv = keepUnset };
        return expander.ProcessWord(Value, variables);
    }

    internal int KeyBufferStart => _keyStart;
    internal int KeyBufferEnd => _keyEnd;
    internal int ValueBufferStart => _valueStart;
    internal int ValueBufferEnd => _valueEnd;
    internal LogicalLine Line => _line;

    public override string ToString() => IsLegacyForm ? $"{Key} {Value}" : $"{Key}={Value}";
}

/// <summary>ENV and LABEL: a list of name/value pairs.</summary>
public abstract class KeyValueInstruction : Instruction
{
    private KeyValueArgument[] _pairs = Array.Empty<KeyValueArgument>();

    private protected KeyValueInstruction(InstructionKind kind) : base(kind) { }

    public IReadOnlyList<KeyValueArgument> Pairs => _pairs;

    /// <summary>True for the legacy <c>ENV name value</c> / <c>LABEL name value</c> form.</summary>
    public bool IsLegacyForm => _pairs.Length == 1 && _pairs[0].IsLegacyForm;

    /// <summary>The last pair that sets <paramref name="key"/>, or null.</summary>
    public KeyValueArgument? Find(string key)
    {
        for (int i = _pairs.Length - 1; i >= 0; i--)
            if (_pairs[i].Key == key) return _pairs[i];
        return null;
    }

    /// <summary>BuildKit's <c>parseNameVal</c>: if the first word has no <c>=</c>, the legacy form (name, then the
    /// rest of the line as the value); otherwise every word must be <c>name=value</c>.</summary>
    internal void ReadPairs(LogicalLine line, int start, int end, InstructionContext context, List<WordToken> words)
    {
        string s = line.Buffer;
        words.Clear();
        ArgumentScanner.ReadQuotedWords(s, start, end, context.Escape, words);
        if (words.Count == 0) return;

        var first = words[0];
        if (s.IndexOf('=', first.Start, first.ValueEnd - first.Start) < 0)
        {
            int keyEnd = start;
            while (keyEnd < end && !ArgumentScanner.IsSeparator(s[keyEnd])) keyEnd++;
            int valueStart = keyEnd;
            while (valueStart < end && ArgumentScanner.IsSeparator(s[valueStart])) valueStart++;
            if (keyEnd >= end)
            {
                context.ReportParserError(DockerfileSyntaxCodes.MissingArguments, line.BufferSpan(start, end),
                    $"{KeywordUpper} {line.Buffer.Substring(start, end - start)} has a name but no value; write {KeywordUpper} name=value.");
                return;
            }
            _pairs = new[] { new KeyValueArgument(line, start, keyEnd, valueStart, end, end, isLegacy: true) };
            return;
        }

        var pairs = new KeyValueArgument[words.Count];
        int count = 0;
        foreach (var word in words)
        {
            int equals = s.IndexOf('=', word.Start, word.ValueEnd - word.Start);
            if (equals < 0)
            {
                context.ReportParserError(DockerfileSyntaxCodes.InvalidArgument, line.BufferSpan(word.Start, word.End),
                    $"{KeywordUpper} needs name=value pairs, but '{s.Substring(word.Start, word.ValueEnd - word.Start)}' has no '='.");
                continue;
            }
            pairs[count++] = new KeyValueArgument(line, word.Start, equals, equals + 1, word.ValueEnd, word.End, isLegacy: false);
        }
        if (count < pairs.Length) Array.Resize(ref pairs, count);
        _pairs = pairs;
    }

    private protected override InstructionArgument[] BuildArguments()
    {
        var arguments = new InstructionArgument[_pairs.Length * 3];
        for (int i = 0; i < _pairs.Length; i++)
        {
            var pair = _pairs[i];
            var line = pair.Line;
            arguments[3 * i] = new InstructionArgument(line, pair.KeyBufferStart, pair.KeyBufferEnd, pair.KeyBufferEnd);
            arguments[3 * i + 1] = new InstructionArgument(line, pair.ValueBufferStart, pair.ValueBufferEnd, pair.ValueBufferEnd);
            arguments[3 * i + 2] = pair.IsLegacyForm
                ? new InstructionArgument(line, pair.KeyBufferEnd, pair.KeyBufferEnd, "")
                : new InstructionArgument(line, pair.KeyBufferEnd, pair.KeyBufferEnd + 1, pair.KeyBufferEnd + 1);
        }
        return arguments;
    }

    internal override void Interpret(InstructionContext context)
    {
        context.ValidateFlags(this, ReadOnlySpan<FlagSpec>.Empty);
        if (_pairs.Length == 0 && ArgumentsBufferStart == ArgumentsBufferEnd)
        {
            context.ReportArgumentCount(this, "needs at least one name=value pair");
            return;
        }
        foreach (var pair in _pairs)
        {
            if (pair.Key.Length == 0)
                context.Report(DockerfileSyntaxCodes.InvalidArgument, pair.Span, $"{KeywordUpper} names cannot be empty.");
        }
    }
}

/// <summary><c>ENV name=value …</c> (or the legacy <c>ENV name value</c>).</summary>
public sealed class EnvInstruction : KeyValueInstruction
{
    internal EnvInstruction() : base(InstructionKind.Env) { }
}

/// <summary><c>LABEL name=value …</c>.</summary>
public sealed class LabelInstruction : KeyValueInstruction
{
    internal LabelInstruction() : base(InstructionKind.Label) { }
}

/// <summary>One name of an ARG instruction, with its default when it has one (<c>ARG name=default</c>).</summary>
public sealed class ArgDeclaration
{
    private readonly InstructionArgument _argument;
    private readonly int _equals; // buffer position of '=' or -1

    internal ArgDeclaration(ArgInstruction instruction, InstructionArgument argument, int equals)
    {
        Instruction = instruction;
        _argument = argument;
        _equals = equals;
        string word = argument.Value;
        if (equals < 0)
        {
            Name = word;
        }
        else
        {
            int at = equals - argument.BufferStart;
            Name = word.Substring(0, at);
            DefaultValue = word.Substring(at + 1);
        }
    }

    public ArgInstruction Instruction { get; }
    public string Name { get; }

    /// <summary>The default as written (quotes kept), or null when the ARG has no <c>=</c>.</summary>
    public string? DefaultValue { get; }
    public bool HasDefault => DefaultValue is not null;

    public TextSpan Span => _argument.Span;
    public TextSpan NameSpan => _equals < 0 ? _argument.Span : _argument.Line.BufferSpan(_argument.BufferStart, _equals);
    public TextSpan DefaultSpan => _equals < 0
        ? TextSpan.Empty(_argument.Span.End)
        : _argument.Line.BufferSpan(_equals + 1, _argument.BufferStart + _argument.Value.Length);

    /// <summary>The default after quote removal and expansion with <paramref name="variables"/>; null when there is no
    /// default or it does not expand.</summary>
    public string? GetDefaultValue(IVariableLookup? variables = null, char escape = '\\', bool keepUnset = true)
    {
        if (DefaultValue is null) return null;
        return new WordExpander(escape) { SkipUnsetEnv = keepUnset }.ProcessWord(DefaultValue, variables);
    }

    public override string ToString() => DefaultValue is null ? Name : $"{Name}={DefaultValue}";
}

/// <summary><c>ARG name[=default] …</c>; before the first FROM the names are global (usable in FROM lines).</summary>
public sealed class ArgInstruction : Instruction
{
    private ArgDeclaration[] _declarations = Array.Empty<ArgDeclaration>();

    internal ArgInstruction() : base(InstructionKind.Arg) { }

    public IReadOnlyList<ArgDeclaration> Declarations => _declarations;

    /// <summary>True when the ARG comes before the first FROM.</summary>
    public bool IsGlobal => Stage is null && Parent is null;

    internal override void Interpret(InstructionContext context)
    {
        // BuildKit does not check ARG's flags.
        var arguments = Arguments;
        if (arguments.Count == 0)
        {
            context.ReportArgumentCount(this, "needs at least one name");
            return;
        }
        _declarations = new ArgDeclaration[arguments.Count];
        for (int i = 0; i < arguments.Count; i++)
        {
            var argument = arguments[i];
            int equals = argument.Value.IndexOf('=');
            var declaration = new ArgDeclaration(this, argument, equals < 0 ? -1 : argument.BufferStart + equals);
            _declarations[i] = declaration;
            if (declaration.Name.Length == 0)
                context.Report(DockerfileSyntaxCodes.InvalidArgument, argument.Span, "ARG names cannot be empty.");
        }
    }
}
