using PyDockerLsp.Core.Analysis;
using PyDockerLsp.Core.IO;
using PyDockerLsp.Core.Syntax.Dockerfile;
using PyDockerLsp.Core.Tests.Rules.Support;

namespace PyDockerLsp.Core.Tests.Analyzing;

/// <summary>The build context a Dockerfile is analysed with, and how it was chosen.</summary>
public class BuildContextResolverTests
{
    private static BuildContextChoice Resolve(InMemoryFileSystem fs, string dockerfilePath, string? configured = null) =>
        DocumentAnalyzer.ResolveBuildContext(dockerfilePath, DockerfileParser.Parse(fs.ReadAllText(dockerfilePath)!), fs,
            new AnalysisOptions { ContextDirectory = configured });

    public static TheoryData<string, InMemoryFileSystem, string, string?, string, BuildContextSource> Cases => new()
    {
        { "nothing copied: the Dockerfile's folder",
          new InMemoryFileSystem().Add("/r/docker/Dockerfile", "FROM python:3.12-slim\n").Add("/r/pyproject.toml", "[project]\n"),
          "/r/docker/Dockerfile", null, "/r/docker", BuildContextSource.DockerfileFolder },
        { "what it copies is beside it",
          new InMemoryFileSystem().Add("/r/app/Dockerfile", "FROM python:3.12-slim\nCOPY requirements.txt .\n").Add("/r/app/requirements.txt", "").Add("/r/requirements.txt", ""),
          "/r/app/Dockerfile", null, "/r/app", BuildContextSource.DockerfileFolder },
        { "docker/Dockerfile copying the project's files: the project root",
          new InMemoryFileSystem().Add("/r/docker/Dockerfile", "FROM python:3.12-slim\nCOPY pyproject.toml uv.lock ./\nCOPY src/ src/\n")
              .Add("/r/pyproject.toml", "[project]\n").Add("/r/uv.lock", "").Add("/r/src/app.py", ""),
          "/r/docker/Dockerfile", null, "/r", BuildContextSource.Detected },
        { "two levels down (docker/app/Dockerfile)",
          new InMemoryFileSystem().Add("/r/docker/app/Dockerfile", "FROM python:3.12-slim\nRUN --mount=type=bind,source=requirements.txt,target=/r.txt pip install -r /r.txt\n")
              .Add("/r/requirements.txt", ""),
          "/r/docker/app/Dockerfile", null, "/r", BuildContextSource.Detected },
        { "a parent that is not a project root is not taken",
          new InMemoryFileSystem().Add("/home/me/x/Dockerfile", "FROM python:3.12-slim\nCOPY app.py .\n").Add("/home/me/app.py", ""),
          "/home/me/x/Dockerfile", null, "/home/me/x", BuildContextSource.DockerfileFolder },
        { "[tool.pydocker] context, relative to its pyproject.toml",
          new InMemoryFileSystem().Add("/r/deploy/Dockerfile", "FROM python:3.12-slim\n").Add("/r/pyproject.toml", "[tool.pydocker]\ncontext = \"services\"\n"),
          "/r/deploy/Dockerfile", null, "/r/services", BuildContextSource.ToolConfig },
        { "the caller's context wins (--context, the editor setting)",
          new InMemoryFileSystem().Add("/r/docker/Dockerfile", "FROM python:3.12-slim\nCOPY pyproject.toml .\n").Add("/r/pyproject.toml", "[tool.pydocker]\ncontext = \".\"\n"),
          "/r/docker/Dockerfile", "/r/docker/..", "/r", BuildContextSource.Configured },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Chooses_the_context(string _, InMemoryFileSystem fs, string dockerfile, string? configured, string expected, BuildContextSource source)
    {
        var choice = Resolve(fs, dockerfile, configured);
        Assert.Equal(expected, choice.Directory);
        Assert.Equal(source, choice.Source);
    }

    [Fact]
    public void A_Dockerfile_in_docker_with_context_dot_dot_reads_the_project_of_the_root()
    {
        // docker build -f docker/Dockerfile ..  — given explicitly, as the CLI's --context does.
        var fixture = RuleFixture.Dockerfile("FROM python:⟦3.10-slim⟧\nCOPY . /app\nRUN pip install /app\n", "docker/Dockerfile")
            .File("pyproject.toml", "[project]\nname = \"a\"\nrequires-python = \">=3.12\"\n");
        fixture.AssertFindings("PD104", contextDirectory: "docker/..");
        // Its own folder as context holds no project: nothing to compare with.
        fixture.AssertSilent("PD104", contextDirectory: "docker");
    }
}

/// <summary>The one entry point dispatches manifests to the manifest analysis.</summary>
public class ManifestDispatchTests
{
    [Theory]
    [InlineData("/p/requirements.txt", "requests[\n", "PD801")]
    [InlineData("/p/requirements/dev.in", "--user\n", "PD802")]
    [InlineData("/p/pyproject.toml", "[project\n", "PD801")]
    [InlineData("/p/poetry.lock", "x = \n", "PD801")]
    [InlineData("/p/Pipfile.lock", "{\n", "PD801")]
    public void Manifests_are_analysed_as_documents(string path, string text, string code)
    {
        var findings = DocumentAnalyzer.Analyze(path, new InMemoryFileSystem().Add(path, text), AnalysisOptions.Default, CancellationToken.None);
        Assert.Contains(findings, f => f.Code == code && f.Path == path);
    }

    [Fact]
    public void A_dockerignore_and_python_version_have_no_findings_of_their_own()
    {
        var fs = new InMemoryFileSystem().Add("/p/.dockerignore", "*.md\n").Add("/p/.python-version", "3.12\n");
        Assert.Empty(DocumentAnalyzer.Analyze("/p/.dockerignore", fs, AnalysisOptions.Default, CancellationToken.None));
        Assert.Empty(DocumentAnalyzer.Analyze("/p/.python-version", fs, AnalysisOptions.Default, CancellationToken.None));
    }

    [Fact]
    public void Every_corpus_manifest_is_analysed_without_a_syntax_finding()
    {
        int count = 0;
        foreach (var file in Directory.EnumerateFiles(Support.TestPaths.Corpus, "*", SearchOption.AllDirectories))
        {
            var kind = DocumentClassifier.Classify(file);
            if (!ManifestAnalyzer.IsManifest(kind)) continue;
            count++;
            var findings = DocumentAnalyzer.Analyze(file, PhysicalFileSystem.Instance, AnalysisOptions.Default, CancellationToken.None);
            Assert.DoesNotContain(findings, f => f.Code is "PD801" or "PD802");
        }
        Assert.True(count >= 60, $"only {count} corpus manifests found");
    }
}
