using System.CommandLine;
using PyDockerLsp.Core.IO;
using PyDockerLsp.Core.Scaffolding;

namespace PyDockerLsp.Server.Cli;

/// <summary>The values of one <c>pydocker scaffold</c> run.</summary>
public sealed record ScaffoldRequest(string Directory, string? Pattern = null, string? Python = null, int? Port = null,
    bool DryRun = false, bool Force = false, string? Templates = null);

/// <summary>
/// <c>pydocker scaffold [DIR] [--pattern NAME] [--python X.Y] [--port N] [--dry-run] [--force] [--templates DIR]</c>: writes a
/// Dockerfile and .dockerignore for the Python project in DIR with the same detection and templates as the editor command.
/// Without <c>--pattern</c> it uses the recommended pattern and prints why. It never replaces an existing file without
/// <c>--force</c>, and writes nothing at all when it refuses.
/// Exit code: 0 written (or printed), 1 refused (files exist, or the pattern does not apply), 2 usage error.
/// </summary>
public static class ScaffoldVerb
{
    public const int Done = 0;
    public const int Refused = 1;
    public const int UsageError = 2;

    /// <param name="workingDirectory">What relative folders are relative to; the process's current folder when null.</param>
    public static Command Build(TextWriter stdout, TextWriter stderr, string? workingDirectory = null)
    {
        var command = new Command("scaffold", "Write a Dockerfile and .dockerignore for the Python project in a folder.");
        var directory = new Argument<string>("DIR") { Description = "The project folder (default: the current folder).", DefaultValueFactory = _ => "." };
        var pattern = new Option<string?>("--pattern") { Description = "The pattern: " + string.Join(", ", ScaffoldPatterns.All.Select(p => p.Name)) + " (default: the recommended one).", HelpName = "NAME" };
        var python = new Option<string?>("--python") { Description = "The Python X.Y of the image (default: the newest the project allows).", HelpName = "X.Y" };
        var port = new Option<int?>("--port") { Description = "The port a web app listens on.", HelpName = "N" };
        var dryRun = new Option<bool>("--dry-run") { Description = "Print the files instead of writing them." };
        var force = new Option<bool>("--force") { Description = "Overwrite files that already exist." };
        var templates = new Option<string?>("--templates") { Description = "A folder of templates that override the bundled ones file by file.", HelpName = "DIR" };
        command.Arguments.Add(directory);
        foreach (var option in new Option[] { pattern, python, port, dryRun, force, templates }) command.Options.Add(option);
        command.SetAction(result => Run(
            new ScaffoldRequest(result.GetValue(directory) ?? ".", result.GetValue(pattern), result.GetValue(python), result.GetValue(port),
                result.GetValue(dryRun), result.GetValue(force), result.GetValue(templates)),
            workingDirectory ?? Directory.GetCurrentDirectory(), stdout, stderr));
        return command;
    }

