using BenchmarkDotNet.Attributes;
using PyDockerLsp.Core.Analysis;
using PyDockerLsp.Core.Analysis.Rules;
using PyDockerLsp.Core.Features.CodeActions;
using PyDockerLsp.Core.Features.Hovers;
using PyDockerLsp.Core.IO;
using PyDockerLsp.Core.Text;
using static PyDockerLsp.Core.Analysis.DocumentAnalyzer;

namespace PyDockerLsp.Benchmarks;

/// <summary>
/// A realistic project to analyse: the harness's 1,000-line multi-stage Python Dockerfile (see
/// <see cref="HarnessDockerfile"/>) whose final CMD is written in shell form (so one finding with a quick fix sits on
/// the last line), in a build context with requirements.txt, pyproject.toml, .python-version, .dockerignore and
/// some source files. Every registered rule is enabled, opt-in rules included, so the figures grow with the rules.
/// </summary>
public static class BenchmarkProject
{
    public const string Context = "/bench/app";
    public const string DockerfilePath = Context + "/Dockerfile";
    public const string ShellFormCommand = "CMD gunicorn --config /app/gunicorn.conf.py app.wsgi:application";

    public static string Dockerfile(int lines)
    {
        var text = HarnessDockerfile.Generate(lines);
        const string execForm = "CMD [\"gunicorn\", \"--config\", \"/app/gunicorn.conf.py\", \"app.wsgi:application\"]\n";
        if (!text.EndsWith(execForm, StringComparison.Ordinal)) throw new InvalidOperationException("The generated Dockerfile no longer ends with its CMD.");
        return text.Substring(0, text.Length - execForm.Length) + ShellFormCommand + "\n";
    }

    public static InMemoryFileSystem FileSystem(string dockerfile) => new InMemoryFileSystem()
        .Add(DockerfilePath, dockerfile)
        .Add(Context + "/requirements.txt",
            "django==5.1.3\ngunicorn==23.0.0\nuvicorn[standard]==0.32.0\ncelery[redis]==5.4.0\npsycopg[binary]==3.2.3\n"
            + "sqlalchemy==2.0.36\nalembic==1.14.0\npydantic==2.10.1\nrequests==2.32.3\nnumpy==2.1.3\npandas==2.2.3\n"
            + "boto3==1.35.66\nredis==5.2.0\nstructlog==24.4.0\norjson==3.10.11\npyyaml==6.0.2\nwhitenoise==6.8.2\n")
        .Add(Context + "/pyproject.toml",
            "[project]\nname = \"py-service\"\nversion = \"1.4.2\"\nrequires-python = \">=3.11,<3.14\"\n"
            + "dependencies = [\"django>=5.1\", \"gunicorn>=23\", \"psycopg[binary]>=3.2\"]\n\n"
            + "[project.optional-dependencies]\ndev = [\"pytest==8.3.3\", \"ruff==0.8.0\"]\n")
        .Add(Context + "/.python-version", "3.12\n")
        .Add(Context + "/.dockerignore", ".git\n.venv\n__pycache__/\n*.pyc\n.env\n")
        .Add(Context + "/app/wsgi.py", "from django.core.wsgi import get_wsgi_application\napplication = get_wsgi_application()\n")
        .Add(Context + "/manage.py", "import sys\n")
        .Add(Context + "/docker/entrypoint.sh", "#!/bin/sh\nexec \"$@\"\n")
        .Add(Context + "/src/app/__init__.py", "");

    /// <summary>Severities that switch every opt-in rule on (the others keep their defaults).</summary>
    public static AnalysisOptions AllRulesOn() => new()
    {
        RuleSeverities = RuleRegistry.Descriptors.Where(d => d.IsOptIn).ToDictionary(d => d.Id, _ => "info", StringComparer.OrdinalIgnoreCase),
    };

    public static DockerfileAnalysis Analyze(string dockerfile, InMemoryFileSystem fs) =>
        AnalyzeDockerfile(DockerfilePath, new SourceText(dockerfile), fs, AllRulesOn(), CancellationToken.None);
}

