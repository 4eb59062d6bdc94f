using System.Text.Json;
using PyDockerLsp.Core.Syntax.Dockerfile;

namespace PyDockerLsp.Core.Tests.Syntax;

/// <summary>The cases of BuildKit's parser and instruction tests (see ../shared/conformance/buildkit-parser/SOURCE.md).</summary>
internal static class BuildKitParserSuites
{
    public static IEnumerable<ConformanceCase> All() =>
        PositiveTestfiles().Concat(NegativeTestfiles()).Concat(LineInfo()).Concat(EmptyContinuationWarnings())
            .Concat(MaxLineLength()).Concat(HeredocExtract()).Concat(HeredocJsonForm()).Concat(HeredocsFromLine())
            .Concat(HeredocHelpers()).Concat(HeredocChomp()).Concat(JsonArrays()).Concat(ParseWords()).Concat(NameVal())
            .Concat(Directives()).Concat(InstructionErrors()).Concat(CopyHeredoc()).Concat(RunHeredoc());

    /// <summary>Each <c>testfiles/&lt;case&gt;</c>: parses without a parser-level error and dumps exactly as <c>result</c>.</summary>
    public static IEnumerable<ConformanceCase> PositiveTestfiles()
    {
        foreach (var dir in Directory.GetDirectories(BuildKitData.PathOf("parser", "testfiles")).OrderBy(d => d, StringComparer.Ordinal))
        {
            string name = Path.GetFileName(dir);
            yield return new ConformanceCase("testfiles", name, () =>
            {
                var syntax = DockerfileParser.Parse(BuildKitData.ReadText("parser", "testfiles", name, "Dockerfile"));
                var parserErrors = syntax.Errors.Where(e => e.RejectedBy == BuildKitLayer.Parser).ToList();
                if (parserErrors.Count > 0) return "unexpected parser error: " + parserErrors[0];
                string expected = BuildKitData.ReadText("parser", "testfiles", name, "result");
                string actual = BuildKitDump.Dump(syntax);
                return actual == expected ? null : $"dump differs.\nexpected:\n{expected}\nactual:\n{actual}";
            });
        }
    }

    /// <summary>Each <c>testfiles-negative/&lt;case&gt;</c>: the parser refuses it.</summary>
    public static IEnumerable<ConformanceCase> NegativeTestfiles()
    {
        foreach (var dir in Directory.GetDirectories(BuildKitData.PathOf("parser", "testfiles-negative")).OrderBy(d => d, StringComparer.Ordinal))
        {
            string name = Path.GetFileName(dir);
            yield return new ConformanceCase("testfiles-negative", name, () =>
            {
                var syntax = DockerfileParser.Parse(BuildKitData.ReadText("parser", "testfiles-negative", name, "Dockerfile"));
                return syntax.Errors.Any(e => e.RejectedBy == BuildKitLayer.Parser && e.Severity == Analysis.Severity.Error)
                    ? null
                    : "expected a parser-level error, got: " + string.Join("; ", syntax.Errors);
            });
        }
    }

    public static IEnumerable<ConformanceCase> LineInfo()
    {
        var data = BuildKitData.ReadJson("line-info.json");
        yield return new ConformanceCase("line-info", "testfile-line", () =>
        {
            var syntax = DockerfileParser.Parse(BuildKitData.ReadText("parser", "testfile-line", "Dockerfile"));
            var children = data.GetProperty("children").EnumerateArray().Select(c => (c[0].GetInt32(), c[1].GetInt32())).ToList();
            var actual = syntax.Instructions.Select(i => (i.StartLine + 1, i.EndLine + 1)).ToList();
            if (!children.SequenceEqual(actual)) return $"lines {string.Join(",", actual)} != {string.Join(",", children)}";
            int rootStart = data.GetProperty("rootStartLine").GetInt32(), rootEnd = data.GetProperty("rootEndLine").GetInt32();
            if (actual[0].Item1 != rootStart || actual[^1].Item2 != rootEnd) return "root lines differ";
            return null;
        });
    }

