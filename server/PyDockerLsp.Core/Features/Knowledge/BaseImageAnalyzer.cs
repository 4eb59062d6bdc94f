using System.Globalization;

namespace PyDockerLsp.Core.Features.Knowledge;

/// <summary>
/// Reads an image reference the way Docker Hub's python tags, Google's distroless names and uv's image
/// tags are built. One small scanner per tag scheme; no regular expressions.
/// </summary>
internal static class BaseImageAnalyzer
{
    private static readonly Dictionary<string, int> DebianVersionByCodename = new(StringComparer.OrdinalIgnoreCase)
    {
        ["jessie"] = 8, ["stretch"] = 9, ["buster"] = 10, ["bullseye"] = 11,
        ["bookworm"] = 12, ["trixie"] = 13, ["forky"] = 14,
    };

    /// <summary>The python3 that each Debian release ships; distroless python images carry exactly that one.</summary>
    private static readonly Dictionary<int, ImagePythonVersion> DebianSystemPython = new()
    {
        [11] = new ImagePythonVersion(3, 9, null, null),
        [12] = new ImagePythonVersion(3, 11, null, null),
        [13] = new ImagePythonVersion(3, 13, null, null),
    };

    private static readonly string[] DockerHubHosts = { "docker.io", "index.docker.io", "registry-1.docker.io" };

    public static BaseImageInfo Analyze(string? registry, string repository, string? tag, string? digest)
    {
        registry = Clean(registry);
        tag = Clean(tag)?.TrimStart(':');
        digest = Clean(digest)?.TrimStart('@');
        if (string.IsNullOrEmpty(tag)) tag = null;
        if (string.IsNullOrEmpty(digest)) digest = null;
        repository = repository.Trim();
        if (registry is null) (registry, repository) = SplitRegistry(repository);

        bool dockerHub = registry is null || DockerHubHosts.Contains(registry, StringComparer.OrdinalIgnoreCase);
        var path = repository.ToLowerInvariant();
        if (dockerHub && !path.Contains('/')) path = "library/" + path;

        var seed = new BaseImageInfo { Registry = registry, Repository = repository, Tag = tag, Digest = digest };
        BaseImageInfo info;
        if (dockerHub && path == "library/scratch")
            info = seed with { Family = BaseImageFamily.Scratch, Variant = ImageVariant.Unknown, Libc = Libc.None, TagPinning = PinLevel.Unknown };
        else if (path == "library/python" || path.EndsWith("/library/python", StringComparison.Ordinal) || (!dockerHub && path == "python"))
            info = AnalyzeOfficialPython(seed with { Family = BaseImageFamily.OfficialPython, IsDockerHubOfficial = dockerHub && path == "library/python" }, tag, digest);
        else if ((!dockerHub && path == "astral-sh/uv") || (dockerHub && path == "astral/uv"))
            info = AnalyzeUv(seed with { Family = BaseImageFamily.Uv }, tag, digest);
        else if (path.StartsWith("distroless/python3", StringComparison.Ordinal) || path.Contains("/distroless/python3", StringComparison.Ordinal))
            info = AnalyzeDistroless(seed with { Family = BaseImageFamily.DistrolessPython }, path, tag);
        else
            info = AnalyzeOther(seed with { Family = BaseImageFamily.Other }, path, tag);

        return info with
        {
            Pinning = digest is not null ? PinLevel.Digest : info.TagPinning,
            InterpreterPath = InterpreterPathOf(info),
        };
    }

    /// <summary>The official images build Python from source into <c>/usr/local</c>; distroless ships Debian's
    /// <c>/usr/bin/python3.X</c>. Windows and images without a known Python get null.</summary>
    private static string? InterpreterPathOf(BaseImageInfo info)
    {
        var version = info.PythonVersion;
        if (version is null || info.Variant is ImageVariant.Windows or ImageVariant.Unknown) return null;
        var name = "python" + (version.Minor is null ? version.Major.ToString(CultureInfo.InvariantCulture) : version.MajorMinor);
        return info.Family switch
        {
            BaseImageFamily.OfficialPython or BaseImageFamily.Uv => "/usr/local/bin/" + name,
            BaseImageFamily.DistrolessPython => "/usr/bin/" + name,
            _ => null,
        };
    }

