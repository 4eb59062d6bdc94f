using PyDockerLsp.Core.IO;
using PyDockerLsp.Core.Text;

namespace PyDockerLsp.Core.Analysis.Rules.Manifests;

/// <summary>PD806 dev-tool-in-runtime-requirements: a development tool listed in a requirements file that ships.</summary>
public sealed class DevToolInRuntimeRequirementsRule : IRule
{
    public RuleDescriptor Descriptor { get; } = new(
        "PD806", "dev-tool-in-runtime-requirements", RuleCategory.Size, Severity.Information,
        new RuleDocumentation
        {
            WhatItDoes =
                "Reports, on the line of the requirements file, a development tool (pytest and its plugins, black, ruff, mypy, "
                + "flake8, isort, pylint, coverage, tox, nox, pre-commit, debuggers, type stubs…) in a requirements file that a "
                + "stage of the shipped image installs. Files named for development (`requirements-dev.txt`) are PD204's subject, and "
                + "images that are development environments (see PD204) are not reported.",
            WhyItMatters =
                "Whatever the runtime requirements list ends up in the production image. Test runners and linters are not needed "
                + "to run the app; they make the image bigger and bring their own dependencies and vulnerabilities. Keep them in "
                + "a separate `requirements-dev.txt` that starts with `-r requirements.txt`.",
            Example = "# requirements.txt (installed by the Dockerfile)\nflask==3.1.0\npytest==8.3.4",
            UseInstead = "# requirements.txt\nflask==3.1.0\n\n# requirements-dev.txt\n-r requirements.txt\npytest==8.3.4",
            ExampleLanguage = "text",
            FixHint = "Move development tools to a separate requirements-dev.txt.",
        })
    {
        NeedsManifests = true,
    };

    public void Check(RuleContext context)
    {
        var facts = DockerfileFacts.For(context.Model);
        if (facts.IsDevelopmentImage) return;
        var reported = new HashSet<(string, int)>();
        foreach (var file in facts.RequirementFiles)
        {
            if (!file.Install.Installs || !facts.IsRuntimeStage(file.Install.Stage)) continue;
            if (DevTools.HasDevelopmentWord(PathUtil.GetFileName(file.Origin.RelativePath))) continue;
            foreach (var entry in file.Set.InstallRequirements)
            {
                if (entry.NormalizedName is not { } name || !DevTools.IsTool(name)) continue;
                // A development file pulled in with -r is the PD204 case, not a tool mixed into runtime requirements.
                if (DevTools.HasDevelopmentWord(PathUtil.GetFileName(entry.FilePath))) continue;
                if (!reported.Add((entry.FilePath, entry.NameSpan.Start))) continue;
                var text = file.Set.Files.FirstOrDefault(f => f.Path == entry.FilePath)?.Text;
                if (text is null) continue;
                var related = new[] { RuleContext.Related(context.DockerfilePath, context.Source, file.Argument.ValueSpan, "installed into the image here") };
                context.ReportIn(entry.FilePath, SourceTextCache.Get(entry.FilePath, text), entry.NameSpan,
                    $"{entry.Name} is a development tool; listed here it is installed into the production image. Move it to a development requirements file.",
                    null, related);
            }
        }
    }
}
