using PyDockerLsp.Core.Text;

namespace PyDockerLsp.Core.Syntax.Dockerfile;

internal enum FlagType { Bool, String, Strings }

/// <summary>A flag an instruction accepts (BuildKit's <c>BFlags</c> declarations).</summary>
internal readonly record struct FlagSpec(string Name, FlagType Type);

/// <summary>What the instruction readers share while one file is parsed: the text, the escape character and the
/// list the errors go to.</summary>
internal sealed class InstructionContext
{
    private readonly List<SyntaxError> _errors;

    public InstructionContext(string source, List<SyntaxError> errors)
    {
        Source = source;
        _errors = errors;
    }

    public string Source { get; }
    public char Escape { get; set; } = '\\';

    public void Report(SyntaxCode code, TextSpan span, string message) => _errors.Add(new SyntaxError(code, span, message));

    /// <summary>Reports a problem that BuildKit's parser itself refuses (rather than the instruction reader).</summary>
    public void ReportParserError(SyntaxCode code, TextSpan span, string message) =>
        _errors.Add(new SyntaxError(code, span, message, BuildKitLayer.Parser));

    /// <summary>Reports what BuildKit's flag parser refuses: unknown flags, repeated single flags, missing values
    /// and non-boolean values for boolean flags.</summary>
    public void ValidateFlags(Instruction instruction, ReadOnlySpan<FlagSpec> accepted)
    {
        var flags = instruction.FlagArray;
        for (int i = 0; i < flags.Length; i++)
        {
            var flag = flags[i];
            int specIndex = -1;
            for (int s = 0; s < accepted.Length; s++)
            {
                if (flag.IsNamed(accepted[s].Name))
                {
                    specIndex = s;
                    break;
                }
            }
            string name = specIndex >= 0 ? accepted[specIndex].Name : flag.Name;
            if (specIndex < 0)
            {
                string known = accepted.Length == 0
                    ? $"{instruction.KeywordUpper} takes no flags"
                    : $"{instruction.KeywordUpper} accepts {DescribeFlags(accepted)}";
                Report(DockerfileSyntaxCodes.InvalidFlag, flag.Span, $"Unknown flag: --{name} ({known}).");
                continue;
            }
            var spec = accepted[specIndex];
            if (spec.Type != FlagType.Strings && IsRepeated(flags, i, name))
            {
                Report(DockerfileSyntaxCodes.InvalidFlag, flag.Span,
                    $"--{name} is given more than once; {instruction.KeywordUpper} takes it only once.");
                continue;
            }
            switch (spec.Type)
            {
                case FlagType.Bool:
                    if (flag.HasValue && flag.Value!.Length == 0)
                        Report(DockerfileSyntaxCodes.InvalidFlag, flag.Span, $"--{name}= has no value; write --{name} or --{name}=true|false.");
                    else if (flag.HasValue && !IsBoolean(flag.Value!))
                        Report(DockerfileSyntaxCodes.InvalidFlag, flag.ValueSpan, $"--{name} expects true or false, not '{flag.Value}'.");
                    break;
                default:
                    if (!flag.HasValue)
                        Report(DockerfileSyntaxCodes.InvalidFlag, flag.Span, $"--{name} needs a value: --{name}=<value>.");
                    break;
            }
        }
    }

    /// <summary>Reports a wrong argument count with <see cref="DockerfileSyntaxCodes.MissingArguments"/>.</summary>
    public void ReportArgumentCount(Instruction instruction, string requirement)
    {
        var span = instruction.Arguments.Count > 0
            ? TextSpan.FromBounds(instruction.Arguments[0].Span.Start, instruction.Arguments[^1].Span.End)
            : instruction.KeywordSpan;
        Report(DockerfileSyntaxCodes.MissingArguments, span, $"{instruction.KeywordUpper} {requirement}.");
    }

    private static bool IsRepeated(InstructionFlag[] flags, int index, string name)
    {
        for (int i = 0; i < index; i++)
            if (flags[i].IsNamed(name)) return true;
        return false;
    }

    private static bool IsBoolean(string value) =>
        value.Equals("true", StringComparison.OrdinalIgnoreCase) || value.Equals("false", StringComparison.OrdinalIgnoreCase);

    private static string DescribeFlags(ReadOnlySpan<FlagSpec> accepted)
    {
        var names = new string[accepted.Length];
        for (int i = 0; i < accepted.Length; i++) names[i] = "--" + accepted[i].Name;
        return string.Join(", ", names);
    }
}
