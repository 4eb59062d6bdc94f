using System.Text;

namespace PyDockerLsp.Core.Scaffolding;

/// <summary>
/// Scaffolding's entry point: which patterns suit a project, and the Dockerfile and .dockerignore of the chosen one.
/// Stateless apart from the compiled bundled templates; safe to share.
/// </summary>
public sealed class Scaffolder
{
    /// <summary>The patterns for the project: the recommended one first with its reason, then the other available ones,
    /// then those that do not apply, each with why.</summary>
    public ScaffoldRecommendation Recommend(ScaffoldInputs inputs)
    {
        var recommended = PatternAvailability.RecommendedFor(inputs);
        var available = new List<PatternChoice>();
        var unavailable = new List<PatternChoice>();
        PatternChoice? first = null;
        foreach (var pattern in ScaffoldPatterns.All)
        {
            var (isAvailable, reason) = PatternAvailability.Check(inputs, pattern.Id);
            if (pattern.Id == recommended)
            {
                first = new PatternChoice(pattern, isAvailable, true, RecommendationReason(inputs) + "; " + reason);
                continue;
            }
            (isAvailable ? available : unavailable).Add(new PatternChoice(pattern, isAvailable, false, reason));
        }
        var choices = new List<PatternChoice> { first! };
        choices.AddRange(available);
        choices.AddRange(unavailable);
        return new ScaffoldRecommendation(choices, Notes(inputs));
    }

    /// <summary>Whether one pattern applies, and why.</summary>
    public PatternChoice Check(ScaffoldInputs inputs, PatternId pattern)
    {
        var (isAvailable, reason) = PatternAvailability.Check(inputs, pattern);
        return new PatternChoice(ScaffoldPatterns.Get(pattern), isAvailable, pattern == PatternAvailability.RecommendedFor(inputs), reason);
    }

    /// <summary>
    /// The files of <paramref name="pattern"/> for the project: <c>Dockerfile</c> and (unless switched off) <c>.dockerignore</c>,
    /// with '\n' line endings. Throws <see cref="ScaffoldException"/> when the pattern does not apply or a user template fails,
    /// <see cref="ArgumentException"/> for inputs that cannot be written into a Dockerfile.
    /// </summary>
    public IReadOnlyList<GeneratedFile> Generate(ScaffoldInputs inputs, PatternId pattern, ScaffoldOptions? options = null)
    {
        options ??= ScaffoldOptions.Default;
        var info = ScaffoldPatterns.Get(pattern);
        var (isAvailable, reason) = PatternAvailability.Check(inputs, pattern);
        if (!isAvailable) throw new ScaffoldException($"The {info.Name} pattern does not apply to this project: {reason}.");

        var templates = TemplatesFor(options);
        var model = TemplateModelBuilder.Build(inputs, info);
        var files = new List<GeneratedFile> { new("Dockerfile", Tidy(templates.Render(info.TemplateFileName, model))) };
        if (options.IncludeDockerignore)
            files.Add(new GeneratedFile(".dockerignore", Tidy(templates.Render(ScaffoldTemplates.DockerignoreTemplate, model))));
        return files;
    }

    private static ScaffoldTemplates TemplatesFor(ScaffoldOptions options)
    {
        if (string.IsNullOrEmpty(options.TemplatesDirectory)) return ScaffoldTemplates.Bundled;
        if (options.FileSystem == null)
            throw new ArgumentException("ScaffoldOptions.FileSystem is needed to read ScaffoldOptions.TemplatesDirectory.", nameof(options));
        return ScaffoldTemplates.WithOverrides(options.FileSystem, options.TemplatesDirectory);
    }

    private static string RecommendationReason(ScaffoldInputs inputs) => inputs.PackageManager.Value switch
    {
        PackageManager.Uv or PackageManager.Poetry or PackageManager.Pipenv =>
            $"{TemplateModelBuilder.ManagerName(inputs.PackageManager.Value)} project ({TemplateModelBuilder.OneLine(inputs.PackageManager.Reason)})",
        _ => inputs.PrivateIndex != null
            ? $"pip project with a private package index ({TemplateModelBuilder.OneLine(inputs.PrivateIndex.Reason)})"
            : $"pip project ({TemplateModelBuilder.OneLine(inputs.PackageManager.Reason)})",
    };

    private static IReadOnlyList<string> Notes(ScaffoldInputs inputs)
    {
        var notes = new List<string>();
        ContainerCommand.Resolve(inputs, notes);
        if (inputs.ServerIsDependency == false && inputs.EntryPoint?.Value is { } entryPoint && ContainerCommand.ServerFor(inputs, entryPoint) is { } server)
            notes.Add((server == AppServer.Gunicorn ? "gunicorn" : "uvicorn") + " is not among the project's dependencies; the generated command needs it.");
        return notes;
    }

    /// <summary>
    /// Templates are written for reading, so partials leave blank lines behind: trailing spaces go (a space after a line's
    /// final backslash would break the continuation), runs of blank lines shrink to one, and the file ends with one newline.
    /// </summary>
    internal static string Tidy(string text)
    {
        var builder = new StringBuilder(text.Length);
        int blankRun = 0;
        bool started = false;
        foreach (var rawLine in text.Replace("\r\n", "\n").Split('\n'))
        {
            var line = rawLine.TrimEnd(' ', '\t');
            if (line.Length == 0)
            {
                if (started) blankRun++;
                continue;
            }
            if (blankRun > 0) builder.Append('\n');
            blankRun = 0;
            builder.Append(line).Append('\n');
            started = true;
        }
        return builder.ToString();
    }
}
