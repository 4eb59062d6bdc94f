using PyDockerLsp.Core.Tests.Rules.Support;

namespace PyDockerLsp.Core.Tests.Rules.Security;

/// <summary>PD403 pip-config-in-final-stage: index configuration stays out of the final image.</summary>
public class PipConfigInFinalStageRuleTests
{
    private const string Rule = "PD403";

    public static TheoryData<string, string> Fires => new()
    {
        { "COPY pip.conf", "FROM python:3.12-slim\nCOPY ⟦pip.conf⟧ /etc/pip.conf\nRUN pip install -r requirements.txt\n" },
        { "COPY into the user config folder", "FROM python:3.12-slim\nCOPY ⟦config/pip.conf⟧ /root/.config/pip/\n" },
        { "COPY .pypirc and .netrc", "FROM python:3.12-slim\nCOPY ⟦.pypirc⟧ /root/\nADD ⟦.netrc⟧ /root/.netrc\n" },
        { "COPY under another name", "FROM python:3.12-slim\nCOPY corp-index.conf ⟦/etc/pip.conf⟧\n" },
        { "COPY heredoc", "FROM python:3.12-slim\nCOPY <<EOF ⟦/etc/pip.conf⟧\n[global]\nindex-url = https://pypi.example.com/simple\nEOF\n" },
        { "base stage of the final one", "FROM python:3.12-slim AS base\nCOPY ⟦pip.conf⟧ /etc/pip.conf\nFROM base\nCMD [\"python\"]\n" },
        { "RUN writes it", "FROM python:3.12-slim\nRUN printf '[global]\\nindex-url = https://pypi.example.com/simple\\n' > ⟦/etc/pip.conf⟧\n" },
        { "RUN tee", "FROM python:3.12-slim\nRUN echo 'machine pypi.example.com login x' | tee ⟦/root/.netrc⟧\n" },
        { "removed in a later RUN is still in the layer", "FROM python:3.12-slim\nRUN cp /tmp/pip.conf ⟦/etc/pip.conf⟧ && pip install app\nRUN rm /etc/pip.conf\n" },
        { "pip config set", "FROM python:3.12-slim\nRUN pip config set ⟦global.index-url⟧ https://pypi.example.com/simple\n" },
        { "poetry repository", "FROM python:3.12-slim\nRUN poetry config ⟦repositories.private⟧ https://pypi.example.com/simple\n" },
        { "ENV index URL", "FROM python:3.12-slim\nENV ⟦PIP_INDEX_URL⟧=https://pypi.example.com/simple\n" },
        { "ENV uv index", "FROM python:3.12-slim\nENV ⟦UV_EXTRA_INDEX_URL⟧=https://pypi.example.com/simple ⟦POETRY_REPOSITORIES_PRIVATE_URL⟧=https://pypi.example.com/simple\n" },
        { "COPY . . with pip.conf in the context", "FROM python:3.12-slim\nWORKDIR /app\nCOPY ⟦.⟧ .\n" },
        { "COPY --from of the builder's pip folder", "FROM python:3.12-slim AS builder\nCOPY pip.conf /root/.pip/pip.conf\nRUN pip install --prefix=/install app\nFROM python:3.12-slim\nCOPY --from=builder ⟦/root/.pip⟧ /root/.pip\n" },
        { "COPY --from of a folder holding it", "FROM python:3.12-slim AS builder\nWORKDIR /build\nCOPY pip.conf .\nRUN pip wheel -w wheels app\nFROM python:3.12-slim\nCOPY --from=builder ⟦/build⟧ /build\n" },
    };

    [Theory]
    [MemberData(nameof(Fires))]
    public void Reports_index_configuration_that_reaches_the_final_image(string name, string dockerfile)
    {
        var fixture = RuleFixture.Dockerfile(dockerfile);
        if (name.Contains("context", StringComparison.Ordinal)) fixture.File("pip.conf", "[global]\nindex-url = https://pypi.example.com/simple\n");
        fixture.AssertFindings(Rule);
    }

    public static TheoryData<string, string> Silent => new()
    {
        { "seed 000: pip.conf in the builder only", "FROM python:3.9-slim AS builder\nRUN mkdir /root/.pip\nCOPY pip.conf /root/.pip/pip.conf\nRUN python -m venv /venv && /venv/bin/pip install -r requirements.txt\nFROM python:3.9-slim\nCOPY --from=builder /venv /venv\n" },
        { "secret mount", "FROM python:3.12-slim\nRUN --mount=type=secret,id=pipconf,target=/etc/pip.conf pip install -r requirements.txt\n" },
        { "written under a mount", "FROM python:3.12-slim\nRUN --mount=type=tmpfs,target=/root/.config/pip echo '[global]' > /root/.config/pip/pip.conf && pip install app\n" },
        { "written and removed in the same RUN", "FROM python:3.12-slim\nRUN echo '[global]' > /etc/pip.conf && pip install app && rm -f /etc/pip.conf\n" },
        { "ENV for the public PyPI", "FROM python:3.12-slim\nENV PIP_INDEX_URL=https://pypi.org/simple\n" },
        { "ENV in a builder stage", "FROM python:3.12-slim AS build\nENV PIP_INDEX_URL=https://pypi.example.com/simple\nFROM python:3.12-slim\n" },
        { "ARG is not kept", "FROM python:3.12-slim\nARG PIP_INDEX_URL=https://pypi.example.com/simple\n" },
        { "ENV with credentials is PD402's", "FROM python:3.12-slim\nENV PIP_INDEX_URL=https://u:p@pypi.example.com/simple\n" },
        { "COPY . . without config files", "FROM python:3.12-slim\nCOPY . .\n" },
        { "reading pip.conf", "FROM python:3.12-slim\nRUN cat /etc/pip.conf\n" },
        { "pip config list", "FROM python:3.12-slim\nRUN pip config list\n" },
    };

    [Theory]
    [MemberData(nameof(Silent))]
    public void Stays_silent_when_the_configuration_stays_out(string _, string dockerfile) =>
        RuleFixture.Dockerfile(dockerfile).AssertSilent(Rule);

    [Fact]
    public void Config_files_excluded_by_dockerignore_are_not_copied() =>
        RuleFixture.Dockerfile("FROM python:3.12-slim\nCOPY . .\n")
            .File("pip.conf", "[global]\n").File(".dockerignore", "pip.conf\n")
            .AssertSilent(Rule);
}
