using PyDockerLsp.Core.Text;

namespace PyDockerLsp.Core.Syntax.Dockerfile;

/// <summary>
/// An image reference as written in FROM (or <c>COPY --from</c>): <c>[registry/]repository[:tag][@digest]</c>, each
/// part with its span. Parts are taken as written: variables such as <c>${PYTHON_VERSION}</c> stay in the text
/// (<see cref="HasVariables"/>). The registry is the first path component when it looks like a host (has a dot or
/// a port, is <c>localhost</c>, or has upper-case letters), as in Docker's reference grammar.
/// </summary>
public sealed class ImageReference
{
    private ImageReference(string text, TextSpan span, string? registry, TextSpan registrySpan, string repository,
        TextSpan repositorySpan, string? tag, TextSpan tagSpan, string? digest, TextSpan digestSpan)
    {
        Text = text;
        Span = span;
        Registry = registry;
        RegistrySpan = registrySpan;
        Repository = repository;
        RepositorySpan = repositorySpan;
        Tag = tag;
        TagSpan = tagSpan;
        Digest = digest;
        DigestSpan = digestSpan;
    }

    /// <summary>The reference as written.</summary>
    public string Text { get; }
    public TextSpan Span { get; }

    /// <summary>The registry host (with port), or null when none is written (Docker Hub).</summary>
    public string? Registry { get; }
    public TextSpan RegistrySpan { get; }

    /// <summary>The path after the registry, e.g. <c>python</c>, <c>library/python</c>, <c>astral-sh/uv</c>.</summary>
    public string Repository { get; }
    public TextSpan RepositorySpan { get; }

    /// <summary>The tag after <c>:</c>, or null.</summary>
    public string? Tag { get; }
    public TextSpan TagSpan { get; }

    /// <summary>The digest after <c>@</c> (e.g. <c>sha256:…</c>), or null.</summary>
    public string? Digest { get; }
    public TextSpan DigestSpan { get; }

    /// <summary><see cref="Registry"/>/<see cref="Repository"/> as written.</summary>
    public string Name => Registry is null ? Repository : Registry + "/" + Repository;

    /// <summary>The name without the implicit Docker Hub parts: <c>docker.io/library/python</c> → <c>python</c>.</summary>
    public string FamiliarName
    {
        get
        {
            bool hub = Registry is null || Registry is "docker.io" or "index.docker.io" or "registry-1.docker.io";
            if (!hub) return Name;
            return Repository.StartsWith("library/", StringComparison.Ordinal) && Repository.IndexOf('/', 8) < 0
                ? Repository.Substring(8)
                : Repository;
        }
    }

    /// <summary>True for <c>scratch</c>, the empty base.</summary>
    public bool IsScratch => Registry is null && Tag is null && Digest is null
                             && string.Equals(Repository, "scratch", StringComparison.OrdinalIgnoreCase);

    /// <summary>True when the text holds <c>$</c> (a variable that BuildKit expands first).</summary>
    public bool HasVariables => Text.IndexOf('$') >= 0;

    /// <summary>Splits <paramref name="text"/>, found at <paramref name="offset"/> in the document.</summary>
    public static ImageReference Parse(string text, int offset = 0) => Parse(text, new SpanMapper(null, offset));

    /// <summary>Splits an argument of an instruction (its text may run across line continuations).</summary>
    internal static ImageReference Parse(string text, LogicalLine line, int bufferStart) => Parse(text, new SpanMapper(line, bufferStart));

    /// <summary>Maps offsets in the reference text to document spans, through the instruction's joined line when
    /// there is one.</summary>
    private readonly struct SpanMapper
    {
        private readonly LogicalLine? _line;
        private readonly int _base;

        public SpanMapper(LogicalLine? line, int @base)
        {
            _line = line;
            _base = @base;
        }

        public TextSpan Map(int start, int end) =>
            _line is null ? TextSpan.FromBounds(_base + start, _base + end) : _line.BufferSpan(_base + start, _base + end);
    }

    private static ImageReference Parse(string text, SpanMapper mapper)
    {
        // The digest starts at the first '@'.
        int at = text.IndexOf('@');
        int nameEnd = at < 0 ? text.Length : at;
        string? digest = at < 0 ? null : text.Substring(at + 1);
        var digestSpan = at < 0 ? mapper.Map(text.Length, text.Length) : mapper.Map(at + 1, text.Length);

        // The tag follows the last ':' after the last '/' (a ':' before that belongs to a registry port).
        int lastSlash = nameEnd == 0 ? -1 : text.LastIndexOf('/', nameEnd - 1);
        int colon = nameEnd == 0 ? -1 : text.LastIndexOf(':', nameEnd - 1);
        string? tag = null;
        var tagSpan = mapper.Map(nameEnd, nameEnd);
        int repositoryEnd = nameEnd;
        if (colon > lastSlash)
        {
            tag = text.Substring(colon + 1, nameEnd - colon - 1);
            tagSpan = mapper.Map(colon + 1, nameEnd);
            repositoryEnd = colon;
        }

        // A registry is the first component when it looks like a host name.
        string? registry = null;
        var registrySpan = mapper.Map(0, 0);
        int repositoryStart = 0;
        int firstSlash = text.IndexOf('/', 0, repositoryEnd);
        if (firstSlash > 0)
        {
            var first = text.AsSpan(0, firstSlash);
            bool looksLikeHost = first.IndexOfAny('.', ':') >= 0 || first.SequenceEqual("localhost") || HasUpper(first);
            if (looksLikeHost)
            {
                registry = first.ToString();
                registrySpan = mapper.Map(0, firstSlash);
                repositoryStart = firstSlash + 1;
            }
        }
        string repository = text.Substring(repositoryStart, repositoryEnd - repositoryStart);
        var repositorySpan = mapper.Map(repositoryStart, repositoryEnd);
        return new ImageReference(text, mapper.Map(0, text.Length), registry, registrySpan, repository, repositorySpan,
            tag, tagSpan, digest, digestSpan);
    }