    public static IEnumerable<ConformanceCase> EmptyContinuationWarnings()
    {
        var data = BuildKitData.ReadJson("empty-continuation-warnings.json");
        yield return new ConformanceCase("empty-continuation-warnings", "TestParseWarnsOnEmptyContinutationLine", () =>
        {
            var syntax = DockerfileParser.Parse(data.Str("dockerfile")!);
            if (syntax.Errors.Any(e => e.Severity == Analysis.Severity.Error)) return "unexpected error: " + syntax.Errors.First();
            var warnings = syntax.Errors.Where(e => e.Code == DockerfileSyntaxCodes.EmptyContinuationLine.Code).ToList();
            int count = data.GetProperty("warningCount").GetInt32();
            if (warnings.Count != count) return $"{warnings.Count} warnings, expected {count}";
            var expected = data.GetProperty("warnings").EnumerateArray().ToList();
            for (int i = 0; i < count; i++)
                foreach (var part in expected[i].EnumerateArray().Select(p => p.GetString()!))
                    if (!warnings[i].Message.Contains(part, StringComparison.Ordinal)) return $"warning {i} '{warnings[i].Message}' lacks '{part}'";
            string detail = data.Str("detailContains")!;
            if (!warnings[0].Message.Contains(detail, StringComparison.Ordinal)) return $"warning lacks '{detail}'";
            return null;
        });
    }

    public static IEnumerable<ConformanceCase> MaxLineLength()
    {
        var data = BuildKitData.ReadJson("max-line-length.json");
        yield return new ConformanceCase("max-line-length", "TestParseReturnsScannerErrors", () =>
        {
            var label = data.GetProperty("label");
            string text = data.Str("dockerfileTemplate")!.Replace("{label}", new string(label.Str("char")![0], label.GetProperty("repeat").GetInt32()));
            var syntax = DockerfileParser.Parse(text);
            var error = syntax.Errors.FirstOrDefault(e => e.Code == DockerfileSyntaxCodes.LineTooLong.Code && e.RejectedBy == BuildKitLayer.Parser);
            if (error is null) return "no line-too-long error";
            return error.Message.Contains("65535", StringComparison.Ordinal) ? null : "message does not name the limit: " + error.Message;
        });
    }

    public static IEnumerable<ConformanceCase> HeredocExtract()
    {
        var data = JsonDocument.Parse(File.ReadAllBytes(BuildKitData.PathOf("derived", "heredoc-extract", "expected.json"))).RootElement;
        int offset = data.GetProperty("astChildOffset").GetInt32();
        var expected = data.GetProperty("expected").EnumerateArray().ToList();
        for (int i = 0; i < expected.Count; i++)
        {
            int index = i;
            yield return new ConformanceCase("heredoc-extract", $"child {index + offset}", () =>
            {
                var syntax = DockerfileParser.Parse(BuildKitData.ReadText("derived", "heredoc-extract", "Dockerfile"));
                if (syntax.Errors.Any(e => e.RejectedBy == BuildKitLayer.Parser)) return "parser error: " + syntax.Errors.First(e => e.RejectedBy == BuildKitLayer.Parser);
                var instruction = syntax.Instructions[index + offset];
                var want = expected[index];
                if (want.ValueKind == JsonValueKind.Null)
                    return instruction.Heredocs.Count == 0 ? null : $"{instruction}: expected no heredocs, got {instruction.Heredocs.Count}";
                var wanted = want.EnumerateArray().ToList();
                if (wanted.Count != instruction.Heredocs.Count) return $"{instruction}: {instruction.Heredocs.Count} heredocs, expected {wanted.Count}";
                for (int h = 0; h < wanted.Count; h++)
                {
                    var w = wanted[h];
                    var actual = instruction.Heredocs[h];
                    string got = $"{actual.Name}/{actual.FileDescriptor}/{actual.Expand}/{actual.Chomp}/{BuildKitDump.GoQuote(actual.Content)}";
                    string exp = $"{w.Str("name")}/{w.GetProperty("fileDescriptor").GetInt32()}/{w.GetProperty("expand").GetBoolean()}/"
                                 + $"{w.GetProperty("chomp").GetBoolean()}/{BuildKitDump.GoQuote(w.Str("content")!)}";
                    if (got != exp) return $"heredoc {h}: {got} != {exp}";
                }
                return null;
            });
        }
    }

    public static IEnumerable<ConformanceCase> HeredocJsonForm()
    {
        var data = BuildKitData.ReadJson("heredoc-json-form.json");
        yield return new ConformanceCase("heredoc-json-form", "TestParseJSONHeredoc", () =>
        {
            var syntax = DockerfileParser.Parse(data.Str("dockerfile")!);
            foreach (var child in data.GetProperty("childrenWithoutHeredocs").EnumerateArray().Select(c => c.GetInt32()))
            {
                var instruction = syntax.Instructions[child];
                if (instruction.Heredocs.Count != 0 || !instruction.IsExecForm) return $"child {child} ({instruction}) has heredocs or is not exec form";
            }
            return null;
        });
    }

