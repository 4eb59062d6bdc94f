using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using PyDockerLsp.Core.IO;
using PyDockerLsp.Core.Scaffolding;
using PyDockerLsp.Core.Tests.Support;
using Xunit;
using Xunit.Abstractions;

namespace PyDockerLsp.Core.Tests.Scaffolding;

/// <summary>
/// How often detection agrees with what real projects' own Dockerfiles do (the visible corpus): the package manager (the tool
/// their RUN lines install with), the Python X.Y (the python image they build FROM), the framework (what their command
/// starts), the port (EXPOSE) and the entry point (CMD/ENTRYPOINT). A field counts only where the Dockerfile says something
/// about it. The table is printed (run with `--logger "console;verbosity=detailed"`); the floors below keep it from regressing.
/// The corpus holds manifests and Dockerfiles but no Python code, so framework and entry point can only come from the manifests.
/// </summary>
public class DetectionAccuracyTests
{
    private static readonly Regex FromPython = new(@"^\s*FROM\s+(?:--\S+\s+)*(?:docker\.io/)?(?:library/)?python:(?<v>\d+\.\d+)", RegexOptions.Multiline | RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
    private static readonly Regex FromAny = new(@"^\s*FROM\s+(?:--\S+\s+)*(?<image>\S+)", RegexOptions.Multiline | RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
    private static readonly Regex Expose = new(@"^\s*EXPOSE\s+(?<port>\d+)", RegexOptions.Multiline | RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
    private static readonly Regex Command = new(@"^\s*(?:CMD|ENTRYPOINT)\s+(?<command>.+)$", RegexOptions.Multiline | RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
    private static readonly Regex Run = new(@"^\s*RUN\s+(?<command>.+)$", RegexOptions.Multiline | RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    private static readonly string[] ManifestNames = { "pyproject.toml", "requirements.txt", "uv.lock", "poetry.lock", "Pipfile", "Pipfile.lock" };

    private readonly ITestOutputHelper _output;
    public DetectionAccuracyTests(ITestOutputHelper output) => _output = output;

    private sealed record Row(string Dockerfile, string Context, ScaffoldInputs Detected, string? Manager, string? Python, string? Framework, int? Port, string? Command);

    private static IEnumerable<Row> Rows()
    {
        var corpus = TestPaths.Corpus;
        using var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(corpus, "MANIFEST.json")));
        foreach (var entry in manifest.RootElement.GetProperty("entries").EnumerateArray())
        {
            var repo = entry.GetProperty("repo").GetString()!;
            var repoRoot = Path.Combine(corpus, repo);
            var tags = entry.GetProperty("tags").EnumerateArray().Select(t => t.GetString()!).ToList();
            foreach (var dockerfile in entry.GetProperty("dockerfiles").EnumerateArray().Select(d => d.GetString()!))
            {
                var path = Path.Combine(repoRoot, dockerfile);
                var context = ContextOf(Path.GetDirectoryName(path)!, repoRoot);
                if (context == null) continue; // no manifest at all: nothing to detect from (docker-library's base images)
                var text = File.ReadAllText(path).Replace("\r\n", "\n").Replace("\\\n", " ");
                var detected = ScaffoldInputsBuilder.Detect(context.Replace('\\', '/'), PhysicalFileSystem.Instance);
                yield return new Row(repo + "/" + dockerfile, Path.GetRelativePath(repoRoot, context).Replace('\\', '/'), detected,
                    ManagerUsed(text), PythonUsed(text), FrameworkUsed(text, tags, dockerfile), PortUsed(text), CommandUsed(text));
            }
        }
    }

    /// <summary>The build context: the nearest folder from the Dockerfile's up to the repository root that holds a manifest.</summary>
    private static string? ContextOf(string directory, string repoRoot)
    {
        for (var dir = directory; dir != null && dir.Length >= repoRoot.Length; dir = Path.GetDirectoryName(dir))
            if (ManifestNames.Any(m => File.Exists(Path.Combine(dir, m))) || Directory.Exists(Path.Combine(dir, "requirements"))) return dir;
        return null;
    }

    private static string? ManagerUsed(string text)
    {
        var runs = string.Join("\n", Run.Matches(text).Select(m => m.Groups["command"].Value));
        if (Regex.IsMatch(runs, @"\buv\s+(sync|pip\s+install)\b")) return "uv";
        if (Regex.IsMatch(runs, @"\bpoetry\s+(install|export)\b")) return "poetry";
        if (Regex.IsMatch(runs, @"\bpipenv\s+(install|sync|requirements)\b")) return "pipenv";
        if (Regex.IsMatch(runs, @"\bpip3?\s+install\b[^\n]*\s(-r|--requirement)\s")) return "pip";
        if (Regex.IsMatch(runs, @"\bpip3?\s+(wheel|download)\b[^\n]*\s(-r|--requirement)\s")) return "pip";
        if (Regex.IsMatch(runs, @"\bpip3?\s+install\b[^\n]*\s(-e\s+)?\.(\[[^\]]*\])?(\s|$)")) return "pip-pyproject";
        return null;
    }

    /// <summary>The final stage's python image, else the first python image of any stage.</summary>
    private static string? PythonUsed(string text)
    {
        var froms = FromAny.Matches(text).Select(m => m.Value).ToList();
        if (froms.Count == 0) return null;
        var last = FromPython.Match(froms[^1]);
        if (last.Success) return last.Groups["v"].Value;
        var any = FromPython.Match(text);
        return any.Success ? any.Groups["v"].Value : null;
    }

    private static string? FrameworkUsed(string text, List<string> tags, string dockerfile)
    {
        var commands = string.Join("\n", Command.Matches(text).Select(m => m.Groups["command"].Value));
        if (commands.Contains("manage.py") || commands.Contains("django", StringComparison.OrdinalIgnoreCase)
            || commands.Contains(".asgi:application") || commands.Contains(".wsgi:application")) return "django";
        if (commands.Contains("uvicorn") || commands.Contains("fastapi")) return "fastapi";
        if (commands.Contains("flask", StringComparison.OrdinalIgnoreCase)) return "flask";
        // A repository of samples tags every framework it has; its folder names say which one a Dockerfile is.
        var frameworkTags = new[] { "django", "fastapi", "flask" }.Where(tags.Contains).ToList();
        var inPath = frameworkTags.Where(t => dockerfile.Contains(t, StringComparison.OrdinalIgnoreCase)).ToList();
        if (inPath.Count == 1) return inPath[0];
        if (frameworkTags.Count == 1) return frameworkTags[0];
        return commands.Length > 0 ? "none" : null;
    }

    private static int? PortUsed(string text) => Expose.Match(text) is { Success: true } m ? int.Parse(m.Groups["port"].Value) : null;

    private static string? CommandUsed(string text)
    {
        var commands = Command.Matches(text).Select(m => m.Groups["command"].Value.Trim()).ToList();
        return commands.Count == 0 ? null : string.Join(" ", commands);
    }

    /// <summary>The entry point matches when the project's command names the same app, module, script or console script.</summary>
    private static bool EntryPointMatches(EntryPoint? detected, string command)
    {
        if (detected == null) return false;
        var words = Regex.Split(command, @"[\s\[\]"",=]+").Where(w => w.Length > 0).ToList();
        return detected.Kind switch
        {
            EntryPointKind.WsgiApplication or EntryPointKind.AsgiApplication => command.Contains(detected.Target.Replace("()", ""), StringComparison.Ordinal),
            EntryPointKind.Module => words.Contains(detected.Target),
            EntryPointKind.Script => words.Any(w => w.EndsWith(detected.Target, StringComparison.Ordinal)),
            _ => words.Contains(detected.Target) || words.Any(w => w.EndsWith("/" + detected.Target, StringComparison.Ordinal)),
        };
    }

    [Fact]
    public void Detection_agrees_with_the_corpus_Dockerfiles_often_enough()
    {
        var rows = Rows().ToList();
        Assert.NotEmpty(rows);
        var table = new StringBuilder();
        table.AppendLine("| Dockerfile | context | manager: detected / used | Python | framework | port | entry point |");
        table.AppendLine("| --- | --- | --- | --- | --- | --- | --- |");
        int pythonAllowed = 0, managerHit = 0, managerAll = 0, pythonHit = 0, pythonAll = 0, frameworkHit = 0, frameworkAll = 0, portHit = 0, portAll = 0, entryHit = 0, entryAll = 0;
        string Mark(bool hit) => hit ? "✓" : "✗";
        foreach (var row in rows)
        {
            var d = row.Detected;
            var manager = ScaffoldFieldText.PackageManager(d.PackageManager.Value);
            var managerCell = row.Manager == null ? $"{manager} / ?" : $"{Mark(manager == row.Manager)} {manager} / {row.Manager}";
            if (row.Manager != null) { managerAll++; if (manager == row.Manager) managerHit++; }
            var pythonCell = row.Python == null ? $"{d.PythonVersion.Value} / ?" : $"{Mark(d.PythonVersion.Value == row.Python)} {d.PythonVersion.Value} / {row.Python}";
            if (row.Python != null)
            {
                pythonAll++;
                if (d.PythonVersion.Value == row.Python) pythonHit++;
                // The project's own choice is one the detected constraint allows too (or the project states none).
                if (d.AllowedPythonVersions.Count == 0 || d.AllowedPythonVersions.Contains(row.Python)) pythonAllowed++;
            }
            var framework = ScaffoldFieldText.Framework(d.Framework.Value);
            var frameworkCell = row.Framework == null ? $"{framework} / ?" : $"{Mark(framework == row.Framework)} {framework} / {row.Framework}";
            if (row.Framework != null) { frameworkAll++; if (framework == row.Framework) frameworkHit++; }
            var port = d.Port?.Value;
            var portCell = row.Port == null ? $"{port?.ToString() ?? "-"} / -" : $"{Mark(port == row.Port)} {port?.ToString() ?? "-"} / {row.Port}";
            if (row.Port != null) { portAll++; if (port == row.Port) portHit++; }
            var entry = d.EntryPoint?.Value;
            var entryCell = row.Command == null ? $"{(entry == null ? "-" : ScaffoldFieldText.EntryPoint(entry))} / ?"
                : $"{Mark(EntryPointMatches(entry, row.Command))} {(entry == null ? "-" : ScaffoldFieldText.EntryPoint(entry))} / `{(row.Command.Length > 60 ? row.Command[..57] + "..." : row.Command)}`";
            if (row.Command != null) { entryAll++; if (EntryPointMatches(entry, row.Command)) entryHit++; }
            table.AppendLine($"| {row.Dockerfile} | {row.Context} | {managerCell} | {pythonCell} | {frameworkCell} | {portCell} | {entryCell} |");
        }
        string Rate(int hit, int all) => all == 0 ? "n/a" : $"{hit}/{all} ({100.0 * hit / all:0}%)";
        table.AppendLine();
        table.AppendLine($"package manager {Rate(managerHit, managerAll)}; Python {Rate(pythonHit, pythonAll)} (the project's own X.Y allowed by the detected constraint: {Rate(pythonAllowed, pythonAll)}); framework {Rate(frameworkHit, frameworkAll)}; "
            + $"port {Rate(portHit, portAll)}; entry point {Rate(entryHit, entryAll)}; {rows.Count} Dockerfiles with a manifest");
        _output.WriteLine(table.ToString());
        if (Environment.GetEnvironmentVariable("PYDOCKER_ACCURACY_OUT") is { Length: > 0 } outFile) File.WriteAllText(outFile, table.ToString());

        Assert.True(managerHit * 100 >= managerAll * 80, "package manager below 80%:\n" + table);
        Assert.True(frameworkHit * 100 >= frameworkAll * 70, "framework below 70%:\n" + table);
    }
}
