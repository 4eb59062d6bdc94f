using PyDockerLsp.Core.Python.Requirements;

namespace PyDockerLsp.Core.Analysis.Rules.Manifests;

/// <summary>PD802 unknown-pip-option: a requirements file uses an option pip does not accept there.</summary>
public sealed class UnknownPipOptionRule : IManifestRule
{
    public RuleDescriptor Descriptor { get; } = new(
        "PD802", "unknown-pip-option", RuleCategory.Correctness, Severity.Error,
        new RuleDocumentation
        {
            WhatItDoes =
                "Reports an option in a requirements file that pip does not accept in requirements files: a misspelling "
                + "(`--extra-index`), an option of the `pip install` command line that files do not allow (`--user`, `--upgrade`), "
                + "or one of another tool.",
            WhyItMatters =
                "pip rejects the whole file (\"no such option\") and the install step of the image build fails. Requirements files "
                + "accept only a fixed set of options: the index and find-links options, `--no-binary`/`--only-binary`, `--pre`, "
                + "`--prefer-binary`, `--require-hashes`, `--trusted-host`, `--use-feature`, `-r`/`-c`/`-e` and the per-requirement "
                + "`--hash` and `--config-settings`.",
            Example = "# requirements.txt\n--user\nflask==3.1.0",
            UseInstead = "# requirements.txt\nflask==3.1.0\n\n# Dockerfile\nRUN pip install --user -r requirements.txt",
            ExampleLanguage = "text",
            FixHint = "Remove the option or move it to the pip command line.",
        });

    public void Check(ManifestRuleContext context)
    {
        foreach (var problem in context.Document.RequirementsProblems)
            if (problem.Kind == RequirementsProblemKind.UnknownOption) context.Report(problem.Span, problem.Message);
    }
}
