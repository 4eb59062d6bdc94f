namespace PyDockerLsp.Core.Python.Toml;

/// <summary>Entry point of the hand-written TOML 1.0 parser.</summary>
public static class TomlParser
{
    /// <summary>
    /// Parses a TOML 1.0 document. Never throws: problems are reported in <see cref="TomlDocument.Errors"/>
    /// with exact spans, and parsing resumes on the next line so that the rest of the document is still read.
    /// A leading byte-order mark is skipped; spans are offsets into <paramref name="text"/> as given.
    /// </summary>
    public static TomlDocument Parse(string text) => new TomlScanner(text ?? string.Empty).Parse();
}
