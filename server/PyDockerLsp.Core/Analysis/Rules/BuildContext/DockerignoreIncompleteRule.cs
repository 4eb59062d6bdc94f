using PyDockerLsp.Core.Context;
using PyDockerLsp.Core.Text;

namespace PyDockerLsp.Core.Analysis.Rules.BuildContext;

/// <summary>PD602 dockerignore-incomplete: the .dockerignore lets common Python clutter into the build context.</summary>
public sealed class DockerignoreIncompleteRule : IRule
{
    /// <summary>What should stay out: a label, a path that stands for it, the root-level variant of that path (to tell
    /// when a pattern only matches at the context root), and the line to append.</summary>
    private sealed record Entry(string Label, string Representative, string? RootVariant, string Line);

    private static readonly Entry[] Entries =
    {
        new(".git", ".git/HEAD", null, ".git"),
        new(".venv", ".venv/pyvenv.cfg", null, ".venv/"),
        new("venv", "venv/pyvenv.cfg", null, "venv/"),
        new("__pycache__", "pkg/__pycache__/module.cpython-312.pyc", "__pycache__/module.cpython-312.pyc", "**/__pycache__/"),
        new("*.pyc", "pkg/module.pyc", "module.pyc", "**/*.py[cod]"),
        new(".env", ".env", null, ".env"),
        new(".pytest_cache", ".pytest_cache/v/cache/nodeids", null, ".pytest_cache/"),
        new(".mypy_cache", ".mypy_cache/3.12/cache.db", null, ".mypy_cache/"),
        new(".ruff_cache", ".ruff_cache/CACHEDIR.TAG", null, ".ruff_cache/"),
        new(".tox", ".tox/py312/pyvenv.cfg", null, ".tox/"),
    };

    public RuleDescriptor Descriptor { get; } = new(
        "PD602", "dockerignore-incomplete", RuleCategory.Size, Severity.Information,
        new RuleDocumentation
        {
            WhatItDoes =
                "When the Dockerfile copies a whole directory, reports the `.dockerignore` entries it lacks: `.git`, `.venv/`, "
                + "`venv/`, `__pycache__` folders, `*.pyc` files, `.env`, and the caches of pytest, mypy, ruff and tox. "
                + "The finding is on the COPY (the Dockerfile is what you are editing) and points at the ignore file.",
            WhyItMatters =
                "Each of these is local state that the image must not contain: history, a virtual environment built for your "
                + "machine, stale bytecode, credentials, caches. Note that Docker matches patterns from the context root, "
                + "unlike `.gitignore`: `__pycache__` or `*.pyc` only match at the top level, so nested package folders "
                + "still send their bytecode; write `**/__pycache__/` and `**/*.py[cod]`.",
            Example = """
                # .dockerignore
                .git
                __pycache__
                *.pyc
                """,
            UseInstead = """
                # .dockerignore
                .git
                .venv/
                **/__pycache__/
                **/*.py[cod]
                .env
                .pytest_cache/
                """,
            ExampleLanguage = "gitignore",
            FixHint = "Append the missing entries to .dockerignore.",
            FixSafety =
                "The fix appends the missing patterns at the end of the ignore file, with its line endings (and a line break "
                + "first when the file does not end with one). An entry is not suggested when a `!` line deliberately keeps "
                + "that path, or when the Dockerfile copies it by name. It is unsafe because an application that reads one of "
                + "these files at run time (a `.env` baked into the image) stops finding it; check the list before applying.",
        });

    public void Check(RuleContext context)
    {
        var model = context.Model;
        if (DockerignoreFiles.Find(model) is not { } ignore) return;
        if (DockerignoreFiles.FirstDirectoryCopy(model) is not { } source) return;
        var needed = DockerignoreFiles.NeededPaths(model);
        var missing = new List<Entry>();
        var rootOnly = new List<string>();
        foreach (var entry in Entries)
        {
            // Excluded already, or kept on purpose by a "!" line.
            if (ignore.DecidingPattern(entry.Representative) is not null) continue;
            if (DockerignoreFiles.ExcludesAny(entry.Line, needed)) continue;
            missing.Add(entry);
            if (entry.RootVariant is { } root && ignore.IsExcluded(root)) rootOnly.Add(entry.Label);
        }
        if (missing.Count == 0) return;

        var labels = string.Join(", ", missing.Select(e => e.Label));
        var message = $".dockerignore lets {labels} into the build context, and this COPY takes them along.";
        if (rootOnly.Count > 0)
            message += $" ({string.Join(" and ", rootOnly)} only match at the context root; use **/ to reach sub-folders.)";
        var ignorePath = ignore.Path ?? model.ContextPath(".dockerignore");
        var related = new[] { RuleContext.Related(ignorePath, ignore.Source, EndOfLastLine(ignore.Source), "The ignore file the build uses.") };
        var fix = new Fix($"Add {labels} to .dockerignore", FixSafety.Unsafe, new[] { new FileEdit(ignorePath, new[] { AppendEdit(ignore.Source, missing) }) })
        {
            IsPreferred = true,
        };
        context.Report(source.Argument.Span, message, new[] { fix }, related);
    }

    private static TextEdit AppendEdit(SourceText ignore, IReadOnlyList<Entry> missing)
    {
        var text = ignore.Text;
        var newLine = ignore.PreferredNewLine;
        var sb = new System.Text.StringBuilder();
        if (text.Length > 0 && !text.EndsWith('\n')) sb.Append(newLine);
        if (text.Length > 0) sb.Append(newLine);
        sb.Append("# Python files that should not reach the build context (added by PyDocker)").Append(newLine);
        foreach (var entry in missing) sb.Append(entry.Line).Append(newLine);
        return TextEdit.Insert(text.Length, sb.ToString());
    }

    /// <summary>The end of the file's last non-empty line (where the appended lines follow).</summary>
    private static TextSpan EndOfLastLine(SourceText source)
    {
        var text = source.Text;
        int end = text.Length;
        while (end > 0 && text[end - 1] is '\n' or '\r' or ' ' or '\t') end--;
        return TextSpan.Empty(end);
    }
}
