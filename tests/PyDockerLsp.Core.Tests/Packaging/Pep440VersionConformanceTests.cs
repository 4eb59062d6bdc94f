using System.Text.Json;
using PyDockerLsp.Core.Python.Packaging;
using Xunit.Abstractions;
using static PyDockerLsp.Core.Tests.Packaging.ConformanceRun;

namespace PyDockerLsp.Core.Tests.Packaging;

/// <summary>pypa/packaging's version tests (pep440-versions.json), one test per section with its pass count.</summary>
public sealed class Pep440VersionConformanceTests
{
    private readonly ITestOutputHelper _output;

    public Pep440VersionConformanceTests(ITestOutputHelper output) => _output = output;

    private static JsonElement Data => PypaData.Versions;

    private static Pep440Version V(string text) => Pep440Version.Parse(text);

    public static TheoryData<string> Sections => new()
    {
        "orderedVersions", "invalid", "oversized", "normalized", "strRepr", "public", "baseVersion", "epoch", "release",
        "local", "pre", "isPrerelease", "dev", "isDevrelease", "post", "isPostrelease", "fromParts", "extraFacts",
    };

    [Theory]
    [MemberData(nameof(Sections))]
    public void Section_passes_every_case(string section)
    {
        var run = new ConformanceRun("pep440-versions/" + section);
        switch (section)
        {
            case "orderedVersions": OrderedVersions(run); break;
            case "invalid":
                foreach (var c in PypaData.Cases(Data, section))
                {
                    var text = PypaData.Str(c, "version");
                    run.Case(text, () => Pep440Version.TryParse(text, out _) ? "parsed" : null);
                }
                break;
            case "oversized":
                // Python refuses integers of more than 4300 digits; here every number must fit in a long.
                foreach (var c in Data.GetProperty(section).GetProperty("cases").EnumerateArray())
                {
                    var text = c.GetString()!;
                    run.Case(text[..10] + "…", () => Pep440Version.TryParse(text, out _) ? "parsed" : null);
                }
                break;
            case "normalized": CompareText(run, section, "normalized", v => v.ToString()); break;
            case "strRepr": CompareText(run, section, "expected", v => v.ToString()); break;
            case "public": CompareText(run, section, "public", v => v.Public); break;
            case "baseVersion": CompareText(run, section, "base_version", v => v.BaseVersion); break;
            case "local":
                foreach (var c in PypaData.Cases(Data, section))
                {
                    var text = PypaData.Str(c, "version");
                    run.Case(text, () => Expect(PypaData.OptionalString(c, "local"), V(text).Local));
                }
                break;
            case "epoch":
                foreach (var c in PypaData.Cases(Data, section))
                {
                    var text = PypaData.Str(c, "version");
                    run.Case(text, () => Expect(c.GetProperty("epoch").GetInt64(), V(text).Epoch));
                }
                break;
            case "release":
                foreach (var c in PypaData.Cases(Data, section))
                {
                    var text = PypaData.Str(c, "version");
                    var expected = string.Join(",", c.GetProperty("release").EnumerateArray().Select(n => n.GetInt64()));
                    run.Case(text, () => Expect(expected, string.Join(",", V(text).Release)));
                }
                break;
            case "pre":
                foreach (var c in PypaData.Cases(Data, section))
                {
                    var text = PypaData.Str(c, "version");
                    var pre = c.GetProperty("pre");
                    PreRelease? expected = pre.ValueKind == JsonValueKind.Null ? null : new PreRelease(pre[0].GetString()!, pre[1].GetInt64());
                    run.Case(text, () => Expect(expected, V(text).Pre));
                }
                break;
            case "dev": CompareNumber(run, section, "dev", v => v.Dev); break;
            case "post": CompareNumber(run, section, "post", v => v.Post); break;
            case "isPrerelease": CompareFlag(run, section, v => v.IsPrerelease); break;
            case "isDevrelease": CompareFlag(run, section, v => v.IsDevrelease); break;
            case "isPostrelease": CompareFlag(run, section, v => v.IsPostrelease); break;
            case "fromParts": FromParts(run); break;
            case "extraFacts":
                run.Case("rc equals c", () => Expect(true, V("1.0rc1") == V("1.0c1")));
                run.Case("lolwat is not a version", () => Pep440Version.TryParse("lolwat", out _) ? "parsed" : null);
                run.Case("major/minor/micro", () => Expect("1 2 3 / 1 0 0", $"{V("1.2.3").Major} {V("1.2.3").Minor} {V("1.2.3").Micro} / {V("1").Major} {V("1").Minor} {V("1").Micro}"));
                break;
            default: throw new ArgumentException(section);
        }
        run.Report(_output);
    }

