using PyDockerLsp.Core.Tests.Rules.Support;

namespace PyDockerLsp.Core.Tests.Rules.Security;

/// <summary>PD404 tls-verification-disabled: downloads keep checking certificates.</summary>
public class TlsVerificationDisabledRuleTests
{
    private const string Rule = "PD404";

    public static TheoryData<string, string> Fires => new()
    {
        { "pip --trusted-host", "FROM python:3.12-slim\nRUN pip install ⟦--trusted-host⟧ pypi.example.com -r requirements.txt\n" },
        { "pip --trusted-host=", "FROM python:3.12-slim\nRUN python -m pip install ⟦--trusted-host⟧=pypi.example.com app\n" },
        { "pip config", "FROM python:3.12-slim\nRUN pip config set ⟦global.trusted-host⟧ pypi.example.com\n" },
        { "uv --allow-insecure-host", "FROM python:3.12-slim\nRUN uv pip install ⟦--allow-insecure-host⟧ pypi.example.com app\n" },
        { "uv's --trusted-host alias", "FROM python:3.12-slim\nRUN uv sync ⟦--trusted-host⟧=pypi.example.com\n" },
        { "ENV PIP_TRUSTED_HOST", "FROM python:3.12-slim\nENV ⟦PIP_TRUSTED_HOST⟧=pypi.example.com\n" },
        { "ARG default UV_INSECURE_HOST", "FROM python:3.12-slim\nARG ⟦UV_INSECURE_HOST⟧=pypi.example.com\n" },
        { "PYTHONHTTPSVERIFY=0", "FROM python:3.12-slim\nENV ⟦PYTHONHTTPSVERIFY⟧=0\n" },
        { "GIT_SSL_NO_VERIFY, any value", "FROM python:3.12-slim\nENV ⟦GIT_SSL_NO_VERIFY⟧=false\n" },
        { "NODE_TLS_REJECT_UNAUTHORIZED=0", "FROM python:3.12-slim\nENV ⟦NODE_TLS_REJECT_UNAUTHORIZED⟧=0\n" },
        { "Poetry certificate check off", "FROM python:3.12-slim\nENV ⟦POETRY_CERTIFICATES_PRIVATE_CERT⟧=false\nRUN poetry config ⟦certificates.private.cert⟧ false\n" },
        { "curl -k in a group", "FROM python:3.12-slim\nRUN curl ⟦-fsSLk⟧ https://example.com/get.sh | sh\n" },
        { "curl --insecure", "FROM python:3.12-slim\nRUN curl ⟦--insecure⟧ -o /tmp/x https://example.com/x\n" },
        { "wget", "FROM python:3.12-slim\nRUN wget ⟦--no-check-certificate⟧ https://example.com/x\n" },
        { "git -c", "FROM python:3.12-slim\nRUN git -c ⟦http.sslVerify=false⟧ clone https://git.example.com/app.git\n" },
        { "git config", "FROM python:3.12-slim\nRUN git config --global ⟦http.sslverify⟧ false\n" },
        { "conda", "FROM continuumio/miniconda3\nRUN conda config --set ⟦ssl_verify⟧ false\n" },
        { "apt Verify-Peer", "FROM python:3.12-slim\nRUN apt-get -o ⟦Acquire::https::Verify-Peer=false⟧ update\n" },
        { "assignment before a command", "FROM python:3.12-slim\nRUN ⟦PYTHONHTTPSVERIFY⟧=0 python fetch.py\n" },
        { "export", "FROM python:3.12-slim\nRUN export ⟦GIT_SSL_NO_VERIFY⟧=1 && git clone https://git.example.com/app.git\n" },
        { "env wrapper", "FROM python:3.12-slim\nRUN env ⟦PIP_TRUSTED_HOST⟧=pypi.example.com pip install app\n" },
        { "builder stage too", "FROM python:3.12-slim AS build\nRUN pip wheel ⟦--trusted-host⟧ pypi.example.com -w /w app\nFROM python:3.12-slim\n" },
        { "heredoc", "FROM python:3.12-slim\nRUN <<EOF\ncurl ⟦-k⟧ https://example.com/x\nEOF\n" },
    };

    [Theory]
    [MemberData(nameof(Fires))]
    public void Reports_settings_that_turn_certificate_checks_off(string _, string dockerfile) =>
        RuleFixture.Dockerfile(dockerfile).AssertFindings(Rule);

    public static TheoryData<string, string> Silent => new()
    {
        { "verification on", "FROM python:3.12-slim\nRUN curl -fsSL https://example.com/x && wget -q https://example.com/y\n" },
        { "PYTHONHTTPSVERIFY=1", "FROM python:3.12-slim\nENV PYTHONHTTPSVERIFY=1 NODE_TLS_REJECT_UNAUTHORIZED=1\n" },
        { "empty trusted host", "FROM python:3.12-slim\nENV PIP_TRUSTED_HOST=\n" },
        { "a custom CA instead", "FROM python:3.12-slim\nENV PIP_CERT=/etc/ssl/certs/ca.pem REQUESTS_CA_BUNDLE=/etc/ssl/certs/ca.pem\n" },
        { "empty CA bundle variables are not reported", "FROM python:3.12-slim\nENV REQUESTS_CA_BUNDLE=\"\" CURL_CA_BUNDLE=\"\"\n" },
        { "-k of another program", "FROM python:3.12-slim\nRUN ssh-keygen -k -f key && sort -k 2 x\n" },
        { "git sslVerify true", "FROM python:3.12-slim\nRUN git -c http.sslVerify=true clone https://git.example.com/app.git\n" },
        { "pip index without trusted host", "FROM python:3.12-slim\nRUN pip install --index-url https://pypi.example.com/simple app\n" },
        { "the flag as a package name", "FROM python:3.12-slim\nRUN echo --trusted-host\n" },
        { "suppressed", "FROM python:3.12-slim\n# pydocker: ignore=PD404\nRUN curl -k https://example.com/x\n" },
    };

    [Theory]
    [MemberData(nameof(Silent))]
    public void Stays_silent_while_verification_stays_on(string _, string dockerfile) =>
        RuleFixture.Dockerfile(dockerfile).AssertSilent(Rule);
}
