using System.CommandLine;
using Newtonsoft.Json;
using PyDockerLsp.Core.Analysis;
using PyDockerLsp.Core.IO;

namespace PyDockerLsp.Server.Cli;

public enum LintFormat { Text, Json }

/// <summary>
/// <c>pydocker lint PATH... [--context DIR] [--format text|json]</c>: analyses files, and the Dockerfiles found in
/// folders, each with its own folder as build context unless <c>--context</c> says otherwise.
/// Exit code: 0 without error-level findings, 1 with one, 2 on a usage or I/O error.
/// </summary>
public static class LintCommand
{
    public const int Clean = 0;
    public const int ErrorsFound = 1;
    public const int UsageOrIoError = 2;

    public static Command Build(TextWriter stdout, TextWriter stderr)
    {
        var command = new Command("lint", "Lint Dockerfiles and Python manifests (files, or folders searched recursively) and print the findings.");
        var paths = new Argument<string[]>("PATH") { Arity = ArgumentArity.OneOrMore, Description = "Files or folders to lint." };
        var context = new Option<string?>("--context") { Description = "Build context folder for every Dockerfile (default: [tool.pydocker] context, else the folder that holds what the Dockerfile copies, else its own folder).", HelpName = "DIR" };
        var format = new Option<string>("--format") { Description = "Output format.", DefaultValueFactory = _ => "text", HelpName = "text|json" };
        format.AcceptOnlyFromAmong("text", "json");
        command.Arguments.Add(paths);
        command.Options.Add(context);
        command.Options.Add(format);
        command.SetAction(result => Run(
            result.GetValue(paths) ?? Array.Empty<string>(),
            result.GetValue(context),
            result.GetValue(format) == "json" ? LintFormat.Json : LintFormat.Text,
            PhysicalFileSystem.Instance,
            Directory.GetCurrentDirectory(),
            stdout,
            stderr));
        return command;
    }

    /// <summary>One file to analyse: the path as the user sees it, its absolute path, and whether it was named
    /// explicitly (then it is a Dockerfile whatever its name).</summary>
    private sealed record Target(string Display, string FullPath, bool Explicit);

    public static int Run(IReadOnlyList<string> paths, string? context, LintFormat format, IFileSystem fs, string workingDirectory,
        TextWriter stdout, TextWriter stderr)
    {
        if (paths.Count == 0)
        {
            stderr.WriteLine("pydocker lint: name at least one file or folder.");
            return UsageOrIoError;
        }
        string? contextDirectory = null;
        if (context is not null)
        {
            contextDirectory = PathUtil.Combine(workingDirectory, context);
            if (!fs.DirectoryExists(contextDirectory))
            {
                stderr.WriteLine($"pydocker lint: the build context '{context}' is not a folder.");
                return UsageOrIoError;
            }
        }

        bool ioError = false;
        var targets = new List<Target>();
        foreach (var path in paths)
        {
            var full = PathUtil.Combine(workingDirectory, path);
            if (fs.FileExists(full))
            {
                targets.Add(new Target(path, full, Explicit: true));
            }
            else if (fs.DirectoryExists(full))
            {
                foreach (var found in DockerfileDiscovery.FindFiles(fs, full, IsLintedInFolder))
                    targets.Add(new Target(DisplayPath(path, PathUtil.RelativeTo(full, found) ?? found), found, Explicit: false));
            }
            else
            {
                stderr.WriteLine($"pydocker lint: '{path}' does not exist.");
                ioError = true;
            }
        }

        // Every analysis may report on other files (a Dockerfile on the requirements lines it installs): findings are
        // gathered per file, each file's own and those other analyses made on it, without repeats.
        var byPath = new Dictionary<string, List<IReadOnlyList<Finding>>>(StringComparer.Ordinal);
        var display = new Dictionary<string, string>(StringComparer.Ordinal);
        var order = new List<string>();
        void Note(string path, string shown)
        {
            if (display.ContainsKey(path)) return;
            display[path] = shown;
            order.Add(path);
        }
        foreach (var target in targets)
        {
            var full = PathUtil.Normalize(target.FullPath);
            if (fs.ReadAllText(full) is null)
            {
                stderr.WriteLine($"pydocker lint: cannot read '{target.Display}'.");
                ioError = true;
                continue;
            }
            var kind = DocumentClassifier.Classify(full);
            if (kind == DocumentKind.Unknown && target.Explicit) kind = DocumentKind.Dockerfile;
            Note(full, target.Display);
            var options = new AnalysisOptions { Kind = kind, ContextDirectory = contextDirectory };
            foreach (var group in DocumentAnalyzer.Analyze(full, fs, options, CancellationToken.None).GroupBy(f => PathUtil.Normalize(f.Path)))
            {
                if (!byPath.TryGetValue(group.Key, out var lists)) byPath[group.Key] = lists = new List<IReadOnlyList<Finding>>();
                lists.Add(group.ToList());
            }
        }
        foreach (var path in byPath.Keys.OrderBy(p => p, StringComparer.Ordinal))
            Note(path, PathUtil.RelativeTo(workingDirectory, path) ?? path);

        var results = new List<(string Display, IReadOnlyList<Finding> Findings)>();
        foreach (var path in order)
        {
            var findings = byPath.TryGetValue(path, out var lists) ? FindingMerge.Merge(lists) : new List<Finding>();
            results.Add((display[path], findings.OrderBy(f => f.Range.Start).ThenBy(f => f.Code, StringComparer.Ordinal).ToList()));
        }

        if (format == LintFormat.Json) WriteJson(results, workingDirectory, stdout);
        else WriteText(results, stdout, targets.Count);

        if (ioError) return UsageOrIoError;
        return results.Any(r => r.Findings.Any(f => f.Severity == Severity.Error)) ? ErrorsFound : Clean;
    }