    /// <summary>Why the reference is not valid per Docker's grammar, or null when it is (or holds variables,
    /// which can only be checked after expansion).</summary>
    public string? Validate()
    {
        if (HasVariables) return null;
        if (Text.Length == 0) return "the image reference is empty";
        if (Repository.Length == 0) return $"'{Text}' has no repository name";
        if (Registry is not null && !IsValidHost(Registry)) return $"'{Registry}' is not a valid registry host";
        var remaining = Repository.AsSpan();
        while (true)
        {
            int slash = remaining.IndexOf('/');
            var component = slash < 0 ? remaining : remaining.Slice(0, slash);
            if (!IsValidPathComponent(component))
            {
                return HasUpper(component)
                    ? $"repository name '{Repository}' must be lower case"
                    : $"'{component.ToString()}' is not a valid repository name component (lower-case letters and digits, "
                      + "separated by '.', '_', '__' or dashes)";
            }
            if (slash < 0) break;
            remaining = remaining.Slice(slash + 1);
        }
        if ((Registry is null ? 0 : Registry.Length + 1) + Repository.Length > 255) return "the repository name is longer than 255 characters";
        if (Tag is not null && !IsValidTag(Tag)) return $"'{Tag}' is not a valid tag (up to 128 letters, digits, '_', '.' and '-', not starting with '.' or '-')";
        if (Digest is not null && !IsValidDigest(Digest)) return $"'{Digest}' is not a valid digest (algorithm:hex, e.g. sha256:…)";
        return null;
    }

    private static bool HasUpper(ReadOnlySpan<char> text)
    {
        foreach (char c in text)
            if (c >= 'A' && c <= 'Z') return true;
        return false;
    }

    private static bool IsValidHost(string host)
    {
        var span = host.AsSpan();
        if (span.Length > 0 && span[0] == '[')
        {
            // [IPv6]:port
            int close = span.IndexOf(']');
            if (close < 0) return false;
            span = span.Slice(close + 1);
            return span.Length == 0 || (span[0] == ':' && IsDigits(span.Slice(1)));
        }
        int colon = span.IndexOf(':');
        if (colon >= 0)
        {
            if (!IsDigits(span.Slice(colon + 1))) return false;
            span = span.Slice(0, colon);
        }
        if (span.Length == 0) return false;
        foreach (var part in host.Substring(0, span.Length).Split('.'))
        {
            if (part.Length == 0 || !char.IsAsciiLetterOrDigit(part[0]) || !char.IsAsciiLetterOrDigit(part[^1])) return false;
            foreach (char c in part)
                if (!char.IsAsciiLetterOrDigit(c) && c != '-') return false;
        }
        return true;
    }

    private static bool IsDigits(ReadOnlySpan<char> text)
    {
        if (text.Length == 0) return false;
        foreach (char c in text)
            if (!char.IsAsciiDigit(c)) return false;
        return true;
    }

    /// <summary><c>[a-z0-9]+(([_.]|__|-+)[a-z0-9]+)*</c></summary>
    private static bool IsValidPathComponent(ReadOnlySpan<char> component)
    {
        int i = 0, n = component.Length;
        if (!ReadAlphaNumerics(component, ref i)) return false;
        while (i < n)
        {
            char c = component[i];
            if (c == '.') i++;
            else if (c == '_') i += i + 1 < n && component[i + 1] == '_' ? 2 : 1;
            else if (c == '-') { while (i < n && component[i] == '-') i++; }
            else return false;
            if (!ReadAlphaNumerics(component, ref i)) return false;
        }
        return true;
    }

    private static bool ReadAlphaNumerics(ReadOnlySpan<char> text, ref int i)
    {
        int start = i;
        while (i < text.Length && ((text[i] >= 'a' && text[i] <= 'z') || char.IsAsciiDigit(text[i]))) i++;
        return i > start;
    }

    /// <summary><c>[\w][\w.-]{0,127}</c></summary>
    private static bool IsValidTag(string tag)
    {
        if (tag.Length == 0 || tag.Length > 128) return false;
        if (!IsWordChar(tag[0])) return false;
        foreach (char c in tag)
            if (!IsWordChar(c) && c != '.' && c != '-') return false;
        return true;
    }

    private static bool IsWordChar(char c) => char.IsAsciiLetterOrDigit(c) || c == '_';

    /// <summary><c>[A-Za-z][A-Za-z0-9]*([-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}</c></summary>
    private static bool IsValidDigest(string digest)
    {
        int colon = digest.IndexOf(':');
        if (colon <= 0) return false;
        var algorithm = digest.AsSpan(0, colon);
        bool expectLetter = true;
        foreach (char c in algorithm)
        {
            if (expectLetter)
            {
                if (!char.IsAsciiLetter(c)) return false;
                expectLetter = false;
            }
            else if (c is '-' or '_' or '+' or '.') expectLetter = true;
            else if (!char.IsAsciiLetterOrDigit(c)) return false;
        }
        if (expectLetter) return false;
        var hex = digest.AsSpan(colon + 1);
        if (hex.Length < 32) return false;
        foreach (char c in hex)
            if (!char.IsAsciiHexDigit(c)) return false;
        return true;
    }

    public override string ToString() => Text;
}
