using PyDockerLsp.Core.Tests.Rules.Support;

namespace PyDockerLsp.Core.Tests.Rules.Runtime;

/// <summary>PD502 shell-form-command: CMD/ENTRYPOINT of the final image should be JSON arrays.</summary>
public class ShellFormCommandRuleTests
{
    private const string Rule = "PD502";

    public static TheoryData<string, string> Fires => new()
    {
        { "shell-form CMD", "FROM python:3.12-slim\nCMD ⟦python app.py⟧\n" },
        { "shell-form ENTRYPOINT", "FROM python:3.12-slim\nENTRYPOINT ⟦gunicorn app:app⟧\n" },
        { "lower-case keyword", "FROM python:3.12-slim\ncmd ⟦uvicorn main:app --host 0.0.0.0⟧\n" },
        { "continued over lines", "FROM python:3.12-slim\nCMD ⟦gunicorn \\\n    app:app⟧\n" },
        { "final stage of a multi-stage build", "FROM python:3.12-slim AS build\nRUN pip wheel .\nFROM python:3.12-slim\nCMD ⟦python -m app⟧\n" },
        { "inherited from a stage the final one builds on", "FROM python:3.12-slim AS base\nCMD ⟦python -m app⟧\nFROM base\nUSER app\n" },
    };

    [Theory]
    [MemberData(nameof(Fires))]
    public void Reports_shell_form_commands_of_the_final_image(string _, string dockerfile) =>
        RuleFixture.Dockerfile(dockerfile).AssertFindings(Rule);

    public static TheoryData<string, string> Silent => new()
    {
        { "exec form", "FROM python:3.12-slim\nCMD [\"python\", \"app.py\"]\n" },
        { "empty exec form", "FROM python:3.12-slim\nCMD []\n" },
        { "a builder stage nobody builds on", "FROM python:3.12-slim AS tests\nCMD pytest\nFROM python:3.12-slim\nCMD [\"python\", \"-m\", \"app\"]\n" },
        { "suppressed inline", "FROM python:3.12-slim\n# pydocker: ignore=PD502\nCMD python app.py\n" },
        { "suppressed by hadolint's id", "FROM python:3.12-slim\n# hadolint ignore=DL3025\nCMD python app.py\n" },
        { "suppressed by BuildKit's check directive", "# check=skip=JSONArgsRecommended\nFROM python:3.12-slim\nCMD python app.py\n" },
        { "suppressed for the whole file", "# pydocker: ignore-file=PD502\nFROM python:3.12-slim\nCMD python app.py\n" },
    };

    [Theory]
    [MemberData(nameof(Silent))]
    public void Stays_silent_on_exec_form_and_when_suppressed(string _, string dockerfile) =>
        RuleFixture.Dockerfile(dockerfile).AssertSilent(Rule);

    public static TheoryData<string, string> Fixes => new()
    {
        { "FROM python:3.12-slim\nCMD python app.py\n", "FROM python:3.12-slim\nCMD [\"python\", \"app.py\"]\n" },
        { "FROM python:3.12-slim\r\nENTRYPOINT gunicorn 'app:create_app()' -b 0.0.0.0:8000\r\n",
          "FROM python:3.12-slim\r\nENTRYPOINT [\"gunicorn\", \"app:create_app()\", \"-b\", \"0.0.0.0:8000\"]\r\n" },
        { "FROM python:3.12-slim\nCMD gunicorn \\\n    app:app\n", "FROM python:3.12-slim\nCMD [\"gunicorn\", \"app:app\"]\n" },
    };

    [Theory]
    [MemberData(nameof(Fixes))]
    public void The_fix_writes_a_json_array(string before, string after) =>
        Assert.Equal(after, RuleFixture.Dockerfile(before).ApplyFixAndVerify(Rule, "exec form"));

    [Theory]
    [InlineData("FROM python:3.12-slim\nCMD gunicorn app:app --bind 0.0.0.0:$PORT\n")]
    [InlineData("FROM python:3.12-slim\nCMD python migrate.py && python app.py\n")]
    [InlineData("FROM python:3.12-slim\nCMD python app.py > /tmp/log\n")]
    public void No_conversion_is_offered_when_the_command_needs_a_shell(string dockerfile)
    {
        var finding = Assert.Single(RuleFixture.Dockerfile(dockerfile).Run(Rule));
        Assert.DoesNotContain(finding.Fixes, f => f.Title.Contains("exec form", StringComparison.Ordinal));
        Assert.Contains(finding.Fixes, f => f.Title == "Ignore PD502 for this instruction");
    }

    [Fact]
    public void The_ignore_fix_inserts_a_comment_with_the_instructions_indentation()
    {
        var fixture = RuleFixture.Dockerfile("FROM python:3.12-slim\n  CMD python app.py\n");
        var after = fixture.ApplyFixAndVerify(Rule, "Ignore PD502");
        Assert.Equal("FROM python:3.12-slim\n  # pydocker: ignore=PD502\n  CMD python app.py\n", after);
    }

    [Fact]
    public void The_ignore_fix_extends_an_existing_ignore_comment()
    {
        var fixture = RuleFixture.Dockerfile("FROM python:3.12-slim\n# pydocker: ignore=PD501\nCMD python app.py\n");
        Assert.Equal("FROM python:3.12-slim\n# pydocker: ignore=PD501,PD502\nCMD python app.py\n", fixture.ApplyFixAndVerify(Rule, "Ignore PD502"));
    }
}
