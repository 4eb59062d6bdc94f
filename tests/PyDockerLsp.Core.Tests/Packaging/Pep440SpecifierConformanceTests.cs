using System.Text.Json;
using PyDockerLsp.Core.Python.Packaging;
using Xunit.Abstractions;
using static PyDockerLsp.Core.Tests.Packaging.ConformanceRun;

namespace PyDockerLsp.Core.Tests.Packaging;

/// <summary>pypa/packaging's specifier tests (pep440-specifiers.json), one test per section with its pass count.</summary>
public sealed class Pep440SpecifierConformanceTests
{
    private readonly ITestOutputHelper _output;

    public Pep440SpecifierConformanceTests(ITestOutputHelper output) => _output = output;

    private static JsonElement Data => PypaData.Specifiers;

    /// <summary>A filter input: the label it is reported under and what the specifier sees
    /// (<c>{"versionObject": "X"}</c> is a parsed version, shown as <c>V(X)</c>).</summary>
    private sealed record Item(string Label, VersionCandidate Candidate);

    private static Item ItemOf(JsonElement e) => e.ValueKind == JsonValueKind.String
        ? new Item(e.GetString()!, VersionCandidate.From(e.GetString()!))
        : new Item($"V({e.GetProperty("versionObject").GetString()})", VersionCandidate.From(Pep440Version.Parse(e.GetProperty("versionObject").GetString()!)));

    private static List<Item> Items(JsonElement array) => array.EnumerateArray().Select(ItemOf).ToList();

    private static Specifier Spec(string text, bool? prereleases = null) => Specifier.Parse(text, prereleases);
    private static SpecifierSet Set(string text, bool? prereleases = null) => SpecifierSet.Parse(text, prereleases);

    public static TheoryData<string> Sections
    {
        get
        {
            var data = new TheoryData<string>();
            foreach (var p in Data.EnumerateObject())
                if (p.Value.ValueKind == JsonValueKind.Object) data.Add(p.Name);
            return data;
        }
    }

