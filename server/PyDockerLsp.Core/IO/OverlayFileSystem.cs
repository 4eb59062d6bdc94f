namespace PyDockerLsp.Core.IO;

/// <summary>
/// Open editor buffers shadow the disk: what the user sees (even unsaved) is what the analysis reads.
/// The overlay is a snapshot-friendly map the server updates on didOpen/didChange/didClose.
/// </summary>
public sealed class OverlayFileSystem : IFileSystem
{
    private readonly IFileSystem _below;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> _buffers = new(StringComparer.Ordinal);

    public OverlayFileSystem(IFileSystem below) => _below = below;

    public void SetBuffer(string path, string text) => _buffers[PathUtil.Normalize(path)] = text;
    public void RemoveBuffer(string path) => _buffers.TryRemove(PathUtil.Normalize(path), out _);
    public bool HasBuffer(string path) => _buffers.ContainsKey(PathUtil.Normalize(path));

    public bool FileExists(string path) => _buffers.ContainsKey(PathUtil.Normalize(path)) || _below.FileExists(path);
    public bool DirectoryExists(string path) => _below.DirectoryExists(path);

    public string? ReadAllText(string path) =>
        _buffers.TryGetValue(PathUtil.Normalize(path), out var text) ? text : _below.ReadAllText(path);

    public IEnumerable<string> EnumerateFiles(string directory)
    {
        var dir = PathUtil.Normalize(directory).TrimEnd('/');
        var result = new SortedSet<string>(_below.EnumerateFiles(directory).Select(PathUtil.Normalize), StringComparer.Ordinal);
        foreach (var key in _buffers.Keys)
            if (string.Equals(PathUtil.GetDirectory(key), dir, StringComparison.Ordinal)) result.Add(key);
        return result;
    }

    public IEnumerable<string> EnumerateDirectories(string directory) => _below.EnumerateDirectories(directory);
}
