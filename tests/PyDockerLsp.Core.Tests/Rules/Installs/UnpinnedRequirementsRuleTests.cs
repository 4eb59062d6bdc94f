using System.Text.Json;
using PyDockerLsp.Core.Tests.Rules.Support;
using PyDockerLsp.Core.Tests.Support;
using Xunit.Abstractions;

namespace PyDockerLsp.Core.Tests.Rules.Installs;

/// <summary>PD207 unpinned-requirements: what the Dockerfile installs must be pinned, in RUN and in the files it reads.</summary>
public class UnpinnedRequirementsRuleTests
{
    private const string Rule = "PD207";
    private readonly ITestOutputHelper _output;

    public UnpinnedRequirementsRuleTests(ITestOutputHelper output) => _output = output;

    public static TheoryData<string, RuleFixture> Fires => new()
    {
        { "a bare package in RUN", RuleFixture.Dockerfile("FROM python:3.12-slim\nRUN pip install --no-cache-dir ⟦flask⟧\n") },
        { "python -m pip and pip3", RuleFixture.Dockerfile("FROM python:3.12-slim\nRUN python -m pip install ⟦requests⟧ && pip3 install ⟦celery[redis]⟧\n") },
        { "uv pip install", RuleFixture.Dockerfile("FROM python:3.12-slim\nRUN uv pip install --system ⟦httpx⟧\n") },
        { "a repository without a ref", RuleFixture.Dockerfile("FROM python:3.12-slim\nRUN pip install ⟦git+https://github.com/org/lib.git#egg=lib⟧\n") },
        { "the lines of a copied requirements file", RuleFixture.Dockerfile("FROM python:3.12-slim\nWORKDIR /app\nCOPY requirements.txt .\nRUN pip install -r requirements.txt\n")
            .File("requirements.txt", "⟦flask>=3.0⟧\ngunicorn==23.0.0\n⟦requests⟧  # http\n") },
        { "an included file", RuleFixture.Dockerfile("FROM python:3.12-slim\nCOPY requirements/ /req/\nRUN pip install -r /req/prod.txt\n")
            .File("requirements/prod.txt", "-r base.txt\ngunicorn==23.0.0\n").File("requirements/base.txt", "⟦django~=5.1⟧\n") },
        { "a file renamed by COPY", RuleFixture.Dockerfile("FROM python:3.12-slim\nCOPY deploy/reqs.txt /tmp/requirements.txt\nRUN pip install -r /tmp/requirements.txt\n")
            .File("deploy/reqs.txt", "⟦uvicorn⟧\n") },
        { "a bind mount", RuleFixture.Dockerfile("FROM python:3.12-slim\nRUN --mount=type=bind,source=requirements.txt,target=/tmp/r.txt pip install -r /tmp/r.txt\n")
            .File("requirements.txt", "⟦flask⟧\n") },
        { "a builder that builds wheels from the file", RuleFixture.Dockerfile(
            "FROM python:3.12-slim AS build\nCOPY . /src\nWORKDIR /src\nRUN pip wheel -w /wheels -r requirements.txt\nFROM python:3.12-slim\nCOPY --from=build /wheels /wheels\n")
            .File("requirements.txt", "⟦numpy⟧\n") },
        { "a cd before the install", RuleFixture.Dockerfile("FROM python:3.12-slim\nCOPY . /src\nRUN cd /src/api && pip install -r requirements.txt\n")
            .File("api/requirements.txt", "⟦fastapi⟧\n") },
        { "a Dockerfile in docker/ with the project root as context", RuleFixture.Dockerfile("FROM python:3.12-slim\nCOPY requirements.txt .\nRUN pip install -r requirements.txt\n", "docker/Dockerfile")
            .File("requirements.txt", "⟦flask⟧\n") },
    };

    [Theory]
    [MemberData(nameof(Fires))]
    public void Reports_unpinned_requirements_where_they_are_written(string _, RuleFixture fixture) => fixture.AssertFindings(Rule);