    /// <summary>
    /// <c>python</c> tags: <c>[version[-rc]][-slim][-codename]</c>, <c>[version]-alpine[X.Y]</c>,
    /// <c>[version]-windowsservercore[-release]</c>, <c>[version]-nanoserver[-release]</c>.
    /// </summary>
    private static BaseImageInfo AnalyzeOfficialPython(BaseImageInfo info, string? tag, string? digest)
    {
        if (tag is null && digest is not null)
            return info with { Variant = ImageVariant.Unknown, Libc = Libc.Unknown, TagPinning = PinLevel.Unknown };
        if (tag is null || tag.Equals("latest", StringComparison.OrdinalIgnoreCase))
            return info with { Variant = ImageVariant.Full, Libc = Libc.Glibc, TagPinning = PinLevel.Latest, TagVariantText = "" };

        var tokens = SplitTag(tag);
        int index = 0;
        ImagePythonVersion? version = null;
        string? versionText = null;
        var pinning = PinLevel.Latest;
        bool hasVariables = false;

        var first = tokens[0];
        if (ContainsVariable(first))
        {
            hasVariables = true;
            versionText = first;
            pinning = PinLevel.Unknown;
            index = 1;
        }
        else if (ParseVersion(first) is { } parsed)
        {
            version = parsed;
            versionText = first;
            pinning = parsed.Pinning;
            index = 1;
        }
        else if (first.Equals("rc", StringComparison.OrdinalIgnoreCase))
        {
            versionText = first;
            index = 1;
        }
        if (version is { PreRelease: null } && index < tokens.Count && tokens[index].Equals("rc", StringComparison.OrdinalIgnoreCase))
        {
            version = version with { PreRelease = "rc" };
            versionText += "-" + tokens[index];
            index++;
        }

        var suffix = ReadPythonVariantTokens(tokens, index);
        var variant = suffix.Variant;
        return info with
        {
            PythonVersion = version,
            TagVersionText = versionText,
            TagVariantText = string.Join("-", tokens.Skip(index)),
            TagHasSlim = suffix.Slim,
            Variant = variant,
            Libc = LibcOf(variant),
            DebianCodename = suffix.Codename,
            DebianVersion = suffix.Codename is null ? null : DebianVersionByCodename[suffix.Codename],
            AlpineVersion = suffix.AlpineVersion,
            WindowsVersion = suffix.WindowsVersion,
            HasVariables = hasVariables || suffix.HasVariables,
            TagPinning = pinning,
        };
    }

    private readonly record struct VariantTokens(
        ImageVariant Variant, bool Slim, string? Codename, string? AlpineVersion, string? WindowsVersion, bool HasVariables);

    /// <summary>The tokens after the version of a python tag, in any order; an unknown or repeated token
    /// (or an impossible mix such as slim + alpine) makes the variant <see cref="ImageVariant.Unknown"/>.</summary>
    private static VariantTokens ReadPythonVariantTokens(List<string> tokens, int start)
    {
        bool slim = false, alpine = false, windows = false, unknown = false, hasVariables = false;
        string? codename = null, alpineVersion = null;
        var windowsParts = new List<string>();
        for (int i = start; i < tokens.Count; i++)
        {
            var token = tokens[i].ToLowerInvariant();
            if (ContainsVariable(token)) { hasVariables = true; unknown = true; }
            else if (token == "slim") { unknown |= slim; slim = true; }
            else if (TryReadAlpine(token, out var alpineRelease)) { unknown |= alpine; alpine = true; alpineVersion = alpineRelease; }
            else if (DebianVersionByCodename.ContainsKey(token)) { unknown |= codename is not null; codename = token; }
            else if (token is "windowsservercore" or "nanoserver") { unknown |= windows; windows = true; windowsParts.Add(token); }
            else if (windows && IsWindowsRelease(token)) windowsParts.Add(token);
            else unknown = true;
        }

        ImageVariant variant;
        if (unknown) variant = ImageVariant.Unknown;
        else if (windows) variant = slim || alpine || codename is not null ? ImageVariant.Unknown : ImageVariant.Windows;
        else if (alpine) variant = slim || codename is not null ? ImageVariant.Unknown : ImageVariant.Alpine;
        else variant = slim ? ImageVariant.Slim : ImageVariant.Full;

        return new VariantTokens(variant, slim, codename, alpineVersion,
            windowsParts.Count > 0 ? string.Join("-", windowsParts) : null, hasVariables);
    }

