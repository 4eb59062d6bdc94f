using System.Text.Json;
using PyDockerLsp.Core.Syntax.Shell;

namespace PyDockerLsp.Core.Tests.Syntax;

/// <summary>The cases of BuildKit's shell lexer tests: envVarTest, wordsTest and the derived ProcessWithMatches table.</summary>
internal static class ShellExpansionSuites
{
    public static IEnumerable<ConformanceCase> All() => EnvVarTest().Concat(EnvVarTestWindows()).Concat(WordsTest()).Concat(WordsTestRawMode()).Concat(ProcessWordWithMatches());

    /// <summary>envVarTest: <c>PLATFORM|INPUT|EXPECTED</c>; W (Windows-only) lines do not apply on Linux.</summary>
    public static IEnumerable<ConformanceCase> EnvVarTest()
    {
        var env = DictionaryVariableLookup.FromAssignments(new[] { "PWD=/home", "SHELL=bash", "KOREAN=한국어", "NULL=" });
        var lines = BuildKitData.ReadText("shell", "envVarTest").Split('\n');
        for (int number = 1; number <= lines.Length; number++)
        {
            string line = lines[number - 1];
            if (line.StartsWith('#')) continue;
            line = line.Trim();
            if (line.Length == 0) continue;
            var fields = line.Split('|');
            string platform = fields[0].Trim(), input = fields[1].Trim(), expected = fields[2].Trim();
            if (platform == "W") continue; // Windows-only lines: see EnvVarTestWindows
            yield return EnvVarCase("shell/envVarTest", number, input, expected, env);
        }
    }

    /// <summary>envVarTest as upstream runs it on Windows: the A and W lines, with names compared case-insensitively.</summary>
    public static IEnumerable<ConformanceCase> EnvVarTestWindows()
    {
        var env = DictionaryVariableLookup.FromAssignments(new[] { "PWD=/home", "SHELL=bash", "KOREAN=한국어", "NULL=" }, ignoreCase: true);
        var lines = BuildKitData.ReadText("shell", "envVarTest").Split('\n');
        for (int number = 1; number <= lines.Length; number++)
        {
            string line = lines[number - 1];
            if (line.StartsWith('#')) continue;
            line = line.Trim();
            if (line.Length == 0) continue;
            var fields = line.Split('|');
            string platform = fields[0].Trim(), input = fields[1].Trim(), expected = fields[2].Trim();
            if (platform == "U") continue; // Unix-only lines: see EnvVarTest
            yield return EnvVarCase("shell/envVarTest (Windows names)", number, input, expected, env);
        }
    }

    private static ConformanceCase EnvVarCase(string suite, int lineNumber, string input, string expected, IVariableLookup env) =>
        new(suite, $"line {lineNumber}: {input}", () =>
        {
            var result = new WordExpander('\\').Process(input, env);
            if (expected == "error") return result.Succeeded ? $"expected an error, got {BuildKitDump.GoQuote(result.Result)}" : null;
            if (!result.Succeeded) return "error: " + result.Error;
            return result.Result == expected ? null : $"got {BuildKitDump.GoQuote(result.Result)}";
        });

    private sealed record WordsLine(int Number, string Input, List<string> Expected, List<string> Environment);

    private static IEnumerable<WordsLine> ReadWordsTest()
    {
        var environment = new List<string>();
        var lines = BuildKitData.ReadText("shell", "wordsTest").Split('\n');
        for (int number = 1; number <= lines.Length; number++)
        {
            string line = lines[number - 1];
            if (number == lines.Length && line.Length == 0) break; // after the final line feed
            if (line.StartsWith('#')) continue;
            if (line.StartsWith("ENV ", StringComparison.Ordinal))
            {
                environment.Add(line.Substring(3).TrimStart(' '));
                continue;
            }
            var parts = line.Split('|');
            if (parts.Length != 2) throw new InvalidDataException($"wordsTest line {number} must have exactly one '|'");
            yield return new WordsLine(number, parts[0].Trim(), parts[1].TrimStart(' ').Split(',').ToList(), new List<string>(environment));
        }
    }

    /// <summary>wordsTest, normal mode: <c>INPUT|word,word…</c> after expansion and splitting, or <c>error</c>.</summary>
    public static IEnumerable<ConformanceCase> WordsTest()
    {
        foreach (var line in ReadWordsTest())
        {
            yield return new ConformanceCase("shell/wordsTest", $"line {line.Number}: {line.Input}", () =>
            {
                var result = new WordExpander('\\').Process(line.Input, DictionaryVariableLookup.FromAssignments(line.Environment));
                var words = result.Succeeded ? result.Words.ToList() : new List<string> { "error" };
                return words.SequenceEqual(line.Expected) ? null : "got " + BuildKitData.Show(words);
            });
        }
    }

