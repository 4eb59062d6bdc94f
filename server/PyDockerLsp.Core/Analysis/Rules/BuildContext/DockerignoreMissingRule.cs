namespace PyDockerLsp.Core.Analysis.Rules.BuildContext;

/// <summary>PD601 dockerignore-missing: a directory is copied from a build context that has no .dockerignore.</summary>
public sealed class DockerignoreMissingRule : IRule
{
    public RuleDescriptor Descriptor { get; } = new(
        "PD601", "dockerignore-missing", RuleCategory.Size, Severity.Warning,
        new RuleDocumentation
        {
            WhatItDoes =
                "Reports the first COPY or ADD of a whole directory (`COPY . .`, `COPY src/ /app/src`, `ADD . /app`) when the build "
                + "context has no `.dockerignore` (nor a `<Dockerfile>.dockerignore` beside the Dockerfile).",
            WhyItMatters =
                "Without an ignore file, copying a directory takes everything in it: the `.git` history, local virtual "
                + "environments (`.venv/`, often hundreds of megabytes of packages built for another platform), `__pycache__` "
                + "folders, test and type-checker caches, and local `.env` files with credentials. They make the context slow "
                + "to send, bloat the image, can shadow the packages installed in the image, and leak secrets. Any change to "
                + "them (a new commit, a test run) also invalidates the layer cache of the COPY.",
            Example = """
                FROM python:3.12-slim
                WORKDIR /app
                COPY . .
                """,
            UseInstead = """
                # .dockerignore
                .git
                .venv/
                **/__pycache__/
                **/*.py[cod]
                .pytest_cache/
                .env
                """,
            FixHint = "Create a .dockerignore with Python defaults.",
            FixSafety =
                "The fix creates `.dockerignore` at the root of the build context with Python defaults: version control, virtual "
                + "environments, bytecode, packaging output, test/type-check/lint caches, editor files, `.env` files, "
                + "notebook checkpoints, `node_modules`, Docker and CI files. It leaves out any pattern that would exclude a path "
                + "the Dockerfile copies or bind-mounts by name, or the README and license files named in pyproject.toml; and "
                + "it keeps `build/` and `dist/` in the context when they exist and hold something other than Python "
                + "packaging output. Markdown files and `docs/` are not excluded: they are small, and a `setup.py` may read "
                + "README.md during `pip install .`. The Dockerfile and `.dockerignore` themselves are excluded: BuildKit "
                + "reads both separately from the context, so the build does not need them there, and editing them then no "
                + "longer invalidates `COPY . .`. The fix is unsafe: an application that reads a file at run time which the "
                + "defaults leave out (a `.env` baked into the image, for instance) needs that line removed; review the file.",
        });

    public void Check(RuleContext context)
    {
        var model = context.Model;
        if (DockerignoreFiles.Find(model) is not null) return;
        if (DockerignoreFiles.FirstDirectoryCopy(model) is not { } source) return;
        var path = model.ContextPath(".dockerignore");
        var text = DockerignoreFiles.PythonDefaults(model, context.Source.PreferredNewLine);
        var fix = new Fix("Create .dockerignore with Python defaults", FixSafety.Unsafe, new[] { FileEdit.Create(path, text) }) { IsPreferred = true };
        string what = ContextCopies.IsWholeContext(source) ? "the whole build context" : $"the folder `{source.Argument.Value}`";
        context.Report(source.Argument.Span,
            $"This copies {what} and there is no .dockerignore: .git, virtual environments, caches and local .env files go into the build and can end up in the image.",
            fix);
    }
}
