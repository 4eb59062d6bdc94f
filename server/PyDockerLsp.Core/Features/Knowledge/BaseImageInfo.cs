using System.Globalization;
using System.Text;

namespace PyDockerLsp.Core.Features.Knowledge;

/// <summary>Which kind of image a reference names, as far as PyDockerLsp knows it.</summary>
public enum BaseImageFamily
{
    /// <summary>The Docker Official Image <c>python</c> (<c>docker.io/library/python</c>) or a mirror of it.</summary>
    OfficialPython,
    /// <summary><c>gcr.io/distroless/python3[-debianN]</c>: Debian's Python with no shell or package manager.</summary>
    DistrolessPython,
    /// <summary>The uv images (<c>ghcr.io/astral-sh/uv</c>, <c>astral/uv</c>): the bare binaries or uv on a base image.</summary>
    Uv,
    /// <summary>The empty <c>scratch</c> image.</summary>
    Scratch,
    /// <summary>Any other image (or an unresolved stage name).</summary>
    Other,
}

/// <summary>The flavour of a Python image.</summary>
public enum ImageVariant
{
    /// <summary>Full Debian with compilers and development headers (<c>python:3.12</c>, <c>python:3.12-bookworm</c>).</summary>
    Full,
    /// <summary>Debian with only what Python needs (<c>-slim</c>, <c>-slim-bookworm</c>).</summary>
    Slim,
    /// <summary>Alpine Linux, musl libc (<c>-alpine</c>, <c>-alpine3.20</c>).</summary>
    Alpine,
    /// <summary>No shell or package manager (Google distroless; uv's binary-only image).</summary>
    Distroless,
    /// <summary>Windows Server Core or Nano Server.</summary>
    Windows,
    /// <summary>Not recognised: a non-Python image, a digest without a tag, an unknown or variable suffix.</summary>
    Unknown,
}

/// <summary>The C library compiled wheels must match.</summary>
public enum Libc
{
    Unknown,
    /// <summary>GNU libc (Debian, Ubuntu, distroless): manylinux wheels apply.</summary>
    Glibc,
    /// <summary>musl (Alpine): only musllinux wheels apply, anything else compiles from source.</summary>
    Musl,
    /// <summary>No C library a Linux Python could use: Windows images, <c>scratch</c>, uv's binary-only image.</summary>
    None,
}

/// <summary>
/// How precisely a reference fixes what a build gets, weakest to strongest (so rules may compare with &lt; and &gt;).
/// For Python images the level describes the Python version; for uv's own images the uv version;
/// for other images the tag's leading version number.
/// </summary>
public enum PinLevel
{
    /// <summary>Cannot tell: the tag uses a build argument, an unfamiliar tag scheme, or <c>scratch</c>.</summary>
    Unknown,
    /// <summary>No tag, <c>latest</c>, or a tag without a version (<c>slim</c>, <c>bookworm</c>): the newest release.</summary>
    Latest,
    /// <summary>Major only (<c>3</c>, <c>3-slim</c>).</summary>
    Major,
    /// <summary>Major and minor (<c>3.12</c>): patch releases and OS updates arrive on rebuild.</summary>
    Minor,
    /// <summary>Exact version (<c>3.12.4</c>, <c>3.13.0rc1</c>): the OS layer still moves.</summary>
    Patch,
    /// <summary>Pinned by <c>@sha256:…</c>: exactly one image.</summary>
    Digest,
}

/// <summary>A Python version as written in an image tag: <c>3</c>, <c>3.12</c>, <c>3.12.4</c>, <c>3.13.0rc1</c>, <c>3.14-rc</c>.</summary>
/// <param name="Major">Always present.</param>
/// <param name="Minor">Null for a major-only tag.</param>
/// <param name="Patch">Null unless the tag names a patch release.</param>
/// <param name="PreRelease">A pre-release marker (<c>a4</c>, <c>b1</c>, <c>rc2</c>, or <c>rc</c> for the moving <c>-rc</c> tags), or null.</param>
public sealed record ImagePythonVersion(int Major, int? Minor, int? Patch, string? PreRelease)
{
    /// <summary><c>3.12</c> (or <c>3</c> for a major-only tag): what has to agree between stages and with requires-python.</summary>
    public string MajorMinor => Minor is null ? Major.ToString(CultureInfo.InvariantCulture) : Major + "." + Minor;

    /// <summary>How much of the version the tag fixes.</summary>
    public PinLevel Pinning => Patch is not null ? PinLevel.Patch : Minor is not null ? PinLevel.Minor : PinLevel.Major;

    public override string ToString()
    {
        var sb = new StringBuilder().Append(Major);
        if (Minor is not null) sb.Append('.').Append(Minor);
        if (Patch is not null) sb.Append('.').Append(Patch);
        if (PreRelease is not null) sb.Append(Patch is null && PreRelease == "rc" ? "-rc" : PreRelease);
        return sb.ToString();
    }
}

/// <summary>
/// What an image reference says about the Python runtime it provides. Produced by
/// <see cref="BaseImageDocs.Analyze"/>; rules PD101–PD105 and PD210 read it, hovers render it.
/// </summary>
public sealed record BaseImageInfo
{
    /// <summary>The registry as given (<c>localhost:5000</c>, <c>ghcr.io</c>), or null for Docker Hub by default.</summary>
    public string? Registry { get; init; }
    /// <summary>The repository as given (<c>python</c>, <c>library/python</c>, <c>distroless/python3-debian12</c>).</summary>
    public required string Repository { get; init; }
    public string? Tag { get; init; }
    public string? Digest { get; init; }