    /// <summary>
    /// wordsTest's second mode (RawQuotes + SkipUnsetEnv). Upstream's loop re-reads an already exhausted scanner, so
    /// that pass checks nothing; and its expectations cannot hold where the modes differ by design (quotes are kept,
    /// unset references stay as written). So the listed words are required exactly where neither applies — inputs
    /// without quote characters whose variables are all set — and for the other lines the mode-specific results are
    /// required: the words with their quote characters removed equal the listed words (no escaped quotes there), or
    /// unset references stay as written.
    /// </summary>
    public static IEnumerable<ConformanceCase> WordsTestRawMode()
    {
        var raw = new WordExpander('\\') { RawQuotes = true, SkipUnsetEnv = true };
        var normal = new WordExpander('\\');
        foreach (var line in ReadWordsTest())
        {
            yield return new ConformanceCase("shell/wordsTest (RawQuotes+SkipUnsetEnv)", $"line {line.Number}: {line.Input}", () =>
            {
                var env = DictionaryVariableLookup.FromAssignments(line.Environment);
                var plain = normal.Process(line.Input, env);
                var result = raw.Process(line.Input, env);
                var words = result.Succeeded ? result.Words.ToList() : new List<string> { "error" };
                bool hasQuotes = line.Input.IndexOfAny(new[] { '\'', '"' }) >= 0;
                if (plain.Unmatched.Count > 0)
                {
                    // Unset references are kept as written: ${hi} stays ${hi}.
                    foreach (var name in plain.Unmatched)
                        if (!string.Concat(words).Contains("${" + name + "}", StringComparison.Ordinal) && !string.Concat(words).Contains("$" + name, StringComparison.Ordinal))
                            return $"unset {name} not kept: {BuildKitData.Show(words)}";
                    return null;
                }
                if (!hasQuotes) return words.SequenceEqual(line.Expected) ? null : "got " + BuildKitData.Show(words);
                if (line.Input.Contains("\\\"", StringComparison.Ordinal) || line.Input.Contains("\\'", StringComparison.Ordinal))
                {
                    // An escaped quote is kept in both modes; the only difference is the kept quoting, which keeps words apart the same way.
                    return words.Count == line.Expected.Count ? null : "got " + BuildKitData.Show(words);
                }
                var unquoted = words.Select(w => w.Replace("\"", "").Replace("'", "")).ToList();
                return unquoted.SequenceEqual(line.Expected) ? null : "got " + BuildKitData.Show(words);
            });
        }
    }

    /// <summary>TestProcessWithMatches and friends: result, error, and the sets of matched and unmatched names.</summary>
    public static IEnumerable<ConformanceCase> ProcessWordWithMatches()
    {
        var data = BuildKitData.ReadJson("shell-process-word-with-matches.json");
        int index = 0;
        foreach (var c in data.GetProperty("cases").EnumerateArray())
        {
            int number = ++index;
            string input = c.Str("input")!;
            var envs = c.GetProperty("envs").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!);
            yield return new ConformanceCase("shell/ProcessWordWithMatches", $"{number}: {input}", () =>
            {
                var result = new WordExpander('\\').Process(input, new DictionaryVariableLookup(envs));
                if (c.GetProperty("expectedError").GetBoolean())
                {
                    if (result.Succeeded) return $"expected an error, got {BuildKitDump.GoQuote(result.Result)}";
                    string? contains = c.Str("expectedErrorContains");
                    return contains is null || result.Error!.Contains(contains, StringComparison.Ordinal) ? null : "error lacks " + contains;
                }
                if (!result.Succeeded) return "error: " + result.Error;
                if (result.Result != c.Str("expected")) return "got " + BuildKitDump.GoQuote(result.Result);
                if (c.StrList("matched") is { } matched && !new HashSet<string>(matched).SetEquals(result.Matched))
                    return "matched " + BuildKitData.Show(result.Matched);
                if (c.StrList("unmatched") is { } unmatched && !new HashSet<string>(unmatched).SetEquals(result.Unmatched))
                    return "unmatched " + BuildKitData.Show(result.Unmatched);
                return null;
            });
        }
    }
}
