namespace PyDockerLsp.Core.IO;

/// <summary>A file system held in a dictionary: for tests, fixtures and benchmarks.</summary>
public sealed class InMemoryFileSystem : IFileSystem
{
    private readonly Dictionary<string, string> _files = new(StringComparer.Ordinal);

    public InMemoryFileSystem() { }

    public InMemoryFileSystem(IEnumerable<KeyValuePair<string, string>> files)
    {
        foreach (var (path, text) in files) Add(path, text);
    }

    public InMemoryFileSystem Add(string path, string text)
    {
        _files[PathUtil.Normalize(path)] = text;
        return this;
    }

    public bool Remove(string path) => _files.Remove(PathUtil.Normalize(path));

    public bool FileExists(string path) => _files.ContainsKey(PathUtil.Normalize(path));

    public bool DirectoryExists(string path)
    {
        var prefix = PathUtil.Normalize(path).TrimEnd('/') + "/";
        return _files.Keys.Any(k => k.StartsWith(prefix, StringComparison.Ordinal));
    }

    public string? ReadAllText(string path) => _files.TryGetValue(PathUtil.Normalize(path), out var t) ? t : null;

    public IEnumerable<string> EnumerateFiles(string directory)
    {
        var prefix = PathUtil.Normalize(directory).TrimEnd('/') + "/";
        return _files.Keys.Where(k => k.StartsWith(prefix, StringComparison.Ordinal) && k.IndexOf('/', prefix.Length) < 0).OrderBy(k => k, StringComparer.Ordinal).ToList();
    }

    public IEnumerable<string> EnumerateDirectories(string directory)
    {
        var prefix = PathUtil.Normalize(directory).TrimEnd('/') + "/";
        return _files.Keys.Where(k => k.StartsWith(prefix, StringComparison.Ordinal) && k.IndexOf('/', prefix.Length) > 0)
            .Select(k => k.Substring(0, k.IndexOf('/', prefix.Length)))
            .Distinct(StringComparer.Ordinal).OrderBy(k => k, StringComparer.Ordinal).ToList();
    }
}
