using PyDockerLsp.Core.Python.Manifests;
using PyDockerLsp.Core.Python.Requirements;

namespace PyDockerLsp.Core.Python;

/// <summary>
/// The parsed models of manifest files, kept per path for as long as the file's text stays the same. Every
/// Dockerfile of a build context reads the same pyproject.toml and lock files; with twenty Dockerfiles open, one
/// edit of pyproject.toml re-analyses twenty Dockerfiles but parses the (possibly large) manifests once.
/// The models are immutable after parsing, so sharing them between analyses on several threads is safe.
/// </summary>
public static class ManifestParseCache
{
    /// <summary>Bounds the memory held: beyond this many entries the cache starts over.</summary>
    private const int MaxEntries = 512;

    private static readonly Dictionary<(string Path, string Kind), (string Text, object Model)> Entries = new();

    public static PyProjectFile PyProject(string path, string text) => Get(path, "pyproject", text, PyProjectFile.Parse);
    public static PipfileFile Pipfile(string path, string text) => Get(path, "pipfile", text, PipfileFile.Parse);
    public static PipfileLock PipfileLock(string path, string text) => Get(path, "pipfile.lock", text, Manifests.PipfileLock.Parse);
    public static UvLock UvLock(string path, string text) => Get(path, "uv.lock", text, Manifests.UvLock.Parse);
    public static PoetryLock PoetryLock(string path, string text) => Get(path, "poetry.lock", text, Manifests.PoetryLock.Parse);
    public static PythonVersionFile PythonVersion(string path, string text) => Get(path, ".python-version", text, PythonVersionFile.Parse);

    /// <summary>One <see cref="Text.SourceText"/> per file text, so its line map is built once however many findings
    /// and related locations point into it.</summary>
    public static Text.SourceText Text(string path, string text) => Get(path, "text", text, t => new Text.SourceText(t));

    /// <summary>One requirements file parsed with the default options (includes are not followed here).</summary>
    public static RequirementsFile Requirements(string path, string text, bool isConstraint) =>
        Get(path, isConstraint ? "constraints" : "requirements", text, t => RequirementsFileParser.ParseText(path, t, isConstraint));

    private static T Get<T>(string path, string kind, string text, Func<string, T> parse) where T : class
    {
        var key = (IO.PathUtil.Normalize(path), kind);
        lock (Entries)
        {
            if (Entries.TryGetValue(key, out var entry) && (ReferenceEquals(entry.Text, text) || string.Equals(entry.Text, text, StringComparison.Ordinal)))
                return (T)entry.Model;
        }
        // Parse outside the lock: two threads may parse the same text once each; both results are equal.
        var model = parse(text);
        lock (Entries)
        {
            if (Entries.Count >= MaxEntries) Entries.Clear();
            Entries[key] = (text, model);
        }
        return model;
    }
}
