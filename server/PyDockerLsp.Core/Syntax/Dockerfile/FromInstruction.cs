using PyDockerLsp.Core.Text;

namespace PyDockerLsp.Core.Syntax.Dockerfile;

/// <summary><c>FROM [--platform=…] image [AS name]</c>: starts a stage.</summary>
public sealed class FromInstruction : Instruction
{
    private static readonly FlagSpec[] AcceptedFlags = { new("platform", FlagType.String) };
    private ImageReference? _image;

    internal FromInstruction() : base(InstructionKind.From) { }

    /// <summary>The image (or stage name) argument, or null when FROM has none.</summary>
    public InstructionArgument? ImageArgument => Arguments.Count > 0 ? Arguments[0] : null;

    /// <summary>The image reference as written, split into its parts; null when FROM names nothing. When it names an
    /// earlier stage, <see cref="BaseStage"/> is set and the reference is just that name.</summary>
    public ImageReference? Image
    {
        get
        {
            if (_image is null && ImageArgument is { } argument)
            {
                _image = ImageReference.Parse(argument.Value, argument.Line, argument.BufferStart);
            }
            return _image;
        }
    }

    /// <summary>The <c>--platform</c> flag, or null.</summary>
    public InstructionFlag? PlatformFlag => GetFlag("platform");
    public string? Platform => PlatformFlag?.Value;

    /// <summary>The <c>AS</c> keyword, when present.</summary>
    public InstructionArgument? AsKeyword => Arguments.Count == 3 && Arguments[1].Value.Equals("as", StringComparison.OrdinalIgnoreCase) ? Arguments[1] : null;

    /// <summary>The stage name argument after AS, when present.</summary>
    public InstructionArgument? StageNameArgument => AsKeyword is null ? null : Arguments[2];

    /// <summary>The stage name in lower case (BuildKit compares names case-insensitively), or null.</summary>
    public string? StageName => StageNameArgument?.Value.ToLowerInvariant();

    /// <summary>The earlier stage this FROM builds on, when the image names one.</summary>
    public Stage? BaseStage { get; internal set; }

    internal override void Interpret(InstructionContext context)
    {
        context.ValidateFlags(this, AcceptedFlags);
        var arguments = Arguments;
        if (arguments.Count == 0)
        {
            context.Report(DockerfileSyntaxCodes.InvalidImageReference, KeywordSpan, "FROM needs an image to build on (or the name of an earlier stage).");
            return;
        }
        bool hasAs = arguments.Count == 3 && arguments[1].Value.Equals("as", StringComparison.OrdinalIgnoreCase);
        if (arguments.Count != 1 && !hasAs)
        {
            var extra = TextSpan.FromBounds(arguments[1].Span.Start, arguments[^1].Span.End);
            context.Report(DockerfileSyntaxCodes.MissingArguments, extra,
                "FROM takes an image, optionally followed by AS and a stage name: FROM image [AS name].");
        }
        if (hasAs && !IsValidStageName(arguments[2].Value))
        {
            context.Report(DockerfileSyntaxCodes.InvalidStageName, arguments[2].Span,
                $"'{arguments[2].Value}' is not a valid stage name: it must start with a letter and contain only letters, digits, '-', '_' and '.'.");
        }
        var image = Image!;
        string? problem = image.Validate();
        if (problem is not null)
            context.Report(DockerfileSyntaxCodes.InvalidImageReference, image.Span, $"Invalid image reference: {problem}.");
    }

    /// <summary><c>^[a-z][a-z0-9-_.]*$</c> after lower-casing.</summary>
    internal static bool IsValidStageName(string name)
    {
        if (name.Length == 0 || !char.IsAsciiLetter(name[0])) return false;
        foreach (char c in name)
            if (!char.IsAsciiLetterOrDigit(c) && c is not '-' and not '_' and not '.') return false;
        return true;
    }
}
