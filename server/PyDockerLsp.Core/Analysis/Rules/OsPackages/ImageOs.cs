using PyDockerLsp.Core.Features.Knowledge;
using PyDockerLsp.Core.Syntax.Dockerfile;

namespace PyDockerLsp.Core.Analysis.Rules.OsPackages;

/// <summary>The operating system family of an image, as far as it decides which commands a fix may write.</summary>
internal enum OsFamily
{
    /// <summary>Cannot tell.</summary>
    Unknown,
    /// <summary>Debian or Ubuntu: apt-get, groupadd/useradd.</summary>
    Debian,
    /// <summary>Alpine: apk, BusyBox addgroup/adduser.</summary>
    Alpine,
    /// <summary>Fedora, RHEL, UBI, Amazon Linux: dnf/yum/microdnf, groupadd/useradd.</summary>
    RedHat,
    /// <summary>No shell and no package manager (Google distroless, uv's binary-only image).</summary>
    Distroless,
    /// <summary>The empty image.</summary>
    Scratch,
    /// <summary>Windows Server Core or Nano Server.</summary>
    Windows,
}

/// <summary>
/// Which OS a stage runs on, read from the base image at the root of its FROM chain (with
/// <see cref="BaseImageDocs.Analyze"/>, global ARG defaults expanded), then from the image's name, and last from
/// the package tools the chain's RUN instructions use.
/// </summary>
internal static class ImageOs
{
    private static readonly string[] DebianRepositories = { "debian", "ubuntu", "buildpack-deps" };
    private static readonly string[] RedHatRepositories = { "fedora", "centos", "rockylinux", "almalinux", "amazonlinux", "ubi8", "ubi9", "ubi8-minimal", "ubi9-minimal", "ubi", "ubi-minimal" };
    private static readonly string[] DebianTagWords = { "slim", "bookworm", "bullseye", "buster", "trixie", "jammy", "noble", "focal", "bionic" };

    /// <summary>The base image at the root of <paramref name="stage"/>'s FROM chain, analysed; null when FROM names nothing readable.</summary>
    public static BaseImageInfo? BaseImageOf(DockerfileSyntax syntax, Stage stage)
    {
        Stage root = stage;
        foreach (var s in stage.SelfAndBaseStages()) root = s;
        var image = root.From.Image;
        if (image is null) return null;
        if (image.HasVariables)
        {
            var expanded = syntax.Expand(image.Text, syntax.GetGlobalScope());
            if (expanded is null || expanded.Contains('$') || expanded.Length == 0) return null;
            return BaseImageDocs.AnalyzeReference(expanded);
        }
        return BaseImageDocs.Analyze(image.Registry, image.Repository, image.Tag, image.Digest);
    }

    public static OsFamily Of(DockerfileSyntax syntax, Stage stage)
    {
        var info = BaseImageOf(syntax, stage);
        var fromImage = info is null ? OsFamily.Unknown : FromImage(info);
        if (fromImage != OsFamily.Unknown) return fromImage;
        var chain = stage.SelfAndBaseStages().ToList();
        if (AptCommands.AnyRunUses(chain, "apk")) return OsFamily.Alpine;
        if (AptCommands.AnyRunUses(chain, "apt-get", "apt", "dpkg")) return OsFamily.Debian;
        if (AptCommands.AnyRunUses(chain, "dnf", "yum", "microdnf")) return OsFamily.RedHat;
        return OsFamily.Unknown;
    }

    private static OsFamily FromImage(BaseImageInfo info)
    {
        if (info.Family == BaseImageFamily.Scratch) return OsFamily.Scratch;
        if (info.Variant == ImageVariant.Windows) return OsFamily.Windows;
        if (info.Variant == ImageVariant.Distroless || info.Repository.Contains("distroless", StringComparison.OrdinalIgnoreCase)) return OsFamily.Distroless;
        if (info.Variant == ImageVariant.Alpine || info.Libc == Libc.Musl) return OsFamily.Alpine;
        if (info.Variant is ImageVariant.Full or ImageVariant.Slim) return OsFamily.Debian;
        string name = info.Repository;
        int slash = name.LastIndexOf('/');
        if (slash >= 0) name = name.Substring(slash + 1);
        name = name.ToLowerInvariant();
        if (name == "alpine") return OsFamily.Alpine;
        if (Array.IndexOf(DebianRepositories, name) >= 0) return OsFamily.Debian;
        if (Array.IndexOf(RedHatRepositories, name) >= 0) return OsFamily.RedHat;
        var tag = info.Tag?.ToLowerInvariant();
        if (tag is not null)
        {
            if (tag.Contains("alpine", StringComparison.Ordinal)) return OsFamily.Alpine;
            if (tag.Contains("windowsservercore", StringComparison.Ordinal) || tag.Contains("nanoserver", StringComparison.Ordinal)) return OsFamily.Windows;
            foreach (var word in DebianTagWords)
                if (tag.Contains(word, StringComparison.Ordinal)) return OsFamily.Debian;
        }
        return OsFamily.Unknown;
    }
}