    public BaseImageFamily Family { get; init; }
    /// <summary>True only for the Docker Hub official <c>python</c> image itself (not a mirror on another registry).</summary>
    public bool IsDockerHubOfficial { get; init; }

    /// <summary>The Python version the image provides, when the reference tells.</summary>
    public ImagePythonVersion? PythonVersion { get; init; }
    public ImageVariant Variant { get; init; }
    /// <summary>Debian codename named by the tag (<c>bookworm</c>) or implied (distroless <c>-debian12</c>).</summary>
    public string? DebianCodename { get; init; }
    /// <summary>Debian major version of <see cref="DebianCodename"/>, when known (<c>bookworm</c> → 12).</summary>
    public int? DebianVersion { get; init; }
    /// <summary>Alpine version named by the tag (<c>3.20</c> for <c>-alpine3.20</c>).</summary>
    public string? AlpineVersion { get; init; }
    /// <summary>Windows flavour and release from the tag (<c>windowsservercore-ltsc2022</c>).</summary>
    public string? WindowsVersion { get; init; }
    public Libc Libc { get; init; }

    /// <summary>How precisely the whole reference is fixed: <see cref="PinLevel.Digest"/> whenever a digest is given,
    /// otherwise <see cref="TagPinning"/>.</summary>
    public PinLevel Pinning { get; init; }
    /// <summary>What the tag alone fixes, ignoring any digest.</summary>
    public PinLevel TagPinning { get; init; }

    /// <summary>The uv version of a uv image's tag (<c>0.5</c> in <c>0.5-python3.12-bookworm-slim</c>), or null.</summary>
    public string? ToolVersion { get; init; }
    /// <summary>How precisely a uv image's tag fixes the uv version (<see cref="PinLevel.Latest"/> when it names none).</summary>
    public PinLevel ToolPinning { get; init; }
    /// <summary>uv's binary-only image (<c>ghcr.io/astral-sh/uv:0.5</c>): just <c>/uv</c> and <c>/uvx</c>, no OS, no Python.</summary>
    public bool IsToolOnly { get; init; }
    /// <summary>The image's default user is not root (distroless <c>:nonroot</c> tags run as uid 65532).</summary>
    public bool DefaultsToNonRootUser { get; init; }
    /// <summary>
    /// Where the image's Python interpreter lives, when known: <c>/usr/local/bin/python3.12</c> for the official
    /// images (and uv's images built on them), <c>/usr/bin/python3.11</c> for distroless. A venv records this
    /// path, so a venv only works in a stage whose interpreter has the same path and X.Y.
    /// </summary>
    public string? InterpreterPath { get; init; }
    /// <summary>The tag contains an unresolved build argument (<c>${PYTHON_VERSION}-slim</c>).</summary>
    public bool HasVariables { get; init; }

    /// <summary>The version part of an official python tag as written (<c>3.12</c>, <c>3.14-rc</c>, <c>${PY}</c>), or null.</summary>
    public string? TagVersionText { get; init; }
    /// <summary>True when the official python tag has the <c>slim</c> token.</summary>
    internal bool TagHasSlim { get; init; }
    /// <summary>The variant tokens after the version of an official python tag (<c>slim-bookworm</c>), or null.</summary>
    public string? TagVariantText { get; init; }

    /// <summary>The reference written back as text: <c>[registry/]repository[:tag][@digest]</c>.</summary>
    public string Reference =>
        (Registry is null ? "" : Registry + "/") + Repository + (Tag is null ? "" : ":" + Tag) + (Digest is null ? "" : "@" + Digest);

    /// <summary>
    /// The tag of the same official python image in its slim variant, keeping the version and the Debian
    /// codename: <c>3.12-bookworm</c> → <c>3.12-slim-bookworm</c>, <c>3.12-alpine3.20</c> → <c>3.12-slim</c>,
    /// no tag or <c>latest</c> → <c>slim</c>. Null when the image is not the official python image, is already
    /// slim, or its variant is not understood (Windows, unknown suffix). A digest belongs to the old tag,
    /// so a fix that changes the tag must drop or refresh it.
    /// </summary>
    public string? SuggestSlimTag()
    {
        if (Family != BaseImageFamily.OfficialPython || TagHasSlim) return null;
        if (Variant is not (ImageVariant.Full or ImageVariant.Alpine)) return null;
        var parts = new List<string>();
        if (TagVersionText is not null) parts.Add(TagVersionText);
        parts.Add("slim");
        if (Variant == ImageVariant.Full && DebianCodename is not null) parts.Add(DebianCodename);
        return string.Join("-", parts);
    }

    /// <summary>
    /// The tag of the same official python image with its version replaced by <paramref name="version"/>
    /// (<c>3</c> → <c>3.12</c>, <c>3-slim</c> → <c>3.12-slim</c>, <c>slim-bookworm</c> → <c>3.12-slim-bookworm</c>,
    /// no tag or <c>latest</c> → <c>3.12</c>). Null for other images and for tags whose variant is not understood.
    /// </summary>
    public string? TagWithPythonVersion(string version)
    {
        if (Family != BaseImageFamily.OfficialPython || Variant == ImageVariant.Unknown) return null;
        return string.IsNullOrEmpty(TagVariantText) ? version : version + "-" + TagVariantText;
    }
}
