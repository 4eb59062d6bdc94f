using PyDockerLsp.Core.IO;

namespace PyDockerLsp.Core.Analysis;

/// <summary>Finds the Dockerfiles of a folder tree, the way the CLI's <c>lint FOLDER</c> needs them.</summary>
public static class DockerfileDiscovery
{
    /// <summary>Folders that hold tools' state or third-party code, never the project's own Dockerfiles.</summary>
    public static readonly IReadOnlySet<string> SkippedFolders =
        new HashSet<string>(StringComparer.Ordinal) { ".git", "node_modules", ".venv", "venv", "__pycache__" };

    private const int MaxDepth = 40;

    /// <summary>Every Dockerfile (<c>Dockerfile</c>, <c>Dockerfile.*</c>, <c>*.dockerfile</c>, <c>Containerfile</c>)
    /// under <paramref name="directory"/>, depth-first, in ordinal order of the normalized paths.</summary>
    public static IReadOnlyList<string> FindDockerfiles(IFileSystem fs, string directory, CancellationToken ct = default) =>
        FindFiles(fs, directory, file => DocumentClassifier.Classify(file) == DocumentKind.Dockerfile, ct);

    /// <summary>Every file under <paramref name="directory"/> that <paramref name="include"/> accepts, skipping the
    /// same folders, in ordinal order of the normalized paths.</summary>
    public static IReadOnlyList<string> FindFiles(IFileSystem fs, string directory, Func<string, bool> include, CancellationToken ct = default)
    {
        var found = new List<string>();
        var pending = new Stack<(string Path, int Depth)>();
        pending.Push((directory, 0));
        while (pending.Count > 0)
        {
            ct.ThrowIfCancellationRequested();
            var (current, depth) = pending.Pop();
            foreach (var file in fs.EnumerateFiles(current))
            {
                if (include(file)) found.Add(PathUtil.Normalize(file));
            }
            foreach (var sub in fs.EnumerateDirectories(current))
            {
                // The depth limit stops a symbolic-link loop from recursing forever.
                if (depth < MaxDepth && !SkippedFolders.Contains(PathUtil.GetFileName(sub))) pending.Push((sub, depth + 1));
            }
        }
        found.Sort(StringComparer.Ordinal);
        return found;
    }
}
