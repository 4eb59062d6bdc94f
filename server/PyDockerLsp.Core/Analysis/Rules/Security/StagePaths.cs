using PyDockerLsp.Core.Syntax.Dockerfile;

namespace PyDockerLsp.Core.Analysis.Rules.Security;

/// <summary>
/// Absolute paths as a stage sees them: WORKDIR tracking (inherited through FROM &lt;stage&gt;), destinations of
/// COPY/ADD resolved against it, and containment. Paths with variables are not resolved (null).
/// </summary>
internal static class StagePaths
{
    /// <summary>The working directory in effect at the start of <paramref name="stage"/> (from the stages it is built on; "/" by default).</summary>
    public static string? InitialWorkdir(Stage stage)
    {
        string? workdir = "/";
        var chain = stage.SelfAndBaseStages().ToList();
        for (int c = chain.Count - 1; c >= 1; c--)
            foreach (var instruction in chain[c].Instructions)
                if (instruction is WorkdirInstruction w) workdir = Resolve(workdir, w.Path);
        return workdir;
    }

    /// <summary><paramref name="path"/> made absolute against <paramref name="workdir"/>, normalised
    /// (no trailing slash, no <c>.</c> parts); null when either is unknown.</summary>
    public static string? Resolve(string? workdir, string? path)
    {
        if (path is null) return null;
        path = Unquote(path);
        if (path.IndexOf('$') >= 0) return null;
        if (path.StartsWith("~/", StringComparison.Ordinal)) path = "/root/" + path.Substring(2);
        if (!path.StartsWith('/'))
        {
            if (workdir is null) return null;
            path = workdir.TrimEnd('/') + "/" + path;
        }
        var parts = new List<string>();
        foreach (var part in path.Split('/'))
        {
            if (part.Length == 0 || part == ".") continue;
            if (part == "..") { if (parts.Count > 0) parts.RemoveAt(parts.Count - 1); continue; }
            parts.Add(part);
        }
        return "/" + string.Join("/", parts);
    }

    /// <summary>True when <paramref name="path"/> is <paramref name="directory"/> or inside it.</summary>
    public static bool IsInside(string path, string directory) =>
        directory == "/" || path == directory || path.StartsWith(directory + "/", StringComparison.Ordinal);

    public static string Unquote(string value) =>
        value.Length >= 2 && (value[0] == '"' || value[0] == '\'') && value[^1] == value[0] ? value.Substring(1, value.Length - 2) : value;

    /// <summary>The last path component (<c>/etc/pip.conf</c> → <c>pip.conf</c>; trailing slashes ignored).</summary>
    public static string BaseName(string path)
    {
        path = Unquote(path).TrimEnd('/');
        int slash = path.LastIndexOf('/');
        return slash < 0 ? path : path.Substring(slash + 1);
    }

    /// <summary>
    /// Where each COPY/ADD of <paramref name="stage"/> puts a file called <paramref name="sourceName"/>: the
    /// destination itself, or the destination folder plus the name when the destination is a folder (ends with
    /// <c>/</c>, is <c>.</c>, or there are several sources).
    /// </summary>
    public static string? TargetOf(FileTransferInstruction copy, string? workdir, string sourceName)
    {
        if (copy.Destination is not { } destination) return null;
        string written = Unquote(destination.Value);
        bool isFolder = written.EndsWith('/') || written == "." || copy.Arguments.Count > 2;
        var resolved = Resolve(workdir, written);
        if (resolved is null) return null;
        return isFolder ? (resolved == "/" ? "/" + sourceName : resolved + "/" + sourceName) : resolved;
    }
}
