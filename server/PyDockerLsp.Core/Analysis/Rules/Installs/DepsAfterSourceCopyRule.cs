using PyDockerLsp.Core.Analysis.Rules.BuildContext;
using PyDockerLsp.Core.Syntax.Dockerfile;
using PyDockerLsp.Core.Syntax.Shell;

namespace PyDockerLsp.Core.Analysis.Rules.Installs;

/// <summary>PD203 deps-after-source-copy: the whole source is copied before the dependencies are installed.</summary>
public sealed class DepsAfterSourceCopyRule : IRule
{
    public RuleDescriptor Descriptor { get; } = new(
        "PD203", "deps-after-source-copy", RuleCategory.BuildSpeed, Severity.Warning,
        new RuleDocumentation
        {
            WhatItDoes =
                "Reports a COPY or ADD of the whole source (`COPY . .`, `COPY . /app`, `ADD . .`, or the application's package "
                + "folder such as `src/`) that comes before the stage installs its dependencies (`pip install -r …`, "
                + "`pip install .`, `uv sync`, `poetry install`, `pipenv install`).",
            WhyItMatters =
                "Docker reuses a layer only while everything before it is unchanged. Once the source is copied, any edit to any "
                + "file invalidates that COPY and every layer after it, so the dependency install runs again on each code change "
                + "— minutes of downloading and compiling for a one-line fix. Copy the manifests first (requirements files, "
                + "`pyproject.toml` with its lock file), install the dependencies, then copy the source: the install layer is "
                + "then rebuilt only when the dependencies change. A final project install after the source copy is fine when "
                + "the dependencies were installed from the manifests before it, as in `uv sync --no-install-project` … "
                + "`COPY . .` … `uv sync`, or `poetry install --no-root` … `COPY . .` … `poetry install`.",
            Example = """
                FROM python:3.12-slim
                WORKDIR /app
                COPY . .
                RUN pip install -r requirements.txt
                """,
            UseInstead = """
                FROM python:3.12-slim
                WORKDIR /app
                COPY requirements.txt .
                RUN pip install -r requirements.txt
                COPY . .
                """,
            FixHint = "Copy the dependency manifests and install them before copying the source.",
            FixSafety = "No automatic fix: which files the install needs (requirements includes, lock files, a README the build backend reads) must be chosen by hand.",
        });

    public void Check(RuleContext context)
    {
        foreach (var stage in context.Syntax.Stages)
        {
            bool dependenciesInstalled = false;
            var pending = new List<(ContextSource Source, bool DependenciesBefore)>();
            foreach (var instruction in stage.Instructions)
            {
                if (instruction is FileTransferInstruction transfer)
                {
                    foreach (var source in ContextCopies.SourcesOf(transfer))
                        if (IsSourceCopy(context.Model, source)) pending.Add((source, dependenciesInstalled));
                    continue;
                }
                if (instruction is not RunInstruction run) continue;
                foreach (var command in run.ShellCommands)
                {
                    if (PythonInstallerCommand.TryRead(command) is not { } install)
                    {
                        // `bash -c "pip install -r …"`: the dependencies are installed, though not where a finding could point.
                        if (NestedScripts.InstallsDependencies(command)) dependenciesInstalled = true;
                        continue;
                    }
                    bool installsDependencies = install.Installs && install.InstallsManifestDependencies || install.Action == "wheel" && install.RequirementFiles.Count > 0;
                    if (!installsDependencies && !install.InstallsProject) continue;
                    for (int i = pending.Count - 1; i >= 0; i--)
                    {
                        var (source, dependenciesBefore) = pending[i];
                        if (IsProjectInstallAfterDependencies(install, dependenciesBefore)) continue;
                        Report(context, source, install);
                        pending.RemoveAt(i);
                    }
                    if (installsDependencies) dependenciesInstalled = true;
                }
            }
        }
    }

    /// <summary>Scripts run through <c>sh -c</c> / <c>bash -c</c>.</summary>
    private static class NestedScripts
    {
        public static bool InstallsDependencies(ShellCommand command)
        {
            if (command.Program is not { Name: "sh" or "bash" or "dash" or "ash" or "zsh" } shell) return false;
            var arguments = shell.Arguments;
            for (int i = 0; i + 1 < arguments.Count; i++)
            {
                var option = arguments[i].Value;
                if (option.Length < 2 || option[0] != '-' || option[1] == '-' || option.IndexOf('c') < 0) continue;
                foreach (var inner in ShellScriptParser.Parse(arguments[i + 1].Value).Commands)
                    if (PythonInstallerCommand.TryRead(inner) is { Installs: true, InstallsManifestDependencies: true }) return true;
                return false;
            }
            return false;
        }
    }

    /// <summary>The project itself goes in after the source, its dependencies having been installed from the manifests earlier.</summary>
    private static bool IsProjectInstallAfterDependencies(PythonInstallerCommand install, bool dependenciesBefore)
    {
        if (!install.InstallsProject) return false;
        if (install.RequirementFiles.Count > 0) return false;
        return dependenciesBefore || install.HasOption("--no-deps");
    }

    private static void Report(RuleContext context, ContextSource source, PythonInstallerCommand install)
    {
        string what = ContextCopies.IsWholeContext(source) ? "The whole source is" : $"`{source.Argument.Value}` is";
        var related = new[]
        {
            RuleContext.Related(context.DockerfilePath, context.Source, install.ProgramWord.Span, "The dependencies are installed here."),
        };
        context.Report(source.Argument.Span,
            $"{what} copied before `{install.ProgramName} {install.Action}`, so every code change invalidates the cache and reinstalls all dependencies.",
            null, related);
    }

    /// <summary>The whole context, or a folder of application code: <c>src/</c>, <c>app/</c>, the project's package,
    /// or a context folder holding Python files.</summary>
    private static bool IsSourceCopy(ProjectModel model, ContextSource source)
    {
        if (ContextCopies.IsWholeContext(source)) return true;
        if (!ContextCopies.IsDirectory(model, source)) return false;
        string path = source.Path;
        if (path is "src" or "app") return true;
        if (ProjectPackage(model) is { } package && string.Equals(path, package, StringComparison.OrdinalIgnoreCase)) return true;
        foreach (var file in model.FileSystem.EnumerateFiles(model.ContextPath(path)))
            if (file.EndsWith(".py", StringComparison.Ordinal)) return true;
        return false;
    }

    /// <summary>The import name of the project (<c>my-app</c> → <c>my_app</c>), or null.</summary>
    private static string? ProjectPackage(ProjectModel model)
    {
        var pyproject = model.Python?.PyProject;
        var name = pyproject?.Project?.Name?.Value ?? pyproject?.Poetry?.Name?.Value;
        return name?.Replace('-', '_').Replace('.', '_').ToLowerInvariant();
    }
}
