using PyDockerLsp.Core.Python.Packaging;
using PyDockerLsp.Core.Text;

namespace PyDockerLsp.Core.Python.Requirements;

/// <summary>
/// Reads the requirement part of a line the way pip's <c>parse_req_from_line</c> and <c>parse_editable</c> do:
/// a URL, a local path or archive, a wheel file, or a PEP 508 specifier, with the marker after <c>;</c>.
/// pip decides "is this a directory?" by looking at the disk relative to where it runs; here a path-like text
/// that is not a valid specifier counts as a directory.
/// </summary>
internal static class RequirementLineParser
{
    private static readonly string[] UrlSchemes = { "http", "https", "file", "ftp" };

    private static readonly string[] VcsSchemes =
    {
        "git", "git+http", "git+https", "git+ssh", "git+git", "git+file",
        "hg", "hg+file", "hg+http", "hg+https", "hg+ssh", "hg+static-http",
        "svn", "svn+ssh", "svn+http", "svn+https", "svn+svn", "svn+file",
        "bzr", "bzr+http", "bzr+https", "bzr+ssh", "bzr+sftp", "bzr+ftp", "bzr+lp", "bzr+file",
    };

    private static readonly string[] ArchiveExtensions =
        { ".zip", ".whl", ".tar.bz2", ".tbz", ".tar.xz", ".txz", ".tlz", ".tar.lz", ".tar.lzma", ".tar.gz", ".tgz", ".tar" };

    private static readonly string[] SpecifierOperators = { "~=", "==", "!=", "<=", ">=", "<", ">", "===" };

    /// <summary>What a requirement line contributes besides its text: the per-requirement options and context.</summary>
    internal sealed record Context(string FilePath, LogicalLine Line, bool IsConstraint, bool IsEditable,
        IReadOnlyList<RequirementHash> Hashes, IReadOnlyDictionary<string, IReadOnlyList<string>> ConfigSettings)
    {
        /// <summary>The requirement text with its marker, set once the line is split.</summary>
        public string EntryText { get; init; } = "";
    }

    /// <summary>Parses <paramref name="text"/>[start..end) (already stripped) as a requirement; spans in the result
    /// and in <paramref name="problems"/> are offsets into <paramref name="text"/>.</summary>
    public static RequirementEntry? Parse(Context context, string text, int start, int end, List<LineProblem> problems)
    {
        var full = text.Substring(start, end - start);
        // A URL's own ';' (matrix parameters) must survive, so after a URL only "; " starts the marker.
        string separator = IsUrl(full) ? "; " : ";";
        int markerAt = full.IndexOf(separator, StringComparison.Ordinal);
        int reqEnd = markerAt < 0 ? end : start + markerAt;
        int reqStart = start;
        while (reqEnd > reqStart && PythonChars.IsWhitespace(text[reqEnd - 1])) reqEnd--;

        Marker? marker = null;
        TextSpan? markerSpan = null;
        if (markerAt >= 0 && !TryParseMarker(text, start + markerAt + separator.Length, end, problems, out marker, out markerSpan))
            return null;

        var req = text.Substring(reqStart, reqEnd - reqStart);
        var reqSpan = new TextSpan(reqStart, reqEnd - reqStart);
        context = context with { EntryText = text.Substring(start, (markerSpan?.End ?? reqEnd) - start) };
        if (context.IsEditable) return Editable(context, req, reqSpan, marker, markerSpan, problems);
        if (IsUrl(req)) return UrlRequirement(context, req, reqSpan, marker, markerSpan, problems);

        var (pathPart, extras) = StripExtras(req);
        if (IsArchive(pathPart))
        {
            int at = req.IndexOf('@');
            bool pep508Url = at >= 0 && !LooksLikePath(req[..at]);
            if (!pep508Url) return PathRequirement(context, req, pathPart, extras, reqSpan, marker, markerSpan, problems);
        }
        else if (LooksLikePath(pathPart) && !Pep508Requirement.TryParse(req, out _, out _))
        {
            return PathRequirement(context, req, pathPart, extras, reqSpan, marker, markerSpan, problems);
        }
        return Named(context, req, reqSpan, marker, markerSpan, problems);
    }

    private static bool TryParseMarker(string text, int start, int end, List<LineProblem> problems, out Marker? marker, out TextSpan? span)
    {
        marker = null;
        span = null;
        while (start < end && PythonChars.IsWhitespace(text[start])) start++;
        while (end > start && PythonChars.IsWhitespace(text[end - 1])) end--;
        if (start == end) return true;
        var markerText = text.Substring(start, end - start);
        if (!Marker.TryParse(markerText, out marker, out var error))
        {
            problems.Add(new LineProblem(RequirementsProblemKind.Syntax, Shift(error!.HighlightSpan, start),
                $"Invalid marker '{markerText}': {error.Message}"));
            return false;
        }
        span = new TextSpan(start, end - start);
        return true;
    }

