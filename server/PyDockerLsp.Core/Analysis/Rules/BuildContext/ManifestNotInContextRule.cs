using PyDockerLsp.Core.Analysis.Rules.Manifests;
using PyDockerLsp.Core.IO;
using PyDockerLsp.Core.Syntax.Dockerfile;
using PyDockerLsp.Core.Text;

namespace PyDockerLsp.Core.Analysis.Rules.BuildContext;

/// <summary>PD211 manifest-not-in-context: a COPY or bind mount names a manifest the build context does not provide.</summary>
public sealed class ManifestNotInContextRule : IRule
{
    public RuleDescriptor Descriptor { get; } = new(
        "PD211", "manifest-not-in-context", RuleCategory.Correctness, Severity.Error,
        new RuleDocumentation
        {
            WhatItDoes =
                "Reports a `COPY`/`ADD` source or a `RUN --mount=type=bind` source that names a Python manifest (requirements file, "
                + "pyproject.toml, uv.lock, poetry.lock, Pipfile, Pipfile.lock, .python-version) which is missing from the build "
                + "context or left out of it by `.dockerignore`. The related location shows the `.dockerignore` line that excludes it.",
            WhyItMatters =
                "Docker only sees the build context, minus what `.dockerignore` excludes. A manifest outside it stops the build "
                + "at that instruction (\"not found\"), usually only on a colleague's machine or in CI, where the context or the "
                + "ignore file differs. A common cause is a Dockerfile in a subfolder built with the wrong context, or a broad "
                + "`.dockerignore` pattern such as `*.txt` or `*.lock`.",
            Example = "# .dockerignore\n*.lock\n\n# Dockerfile\nCOPY pyproject.toml uv.lock ./",
            UseInstead = "# .dockerignore\n*.lock\n!uv.lock\n\n# Dockerfile\nCOPY pyproject.toml uv.lock ./",
            ExampleLanguage = "text",
            FixHint = "Add the file to the build context, or stop excluding it in .dockerignore.",
            DifferencesFromAnchors =
                "BuildKit's CopyIgnoredFile check reports any excluded COPY source; this rule reports Python manifests, missing ones "
                + "too (PD603 covers other excluded files).",
        })
    {
        NeedsManifests = true,
        BuildKitChecks = new[] { "CopyIgnoredFile" },
    };

    public void Check(RuleContext context)
    {
        var model = context.Model;
        if (!model.FileSystem.DirectoryExists(model.ContextDirectory)) return;
        var facts = DockerfileFacts.For(model);
        foreach (var instruction in model.Syntax.Instructions)
        {
            switch (instruction)
            {
                case CopyInstruction { From: not null }:
                    break;
                case FileTransferInstruction transfer:
                    foreach (var source in transfer.SourcePaths)
                    {
                        var written = facts.Files.Expand(transfer, source.Value);
                        if (written is not null) CheckSource(context, written, source.Span);
                    }
                    break;
                case RunInstruction run:
                    foreach (var mount in run.Mounts)
                    {
                        if (!mount.IsBind || mount.From is not null || mount.Source is not { } sourceText) continue;
                        var written = facts.Files.Expand(run, sourceText);
                        var option = mount.Get("source") ?? mount.Get("src");
                        if (written is not null && option is not null) CheckSource(context, written, option.ValueSpan);
                    }
                    break;
            }
        }
    }

    private static void CheckSource(RuleContext context, string written, TextSpan span)
    {
        if (written.Contains("://", StringComparison.Ordinal) || StageFiles.HasGlob(written)) return;
        var relative = StageFiles.DockerIgnoreClean(written);
        if (relative.Length == 0 || written.EndsWith('/')) return;
        var kind = DocumentClassifier.Classify(relative);
        if (kind is DocumentKind.Unknown or DocumentKind.Dockerfile or DocumentKind.DockerIgnore) return;
        var model = context.Model;
        var name = PathUtil.GetFileName(relative);
        if (!model.FileSystem.FileExists(model.ContextPath(relative)))
        {
            context.Report(span, $"{relative} is not in the build context ({model.ContextDirectory}): the build stops here. Build from the folder that holds it, or set the context.");
            return;
        }
        if (model.DockerIgnore?.DecidingPattern(relative) is { IsException: false } pattern && model.DockerIgnore.Path is { } ignorePath)
        {
            var related = new[] { RuleContext.Related(ignorePath, model.DockerIgnore.Source, pattern.Span, $"this pattern excludes {name}") };
            context.Report(span, $"{relative} is excluded from the build context by .dockerignore ({pattern.Text}): the build stops here.", null, related);
        }
    }
}
