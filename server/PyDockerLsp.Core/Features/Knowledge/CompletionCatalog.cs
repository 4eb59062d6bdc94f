namespace PyDockerLsp.Core.Features.Knowledge;

/// <summary>A completion item with an LSP snippet: <paramref name="Snippet"/> uses <c>${1:default}</c>
/// placeholders and escapes a literal <c>$</c>, <c>}</c> or <c>\</c> with a backslash.</summary>
public sealed record SnippetCompletion(string Label, string Snippet, string Detail);

/// <summary>
/// The data the completion feature offers: instruction keywords with snippets, flags per instruction,
/// mount types, options and values, python image tags and environment variable names. Names and
/// documentation come from <see cref="InstructionDocs"/>, <see cref="FlagDocs"/> and <see cref="EnvVarDocs"/>,
/// so completion and hover never disagree.
/// </summary>
public static class CompletionCatalog
{
    /// <summary>The Python versions suggested in image tags, newest first.</summary>
    public static IReadOnlyList<string> RecommendedPythonVersions { get; } = new[] { "3.14", "3.13", "3.12", "3.11" };

    /// <summary>Debian releases offered in <c>-slim-&lt;codename&gt;</c> tags, newest first.</summary>
    public static IReadOnlyList<string> DebianCodenames { get; } = new[] { "trixie", "bookworm" };

    private static readonly Dictionary<string, string> InstructionSnippets = new(StringComparer.Ordinal)
    {
        ["FROM"] = "FROM ${1:python:" + BaseImageDocs.ExamplePythonVersion + "-slim} AS ${2:builder}",
        ["ARG"] = "ARG ${1:PYTHON_VERSION}=${2:" + BaseImageDocs.ExamplePythonVersion + "}",
        ["ENV"] = "ENV ${1:PYTHONUNBUFFERED}=${2:1}",
        ["WORKDIR"] = "WORKDIR ${1:/app}",
        ["RUN"] = "RUN ${1:command}",
        ["COPY"] = "COPY ${1:src} ${2:dest}",
        ["ADD"] = "ADD ${1:src} ${2:dest}",
        ["USER"] = "USER ${1:appuser}",
        ["EXPOSE"] = "EXPOSE ${1:8000}",
        ["CMD"] = "CMD [\"${1:python}\", \"${2:-m}\", \"${3:app}\"]",
        ["ENTRYPOINT"] = "ENTRYPOINT [\"${1:python}\", \"${2:-m}\", \"${3:app}\"]",
        ["HEALTHCHECK"] = "HEALTHCHECK --interval=${1:30s} --timeout=${2:3s} \\\\\n  CMD [\"python\", \"-c\", \"import urllib.request; urllib.request.urlopen('http://localhost:${3:8000}/health', timeout=2)\"]",
        ["LABEL"] = "LABEL ${1:org.opencontainers.image.source}=\"${2}\"",
        ["VOLUME"] = "VOLUME [\"${1:/data}\"]",
        ["SHELL"] = "SHELL [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"]",
        ["STOPSIGNAL"] = "STOPSIGNAL ${1:SIGTERM}",
        ["ONBUILD"] = "ONBUILD ${1:INSTRUCTION}",
        ["MAINTAINER"] = "MAINTAINER ${1:name}",
    };

    /// <summary>Every instruction keyword with its snippet; the detail is the hover's summary line.</summary>
    public static IReadOnlyList<SnippetCompletion> Instructions { get; } = InstructionDocs.All
        .Select(doc => new SnippetCompletion(doc.Keyword, InstructionSnippets[doc.Keyword], doc.Summary))
        .ToArray();

    /// <summary>The flags of an instruction, with their dashes (<c>--chown</c>).</summary>
    public static IReadOnlyList<string> FlagNames(string instruction) =>
        FlagDocs.ForInstruction(instruction).Select(flag => flag.Name).ToArray();

    /// <summary>The values of a flag with a closed set of values (<c>RUN --network</c>), else empty.</summary>
    public static IReadOnlyList<string> FlagValues(string instruction, string flag) =>
        FlagDocs.Find(instruction, flag)?.Values ?? Array.Empty<string>();

    /// <summary>The <c>type=</c> values of <c>RUN --mount</c>.</summary>
    public static IReadOnlyList<string> MountTypes { get; } = FlagDocs.MountTypes.Select(type => type.Type).ToArray();

    /// <summary>The option keys of a mount type (primary spellings), e.g. cache: id, target, readonly, sharing, …</summary>
    public static IReadOnlyList<string> MountOptionKeys(string mountType) => FlagDocs.MountOptionKeys(mountType);

    /// <summary>The values of a mount option with a closed set of values (<c>sharing</c>, <c>required</c>), else empty.</summary>
    public static IReadOnlyList<string> MountOptionValues(string mountType, string key) =>
        FlagDocs.FindMountOption(mountType, key)?.Values ?? Array.Empty<string>();

    /// <summary>Ready-made <c>--mount</c> flags for Python builds: the installers' cache mounts, the manifest bind,
    /// a secret for a private index, the SSH agent and a tmpfs.</summary>
    public static IReadOnlyList<SnippetCompletion> MountSnippets { get; } = new[]
    {
        CacheSnippet(PackageCaches.Pip, "pip"),
        CacheSnippet(PackageCaches.Uv, "uv"),
        CacheSnippet(PackageCaches.Poetry, "Poetry"),
        CacheSnippet(PackageCaches.Pipenv, "Pipenv"),
        CacheSnippet(PackageCaches.Apt, "apt"),
        new SnippetCompletion("bind manifest", "--mount=type=bind,source=${1:requirements.txt},target=${1:requirements.txt}",
            "Bind a manifest for this RUN instead of copying it into a layer."),
        new SnippetCompletion("secret as environment variable", "--mount=type=secret,id=${1:index_url},env=${2:PIP_INDEX_URL}",
            "Pass a private index URL or token without storing it in the image."),
        new SnippetCompletion("ssh agent", "--mount=type=ssh",
            "Forward the SSH agent, e.g. for pip installs from private Git repositories."),
        new SnippetCompletion("tmpfs", "--mount=type=tmpfs,target=${1:/tmp}",
            "Scratch space that never reaches the layer."),
    };

    /// <summary>python image tags to suggest after <c>python:</c>, recommended first:
    /// slim, slim per Debian release, alpine, then the full images.</summary>
    public static IReadOnlyList<string> PythonImageTags { get; } = BuildPythonImageTags();

    /// <summary>The documented environment variable names, for completion after ENV and ARG.</summary>
    public static IReadOnlyList<string> EnvVarNames => EnvVarDocs.Names;

    private static SnippetCompletion CacheSnippet(PackageCache cache, string tool) =>
        new("cache mount for " + tool, string.Join(" ", cache.MountFlags()),
            "Keep " + tool + "'s downloads between builds in " + string.Join(" and ", cache.RootTargets) + ".");

    private static IReadOnlyList<string> BuildPythonImageTags()
    {
        var tags = new List<string>();
        foreach (var version in RecommendedPythonVersions) tags.Add(version + "-slim");
        foreach (var codename in DebianCodenames)
            foreach (var version in RecommendedPythonVersions) tags.Add(version + "-slim-" + codename);
        foreach (var version in RecommendedPythonVersions) tags.Add(version + "-alpine");
        foreach (var version in RecommendedPythonVersions) tags.Add(version);
        return tags;
    }
}
