using PyDockerLsp.Core.Python.Requirements;

namespace PyDockerLsp.Core.Analysis.Rules.Manifests;

/// <summary>PD801 manifest-syntax: a requirements line, TOML document or lock file that does not parse.</summary>
public sealed class ManifestSyntaxRule : IManifestRule
{
    public RuleDescriptor Descriptor { get; } = new(
        "PD801", "manifest-syntax", RuleCategory.Syntax, Severity.Error,
        new RuleDocumentation
        {
            WhatItDoes =
                "Reports, at the exact characters, what makes a manifest unreadable: a requirements line pip cannot parse (an "
                + "invalid requirement or marker, an unclosed quote, an option missing its value), a TOML error in pyproject.toml, "
                + "Pipfile, uv.lock or poetry.lock (including duplicate keys and tables defined twice), a JSON error in "
                + "Pipfile.lock, and values of the wrong shape (a string where the format requires a list).",
            WhyItMatters =
                "pip, uv, Poetry and Pipenv stop at the first such error, so the Docker build fails at the install step — often "
                + "after minutes of earlier layers — with a message that points at the tool rather than at the line. Seeing the "
                + "error in the editor saves the round trip.",
            Example = "# requirements.txt\nflask>=2.0,\nrequests[security\n\n# pyproject.toml\n[project]\nname = \"app\"\nname = \"other\"",
            UseInstead = "# requirements.txt\nflask>=2.0\nrequests[security]\n\n# pyproject.toml\n[project]\nname = \"app\"",
            ExampleLanguage = "text",
            FixHint = "Correct the manifest so that its tool can read it.",
        });

    public void Check(ManifestRuleContext context)
    {
        var document = context.Document;
        if (document.Kind == DocumentKind.Requirements)
        {
            foreach (var problem in document.RequirementsProblems)
                if (problem.Kind == RequirementsProblemKind.Syntax) context.Report(problem.Span, problem.Message);
            return;
        }
        foreach (var error in document.Errors)
            context.Report(error.Span, error.Message);
    }
}
