using System.Text;
using System.Text.Json;
using PyDockerLsp.Core.IO;
using PyDockerLsp.Core.Python.Requirements;
using PyDockerLsp.Core.Text;
using PyDockerLsp.Core.Tests.Support;
using Xunit.Abstractions;
using static PyDockerLsp.Core.Tests.Packaging.ConformanceRun;

namespace PyDockerLsp.Core.Tests.Packaging;

/// <summary>pip's requirements-file tests (requirements-file-cases.json): preprocessing, option parsing, includes,
/// decoding and the finder settings a file leaves behind.</summary>
public sealed class PipRequirementsFileConformanceTests
{
    private const string DefaultPath = "/project/requirements.txt";

    private readonly ITestOutputHelper _output;

    public PipRequirementsFileConformanceTests(ITestOutputHelper output) => _output = output;

    private static readonly Lazy<JsonElement> Data = new(() =>
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(TestPaths.Conformance("pip-requirements-file", "requirements-file-cases.json")));
        return doc.RootElement.Clone();
    });

    [Fact]
    public void Every_case_passes()
    {
        var run = new ConformanceRun("pip-requirements-file");
        foreach (var c in Data.Value.GetProperty("cases").EnumerateArray())
        {
            var id = PypaData.Str(c, "id");
            run.Case(id, () => PypaData.Str(c, "kind") switch
            {
                "preprocess" => Preprocess(c),
                "ignoreComments" => IgnoreComments(c),
                "joinLines" => JoinLines(c),
                "breakArgsOptions" => BreakArgsOptions(c),
                "file" => FileCase(c),
                var k => $"unknown kind {k}",
            });
        }
        run.Report(_output);
    }

    private static List<(int, string)> NumberedLines(JsonElement array) =>
        array.EnumerateArray().Select(e => (e[0].GetInt32(), e[1].GetString()!)).ToList();

    private static string? CompareLines(List<(int, string)> expected, IEnumerable<(int, string)> actual) =>
        ExpectSequence(expected.Select(l => $"{l.Item1}:{l.Item2}"), actual.Select(l => $"{l.Item1}:{l.Item2}"));

    private static string? Preprocess(JsonElement c)
    {
        var lines = RequirementsPreprocessor.Preprocess(PypaData.Str(c, "input"), null);
        return CompareLines(NumberedLines(c.GetProperty("expected")), lines.Select(l => (l.LineNumber, l.Text)));
    }

    private static string? IgnoreComments(JsonElement c)
    {
        var actual = new List<(int, string)>();
        foreach (var (number, text) in NumberedLines(c.GetProperty("input")))
        {
            var joined = new RequirementsPreprocessor.JoinedLine(number, new List<RequirementsPreprocessor.Piece> { new(0, text.Length, false) }, text);
            if (RequirementsPreprocessor.RemoveCommentAndStrip(joined) is { } line) actual.Add((number, line.Text));
        }
        return CompareLines(NumberedLines(c.GetProperty("expected")), actual);
    }

    private static string? JoinLines(JsonElement c)
    {
        var input = NumberedLines(c.GetProperty("input"));
        if (input.Select((l, i) => l.Item1 != i + 1).Any(x => x)) return "input lines are not numbered from 1";
        var joined = RequirementsPreprocessor.JoinLines(string.Join("\n", input.Select(l => l.Item2)));
        return CompareLines(NumberedLines(c.GetProperty("expected")), joined.Select(j => (j.LineNumber, j.Text)));
    }

    private static string? BreakArgsOptions(JsonElement c)
    {
        var (args, options) = RequirementsFileParser.SplitArgsAndOptions(PypaData.Str(c, "input"));
        var expected = c.GetProperty("expected");
        return Expect(PypaData.Str(expected, "args"), args) ?? Expect(PypaData.Str(expected, "options"), options);
    }

    private static string? FileCase(JsonElement c)
    {
        var expected = c.GetProperty("expected");
        var fs = new InMemoryFileSystem();
        var inputs = new List<RequirementsInput>();
        bool constraint = expected.TryGetProperty("parseAsConstraintFile", out var pc) && pc.GetBoolean();
        var input = c.GetProperty("input");
        switch (input.ValueKind)
        {
            case JsonValueKind.String:
                fs.Add(DefaultPath, input.GetString()!);
                inputs.Add(new RequirementsInput(DefaultPath, constraint));
                break;
            case JsonValueKind.Array:
                int n = 0;
                foreach (var text in input.EnumerateArray())
                {
                    var path = $"/project/requirements-{++n}.txt";
                    fs.Add(path, text.GetString()!);
                    inputs.Add(new RequirementsInput(path));
                }
                break;
            case JsonValueKind.Object when input.TryGetProperty("bytesBase64", out var b64):
            {
                var encoding = expected.TryGetProperty("localeEncoding", out var le) && le.GetString() == "latin-1" ? Encoding.Latin1 : null;
                var decoded = RequirementsFileDecoder.Decode(Convert.FromBase64String(b64.GetString()!), encoding);
                if (expected.TryGetProperty("error", out var decodeError))
                    return decoded.Text == null && decodeError.GetString() == "UnicodeDecodeError" ? null : $"decoded to '{decoded.Text}'";
                if (decoded.Text == null) return "not decoded: " + decoded.Error;
                if (expected.TryGetProperty("warning", out var w) && w.GetBoolean() != (decoded.Warning != null)) return "warning expected: " + w.GetBoolean();
                fs.Add(DefaultPath, decoded.Text);
                inputs.Add(new RequirementsInput(DefaultPath));
                break;
            }
            default:
                foreach (var file in input.EnumerateObject()) fs.Add(file.Name, file.Value.GetString()!);
                inputs.Add(new RequirementsInput(PypaData.Str(expected, "parse"), constraint));
                break;
        }
        // The relative --find-links case needs the directory to exist beside the file.
        if (PypaData.Str(c, "id") == "file-relative-find-links") fs.Add("/project/rel_path/pkg-1.0.tar.gz", "");

        var environment = expected.TryGetProperty("environment", out var env)
            ? env.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!)
            : null;
        var set = RequirementsFileParser.Parse(inputs, fs, new RequirementsParseOptions { EnvironmentVariables = environment });

        return CheckError(c, expected, set, fs)
            ?? CheckRequirements(expected, set)
            ?? CheckFinder(expected, set);
    }

    private static string? CheckError(JsonElement c, JsonElement expected, RequirementsFileSet set, InMemoryFileSystem fs)
    {
        if (PypaData.Str(c, "id") == "file-no-finder")
        {
            // pip never consumed these lines upstream; read eagerly, only --no-use-wheel (not a pip option any more) is wrong.
            var problem = Assert.Single(set.Problems);
            var text = fs.ReadAllText(problem.Path)!;
            return problem.Kind == RequirementsProblemKind.UnknownOption && text.Substring(problem.Span.Start, problem.Span.Length) == "--no-use-wheel"
                ? null : $"unexpected problem {problem}";
        }
        if (!expected.TryGetProperty("error", out var errorElement))
            return set.Problems.Count == 0 ? null : "unexpected problems: " + string.Join("; ", set.Problems.Select(p => $"{p.Kind} {p.Message}"));

        var accepted = errorElement.GetString() switch
        {
            "RequirementsFileParseError" => new[] { RequirementsProblemKind.Syntax, RequirementsProblemKind.UnknownOption, RequirementsProblemKind.IncludeCycle },
            "InstallationError" => new[] { RequirementsProblemKind.Syntax },
            var other => throw new InvalidOperationException("error class " + other),
        };
        var found = set.Problems.FirstOrDefault(p => accepted.Contains(p.Kind));
        if (found == null) return $"expected {errorElement.GetString()}, problems: [{string.Join("; ", set.Problems.Select(p => p.Kind))}]";
        var fileText = fs.ReadAllText(found.Path)!;
        var spanText = fileText.Substring(found.Span.Start, found.Span.Length);

        if (expected.TryGetProperty("errorContains", out var contains) && !contains.GetString()!.Contains(spanText, StringComparison.Ordinal))
            return $"span '{spanText}' is not on the offending line";
        if (expected.TryGetProperty("errorMatches", out var matches))
        {
            // "<0.txt> recursively references itself in <3.txt>": the cycle is reported on 3.txt's include, naming 0.txt.
            var parts = matches.GetString()!.Split('<', '>');
            var (target, includer) = (parts[1], parts[3]);
            if (found.Kind != RequirementsProblemKind.IncludeCycle) return "expected a cycle, got " + found.Kind;
            if (!found.Path.EndsWith(includer, StringComparison.Ordinal)) return $"cycle reported in {found.Path}, expected {includer}";
            if (!found.Message.Contains(PathUtil.GetFileName(target), StringComparison.Ordinal)) return "cycle message does not name " + target;
        }
        if (expected.TryGetProperty("errorMessage", out var message))
        {
            // pip: "Invalid requirement: '<req>': <packaging message> ... (from line N ...)\nHint: ...": same facts, own wording.
            var m = message.GetString()!;
            var packagingMessage = m.Split(": ")[2].Split('\n')[0];
            int line = int.Parse(m.Split("(from line ")[1].Split(' ')[0]);
            if (!found.Message.Contains(packagingMessage, StringComparison.Ordinal)) return "message lacks: " + packagingMessage;
            if (m.Contains("Hint: = is not a valid operator") && !found.Message.Contains("'=='", StringComparison.Ordinal)) return "message lacks the == hint";
            if (new LineMap(fileText).GetPosition(found.Span.Start).Line + 1 != line) return $"reported on the wrong line: {found.Span}";
        }
        return null;
    }

    private static string? CheckRequirements(JsonElement expected, RequirementsFileSet set)
    {
        if (expected.TryGetProperty("requirementsCount", out var count) && count.GetInt32() != set.Requirements.Count)
            return $"expected {count.GetInt32()} requirements, got {set.Requirements.Count}";
        if (!expected.TryGetProperty("requirements", out var list)) return null;
        var expectedList = list.EnumerateArray().ToList();
        if (expectedList.Count != set.Requirements.Count)
            return $"expected {expectedList.Count} requirements, got {set.Requirements.Count}: {string.Join(", ", set.Requirements.Select(r => r.Text))}";
        for (int i = 0; i < expectedList.Count; i++)
        {
            var e = expectedList[i];
            var r = set.Requirements[i];
            var failure = CheckRequirement(e, r);
            if (failure != null) return $"requirement {i}: {failure}";
        }
        return null;
    }

    private static string? CheckRequirement(JsonElement e, RequirementEntry r)
    {
        foreach (var p in e.EnumerateObject())
        {
            string? failure = p.Name switch
            {
                "requirement" => Expect(p.Value.GetString(), r.Text),
                "name" => Expect(p.Value.GetString(), r.Name),
                "isEditable" => Expect(p.Value.GetBoolean(), r.IsEditable),
                "constraint" => Expect(p.Value.GetBoolean(), r.IsConstraint),
                "url" => Expect(p.Value.GetString(), r.Url),
                "specifier" => Expect(p.Value.GetString(), r.Specifier.ToString()),
                "comesFrom" => Expect(p.Value.GetString()!.StartsWith("-c", StringComparison.Ordinal), r.IsConstraint)
                               ?? Expect(p.Value.GetString()!.Split("(line ")[1].TrimEnd(')'), r.LineNumber.ToString()),
                "configSettings" => ExpectSequence(p.Value.EnumerateObject().Select(s => $"{s.Name}={s.Value.GetString()}"),
                    r.ConfigSettings.SelectMany(kv => kv.Value.Select(v => $"{kv.Key}={v}"))),
                "hashes" => ExpectSequence(p.Value.EnumerateObject().SelectMany(a => a.Value.EnumerateArray().Select(d => $"{a.Name}:{d.GetString()}")).OrderBy(s => s),
                    r.Hashes.Select(h => $"{h.Algorithm}:{h.Digest}").OrderBy(s => s)),
                var other => $"unknown field {other}",
            };
            if (failure != null) return $"{p.Name}: {failure}";
        }
        return null;
    }

    private static string? CheckFinder(JsonElement expected, RequirementsFileSet set)
    {
        if (!expected.TryGetProperty("finder", out var finder)) return null;
        foreach (var p in finder.EnumerateObject())
        {
            IEnumerable<string> Strings(JsonElement a) => a.EnumerateArray().Select(x => x.GetString()!);
            string? failure = p.Name switch
            {
                "indexUrls" => ExpectSequence(Strings(p.Value), set.IndexUrls),
                "findLinks" => ExpectSequence(Strings(p.Value).Select(s => s.Replace("<directory of the requirements file>", "/project")), set.FindLinks),
                "trustedHosts" => ExpectSequence(Strings(p.Value), set.TrustedHosts),
                "allReleases" => ExpectSequence(Strings(p.Value).OrderBy(s => s), set.AllReleases.OrderBy(s => s)),
                "onlyFinal" => ExpectSequence(Strings(p.Value).OrderBy(s => s), set.OnlyFinal.OrderBy(s => s)),
                "formatControl" => ExpectSequence(Strings(p.Value.GetProperty("noBinary")), set.NoBinary)
                                   ?? ExpectSequence(Strings(p.Value.GetProperty("onlyBinary")), set.OnlyBinary),
                var other => $"unknown finder field {other}",
            };
            if (failure != null) return $"{p.Name}: {failure}";
        }
        return null;
    }
}
