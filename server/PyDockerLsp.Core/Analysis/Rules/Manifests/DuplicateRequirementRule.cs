using PyDockerLsp.Core.Python;
using PyDockerLsp.Core.Python.Requirements;

namespace PyDockerLsp.Core.Analysis.Rules.Manifests;

/// <summary>PD803 duplicate-requirement: the same project is required twice in one file set.</summary>
public sealed class DuplicateRequirementRule : IManifestRule
{
    public RuleDescriptor Descriptor { get; } = new(
        "PD803", "duplicate-requirement", RuleCategory.Correctness, Severity.Warning,
        new RuleDocumentation
        {
            WhatItDoes =
                "Reports a requirement whose project (compared by its normalised name and marker) is already required earlier in "
                + "the same set of requirements files: the same file, or a file included with `-r`. The earlier line is the "
                + "related location.",
            WhyItMatters =
                "When the two lines agree the second is noise that the next edit will make disagree; when they disagree pip "
                + "either combines the specifiers into something nobody wrote or stops with \"Double requirement given\". Keeping "
                + "each project in one place keeps the pins honest.",
            Example = "# requirements.txt\n-r base.txt\ndjango==5.1.4\n\n# base.txt\ndjango==5.0.0",
            UseInstead = "# requirements.txt\n-r base.txt\n\n# base.txt\ndjango==5.1.4",
            ExampleLanguage = "text",
            FixHint = "Keep one requirement per project.",
        });

    public void Check(ManifestRuleContext context)
    {
        foreach (var problem in context.Document.RequirementsProblems)
        {
            if (problem.Kind != RequirementsProblemKind.Duplicate) continue;
            RelatedLocation[]? related = null;
            if (problem.RelatedPath is { } path && problem.RelatedSpan is { } span && context.Document.FileSystem.ReadAllText(path) is { } text)
            {
                var source = path == context.Path ? context.Source : ManifestParseCache.Text(path, text);
                related = new[] { new RelatedLocation(path, span, source.GetRange(span), "first required here") };
            }
            context.Report(problem.Span, problem.Message, null, related);
        }
    }
}
