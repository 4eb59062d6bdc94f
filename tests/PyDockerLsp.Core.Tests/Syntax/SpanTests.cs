using PyDockerLsp.Core.Syntax.Dockerfile;
using PyDockerLsp.Core.Syntax.Shell;
using PyDockerLsp.Core.Text;

namespace PyDockerLsp.Core.Tests.Syntax;

/// <summary>Every piece the rules point at has an exact span in the document: each case names a piece of a small
/// Dockerfile and the text its span must cover.</summary>
public sealed class SpanTests
{
    private const string Digest = "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    public sealed record SpanCase(string Description, string Dockerfile, Func<DockerfileSyntax, TextSpan> Select, string Expected)
    {
        public override string ToString() => Description;
    }

    private static T At<T>(DockerfileSyntax syntax, int index) where T : Instruction => (T)syntax.Instructions[index];

    public static IEnumerable<object[]> Cases() => new SpanCase[]
    {
        new("keyword", "FROM python:3.12\n", s => s.Instructions[0].KeywordSpan, "FROM"),
        new("keyword after indentation, lower case", "FROM x\n   run echo hi\n", s => s.Instructions[1].KeywordSpan, "run"),
        new("instruction span excludes line break and indentation", "FROM x\n  RUN echo hi  \n", s => s.Instructions[1].Span, "RUN echo hi  "),
        new("flag", "FROM x\nCOPY --from=build /app /app\n", s => s.Instructions[1].Flags[0].Span, "--from=build"),
        new("flag name", "FROM x\nCOPY --from=build /app /app\n", s => s.Instructions[1].Flags[0].NameSpan, "from"),
        new("flag value", "FROM x\nCOPY --from=build /app /app\n", s => s.Instructions[1].Flags[0].ValueSpan, "build"),
        new("quoted flag value", "FROM x\nCOPY --chown=\"app:app\" . /app\n", s => s.Instructions[1].Flags[0].ValueSpan, "\"app:app\""),
        new("boolean flag has an empty value span at its end", "FROM x\nCOPY --link . /app\n",
            s => TextSpan.FromBounds(s.Instructions[1].Flags[0].Span.Start, s.Instructions[1].Flags[0].ValueSpan.End), "--link"),
        new("registry", $"FROM registry.example.com:5000/team/app:1.2@{Digest} AS build\n", s => At<FromInstruction>(s, 0).Image!.RegistrySpan, "registry.example.com:5000"),
        new("repository", $"FROM registry.example.com:5000/team/app:1.2@{Digest} AS build\n", s => At<FromInstruction>(s, 0).Image!.RepositorySpan, "team/app"),
        new("tag", $"FROM registry.example.com:5000/team/app:1.2@{Digest} AS build\n", s => At<FromInstruction>(s, 0).Image!.TagSpan, "1.2"),
        new("digest", $"FROM registry.example.com:5000/team/app:1.2@{Digest} AS build\n", s => At<FromInstruction>(s, 0).Image!.DigestSpan, Digest),
        new("whole image reference", $"FROM --platform=linux/amd64 team/app:1.2 AS build\n", s => At<FromInstruction>(s, 0).Image!.Span, "team/app:1.2"),
        new("stage name", "FROM python:3.12 AS Build\n", s => s.Stages[0].NameSpan, "Build"),
        new("platform value", "FROM --platform=$BUILDPLATFORM python:3.12\n", s => At<FromInstruction>(s, 0).PlatformFlag!.ValueSpan, "$BUILDPLATFORM"),
        new("ENV key", "FROM x\nENV A=1 B=\"two words\"\n", s => At<EnvInstruction>(s, 1).Pairs[1].KeySpan, "B"),
        new("ENV quoted value", "FROM x\nENV A=1 B=\"two words\"\n", s => At<EnvInstruction>(s, 1).Pairs[1].ValueSpan, "\"two words\""),
        new("ENV pair", "FROM x\nENV A=1 B=\"two words\"\n", s => At<EnvInstruction>(s, 1).Pairs[1].Span, "B=\"two words\""),
        new("legacy ENV value is the rest of the line", "FROM x\nENV PATH /usr/local/bin:$PATH\n", s => At<EnvInstruction>(s, 1).Pairs[0].ValueSpan, "/usr/local/bin:$PATH"),
        new("ENV pair on a continuation line", "FROM x\nENV A=1 \\\n    B=2\n", s => At<EnvInstruction>(s, 1).Pairs[1].Span, "B=2"),
        new("ARG name", "ARG PYTHON_VERSION=3.12\nFROM python:${PYTHON_VERSION}\n", s => s.GlobalArgs[0].Declarations[0].NameSpan, "PYTHON_VERSION"),
        new("ARG default", "ARG PYTHON_VERSION=3.12\nFROM python:${PYTHON_VERSION}\n", s => s.GlobalArgs[0].Declarations[0].DefaultSpan, "3.12"),
        new("exec form string", "FROM x\nCMD [\"python\", \"app.py\"]\n", s => s.Instructions[1].Arguments[1].Span, "\"app.py\""),
        new("shell form command", "FROM x\nCMD python app.py --port 80\n", s => At<CmdInstruction>(s, 1).CommandSpan, "python app.py --port 80"),
        new("COPY destination", "FROM x\nCOPY requirements.txt pyproject.toml /app/\n", s => At<CopyInstruction>(s, 1).Destination!.Span, "/app/"),
        new("COPY source", "FROM x\nCOPY requirements.txt pyproject.toml /app/\n", s => At<CopyInstruction>(s, 1).Sources[1].Span, "pyproject.toml"),
        new("USER", "FROM x\nUSER app:app\n", s => At<UserInstruction>(s, 1).UserSpan, "app:app"),
        new("heredoc marker", "FROM x\nRUN <<EOF\necho hi\nEOF\n", s => s.Instructions[1].Heredocs[0].MarkerSpan, "<<EOF"),
        new("heredoc body", "FROM x\nRUN <<EOF\necho hi\necho there\nEOF\n", s => s.Instructions[1].Heredocs[0].BodySpan, "echo hi\necho there\n"),
        new("heredoc terminator", "FROM x\nRUN <<-EOF\n\techo hi\n\tEOF\n", s => s.Instructions[1].Heredocs[0].TerminatorSpan, "\tEOF"),
        new("second heredoc body", "FROM x\nCOPY <<A <<B /dest\nfirst\nA\nsecond\nB\n", s => s.Instructions[1].Heredocs[1].BodySpan, "second\n"),
        new("instruction with heredoc ends at the terminator", "FROM x\nRUN <<EOF\necho hi\nEOF\nUSER app\n", s => s.Instructions[1].Span, "RUN <<EOF\necho hi\nEOF"),
        new("argument across a continuation", "FROM x\nRUN apt-get inst\\\nall -y\n", s => At<RunInstruction>(s, 1).ShellCommands[0].Words[1].Span, "inst\\\nall"),
        new("shell word on a continuation line", "FROM x\nRUN apt-get update && \\\n    apt-get install -y curl\n",
            s => At<RunInstruction>(s, 1).ShellCommands[1].Words[3].Span, "curl"),
        new("shell word after a comment line inside a continuation", "FROM x\nRUN pip install \\\n# pinned below\n    flask==3.0\n",
            s => At<RunInstruction>(s, 1).ShellCommands[0].Words[2].Span, "flask==3.0"),
        new("option value", "FROM x\nRUN pip install --no-cache-dir -r requirements.txt\n",
            s => At<RunInstruction>(s, 1).ShellCommands[0].GetOptionValues("-r")[0].ValueSpan, "requirements.txt"),
        new("attached long option value", "FROM x\nRUN pip install --requirement=req.txt\n",
            s => At<RunInstruction>(s, 1).ShellCommands[0].GetOptionValues("--requirement")[0].ValueSpan, "req.txt"),
        new("program behind python -m", "FROM x\nRUN python3 -m pip install flask\n", s => At<RunInstruction>(s, 1).ShellCommands[0].Program!.Word.Span, "pip"),
        new("heredoc shell command", "FROM x\nRUN <<EOF\nset -e\npip install flask\nEOF\n", s => At<RunInstruction>(s, 1).ShellCommands[2].Words[2].Span, "flask"),
        new("mount target value", "FROM x\nRUN --mount=type=cache,target=/root/.cache/pip pip install flask\n",
            s => At<RunInstruction>(s, 1).Mounts[0].TargetOption!.ValueSpan, "/root/.cache/pip"),
        new("mount option key", "FROM x\nRUN --mount=type=cache,target=/root/.cache/pip pip install flask\n",
            s => At<RunInstruction>(s, 1).Mounts[0].TargetOption!.KeySpan, "target"),
        new("ONBUILD trigger keyword", "FROM x\nONBUILD COPY . /app\n", s => At<OnbuildInstruction>(s, 1).Trigger!.KeywordSpan, "COPY"),
        new("ONBUILD trigger argument", "FROM x\nONBUILD COPY . /app\n", s => At<OnbuildInstruction>(s, 1).Trigger!.Arguments[1].Span, "/app"),
        new("CRLF: instruction ends before the line break", "FROM alpine\r\nRUN apk add curl\r\n", s => s.Instructions[1].Span, "RUN apk add curl"),
        new("CRLF: word on a continued line", "FROM alpine\r\nRUN apk add \\\r\n    curl\r\n", s => At<RunInstruction>(s, 1).ShellCommands[0].Words[2].Span, "curl"),
        new("CRLF: continuation marker", "FROM alpine\r\nRUN apk add \\  \r\n    curl\r\n", s => s.Instructions[1].Lines[0].ContinuationMarker, "\\  "),
        new("CRLF: heredoc body keeps its line breaks", "FROM x\r\nRUN <<EOF\r\necho hi\r\nEOF\r\n", s => s.Instructions[1].Heredocs[0].BodySpan, "echo hi\r\n"),
        new("backtick escape: continued word", "# escape=`\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\nRUN powershell `\n    -Command Write-Host hi\n",
            s => At<RunInstruction>(s, 2 - 1).ShellCommands[0].Words[1].Span, "-Command"),
        new("backtick escape: directive value", "# escape=`\nFROM x\n", s => s.Directives[0].ValueSpan, "`"),
        new("backtick escape: backslash is literal", "# escape=`\nFROM x\nWORKDIR C:\\app\\\n", s => At<WorkdirInstruction>(s, 1).PathSpan, "C:\\app\\"),
        new("syntax directive name", "# syntax=docker/dockerfile:1\nFROM x\n", s => s.Directives[0].NameSpan, "syntax"),
        new("comment text", "FROM x\n# hadolint ignore=DL3008\nRUN apt-get install -y curl\n", s => s.Instructions[1].LeadingComments[0].TextSpan, "hadolint ignore=DL3008"),
        new("error: unknown instruction points at the keyword", "FROM x\nRUNN echo hi\n", s => s.Errors[0].Span, "RUNN"),
        new("error: unknown flag points at the flag", "FROM x\nCOPY --form=build /a /b\n", s => s.Errors[0].Span, "--form=build"),
        new("error: unterminated heredoc points at the marker", "FROM x\nRUN <<EOF\necho hi\n", s => s.Errors[0].Span, "<<EOF"),
        new("warning: empty continuation line", "FROM x\nRUN echo a \\\n   \n    b\n", s => s.Errors[0].Span, "   "),
        new("error: invalid tag", "FROM python:3.12!\n", s => s.Errors[0].Span, "python:3.12!"),
        new("error: invalid mount type", "FROM x\nRUN --mount=type=cahce,target=/x true\n", s => s.Errors[0].Span, "cahce"),
    }.Select(c => new object[] { c });

