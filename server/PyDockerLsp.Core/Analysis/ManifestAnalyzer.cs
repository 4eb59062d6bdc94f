using System.Collections.Concurrent;
using PyDockerLsp.Core.Analysis.Rules;
using PyDockerLsp.Core.IO;
using PyDockerLsp.Core.Text;

namespace PyDockerLsp.Core.Analysis;

/// <summary>
/// Analyses a manifest on its own (requirements files, pyproject.toml, Pipfile, lock files): runs the
/// <see cref="IManifestRule"/>s, reports mistakes in <c>[tool.pydocker]</c> when the document is the pyproject.toml
/// that holds it, and applies the file's suppression comments and the configured severities. What a Dockerfile
/// causes on a manifest (unpinned lines it installs, dev tools it ships) comes from that Dockerfile's analysis; the
/// fronts merge the two per file (see <see cref="FindingMerge"/>).
/// </summary>
public static class ManifestAnalyzer
{
    private static readonly ConcurrentDictionary<string, bool> FailuresLogged = new(StringComparer.Ordinal);

    public static IReadOnlyList<IManifestRule> AllRules => RulesLazy.Value;
    private static readonly Lazy<IReadOnlyList<IManifestRule>> RulesLazy = new(() => RuleRegistry.All.OfType<IManifestRule>().ToList());

    /// <summary>True for the kinds of document this analyzer reads (.python-version, runtime.txt and .dockerignore have
    /// no findings of their own; Dockerfiles' findings land on them).</summary>
    public static bool IsManifest(DocumentKind kind) => kind is DocumentKind.Requirements or DocumentKind.PyProject or DocumentKind.Pipfile
        or DocumentKind.PipfileLock or DocumentKind.UvLock or DocumentKind.PoetryLock or DocumentKind.PythonVersion or DocumentKind.RuntimeTxt
        or DocumentKind.DockerIgnore;

    public static IReadOnlyList<Finding> Analyze(string path, SourceText source, DocumentKind kind, IFileSystem fs, AnalysisOptions options, CancellationToken ct)
    {
        path = PathUtil.Normalize(path);
        var document = new ManifestDocument(path, source, kind, fs);
        var (toolConfig, toolConfigPath, toolConfigText) = DocumentAnalyzer.FindToolConfig(PathUtil.GetDirectory(path), fs);
        var configuration = new RuleConfiguration(RuleRegistry.Descriptors, options.RuleSeverities, toolConfig?.Rules, options.Precedence);

        var raw = new List<Finding>();
        foreach (var rule in AllRules)
        {
            ct.ThrowIfCancellationRequested();
            if (!configuration.IsEnabled(rule.Descriptor.Id)) continue;
            var produced = new List<Finding>();
            try
            {
                rule.Check(new ManifestRuleContext(document, rule.Descriptor, produced, ct));
                raw.AddRange(produced);
            }
            catch (OperationCanceledException) { throw; }
            catch (Exception e)
            {
                if (FailuresLogged.TryAdd(rule.Descriptor.Id, true))
                    RuleEngine.FailureLog?.Invoke($"Rule {rule.Descriptor.Id} ({rule.Descriptor.Name}) failed on {path} and was skipped: {e}");
            }
        }

        var suppressions = ManifestSuppressions.Parse(source);
        var findings = new List<Finding>(raw.Count);
        foreach (var finding in raw)
        {
            if (suppressions.IsSuppressed(finding)) continue;
            findings.Add(finding with { Severity = configuration.EffectiveSeverity(finding.Code) ?? finding.Severity });
        }

        // Mistakes in this file's own [tool.pydocker] table.
        if (toolConfigPath == path && toolConfigText is not null)
            findings.AddRange(DocumentAnalyzer.ConfigurationFindings(toolConfig, configuration, toolConfigPath, toolConfigText));

        findings.Sort((a, b) => a.Span.Start != b.Span.Start ? a.Span.Start.CompareTo(b.Span.Start) : string.CompareOrdinal(a.Code, b.Code));
        return findings;
    }
}

/// <summary>
/// Joins the findings of one file that come from several analyses — the file's own, and those of every Dockerfile
/// whose analysis reported on it — without repeating a finding two analyses both made (two Dockerfiles installing
/// the same requirements file).
/// </summary>
public static class FindingMerge
{
    public static List<Finding> Merge(IEnumerable<IEnumerable<Finding>> sources)
    {
        var seen = new HashSet<(string, int, int, string)>();
        var result = new List<Finding>();
        foreach (var source in sources)
            foreach (var finding in source)
                if (seen.Add((finding.Code, finding.Span.Start, finding.Span.End, finding.Message))) result.Add(finding);
        result.Sort((a, b) => a.Span.Start != b.Span.Start ? a.Span.Start.CompareTo(b.Span.Start) : string.CompareOrdinal(a.Code, b.Code));
        return result;
    }
}
