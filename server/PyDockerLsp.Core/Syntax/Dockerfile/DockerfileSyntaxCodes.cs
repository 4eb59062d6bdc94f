using PyDockerLsp.Core.Analysis;

namespace PyDockerLsp.Core.Syntax.Dockerfile;

/// <summary>Which part of BuildKit refuses the file when a syntax problem is present. The parser conformance tests use
/// it: BuildKit's own parser tests only exercise <see cref="Parser"/>, the instruction tests <see cref="Instructions"/>.</summary>
public enum BuildKitLayer
{
    /// <summary>BuildKit's Dockerfile parser (<c>parser.Parse</c>) fails: the file does not even become a syntax tree.</summary>
    Parser,
    /// <summary>The syntax tree is fine but turning an instruction into a command fails (<c>instructions.Parse</c>).</summary>
    Instructions,
    /// <summary>The instructions are fine but planning the build fails (stage names and references).</summary>
    Build,
    /// <summary>BuildKit accepts the file; the finding is a warning about something it ignores or will reject later.</summary>
    None,
}

/// <summary>One syntax finding kind: a stable code, a kebab-case name, its default severity, the BuildKit layer that
/// rejects it, and a short documentation text (shown on hover and in the rule docs).</summary>
public sealed record SyntaxCode(string Code, string Name, Severity Severity, BuildKitLayer RejectedBy, string Summary, string Documentation)
{
    /// <summary>The anchor of this code in docs/rules.md (GitHub-style slug of the heading "PD004 unterminated-heredoc").</summary>
    public string DocsAnchor => (Code + "-" + Name).ToLowerInvariant();

    /// <summary>Where this code is documented; diagnostics link here through codeDescription.</summary>
    public string DocsUrl => Analysis.Rules.RuleDocs.BaseUrl + "#" + DocsAnchor;
}

/// <summary>
/// The single table of PD0xx syntax codes. The parser only ever reports codes from this table; the documentation
/// generator and <c>--explain</c> read <see cref="All"/>.
/// </summary>
public static class DockerfileSyntaxCodes
{
    public static readonly SyntaxCode UnknownInstruction = new(
        "PD001", "unknown-instruction", Severity.Error, BuildKitLayer.Instructions,
        "The line starts with a word that is not a Dockerfile instruction.",
        "Every logical line of a Dockerfile starts with an instruction keyword (FROM, RUN, COPY, …; case does not matter). "
        + "A misspelt keyword, or a line that belongs to the previous instruction but lost its line continuation, "
        + "makes the build fail. Check the spelling, or end the previous line with the escape character.");

    public static readonly SyntaxCode MissingArguments = new(
        "PD002", "missing-arguments", Severity.Error, BuildKitLayer.Instructions,
        "The instruction has fewer (or more) arguments than it accepts.",
        "Each instruction takes a fixed number of arguments: COPY and ADD need at least a source and a destination, "
        + "WORKDIR, USER and STOPSIGNAL exactly one, ENV in its old `ENV name value` form a name and a value, and so on. "
        + "BuildKit stops the build when the count is wrong.");

    public static readonly SyntaxCode InvalidFlag = new(
        "PD003", "invalid-flag", Severity.Error, BuildKitLayer.Instructions,
        "A `--flag` is unknown for this instruction, repeated, missing its value, or has a value BuildKit rejects.",
        "Instructions accept only their own flags (`COPY --from`, `RUN --mount`, `FROM --platform`, …). A flag that "
        + "the instruction does not know, a string flag without `=value`, a boolean flag with a value other than true "
        + "or false, or a `--mount` with an unknown option or type stops the build.");

    public static readonly SyntaxCode UnterminatedHeredoc = new(
        "PD004", "unterminated-heredoc", Severity.Error, BuildKitLayer.Parser,
        "A heredoc (`<<EOF`) has no line with its terminator word before the end of the file.",
        "A heredoc's body runs until a line that consists of exactly the terminator word (after leading tabs for "
        + "`<<-`). Without that line BuildKit cannot tell where the heredoc ends and the file fails to parse; "
        + "everything after the marker is read as the heredoc's body.");

    public static readonly SyntaxCode MisplacedParserDirective = new(
        "PD005", "misplaced-parser-directive", Severity.Warning, BuildKitLayer.None,
        "A parser directive (`# syntax=`, `# escape=`, `# check=`) appears after the top of the file and is ignored.",
        "Parser directives count only in the block of comment lines at the very top of the file, before any blank "
        + "line, other comment or instruction. Further down they are plain comments, so the escape character, "
        + "frontend or check configuration they name does not apply. Move the directive to the first lines.");

    public static readonly SyntaxCode InvalidImageReference = new(
        "PD006", "invalid-image-reference", Severity.Error, BuildKitLayer.Instructions,
        "FROM names no image, or the image reference is not valid.",
        "FROM needs an image reference such as `python:3.12-slim`, `registry.example.com/team/app:1.0` or "
        + "`name@sha256:…`, or the name of an earlier stage. Repository names are lower case; tags are at most "
        + "128 letters, digits, `_`, `.` and `-`; digests are an algorithm and a hex value.");