    [Theory]
    [MemberData(nameof(Cases))]
    public void Span_covers_exactly_the_expected_text(SpanCase testCase)
    {
        var syntax = DockerfileParser.Parse(testCase.Dockerfile);
        var span = testCase.Select(syntax);
        Assert.Equal(testCase.Expected, syntax.Source[span]);
    }

    [Fact]
    public void Joined_text_maps_back_to_the_document()
    {
        const string text = "FROM x\nRUN echo a \\\n# note\n    && echo b\n";
        var run = DockerfileParser.Parse(text).Instructions[1];
        Assert.Equal("RUN echo a     && echo b", run.Line.Text);
        int joined = run.Line.Text.IndexOf("&&", StringComparison.Ordinal);
        Assert.Equal(text.IndexOf("&&", StringComparison.Ordinal), run.Line.ToOriginalOffset(joined));
        Assert.Equal("echo a     && echo b", run.ArgumentsText);
        Assert.Equal("echo a \\\n# note\n    && echo b", text.Substring(run.ArgumentsSpan.Start, run.ArgumentsSpan.Length));
    }

    [Fact]
    public void Lines_of_an_instruction_name_what_each_physical_line_is()
    {
        var run = DockerfileParser.Parse("FROM x\nRUN a \\\n# c\n\n  b \\\n  c <<EOF\nbody\nEOF\n").Instructions[1];
        Assert.Equal(new[]
        {
            InstructionLineKind.Content, InstructionLineKind.Comment, InstructionLineKind.Blank, InstructionLineKind.Content,
            InstructionLineKind.Content, InstructionLineKind.HeredocBody, InstructionLineKind.HeredocTerminator,
        }, run.Lines.Select(l => l.Kind));
        Assert.Equal(1, run.StartLine);
        Assert.Equal(7, run.EndLine);
    }

    [Fact]
    public void Leading_comments_stop_at_a_blank_line_but_comments_before_collect_all()
    {
        var syntax = DockerfileParser.Parse("FROM x\n# first\n\n# pydocker: ignore=PD301\n# second\nRUN apt-get install curl\n");
        var run = syntax.Instructions[1];
        Assert.Equal(new[] { "pydocker: ignore=PD301", "second" }, run.LeadingComments.Select(c => c.Text));
        Assert.Equal(new[] { "first", "pydocker: ignore=PD301", "second" }, syntax.GetCommentsBefore(run).Select(c => c.Text));
    }

    [Fact]
    public void Offsets_convert_to_lsp_positions_through_the_line_map()
    {
        var syntax = DockerfileParser.Parse("FROM x\r\nRUN apk add \\\r\n    curl\r\n");
        var curl = ((RunInstruction)syntax.Instructions[1]).ShellCommands[0].Words[2];
        Assert.Equal(new LinePosition(2, 4), syntax.Source.GetPosition(curl.Span.Start));
        Assert.Equal(new LinePosition(2, 8), syntax.Source.GetPosition(curl.Span.End));
    }
}
