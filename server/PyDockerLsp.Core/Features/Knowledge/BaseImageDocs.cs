namespace PyDockerLsp.Core.Features.Knowledge;

/// <summary>
/// Explains a base image reference: which Python it provides, which variant (full, slim, alpine, distroless,
/// Windows), which libc, how well it is pinned, and what that means for a Python project.
/// </summary>
public static class BaseImageDocs
{
    /// <summary>The Python version the hover examples use when the reference does not name one.</summary>
    public const string ExamplePythonVersion = "3.13";

    /// <summary>
    /// Analyzes a reference already split by the caller. <paramref name="registry"/> is null for Docker Hub
    /// (if it is null and <paramref name="repository"/> starts with a host such as <c>ghcr.io/</c>, the host is
    /// split off here). <paramref name="tag"/> and <paramref name="digest"/> are without their <c>:</c> and
    /// <c>@</c>. Stage names must be resolved before calling: a stage name reads as an untagged other image.
    /// Never throws for odd input; what cannot be read is reported as Unknown.
    /// </summary>
    public static BaseImageInfo Analyze(string? registry, string repository, string? tag, string? digest) =>
        BaseImageAnalyzer.Analyze(registry, repository, tag, digest);

    /// <summary>Analyzes a whole reference such as <c>localhost:5000/python:3.12-slim@sha256:…</c>.</summary>
    public static BaseImageInfo AnalyzeReference(string reference)
    {
        var (registry, repository, tag, digest) = BaseImageAnalyzer.SplitReference(reference);
        return BaseImageAnalyzer.Analyze(registry, repository, tag, digest);
    }

    /// <summary>The hover for a reference: what it is, size class, libc, when to use it, pitfalls, pinning,
    /// and an example of the better form when there is one.</summary>
    public static string Hover(BaseImageInfo info) => info.Family switch
    {
        BaseImageFamily.OfficialPython => OfficialPythonHover(info),
        BaseImageFamily.DistrolessPython => DistrolessHover(info),
        BaseImageFamily.Uv => UvHover(info),
        BaseImageFamily.Scratch => HoverMarkdown.Join(
            HoverMarkdown.TitleLine("scratch", "the empty image: no files at all."),
            "Only a statically linked program can run on it; a Python application cannot (it needs an interpreter and a C library)."),
        _ => HoverMarkdown.Join(
            HoverMarkdown.TitleLine(info.Reference, "not a Python image PyDockerLsp knows."),
            Bullet("Pinning", OtherPinningText(info))),
    };

    /// <summary>Shorthand for <c>Hover(Analyze(registry, repository, tag, digest))</c>.</summary>
    public static string Hover(string? registry, string repository, string? tag, string? digest) =>
        Hover(Analyze(registry, repository, tag, digest));

    private static string OfficialPythonHover(BaseImageInfo info)
    {
        if (info.Tag is null && info.Digest is not null)
            return HoverMarkdown.Join(
                HoverMarkdown.TitleLine(info.Reference, "a python image pinned by digest alone."),
                "The reference does not show which Python version or variant the digest is. Keep the tag it was taken from in front of the digest (`python:3.12-slim@sha256:…`): the digest still decides, and readers and tools can see what it is.");
        var title = HoverMarkdown.TitleLine(info.Reference, PythonPhrase(info) + " on " + VariantPhrase(info) + LibcSuffix(info) + ".");
        string? better = null;
        var slimTag = info.SuggestSlimTag();
        if (info.TagPinning is PinLevel.Latest or PinLevel.Major && !info.HasVariables)
            better = (slimTag is null ? info : Analyze(info.Registry, info.Repository, slimTag, null))
                .TagWithPythonVersion(ExamplePythonVersion);
        else if (slimTag is not null)
            better = slimTag;

        return HoverMarkdown.Join(
            title,
            string.Join("\n", new[]
            {
                Bullet("Size", Sentence(SizeText(info.Variant))),
                Bullet("libc", LibcText(info.Libc)),
                Bullet("Use it for", UseText(info.Variant)),
                Bullet("Watch out", PitfallText(info)),
                Bullet("Pinning", PinningText(info)),
            }.Where(line => line.Length > 0)),
            better is null ? null : HoverMarkdown.CodeBlock("FROM " + ImageName(info) + ":" + better));
    }

