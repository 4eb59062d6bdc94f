using PyDockerLsp.Core.Analysis;
using PyDockerLsp.Core.Analysis.Rules;
using PyDockerLsp.Core.IO;
using PyDockerLsp.Core.Syntax.Dockerfile;
using PyDockerLsp.Core.Text;

namespace PyDockerLsp.Core.Tests.Rules.Support;

/// <summary>
/// A small project for rule tests: a Dockerfile and any other files, held in memory under <see cref="Root"/>.
/// Expected findings are marked in the text with ⟦ and ⟧ around the exact span; the markers are removed before
/// the project is analysed. Example: <c>FROM ⟦python:3.12⟧</c>.
/// </summary>
public sealed class RuleFixture
{
    public const string Root = "/project";
    public const char Open = '⟦', Close = '⟧';

    private readonly Dictionary<string, string> _files = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<TextSpan>> _expected = new(StringComparer.Ordinal);

    public string DockerfilePath { get; private set; } = Root + "/Dockerfile";

    /// <summary>The Dockerfile (at /project/Dockerfile unless <paramref name="relativePath"/> says otherwise).</summary>
    public static RuleFixture Dockerfile(string textWithMarkers, string relativePath = "Dockerfile") =>
        new RuleFixture().WithDockerfile(textWithMarkers, relativePath);

    public RuleFixture WithDockerfile(string textWithMarkers, string relativePath = "Dockerfile")
    {
        DockerfilePath = PathUtil.Combine(Root, relativePath);
        return File(relativePath, textWithMarkers);
    }

    /// <summary>Any other file of the project (markers allowed, for findings reported on that file).</summary>
    public RuleFixture File(string relativePath, string textWithMarkers)
    {
        var path = PathUtil.Combine(Root, relativePath);
        var (text, spans) = StripMarkers(textWithMarkers);
        _files[path] = text;
        _expected[path] = spans;
        return this;
    }

    public string TextOf(string path) => _files[path];
    public string DockerfileText => _files[DockerfilePath];

    public InMemoryFileSystem FileSystem() => new(_files);

    /// <summary>Analyses the project with only <paramref name="ruleId"/> enabled and returns its findings (any file).</summary>
    public IReadOnlyList<Finding> Run(string ruleId, string? contextDirectory = null) =>
        RunOn(FileSystem(), ruleId, contextDirectory);

    public IReadOnlyList<Finding> RunOn(InMemoryFileSystem fs, string ruleId, string? contextDirectory = null)
    {
        var options = new AnalysisOptions
        {
            ContextDirectory = contextDirectory is null ? null : PathUtil.Combine(Root, contextDirectory),
            // Opt-in rules are switched on by naming them.
            RuleSeverities = RuleRegistry.Find(ruleId) is { IsOptIn: true } ? new Dictionary<string, string> { [ruleId] = "warning" } : new Dictionary<string, string>(),
        };
        var source = new SourceText(fs.ReadAllText(DockerfilePath) ?? "");
        var analysis = DocumentAnalyzer.AnalyzeDockerfile(DockerfilePath, source, fs, options, CancellationToken.None);
        return analysis.Findings.Where(f => f.Code == ruleId).ToList();
    }

    /// <summary>Asserts that <paramref name="ruleId"/> reports exactly the marked spans (in every file) and nothing else.</summary>
    public IReadOnlyList<Finding> AssertFindings(string ruleId, string? contextDirectory = null)
    {
        var findings = Run(ruleId, contextDirectory);
        var expected = _expected.SelectMany(kv => kv.Value.Select(s => Describe(kv.Key, s))).OrderBy(x => x, StringComparer.Ordinal).ToList();
        var actual = findings.Select(f => Describe(f.Path, f.Span)).OrderBy(x => x, StringComparer.Ordinal).ToList();
        Assert.Equal(expected, actual);
        return findings;
    }