    public static IEnumerable<ConformanceCase> HeredocsFromLine()
    {
        foreach (var c in BuildKitData.ReadJson("heredocs-from-line.json").GetProperty("cases").EnumerateArray())
        {
            string line = c.Str("line")!;
            var expected = c.StrList("heredocNames") ?? new List<string>();
            yield return new ConformanceCase("heredocs-from-line", line, () =>
            {
                var found = HeredocMarker.FindInLine(line, out string? error);
                if (error is not null) return "error: " + error;
                // As upstream: the names of the heredocs found must match the expected ones pairwise.
                if (found.Count > expected.Count) return $"found {found.Count} heredocs, expected at most {expected.Count}";
                for (int i = 0; i < found.Count; i++)
                    if (found[i].Marker.Name != expected[i]) return $"heredoc {i} is {found[i].Marker.Name}, expected {expected[i]}";
                return null;
            });
        }
    }

    public static IEnumerable<ConformanceCase> HeredocHelpers()
    {
        var data = BuildKitData.ReadJson("heredoc-helpers.json");
        string expectedName = data.Str("expectedName")!;
        foreach (var word in data.StrList("valid")!)
            yield return new ConformanceCase("heredoc-helpers", "valid " + word, () =>
            {
                var marker = HeredocMarker.Parse(word, out string? error);
                if (error is not null) return "error: " + error;
                return marker?.Name == expectedName ? null : $"name {marker?.Name ?? "(none)"}";
            });
        foreach (var word in data.StrList("invalid")!)
            yield return new ConformanceCase("heredoc-helpers", "invalid " + word, () =>
            {
                HeredocMarker.Parse(word, out string? error);
                return error is not null ? null : "no error";
            });
        foreach (var word in data.StrList("notHeredoc")!)
            yield return new ConformanceCase("heredoc-helpers", "not a heredoc " + BuildKitDump.GoQuote(word), () =>
            {
                var marker = HeredocMarker.Parse(word, out string? error);
                return marker is null && error is null ? null : $"got {marker} / {error}";
            });
    }

    public static IEnumerable<ConformanceCase> HeredocChomp()
    {
        foreach (var c in BuildKitData.ReadJson("heredoc-chomp.json").GetProperty("cases").EnumerateArray())
        {
            string input = c.Str("input")!, expected = c.Str("expected")!;
            yield return new ConformanceCase("heredoc-chomp", BuildKitDump.GoQuote(input), () =>
                Heredoc.ChompContent(input) == expected ? null : BuildKitDump.GoQuote(Heredoc.ChompContent(input)));
        }
    }

    public static IEnumerable<ConformanceCase> JsonArrays()
    {
        var data = BuildKitData.ReadJson("json-arrays.json");
        foreach (var c in data.GetProperty("valid").EnumerateArray())
        {
            string input = c.Str("input")!;
            var expected = c.StrList("expected")!;
            yield return new ConformanceCase("json-arrays", "valid " + input, () =>
            {
                var strings = new List<JsonStringToken>();
                var outcome = ArgumentScanner.ReadExecForm(input, 0, input.Length, strings);
                if (outcome != ExecFormOutcome.StringArray) return "outcome " + outcome;
                var values = strings.Select(s => s.Value).ToList();
                return values.SequenceEqual(expected) ? null : BuildKitData.Show(values);
            });
        }
        foreach (var input in data.StrList("invalid")!)
            yield return new ConformanceCase("json-arrays", "invalid " + input, () =>
            {
                var outcome = ArgumentScanner.ReadExecForm(input, 0, input.Length, new List<JsonStringToken>());
                if (outcome != ExecFormOutcome.NotStringArray) return "outcome " + outcome;
                // And in an instruction it is an error, not a fall-back to shell form.
                var syntax = DockerfileParser.Parse("FROM scratch\nCMD " + input + "\n");
                return syntax.Errors.Any(e => e.Code == DockerfileSyntaxCodes.InvalidExecForm.Code && e.RejectedBy == BuildKitLayer.Parser)
                    ? null : "CMD did not report invalid exec form";
            });
    }

    public static IEnumerable<ConformanceCase> ParseWords()
    {
        foreach (var c in BuildKitData.ReadJson("parse-words.json").GetProperty("cases").EnumerateArray())
        {
            string input = c.Str("input")!;
            var expected = c.StrList("expected")!;
            yield return new ConformanceCase("parse-words", input, () =>
            {
                var words = new List<WordToken>();
                ArgumentScanner.ReadQuotedWords(input, 0, input.Length, '\\', words);
                var values = words.Select(w => input.Substring(w.Start, w.ValueEnd - w.Start)).ToList();
                return values.SequenceEqual(expected) ? null : BuildKitData.Show(values);
            });
        }
    }

