using PyDockerLsp.Core.Tests.Rules.Support;

namespace PyDockerLsp.Core.Tests.Rules.BuildContext;

/// <summary>PD211 manifest-not-in-context: COPY and bind mounts of manifests the context lacks or excludes.</summary>
public class ManifestNotInContextRuleTests
{
    private const string Rule = "PD211";

    public static TheoryData<string, RuleFixture> Fires => new()
    {
        { "a requirements file that is not there", RuleFixture.Dockerfile("FROM python:3.12-slim\nCOPY ⟦requirements.txt⟧ .\n").File("app.py", "") },
        { "the lock excluded by a pattern", RuleFixture.Dockerfile("FROM python:3.12-slim\nCOPY pyproject.toml ⟦uv.lock⟧ ./\n")
            .File("pyproject.toml", "[project]\nname = \"a\"\n").File("uv.lock", "version = 1\n").File(".dockerignore", ".git\n*.lock\n") },
        { "a bind-mounted manifest that is excluded", RuleFixture.Dockerfile("FROM python:3.12-slim\nRUN --mount=type=bind,source=⟦requirements.txt⟧,target=/r.txt pip install -r /r.txt\n")
            .File("requirements.txt", "flask==3.1.0\n").File(".dockerignore", "*.txt\n") },
        { "a variable that expands to a missing file", RuleFixture.Dockerfile("FROM python:3.12-slim\nARG REQS=requirements-prod.txt\nCOPY ⟦${REQS}⟧ .\n").File("app.py", "") },
        { "the manifest in a folder the context does not have", RuleFixture.Dockerfile("FROM python:3.12-slim\nCOPY ⟦requirements/base.txt⟧ /tmp/\n").File("app.py", "") },
    };

    [Theory]
    [MemberData(nameof(Fires))]
    public void Reports_manifests_the_build_cannot_see(string _, RuleFixture fixture) => fixture.AssertFindings(Rule);

    public static TheoryData<string, RuleFixture> Silent => new()
    {
        { "present and not excluded", RuleFixture.Dockerfile("FROM python:3.12-slim\nCOPY requirements.txt .\n").File("requirements.txt", "flask==3.1.0\n").File(".dockerignore", "*.md\n") },
        { "excluded then let back in", RuleFixture.Dockerfile("FROM python:3.12-slim\nCOPY uv.lock .\n").File("uv.lock", "version = 1\n").File(".dockerignore", "*.lock\n!uv.lock\n") },
        { "copied from another stage", RuleFixture.Dockerfile("FROM python:3.12-slim AS b\nRUN echo\nFROM python:3.12-slim\nCOPY --from=b /requirements.txt .\n").File("app.py", "") },
        { "a glob", RuleFixture.Dockerfile("FROM python:3.12-slim\nCOPY requirements*.txt ./\n").File("app.py", "") },
        { "not a manifest", RuleFixture.Dockerfile("FROM python:3.12-slim\nCOPY app.py .\n").File("main.py", "") },
        { "MANIFEST.in is not a requirements file", RuleFixture.Dockerfile("FROM python:3.12-slim\nCOPY MANIFEST.in .\n").File("app.py", "") },
        { "found in the project root for a Dockerfile in docker/", RuleFixture.Dockerfile("FROM python:3.12-slim\nCOPY requirements.txt .\n", "docker/Dockerfile").File("requirements.txt", "flask==3.1.0\n") },
        { "BuildKit's check name skips it", RuleFixture.Dockerfile("# check=skip=CopyIgnoredFile\nFROM python:3.12-slim\nCOPY requirements.txt .\n").File("app.py", "") },
    };

    [Theory]
    [MemberData(nameof(Silent))]
    public void Stays_silent_when_the_context_provides_the_manifest(string _, RuleFixture fixture) => fixture.AssertSilent(Rule);

    [Fact]
    public void An_excluded_manifest_points_at_the_dockerignore_pattern()
    {
        var finding = Assert.Single(RuleFixture.Dockerfile("FROM python:3.12-slim\nCOPY uv.lock .\n")
            .File("uv.lock", "version = 1\n").File(".dockerignore", ".git\n*.lock\n").Run(Rule));
        var related = Assert.Single(finding.Related);
        Assert.Equal("/project/.dockerignore", related.Path);
        Assert.Equal(1, related.Range.Start.Line);
        Assert.Equal(6, related.Span.Length);
        Assert.Equal(Analysis.Severity.Error, finding.Severity);
    }
}
