using PyDockerLsp.Core.Analysis;
using PyDockerLsp.Core.Analysis.Rules;
using PyDockerLsp.Core.IO;
using PyDockerLsp.Core.Syntax.Dockerfile;
using PyDockerLsp.Core.Tests.Support;

namespace PyDockerLsp.Core.Tests.Rules.BaseImage;

/// <summary>
/// The base-image, stage and runtime rules never throw, whatever half-typed text they get (the engine would swallow
/// the exception and lose the rule's findings): every corpus Dockerfile cut at many points, and odd fragments.
/// </summary>
public class RuleRobustnessTests
{
    private static readonly string[] RuleIds = { "PD101", "PD103", "PD105", "PD106", "PD107", "PD108", "PD501", "PD504" };

    private static readonly string[] Fragments =
    {
        "", "FROM", "FROM python:", "FROM :3", "FROM @sha256:", "FROM python@", "FROM ${", "FROM ${X:-python}:3 AS",
        "FROM python:3 AS b\nCOPY --from= /a /b", "FROM python:3.11 AS b\nFROM python:3.12\nCOPY --from=b", "FROM python:3.11 AS b\nFROM python:3.12\nCOPY --from=b /",
        "FROM python:3.11 AS b\nRUN python -m venv\nFROM python:3.12\nCOPY --from=b venv venv", "FROM python:3.11 AS b\nRUN uv venv --python\nFROM python:3.12\nCOPY --from=b .venv .",
        "FROM python:3.11 AS b\nWORKDIR\nRUN pip install --prefix\nFROM python:3.12\nCOPY --from=b / /",
        "FROM python\nCMD [", "FROM python\nCMD [\"sh\", \"-c\"]", "FROM python\nCMD sh -c", "FROM python\nCMD [\"sh\", \"-c\", \"uvicorn a --reload\\\"\"]",
        "FROM python\nCMD flask", "FROM python\nCMD flask --app", "FROM python\nCMD fastapi", "FROM python\nCMD python manage.py",
        "FROM python\nENTRYPOINT []\nCMD [\"--reload\"]", "FROM python\nENV PYTHONUNBUFFERED", "FROM python\nENV PYTHONUNBUFFERED=$",
        "FROM python\nRUN apk add --virtual", "FROM python\nRUN apt-get install -o", "FROM python\nRUN apt-get -o", "FROM python\nRUN apt-get purge '*",
        "FROM python\nRUN <<EOF\napt-get install gcc", "FROM a AS a\nFROM a", "FROM b AS a\nFROM a AS b\nFROM b",
    };

    public static TheoryData<string> Corpus()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(TestPaths.Corpus, "*", SearchOption.AllDirectories))
            if (Path.GetFileName(file).Contains("ockerfile", StringComparison.Ordinal)) data.Add(Path.GetRelativePath(TestPaths.Corpus, file));
        return data;
    }

    [Theory]
    [MemberData(nameof(Corpus))]
    public void Corpus_files_cut_anywhere_never_make_a_rule_throw(string relativePath)
    {
        var text = File.ReadAllText(Path.Combine(TestPaths.Corpus, relativePath));
        for (int cut = 0; cut <= text.Length; cut += Math.Max(1, text.Length / 60))
            RunAll(text[..cut]);
        RunAll(text);
    }

    [Theory]
    [MemberData(nameof(Corpus))]
    public void Fixes_on_corpus_files_apply_cleanly(string relativePath)
    {
        var text = File.ReadAllText(Path.Combine(TestPaths.Corpus, relativePath));
        int errorsBefore = DockerfileParser.Parse(text).Errors.Count;
        foreach (var (rule, finding) in RunAll(text))
        {
            foreach (var fix in finding.Fixes)
            {
                var edits = fix.Edits.Single(e => e.Path == "/p/Dockerfile").Edits;
                var fixedText = TextEdits.Apply(text, edits);
                Assert.True(DockerfileParser.Parse(fixedText).Errors.Count <= errorsBefore, $"{rule} fix '{fix.Title}' broke {relativePath}:\n{fixedText}");
            }
        }
    }

    [Fact]
    public void Fragments_never_make_a_rule_throw()
    {
        foreach (var fragment in Fragments)
        {
            RunAll(fragment);
            RunAll(fragment + "\n");
        }
    }

    private static List<(string Rule, Finding Finding)> RunAll(string text)
    {
        var all = new List<(string, Finding)>();
        var fs = new InMemoryFileSystem().Add("/p/Dockerfile", text);
        var model = new ProjectModel { DockerfilePath = "/p/Dockerfile", Syntax = DockerfileParser.Parse(text), ContextDirectory = "/p", FileSystem = fs };
        foreach (var rule in RuleEngine.AllRules)
        {
            if (Array.IndexOf(RuleIds, rule.Descriptor.Id) < 0) continue;
            var sink = new List<Finding>();
            var exception = Record.Exception(() => rule.Check(new RuleContext(model, rule.Descriptor, sink, CancellationToken.None)));
            Assert.True(exception is null, $"{rule.Descriptor.Id} threw on:\n{text}\n{exception}");
            foreach (var finding in sink)
            {
                Assert.True(finding.Span.Start >= 0 && finding.Span.End <= text.Length, $"{rule.Descriptor.Id} reported {finding.Span} outside the text");
                all.Add((rule.Descriptor.Id, finding));
            }
        }
        return all;
    }
}
