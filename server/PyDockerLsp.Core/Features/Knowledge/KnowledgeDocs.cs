namespace PyDockerLsp.Core.Features.Knowledge;

/// <summary>
/// What a hover on a Dockerfile instruction keyword shows.
/// </summary>
/// <param name="Keyword">The instruction in upper case (<c>COPY</c>).</param>
/// <param name="Summary">One line: what the instruction is for.</param>
/// <param name="Syntax">The accepted forms, e.g. shell and exec form.</param>
/// <param name="Description">What it does, in one or two sentences.</param>
/// <param name="PythonAdvice">How Python images should use it.</param>
/// <param name="Example">A small example of the recommended form (Dockerfile text), or null.</param>
public sealed record InstructionDoc(
    string Keyword,
    string Summary,
    IReadOnlyList<string> Syntax,
    string Description,
    string PythonAdvice,
    string? Example)
{
    public string ToMarkdown() => HoverMarkdown.Join(
        HoverMarkdown.TitleLine(Keyword, Summary) + "\n" + SyntaxLine(Syntax),
        Description,
        HoverMarkdown.Labeled("Python", PythonAdvice),
        Example is null ? null : HoverMarkdown.CodeBlock(Example));

    internal static string SyntaxLine(IReadOnlyList<string> forms) =>
        string.Join(" · ", forms.Select(HoverMarkdown.InlineCode));
}

/// <summary>
/// What a hover on an instruction flag (<c>--chown</c>, <c>--mount</c>, <c>--interval</c>…) shows.
/// </summary>
/// <param name="Instruction">The instruction the flag belongs to, upper case.</param>
/// <param name="Name">The flag with its dashes (<c>--chown</c>).</param>
/// <param name="Summary">One line.</param>
/// <param name="Syntax">How the flag is written, e.g. <c>--chown=&lt;user&gt;[:&lt;group&gt;]</c>.</param>
/// <param name="Description">What it does, defaults, requirements.</param>
/// <param name="PythonAdvice">How Python images use it, or null when there is nothing specific to say.</param>
/// <param name="Example">A small example, or null.</param>
public sealed record FlagDoc(
    string Instruction,
    string Name,
    string Summary,
    string Syntax,
    string Description,
    string? PythonAdvice,
    string? Example)
{
    /// <summary>The flag as valid in the Dockerfile syntax since (e.g. "1.19"), or null when always available.</summary>
    public string? MinimumDockerfileVersion { get; init; }

    /// <summary>Values the flag accepts when they form a closed set (<c>--network</c>: default, none, host).</summary>
    public IReadOnlyList<string> Values { get; init; } = Array.Empty<string>();

    public string ToMarkdown() => HoverMarkdown.Join(
        HoverMarkdown.TitleLine(Instruction + " " + Name, Summary) + "\n" + HoverMarkdown.InlineCode(Syntax)
            + (MinimumDockerfileVersion is null ? "" : " (Dockerfile syntax " + MinimumDockerfileVersion + "+)"),
        Description,
        PythonAdvice is null ? null : HoverMarkdown.Labeled("Python", PythonAdvice),
        Example is null ? null : HoverMarkdown.CodeBlock(Example));
}

/// <summary>
/// What a hover on <c>type=cache</c> (or bind, secret, ssh, tmpfs) inside <c>RUN --mount=…</c> shows.
/// </summary>
/// <param name="Type">The mount type (<c>cache</c>).</param>
/// <param name="Summary">One line.</param>
/// <param name="Description">What the mount gives the RUN command and what is kept afterwards.</param>
/// <param name="PythonAdvice">How Python builds use it.</param>
/// <param name="Example">A small example.</param>
/// <param name="OptionKeys">The option keys this type accepts (primary spellings only).</param>
public sealed record MountTypeDoc(
    string Type,
    string Summary,
    string Description,
    string PythonAdvice,
    string Example,
    IReadOnlyList<string> OptionKeys)
{
    public string ToMarkdown() => HoverMarkdown.Join(
        HoverMarkdown.TitleLine("--mount=type=" + Type, Summary) + "\nOptions: "
            + string.Join(", ", OptionKeys.Select(HoverMarkdown.InlineCode)),
        Description,
        HoverMarkdown.Labeled("Python", PythonAdvice),
        HoverMarkdown.CodeBlock(Example));
}

/// <summary>
/// What a hover on one option of a mount (<c>target=</c>, <c>sharing=</c>, <c>env=</c>…) shows.
/// </summary>
/// <param name="MountType">The mount type the option belongs to.</param>
/// <param name="Key">The primary spelling (<c>target</c>, <c>readonly</c>, <c>rw</c>).</param>
/// <param name="Aliases">Other accepted spellings (<c>dst</c>, <c>destination</c>, <c>ro</c>, <c>readwrite</c>).</param>
/// <param name="Summary">One line.</param>
/// <param name="Default">The default when the option is omitted, or null when it has none worth saying.</param>
/// <param name="Description">Details and advice.</param>
public sealed record MountOptionDoc(
    string MountType,
    string Key,
    IReadOnlyList<string> Aliases,
    string Summary,
    string? Default,
    string Description)
{
    /// <summary>Values the option accepts when they form a closed set (<c>sharing</c>: shared, private, locked).</summary>
    public IReadOnlyList<string> Values { get; init; } = Array.Empty<string>();

    public string ToMarkdown()
    {
        var title = HoverMarkdown.TitleLine(Key, Summary, MountType + " mount");
        var facts = new List<string>();
        if (Aliases.Count > 0) facts.Add("Also written " + string.Join(", ", Aliases.Select(HoverMarkdown.InlineCode)) + ".");
        if (Default is not null) facts.Add("Default: " + Default + ".");
        return HoverMarkdown.Join(title + (facts.Count > 0 ? "\n" + string.Join(" ", facts) : ""), Description);
    }
}

/// <summary>Which tool reads an environment variable; completion groups them by it.</summary>
public enum EnvVarTool { Python, Pip, Uv, Poetry, Pipenv, Shell, Gunicorn, Django }

/// <summary>
/// What a hover on an <c>ENV</c>/<c>ARG</c> name (or completion documentation) shows.
/// </summary>
/// <param name="Name">The variable name (<c>PYTHONUNBUFFERED</c>).</param>
/// <param name="Tool">Which program reads it.</param>
/// <param name="Summary">One line: what it does.</param>
/// <param name="Recommended">The value to use in a container image, in words or as the literal value.</param>
/// <param name="Description">How it works.</param>
/// <param name="Caveat">What to watch out for, or null.</param>
/// <param name="Example">A small Dockerfile example, or null.</param>
public sealed record EnvVarDoc(
    string Name,
    EnvVarTool Tool,
    string Summary,
    string Recommended,
    string Description,
    string? Caveat,
    string? Example)
{
    /// <summary>True when a value of this variable may carry credentials and must not be baked into the image.</summary>
    public bool MayCarrySecrets { get; init; }

    public string ToMarkdown() => HoverMarkdown.Join(
        HoverMarkdown.TitleLine(Name, Summary) + "\n" + HoverMarkdown.Labeled("Recommended", Recommended),
        Description,
        Caveat is null ? null : HoverMarkdown.Labeled("Caveat", Caveat),
        Example is null ? null : HoverMarkdown.CodeBlock(Example));
}