    public static readonly SyntaxCode InvalidOnbuildTrigger = new(
        "PD007", "invalid-onbuild-trigger", Severity.Error, BuildKitLayer.Instructions,
        "ONBUILD wraps ONBUILD, FROM or MAINTAINER, which cannot be triggers.",
        "ONBUILD records an instruction to run when another image builds FROM this one. Chaining ONBUILD ONBUILD is "
        + "not allowed, and neither FROM nor MAINTAINER can be deferred this way.");

    public static readonly SyntaxCode InvalidExecForm = new(
        "PD008", "invalid-exec-form", Severity.Error, BuildKitLayer.Parser,
        "A JSON array (exec form) holds something other than strings.",
        "Exec form (`CMD [\"python\", \"app.py\"]`) must be a JSON array of strings only. Numbers, booleans, null, "
        + "objects or nested arrays make BuildKit reject the file. (Text that is not JSON at all is read as shell "
        + "form instead.)");

    public static readonly SyntaxCode EmptyContinuationLine = new(
        "PD009", "empty-continuation-line", Severity.Warning, BuildKitLayer.None,
        "A blank line sits inside a line continuation.",
        "A line ending in the escape character continues on the next line. BuildKit skips blank lines inside such a "
        + "continuation but warns about them and has announced that they will become errors; comment lines are "
        + "fine. Remove the blank line or end the instruction before it.");

    public static readonly SyntaxCode NoFromInstruction = new(
        "PD010", "no-from-instruction", Severity.Error, BuildKitLayer.Build,
        "The file has no FROM instruction.",
        "A Dockerfile builds at least one stage, and every stage starts with FROM. A file that is empty, holds only "
        + "comments, or has instructions but no FROM cannot be built.");

    public static readonly SyntaxCode InstructionBeforeFrom = new(
        "PD011", "instruction-before-from", Severity.Error, BuildKitLayer.Instructions,
        "An instruction other than ARG comes before the first FROM.",
        "Only ARG may precede the first FROM (declaring build arguments usable in FROM lines). Any other instruction "
        + "there belongs to no stage and BuildKit rejects it.");

    public static readonly SyntaxCode InvalidParserDirective = new(
        "PD012", "invalid-parser-directive", Severity.Error, BuildKitLayer.Parser,
        "A parser directive is repeated or has a value BuildKit refuses.",
        "Each parser directive may appear once, and `# escape=` accepts only a backslash or a backtick. Otherwise "
        + "BuildKit refuses the file.");

    public static readonly SyntaxCode LineTooLong = new(
        "PD013", "line-too-long", Severity.Error, BuildKitLayer.Parser,
        "A physical line is longer than BuildKit reads (65535 bytes).",
        "BuildKit reads the Dockerfile line by line with a buffer of 64 KiB; a longer line makes the parse fail. "
        + "Split the line with line continuations, or move large data into a file that you COPY.");

    public static readonly SyntaxCode InvalidArgument = new(
        "PD014", "invalid-argument", Severity.Error, BuildKitLayer.Instructions,
        "An argument has a form or value the instruction does not accept.",
        "Examples: `ENV a=1 b` (every pair needs `=` once the `name=value` form is used), an empty variable name, a "
        + "heredoc as COPY destination, `SHELL` not in JSON form, `HEALTHCHECK NONE` with arguments, an unknown "
        + "HEALTHCHECK type, or an interval that is not a valid duration.");

    public static readonly SyntaxCode InvalidStageName = new(
        "PD015", "invalid-stage-name", Severity.Error, BuildKitLayer.Instructions,
        "The stage name after AS is not valid.",
        "A stage name starts with a letter and continues with letters, digits, `-`, `_` and `.` (it is compared "
        + "case-insensitively), so that it can be told apart from stage indexes and image references.");

    public static readonly SyntaxCode DuplicateStageName = new(
        "PD016", "duplicate-stage-name", Severity.Error, BuildKitLayer.Build,
        "Two stages have the same name.",
        "Stage names identify stages in `FROM <stage>`, `COPY --from=<stage>`, `RUN --mount=from=<stage>` and "
        + "`--target`; BuildKit refuses a second stage with a name already used.");

    public static readonly SyntaxCode CircularStageDependency = new(
        "PD017", "circular-stage-dependency", Severity.Error, BuildKitLayer.Build,
        "A stage depends on itself through COPY --from or RUN --mount=from.",
        "A stage can only use the result of another stage; one that copies from itself, directly or through other "
        + "stages, can never be built.");

    /// <summary>Every code, in code order.</summary>
    public static readonly IReadOnlyList<SyntaxCode> All = new[]
    {
        UnknownInstruction, MissingArguments, InvalidFlag, UnterminatedHeredoc, MisplacedParserDirective,
        InvalidImageReference, InvalidOnbuildTrigger, InvalidExecForm, EmptyContinuationLine, NoFromInstruction,
        InstructionBeforeFrom, InvalidParserDirective, LineTooLong, InvalidArgument, InvalidStageName,
        DuplicateStageName, CircularStageDependency,
    };

    /// <summary>The entry for <paramref name="code"/> (e.g. "PD004"), or null.</summary>
    public static SyntaxCode? Find(string code)
    {
        foreach (var entry in All)
            if (string.Equals(entry.Code, code, StringComparison.OrdinalIgnoreCase)) return entry;
        return null;
    }
}
