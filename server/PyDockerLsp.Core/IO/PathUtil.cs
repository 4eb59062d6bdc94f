namespace PyDockerLsp.Core.IO;

/// <summary>Path helpers that behave the same on every OS: the core speaks '/'-separated absolute paths.</summary>
public static class PathUtil
{
    public static string Normalize(string path)
    {
        if (string.IsNullOrEmpty(path)) return path;
        var p = path.Replace('\\', '/');
        // Collapse "." and ".." segments so "/a/docker/../b" and "/a/b" are the same key.
        var parts = new List<string>();
        bool rooted = p.StartsWith('/');
        foreach (var seg in p.Split('/'))
        {
            if (seg.Length == 0 || seg == ".") continue;
            if (seg == "..") { if (parts.Count > 0 && parts[^1] != "..") parts.RemoveAt(parts.Count - 1); else if (!rooted) parts.Add(".."); continue; }
            parts.Add(seg);
        }
        var joined = string.Join('/', parts);
        // Keep Windows drive roots ("C:/x") as they are.
        return rooted ? "/" + joined : joined;
    }

    public static string Combine(string directory, string relative)
    {
        var rel = relative.Replace('\\', '/');
        if (rel.StartsWith('/') || (rel.Length > 1 && rel[1] == ':')) return Normalize(rel);
        return Normalize(directory.TrimEnd('/', '\\') + "/" + rel);
    }

    public static string GetDirectory(string path)
    {
        var p = Normalize(path);
        int i = p.LastIndexOf('/');
        return i <= 0 ? (p.StartsWith('/') ? "/" : "") : p.Substring(0, i);
    }

    public static string GetFileName(string path)
    {
        var p = path.Replace('\\', '/');
        int i = p.LastIndexOf('/');
        return i < 0 ? p : p.Substring(i + 1);
    }

    /// <summary>The path of <paramref name="path"/> relative to <paramref name="baseDirectory"/>, with '/' separators,
    /// or null when it is not inside it.</summary>
    public static string? RelativeTo(string baseDirectory, string path)
    {
        var b = Normalize(baseDirectory).TrimEnd('/') + "/";
        var p = Normalize(path);
        return p.StartsWith(b, StringComparison.Ordinal) ? p.Substring(b.Length) : null;
    }
}
