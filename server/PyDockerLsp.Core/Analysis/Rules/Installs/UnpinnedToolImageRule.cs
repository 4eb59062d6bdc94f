using PyDockerLsp.Core.Scaffolding;
using PyDockerLsp.Core.Syntax.Dockerfile;
using PyDockerLsp.Core.Syntax.Shell;
using PyDockerLsp.Core.Text;

namespace PyDockerLsp.Core.Analysis.Rules.Installs;

/// <summary>PD210 unpinned-tool-image: an image used by COPY --from / RUN --mount=from, or an installer tool, without a version.</summary>
public sealed class UnpinnedToolImageRule : IRule
{
    /// <summary>Installers and project tools whose new releases change how the build resolves and installs.</summary>
    private static readonly string[] Tools = { "uv", "poetry", "pipenv", "pdm", "hatch" };

    public RuleDescriptor Descriptor { get; } = new(
        "PD210", "unpinned-tool-image", RuleCategory.Reproducibility, Severity.Warning,
        new RuleDocumentation
        {
            WhatItDoes =
                "Reports an image named in `COPY --from=…` or `RUN --mount=from=…` that has no tag, the tag `latest`, or (for "
                + "uv's images) a variant tag such as `python3.12-bookworm-slim` that follows the newest uv; and an installer "
                + "tool installed without a version: `pip install uv`, `pip install poetry`, `pipx install poetry`, "
                + "`uv tool install poetry`, also pipenv, pdm and hatch. A tag, a digest or a version bounded by `==`, `~=` or `<` "
                + "counts as pinned.",
            WhyItMatters =
                "Images like `ghcr.io/astral-sh/uv:latest` change whenever a new release comes out, and an unpinned "
                + "`pip install poetry` takes whatever is newest on PyPI. The same Dockerfile then builds with a different "
                + "installer from one day to the next: lock-file formats, resolver behaviour, defaults and flags change between "
                + "releases, so a rebuild can fail or install differently, and BuildKit cannot tell that the layer it cached "
                + "was made with an older tool. Pinning the version makes upgrades a visible change in the Dockerfile.",
            Example = """
                FROM python:3.12-slim
                COPY --from=ghcr.io/astral-sh/uv:latest /uv /uvx /bin/
                RUN pip install poetry
                """,
            UseInstead = $"""
                FROM python:3.12-slim
                COPY --from=ghcr.io/astral-sh/uv:{ScaffoldImages.UvVersion} /uv /uvx /bin/
                RUN pip install poetry=={ScaffoldImages.PoetryVersion}
                """,
            FixHint = "Pin the tool's version.",
            FixSafety =
                $"\"Pin uv\" writes uv {ScaffoldImages.UvVersion} into the image tag (`:latest` and a missing tag become "
                + $"`:{ScaffoldImages.UvVersion}`, a variant tag `python3.12-bookworm-slim` becomes "
                + $"`{ScaffoldImages.UvVersion}-python3.12-bookworm-slim`), and \"Pin uv/Poetry/Pipenv\" adds `==<version>` to "
                + "the package of a `pip install`. Both are unsafe: they choose the release this version of PyDocker knows "
                + "as current, which may be older or newer than the one your builds used so far, and a flag your Dockerfile "
                + "uses may not exist in it. Review the version, then rebuild. Other images get no fix: only you know which "
                + "version you want.",
        });

    public void Check(RuleContext context)
    {
        var syntax = context.Syntax;
        foreach (var stage in syntax.Stages)
        {
            foreach (var instruction in stage.Instructions)
            {
                if (instruction is CopyInstruction { FromFlag: { } from, FromStage: null } copy)
                    CheckImage(context, from.Value, from.ValueSpan, isStageName: IsStageIndex(from.Value));
                if (instruction is RunInstruction run)
                {
                    foreach (var mount in run.Mounts)
                        if (mount.Get("from") is { Value: { } image } option)
                            CheckImage(context, image, option.ValueSpan, isStageName: syntax.FindStage(image) is not null);
                    foreach (var command in run.ShellCommands)
                        CheckToolInstall(context, command);
                }
            }
        }
    }

    private static bool IsStageIndex(string? value) => value is { Length: > 0 } && value.All(char.IsAsciiDigit);