    /// <summary>
    /// uv tags: none or <c>latest</c> or <c>X.Y[.Z]</c> (binaries only), or <c>[X.Y[.Z]-][pythonX.Y-]base</c>
    /// where base is <c>alpine[X.Y]</c>, <c>debian[-slim]</c> or <c>codename[-slim]</c>.
    /// </summary>
    private static BaseImageInfo AnalyzeUv(BaseImageInfo info, string? tag, string? digest)
    {
        if (tag is null && digest is not null)
            return info with { Variant = ImageVariant.Unknown, Libc = Libc.Unknown, TagPinning = PinLevel.Unknown, ToolPinning = PinLevel.Digest };
        if (tag is null || tag.Equals("latest", StringComparison.OrdinalIgnoreCase))
            return info with { IsToolOnly = true, Variant = ImageVariant.Distroless, Libc = Libc.None, TagPinning = PinLevel.Latest, ToolPinning = PinLevel.Latest };

        var tokens = SplitTag(tag);
        int index = 0;
        string? toolVersion = null;
        var toolPinning = PinLevel.Latest;
        bool hasVariables = false;
        if (ContainsVariable(tokens[0]))
        {
            hasVariables = true;
            toolVersion = tokens[0];
            toolPinning = PinLevel.Unknown;
            index = 1;
        }
        else if (ParseVersion(tokens[0]) is { PreRelease: null } uvVersion)
        {
            toolVersion = tokens[0];
            toolPinning = uvVersion.Pinning;
            index = 1;
        }

        if (index == tokens.Count)
            return info with
            {
                IsToolOnly = true, Variant = ImageVariant.Distroless, Libc = Libc.None, ToolVersion = toolVersion,
                ToolPinning = toolPinning, TagPinning = toolPinning, HasVariables = hasVariables,
            };

        ImagePythonVersion? python = null;
        bool slim = false, alpine = false, debian = false, unknown = false;
        string? codename = null, alpineVersion = null;
        for (int i = index; i < tokens.Count; i++)
        {
            var token = tokens[i].ToLowerInvariant();
            if (ContainsVariable(token)) { hasVariables = true; unknown = true; }
            else if (token.StartsWith("python", StringComparison.Ordinal) && python is null && ParseVersion(token[6..]) is { } pythonVersion) python = pythonVersion;
            else if (token == "slim") { unknown |= slim; slim = true; }
            else if (token == "debian") { unknown |= debian; debian = true; }
            else if (TryReadAlpine(token, out var alpineRelease)) { unknown |= alpine; alpine = true; alpineVersion = alpineRelease; }
            else if (DebianVersionByCodename.ContainsKey(token)) { unknown |= codename is not null; codename = token; }
            else unknown = true;
        }

        bool onDebian = debian || codename is not null;
        ImageVariant variant;
        if (unknown) variant = ImageVariant.Unknown;
        else if (alpine) variant = slim || onDebian ? ImageVariant.Unknown : ImageVariant.Alpine;
        else if (onDebian) variant = slim ? ImageVariant.Slim : ImageVariant.Full;
        else variant = ImageVariant.Unknown;

        return info with
        {
            PythonVersion = python,
            Variant = variant,
            Libc = LibcOf(variant),
            DebianCodename = codename,
            DebianVersion = codename is null ? null : DebianVersionByCodename[codename],
            AlpineVersion = alpineVersion,
            ToolVersion = toolVersion,
            ToolPinning = toolPinning,
            TagPinning = python?.Pinning ?? toolPinning,
            HasVariables = hasVariables,
        };
    }

