using PyDockerLsp.Core.Analysis;
using PyDockerLsp.Core.Syntax.Dockerfile;

namespace PyDockerLsp.Core.Tests.Syntax;

/// <summary>Each PD0xx code: a small Dockerfile that has the problem and the codes the parser reports for it.</summary>
public sealed class SyntaxErrorTests
{
    public static TheoryData<string, string> Cases => new()
    {
        { "FROM x\nRUNN echo hi\n", "PD001" },
        { "FROM x\nCOPY onlyone\n", "PD002" },
        { "FROM x\nWORKDIR\n", "PD002" },
        { "FROM x\nUSER a b\n", "" }, // USER takes the rest as one argument
        { "FROM x\nENV LONELY\n", "PD002" },
        { "FROM x\nRUN\n", "PD002" },
        { "FROM x\nCOPY --form=a b c\n", "PD003" },
        { "FROM x\nCOPY --from b c\n", "PD003" },
        { "FROM x\nCOPY --link=maybe b c\n", "PD003" },
        { "FROM x\nCOPY --from=a --from=b c d\n", "PD003" },
        { "FROM x\nRUN --mount=type=cache,target=/x --mount=type=secret,id=t true\n", "" },
        { "FROM x\nRUN --mount=type=cahce,target=/x true\n", "PD003" },
        { "FROM x\nRUN --mount=type=cache,targte=/x true\n", "PD003" },
        { "FROM x\nRUN --mount=type=cache,sharing=sometimes,target=/x true\n", "PD003" },
        { "FROM x\nRUN --mount=from=$STAGE,target=/x true\n", "PD003" },
        { "FROM x\nHEALTHCHECK --interval=soon CMD true\n", "PD003" },
        { "FROM x\nHEALTHCHECK --retries=-1 CMD true\n", "PD003" },
        { "FROM x\nRUN <<EOF\necho never closed\n", "PD004" },
        { "FROM x\n# syntax=docker/dockerfile:1\n", "PD005" },
        { "# a comment first\n# escape=`\nFROM x\n", "PD005" },
        { "FROM\n", "PD006" },
        { "FROM Python:3.12\n", "PD006" },
        { "FROM python:3.12@sha256:abc\n", "PD006" },
        { "FROM ${BASE}\n", "" },
        { "FROM x\nONBUILD ONBUILD RUN true\n", "PD007" },
        { "FROM x\nONBUILD FROM y\n", "PD007" },
        { "FROM x\nCMD [\"a\", 1]\n", "PD008" },
        { "FROM x\nCMD [\"a\", 1\n", "" }, // not JSON at all: shell form
        { "FROM x\nRUN echo a \\\n\n    b\n", "PD009" },
        { "", "PD010" },
        { "# only a comment\n", "PD010" },
        { "ARG X=1\nRUN echo $X\n", "PD010,PD011" },
        { "ARG X=1\nFROM x\n", "" },
        { "# escape=x\nFROM x\n", "PD012" },
        { "# escape=\\\n# escape=`\nFROM x\n", "PD012" },
        { "FROM x\nLABEL a=" + new string('x', 70000) + "\n", "PD013" },
        { "FROM x\nENV a=1 b\n", "PD014" },
        { "FROM x\nENV =1\n", "PD014" },
        { "FROM x\nARG =1\n", "PD014" },
        { "FROM x\nCOPY a <<EOF\nEOF\n", "PD014" },
        { "FROM x\nSHELL /bin/bash -c\n", "PD014" },
        { "FROM x\nSHELL []\n", "PD002" },
        { "FROM x\nHEALTHCHECK NONE extra\n", "PD014" },
        { "FROM x\nHEALTHCHECK CONNECT tcp\n", "PD014" },
        { "FROM x\nVOLUME [\"\"]\n", "PD014" },
        { "FROM x AS 1build\n", "PD015" },
        { "FROM x AS a\nFROM y AS A\n", "PD016" },
        { "FROM x AS a\nCOPY --from=a /x /y\n", "PD017" },
        { "FROM x AS a\nCOPY --from=b /x /y\nFROM y AS b\nRUN --mount=from=a,target=/m true\n", "PD017,PD017" },
        { "FROM x AS a\nFROM a AS b\nCOPY --from=a /x /y\n", "" },
        { "FROM x AS a\nCOPY --from=b /x /y\nFROM x AS b\nCOPY --from=c /x /y\nFROM x AS c\nCOPY --from=a /x /y\n", "PD017,PD017,PD017" },
        { "FROM x AS a\nFROM x AS b\nCOPY --from=a / /\nFROM x AS c\nCOPY --from=0 / /\nFROM x\nCOPY --from=b / /\nCOPY --from=c / /\n", "" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Parser_reports_the_expected_codes(string dockerfile, string expectedCodes)
    {
        var syntax = DockerfileParser.Parse(dockerfile);
        Assert.Null(syntax.InternalError);
        string actual = string.Join(",", syntax.Errors.Select(e => e.Code));
        Assert.True(expectedCodes == actual, $"expected [{expectedCodes}] got [{actual}]: {string.Join(" | ", syntax.Errors)}");
    }

    [Fact]
    public void Every_code_is_in_the_table_once_with_documentation()
    {
        var codes = DockerfileSyntaxCodes.All.Select(c => c.Code).ToList();
        Assert.Equal(codes.Distinct().Count(), codes.Count);
        Assert.Equal(Enumerable.Range(1, codes.Count).Select(i => $"PD{i:000}"), codes);
        foreach (var code in DockerfileSyntaxCodes.All)
        {
            Assert.Matches("^[a-z]+(-[a-z]+)*$", code.Name);
            Assert.False(string.IsNullOrWhiteSpace(code.Summary));
            Assert.True(code.Documentation.Length > code.Summary.Length);
            Assert.Same(code, DockerfileSyntaxCodes.Find(code.Code));
        }
        Assert.Equal("no-from-instruction", DockerfileSyntaxCodes.Find("PD010")!.Name);
    }

    [Fact]
    public void One_bad_instruction_does_not_stop_the_rest()
    {
        var syntax = DockerfileParser.Parse("FROM python:3.12\nRUNN broken\nCOPY --nope x y\nCMD [1]\nUSER app\nCMD [\"python\", \"app.py\"]\n");
        Assert.Equal(new[] { InstructionKind.From, InstructionKind.Unknown, InstructionKind.Copy, InstructionKind.Cmd, InstructionKind.User, InstructionKind.Cmd },
            syntax.Instructions.Select(i => i.Kind));
        Assert.Equal("app", ((UserInstruction)syntax.Instructions[4]).User);
        Assert.Equal(new[] { "python", "app.py" }, ((CmdInstruction)syntax.Instructions[5]).ExecArguments);
        Assert.Equal(new[] { "PD001", "PD003", "PD008" }, syntax.Errors.Select(e => e.Code));
        Assert.All(syntax.Stages[0].Instructions, i => Assert.Same(syntax.Stages[0], i.Stage));
    }

    [Fact]
    public void Errors_become_findings_with_lsp_ranges()
    {
        var syntax = DockerfileParser.Parse("FROM x\nRUNN echo\n");
        var finding = syntax.Errors.Single().ToFinding("/work/Dockerfile", syntax.Source);
        Assert.Equal("PD001", finding.Code);
        Assert.Equal("unknown-instruction", finding.RuleName);
        Assert.Equal(Severity.Error, finding.Severity);
        Assert.Equal(new Text.LineRange(new Text.LinePosition(1, 0), new Text.LinePosition(1, 4)), finding.Range);
    }

    [Fact]
    public void Unknown_instruction_suggests_the_closest_keyword()
    {
        var error = DockerfileParser.Parse("FROM x\nCOPPY a b\n").Errors.Single();
        Assert.Contains("COPY", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parser_directives_are_read_only_at_the_top()
    {
        var syntax = DockerfileParser.Parse("# syntax=docker/dockerfile:1.7\n# check=skip=JSONArgsRecommended\n# escape=`\n\nFROM x\n");
        Assert.Equal(new[] { "syntax", "check", "escape" }, syntax.Directives.Select(d => d.Name));
        Assert.Equal("docker/dockerfile:1.7", syntax.GetDirective("syntax")!.Reference);
        Assert.Equal('`', syntax.EscapeChar);
        Assert.Empty(syntax.Errors);
        var late = DockerfileParser.Parse("FROM x\n# escape=`\n");
        Assert.Equal('\\', late.EscapeChar);
        Assert.Empty(late.Directives);
    }
}
