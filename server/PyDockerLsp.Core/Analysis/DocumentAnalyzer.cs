using PyDockerLsp.Core.IO;
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
}

/// <summary>
/// The one entry point of the analysis: every front (the language server, the CLI) calls it.
/// It reads the document through <see cref="IFileSystem"/>, dispatches on the kind of document,
/// and applies the per-rule severities last, so every check honours the user's configuration.
/// </summary>
public static class DocumentAnalyzer
{
    public static IReadOnlyList<Finding> Analyze(string path, IFileSystem fs, AnalysisOptions options, CancellationToken ct)
    {
        var kind = options.Kind ?? DocumentClassifier.Classify(path);
        if (kind == DocumentKind.Unknown) return Array.Empty<Finding>();
        var text = fs.ReadAllText(path);
        if (text is null) return Array.Empty<Finding>();
        ct.ThrowIfCancellationRequested();

        var source = new SourceText(text);
        IReadOnlyList<Finding> findings = kind switch
        {
            DocumentKind.Dockerfile => AnalyzeDockerfile(path, source, ct),
            _ => Array.Empty<Finding>(),
        };
        return RuleSeverity.Apply(findings, options.RuleSeverities);
    }

    private static IReadOnlyList<Finding> AnalyzeDockerfile(string path, SourceText source, CancellationToken ct)
    {
        var findings = new List<Finding>();
        var missingFrom = MissingFromCheck.Run(path, source, ct);
        if (missingFrom is not null) findings.Add(missingFrom);
        return findings;
    }
}

/// <summary>Reads the severity words of the configuration and applies them to findings.</summary>
public static class RuleSeverity
{
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
