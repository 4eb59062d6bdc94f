namespace PyDockerLsp.Core.IO;

/// <summary>
/// The only way the core reads files. The server overlays unsaved editor buffers on the disk;
/// tests use <see cref="InMemoryFileSystem"/>. Paths are absolute, with '/' or the platform separator.
/// </summary>
public interface IFileSystem
{
    bool FileExists(string path);
    bool DirectoryExists(string path);

    /// <summary>The file's text, or null when it does not exist or cannot be read.</summary>
    string? ReadAllText(string path);

    /// <summary>Files directly inside <paramref name="directory"/> (full paths); empty when it does not exist.</summary>
    IEnumerable<string> EnumerateFiles(string directory);

    /// <summary>Sub-directories directly inside <paramref name="directory"/> (full paths).</summary>
    IEnumerable<string> EnumerateDirectories(string directory);
}
