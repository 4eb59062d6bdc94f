using System.Text.Json;
using PyDockerLsp.Core.Python.Packaging;
using Xunit.Abstractions;
using static PyDockerLsp.Core.Tests.Packaging.ConformanceRun;

namespace PyDockerLsp.Core.Tests.Packaging;

/// <summary>pypa/packaging's requirement and marker tests (pep508-requirements.json, pep508-markers.json).</summary>
public sealed class Pep508ConformanceTests
{
    private readonly ITestOutputHelper _output;

    public Pep508ConformanceTests(ITestOutputHelper output) => _output = output;

    /// <summary>Every valid string parses to packaging's name, extras, specifier, URL, marker and <c>str()</c>.</summary>
    [Fact]
    public void Valid_requirements_parse_like_packaging()
    {
        var run = new ConformanceRun("pep508-requirements/valid");
        foreach (var c in PypaData.Requirements.GetProperty("valid").EnumerateArray())
        {
            var input = PypaData.Str(c, "input");
            run.Case(input, () =>
            {
                if (!Pep508Requirement.TryParse(input, out var r, out var error)) return "rejected: " + error!.ToPackagingString();
                var extras = c.GetProperty("extras").EnumerateArray().Select(e => e.GetString()!);
                return Expect(PypaData.Str(c, "name"), r.Name)
                    ?? ExpectSequence(extras, r.Extras)
                    ?? Expect(PypaData.Str(c, "specifier"), r.Specifier.ToString())
                    ?? Expect(PypaData.OptionalString(c, "url"), r.Url)
                    ?? Expect(PypaData.OptionalString(c, "marker"), r.Marker?.ToString())
                    ?? Expect(PypaData.Str(c, "str"), r.ToString())
                    ?? CheckSpans(input, r);
            });
        }
        run.Report(_output);
    }

    /// <summary>The spans point at the text they describe.</summary>
    private static string? CheckSpans(string input, Pep508Requirement r)
    {
        if (input.Substring(r.NameSpan.Start, r.NameSpan.Length) != r.Name) return $"name span {r.NameSpan}";
        if (r.UrlSpan is { } u && input.Substring(u.Start, u.Length) != r.Url) return $"url span {u}";
        if (r.SpecifierClauseSpans.Count != r.Specifier.Count) return "clause spans do not match clauses";
        return null;
    }

    /// <summary>Every invalid string is rejected with packaging's message, source line and caret line.</summary>
    [Fact]
    public void Invalid_requirements_fail_with_packagings_message_and_position()
    {
        var run = new ConformanceRun("pep508-requirements/invalid");
        foreach (var c in PypaData.Requirements.GetProperty("invalid").EnumerateArray())
        {
            var input = PypaData.Str(c, "input");
            run.Case(input, () => Pep508Requirement.TryParse(input, out var r, out var error)
                ? $"accepted as {r}"
                : Expect(PypaData.Str(c, "error"), error!.ToPackagingString()));
        }
        run.Report(_output);
    }

    [Fact]
    public void Valid_markers_print_in_packagings_normal_form()
    {
        var run = new ConformanceRun("pep508-markers/valid");
        foreach (var c in PypaData.Markers.GetProperty("valid").EnumerateArray())
        {
            var input = PypaData.Str(c, "input");
            run.Case(input, () => Marker.TryParse(input, out var m, out var error)
                ? Expect(PypaData.Str(c, "str"), m.ToString())
                : "rejected: " + error!.ToPackagingString());
        }
        run.Report(_output);
    }

    [Fact]
    public void Invalid_markers_fail_with_packagings_message_and_position()
    {
        var run = new ConformanceRun("pep508-markers/invalid");
        foreach (var c in PypaData.Markers.GetProperty("invalid").EnumerateArray())
        {
            var input = PypaData.Str(c, "input");
            run.Case(input, () => Marker.TryParse(input, out var m, out var error)
                ? $"accepted as {m}"
                : Expect(PypaData.Str(c, "error"), error!.ToPackagingString()));
        }
        run.Report(_output);
    }

    /// <summary>Evaluations against the recording host's environment with the case's overrides. Errors are checked by
    /// kind and by the variable or operator they name (the wording is this project's own).</summary>
    [Fact]
    public void Marker_evaluations_give_packagings_results()
    {
        var run = new ConformanceRun("pep508-markers/evaluations");
        var markers = PypaData.Markers;
        var host = MarkerEnvironment.FromValues(markers.GetProperty("hostDefaultEnvironment").EnumerateObject()
            .Select(p => new KeyValuePair<string, string>(p.Name, p.Value.GetString()!)));
        foreach (var c in markers.GetProperty("evaluations").EnumerateArray())
        {
            var text = PypaData.Str(c, "marker");
            var env = host;
            if (c.GetProperty("environmentOverrides") is { ValueKind: JsonValueKind.Object } overrides)
            {
                foreach (var p in overrides.EnumerateObject())
                {
                    env = p.Value.ValueKind switch
                    {
                        JsonValueKind.Array => env.WithSet(p.Name, p.Value.EnumerateArray().Select(e => e.GetString()!)),
                        JsonValueKind.Null => env.With(p.Name, null),
                        _ => env.With(p.Name, p.Value.GetString()),
                    };
                }
            }
            var context = c.GetProperty("extraKwargs") is { ValueKind: JsonValueKind.Object } kw
                ? kw.GetProperty("context").GetString() switch
                {
                    "'requirement'" => MarkerContext.Requirement,
                    "'lock_file'" => MarkerContext.LockFile,
                    _ => MarkerContext.Metadata,
                }
                : MarkerContext.Metadata;
            var finalEnv = env;
            run.Case($"{text} [{context}]", () =>
            {
                var marker = Marker.Parse(text);
                marker.TryEvaluate(finalEnv, context, out bool result, out var error);
                if (c.TryGetProperty("result", out var expected))
                    return error != null ? $"error {error.Kind}: {error.Message}" : Expect(expected.GetBoolean(), result);
                if (error == null) return $"evaluated to {result}, expected an error";
                return CheckError(PypaData.Str(c, "error"), error);
            });
        }
        run.Report(_output);
    }

    private static string? CheckError(string expected, MarkerEvaluationException error)
    {
        var kind = expected[..expected.IndexOf(':')];
        if (kind != error.Kind.ToString()) return $"expected {kind}, got {error.Kind}";
        if (error.Kind == MarkerEvaluationErrorKind.UndefinedEnvironmentName)
            return expected.EndsWith($"'{error.Variable}'", StringComparison.Ordinal) ? null : $"names {error.Variable}";
        // "Undefined <Op('~=')> on ..." or "Set-valued marker 'extras' ... side of '=='.": the operator appears in both.
        var op = expected.Contains("<Op('") ? expected.Split("<Op('")[1].Split("')")[0] : expected.Split("side of '")[1].TrimEnd('.', '\'');
        return error.Message.Contains($"'{op}'", StringComparison.Ordinal) ? null : $"message does not name '{op}': {error.Message}";
    }
}
