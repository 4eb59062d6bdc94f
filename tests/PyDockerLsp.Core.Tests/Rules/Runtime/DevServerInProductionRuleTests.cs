using PyDockerLsp.Core.Analysis;
using PyDockerLsp.Core.Tests.Rules.Support;

namespace PyDockerLsp.Core.Tests.Rules.Runtime;

/// <summary>PD504 dev-server-in-production: the final image must not start a development server or auto-reload.</summary>
public class DevServerInProductionRuleTests
{
    private const string Rule = "PD504";
    private const string Slim = "FROM python:3.12-slim\n";

    public static TheoryData<string, string> Fires => new()
    {
        { "flask run, exec form", Slim + "CMD [⟦\"flask\", \"run\"⟧, \"--host=0.0.0.0\"]\n" },
        { "flask run, shell form", Slim + "CMD ⟦flask run⟧ --host=0.0.0.0\n" },
        { "python -m flask run", Slim + "CMD [\"python\", \"-m\", ⟦\"flask\", \"run\"⟧]\n" },
        { "flask --app … run", Slim + "CMD ⟦flask --app app run⟧ --debug\n" },
        { "manage.py runserver", Slim + "CMD [\"python\", \"manage.py\", ⟦\"runserver\"⟧, \"0.0.0.0:8000\"]\n" },
        { "./manage.py runserver", Slim + "CMD ./manage.py ⟦runserver⟧ 0.0.0.0:8000\n" },
        { "django-admin runserver", Slim + "ENTRYPOINT [\"django-admin\", ⟦\"runserver\"⟧]\n" },
        { "inside sh -c", Slim + "CMD [\"sh\", \"-c\", \"python manage.py migrate && python manage.py ⟦runserver⟧ 0.0.0.0:8000\"]\n" },
        { "after && in shell form", Slim + "CMD python manage.py migrate && python manage.py ⟦runserver⟧\n" },
        { "uvicorn --reload", Slim + "CMD [\"uvicorn\", \"app.main:app\", ⟦\"--reload\"⟧]\n" },
        { "python -m uvicorn --reload", Slim + "CMD python -m uvicorn main:app ⟦--reload⟧ --port 80\n" },
        { "gunicorn --reload", Slim + "ENTRYPOINT [\"gunicorn\", ⟦\"--reload\"⟧, \"app:app\"]\n" },
        { "--reload=true", Slim + "CMD [\"hypercorn\", \"app:app\", ⟦\"--reload=true\"⟧]\n" },
        { "fastapi dev", Slim + "CMD [⟦\"fastapi\", \"dev\"⟧, \"main.py\"]\n" },
        { "fastapi run --reload", Slim + "CMD fastapi run main.py ⟦--reload⟧\n" },
        { "CMD arguments of an exec ENTRYPOINT", Slim + "ENTRYPOINT [\"uvicorn\"]\nCMD [\"app:app\", ⟦\"--reload\"⟧]\n" },
        { "CMD run by an entrypoint script", Slim + "ENTRYPOINT [\"/docker-entrypoint.sh\"]\nCMD [⟦\"flask\", \"run\"⟧, \"--host=0.0.0.0\"]\n" },
        { "CMD run by tini", Slim + "ENTRYPOINT [\"tini\", \"--\"]\nCMD [\"uvicorn\", \"app:app\", ⟦\"--reload\"⟧]\n" },
        { "inherited from the base stage", "FROM python:3.12-slim AS base\nCMD ⟦flask run⟧\nFROM base\nUSER app\n" },
    };

    [Theory]
    [MemberData(nameof(Fires))]
    public void Reports_development_servers_started_by_the_final_image(string _, string dockerfile) =>
        RuleFixture.Dockerfile(dockerfile).AssertFindings(Rule);

    public static TheoryData<string, string> Silent => new()
    {
        { "gunicorn", Slim + "CMD [\"gunicorn\", \"app:app\", \"--bind\", \"0.0.0.0:8000\"]\n" },
        { "uvicorn without reload", Slim + "CMD uvicorn app:app --host 0.0.0.0 --workers 4\n" },
        { "--reload=false", Slim + "CMD [\"uvicorn\", \"app:app\", \"--reload=false\"]\n" },
        { "fastapi run", Slim + "CMD [\"fastapi\", \"run\", \"main.py\"]\n" },
        { "other flask and django commands", Slim + "CMD flask db upgrade && python manage.py migrate && gunicorn app:app\n" },
        { "a dev stage that is not the final one", "FROM python:3.12-slim AS dev\nCMD [\"uvicorn\", \"app:app\", \"--reload\"]\nFROM python:3.12-slim\nCMD [\"uvicorn\", \"app:app\"]\n" },
        { "overridden in the final stage", "FROM python:3.12-slim AS base\nCMD flask run\nFROM base\nCMD [\"gunicorn\", \"app:app\"]\n" },
        { "reset by a later ENTRYPOINT", "FROM python:3.12-slim AS base\nCMD flask run\nFROM base\nENTRYPOINT [\"gunicorn\", \"app:app\"]\n" },
        { "replaced by a later CMD in the same stage", Slim + "CMD flask run\nCMD [\"gunicorn\", \"app:app\"]\n" },
        { "a RUN is not what the image starts", Slim + "RUN python manage.py runserver --help\nCMD [\"gunicorn\", \"app:app\"]\n" },
        { "gunicorn entrypoint with arguments in CMD", Slim + "ENTRYPOINT [\"gunicorn\"]\nCMD [\"app:app\", \"--workers\", \"4\"]\n" },
        { "reload as an application argument", Slim + "CMD [\"python\", \"app.py\", \"--reload\"]\n" },
    };

