using PyDockerLsp.Core.Analysis.Rules;
using PyDockerLsp.Core.Context;
using PyDockerLsp.Core.IO;
using PyDockerLsp.Core.Python;
using PyDockerLsp.Core.Python.Manifests;
using PyDockerLsp.Core.Syntax.Dockerfile;
using PyDockerLsp.Core.Text;

namespace PyDockerLsp.Core.Analysis;

/// <summary>What one analysis run may be told besides the document itself.</summary>
public sealed class AnalysisOptions
{
    // Declared before Default: static fields initialise in text order.
    private static readonly IReadOnlyDictionary<string, string> NoOverrides =
        new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

    public static readonly AnalysisOptions Default = new();

    /// <summary>Rule id (<c>PD101</c>) or rule name (<c>full-base-image</c>) → <c>off|hint|info|warning|error</c>.
    /// <c>off</c> drops the rule's findings; any other value replaces their severity. Unknown values are ignored.</summary>
    public IReadOnlyDictionary<string, string> RuleSeverities { get; init; } = NoOverrides;

    /// <summary>The build context of a Dockerfile; null means the Dockerfile's own folder.</summary>
    public string? ContextDirectory { get; init; }

    /// <summary>What the document is, when the caller knows better than its file name
    /// (an editor buffer whose language is <c>dockerfile</c>, a file named on the command line).</summary>
    public DocumentKind? Kind { get; init; }

    /// <summary>Whether the project's [tool.pydocker] (File, the default) or the editor's settings win when both set a rule.</summary>
    public ConfigurationPrecedence Precedence { get; init; } = ConfigurationPrecedence.File;
}

/// <summary>
/// The one entry point of the analysis: every front (the language server, the CLI) calls it.
/// It reads the document through <see cref="IFileSystem"/>, dispatches on the kind of document,
/// and applies the per-rule severities last, so every check honours the user's configuration.
/// </summary>
public static class DocumentAnalyzer
{
    /// <summary>The rule code of a mistake in PyDocker's own configuration (<c>[tool.pydocker]</c>).</summary>
    public const string ConfigurationCode = "PD800";

    public static IReadOnlyList<Finding> Analyze(string path, IFileSystem fs, AnalysisOptions options, CancellationToken ct)
    {
        var kind = options.Kind ?? DocumentClassifier.Classify(path);
        if (kind == DocumentKind.Unknown) return Array.Empty<Finding>();
        var text = fs.ReadAllText(path);
        if (text is null) return Array.Empty<Finding>();
        ct.ThrowIfCancellationRequested();

        var source = new SourceText(text);
        if (kind == DocumentKind.Dockerfile) return AnalyzeDockerfile(path, source, fs, options, ct).Findings;
        return ManifestAnalyzer.IsManifest(kind) ? ManifestAnalyzer.Analyze(path, source, kind, fs, options, ct) : Array.Empty<Finding>();
    }

    /// <summary>The build context a Dockerfile is analysed with (see <see cref="BuildContextResolver"/>).</summary>
    public static BuildContextChoice ResolveBuildContext(string path, DockerfileSyntax syntax, IFileSystem fs, AnalysisOptions options)
    {
        var (toolConfig, toolConfigPath, _) = FindToolConfig(PathUtil.GetDirectory(path), fs);
        var fromTool = toolConfig?.Context is { } c && toolConfigPath != null ? PathUtil.Combine(PathUtil.GetDirectory(toolConfigPath), c) : null;
        return BuildContextResolver.Resolve(path, syntax, fs, options.ContextDirectory, fromTool);
    }

    /// <summary>A Dockerfile's analysis: the model the rules read (for code actions and hovers) and the findings.</summary>
    public sealed record DockerfileAnalysis(ProjectModel Model, RuleConfiguration Configuration, IReadOnlyList<Finding> Findings);

    /// <summary>Parses a Dockerfile, builds its <see cref="ProjectModel"/>, and runs the syntax checks and every enabled rule.</summary>
    public static DockerfileAnalysis AnalyzeDockerfile(string path, SourceText source, IFileSystem fs, AnalysisOptions options, CancellationToken ct)
    {
        var syntax = DockerfileParser.Parse(source);
        ct.ThrowIfCancellationRequested();
        var findings = new List<Finding>();
        foreach (var error in syntax.Errors)
        {
            var finding = error.ToFinding(path, source);
            if (RuleSeverity.Apply(new[] { finding }, options.RuleSeverities) is { Count: 1 } kept) findings.Add(kept[0]);
        }

        var dockerfileDir = PathUtil.GetDirectory(path);
        var (toolConfig, toolConfigPath, toolConfigText) = FindToolConfig(dockerfileDir, fs);
        var fromTool = toolConfig?.Context is { } c && toolConfigPath != null ? PathUtil.Combine(PathUtil.GetDirectory(toolConfigPath), c) : null;
        var context = BuildContextResolver.Resolve(path, syntax, fs, options.ContextDirectory, fromTool).Directory;

        var ignoreText = fs.ReadAllText(PathUtil.Combine(context, ".dockerignore"));
        var model = new ProjectModel
        {
            DockerfilePath = path,
            Syntax = syntax,
            ContextDirectory = context,
            FileSystem = fs,
            DockerIgnore = ignoreText is null ? null : DockerIgnore.Parse(ignoreText, PathUtil.Combine(context, ".dockerignore")),
            Python = PythonProject.Load(context, fs),
        };

        var configuration = new RuleConfiguration(RuleRegistry.Descriptors, options.RuleSeverities, toolConfig?.Rules, options.Precedence);
        findings.AddRange(HonourManifestSuppressions(RuleEngine.Run(model, configuration, ct), path, fs));

        // Mistakes in [tool.pydocker] are reported where they are written.
        if (toolConfigPath != null && toolConfigText != null)
            findings.AddRange(ConfigurationFindings(toolConfig, configuration, toolConfigPath, toolConfigText));
        return new DockerfileAnalysis(model, configuration, findings);
    }