/// <summary>
/// Issue 6 budget: every rule on a realistic 1,000-line Dockerfile with its project model ≤ 2 ms (the model is built
/// once, as the server keeps it per document version). The full analysis (parse, model, rules) is measured beside it.
/// Run: dotnet run -c Release --project tests/PyDockerLsp.Benchmarks -- --filter '*RuleEngine*' --job short
/// </summary>
[MemoryDiagnoser]
public class RuleEngineBenchmarks
{
    private string _dockerfile = "";
    private InMemoryFileSystem _fs = null!;
    private ProjectModel _model = null!;
    private RuleConfiguration _configuration = null!;

    [Params(1000)]
    public int Lines { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _dockerfile = BenchmarkProject.Dockerfile(Lines);
        _fs = BenchmarkProject.FileSystem(_dockerfile);
        var analysis = BenchmarkProject.Analyze(_dockerfile, _fs);
        _model = analysis.Model;
        _configuration = analysis.Configuration;
        int enabled = RuleEngine.AllRules.Count(r => _configuration.IsEnabled(r.Descriptor.Id));
        Console.WriteLine($"// {Lines} lines, {_model.Syntax.Instructions.Count} instructions, {_model.Syntax.Stages.Count} stages; "
            + $"{enabled} of {RuleEngine.AllRules.Count} rules enabled; {analysis.Findings.Count} findings "
            + $"({string.Join(", ", analysis.Findings.GroupBy(f => f.Code).OrderBy(g => g.Key).Select(g => g.Key + "×" + g.Count()))})");
    }

    /// <summary>The rules over the prepared model: what a re-analysis costs on top of the parse.</summary>
    [Benchmark(Baseline = true)]
    public int AllRules() => RuleEngine.Run(_model, _configuration).Count;

    /// <summary>What one keystroke costs end to end: parse, project model (manifests), rules.</summary>
    [Benchmark]
    public int ParseModelAndRules() => BenchmarkProject.Analyze(_dockerfile, _fs).Findings.Count;
}

/// <summary>
/// Issue 6 budget: the code actions for one diagnostic ≤ 1 ms, from the kept analysis (as the server answers them).
/// The hover on that diagnostic and fix-all over the whole document are measured beside it.
/// Run: dotnet run -c Release --project tests/PyDockerLsp.Benchmarks -- --filter '*CodeAction*' --job short
/// </summary>
[MemoryDiagnoser]
public class CodeActionBenchmarks
{
    private DockerfileAnalysis _analysis = null!;
    private TextSpan _range;
    private DiagnosticReference[] _diagnostics = Array.Empty<DiagnosticReference>();

    [GlobalSetup]
    public void Setup()
    {
        var dockerfile = BenchmarkProject.Dockerfile(1000);
        _analysis = BenchmarkProject.Analyze(dockerfile, BenchmarkProject.FileSystem(dockerfile));
        int command = dockerfile.LastIndexOf(BenchmarkProject.ShellFormCommand, StringComparison.Ordinal);
        var finding = _analysis.Findings.FirstOrDefault(f => f.Code == "PD502" && f.Span.Start >= command)
            ?? throw new InvalidOperationException("PD502 does not report the shell-form CMD of the benchmark Dockerfile.");
        _range = finding.Span;
        _diagnostics = new[] { new DiagnosticReference(finding.Code, finding.Range) };
        var actions = CodeActionService.GetCodeActions(_analysis, _range, null, _diagnostics);
        Console.WriteLine($"// {_analysis.Findings.Count} findings; code actions for the CMD: {string.Join(" | ", actions.Select(a => a.Title))}");
    }

    /// <summary>The lightbulb on one diagnostic: its quick fixes and the refactorings of its instruction.</summary>
    [Benchmark(Baseline = true)]
    public int CodeActionsForOneDiagnostic() => CodeActionService.GetCodeActions(_analysis, _range, null, _diagnostics).Count;

    [Benchmark]
    public int HoverOnTheDiagnostic() => HoverService.GetHover(_analysis, _range.Start + 2)?.Markdown.Length ?? 0;

    /// <summary>Every safe fix of the document, re-analysed until nothing is left (source.fixAll).</summary>
    [Benchmark]
    public int FixAllDocument() => FixAll.Compute(_analysis)?.Edits.Count ?? 0;
}