    /// <summary>The list is strictly increasing, so every pair compares as its indexes do (all six operators).</summary>
    private static void OrderedVersions(ConformanceRun run)
    {
        var texts = Data.GetProperty("orderedVersions").GetProperty("versions").EnumerateArray().Select(e => e.GetString()!).ToList();
        var versions = texts.Select(V).ToList();
        for (int i = 0; i < versions.Count; i++)
        {
            for (int j = 0; j < versions.Count; j++)
            {
                var (a, b) = (versions[i], versions[j]);
                int expected = i.CompareTo(j);
                run.Case($"{texts[i]} vs {texts[j]}", () =>
                {
                    bool ok = (a < b) == (expected < 0) && (a <= b) == (expected <= 0) && (a == b) == (expected == 0)
                        && (a != b) == (expected != 0) && (a >= b) == (expected >= 0) && (a > b) == (expected > 0)
                        && (expected != 0 || a.GetHashCode() == b.GetHashCode());
                    return ok ? null : $"compares as {a.CompareTo(b)}, expected {expected}";
                });
            }
        }
    }

    private static void FromParts(ConformanceRun run)
    {
        foreach (var c in PypaData.Cases(Data, "fromParts"))
        {
            var args = c.GetProperty("args");
            var expected = PypaData.Str(c, "string");
            run.Case(expected, () =>
            {
                var release = args.GetProperty("release").EnumerateArray().Select(n => n.GetInt64()).ToArray();
                long epoch = args.TryGetProperty("epoch", out var e) && e.ValueKind != JsonValueKind.Null ? e.GetInt64() : 0;
                (string, long)? pre = args.TryGetProperty("pre", out var p) && p.ValueKind != JsonValueKind.Null ? (p[0].GetString()!, p[1].GetInt64()) : null;
                long? post = args.TryGetProperty("post", out var po) && po.ValueKind != JsonValueKind.Null ? po.GetInt64() : null;
                long? dev = args.TryGetProperty("dev", out var d) && d.ValueKind != JsonValueKind.Null ? d.GetInt64() : null;
                string? local = PypaData.OptionalString(args, "local");
                var built = Pep440Version.FromParts(release, epoch, pre, post, dev, local);
                return built == V(expected) && built.ToString() == V(expected).ToString() ? null : $"built {built}";
            });
        }
    }

    private static void CompareText(ConformanceRun run, string section, string field, Func<Pep440Version, string> actual)
    {
        foreach (var c in PypaData.Cases(Data, section))
        {
            var text = PypaData.Str(c, "version");
            run.Case(text, () => Pep440Version.TryParse(text, out var v) ? Expect(PypaData.Str(c, field), actual(v)) : "did not parse");
        }
    }

    private static void CompareNumber(ConformanceRun run, string section, string field, Func<Pep440Version, long?> actual)
    {
        foreach (var c in PypaData.Cases(Data, section))
        {
            var text = PypaData.Str(c, "version");
            var e = c.GetProperty(field);
            long? expected = e.ValueKind == JsonValueKind.Null ? null : e.GetInt64();
            run.Case(text, () => Expect(expected, actual(V(text))));
        }
    }

    private static void CompareFlag(ConformanceRun run, string section, Func<Pep440Version, bool> actual)
    {
        foreach (var c in PypaData.Cases(Data, section))
        {
            var text = PypaData.Str(c, "version");
            run.Case(text, () => Expect(c.GetProperty("expected").GetBoolean(), actual(V(text))));
        }
    }
}
