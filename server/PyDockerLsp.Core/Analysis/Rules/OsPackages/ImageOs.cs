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
        if (UsesWindowsShell(chain)) return OsFamily.Windows;
        if (AptCommands.AnyRunUses(chain, "apk")) return OsFamily.Alpine;
        if (AptCommands.AnyRunUses(chain, "apt-get", "apt", "dpkg")) return OsFamily.Debian;
        if (AptCommands.AnyRunUses(chain, "dnf", "yum", "microdnf")) return OsFamily.RedHat;
        return OsFamily.Unknown;
    }

    /// <summary>True when the image is one whose default user is known to be root: the official python and uv
    /// images, plain OS images (debian, ubuntu, alpine, Red Hat family), scratch, distroless without
    /// <c>:nonroot</c>. For other images the default user is whatever their own Dockerfile set.</summary>
    public static bool DefaultsToRoot(BaseImageInfo? info)
    {
        if (info is null) return false;
        if (info.Family is BaseImageFamily.OfficialPython or BaseImageFamily.Uv or BaseImageFamily.Scratch) return true;
        if (info.Family == BaseImageFamily.DistrolessPython) return !info.DefaultsToNonRootUser;
        string name = LastPathPart(info.Repository);
        return name == "alpine" || Array.IndexOf(DebianRepositories, name) >= 0 || Array.IndexOf(RedHatRepositories, name) >= 0;
    }

    private static string LastPathPart(string repository)
    {
        int slash = repository.LastIndexOf('/');
        return (slash >= 0 ? repository.Substring(slash + 1) : repository).ToLowerInvariant();
    }

    /// <summary>A SHELL instruction naming PowerShell or cmd: the image is a Windows one.</summary>
    private static bool UsesWindowsShell(IEnumerable<Stage> chain)
    {
        foreach (var stage in chain)
            foreach (var shell in stage.InstructionsOf<ShellInstruction>())
                if (shell.ShellArguments.Count > 0 && shell.ShellArguments[0].ToLowerInvariant() is var program
                    && (program.Contains("powershell", StringComparison.Ordinal) || program.Contains("pwsh", StringComparison.Ordinal) || program.StartsWith("cmd", StringComparison.Ordinal)))
                    return true;
        return false;
    }

    private static OsFamily FromImage(BaseImageInfo info)
    {
        if (info.Family == BaseImageFamily.Scratch) return OsFamily.Scratch;
        if (info.Variant == ImageVariant.Windows) return OsFamily.Windows;
        if (info.Variant == ImageVariant.Distroless || info.Repository.Contains("distroless", StringComparison.OrdinalIgnoreCase)) return OsFamily.Distroless;
        if (info.Variant == ImageVariant.Alpine || info.Libc == Libc.Musl) return OsFamily.Alpine;
        if (info.Variant is ImageVariant.Full or ImageVariant.Slim) return OsFamily.Debian;
        string name = LastPathPart(info.Repository);
        if (name is "servercore" or "nanoserver" or "windowsservercore" || info.Repository.StartsWith("windows/", StringComparison.OrdinalIgnoreCase)) return OsFamily.Windows;
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