    private static RequirementEntry? Named(Context context, string req, TextSpan reqSpan, Marker? marker, TextSpan? markerSpan, List<LineProblem> problems)
    {
        if (!Pep508Requirement.TryParse(req, out var r, out var error))
        {
            problems.Add(new LineProblem(RequirementsProblemKind.Syntax, Shift(error!.HighlightSpan, reqSpan.Start), InvalidRequirementMessage(req, error)));
            return null;
        }
        var entry = Entry(context, RequirementKind.Named, reqSpan, marker, markerSpan);
        entry.Name = r.Name;
        entry.NameSpan = Shift(r.NameSpan, reqSpan.Start);
        entry.Requirement = r;
        entry.Specifier = r.Specifier;
        entry.SpecifierSpan = r.SpecifierSpan is { } s ? Shift(s, reqSpan.Start) : null;
        entry.Extras = r.Extras;
        entry.Url = r.Url;
        return entry;
    }

    /// <summary>packaging's message, plus pip's hints for a lone <c>=</c> and for text that looks like a path.</summary>
    private static string InvalidRequirementMessage(string req, Pep508ParseError error)
    {
        var message = $"Invalid requirement '{req}': {error.Message}.";
        if (req.Contains('/') || req.Contains('\\'))
            message += " It looks like a path, but it is neither a directory nor an archive.";
        else if (req.Contains('=') && !SpecifierOperators.Any(op => req.Contains(op, StringComparison.Ordinal)))
            message += " Hint: '=' is not a version operator; did you mean '=='?";
        return message;
    }

    private static RequirementEntry? UrlRequirement(Context context, string url, TextSpan span, Marker? marker, TextSpan? markerSpan, List<LineProblem> problems)
    {
        var fileName = UrlFileName(url);
        if (fileName.EndsWith(".whl", StringComparison.OrdinalIgnoreCase))
        {
            int at = url.LastIndexOf(fileName, StringComparison.Ordinal);
            return Wheel(context, url, fileName, span, at < 0 ? span.Start : span.Start + at, marker, markerSpan, problems);
        }
        var (name, nameSpan) = EggFragment(url, span.Start);
        var entry = Entry(context, RequirementKind.Url, span, marker, markerSpan);
        entry.Name = name;
        entry.NameSpan = nameSpan ?? span;
        entry.Url = url;
        return entry;
    }

    private static RequirementEntry? PathRequirement(Context context, string req, string path, string? extras, TextSpan span,
        Marker? marker, TextSpan? markerSpan, List<LineProblem> problems)
    {
        var fileName = path.Replace('\\', '/');
        fileName = fileName[(fileName.LastIndexOf('/') + 1)..];
        if (fileName.EndsWith(".whl", StringComparison.OrdinalIgnoreCase))
        {
            var wheel = Wheel(context, path, fileName, span, span.Start + path.Length - fileName.Length, marker, markerSpan, problems);
            if (wheel != null) wheel.Extras = ExtrasOf(extras);
            return wheel;
        }
        var entry = Entry(context, RequirementKind.LocalPath, span, marker, markerSpan);
        entry.NameSpan = span;
        entry.Url = path;
        entry.Extras = ExtrasOf(extras);
        return entry;
    }

    /// <summary>A wheel's file name is <c>name-version[-build]-python-abi-platform.whl</c>.</summary>
    private static RequirementEntry? Wheel(Context context, string location, string fileName, TextSpan span, int fileNameStart,
        Marker? marker, TextSpan? markerSpan, List<LineProblem> problems)
    {
        var parts = fileName[..^4].Split('-');
        if (parts.Length is < 5 or > 6 || parts[0].Length == 0)
        {
            problems.Add(new LineProblem(RequirementsProblemKind.Syntax, span, $"'{fileName}' is not a valid wheel file name (name-version[-build]-python-abi-platform.whl)."));
            return null;
        }
        var name = parts[0].Replace('_', '-');
        var version = parts[1].Replace('_', '-');
        var specifier = Specifier.TryParse("==" + version, out var pin) ? new SpecifierSet(new[] { pin }) : SpecifierSet.Empty;
        var entry = Entry(context, RequirementKind.WheelFile, span, marker, markerSpan);
        entry.Name = name;
        entry.NameSpan = new TextSpan(fileNameStart, parts[0].Length);
        entry.Specifier = specifier;
        entry.Url = location;
        return entry;
    }

