using PyDockerLsp.Core.Syntax.Dockerfile;

namespace PyDockerLsp.Core.Analysis.Rules.Installs;

/// <summary>PD208 install-in-final-stage: a multi-stage build that still installs its dependencies in the final image.</summary>
public sealed class InstallInFinalStageRule : IRule
{
    /// <summary>Packaging tools: installing them is not installing the application's dependencies.</summary>
    private static readonly HashSet<string> PackagingTools = new(StringComparer.Ordinal)
    {
        "pip", "setuptools", "wheel", "uv", "poetry", "poetry-plugin-export", "pipenv", "pipx", "virtualenv", "pip-tools", "pdm", "hatch",
    };

    public RuleDescriptor Descriptor { get; } = new(
        "PD208", "install-in-final-stage", RuleCategory.Size, Severity.Information,
        new RuleDocumentation
        {
            WhatItDoes =
                "In a Dockerfile with a Python builder stage (a stage outside the final image's FROM chain that installs packages "
                + "or creates a virtual environment), reports a dependency install (`pip install -r …`, `pip install <packages>`, "
                + "`uv sync`, `poetry install`, `pipenv install`, `pip install .`) in the final stage or a stage it is built FROM. "
                + "Installing wheels that a builder prepared (`pip install /wheels/*`, `--no-index --find-links /wheels`) and "
                + "installing only the project with `--no-deps` are not reported.",
            WhyItMatters =
                "The point of a builder stage is that compilers, headers, the installer itself and its caches stay behind. When the "
                + "final stage resolves and installs the dependencies again, the final image needs everything the install needs "
                + "(network access to the index, often gcc and `-dev` packages for packages without wheels) and keeps what the "
                + "install leaves: caches, build files and the tools. Install into a virtual environment (or build wheels) in the "
                + "builder, then `COPY --from=builder` the finished environment: the final stage only runs Python.",
            Example = """
                FROM python:3.12-slim AS builder
                RUN apt-get update && apt-get install -y --no-install-recommends gcc
                FROM python:3.12-slim
                COPY requirements.txt .
                RUN pip install -r requirements.txt
                """,
            UseInstead = """
                FROM python:3.12-slim AS builder
                RUN apt-get update && apt-get install -y --no-install-recommends gcc
                RUN python -m venv /opt/venv
                COPY requirements.txt .
                RUN /opt/venv/bin/pip install -r requirements.txt
                FROM python:3.12-slim
                COPY --from=builder /opt/venv /opt/venv
                ENV PATH="/opt/venv/bin:$PATH"
                """,
            FixHint = "Install in the builder and copy the environment (or wheels) into the final stage.",
            FixSafety = "No automatic fix: moving an install between stages changes paths and what the image contains.",
            DifferencesFromAnchors =
                "Installs in stages that the final image is built FROM count as final-stage installs, since their files end up "
                + "in the image. A Dockerfile whose other stages only build front-end assets or provide tools (`FROM "
                + "ghcr.io/astral-sh/uv AS uv`) has no Python builder to copy from and is not reported. Installing only "
                + "packaging tools (pip, setuptools, wheel, uv, poetry…) is not reported either.",
        });

    public void Check(RuleContext context)
    {
        if (!HasPythonBuilder(context.Model)) return;
        foreach (var stage in context.Model.ProductionStages)
        {
            foreach (var run in stage.InstructionsOf<RunInstruction>())
            {
                foreach (var command in run.ShellCommands)
                {
                    if (PythonInstallerCommand.TryRead(command) is not { Installs: true } install) continue;
                    if (!InstallsDependencies(install)) continue;
                    context.Report(install.ProgramWord.Span,
                        $"The final stage runs `{install.ProgramName} {install.Action}` itself: the image keeps what the install needs and leaves behind; install in a builder stage and copy the environment.");
                }
            }
        }
    }

    /// <summary>
    /// True when a stage outside the final image's FROM chain installs Python packages or creates a virtual environment:
    /// a builder whose result the final stage could copy. Without one (a single stage, a chain of stages, or only tool
    /// and front-end stages) there is nothing prepared to copy, and the advice does not apply.
    /// </summary>
    private static bool HasPythonBuilder(ProjectModel model)
    {
        if (model.Syntax.Stages.Count < 2) return false;
        foreach (var stage in model.Syntax.Stages)
        {
            if (model.IsProductionStage(stage)) continue;
            foreach (var run in stage.InstructionsOf<RunInstruction>())
                foreach (var command in run.ShellCommands)
                {
                    if (PythonInstallerCommand.TryRead(command) is not null) return true;
                    if (command.Program is { Name: "venv", IsModule: true } or { Name: "virtualenv" }) return true;
                }
        }
        return false;
    }

    private static bool InstallsDependencies(PythonInstallerCommand install)
    {
        // Prepared wheels from a builder: nothing is resolved from an index.
        if (install.IsOffline || install.HasOption("-f", "--find-links")) return false;
        if (install.RequirementFiles.Count > 0) return true;
        if (install.InstallsProject) return !install.HasOption("--no-deps");
        if (install.Installer is PythonInstaller.Poetry || install.Installer == PythonInstaller.Uv && install.Action == "sync") return install.InstallsManifestDependencies;
        if (install.Installer is PythonInstaller.Pipenv && install.NamedPackages.Count == 0) return true;
        foreach (var package in install.NamedPackages)
            if (!PackagingTools.Contains(PythonInstallerCommand.RequirementName(package.Value))) return true;
        return false;
    }
}