    private static void CheckImage(RuleContext context, string? value, TextSpan valueSpan, bool isStageName)
    {
        if (isStageName || string.IsNullOrEmpty(value) || value.Contains('$')) return;
        bool direct = context.Source.Text.AsSpan(valueSpan.Start, valueSpan.Length).SequenceEqual(value);
        var image = ImageReference.Parse(value, valueSpan.Start);
        if (image.Digest is not null || image.Repository.Length == 0) return;
        bool isUv = IsUvImage(image);
        string? problem = image.Tag switch
        {
            null => $"`{image.Name}` has no tag, so every build copies from whatever `latest` is at that moment",
            "latest" => $"`{image.Name}:latest` moves with every release, so rebuilds can copy a different version",
            { } tag when isUv && (tag.Length == 0 || !char.IsAsciiDigit(tag[0])) =>
                $"`{image.Name}:{tag}` follows the newest uv release, so rebuilds can copy a different version",
            _ => null,
        };
        if (problem is null) return;
        var span = !direct ? valueSpan : image.Tag is null ? image.Span : image.TagSpan;
        var fixes = new List<Fix>(1);
        if (isUv && direct) fixes.Add(context.PreferredDockerfileFix($"Pin uv to {ScaffoldImages.UvVersion}", FixSafety.Unsafe, PinUvImage(image)));
        context.Report(span, problem + ".", fixes.ToArray());
    }

    /// <summary>uv's images: <c>ghcr.io/astral-sh/uv</c> and Docker Hub's <c>astral/uv</c>.</summary>
    private static bool IsUvImage(ImageReference image) =>
        image.Registry is "ghcr.io" && image.Repository == "astral-sh/uv"
        || image.FamiliarName == "astral/uv";

    private static TextEdit PinUvImage(ImageReference image) => image.Tag switch
    {
        null => TextEdit.Insert(image.RepositorySpan.End, ":" + ScaffoldImages.UvVersion),
        "latest" or "" => new TextEdit(image.TagSpan, ScaffoldImages.UvVersion),
        { } variant => new TextEdit(image.TagSpan, ScaffoldImages.UvVersion + "-" + variant),
    };

    private static void CheckToolInstall(RuleContext context, ShellCommand command)
    {
        IReadOnlyList<ShellWord> packages;
        if (PythonInstallerCommand.TryRead(command) is { } install)
        {
            bool installsPackages = install.Installer is PythonInstaller.Pip || install.Action is "pip install" or "tool install";
            if (!installsPackages || !(install.Installs || install.InstallsTool)) return;
            packages = install.NamedPackages;
        }
        else if (command.Program is { Name: "pipx" } pipx && pipx.Subcommand == "install") packages = PipxPackages(pipx);
        else return;

        foreach (var word in packages)
        {
            string name = PythonInstallerCommand.RequirementName(word.Value);
            if (Array.IndexOf(Tools, name) < 0) continue;
            string specifier = PythonInstallerCommand.VersionSpecifier(word.Value);
            if (IsBounded(specifier)) continue;
            string message = specifier.Length == 0
                ? $"`{name}` is installed without a version, so each build may get a newer release that resolves or installs differently."
                : $"`{word.Value}` only sets a lower bound, so each build may get a newer release that resolves or installs differently.";
            var fixes = new List<Fix>(1);
            if (specifier.Length == 0 && word.Text == word.Value && word.Value == name && PinnedVersion(name) is { } version)
                fixes.Add(context.PreferredDockerfileFix($"Pin {name} to {version}", FixSafety.Unsafe, new TextEdit(word.Span, name + "==" + version)));
            context.Report(word.Span, message, fixes.ToArray());
        }
    }

    /// <summary>True when the specifier fixes the version or caps it (<c>==</c>, <c>===</c>, <c>~=</c>, <c>&lt;</c>, <c>&lt;=</c>).</summary>
    private static bool IsBounded(string specifier) =>
        specifier.Contains("==", StringComparison.Ordinal) || specifier.Contains("~=", StringComparison.Ordinal) || specifier.Contains('<');

    private static string? PinnedVersion(string tool) => tool switch
    {
        "uv" => ScaffoldImages.UvVersion,
        "poetry" => ScaffoldImages.PoetryVersion,
        "pipenv" => ScaffoldImages.PipenvVersion,
        _ => null,
    };

    /// <summary>The package arguments of <c>pipx install</c> (options with values skipped).</summary>
    private static IReadOnlyList<ShellWord> PipxPackages(ShellProgram pipx)
    {
        var packages = new List<ShellWord>();
        var arguments = pipx.Arguments;
        for (int i = 1; i < arguments.Count; i++)
        {
            string value = arguments[i].Value;
            if (value.StartsWith('-'))
            {
                if (value is "--python" or "--pip-args" or "--index-url" or "-i" or "--suffix" or "--preinstall" or "--spec") i++;
                continue;
            }
            packages.Add(arguments[i]);
        }
        return packages;
    }
}