    /// <summary>The mistakes in a [tool.pydocker] table, as findings on that pyproject.toml.</summary>
    internal static IEnumerable<Finding> ConfigurationFindings(PyDockerToolConfig? toolConfig, RuleConfiguration configuration, string toolConfigPath, SourceText toolConfigText)
    {
        foreach (var problem in (toolConfig?.Problems ?? Array.Empty<ConfigurationProblem>()).Concat(configuration.Problems))
            yield return new Finding(ConfigurationCode, Severity.Error, toolConfigPath, problem.Span, toolConfigText.GetRange(problem.Span), problem.Message)
            { RuleName = RuleDocs.ConfigurationCodeName, DocumentationUrl = RuleDocs.ConfigurationDocsUrl };
    }

    /// <summary>A Dockerfile's findings on other files (a requirements line, a .dockerignore pattern) honour the
    /// <c># pydocker: ignore=</c> comments written in those files.</summary>
    private static IEnumerable<Finding> HonourManifestSuppressions(IReadOnlyList<Finding> findings, string dockerfilePath, IFileSystem fs)
    {
        Dictionary<string, ManifestSuppressions>? byFile = null;
        foreach (var finding in findings)
        {
            if (finding.Path == dockerfilePath) { yield return finding; continue; }
            byFile ??= new Dictionary<string, ManifestSuppressions>(StringComparer.Ordinal);
            if (!byFile.TryGetValue(finding.Path, out var suppressions))
            {
                var text = fs.ReadAllText(finding.Path);
                suppressions = text is null ? ManifestSuppressions.None : ManifestSuppressions.Parse(Python.ManifestParseCache.Text(finding.Path, text));
                byFile[finding.Path] = suppressions;
            }
            if (!suppressions.IsSuppressed(finding)) yield return finding;
        }
    }

    /// <summary>The nearest pyproject.toml with a [tool.pydocker] table, from the Dockerfile's folder up at most three levels.</summary>
    internal static (PyDockerToolConfig? Config, string? Path, SourceText? Text) FindToolConfig(string startDirectory, IFileSystem fs)
    {
        var dir = startDirectory;
        for (int level = 0; level < 4 && !string.IsNullOrEmpty(dir); level++)
        {
            var candidate = PathUtil.Combine(dir, "pyproject.toml");
            if (fs.ReadAllText(candidate) is { } text && text.Contains("pydocker", StringComparison.Ordinal))
            {
                var pyproject = ManifestParseCache.PyProject(candidate, text);
                if (PyDockerToolConfig.Read(pyproject, candidate) is { } config) return (config, candidate, ManifestParseCache.Text(candidate, text));
            }
            var parent = PathUtil.GetDirectory(dir);
            if (parent == dir) break;
            dir = parent;
        }
        return (null, null, null);
    }
}

/// <summary>Reads the severity words of the configuration and applies them to findings.</summary>
public static class RuleSeverity
{
    /// <summary>The words users write, mildest first.</summary>
    public static readonly IReadOnlyList<string> Words = new[] { "off", "hint", "info", "warning", "error" };

    /// <summary>Parses <c>off|hint|info|warning|error</c> (also <c>information</c>, <c>warn</c>), ignoring case.
    /// Returns false for anything else; <paramref name="severity"/> is null for <c>off</c>.</summary>
    public static bool TryParse(string? value, out Severity? severity)
    {
        severity = null;
        switch (value?.Trim().ToLowerInvariant())
        {
            case "off": return true;
            case "hint": severity = Severity.Hint; return true;
            case "info": case "information": severity = Severity.Information; return true;
            case "warning": case "warn": severity = Severity.Warning; return true;
            case "error": severity = Severity.Error; return true;
            default: return false;
        }
    }

    /// <summary>The word the fronts print for a severity: <c>error</c>, <c>warning</c>, <c>info</c>, <c>hint</c>.</summary>
    public static string Name(Severity severity) => severity switch
    {
        Severity.Error => "error",
        Severity.Warning => "warning",
        Severity.Information => "info",
        _ => "hint",
    };

    public static IReadOnlyList<Finding> Apply(IReadOnlyList<Finding> findings, IReadOnlyDictionary<string, string> overrides)
    {
        if (overrides.Count == 0 || findings.Count == 0) return findings;
        var result = new List<Finding>(findings.Count);
        foreach (var finding in findings)
        {
            if (!TryFindOverride(finding, overrides, out var severity)) { result.Add(finding); continue; }
            if (severity is null) continue;
            result.Add(finding.Severity == severity.Value ? finding : finding with { Severity = severity.Value });
        }
        return result;
    }

    private static bool TryFindOverride(Finding finding, IReadOnlyDictionary<string, string> overrides, out Severity? severity)
    {
        severity = null;
        // The dictionary may come with any comparer; look up both spellings users write.
        if (LookUp(overrides, finding.Code, out var word) || (finding.RuleName.Length > 0 && LookUp(overrides, finding.RuleName, out word)))
            return TryParse(word, out severity);
        return false;
    }

    private static bool LookUp(IReadOnlyDictionary<string, string> overrides, string key, out string? word)
    {
        if (overrides.TryGetValue(key, out word)) return true;
        foreach (var (k, v) in overrides)
        {
            if (string.Equals(k, key, StringComparison.OrdinalIgnoreCase)) { word = v; return true; }
        }
        word = null;
        return false;
    }
}
