using System.Text.RegularExpressions;
using PyDockerLsp.Core.Text;

namespace PyDockerLsp.Core.Python.Manifests;

/// <summary>One requested interpreter of a .python-version file: the text as written, the implementation
/// ("cpython", "pypy", "graalpy") and the version part ("3.12", "3.12.4", "3.13t"), both null when the entry
/// names something else (a virtualenv name, "system").</summary>
public sealed record PythonVersionEntry(SpannedString Text, string? Implementation, string? Version, TextSpan? VersionSpan);

/// <summary>
/// .python-version (pyenv, uv): one or more interpreter requests, one per line (pyenv also accepts several
/// words on a line); lines starting with '#' are comments. The first entry is the one tools use by default.
/// </summary>
public sealed class PythonVersionFile
{
    private static readonly Regex EntryPattern = new(
        @"^(?:(?<impl>cpython|python|pypy|graalpy)-?)?(?<version>\d+(?:\.\d+){0,2}(?:(?:a|b|rc)\d+)?t?)(?:[-+][\w.+-]*)?$",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    private static readonly char[] LineBreaks = { '\n', '\r' };

    private PythonVersionFile(IReadOnlyList<PythonVersionEntry> entries) => Entries = entries;

    public IReadOnlyList<PythonVersionEntry> Entries { get; }

    /// <summary>The first entry (the default interpreter), or null for a file with none.</summary>
    public PythonVersionEntry? First => Entries.Count > 0 ? Entries[0] : null;

    /// <summary>Problems in the file; a .python-version file has none of its own syntax beyond comments, so this
    /// only reports a file that requests nothing.</summary>
    public IReadOnlyList<ManifestError> Errors => Entries.Count == 0
        ? new[] { new ManifestError(new TextSpan(0, 0), "The .python-version file names no Python version.") }
        : Array.Empty<ManifestError>();

    public static PythonVersionFile Parse(string text)
    {
        var entries = new List<PythonVersionEntry>();
        int lineStart = 0;
        while (lineStart <= text.Length)
        {
            int lineEnd = text.IndexOfAny(LineBreaks, lineStart);
            if (lineEnd < 0) lineEnd = text.Length;
            ReadLine(text, lineStart, lineEnd, entries);
            if (lineEnd >= text.Length) break;
            lineStart = lineEnd + (text[lineEnd] == '\r' && lineEnd + 1 < text.Length && text[lineEnd + 1] == '\n' ? 2 : 1);
        }
        return new PythonVersionFile(entries);
    }

    private static void ReadLine(string text, int start, int end, List<PythonVersionEntry> entries)
    {
        int i = start;
        if (i < end && text[i] == '\uFEFF') i++;
        while (i < end && char.IsWhiteSpace(text[i])) i++;
        if (i >= end || text[i] == '#') return;
        while (i < end)
        {
            int wordStart = i;
            while (i < end && !char.IsWhiteSpace(text[i])) i++;
            entries.Add(ReadEntry(text.Substring(wordStart, i - wordStart), wordStart));
            while (i < end && char.IsWhiteSpace(text[i])) i++;
        }
    }

    private static PythonVersionEntry ReadEntry(string word, int offset)
    {
        var text = new SpannedString(word, new TextSpan(offset, word.Length));
        var match = EntryPattern.Match(word);
        if (!match.Success) return new PythonVersionEntry(text, null, null, null);
        var version = match.Groups["version"];
        string implementation = match.Groups["impl"].Success ? match.Groups["impl"].Value.ToLowerInvariant() : "cpython";
        if (implementation == "python") implementation = "cpython";
        return new PythonVersionEntry(text, implementation, version.Value, new TextSpan(offset + version.Index, version.Length));
    }
}

/// <summary>runtime.txt (Heroku-style buildpacks): one line <c>python-X.Y.Z</c>.</summary>
public sealed class RuntimeTxtFile
{
    private static readonly Regex LinePattern = new(@"^python-(?<version>\d+(?:\.\d+){1,2})$", RegexOptions.CultureInvariant);

    private RuntimeTxtFile(SpannedString? line, SpannedString? version, IReadOnlyList<ManifestError> errors)
    {
        Line = line;
        Version = version;
        Errors = errors;
    }

    /// <summary>The first non-blank line, trimmed.</summary>
    public SpannedString? Line { get; }

    /// <summary>The version part ("3.11.4") with its own span.</summary>
    public SpannedString? Version { get; }

    public IReadOnlyList<ManifestError> Errors { get; }

    public static RuntimeTxtFile Parse(string text)
    {
        int start = 0;
        if (text.Length > 0 && text[0] == '\uFEFF') start = 1;
        while (start < text.Length && char.IsWhiteSpace(text[start])) start++;
        if (start >= text.Length)
            return new RuntimeTxtFile(null, null, new[] { new ManifestError(new TextSpan(0, 0), "runtime.txt is empty; it should read python-X.Y.Z.") });
        int end = start;
        while (end < text.Length && text[end] != '\n' && text[end] != '\r') end++;
        while (end > start && char.IsWhiteSpace(text[end - 1])) end--;
        var line = new SpannedString(text.Substring(start, end - start), TextSpan.FromBounds(start, end));
        var match = LinePattern.Match(line.Value);
        if (!match.Success)
            return new RuntimeTxtFile(line, null, new[] { new ManifestError(line.Span, $"'{line.Value}' is not a Python runtime; runtime.txt should read python-X.Y.Z (for example python-3.12.4).") });
        var version = match.Groups["version"];
        return new RuntimeTxtFile(line, new SpannedString(version.Value, new TextSpan(start + version.Index, version.Length)), Array.Empty<ManifestError>());
    }
}
