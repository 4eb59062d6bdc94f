using PyDockerLsp.Core.Analysis.Rules.Manifests;
using PyDockerLsp.Core.IO;
using PyDockerLsp.Core.Python.Manifests;
using PyDockerLsp.Core.Python.Toml;
using PyDockerLsp.Core.Syntax.Dockerfile;
using PyDockerLsp.Core.Text;

namespace PyDockerLsp.Core.Analysis.Rules.BuildContext;

/// <summary>PD603 dockerignore-excludes-needed: .dockerignore leaves out a file the build needs.</summary>
public sealed class DockerignoreExcludesNeededRule : IRule
{
    public RuleDescriptor Descriptor { get; } = new(
        "PD603", "dockerignore-excludes-needed", RuleCategory.Correctness, Severity.Warning,
        new RuleDocumentation
        {
            WhatItDoes =
                "Reports `.dockerignore` patterns that exclude a file the build needs: a file or folder a `COPY`/`ADD` names "
                + "(reported on the COPY source, with the pattern as related location), or the readme and license files that "
                + "pyproject.toml names (`readme`, `license-files`, Poetry's `readme`) when the Dockerfile builds the project "
                + "itself (`pip install .`, `uv sync`, `poetry install`) — reported on the pattern. Python manifests are PD211's.",
            WhyItMatters =
                "Templates for Python `.dockerignore` files often exclude `*.md` or `README*` to keep the context small. But the "
                + "build backend (hatchling, setuptools, poetry-core) reads the readme into the package metadata and fails when it "
                + "is missing, so `pip install .` breaks inside the image while it works on your machine. A COPY of an excluded "
                + "file fails with \"not found\".",
            Example = "# .dockerignore\n*.md\n\n# pyproject.toml: readme = \"README.md\"\n# Dockerfile\nCOPY . .\nRUN pip install .",
            UseInstead = "# .dockerignore\n*.md\n!README.md",
            ExampleLanguage = "text",
            FixHint = "Stop excluding the file (add a `!` exception after the pattern).",
            DifferencesFromAnchors = "BuildKit's CopyIgnoredFile reports excluded COPY sources; this rule also knows what the Python build reads.",
        })
    {
        NeedsManifests = true,
    };

    public void Check(RuleContext context)
    {
        var model = context.Model;
        if (model.DockerIgnore is not { Path: { } ignorePath } ignore) return;
        var facts = DockerfileFacts.For(model);
        CheckCopies(context, facts, ignore, ignorePath);
        CheckProjectFiles(context, facts, ignore, ignorePath);
    }

    private static void CheckCopies(RuleContext context, DockerfileFacts facts, Context.DockerIgnore ignore, string ignorePath)
    {
        foreach (var instruction in context.Syntax.Instructions)
        {
            if (instruction is not FileTransferInstruction transfer || transfer is CopyInstruction { From: not null }) continue;
            foreach (var source in transfer.SourcePaths)
            {
                var written = facts.Files.Expand(transfer, source.Value);
                if (written is null || written.Contains("://", StringComparison.Ordinal) || StageFiles.HasGlob(written)) continue;
                var relative = StageFiles.DockerIgnoreClean(written);
                if (relative.Length == 0) continue;
                var kind = DocumentClassifier.Classify(relative);
                if (kind is not (DocumentKind.Unknown or DocumentKind.Dockerfile or DocumentKind.DockerIgnore)) continue; // PD211
                var path = context.Model.ContextPath(relative);
                if (!context.Model.FileSystem.FileExists(path) && !context.Model.FileSystem.DirectoryExists(path)) continue;
                if (ignore.DecidingPattern(relative) is not { IsException: false } pattern) continue;
                var related = new[] { RuleContext.Related(ignorePath, ignore.Source, pattern.Span, $"this pattern excludes {relative}") };
                context.Report(source.Span, $"{relative} is excluded by .dockerignore ({pattern.Text}), so this {transfer.KeywordUpper} cannot find it.", null, related);
            }
        }
    }

    private static void CheckProjectFiles(RuleContext context, DockerfileFacts facts, Context.DockerIgnore ignore, string ignorePath)
    {
        var project = context.Model.Python;
        if (project?.PyProject is not { } pyproject || project.PyProjectText is not { } pyText || project.PyProjectPath is not { } pyPath) return;
        var build = facts.Installs.FirstOrDefault(i => i.BuildsProject && facts.IsInFinalBuild(i.Stage));
        if (build is null) return;
        var buildRelated = RuleContext.Related(context.DockerfilePath, context.Source, build.Verb.Span, "the project is built here");
        var reported = new HashSet<DockerIgnorePatternKey>();
        foreach (var (file, declared, what) in FilesTheBuildReads(pyproject, context))
        {
            if (!context.Model.FileSystem.FileExists(context.Model.ContextPath(file))) continue;
            if (ignore.DecidingPattern(file) is not { IsException: false } pattern) continue;
            if (!reported.Add(new DockerIgnorePatternKey(pattern.Span.Start, file))) continue;
            var related = new[]
            {
                RuleContext.Related(pyPath, pyText, declared, $"pyproject.toml names {file} as the {what}"),
                buildRelated,
            };
            context.ReportIn(ignorePath, ignore.Source, pattern.Span,
                $"This pattern excludes {file}, the project's {what}: building the project in the image ({build.Program.Name} {build.Verb.Value}) fails without it.",
                null, related);
        }
    }

    private readonly record struct DockerIgnorePatternKey(int Start, string File);

    /// <summary>The readme and license files named in pyproject.toml, with where they are named.</summary>
    private static IEnumerable<(string File, TextSpan Declared, string What)> FilesTheBuildReads(PyProjectFile pyproject, RuleContext context)
    {
        if (pyproject.Project?.Readme?.File is { } readme) yield return (StageFiles.DockerIgnoreClean(readme.Value), readme.ContentSpan, "readme");
        foreach (var (file, span) in DockerfileFacts.SetuptoolsDynamicFileSpans(pyproject, "readme")) yield return (file, span, "readme");
        if (pyproject.Poetry?.Table.TryGet("readme", out TomlValue value) == true)
        {
            if (value is TomlString single) yield return (StageFiles.DockerIgnoreClean(single.Value), single.ContentSpan, "readme");
            else if (value is TomlArray many)
                foreach (var item in many)
                    if (item is TomlString s) yield return (StageFiles.DockerIgnoreClean(s.Value), s.ContentSpan, "readme");
        }
        foreach (var license in pyproject.Project?.LicenseFiles ?? Array.Empty<SpannedString>())
        {
            var pattern = StageFiles.DockerIgnoreClean(license.Value);
            if (!StageFiles.HasGlob(pattern))
            {
                yield return (pattern, license.ContentSpan, "license file");
                continue;
            }
            // A glob such as "LICEN[CS]E*": the files it matches at its folder.
            var folder = PathUtil.GetDirectory(pattern);
            if (StageFiles.HasGlob(folder)) continue;
            foreach (var candidate in context.Model.FileSystem.EnumerateFiles(context.Model.ContextPath(folder)))
            {
                var name = PathUtil.GetFileName(candidate);
                if (StageFiles.GlobMatchesName(PathUtil.GetFileName(pattern), name))
                    yield return (folder.Length == 0 ? name : folder + "/" + name, license.ContentSpan, "license file");
            }
        }
    }
}
