using PyDockerLsp.Core.Python.Requirements;

namespace PyDockerLsp.Core.Analysis.Rules.Manifests;

/// <summary>PD804 include-problem: <c>-r</c>/<c>-c</c> names a missing file or forms a cycle.</summary>
public sealed class IncludeProblemRule : IManifestRule
{
    public RuleDescriptor Descriptor { get; } = new(
        "PD804", "include-problem", RuleCategory.Correctness, Severity.Error,
        new RuleDocumentation
        {
            WhatItDoes =
                "Reports a `-r`/`--requirement` or `-c`/`--constraint` line whose file does not exist (paths are relative to the "
                + "file that includes them), and includes that lead back to a file pip is still reading (a cycle).",
            WhyItMatters =
                "pip stops with \"Could not open requirements file\" when an included file is missing. In a Docker build this "
                + "often happens because only the top-level requirements file was copied into the image, or the include is "
                + "relative to the wrong folder.",
            Example = "# requirements.txt\n-r requirements/base.txt   # the folder is named reqs/",
            UseInstead = "# requirements.txt\n-r reqs/base.txt",
            ExampleLanguage = "text",
            FixHint = "Point the include at an existing file and break the cycle.",
        });

    public void Check(ManifestRuleContext context)
    {
        foreach (var problem in context.Document.RequirementsProblems)
            if (problem.Kind is RequirementsProblemKind.IncludeMissing or RequirementsProblemKind.IncludeCycle)
                context.Report(problem.Span, problem.Message);
    }
}
