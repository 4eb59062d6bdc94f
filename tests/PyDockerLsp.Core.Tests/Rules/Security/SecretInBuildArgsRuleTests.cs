using PyDockerLsp.Core.Tests.Rules.OsPackages;
using PyDockerLsp.Core.Tests.Rules.Support;
using Xunit.Abstractions;

namespace PyDockerLsp.Core.Tests.Rules.Security;

/// <summary>PD402 secret-in-build-args: credentials never go through ARG, ENV or a command line.</summary>
public class SecretInBuildArgsRuleTests
{
    private const string Rule = "PD402";
    private readonly ITestOutputHelper _output;

    public SecretInBuildArgsRuleTests(ITestOutputHelper output) => _output = output;

    public static TheoryData<string, string> Fires => new()
    {
        { "ARG token", "FROM python:3.12-slim\nARG ⟦GITHUB_TOKEN⟧\nRUN pip install git+https://${GITHUB_TOKEN}@github.com/org/lib.git\n" },
        { "global ARG", "ARG ⟦NPM_TOKEN⟧\nFROM python:3.12-slim\n" },
        { "ENV password", "FROM python:3.12-slim\nENV ⟦DB_PASSWORD⟧=hunter2\n" },
        { "Django secret key", "FROM python:3.12-slim\nENV DJANGO_SETTINGS_MODULE=app.settings ⟦DJANGO_SECRET_KEY⟧=changeme\n" },
        { "legacy ENV form", "FROM python:3.12-slim\nENV ⟦SECRET_KEY⟧ changeme\n" },
        { "lower case and camelCase", "FROM python:3.12-slim\nARG ⟦openai_api_key⟧\nARG ⟦stripeApiKey⟧\n" },
        { "private and access keys", "FROM python:3.12-slim\nARG ⟦SSH_PRIVATE_KEY⟧\nARG ⟦AWS_ACCESS_KEY_ID⟧\nARG ⟦AWS_SECRET_ACCESS_KEY⟧\n" },
        { "short forms", "FROM python:3.12-slim\nARG ⟦DB_PASS⟧\nARG ⟦SMTP_PWD⟧\nARG ⟦BASIC_AUTH⟧\nARG ⟦HF_TOKEN⟧\n" },
        { "credentials in a pip index URL", "FROM python:3.12-slim\nARG PIP_INDEX_URL=https://⟦deploy:s3cr3t⟧@pypi.example.com/simple\n" },
        { "a bare token in an index URL", "FROM python:3.12-slim\nENV PIP_EXTRA_INDEX_URL=\"https://⟦gf_4bc9⟧@pypi.fury.io/acme/\"\n" },
        { "uv index URL with variables is still stored", "FROM python:3.12-slim\nARG ⟦TOKEN_VALUE⟧\nENV UV_INDEX_URL=https://⟦__token__:${TOKEN_VALUE}⟧@pypi.example.com/simple\n" },
        { "any URL with a password in ENV", "FROM python:3.12-slim\nENV DATABASE_URL=postgres://⟦app:pa55⟧@db:5432/app\n" },
        { "literal password in a RUN", "FROM python:3.12-slim\nRUN pip install --index-url https://⟦deploy:s3cr3t⟧@pypi.example.com/simple -r requirements.txt\n" },
        { "literal token in an index option", "FROM python:3.12-slim\nRUN pip install --extra-index-url=https://⟦gf_4bc9⟧@pypi.fury.io/acme/ app\n" },
        { "git clone with a password", "FROM python:3.12-slim AS build\nRUN git clone https://⟦bot:ghp_abc⟧@github.com/org/private.git\nFROM python:3.12-slim\n" },
        { "poetry http-basic", "FROM python:3.12-slim\nRUN poetry config http-basic.private deploy ⟦s3cr3t⟧\n" },
        { "poetry pypi-token", "FROM python:3.12-slim\nRUN poetry config pypi-token.pypi ⟦pypi-AgEIcHlwaS5vcmc⟧\n" },
        { "pip.conf written by a COPY heredoc", "FROM python:3.12-slim AS build\nCOPY <<EOF /etc/pip.conf\n[global]\nindex-url = https://⟦deploy:s3cr3t⟧@pypi.example.com/simple\nEOF\nFROM python:3.12-slim\n" },
        { "heredoc RUN", "FROM python:3.12-slim\nRUN <<EOF\npip install --index-url https://⟦u:p4ss⟧@pypi.example.com/simple app\nEOF\n" },
        { "ONBUILD", "FROM python:3.12-slim\nONBUILD ARG ⟦API_TOKEN⟧\n" },
    };

