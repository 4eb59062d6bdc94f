namespace PyDockerLsp.Core.Python.Packaging;

/// <summary>Project names as PEP 503 compares them: case-insensitive, with runs of <c>-</c>, <c>_</c>, <c>.</c> equal.</summary>
public static class PackageName
{
    /// <summary><c>Django_REST.framework</c> → <c>django-rest-framework</c>.</summary>
    public static string Normalize(string name)
    {
        bool clean = true;
        foreach (char c in name)
        {
            if ((c >= 'A' && c <= 'Z') || c == '_' || c == '.') { clean = false; break; }
        }
        if (clean && !name.Contains("--", StringComparison.Ordinal)) return name;

        var sb = new System.Text.StringBuilder(name.Length);
        bool inSeparatorRun = false;
        foreach (char c in name)
        {
            if (c == '-' || c == '_' || c == '.')
            {
                if (!inSeparatorRun) sb.Append('-');
                inSeparatorRun = true;
                continue;
            }
            inSeparatorRun = false;
            sb.Append(char.ToLowerInvariant(c));
        }
        return sb.ToString();
    }

    /// <summary>True for a valid project name: ASCII letters and digits, with <c>.</c>, <c>_</c>, <c>-</c> inside.</summary>
    public static bool IsValid(string name)
    {
        if (name.Length == 0) return false;
        if (!PythonChars.IsAsciiAlphanumeric(name[0]) || !PythonChars.IsAsciiAlphanumeric(name[^1])) return false;
        foreach (char c in name)
            if (!PythonChars.IsAsciiAlphanumeric(c) && !PythonChars.IsSeparator(c)) return false;
        return true;
    }
}
