using PyDockerLsp.Core.Context;
using PyDockerLsp.Core.IO;
using PyDockerLsp.Core.Syntax.Dockerfile;

namespace PyDockerLsp.Core.Analysis.Rules.BuildContext;

/// <summary>Which ignore file a build uses, what the Dockerfile needs from the context, and the Python defaults
/// PyDocker writes into a new <c>.dockerignore</c>.</summary>
internal static class DockerignoreFiles
{
    /// <summary>
    /// The ignore file BuildKit applies: <c>&lt;Dockerfile name&gt;.dockerignore</c> beside the Dockerfile when it exists
    /// (BuildKit prefers it), else <c>.dockerignore</c> at the context root; null when there is neither.
    /// </summary>
    public static DockerIgnore? Find(ProjectModel model)
    {
        var own = model.DockerfilePath + ".dockerignore";
        if (model.FileSystem.ReadAllText(own) is { } text) return DockerIgnore.Parse(text, own);
        return model.DockerIgnore;
    }

    /// <summary>Where to report a context problem: the first COPY/ADD of the whole context (<c>COPY . .</c>), else the
    /// first copy of any directory of the context, in document order; null when the Dockerfile copies no directory.</summary>
    public static ContextSource? FirstDirectoryCopy(ProjectModel model)
    {
        ContextSource? firstDirectory = null;
        foreach (var source in ContextCopies.Sources(model.Syntax))
        {
            if (ContextCopies.IsWholeContext(source)) return source;
            if (firstDirectory is null && ContextCopies.IsDirectory(model, source)) firstDirectory = source;
        }
        return firstDirectory;
    }

    /// <summary>
    /// Paths (relative to the context) the build reads by name: every COPY/ADD source, bind-mount sources of RUN,
    /// and the README and license files that pyproject.toml names (build backends read them in <c>pip install .</c>).
    /// </summary>
    public static IReadOnlyList<string> NeededPaths(ProjectModel model)
    {
        var needed = new List<string>();
        foreach (var source in ContextCopies.Sources(model.Syntax))
            if (source.Path.Length > 0) needed.Add(source.Path);
        foreach (var stage in model.Syntax.Stages)
            foreach (var run in stage.InstructionsOf<RunInstruction>())
                foreach (var mount in run.Mounts)
                    if (mount.IsBind && mount.From is null && mount.Source is { Length: > 0 } source && !source.Contains('$'))
                        needed.Add(DockerIgnore.Clean(source));
        var project = model.Python?.PyProject?.Project;
        if (project?.Readme?.File is { } readme) needed.Add(DockerIgnore.Clean(readme.Value));
        if (project is not null)
            foreach (var license in project.LicenseFiles)
                needed.Add(DockerIgnore.Clean(license.Value));
        needed.RemoveAll(p => p.Length == 0);
        return needed;
    }

    /// <summary>One group of the default file: a comment and its patterns.</summary>
    private sealed record Section(string Comment, string[] Patterns);

    private static readonly Section[] Defaults =
    {
        new("Version control", new[] { ".git", ".hg", ".svn" }),
        new("Virtual environments", new[] { ".venv/", "venv/" }),
        new("Python bytecode and packaging output", new[] { "**/__pycache__/", "**/*.py[cod]", "**/*.egg-info/", ".eggs/", "build/", "dist/" }),
        new("Test, coverage, type-check and lint caches", new[]
        {
            ".pytest_cache/", ".tox/", ".nox/", ".coverage", ".coverage.*", "htmlcov/", ".hypothesis/", ".mypy_cache/", ".ruff_cache/", ".pytype/",
        }),
        new("Editors and OS files", new[] { ".idea/", ".vscode/", "**/.DS_Store", "**/*.swp" }),
        new("Local settings and credentials: pass secrets with RUN --mount=type=secret instead", new[] { ".env", ".env.*", ".pypirc", ".netrc" }),
        new("Notebook checkpoints and front-end dependencies", new[] { "**/.ipynb_checkpoints/", "**/node_modules/" }),
        new("Docker files: BuildKit reads the Dockerfile and this file on its own, so the build does not need them in the\n# context, and leaving them out keeps `COPY . .` cached when only they change", new[]
        {
            "Dockerfile*", ".dockerignore", "docker-compose*.yml", "docker-compose*.yaml", "compose*.yml", "compose*.yaml",
        }),
        new("CI configuration", new[] { ".github/", ".gitlab-ci.yml" }),
    };

    /// <summary>
    /// The text of a new <c>.dockerignore</c> for a Python build context. A default pattern is left out when it would
    /// exclude a path the build needs (<see cref="NeededPaths"/>), and <c>build/</c> / <c>dist/</c> are left out when the
    /// context has such a folder that is not Python packaging output (a front-end build, for example).
    /// </summary>
    public static string PythonDefaults(ProjectModel model, string newLine)
    {
        var needed = NeededPaths(model);
        var sb = new System.Text.StringBuilder();
        sb.Append("# Keeps the build context small and local files out of the image (written by PyDocker).").Append(newLine);
        sb.Append("# Docker matches patterns from the context root; \"**/\" also matches inside sub-folders.").Append(newLine);
        foreach (var section in Defaults)
        {
            var kept = new List<string>();
            foreach (var pattern in section.Patterns)
                if (!ExcludesAny(pattern, needed) && IsSafeOutputFolder(model, pattern)) kept.Add(pattern);
            if (kept.Count == 0) continue;
            sb.Append(newLine).Append("# ").Append(section.Comment.Replace("\n", newLine, StringComparison.Ordinal)).Append(newLine);
            foreach (var pattern in kept) sb.Append(pattern).Append(newLine);
        }
        return sb.ToString();
    }

    /// <summary>True when <paramref name="pattern"/> alone would leave one of <paramref name="paths"/> out of the context.</summary>
    public static bool ExcludesAny(string pattern, IReadOnlyList<string> paths)
    {
        var single = DockerIgnore.Parse(pattern);
        foreach (var path in paths)
            if (single.IsExcluded(path)) return true;
        return false;
    }

    /// <summary><c>build/</c> and <c>dist/</c> are packaging output in a Python project, but a front-end's build folder
    /// has the same names: keep them out of the defaults when the folder exists and holds something else.</summary>
    private static bool IsSafeOutputFolder(ProjectModel model, string pattern)
    {
        if (pattern is not ("build/" or "dist/")) return true;
        var folder = model.ContextPath(pattern.TrimEnd('/'));
        if (!model.FileSystem.DirectoryExists(folder)) return true;
        if (pattern == "dist/")
        {
            foreach (var file in model.FileSystem.EnumerateFiles(folder))
                if (!(file.EndsWith(".whl", StringComparison.Ordinal) || file.EndsWith(".tar.gz", StringComparison.Ordinal))) return false;
            return !model.FileSystem.EnumerateDirectories(folder).Any();
        }
        foreach (var directory in model.FileSystem.EnumerateDirectories(folder))
        {
            var name = PathUtil.GetFileName(directory);
            if (!(name.StartsWith("lib", StringComparison.Ordinal) || name.StartsWith("bdist", StringComparison.Ordinal) || name.StartsWith("temp", StringComparison.Ordinal)))
                return false;
        }
        return !model.FileSystem.EnumerateFiles(folder).Any();
    }
}