    [Theory]
    [MemberData(nameof(Fires))]
    public void Reports_credentials_in_build_arguments_environment_and_commands(string _, string dockerfile) =>
        RuleFixture.Dockerfile(dockerfile).AssertFindings(Rule);

    public static TheoryData<string, string> Silent => new()
    {
        { "ordinary names", "FROM python:3.12-slim\nARG PYTHON_VERSION=3.12\nENV PYTHONUNBUFFERED=1 APP_HOME=/app\n" },
        { "the official image's GPG key fingerprint", "FROM buildpack-deps:bookworm\nENV GPG_KEY A035C8C19219BA821ECEA86B64E628F8D684696D\n" },
        { "word parts that only look alike", "FROM python:3.12-slim\nENV TOKENIZERS_PARALLELISM=false MAX_TOKENS=4096 PASSTHROUGH=1 BYPASS_CACHE=1\n" },
        { "names describing a credential", "FROM python:3.12-slim\nENV SECRET_KEY_FILE=/run/secrets/key TOKEN_URL=https://auth.example.com/token PASSWORD_MIN_LENGTH=12 OAUTH_CLIENT_ID=abc\n" },
        { "a path to a credentials file", "FROM python:3.12-slim\nENV GOOGLE_APPLICATION_CREDENTIALS=/run/secrets/gcp.json\n" },
        { "public keys", "FROM python:3.12-slim\nENV STRIPE_PUBLIC_KEY=pk_test_123\n" },
        { "user names", "FROM python:3.12-slim\nARG DOCKER_USERNAME\nENV POSTGRES_USER=app\n" },
        { "the working directory variable", "FROM python:3.12-slim\nENV PWD=/app\n" },
        { "an index URL without credentials", "FROM python:3.12-slim\nARG PIP_INDEX_URL=https://pypi.example.com/simple\n" },
        { "a user without a password in a URL", "FROM python:3.12-slim\nRUN pip install git+ssh://git@github.com/org/lib.git\n" },
        { "password from a secret mount's env", "FROM python:3.12-slim\nRUN --mount=type=secret,id=idx,env=IDX_PASS pip install --index-url https://deploy:${IDX_PASS}@pypi.example.com/simple app\n" },
        { "token from a variable in an index option", "FROM python:3.12-slim\nRUN --mount=type=secret,id=t,env=T pip install --index-url https://$T@pypi.example.com/simple app\n" },
        { "poetry credentials from variables", "FROM python:3.12-slim\nRUN --mount=type=secret,id=p,env=PASS poetry config http-basic.private deploy \"$PASS\"\n" },
        { "suppressed with BuildKit's check name", "# check=skip=SecretsUsedInArgOrEnv\nFROM python:3.12-slim\nARG GITHUB_TOKEN\n" },
        { "suppressed with hadolint's id", "FROM python:3.12-slim\n# hadolint ignore=DL3064\nARG GITHUB_TOKEN\n" },
    };

    [Theory]
    [MemberData(nameof(Silent))]
    public void Stays_silent_on_look_alikes_and_secret_mounts(string _, string dockerfile) =>
        RuleFixture.Dockerfile(dockerfile).AssertSilent(Rule);

    [Fact]
    public void The_message_points_to_secret_mounts_and_there_is_no_fix()
    {
        var finding = Assert.Single(RuleFixture.Dockerfile("FROM python:3.12-slim\nARG GITHUB_TOKEN\n").Run(Rule));
        Assert.Contains("--mount=type=secret", finding.Message);
        Assert.Equal(new[] { "Ignore PD402 for this instruction" }, finding.Fixes.Select(f => f.Title));
    }

    [Fact]
    public void Agrees_with_hadolint_DL3064()
    {
        var result = HadolintAgreement.Measure("DL3064", Rule);
        _output.WriteLine(result.Summary("DL3064", Rule));
        Assert.True(result.Agreeing >= 14, result.Summary("DL3064", Rule));
    }
}
