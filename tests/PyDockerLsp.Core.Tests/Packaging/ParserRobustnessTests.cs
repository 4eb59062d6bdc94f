using PyDockerLsp.Core.Python.Packaging;
using PyDockerLsp.Core.Python.Requirements;
using PyDockerLsp.Core.Tests.Support;

namespace PyDockerLsp.Core.Tests.Packaging;

/// <summary>Bad input never throws out of a parser: every prefix of real inputs (what an editor holds while the
/// user types) parses or fails with a located error.</summary>
public sealed class ParserRobustnessTests
{
    private static IEnumerable<string> Prefixes(string text)
    {
        for (int i = 0; i <= text.Length; i++) yield return text[..i];
    }

    [Fact]
    public void Every_prefix_of_the_conformance_requirements_is_handled()
    {
        var inputs = PypaData.Requirements.GetProperty("valid").EnumerateArray().Take(400)
            .Concat(PypaData.Requirements.GetProperty("invalid").EnumerateArray())
            .Select(c => PypaData.Str(c, "input"));
        foreach (var input in inputs)
        {
            foreach (var prefix in Prefixes(input))
            {
                if (Pep508Requirement.TryParse(prefix, out _, out var error)) continue;
                Assert.NotNull(error);
                Assert.InRange(error!.Span.End, 0, prefix.Length);
                Assert.InRange(error.HighlightSpan.End, error.HighlightSpan.Start, prefix.Length);
            }
        }
    }

    [Fact]
    public void Every_prefix_of_the_conformance_markers_is_handled()
    {
        foreach (var c in PypaData.Markers.GetProperty("valid").EnumerateArray().Take(300))
        {
            foreach (var prefix in Prefixes(PypaData.Str(c, "input")))
            {
                if (!Marker.TryParse(prefix, out _, out var error)) Assert.InRange(error!.Span.End, 0, prefix.Length);
            }
        }
    }

    [Fact]
    public void Every_prefix_of_versions_and_specifiers_is_handled()
    {
        foreach (var v in PypaData.Versions.GetProperty("orderedVersions").GetProperty("versions").EnumerateArray())
        {
            foreach (var prefix in Prefixes(v.GetString()!))
            {
                Pep440Version.TryParse(prefix, out _);
                Specifier.TryParse("~=" + prefix, out _);
                SpecifierSet.TryParse(">=" + prefix + ",!=" + prefix + ".*", out _);
            }
        }
    }

    [Fact]
    public void Cut_off_requirements_files_yield_problems_inside_the_text()
    {
        var text = File.ReadAllText(Path.Combine(TestPaths.Corpus, "pypi", "warehouse", "requirements", "main.txt"));
        int step = Math.Max(1, text.Length / 120);
        for (int cut = 0; cut < text.Length; cut += step)
        {
            var partial = text[..cut] + "==\\\n--hash=\n-r\n'\n${X";
            var file = RequirementsFileParser.ParseText("/x/requirements.txt", partial);
            foreach (var p in file.Problems) Assert.InRange(p.Span.End, p.Span.Start, partial.Length);
            foreach (var r in file.Requirements)
            {
                Assert.InRange(r.NameSpan.End, 0, partial.Length);
                Assert.InRange(r.Span.End, 0, partial.Length);
            }
        }
    }
}