    /// <summary><c>-e</c>: a version-control URL (named by <c>#egg=</c>) or a local directory; <c>git:</c>-style URLs get
    /// their <c>git+</c> prefix as pip adds it.</summary>
    private static RequirementEntry? Editable(Context context, string value, TextSpan span, Marker? marker, TextSpan? markerSpan, List<LineProblem> problems)
    {
        var (pathPart, extras) = StripExtras(value);
        if (pathPart.StartsWith("file:", StringComparison.OrdinalIgnoreCase) || !value.Contains(':') || LooksLikeWindowsPath(value))
        {
            var (egg, eggSpan) = EggFragment(pathPart, span.Start);
            var local = Entry(context, RequirementKind.LocalPath, span, marker, markerSpan);
            local.Name = egg;
            local.NameSpan = eggSpan ?? span;
            local.Url = pathPart;
            local.Extras = ExtrasOf(extras);
            return local;
        }
        var url = value;
        foreach (var vcs in new[] { "git", "hg", "svn", "bzr" })
            if (url.StartsWith(vcs + ":", StringComparison.OrdinalIgnoreCase)) { url = vcs + "+" + url; break; }
        var scheme = url[..url.IndexOf(':')].ToLowerInvariant();
        if (Array.IndexOf(VcsSchemes, scheme) < 0)
        {
            problems.Add(new LineProblem(RequirementsProblemKind.Syntax, span,
                $"'{value}' cannot be installed in editable mode: -e needs a local project directory or a version-control URL (git+https://…, hg+…, svn+…, bzr+…)."));
            return null;
        }
        var (name, nameSpan) = EggFragment(value, span.Start);
        var vcsEntry = Entry(context, RequirementKind.Url, span, marker, markerSpan);
        vcsEntry.Name = name;
        vcsEntry.NameSpan = nameSpan ?? span;
        vcsEntry.Url = url;
        return vcsEntry;
    }

    private static RequirementEntry Entry(Context context, RequirementKind kind, TextSpan reqSpan, Marker? marker, TextSpan? markerSpan)
    {
        return new RequirementEntry(context.FilePath, context.Line.LineNumber, kind, context.EntryText)
        {
            RequirementSpan = TextSpan.FromBounds(reqSpan.Start, markerSpan?.End ?? reqSpan.End),
            Marker = marker,
            MarkerSpan = markerSpan,
            IsEditable = context.IsEditable,
            IsConstraint = context.IsConstraint,
            Hashes = context.Hashes,
            ConfigSettings = context.ConfigSettings,
        };
    }

    /// <summary>pip's is_url: a known scheme before the first colon.</summary>
    public static bool IsUrl(string text)
    {
        int colon = text.IndexOf(':');
        if (colon <= 0) return false;
        var scheme = text[..colon].ToLowerInvariant();
        return Array.IndexOf(UrlSchemes, scheme) >= 0 || Array.IndexOf(VcsSchemes, scheme) >= 0;
    }

    private static bool IsArchive(string path)
    {
        foreach (var ext in ArchiveExtensions)
            if (path.EndsWith(ext, StringComparison.OrdinalIgnoreCase)) return true;
        return false;
    }

    /// <summary>pip's _looks_like_path: a path separator inside, or a leading dot.</summary>
    private static bool LooksLikePath(string text) => text.Contains('/') || text.Contains('\\') || text.StartsWith('.');

    private static bool LooksLikeWindowsPath(string text) => text.Length > 2 && char.IsLetter(text[0]) && text[1] == ':' && (text[2] == '\\' || text[2] == '/');

    /// <summary><c>path[extra1,extra2]</c> → the path and <c>[extra1,extra2]</c>.</summary>
    private static (string Path, string? Extras) StripExtras(string text)
    {
        if (!text.EndsWith(']')) return (text, null);
        int open = text.LastIndexOf('[');
        if (open <= 0 || text.IndexOf(']', open) != text.Length - 1) return (text, null);
        return (text[..open], text[open..]);
    }

    private static IReadOnlyList<string> ExtrasOf(string? extras)
    {
        if (extras == null) return Array.Empty<string>();
        return extras[1..^1].Split(',').Select(e => e.Trim()).Where(e => e.Length > 0)
            .Distinct(StringComparer.Ordinal).OrderBy(e => e, StringComparer.Ordinal).ToArray();
    }

    /// <summary>The <c>#egg=name</c> (or <c>&amp;egg=name</c>) fragment of a URL, and where its name is.</summary>
    private static (string? Name, TextSpan? Span) EggFragment(string url, int urlStart)
    {
        int hash = url.IndexOf('#');
        if (hash < 0) return (null, null);
        int at = -1;
        for (int i = hash; i < url.Length - 4; i++)
        {
            if ((url[i] == '#' || url[i] == '&') && string.CompareOrdinal(url, i + 1, "egg=", 0, 4) == 0) { at = i + 5; break; }
        }
        if (at < 0) return (null, null);
        int end = url.IndexOf('&', at);
        if (end < 0) end = url.Length;
        if (end == at) return (null, null);
        return (url[at..end], new TextSpan(urlStart + at, end - at));
    }

    /// <summary>The last path segment of a URL, without query or fragment.</summary>
    private static string UrlFileName(string url)
    {
        int end = url.IndexOfAny(new[] { '?', '#' });
        if (end < 0) end = url.Length;
        var path = url[..end].TrimEnd('/');
        return Uri.UnescapeDataString(path[(path.LastIndexOf('/') + 1)..]);
    }

    private static TextSpan Shift(TextSpan span, int by) => new(span.Start + by, span.Length);
}