    /// <summary>In a folder: Dockerfiles and the Python manifests around them (their own findings, and where the
    /// Dockerfiles' findings land).</summary>
    private static bool IsLintedInFolder(string path)
    {
        var kind = DocumentClassifier.Classify(path);
        return kind == DocumentKind.Dockerfile || (ManifestAnalyzer.IsManifest(kind) && kind != DocumentKind.DockerIgnore);
    }

    private static string DisplayPath(string folderAsGiven, string relative)
    {
        var folder = folderAsGiven.Replace('\\', '/').TrimEnd('/');
        return folder.Length == 0 || folder == "." ? relative : folder + "/" + relative;
    }

    internal static void WriteText(IReadOnlyList<(string Display, IReadOnlyList<Finding> Findings)> results, TextWriter stdout, int? filesChecked = null)
    {
        var counts = new int[5];
        foreach (var (display, findings) in results)
        {
            foreach (var f in findings)
            {
                counts[(int)f.Severity]++;
                stdout.WriteLine($"{display}:{f.Range.Start.Line + 1}:{f.Range.Start.Character + 1}: {RuleSeverity.Name(f.Severity)} {f.Code} {f.Message}");
            }
        }
        stdout.WriteLine(Summary(filesChecked ?? results.Count, counts));
    }

    private static string Summary(int files, int[] counts)
    {
        if (files == 0) return "No Dockerfiles or manifests found.";
        string Plural(int n, string word) => n == 1 ? $"1 {word}" : $"{n} {word}s";
        int total = counts.Sum();
        var checkedFiles = Plural(files, "file");
        if (total == 0) return $"{checkedFiles} checked, no problems found.";
        return $"{checkedFiles} checked: {Plural(counts[(int)Severity.Error], "error")}, {Plural(counts[(int)Severity.Warning], "warning")}, " +
               $"{counts[(int)Severity.Information]} info, {Plural(counts[(int)Severity.Hint], "hint")}.";
    }

    internal static void WriteJson(IReadOnlyList<(string Display, IReadOnlyList<Finding> Findings)> results, string workingDirectory, TextWriter stdout)
    {
        using var json = new JsonTextWriter(stdout) { Formatting = Formatting.Indented, CloseOutput = false };
        json.WriteStartArray();
        foreach (var (display, findings) in results)
        {
            foreach (var f in findings)
            {
                json.WriteStartObject();
                json.WritePropertyName("path"); json.WriteValue(display);
                WriteRange(json, f.Range);
                json.WritePropertyName("severity"); json.WriteValue(RuleSeverity.Name(f.Severity));
                json.WritePropertyName("code"); json.WriteValue(f.Code);
                json.WritePropertyName("message"); json.WriteValue(f.Message);
                if (f.Related.Count > 0)
                {
                    json.WritePropertyName("relatedInformation");
                    json.WriteStartArray();
                    foreach (var related in f.Related)
                    {
                        json.WriteStartObject();
                        json.WritePropertyName("path"); json.WriteValue(PathUtil.RelativeTo(workingDirectory, related.Path) ?? related.Path);
                        WriteRange(json, related.Range);
                        json.WritePropertyName("message"); json.WriteValue(related.Message);
                        json.WriteEndObject();
                    }
                    json.WriteEndArray();
                }
                json.WriteEndObject();
            }
        }
        json.WriteEndArray();
        json.Flush();
        stdout.WriteLine();
    }

    private static void WriteRange(JsonTextWriter json, Core.Text.LineRange range)
    {
        json.WritePropertyName("range");
        json.WriteStartObject();
        WritePosition(json, "start", range.Start);
        WritePosition(json, "end", range.End);
        json.WriteEndObject();
    }

    private static void WritePosition(JsonTextWriter json, string name, Core.Text.LinePosition position)
    {
        json.WritePropertyName(name);
        json.WriteStartObject();
        json.WritePropertyName("line"); json.WriteValue(position.Line);
        json.WritePropertyName("character"); json.WriteValue(position.Character);
        json.WriteEndObject();
    }
}
