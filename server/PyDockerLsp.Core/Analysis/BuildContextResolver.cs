using PyDockerLsp.Core.IO;
using PyDockerLsp.Core.Syntax.Dockerfile;

namespace PyDockerLsp.Core.Analysis;

/// <summary>How the build context of a Dockerfile was chosen.</summary>
public enum BuildContextSource
{
    /// <summary>Given by the caller: the CLI's <c>--context</c> or the editor's <c>pydocker.buildContext</c>.</summary>
    Configured,
    /// <summary><c>context</c> in <c>[tool.pydocker]</c> of a pyproject.toml at or above the Dockerfile.</summary>
    ToolConfig,
    /// <summary>A parent folder that holds the files the Dockerfile copies while its own folder does not.</summary>
    Detected,
    /// <summary>The Dockerfile's own folder (what <c>docker build -f path/Dockerfile path</c> uses).</summary>
    DockerfileFolder,
}

/// <summary>The build context of a Dockerfile and why it is that folder.</summary>
public sealed record BuildContextChoice(string Directory, BuildContextSource Source);

/// <summary>
/// Chooses a Dockerfile's build context: what the user configured, else <c>[tool.pydocker] context</c>, else — for a
/// Dockerfile in a subfolder such as <c>docker/</c> whose COPY sources are not in its own folder — the nearest
/// parent folder (up to three levels, holding a Python manifest, a .dockerignore or a .git folder) in which more of
/// them exist, else the Dockerfile's own folder.
/// </summary>
public static class BuildContextResolver
{
    private const int MaxLevelsUp = 3;

    public static BuildContextChoice Resolve(string dockerfilePath, DockerfileSyntax syntax, IFileSystem fs, string? configured, string? toolConfigContext)
    {
        if (configured is not null) return new(PathUtil.Normalize(configured), BuildContextSource.Configured);
        if (toolConfigContext is not null) return new(PathUtil.Normalize(toolConfigContext), BuildContextSource.ToolConfig);
        var own = PathUtil.GetDirectory(dockerfilePath);
        var sources = LiteralSources(syntax);
        if (sources.Count == 0) return new(own, BuildContextSource.DockerfileFolder);
        int ownScore = Score(fs, own, sources);
        if (ownScore == sources.Count) return new(own, BuildContextSource.DockerfileFolder);
        string best = own;
        int bestScore = ownScore;
        var candidate = own;
        for (int level = 0; level < MaxLevelsUp; level++)
        {
            var parent = PathUtil.GetDirectory(candidate);
            if (parent.Length == 0 || parent == candidate) break;
            candidate = parent;
            if (!LooksLikeProjectRoot(fs, candidate)) continue;
            int score = Score(fs, candidate, sources);
            if (score > bestScore) { best = candidate; bestScore = score; }
            if (score == sources.Count) break;
        }
        return best == own ? new(own, BuildContextSource.DockerfileFolder) : new(best, BuildContextSource.Detected);
    }

    /// <summary>The COPY/ADD sources (and bind-mount sources) that name one context path literally.</summary>
    private static List<string> LiteralSources(DockerfileSyntax syntax)
    {
        var result = new List<string>();
        foreach (var instruction in syntax.Instructions)
        {
            if (instruction is FileTransferInstruction transfer && !(transfer is CopyInstruction { From: not null }))
            {
                foreach (var source in transfer.SourcePaths) AddLiteral(result, source.Value);
            }
            else if (instruction is RunInstruction run)
            {
                foreach (var mount in run.Mounts)
                    if (mount.IsBind && mount.From is null && mount.Source is { } source) AddLiteral(result, source);
            }
        }
        return result;
    }

    private static void AddLiteral(List<string> result, string written)
    {
        if (written.IndexOfAny(NotLiteral) >= 0 || written.Contains("://", StringComparison.Ordinal)) return;
        var clean = Context.DockerIgnore.Clean(written);
        if (clean.Length > 0 && !clean.StartsWith("..", StringComparison.Ordinal) && !result.Contains(clean)) result.Add(clean);
    }

    private static readonly char[] NotLiteral = { '$', '*', '?', '[', '"', '\'', '<' };

    private static int Score(IFileSystem fs, string directory, List<string> sources)
    {
        int score = 0;
        foreach (var source in sources)
        {
            var path = PathUtil.Combine(directory, source);
            if (fs.FileExists(path) || fs.DirectoryExists(path)) score++;
        }
        return score;
    }

    private static bool LooksLikeProjectRoot(IFileSystem fs, string directory)
    {
        if (fs.DirectoryExists(PathUtil.Combine(directory, ".git"))) return true;
        foreach (var file in fs.EnumerateFiles(directory))
        {
            var kind = DocumentClassifier.Classify(file);
            if (kind is not (DocumentKind.Unknown or DocumentKind.Dockerfile)) return true;
            if (PathUtil.GetFileName(file) is "setup.py" or "setup.cfg") return true;
        }
        return false;
    }
}
