using PyDockerLsp.Core.Tests.Rules.Support;

namespace PyDockerLsp.Core.Tests.Rules.Runtime;

/// <summary>PD503 missing-healthcheck: a web app's image should say how to tell it is healthy.</summary>
public class MissingHealthcheckRuleTests
{
    private const string Rule = "PD503";

    private static RuleFixture Web(string dockerfile, string requirements = "fastapi==0.115.0\nuvicorn==0.32.0\n") =>
        RuleFixture.Dockerfile(dockerfile).File("requirements.txt", requirements);

    private const string Check8000 = "HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \\\n    CMD [\"python\", \"-c\", \"import http.client, sys; c = http.client.HTTPConnection('127.0.0.1', 8000, timeout=4); c.request('GET', '/'); sys.exit(c.getresponse().status >= 500)\"]\n";

    public static TheoryData<string, RuleFixture> Fires => new()
    {
        { "uvicorn in CMD", Web("FROM python:3.12-slim\n⟦CMD⟧ [\"uvicorn\", \"app:app\", \"--host\", \"0.0.0.0\"]\n") },
        { "EXPOSE without a server command", Web("FROM python:3.12-slim\n⟦EXPOSE⟧ 8000\nENTRYPOINT [\"/entrypoint.sh\"]\n") },
        { "a multi-stage build", Web("FROM python:3.12-slim AS build\nRUN pip install -r requirements.txt\nFROM python:3.12-slim\n⟦CMD⟧ gunicorn app:app\n", "flask==3.1.0\ngunicorn==23.0.0\n") },
        { "the CMD inherited from a base stage", Web("FROM python:3.12-slim AS base\nCMD [\"gunicorn\", \"app:app\"]\nFROM ⟦base⟧\nUSER app\n") },
        { "EXPOSE beside the server command", Web("FROM python:3.12-slim\n⟦EXPOSE⟧ 8000\nCMD [\"uvicorn\", \"app:app\"]\n") },
    };

    [Theory]
    [MemberData(nameof(Fires))]
    public void Reports_web_apps_without_a_healthcheck(string _, RuleFixture fixture) => fixture.AssertFindings(Rule);

    public static TheoryData<string, RuleFixture> Silent => new()
    {
        { "a HEALTHCHECK", Web("FROM python:3.12-slim\nHEALTHCHECK CMD python -c 'print(1)'\nCMD [\"uvicorn\", \"app:app\"]\n") },
        { "HEALTHCHECK NONE is a decision", Web("FROM python:3.12-slim\nHEALTHCHECK NONE\nCMD [\"uvicorn\", \"app:app\"]\n") },
        { "a HEALTHCHECK in the base stage", Web("FROM python:3.12-slim AS base\nHEALTHCHECK CMD python -V\nFROM base\nCMD [\"uvicorn\", \"app:app\"]\n") },
        { "not a web project", RuleFixture.Dockerfile("FROM python:3.12-slim\nCMD [\"gunicorn\", \"app:app\"]\n").File("requirements.txt", "celery==5.4.0\n") },
        { "a worker image of a web project", Web("FROM python:3.12-slim\nCMD [\"celery\", \"-A\", \"app\", \"worker\"]\n") },
        { "no project at all", RuleFixture.Dockerfile("FROM python:3.12-slim\nEXPOSE 8000\n") },
    };

    [Theory]
    [MemberData(nameof(Silent))]
    public void Stays_silent_with_a_healthcheck_or_without_a_web_server(string _, RuleFixture fixture) => fixture.AssertSilent(Rule);

    public static TheoryData<RuleFixture, string, string> Fixes => new()
    {
        { Web("FROM python:3.12-slim\nEXPOSE 8000\nCMD [\"uvicorn\", \"app:app\"]\n"), "on port 8000",
          "FROM python:3.12-slim\nEXPOSE 8000\n" + Check8000 + "CMD [\"uvicorn\", \"app:app\"]\n" },
        { Web("FROM python:3.12-slim\nCMD [\"gunicorn\", \"--bind\", \"0.0.0.0:9000\", \"app:app\"]\n"), "on port 9000",
          "FROM python:3.12-slim\n" + Check8000.Replace("8000", "9000") + "CMD [\"gunicorn\", \"--bind\", \"0.0.0.0:9000\", \"app:app\"]\n" },
        { Web("FROM python:3.12-slim\r\n  CMD [\"python\", \"-m\", \"uvicorn\", \"app:app\", \"--port=8080\"]\r\n"), "on port 8080",
          "FROM python:3.12-slim\r\n  " + Check8000.Replace("8000", "8080").Replace("\n    CMD", "\r\n      CMD").Replace("\"]\n", "\"]\r\n") + "  CMD [\"python\", \"-m\", \"uvicorn\", \"app:app\", \"--port=8080\"]\r\n" },
        { Web("# escape=`\nFROM python:3.12-slim\nEXPOSE 5000\nCMD flask run\n", "flask==3.1.0\n"), "on port 5000",
          "# escape=`\nFROM python:3.12-slim\nEXPOSE 5000\n" + Check8000.Replace("8000", "5000").Replace("\\\n", "`\n") + "CMD flask run\n" },
        { Web("FROM ubuntu:24.04\nRUN apt-get update && apt-get install -y python3-pip\nEXPOSE 80\nCMD [\"gunicorn\", \"-b\", \"0.0.0.0:80\", \"app:app\"]\n"), "on port 80",
          "FROM ubuntu:24.04\nRUN apt-get update && apt-get install -y python3-pip\nEXPOSE 80\n" + Check8000.Replace("8000", "80").Replace("[\"python\"", "[\"python3\"") + "CMD [\"gunicorn\", \"-b\", \"0.0.0.0:80\", \"app:app\"]\n" },
        { Web("FROM python:3.12-slim AS base\nCMD [\"gunicorn\", \"app:app\"]\nFROM base\nUSER app"), "on port 8000",
          "FROM python:3.12-slim AS base\nCMD [\"gunicorn\", \"app:app\"]\nFROM base\nUSER app\n" + Check8000 },
    };

    [Theory]
    [MemberData(nameof(Fixes))]
    public void The_fix_adds_a_python_healthcheck_on_the_app_s_port(RuleFixture fixture, string title, string expected) =>
        Assert.Equal(expected, fixture.ApplyFixAndVerify(Rule, title));
}