    public static int Run(ScaffoldRequest request, string workingDirectory, TextWriter stdout, TextWriter stderr)
    {
        var fs = PhysicalFileSystem.Instance;
        var folder = PathUtil.Combine(workingDirectory, request.Directory);
        if (!fs.DirectoryExists(folder))
        {
            stderr.WriteLine($"pydocker scaffold: '{request.Directory}' is not a folder.");
            return UsageError;
        }
        var options = ScaffoldOptions.Default;
        if (request.Templates is { } templates)
        {
            var templatesFolder = PathUtil.Combine(workingDirectory, templates);
            if (!fs.DirectoryExists(templatesFolder))
            {
                stderr.WriteLine($"pydocker scaffold: the templates folder '{templates}' does not exist.");
                return UsageError;
            }
            options = new ScaffoldOptions { TemplatesDirectory = templatesFolder, FileSystem = fs };
        }

        var scaffolder = new Scaffolder();
        ScaffoldInputs inputs;
        try
        {
            inputs = new ScaffoldOverrides(Port: request.Port, Python: request.Python).Apply(ScaffoldInputsBuilder.Detect(folder, fs));
        }
        catch (ArgumentException e)
        {
            stderr.WriteLine("pydocker scaffold: " + e.Message);
            return UsageError;
        }

        PatternId pattern;
        var recommendation = scaffolder.Recommend(inputs);
        if (request.Pattern is null)
        {
            pattern = recommendation.Recommended.Pattern.Id;
            stdout.WriteLine($"Pattern: {recommendation.Recommended.Pattern.Name} (recommended: {recommendation.Recommended.Reason})");
        }
        else if (!ScaffoldPatterns.TryParse(request.Pattern, out pattern))
        {
            stderr.WriteLine($"pydocker scaffold: unknown pattern '{request.Pattern}'; the patterns are {string.Join(", ", ScaffoldPatterns.All.Select(p => p.Name))}.");
            return UsageError;
        }
        else
        {
            stdout.WriteLine($"Pattern: {ScaffoldPatterns.Get(pattern).Name}");
        }
        WriteDetection(inputs, recommendation, stdout);

        IReadOnlyList<GeneratedFile> files;
        try
        {
            files = scaffolder.Generate(inputs, pattern, options);
        }
        catch (ScaffoldException e)
        {
            stderr.WriteLine("pydocker scaffold: " + e.Message);
            return Refused;
        }

        if (request.DryRun)
        {
            foreach (var file in files)
            {
                stdout.WriteLine();
                stdout.WriteLine($"==> {file.RelativePath} <==");
                stdout.Write(file.Text);
            }
            return Done;
        }

        var existing = files.Where(f => fs.FileExists(PathUtil.Combine(folder, f.RelativePath))).Select(f => f.RelativePath).ToList();
        if (existing.Count > 0 && !request.Force)
        {
            stderr.WriteLine($"pydocker scaffold: {string.Join(" and ", existing)} already exist{(existing.Count == 1 ? "s" : "")} in {request.Directory}; "
                + "nothing was written. Use --force to overwrite, or --dry-run to see the files.");
            return Refused;
        }
        try
        {
            foreach (var file in files)
            {
                var path = PathUtil.Combine(folder, file.RelativePath);
                File.WriteAllText(path, file.Text);
                stdout.WriteLine((existing.Contains(file.RelativePath) ? "Overwrote " : "Wrote ") + PathUtil.Combine(request.Directory, file.RelativePath).Replace('\\', '/'));
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            stderr.WriteLine("pydocker scaffold: " + e.Message);
            return UsageError;
        }
        return Done;
    }

    /// <summary>What was detected, one answer per line with its reason, as the editor's review step shows it.</summary>
    private static void WriteDetection(ScaffoldInputs inputs, ScaffoldRecommendation recommendation, TextWriter stdout)
    {
        void Line(string label, string value, string reason) => stdout.WriteLine($"  {label,-16}{value}  ({reason})");
        Line("Package manager", ScaffoldFieldText.PackageManager(inputs.PackageManager.Value), inputs.PackageManager.Reason);
        Line("Python", inputs.PythonVersion.Value, inputs.PythonVersion.Reason);
        Line("Framework", ScaffoldFieldText.Framework(inputs.Framework.Value), inputs.Framework.Reason);
        if (inputs.EntryPoint is { } entryPoint) Line("Entry point", ScaffoldFieldText.EntryPoint(entryPoint.Value), entryPoint.Reason);
        if (inputs.Port is { } port) Line("Port", port.Value.ToString(System.Globalization.CultureInfo.InvariantCulture), port.Reason);
        if (inputs.NativeNeeds.Any) Line("System packages", string.Join(", ", inputs.NativeNeeds.BuildPackages.Concat(inputs.NativeNeeds.RuntimePackages).Distinct()), inputs.NativeNeeds.Reason);
        if (inputs.PrivateIndex is { } index) Line("Package index", index.PipConfFile ?? index.DeclaredIn ?? "", index.Reason);
        foreach (var note in recommendation.Notes) stdout.WriteLine("  Note: " + note);
    }
}