    private static string DistrolessHover(BaseImageInfo info)
    {
        var python = info.PythonVersion is null ? "Debian's Python 3" : "Python " + info.PythonVersion.MajorMinor;
        var debian = info.DebianVersion is null ? "Debian" : "Debian " + info.DebianVersion;
        var title = HoverMarkdown.TitleLine(info.Reference, python + " on distroless " + debian + ", glibc, no shell.");
        var interpreter = info.PythonVersion is null ? "`/usr/bin/python3`" : "`/usr/bin/python" + info.PythonVersion.MajorMinor + "`";
        var lines = new List<string>
        {
            Bullet("Size", Sentence(SizeText(ImageVariant.Distroless))),
            Bullet("Use it for", UseText(ImageVariant.Distroless)),
            Bullet("Watch out", "no shell, pip or package manager: no RUN after this FROM, only exec-form CMD/HEALTHCHECK, and the ENTRYPOINT is already the interpreter. The interpreter is " + interpreter
                + ", not the `/usr/local/bin/python` a `python:` builder links a venv to: build with the same X.Y, copy `site-packages` and set `PYTHONPATH`."),
            Bullet("User", info.DefaultsToNonRootUser ? "the `nonroot` tag runs as uid 65532." : "runs as root; the `:nonroot` tag runs as uid 65532."),
            Bullet("Pinning", PinningText(info)),
        };
        return HoverMarkdown.Join(title, string.Join("\n", lines));
    }

    private static string UvHover(BaseImageInfo info)
    {
        var uv = info.ToolVersion is null ? "uv (latest)" : "uv " + info.ToolVersion;
        if (info.IsToolOnly)
        {
            return HoverMarkdown.Join(
                HoverMarkdown.TitleLine(info.Reference, uv + ": only the `uv` and `uvx` binaries, no OS and no Python."),
                string.Join("\n",
                    Bullet("Use it for", "copying uv into your own image; it is not a base to build on."),
                    Bullet("Pinning", info.ToolPinning is PinLevel.Latest
                        ? "not pinned: every build may bring a different uv. Pin a version (and a digest for full reproducibility)."
                        : PinningText(info))),
                HoverMarkdown.CodeBlock("COPY --from=" + ImageName(info) + ":0.5 /uv /uvx /bin/"));
        }

        var onWhat = info.Variant == ImageVariant.Unknown ? "an unrecognised base" : VariantPhrase(info);
        var title = info.PythonVersion is null
            ? HoverMarkdown.TitleLine(info.Reference, uv + " on " + onWhat + LibcSuffix(info) + ", without Python (uv downloads a managed one).")
            : HoverMarkdown.TitleLine(info.Reference, uv + " with Python " + info.PythonVersion + " on " + onWhat + LibcSuffix(info) + ".");
        var lines = new List<string>
        {
            Bullet("Size", info.Variant == ImageVariant.Unknown ? "" : SizeText(info.Variant) + ", plus the uv binary."),
            Bullet("Use it for", "a builder stage that runs `uv sync`; copy the resulting `.venv` into a final stage with the same Python X.Y and libc."),
            Bullet("Pinning", UvDerivedPinningText(info)),
        };
        return HoverMarkdown.Join(title, string.Join("\n", lines.Where(line => line.Length > 0)));
    }

    private static string UvDerivedPinningText(BaseImageInfo info)
    {
        if (info.Pinning == PinLevel.Digest) return PinningText(info);
        var uv = info.ToolPinning switch
        {
            PinLevel.Latest => "uv is not pinned (add a version prefix such as `0.5-`)",
            PinLevel.Unknown => "the uv version comes from a build argument",
            _ => "uv " + info.ToolVersion + " pinned",
        };
        return info.PythonVersion is null
            ? uv + "; the OS packages change when the tag is rebuilt."
            : uv + "; Python " + info.PythonVersion.MajorMinor + " is fixed by the tag, its patch releases and OS fixes arrive on rebuild.";
    }

    private static string Sentence(string text) => text.Length == 0 ? "" : text + ".";

    private static string ImageName(BaseImageInfo info) => (info.Registry is null ? "" : info.Registry + "/") + info.Repository;

    private static string Bullet(string label, string text) => text.Length == 0 ? "" : "- **" + label + ":** " + text;

    private static string PythonPhrase(BaseImageInfo info)
    {
        if (info.PythonVersion is not null) return "Python " + info.PythonVersion;
        if (info.HasVariables && info.TagVersionText is not null) return "Python " + HoverMarkdown.InlineCode(info.TagVersionText);
        return info.TagVersionText == "rc" ? "the newest Python pre-release" : "the newest Python release";
    }