    public static IEnumerable<ConformanceCase> NameVal()
    {
        foreach (var c in BuildKitData.ReadJson("name-val.json").GetProperty("cases").EnumerateArray())
        {
            string cmd = c.Str("cmd")!, input = c.Str("input")!;
            var expected = c.StrList("expectedNodes");
            string? expectedError = c.Str("expectedError");
            yield return new ConformanceCase("name-val", $"{cmd} {input}", () =>
            {
                var syntax = DockerfileParser.Parse($"FROM scratch\n{cmd} {input}\n");
                var instruction = syntax.Instructions[1];
                var parserErrors = syntax.Errors.Where(e => e.RejectedBy == BuildKitLayer.Parser).ToList();
                if (expectedError is not null)
                    return parserErrors.Any(e => e.Code == DockerfileSyntaxCodes.MissingArguments.Code && e.Message.Contains(cmd, StringComparison.Ordinal))
                        ? null : "expected an error like: " + expectedError;
                if (parserErrors.Count > 0) return "unexpected error " + parserErrors[0];
                var values = instruction.Arguments.Select(a => a.Value).ToList();
                return values.SequenceEqual(expected!) ? null : BuildKitData.Show(values);
            });
        }
    }

    public static IEnumerable<ConformanceCase> Directives()
    {
        var data = BuildKitData.ReadJson("directives.json");
        foreach (var c in data.GetProperty("parseAll").EnumerateArray())
        {
            string input = c.Str("input")!;
            var expected = c.GetProperty("expected").EnumerateArray().Select(e => $"{e.Str("name")}={e.Str("value")}").ToList();
            yield return new ConformanceCase("directives", "parseAll " + BuildKitDump.GoQuote(input), () =>
            {
                var actual = DockerfileParser.Parse(input).Directives.Select(d => $"{d.Name}={d.Value}").ToList();
                return actual.SequenceEqual(expected) ? null : BuildKitData.Show(actual);
            });
        }
        foreach (var (group, key) in new[] { ("detectSyntax", "syntax"), ("parseDirective", "") })
        {
            foreach (var c in data.GetProperty(group).EnumerateArray())
            {
                string input = c.Str("input") ?? System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(c.Str("inputBase64")!));
                string directiveKey = group == "detectSyntax" ? key : c.Str("name")!;
                bool ok = c.GetProperty("ok").GetBoolean();
                yield return new ConformanceCase("directives", $"{group} {BuildKitDump.GoQuote(input)}", () =>
                {
                    var found = group == "detectSyntax"
                        ? SyntaxDirectiveDetector.DetectSyntax(input)
                        : SyntaxDirectiveDetector.ParseDirective(directiveKey, input);
                    if (!ok) return found is null ? null : $"found {found}";
                    if (found is null) return "not found";
                    if (c.Str("ref") is { } reference && found.Reference != reference) return $"ref {found.Reference}";
                    if (c.Str("cmdline") is { } cmdline && found.Value != cmdline) return $"cmdline {found.Value}";
                    if (c.TryGetProperty("line", out var line) && found.Line != line.GetInt32()) return $"line {found.Line}";
                    return null;
                });
            }
        }
    }

    /// <summary>
    /// TestErrorCases: the file parses, and reading instruction 0 fails. Messages are our own words, so each BuildKit
    /// message is mapped to the code we report and a word that ours must contain.
    /// </summary>
    public static IEnumerable<ConformanceCase> InstructionErrors()
    {
        var expectations = new Dictionary<string, (SyntaxCode Code, string MustContain)>
        {
            ["COPY cannot accept a heredoc as a destination"] = (DockerfileSyntaxCodes.InvalidArgument, "heredoc as its destination"),
            ["COPY requires at least two arguments"] = (DockerfileSyntaxCodes.MissingArguments, "COPY needs at least a source and a destination"),
            ["FROM isn't allowed as an ONBUILD trigger"] = (DockerfileSyntaxCodes.InvalidOnbuildTrigger, "FROM cannot be an ONBUILD trigger"),
            ["unknown flag: --boo"] = (DockerfileSyntaxCodes.InvalidFlag, "Unknown flag: --boo"),
            ["Chaining ONBUILD via `ONBUILD ONBUILD` isn't allowed"] = (DockerfileSyntaxCodes.InvalidOnbuildTrigger, "ONBUILD ONBUILD"),
            ["unknown instruction: FOO"] = (DockerfileSyntaxCodes.UnknownInstruction, "Unknown instruction: FOO"),
            ["unknown instruction: foo"] = (DockerfileSyntaxCodes.UnknownInstruction, "Unknown instruction: foo"),
        };
        foreach (var c in BuildKitData.ReadJson("instruction-errors.json").GetProperty("cases").EnumerateArray())
        {
            string dockerfile = c.Str("dockerfile")!, expected = c.Str("expectedErrorContains")!;
            yield return new ConformanceCase("instruction-errors", $"{c.Str("name")}: {BuildKitDump.GoQuote(dockerfile)}", () =>
            {
                if (!expectations.TryGetValue(expected, out var expectation)) return "no mapping for: " + expected;
                var syntax = DockerfileParser.Parse(dockerfile);
                if (syntax.Errors.Any(e => e.RejectedBy == BuildKitLayer.Parser)) return "parser-level error: " + syntax.Errors.First(e => e.RejectedBy == BuildKitLayer.Parser);
                var first = syntax.Instructions[0];
                var match = syntax.Errors.FirstOrDefault(e => e.Code == expectation.Code.Code && first.FullSpan.Contains(e.Span)
                                                              && e.Message.Contains(expectation.MustContain, StringComparison.Ordinal));
                return match is not null ? null : $"no {expectation.Code.Code} containing '{expectation.MustContain}': {string.Join("; ", syntax.Errors)}";
            });
        }
    }

    public static IEnumerable<ConformanceCase> CopyHeredoc()
    {
        foreach (var c in BuildKitData.ReadJson("copy-heredoc.json").GetProperty("cases").EnumerateArray())
        {
            string dockerfile = c.Str("dockerfile")!;
            var expected = c.GetProperty("sourcesAndDest");
            yield return new ConformanceCase("copy-heredoc", BuildKitDump.GoQuote(dockerfile), () =>
            {
                var syntax = DockerfileParser.Parse(dockerfile);
                if (syntax.Instructions[0] is not CopyInstruction copy) return "not a COPY";
                if (copy.Destination?.Value != expected.Str("destPath")) return "destination " + copy.Destination?.Value;
                var paths = copy.SourcePaths.Select(p => p.Value).ToList();
                var expectedPaths = expected.StrList("sourcePaths") ?? new List<string>();
                if (!paths.SequenceEqual(expectedPaths)) return "sourcePaths " + BuildKitData.Show(paths);
                var contents = copy.HeredocSources.Select(s => $"{s.Path}|{BuildKitDump.GoQuote(s.Data)}|{s.Expand}").ToList();
                var expectedContents = expected.GetProperty("sourceContents").ValueKind == JsonValueKind.Null
                    ? new List<string>()
                    : expected.GetProperty("sourceContents").EnumerateArray()
                        .Select(s => $"{s.Str("path")}|{BuildKitDump.GoQuote(s.Str("data")!)}|{s.GetProperty("expand").GetBoolean()}").ToList();
                return contents.SequenceEqual(expectedContents) ? null : "sourceContents " + string.Join(", ", contents);
            });
        }
    }

    public static IEnumerable<ConformanceCase> RunHeredoc()
    {
        foreach (var c in BuildKitData.ReadJson("run-heredoc.json").GetProperty("cases").EnumerateArray())
        {
            string dockerfile = c.Str("dockerfile")!;
            yield return new ConformanceCase("run-heredoc", BuildKitDump.GoQuote(dockerfile), () =>
            {
                var syntax = DockerfileParser.Parse(dockerfile);
                if (syntax.Instructions[0] is not RunInstruction run) return "not a RUN";
                if (run.PrependShell != c.GetProperty("prependShell").GetBoolean()) return "prependShell " + run.PrependShell;
                if (!run.CommandLine.SequenceEqual(c.StrList("cmdLine")!)) return "cmdLine " + BuildKitData.Show(run.CommandLine);
                var files = run.Heredocs.Select(h => $"{h.Name}|{BuildKitDump.GoQuote(h.Content)}|{h.Chomp}").ToList();
                var expectedFiles = c.GetProperty("files").ValueKind == JsonValueKind.Null
                    ? new List<string>()
                    : c.GetProperty("files").EnumerateArray()
                        .Select(f => $"{f.Str("name")}|{BuildKitDump.GoQuote(f.Str("data")!)}|{f.GetProperty("chomp").GetBoolean()}").ToList();
                return files.SequenceEqual(expectedFiles) ? null : "files " + string.Join(", ", files);
            });
        }
    }
}