    public static TheoryData<string, RuleFixture> Silent => new()
    {
        { "pinned in RUN", RuleFixture.Dockerfile("FROM python:3.12-slim\nRUN pip install flask==3.1.0 'requests>=2.32'\n") },
        { "a constraints file on the command line", RuleFixture.Dockerfile("FROM python:3.12-slim\nRUN pip install flask -c constraints.txt\n") },
        { "local archives and paths", RuleFixture.Dockerfile("FROM python:3.12-slim\nRUN pip install /wheels/app-1.0-py3-none-any.whl ./lib .\n") },
        { "a repository at a tag", RuleFixture.Dockerfile("FROM python:3.12-slim\nRUN pip install git+ssh://git@github.com/org/lib.git@v1.2#egg=lib\n") },
        { "the installer and the package managers", RuleFixture.Dockerfile("FROM python:3.12-slim\nRUN pip install --upgrade pip setuptools wheel && pip install uv poetry\n") },
        { "a fully pinned requirements file", RuleFixture.Dockerfile("FROM python:3.12-slim\nCOPY requirements.txt .\nRUN pip install -r requirements.txt\n").File("requirements.txt", "flask==3.1.0\n-e .\n") },
        { "pins from a constraints file", RuleFixture.Dockerfile("FROM python:3.12-slim\nCOPY requirements.txt constraints.txt ./\nRUN pip install -r requirements.txt -c constraints.txt\n")
            .File("requirements.txt", "flask\n").File("constraints.txt", "flask==3.1.0\n") },
        { "a file written in the image", RuleFixture.Dockerfile("FROM python:3.12-slim\nCOPY . .\nRUN poetry export -o requirements.txt && pip install -r requirements.txt\n").File("requirements.txt", "flask\n") },
        { "a file from another image", RuleFixture.Dockerfile("FROM python:3.12-slim\nCOPY --from=ghcr.io/org/base:1 /requirements.txt .\nRUN pip install -r requirements.txt\n").File("requirements.txt", "flask\n") },
        { "a test stage outside the final build", RuleFixture.Dockerfile("FROM python:3.12-slim AS test\nCOPY requirements.txt .\nRUN pip install -r requirements.txt\nFROM python:3.12-slim\n").File("requirements.txt", "flask\n") },
        { "suppressed on the requirement line", RuleFixture.Dockerfile("FROM python:3.12-slim\nCOPY requirements.txt .\nRUN pip install -r requirements.txt\n")
            .File("requirements.txt", "# pydocker: ignore=PD207\nflask\nrequests  # pydocker: ignore=unpinned-requirements\n") },
        { "suppressed by hadolint's id in the Dockerfile", RuleFixture.Dockerfile("FROM python:3.12-slim\n# hadolint ignore=DL3013\nRUN pip install flask\n") },
    };

    [Theory]
    [MemberData(nameof(Silent))]
    public void Stays_silent_when_versions_are_fixed_or_the_file_is_not_from_the_context(string _, RuleFixture fixture) => fixture.AssertSilent(Rule);

    [Fact]
    public void A_finding_in_a_requirements_file_points_back_at_the_install()
    {
        var fixture = RuleFixture.Dockerfile("FROM python:3.12-slim\nCOPY requirements.txt .\nRUN pip install -r requirements.txt\n").File("requirements.txt", "flask>=3.0\n");
        var finding = Assert.Single(fixture.Run(Rule));
        Assert.Equal("/project/requirements.txt", finding.Path);
        Assert.Equal("flask>=3.0 allows several releases, so each build of the image may install a different one; pin it with ==.", finding.Message);
        var related = Assert.Single(finding.Related);
        Assert.Equal("/project/Dockerfile", related.Path);
        Assert.Equal(2, related.Range.Start.Line);
        Assert.Empty(finding.Fixes);
    }

    /// <summary>hadolint's DL3013 cases, run as they are (most have no FROM: the rule reads every RUN, ONBUILD
    /// triggers included, so they are comparable). The count of agreeing cases is printed and may not drop.</summary>
    [Fact]
    public void Agrees_with_hadolint_DL3013()
    {
        var cases = File.ReadLines(TestPaths.Conformance("hadolint-rules", "cases.jsonl"))
            .Select(line => JsonDocument.Parse(line).RootElement)
            .Where(c => c.GetProperty("rule").GetString() == "DL3013" && c.GetProperty("config").ValueKind == JsonValueKind.Null)
            .ToList();
        int agree = 0;
        var disagreements = new List<string>();
        foreach (var c in cases)
        {
            var text = c.GetProperty("dockerfile").GetString()! + "\n";
            if (c.GetProperty("onbuild").GetBoolean()) text = string.Join("\n", text.Split('\n').Select(l => l.StartsWith("RUN ", StringComparison.Ordinal) ? "ONBUILD " + l : l));
            int found = RuleFixture.Dockerfile(text.Replace("⟦", "").Replace("⟧", "")).Run(Rule).Count;
            bool expectViolation = c.GetProperty("expect").GetString() == "violation";
            bool ok = expectViolation ? found > 0 : found == 0;
            if (ok) agree++;
            else disagreements.Add($"{c.GetProperty("id").GetString()}: expected {c.GetProperty("expect").GetString()}, found {found}: {text.Trim()}");
        }
        _output.WriteLine($"PD207 agrees with hadolint DL3013 on {agree}/{cases.Count} cases.");
        foreach (var d in disagreements) _output.WriteLine("  differs: " + d);
        Assert.True(cases.Count >= 80, "the DL3013 cases were not found");
        Assert.True(agree >= MeasuredAgreement, $"agreement dropped to {agree}/{cases.Count}");
    }

    private const int MeasuredAgreement = 86;
}
