using PyDockerLsp.Core.IO;
using PyDockerLsp.Core.Python;
using PyDockerLsp.Core.Text;

namespace PyDockerLsp.Core.Analysis.Rules.Manifests;

/// <summary>
/// "Use psycopg2-binary": renames a source-only package to its binary-wheel twin where it is declared, keeping the
/// version clause, extras and marker as written.
/// </summary>
internal static class BinaryPackageFix
{
    /// <summary>The span of the package name inside a declaration span (a requirement string holds more than the name).</summary>
    public static TextSpan? NameSpan(SourceText text, TextSpan declaration, string name)
    {
        if (declaration.End > text.Length) return null;
        var written = text.Text.AsSpan(declaration.Start, declaration.Length);
        int at = written.IndexOf(name.AsSpan(), StringComparison.OrdinalIgnoreCase);
        if (at < 0) return null;
        // The name must stand alone (not "psycopg2" inside "psycopg2-binary").
        int end = at + name.Length;
        if (end < written.Length && (char.IsAsciiLetterOrDigit(written[end]) || written[end] is '-' or '_' or '.')) return null;
        return new TextSpan(declaration.Start + at, name.Length);
    }

    /// <summary>The fix for a declaration in a manifest file, or null when its name cannot be found exactly.</summary>
    public static Fix? ForManifest(string path, SourceText text, TextSpan declaration, string name, string binary, bool isPreferred)
    {
        if (NameSpan(text, declaration, name) is not { } span) return null;
        var title = $"Use {binary} instead of {name} in {PathUtil.GetFileName(path)}";
        return new Fix(title, FixSafety.Unsafe, new[] { new FileEdit(path, new[] { new TextEdit(span, binary) }) }) { IsPreferred = isPreferred };
    }

    /// <summary>The binary alternative of a source-only package from the native-packages table, or null.</summary>
    public static string? AlternativeOf(string normalizedName) =>
        NativePackages.Find(normalizedName) is { AlwaysBuildsFromSource: true, BinaryAlternative: { } binary } ? binary : null;
}
