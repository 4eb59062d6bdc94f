using PyDockerLsp.Core.IO;

namespace PyDockerLsp.Server.Workspaces;

/// <summary>Converts between the URIs of the protocol and the '/'-separated paths of the core.</summary>
public static class DocumentUri
{
    /// <summary>The local path of a <c>file:</c> URI; other schemes (<c>untitled:</c>) map to a path under
    /// <c>/&lt;scheme&gt;/</c> that exists only in the overlay. Null when the text is not a URI at all.</summary>
    public static string? ToPath(string uri)
    {
        if (!Uri.TryCreate(uri, UriKind.Absolute, out var parsed)) return null;
        if (parsed.IsFile) return PathUtil.Normalize(parsed.LocalPath);
        var rest = Uri.UnescapeDataString(uri.Substring(parsed.Scheme.Length + 1)).TrimStart('/');
        return PathUtil.Normalize("/" + parsed.Scheme + "/" + rest);
    }

    public static string FromPath(string path) => new Uri(path.Replace('\\', '/'), UriKind.Absolute).AbsoluteUri;
}