    [Theory]
    [MemberData(nameof(Silent))]
    public void Stays_silent_on_production_servers_and_other_stages(string _, string dockerfile) =>
        RuleFixture.Dockerfile(dockerfile).AssertSilent(Rule);

    public static TheoryData<string, string> Fixes => new()
    {
        { Slim + "CMD [\"uvicorn\", \"app.main:app\", \"--host\", \"0.0.0.0\", \"--reload\"]\n", Slim + "CMD [\"uvicorn\", \"app.main:app\", \"--host\", \"0.0.0.0\"]\n" },
        { Slim + "CMD [\"uvicorn\", \"--reload\", \"app:app\"]\n", Slim + "CMD [\"uvicorn\", \"app:app\"]\n" },
        { Slim + "CMD uvicorn app:app --reload --port 8000\n", Slim + "CMD uvicorn app:app --port 8000\n" },
        { Slim + "CMD uvicorn app:app \\\n    --reload\n", Slim + "CMD uvicorn app:app\n" },
        { Slim + "CMD uvicorn app:app \\\n    --reload \\\n    --port 8000\n", Slim + "CMD uvicorn app:app \\\n    --port 8000\n" },
        { "FROM python:3.12-slim\r\nENTRYPOINT [\"gunicorn\", \"--reload\", \"app:app\"]\r\n", "FROM python:3.12-slim\r\nENTRYPOINT [\"gunicorn\", \"app:app\"]\r\n" },
        { Slim + "CMD [\"uvicorn\", \"app:app\", \"--reload=true\"]\n", Slim + "CMD [\"uvicorn\", \"app:app\"]\n" },
        { Slim + "CMD [\"sh\", \"-c\", \"alembic upgrade head && uvicorn app:app --reload\"]\n", Slim + "CMD [\"sh\", \"-c\", \"alembic upgrade head && uvicorn app:app\"]\n" },
        { "# escape=`\n" + Slim + "CMD uvicorn app:app `\n    --reload\n", "# escape=`\n" + Slim + "CMD uvicorn app:app\n" },
        { Slim + "ENTRYPOINT [\"uvicorn\"]\nCMD [\"app:app\", \"--reload\"]\n", Slim + "ENTRYPOINT [\"uvicorn\"]\nCMD [\"app:app\"]\n" },
        { Slim + "ENTRYPOINT [\"tini\", \"--\"]\nCMD [\"gunicorn\", \"--reload\", \"app:app\"]\n", Slim + "ENTRYPOINT [\"tini\", \"--\"]\nCMD [\"gunicorn\", \"app:app\"]\n" },
        { "  " + Slim + "  CMD python -m uvicorn main:app --reload --host 0.0.0.0\n", "  " + Slim + "  CMD python -m uvicorn main:app --host 0.0.0.0\n" },
    };

    [Theory]
    [MemberData(nameof(Fixes))]
    public void The_fix_removes_reload(string before, string after) =>
        Assert.Equal(after, RuleFixture.Dockerfile(before).ApplyFixAndVerify(Rule, "Remove --reload"));

    [Fact]
    public void Fastapi_dev_can_become_fastapi_run_as_an_unsafe_fix()
    {
        var fixture = RuleFixture.Dockerfile(Slim + "CMD [\"fastapi\", \"dev\", \"main.py\"]\n");
        var fix = Assert.Single(Assert.Single(fixture.Run(Rule)).Fixes, f => f.Title.Contains("fastapi run", StringComparison.Ordinal));
        Assert.Equal(FixSafety.Unsafe, fix.Safety);
        Assert.Equal(Slim + "CMD [\"fastapi\", \"run\", \"main.py\"]\n", fixture.ApplyFixAndVerify(Rule, "fastapi run"));
    }

    [Theory]
    [InlineData(Slim + "CMD [\"python\", \"manage.py\", \"runserver\"]\n")]
    [InlineData(Slim + "CMD flask run\n")]
    [InlineData(Slim + "CMD [\"uvicorn\", \"app:app\", \"--reload\", \"--reload-dir\", \"src\"]\n")]
    [InlineData(Slim + "ENTRYPOINT [\"uvicorn\", \"app:app\"]\nCMD [\"--reload\"]\n")]
    public void Only_the_ignore_fix_is_offered_where_dropping_reload_is_not_the_whole_fix(string dockerfile)
    {
        var finding = Assert.Single(RuleFixture.Dockerfile(dockerfile).Run(Rule));
        Assert.All(finding.Fixes, f => Assert.StartsWith("Ignore PD504", f.Title, StringComparison.Ordinal));
    }
}
