namespace PyDockerLsp.Core.Analysis.Rules;

/// <summary>What a rule protects. Used for grouping in the docs and for `select`/`ignore` by category.</summary>
public enum RuleCategory { Syntax, Security, Size, BuildSpeed, Reproducibility, Correctness, Runtime }

/// <summary>
/// A rule's documentation, written once beside its code. It is the single source of the hover on a
/// diagnostic, of <c>docs/rules.md</c> and of <c>pydocker explain</c>.
/// </summary>
public sealed record RuleDocumentation
{
    /// <summary>One sentence: what the rule reports.</summary>
    public required string WhatItDoes { get; init; }
    /// <summary>Why the practice matters for a Python image (size, speed, security, correctness).</summary>
    public required string WhyItMatters { get; init; }
    /// <summary>A small Dockerfile (or manifest) excerpt that the rule reports.</summary>
    public required string Example { get; init; }
    /// <summary>The better form of the same excerpt.</summary>
    public required string UseInstead { get; init; }
    /// <summary>What the quick fix does and whether it is safe to apply in bulk; "No automatic fix." when there is none.</summary>
    public string FixSafety { get; init; } = "No automatic fix.";
    /// <summary>A one-line hint shown under the hover title ("Add a cache mount for pip's cache").</summary>
    public required string FixHint { get; init; }
    /// <summary>Where the example is a manifest rather than a Dockerfile: the code-fence language.</summary>
    public string ExampleLanguage { get; init; } = "dockerfile";
    /// <summary>Notes on how this rule differs from the hadolint/BuildKit check it maps to, if it does.</summary>
    public string? DifferencesFromAnchors { get; init; }
}

/// <summary>
/// The stable identity and metadata of a rule: id (<c>PD201</c>), kebab-case name, category,
/// default severity (null = opt-in, off unless selected), whether it needs the Python project model,
/// and the ids of the hadolint rules / BuildKit checks it corresponds to (their ignore comments are honoured).
/// </summary>
public sealed record RuleDescriptor(
    string Id,
    string Name,
    RuleCategory Category,
    Severity? DefaultSeverity,
    RuleDocumentation Documentation)
{
    public bool NeedsManifests { get; init; }
    public IReadOnlyList<string> HadolintIds { get; init; } = Array.Empty<string>();
    public IReadOnlyList<string> BuildKitChecks { get; init; } = Array.Empty<string>();
    /// <summary>Diagnostic tags the rule's findings carry (Unnecessary / Deprecated).</summary>
    public IReadOnlyList<FindingTag> Tags { get; init; } = Array.Empty<FindingTag>();

    public bool IsOptIn => DefaultSeverity is null;

    /// <summary>The anchor of this rule in docs/rules.md (GitHub-style slug of the heading "PD201 install-cache-not-mounted").</summary>
    public string DocsAnchor => (Id + "-" + Name).ToLowerInvariant();

    public string DocsUrl => RuleDocs.BaseUrl + "#" + DocsAnchor;
}
