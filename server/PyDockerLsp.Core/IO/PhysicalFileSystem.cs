using System.Text;

namespace PyDockerLsp.Core.IO;

/// <summary>The real disk. Never throws for missing or unreadable files: it answers "not there".</summary>
public sealed class PhysicalFileSystem : IFileSystem
{
    public static readonly PhysicalFileSystem Instance = new();

    public bool FileExists(string path) => File.Exists(path);
    public bool DirectoryExists(string path) => Directory.Exists(path);

    public string? ReadAllText(string path)
    {
        try
        {
            // UTF-8 with BOM detection; a BOM is kept out of the text by StreamReader.
            using var reader = new StreamReader(path, new UTF8Encoding(false), detectEncodingFromByteOrderMarks: true);
            return reader.ReadToEnd();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return null;
        }
    }

    public IEnumerable<string> EnumerateFiles(string directory)
    {
        try { return Directory.Exists(directory) ? Directory.GetFiles(directory) : Array.Empty<string>(); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return Array.Empty<string>(); }
    }

    public IEnumerable<string> EnumerateDirectories(string directory)
    {
        try { return Directory.Exists(directory) ? Directory.GetDirectories(directory) : Array.Empty<string>(); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return Array.Empty<string>(); }
    }
}