    /// <summary>Asserts the rule stays silent on this project.</summary>
    public void AssertSilent(string ruleId, string? contextDirectory = null) =>
        Assert.Empty(Run(ruleId, contextDirectory).Select(f => Describe(f.Path, f.Span) + " " + f.Message));

    private string Describe(string path, TextSpan span)
    {
        var text = _files.TryGetValue(path, out var t) ? t : "";
        var shown = span.End <= text.Length ? text.Substring(span.Start, span.Length) : "?";
        return $"{PathUtil.RelativeTo(Root, path) ?? path}@{span} «{shown}»";
    }

    /// <summary>
    /// Applies the fix titled <paramref name="fixTitleContains"/> of each finding of <paramref name="ruleId"/>, one at a
    /// time from a fresh analysis, and checks what every fix must guarantee: the result parses with no new syntax
    /// finding, the rule no longer fires where it did, and a second pass changes nothing. Returns the fixed Dockerfile.
    /// </summary>
    public string ApplyFixAndVerify(string ruleId, string fixTitleContains, string? contextDirectory = null)
    {
        var fs = FileSystem();
        int syntaxBefore = DockerfileParser.Parse(fs.ReadAllText(DockerfilePath)!).Errors.Count;
        var first = RunOn(fs, ruleId, contextDirectory);
        Assert.NotEmpty(first);
        for (int guard = 0; guard < 50; guard++)
        {
            var findings = RunOn(fs, ruleId, contextDirectory);
            var fix = findings.SelectMany(f => f.Fixes).FirstOrDefault(x => x.Title.Contains(fixTitleContains, StringComparison.Ordinal));
            if (fix is null) break;
            ApplyTo(fs, fix);
        }
        var after = fs.ReadAllText(DockerfilePath)!;
        var reparsed = DockerfileParser.Parse(after);
        Assert.True(reparsed.Errors.Count <= syntaxBefore,
            "The fix introduced syntax findings:\n" + string.Join("\n", reparsed.Errors) + "\n--- text ---\n" + after);
        var remaining = RunOn(fs, ruleId, contextDirectory);
        Assert.DoesNotContain(remaining, f => f.Fixes.Any(x => x.Title.Contains(fixTitleContains, StringComparison.Ordinal)));
        Assert.True(remaining.Count < first.Count, $"{ruleId} still fires as often after its fix:\n{after}");
        // Idempotent: nothing more to apply.
        var again = RunOn(fs, ruleId, contextDirectory).SelectMany(f => f.Fixes).Where(x => x.Title.Contains(fixTitleContains, StringComparison.Ordinal));
        Assert.Empty(again);
        _lastFileSystem = fs;
        return after;
    }

    private InMemoryFileSystem? _lastFileSystem;

    /// <summary>A file's text after the last <see cref="ApplyFixAndVerify"/> (e.g. a created .dockerignore).</summary>
    public string? FixedText(string relativePath) => _lastFileSystem?.ReadAllText(PathUtil.Combine(Root, relativePath));

    public static void ApplyTo(InMemoryFileSystem fs, Fix fix)
    {
        foreach (var edit in fix.Edits)
        {
            var current = fs.ReadAllText(edit.Path);
            if (edit.CreateFile && (current is null || edit.Overwrite)) current = "";
            fs.Add(edit.Path, TextEdits.Apply(current ?? "", edit.Edits));
        }
    }

    public static (string Text, List<TextSpan> Spans) StripMarkers(string text)
    {
        var sb = new System.Text.StringBuilder(text.Length);
        var spans = new List<TextSpan>();
        var open = new Stack<int>();
        foreach (var c in text)
        {
            if (c == Open) open.Push(sb.Length);
            else if (c == Close) spans.Add(TextSpan.FromBounds(open.Pop(), sb.Length));
            else sb.Append(c);
        }
        Assert.Empty(open);
        return (sb.ToString(), spans);
    }
}
