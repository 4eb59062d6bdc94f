using System.Text.Json;
using PyDockerLsp.Core.Analysis;
using PyDockerLsp.Core.Analysis.Rules;
using PyDockerLsp.Core.IO;
using PyDockerLsp.Core.Tests.Rules.Support;
using PyDockerLsp.Core.Tests.Support;
using PyDockerLsp.Core.Text;

namespace PyDockerLsp.Core.Tests.Rules.Manifests;

/// <summary>The project-aware rules never throw: on every Dockerfile of the conformance suites and on cut-off text.
/// The rules are called directly (not through the engine, which would catch and log), so an exception fails the test
/// with the input that caused it.</summary>
public class ManifestRulesRobustnessTests
{
    private static readonly string[] RuleIds = { "PD102", "PD104", "PD204", "PD205", "PD206", "PD207", "PD211", "PD212", "PD503", "PD603", "PD806" };

    private static readonly IReadOnlyList<IRule> Rules = RuleEngine.AllRules.Where(r => RuleIds.Contains(r.Descriptor.Id)).ToList();

    private static void CheckAll(string dockerfile, InMemoryFileSystem project)
    {
        project.Add(RuleFixture.Root + "/Dockerfile", dockerfile);
        var analysis = DocumentAnalyzer.AnalyzeDockerfile(RuleFixture.Root + "/Dockerfile", new SourceText(dockerfile), project, AnalysisOptions.Default, CancellationToken.None);
        foreach (var rule in Rules)
        {
            try
            {
                rule.Check(new RuleContext(analysis.Model, rule.Descriptor, new List<Finding>(), CancellationToken.None));
            }
            catch (Exception e)
            {
                Assert.Fail($"{rule.Descriptor.Id} threw on:\n{dockerfile}\n{e}");
            }
        }
    }

    [Fact]
    public void Every_conformance_Dockerfile_and_hadolint_snippet_is_checked_without_an_exception()
    {
        var texts = Directory.EnumerateFiles(TestPaths.Conformance("buildkit-parser"), "*", SearchOption.AllDirectories)
            .Where(f => DocumentClassifier.Classify(f) == DocumentKind.Dockerfile).Select(File.ReadAllText)
            .Concat(File.ReadLines(TestPaths.Conformance("hadolint-rules", "cases.jsonl"))
                .Select(line => JsonDocument.Parse(line).RootElement.GetProperty("dockerfile").GetString()! + "\n"))
            .ToList();
        Assert.True(texts.Count > 1000, $"only {texts.Count} Dockerfiles found");
        Assert.Equal(RuleIds.Length, Rules.Count);
        foreach (var text in texts)
        {
            CheckAll(text, new InMemoryFileSystem()
                .Add("/project/pyproject.toml", "[project]\nname = \"a\"\nrequires-python = \">=3.11\"\ndependencies = [\"psycopg2\", \"numpy\", \"fastapi\"]\n[dependency-groups]\ndev = [\"pytest\"]\n")
                .Add("/project/requirements.txt", "flask\npsycopg2==2.9\n-r base.txt\n").Add("/project/base.txt", "pytest\n").Add("/project/uv.lock", "version = 1\n")
                .Add("/project/.dockerignore", "*.md\n*.txt\n").Add("/project/README.md", "a\n"));
        }
    }

    [Fact]
    public void Every_prefix_of_a_realistic_Dockerfile_is_checked_without_an_exception()
    {
        const string dockerfile = "# syntax=docker/dockerfile:1\nARG PY=3.12\nFROM python:${PY}-alpine AS build\nWORKDIR /app\n"
            + "COPY pyproject.toml uv.lock requirements*.txt ./\nRUN --mount=type=bind,source=requirements.txt,target=/r.txt \\\n"
            + "    cd /app && pip install -r /r.txt psycopg2 'git+https://x/y.git#egg=y' && uv sync --package api --frozen\n"
            + "FROM python:3.12-slim\nCOPY --from=build /app/.venv /app/.venv\nEXPOSE 8000\nCMD [\"gunicorn\", \"--bind\", \":8000\", \"app:app\"]\n";
        for (int length = 0; length <= dockerfile.Length; length++)
        {
            CheckAll(dockerfile.Substring(0, length), new InMemoryFileSystem()
                .Add("/project/pyproject.toml", "[project]\nname = \"a\"\nrequires-python = \">=3.11\"\n[tool.uv.workspace]\nmembers = [\"svc/*\"]\n")
                .Add("/project/requirements.txt", "flask\n").Add("/project/uv.lock", "").Add("/project/svc/api/pyproject.toml", "[project]\nname = \"api\"\n"));
        }
    }

    public static TheoryData<string, string> Manifests => new()
    {
        { "/project/requirements.txt", "-r base.txt\n-c constraints.txt\npsycopg2==2.9.10 --hash=sha256:abc \\\n  ; python_version >= \"3.8\"\n--user\nflask[async]>=3 ; extra == 'x'\n" },
        { "/project/pyproject.toml", "[project]\nname = \"a\"\ndependencies = [\"psycopg2>=2.9\", \"flask\"]\n[dependency-groups]\ndev = [{include-group = \"test\"}]\ntest = [\"pytest\"]\n[tool.poetry.dependencies]\npsycopg2 = { version = \"^2.9\" }\n" },
        { "/project/Pipfile", "[packages]\npsycopg2 = \"*\"\n[requires]\npython_version = \"3.12\"\n" },
        { "/project/Pipfile.lock", "{\"_meta\": {\"requires\": {\"python_version\": \"3.12\"}}, \"default\": {\"flask\": {\"version\": \"==3.1.0\"}}}" },
    };

    [Theory]
    [MemberData(nameof(Manifests))]
    public void Every_prefix_of_a_manifest_is_checked_without_an_exception(string path, string text)
    {
        var rules = ManifestAnalyzer.AllRules;
        Assert.Equal(5, rules.Count);
        for (int length = 0; length <= text.Length; length++)
        {
            var prefix = text.Substring(0, length);
            var fs = new InMemoryFileSystem().Add(path, prefix).Add("/project/base.txt", "flask==3.1.0\n-r requirements.txt\n");
            var document = new ManifestDocument(path, new SourceText(prefix), DocumentClassifier.Classify(path), fs);
            foreach (var rule in rules)
            {
                try
                {
                    rule.Check(new ManifestRuleContext(document, rule.Descriptor, new List<Finding>(), CancellationToken.None));
                }
                catch (Exception e)
                {
                    Assert.Fail($"{rule.Descriptor.Id} threw on a prefix of {path}:\n{prefix}\n{e}");
                }
            }
        }
    }
}