    private static string VariantPhrase(BaseImageInfo info) => info.Variant switch
    {
        ImageVariant.Full => "full Debian" + DebianSuffix(info),
        ImageVariant.Slim => "slim Debian" + DebianSuffix(info),
        ImageVariant.Alpine => "Alpine Linux" + (info.AlpineVersion is null ? "" : " " + info.AlpineVersion),
        ImageVariant.Windows => "Windows (" + info.WindowsVersion + ")",
        ImageVariant.Distroless => "distroless Debian" + DebianSuffix(info),
        _ => "a variant PyDockerLsp does not recognise",
    };

    private static string DebianSuffix(BaseImageInfo info) =>
        info.DebianVersion is null ? "" : " " + info.DebianVersion + " (" + info.DebianCodename + ")";

    private static string LibcSuffix(BaseImageInfo info) => info.Libc switch
    {
        Libc.Glibc => ", glibc",
        Libc.Musl => ", musl",
        _ => "",
    };

    private static string SizeText(ImageVariant variant) => variant switch
    {
        ImageVariant.Full => "~1 GB: full Debian with compilers, headers and many libraries",
        ImageVariant.Slim => "~120–150 MB: Debian with only what Python needs, no compilers",
        ImageVariant.Alpine => "~50 MB: the smallest, at the price of musl",
        ImageVariant.Distroless => "~50–60 MB: Python and the libraries it needs, nothing else",
        ImageVariant.Windows => "several GB",
        _ => "",
    };

    private static string LibcText(Libc libc) => libc switch
    {
        Libc.Glibc => "glibc, so the manylinux wheels on PyPI install without compiling.",
        Libc.Musl => "musl: manylinux wheels don't apply, and packages without a musllinux wheel (often numpy, pandas, psycopg2) are compiled from source with gcc and headers: slow and fragile.",
        Libc.None => "none of the Linux kind; only Windows wheels apply.",
        _ => "",
    };

    private static string UseText(ImageVariant variant) => variant switch
    {
        ImageVariant.Full => "a builder stage that compiles extensions, or local development; not the final stage.",
        ImageVariant.Slim => "the final stage of almost every Python service: the default choice.",
        ImageVariant.Alpine => "pure-Python apps where every MB counts.",
        ImageVariant.Distroless => "a hardened runtime for pure-Python apps whose dependencies are installed in a slim builder.",
        ImageVariant.Windows => "apps that need Windows itself.",
        _ => "",
    };

    private static string PitfallText(BaseImageInfo info) => info.Variant switch
    {
        ImageVariant.Full => "a large download and attack surface; switch the final stage to the slim variant of the same version.",
        ImageVariant.Slim => "no compilers: a package without a wheel needs `build-essential` and `*-dev` headers in a builder stage, and its runtime library (e.g. `libpq5`) in this one.",
        ImageVariant.Alpine => "never copy a venv between an Alpine and a Debian stage; compiled extensions built for one libc do not load on the other.",
        ImageVariant.Windows => "Linux-only packages and shell scripts do not work; `--chown`/`--chmod` are not supported.",
        _ => info.HasVariables ? "the tag uses a build argument, so its variant is only known at build time." : "",
    };

    private static string OtherPinningText(BaseImageInfo info) => info.Pinning switch
    {
        PinLevel.Digest => PinningText(info),
        PinLevel.Latest => "not pinned: the image behind `latest` (or no tag) changes with every release.",
        PinLevel.Unknown => info.HasVariables ? "decided by a build argument." : "cannot tell from this tag.",
        _ => "the tag names a version; add a digest for fully reproducible builds.",
    };

    private static string PinningText(BaseImageInfo info)
    {
        var majorMinor = info.PythonVersion?.MajorMinor;
        return info.Pinning switch
        {
            PinLevel.Digest => "pinned by digest: every build gets exactly this image. Refresh the digest regularly (Renovate, Dependabot) to receive security fixes.",
            PinLevel.Patch => "exact version; the OS packages under it still change when the tag is rebuilt. Add a digest for fully reproducible builds.",
            PinLevel.Minor => (majorMinor is null ? "minor version" : "Python " + majorMinor) + " pinned; patch releases and OS fixes arrive on rebuild. Add `@sha256:…` for fully reproducible builds.",
            PinLevel.Major => "major version only: a rebuild can jump to a new Python X.Y and break compiled wheels. Pin X.Y.",
            PinLevel.Latest => "not pinned: a rebuild can jump to a new Python X.Y (or OS release) without warning. Pin X.Y, matching `requires-python`.",
            _ => info.HasVariables ? "decided by a build argument; make its default an X.Y version." : "cannot tell from this tag.",
        };
    }
}
