using PyDockerLsp.Core.Analysis.Rules.Manifests;
using PyDockerLsp.Core.IO;
using PyDockerLsp.Core.Python;
using PyDockerLsp.Core.Syntax.Dockerfile;

namespace PyDockerLsp.Core.Analysis.Rules.BaseImage;

/// <summary>PD104 python-version-mismatch: the base image's Python X.Y is outside what the project declares.</summary>
public sealed class PythonVersionMismatchRule : IRule
{
    public RuleDescriptor Descriptor { get; } = new(
        "PD104", "python-version-mismatch", RuleCategory.Correctness, Severity.Error,
        new RuleDocumentation
        {
            WhatItDoes =
                "Reports a base image whose Python version (the X.Y in `python:3.11-slim`, also when it comes from an `ARG` default) "
                + "is not allowed by the project: `requires-python` in pyproject.toml or the `python` entry of `[tool.poetry.dependencies]`; "
                + "`python_version` in the Pipfile when the Dockerfile runs pipenv; `.python-version` when uv or pyenv run in the image "
                + "(they choose the interpreter by it) or when it is the only statement of the project's Python. Every stage whose Python runs the app or builds "
                + "its packages is checked: the final stage, the stages it is built from or copies an environment from, and builder "
                + "stages that install the project's dependencies.",
            WhyItMatters =
                "The interpreter in the image is the one the app runs on. When it is older or newer than what the project supports, "
                + "`pip install .` refuses the project (\"requires a different Python\"), uv and Poetry stop with a resolution error, or "
                + "worse, the install succeeds and the app fails at import time on syntax or standard-library changes. Your tests ran "
                + "on a version the constraint allows; the image should too.",
            Example = "# pyproject.toml: requires-python = \">=3.11\"\nFROM python:3.10-slim",
            UseInstead = "FROM python:3.13-slim",
            FixHint = "Use a Python version the project allows.",
            FixSafety =
                "The fix changes the image tag to the newest Python X.Y that every constraint of the project allows, keeping the "
                + "variant (`-slim`, `-bookworm`…); when the version comes from an `ARG` default, that default is changed. A digest "
                + "pinned after the tag is dropped, because it belongs to the old tag. The fix is unsafe: a new interpreter can change "
                + "which wheels are available and what system packages the image has, so rebuild and test before shipping.",
        })
    {
        NeedsManifests = true,
    };

    public void Check(RuleContext context)
    {
        var project = context.Model.Python;
        if (project is null) return;
        var facts = DockerfileFacts.For(context.Model);
        var constraints = Binding(project.PythonConstraints.Where(c => c.IsUnderstood).ToList(), context.Syntax);
        if (constraints.Count == 0) return;
        var reported = new HashSet<FromInstruction>(ReferenceEqualityComparer.Instance);
        foreach (var stage in facts.PythonStages())
        {
            var root = DockerfileFacts.RootStage(stage);
            if (root.From.Image is not { } image || !reported.Add(root.From)) continue;
            var info = facts.BaseImage(stage);
            if (info?.PythonVersion is not { Minor: { } minor } version) continue;
            var violated = constraints.Where(c => !c.AllowsMinor(version.Major, minor)).ToList();
            if (violated.Count == 0) continue;

            var first = violated[0];
            var imageText = info.Reference;
            var message = $"{imageText} runs Python {version.Major}.{minor}, but {Describe(first)} asks for {first.Text}: "
                          + "the project may refuse to install or fail at run time on this interpreter.";
            var related = violated.Select(c => RuleContext.Related(c.Location.Path, c.Location.Text, c.Location.Span,
                $"{c.Kind} is {c.Text}")).ToList();
            context.Report(ImageTagEdit.FindingSpan(image), message, Fixes(context, image, info, constraints, first), related);
        }
    }

    private static IEnumerable<Fix> Fixes(RuleContext context, ImageReference image, Features.Knowledge.BaseImageInfo info,
        IReadOnlyList<PythonConstraint> constraints, PythonConstraint shown)
    {
        // The newest X.Y that every constraint allows: the fix must satisfy them all to silence the rule.
        (int Major, int Minor)? newest = null;
        foreach (var candidate in Python.Packaging.CPythonReleases.KnownMinorVersions)
            if (constraints.All(c => c.AllowsMinor(candidate.Major, candidate.Minor))) newest = candidate;
        if (newest is not { } target) yield break;
        var series = $"{target.Major}.{target.Minor}";
        var because = $"{shown.Kind} {shown.Text} in {PathUtil.GetFileName(shown.Location.Path)}";

        if (image.HasVariables)
        {
            if (ImageTagEdit.ReplaceArgVersion(context.Syntax, image, series) is { } arg)
                yield return context.PreferredDockerfileFix($"Set {arg.ArgName} to {series} ({because})", FixSafety.Unsafe, arg.Edit);
            yield break;
        }
        if (info.TagWithPythonVersion(series) is not { } newTag || ImageTagEdit.ReplaceTag(image, newTag) is not { } edit) yield break;
        yield return context.PreferredDockerfileFix($"Use {ImageTagEdit.Describe(image, newTag)} ({because})", FixSafety.Unsafe, edit);
    }

    /// <summary>
    /// The constraints that bind the image: the project's declared support range (<c>requires-python</c>, Poetry's
    /// <c>python</c>) always; the Pipfile's <c>python_version</c> only when the Dockerfile runs pipenv (which enforces
    /// it); <c>.python-version</c> when uv or pyenv run in the image (they pick the interpreter by it) or when it is
    /// the project's only statement of its Python. runtime.txt belongs to buildpacks, not to Docker builds.
    /// </summary>
    private static List<PythonConstraint> Binding(List<PythonConstraint> constraints, DockerfileSyntax syntax)
    {
        bool declared = constraints.Any(c => c.Kind is "requires-python" or "[tool.poetry.dependencies] python");
        bool pipenv = false, interpreterPicker = false;
        foreach (var instruction in syntax.AllInstructions())
        {
            if (instruction is not RunInstruction run) continue;
            foreach (var command in run.ShellCommands)
            {
                var program = command.Program;
                if (program is null) continue;
                if (program.Family == "pipenv") pipenv = true;
                if (program.Family is "uv" or "uvx" or "pyenv") interpreterPicker = true;
            }
        }
        return constraints.Where(c => c.Kind switch
        {
            "requires-python" or "[tool.poetry.dependencies] python" => true,
            "Pipfile python_version" => pipenv,
            ".python-version" => interpreterPicker || !declared,
            _ => false,
        }).ToList();
    }

    private static string Describe(PythonConstraint constraint)
    {
        var file = PathUtil.GetFileName(constraint.Location.Path);
        return constraint.Kind == file ? file : $"{constraint.Kind} in {file}";
    }
}