    [Theory]
    [MemberData(nameof(Sections))]
    public void Section_passes_every_case(string section)
    {
        var run = new ConformanceRun("pep440-specifiers/" + section);
        var cases = Data.GetProperty(section).TryGetProperty("cases", out var cs) ? cs.EnumerateArray().ToList() : new List<JsonElement>();
        switch (section)
        {
            case "validSpecifiers":
                foreach (var c in cases)
                {
                    var text = c.GetString()!;
                    run.Case(text, () => Specifier.TryParse(text, out _) && SpecifierSet.TryParse(text, out _) ? null : "rejected");
                }
                break;
            case "legacySpecifiersSetOnly":
                foreach (var c in cases)
                {
                    var text = c.GetString()!;
                    run.Case(text, () => SpecifierSet.TryParse(text, out _) ? null : "rejected");
                }
                break;
            case "invalidSpecifiers":
                foreach (var c in cases)
                {
                    var text = PypaData.Str(c, "specifier");
                    run.Case(text, () => Specifier.TryParse(text, out _) ? "accepted" : null);
                }
                break;
            case "versionsValidInSpecifiers":
                foreach (var c in cases)
                {
                    var version = PypaData.Str(c, "version");
                    foreach (var op in new[] { "~=", "==", "!=", "<=", ">=", "<", ">" })
                    {
                        bool expected = !version.Contains('+') || op is "==" or "!=";
                        run.Case(op + version, () => Expect(expected, Specifier.TryParse(op + version, out _)));
                    }
                }
                break;
            case "specifierStr":
                foreach (var c in cases)
                    run.Case(PypaData.Str(c, "specifier"), () => Expect(PypaData.Str(c, "expected"), Spec(PypaData.Str(c, "specifier")).ToString()));
                break;
            case "specifierEquality":
                Equalities(run, section, (l, r) => Spec(l).Equals(Spec(r)));
                break;
            case "setEquality":
                Equalities(run, section, (l, r) => Set(l).Equals(Set(r)));
                break;
            case "contains":
            case "containsInvalidVersion":
                foreach (var c in cases)
                {
                    var (spec, version) = (PypaData.Str(c, "spec_str"), PypaData.Str(c, "version"));
                    bool expected = c.GetProperty("expected").GetBoolean();
                    run.Case($"{spec} ∋ {version}", () => Expect(expected, Spec(spec, true).Contains(version)));
                    if (Pep440Version.TryParse(version, out var parsed))
                        run.Case($"{spec} ∋ V({version})", () => Expect(expected, Spec(spec, true).Contains(parsed)));
                }
                break;
            case "prereleasesSet":
                foreach (var c in cases)
                {
                    var spec = Spec(PypaData.Str(c, "specifier"), PypaData.OptionalBool(c, "initial_prereleases"));
                    var version = PypaData.Str(c, "version");
                    run.Case($"{spec} initially ∋ {version}", () => Expect(c.GetProperty("initial_contains").GetBoolean(), spec.Contains(version)));
                    run.Case($"{spec} then ∋ {version}", () => Expect(c.GetProperty("final_contains").GetBoolean(),
                        spec.WithPrereleases(PypaData.OptionalBool(c, "set_prereleases")).Contains(version)));
                }
                break;
            case "setPrereleasesExplicit":
                foreach (var c in cases)
                {
                    var set = Set(PypaData.Str(c, "spec_str"), PypaData.OptionalBool(c, "initial_prereleases"));
                    var version = PypaData.Str(c, "version");
                    run.Case($"'{set}' initially ∋ {version}", () => Expect(c.GetProperty("initial_contains").GetBoolean(), set.Contains(version)));
                    run.Case($"'{set}' then ∋ {version}", () => Expect(c.GetProperty("final_contains").GetBoolean(),
                        set.WithPrereleases(PypaData.OptionalBool(c, "set_prereleases")).Contains(version)));
                }
                break;
            case "arbitraryEquality":
            case "boundaryShortRelease":
                foreach (var c in cases)
                {
                    var spec = PypaData.Str(c, "spec_str");
                    var version = c.TryGetProperty("version_str", out var vs) ? VersionCandidate.From(Pep440Version.Parse(vs.GetString()!)) : VersionCandidate.From(PypaData.Str(c, "version"));
                    run.Case($"{spec} ∋ {version}", () => Expect(c.GetProperty("expected").GetBoolean(), Spec(spec).Contains(version)));
                }
                break;
            case "arbitraryEqualityNormalization":
                foreach (var c in cases)
                {
                    var spec = PypaData.Str(c, "spec_str");
                    var item = ItemOf(c.GetProperty("version"));
                    run.Case($"{spec} ∋ {item.Label}", () => Expect(c.GetProperty("expected").GetBoolean(), Spec(spec, true).Contains(item.Candidate)));
                }
                break;
            case "prereleasesDetection":
                foreach (var c in cases)
                    run.Case(PypaData.Str(c, "specifier"), () => Expect((bool?)c.GetProperty("expected").GetBoolean(), Spec(PypaData.Str(c, "specifier")).Prereleases));
                break;
            case "containsWithPrereleaseFlags":
                foreach (var c in cases)
                {
                    var spec = Spec(PypaData.Str(c, "specifier"), PypaData.OptionalBool(c, "spec_pre"));
                    var version = PypaData.Str(c, "version");
                    var pre = PypaData.OptionalBool(c, "contains_pre");
                    run.Case($"{spec}/{spec.PrereleasesOverride} ∋ {version} ({pre})", () => Expect(c.GetProperty("expected").GetBoolean(), spec.Contains(version, pre)));
                }
                break;
            case "filter":
            case "filterArbitraryEqualityNormalization":
                foreach (var c in cases)
                {
                    var spec = Spec(PypaData.Str(c, "specifier"), PypaData.OptionalBool(c, "specifier_prereleases"));
                    var pre = PypaData.OptionalBool(c, "prereleases");
                    var input = Items(c.GetProperty("input"));
                    var expected = Items(c.GetProperty("expected")).Select(i => i.Label);
                    run.Case($"{spec} filter [{string.Join(",", input.Select(i => i.Label))}] ({pre})",
                        () => ExpectSequence(expected, spec.Filter(input, i => i.Candidate, pre).Select(i => i.Label)));
                }
                break;
            case "setFilter":
            case "setFilterExclusionaryBridges":
                foreach (var c in cases)
                {
                    var set = Set(PypaData.Str(c, "specifier"), PypaData.OptionalBool(c, "specifier_prereleases"));
                    var pre = PypaData.OptionalBool(c, "prereleases");
                    var input = Items(c.GetProperty("input"));
                    var expected = Items(c.GetProperty("expected")).Select(i => i.Label);
                    run.Case($"'{set}' filter [{string.Join(",", input.Select(i => i.Label))}] ({pre})",
                        () => ExpectSequence(expected, set.Filter(input, i => i.Candidate, pre).Select(i => i.Label)));
                }
                break;
            case "operatorProperty":
                foreach (var c in cases)
                    run.Case(PypaData.Str(c, "spec"), () => Expect(PypaData.Str(c, "op"), Spec(PypaData.Str(c, "spec")).OperatorText));
                break;
            case "versionProperty":
                foreach (var c in cases)
                    run.Case(PypaData.Str(c, "spec"), () => Expect(PypaData.Str(c, "version"), Spec(PypaData.Str(c, "spec")).Version));
                break;
            case "setLength":
                foreach (var c in cases)
                    run.Case(PypaData.Str(c, "spec_str"), () => Expect(c.GetProperty("expected_length").GetInt32(), Set(PypaData.Str(c, "spec_str")).Count));
                break;
            case "setIteration":
                foreach (var c in cases)
                {
                    var expected = c.GetProperty("expected_items").EnumerateArray().Select(e => e.GetString()!).OrderBy(s => s, StringComparer.Ordinal);
                    run.Case(PypaData.Str(c, "spec_str"), () => ExpectSequence(expected,
                        Set(PypaData.Str(c, "spec_str")).Specifiers.Select(s => s.ToString()).Distinct().OrderBy(s => s, StringComparer.Ordinal)));
                }
                break;
            case "emptySetContainsAll":
                foreach (var v in PypaData.Versions.GetProperty("orderedVersions").GetProperty("versions").EnumerateArray())
                {
                    var text = v.GetString()!;
                    run.Case(text, () => Expect(true, Set("", true).Contains(text)));
                }
                break;
            case "emptySetArbitraryString":
                foreach (var c in cases)
                {
                    var set = Set("", PypaData.OptionalBool(c, "prereleases"));
                    var input = Items(c.GetProperty("versions"));
                    var expected = Items(c.GetProperty("expected")).Select(i => i.Label);
                    run.Case($"({set.PrereleasesOverride}) ∋ foobar", () => Expect(true, set.Contains("foobar")));
                    run.Case($"({set.PrereleasesOverride}) filter [{string.Join(",", input.Select(i => i.Label))}]",
                        () => ExpectSequence(expected, set.Filter(input, i => i.Candidate).Select(i => i.Label)));
                }
                break;
            case "emptySetOrderingWithArbitrary":
                foreach (var c in cases)
                {
                    var input = Items(c.GetProperty("versions"));
                    var expected = Items(c.GetProperty("expected")).Select(i => i.Label);
                    run.Case($"filter [{string.Join(",", input.Select(i => i.Label))}]",
                        () => ExpectSequence(expected, Set("").Filter(input, i => i.Candidate).Select(i => i.Label)));
                }
                break;
            case "setContainsInstalled":
                foreach (var c in cases)
                {
                    var set = Set(PypaData.Str(c, "specifier"), PypaData.OptionalBool(c, "spec_prereleases"));
                    var (version, pre, installed) = (PypaData.Str(c, "version"), PypaData.OptionalBool(c, "contains_prereleases"), PypaData.OptionalBool(c, "installed"));
                    run.Case($"'{set}'/{set.PrereleasesOverride} ∋ {version} (pre {pre}, installed {installed})",
                        () => Expect(c.GetProperty("expected").GetBoolean(), set.Contains(version, pre, installed)));
                }
                break;
            case "setContainsExclusionaryBridges":
            case "setContainsArbitraryEquality":
                foreach (var c in cases)
                {
                    var set = Set(PypaData.Str(c, "specifier"));
                    var version = PypaData.Str(c, "version");
                    var pre = PypaData.OptionalBool(c, "prereleases");
                    run.Case($"'{set}' ∋ {version} ({pre})", () => Expect(c.GetProperty("expected").GetBoolean(), set.Contains(version, pre)));
                }
                break;
            case "setContainsPostReleaseBoundary":
                foreach (var c in cases)
                {
                    var (spec, version) = (PypaData.Str(c, "spec_str"), PypaData.Str(c, "version"));
                    run.Case($"'{spec}' ∋ {version}", () => Expect(c.GetProperty("expected").GetBoolean(), Set(spec).Contains(version, prereleases: true)));
                }
                break;
            case "setContainsArbitraryEqualityNormalization":
                foreach (var c in cases)
                {
                    var spec = PypaData.Str(c, "spec_str");
                    var item = ItemOf(c.GetProperty("version"));
                    run.Case($"'{spec}' ∋ {item.Label}", () => Expect(c.GetProperty("expected").GetBoolean(), Set(spec, true).Contains(item.Candidate)));
                }
                break;
            case "setStr":
                foreach (var c in cases)
                    run.Case(PypaData.Str(c, "specifier"), () => Expect(PypaData.Str(c, "expected"), Set(PypaData.Str(c, "specifier")).ToString()));
                break;
            case "setCombine":
                foreach (var c in cases)
                {
                    var (left, right, expected) = (PypaData.Str(c, "left"), PypaData.Str(c, "right"), PypaData.Str(c, "expected"));
                    run.Case($"{left} & {right}", () => Expect(true, (Set(left) & Set(right)).Equals(Set(expected))));
                }
                // The prerelease rule the section states: a common or single explicit policy survives; true and false conflict.
                run.Case("true & null keeps true", () => Expect((bool?)true, (Set(">1", true) & Set("<5")).PrereleasesOverride));
                run.Case("null & false keeps false", () => Expect((bool?)false, (Set(">1") & Set("<5", false)).PrereleasesOverride));
                run.Case("true & false is refused", () =>
                    Assert.Throws<ArgumentException>(() => Set(">1", true) & Set("<5", false)) != null ? null : "accepted");
                break;
            case "setIsSubset":
            case "setIsSuperset":
            case "setIsDisjoint":
                foreach (var c in cases)
                {
                    var (left, right) = (Set(PypaData.Str(c, "left")), Set(PypaData.Str(c, "right")));
                    bool actual = section switch
                    {
                        "setIsSubset" => left.IsSubsetOf(right),
                        "setIsSuperset" => left.IsSupersetOf(right),
                        _ => left.IsDisjointWith(right),
                    };
                    run.Case($"'{left}' vs '{right}'", () => Expect(c.GetProperty("expected").GetBoolean(), actual));
                }
                break;
            case "containsIgnoresLocal":
                foreach (var c in cases)
                {
                    var (spec, version) = (PypaData.Str(c, "specifier"), PypaData.Str(c, "version"));
                    run.Case($"'{spec}' ∋ V({version})", () => Expect(c.GetProperty("expected").GetBoolean(), Set(spec).Contains(Pep440Version.Parse(version))));
                }
                break;
            case "unsatisfiable":
            case "satisfiable":
            case "unsatisfiableNoPre":
            case "satisfiableNoPre":
                foreach (var c in cases)
                {
                    var spec = PypaData.Str(c, "spec_str");
                    bool? pre = section.EndsWith("NoPre", StringComparison.Ordinal) ? false : null;
                    bool expected = section.StartsWith("unsatisfiable", StringComparison.Ordinal);
                    run.Case($"'{spec}'", () => Expect(expected, Set(spec, pre).IsUnsatisfiable()));
                }
                break;
            default:
                run.Case(section, () => "section has no check");
                break;
        }
        run.Report(_output);
    }

    /// <summary><c>specifierEquality</c>/<c>setEquality</c>: the "true" list holds, the "false" list does not.</summary>
    private static void Equalities(ConformanceRun run, string section, Func<string, string, bool> equal)
    {
        var s = Data.GetProperty(section);
        foreach (var (list, expected) in new[] { ("true", true), ("false", false) })
        {
            foreach (var c in s.GetProperty(list).EnumerateArray())
            {
                var (left, right, op) = (PypaData.Str(c, "left"), PypaData.Str(c, "right"), c.GetProperty("op").GetProperty("__op__").GetString());
                run.Case($"{left} {op} {right} is {expected}", () => Expect(expected, op == "==" ? equal(left, right) : !equal(left, right)));
            }
        }
        if (s.TryGetProperty("canonicalizes", out var canon))
        {
            foreach (var c in canon.EnumerateArray())
            {
                var (left, right) = (PypaData.Str(c, "left"), PypaData.Str(c, "right"));
                run.Case($"{left} == {right}", () => Expect(c.GetProperty("equal").GetBoolean(), equal(left, right)));
            }
        }
    }
}