    /// <summary>
    /// <c>distroless/python3-debianN</c>: the Debian release fixes the Python version; the tag only picks
    /// <c>latest</c>, <c>nonroot</c>, <c>debug</c> or <c>debug-nonroot</c> (optionally per architecture).
    /// </summary>
    private static BaseImageInfo AnalyzeDistroless(BaseImageInfo info, string path, string? tag)
    {
        var name = path[(path.LastIndexOf('/') + 1)..];
        int? debianVersion = null;
        const string debianMarker = "-debian";
        int marker = name.IndexOf(debianMarker, StringComparison.Ordinal);
        if (marker >= 0 && int.TryParse(name.AsSpan(marker + debianMarker.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var release))
            debianVersion = release;
        string? codename = debianVersion is null ? null
            : DebianVersionByCodename.FirstOrDefault(pair => pair.Value == debianVersion).Key;
        ImagePythonVersion? python = debianVersion is { } v && DebianSystemPython.TryGetValue(v, out var systemPython) ? systemPython : null;

        var tagText = tag?.ToLowerInvariant() ?? "latest";
        return info with
        {
            Variant = ImageVariant.Distroless,
            Libc = Libc.Glibc,
            DebianVersion = debianVersion,
            DebianCodename = codename,
            PythonVersion = python,
            DefaultsToNonRootUser = tagText.Contains("nonroot", StringComparison.Ordinal),
            HasVariables = ContainsVariable(tagText),
            TagPinning = python is not null ? PinLevel.Minor : PinLevel.Latest,
        };
    }

    /// <summary>Any other image: only the tag's leading version number and a few libc hints are read.</summary>
    private static BaseImageInfo AnalyzeOther(BaseImageInfo info, string path, string? tag)
    {
        if (tag is null || tag.Equals("latest", StringComparison.OrdinalIgnoreCase))
            return info with { Variant = ImageVariant.Unknown, Libc = LibcHintOf(path, Array.Empty<string>()), TagPinning = PinLevel.Latest };

        var tokens = SplitTag(tag);
        bool hasVariables = ContainsVariable(tag);
        var pinning = !ContainsVariable(tokens[0]) && ParseVersion(tokens[0]) is { } version ? version.Pinning : PinLevel.Unknown;
        return info with { Variant = ImageVariant.Unknown, Libc = LibcHintOf(path, tokens), TagPinning = pinning, HasVariables = hasVariables };
    }

    private static Libc LibcHintOf(string path, IReadOnlyList<string> tokens)
    {
        if (path == "library/alpine") return Libc.Musl;
        if (path is "library/debian" or "library/ubuntu") return Libc.Glibc;
        foreach (var token in tokens)
        {
            if (TryReadAlpine(token.ToLowerInvariant(), out _)) return Libc.Musl;
            if (DebianVersionByCodename.ContainsKey(token)) return Libc.Glibc;
        }
        return Libc.Unknown;
    }

    private static Libc LibcOf(ImageVariant variant) => variant switch
    {
        ImageVariant.Full or ImageVariant.Slim or ImageVariant.Distroless => Libc.Glibc,
        ImageVariant.Alpine => Libc.Musl,
        ImageVariant.Windows => Libc.None,
        _ => Libc.Unknown,
    };

    /// <summary>Splits a tag at '-' but not inside <c>${…}</c> (whose <c>:-default</c> contains dashes).</summary>
    internal static List<string> SplitTag(string tag)
    {
        var tokens = new List<string>();
        int start = 0, depth = 0;
        for (int i = 0; i < tag.Length; i++)
        {
            char c = tag[i];
            if (c == '$' && i + 1 < tag.Length && tag[i + 1] == '{') { depth++; i++; }
            else if (c == '}' && depth > 0) depth--;
            else if (c == '-' && depth == 0) { tokens.Add(tag[start..i]); start = i + 1; }
        }
        tokens.Add(tag[start..]);
        return tokens;
    }

    /// <summary>
    /// <c>3</c>, <c>3.12</c>, <c>3.12.4</c>, optionally followed by a pre-release <c>a4</c>, <c>b1</c>, <c>rc2</c>;
    /// null for anything else.
    /// </summary>
    internal static ImagePythonVersion? ParseVersion(string token)
    {
        Span<int> numbers = stackalloc int[3];
        int count = 0, i = 0;
        while (true)
        {
            int digitsStart = i;
            while (i < token.Length && char.IsAsciiDigit(token[i])) i++;
            if (i == digitsStart || i - digitsStart > 5) return null;
            numbers[count++] = int.Parse(token.AsSpan(digitsStart, i - digitsStart), NumberStyles.None, CultureInfo.InvariantCulture);
            if (count == 3 || i >= token.Length || token[i] != '.') break;
            i++;
        }
        string? preRelease = null;
        if (i < token.Length)
        {
            preRelease = token[i..].ToLowerInvariant();
            if (!IsPreRelease(preRelease)) return null;
        }
        return new ImagePythonVersion(numbers[0], count > 1 ? numbers[1] : null, count > 2 ? numbers[2] : null, preRelease);
    }

    private static bool IsPreRelease(string text)
    {
        int markerLength = text.StartsWith("rc", StringComparison.Ordinal) ? 2
            : text.StartsWith('a') || text.StartsWith('b') ? 1 : 0;
        if (markerLength == 0 || text.Length == markerLength) return false;
        for (int i = markerLength; i < text.Length; i++)
            if (!char.IsAsciiDigit(text[i])) return false;
        return true;
    }

    /// <summary><c>alpine</c> or <c>alpine3.20</c>; <paramref name="release"/> gets <c>3.20</c> or null.</summary>
    private static bool TryReadAlpine(string token, out string? release)
    {
        release = null;
        if (!token.StartsWith("alpine", StringComparison.Ordinal)) return false;
        if (token.Length == "alpine".Length) return true;
        var rest = token["alpine".Length..];
        if (ParseVersion(rest) is not { PreRelease: null }) return false;
        release = rest;
        return true;
    }

    /// <summary>Windows release tokens of the python image: <c>ltsc2022</c>, <c>ltsc2025</c>, <c>1809</c>.</summary>
    private static bool IsWindowsRelease(string token)
    {
        var digits = token.StartsWith("ltsc", StringComparison.Ordinal) ? token[4..] : token;
        if (digits.Length != 4) return false;
        foreach (var c in digits) if (!char.IsAsciiDigit(c)) return false;
        return true;
    }

    private static bool ContainsVariable(string text) => text.Contains('$');

    private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    /// <summary>When the caller did not split the registry off (<c>ghcr.io/astral-sh/uv</c>), do it here:
    /// a first path segment with a dot or a port, or <c>localhost</c>, is a registry host.</summary>
    private static (string? Registry, string Repository) SplitRegistry(string repository)
    {
        int slash = repository.IndexOf('/');
        if (slash <= 0) return (null, repository);
        var first = repository[..slash];
        bool isHost = first.Contains('.') || first.Contains(':') || first.Equals("localhost", StringComparison.OrdinalIgnoreCase);
        return isHost ? (first, repository[(slash + 1)..]) : (null, repository);
    }

    /// <summary>Splits <c>[registry/]repository[:tag][@digest]</c>.</summary>
    internal static (string? Registry, string Repository, string? Tag, string? Digest) SplitReference(string reference)
    {
        var text = reference.Trim();
        string? digest = null;
        int at = text.IndexOf('@');
        if (at >= 0) { digest = text[(at + 1)..]; text = text[..at]; }
        string? tag = null;
        int lastSlash = text.LastIndexOf('/');
        int colon = text.IndexOf(':', lastSlash + 1);
        if (colon >= 0) { tag = text[(colon + 1)..]; text = text[..colon]; }
        var (registry, repository) = SplitRegistry(text);
        return (registry, repository, tag, digest);
    }
}
