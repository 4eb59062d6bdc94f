using PyDockerLsp.Core.Analysis.Rules.OsPackages;
using PyDockerLsp.Core.Syntax.Dockerfile;

namespace PyDockerLsp.Core.Analysis.Rules.Security;

/// <summary>PD401 runs-as-root: the final image runs its process as root.</summary>
public sealed class RunsAsRootRule : IRule
{
    public RuleDescriptor Descriptor { get; } = new(
        "PD401", "runs-as-root", RuleCategory.Security, Severity.Warning,
        new RuleDocumentation
        {
            WhatItDoes =
                "Reports a final image that runs as root: neither its stage nor the stages it is built FROM switch to "
                + "another user, or the last USER is `root`/`0`.",
            WhyItMatters =
                "Without USER, the application process is uid 0. A bug that lets an attacker run code — a deserialisation "
                + "flaw, a template injection, a vulnerable dependency — then runs it as root: it can rewrite the "
                + "application and its packages, read every file in the container, and a container escape starts with full "
                + "privileges. An unprivileged user with fixed ids limits all of that, and platforms that enforce "
                + "`runAsNonRoot` (Kubernetes, OpenShift) require it.",
            Example = "FROM python:3.12-slim\nWORKDIR /app\nCOPY . .\nCMD [\"python\", \"-m\", \"app\"]",
            UseInstead =
                "FROM python:3.12-slim\nRUN groupadd --system --gid 1001 appgroup \\\n    && useradd --system --uid 1001 --gid appgroup --no-create-home appuser\n"
                + "WORKDIR /app\nCOPY . .\nUSER appuser\nCMD [\"python\", \"-m\", \"app\"]",
            FixHint = "Create an unprivileged user and switch to it with USER.",
            FixSafety =
                "\"Create the non-root user\" adds a group and user with fixed ids (appgroup/appuser, 1001, or the owner the "
                + "file's `--chown`/`chown` already names) right after the final FROM — `groupadd`/`useradd` on Debian, "
                + "Ubuntu and Red Hat images, BusyBox `addgroup`/`adduser` on Alpine — and `USER` after the last build step, "
                + "so every RUN still runs as root. Code stays owned by root and read-only for the application; VOLUME "
                + "folders are given to the user. The alternative fix also gives the user the WORKDIR and `--chown`s what is "
                + "copied into it, for applications that write there. When the file already creates a user or switched to "
                + "one earlier, the fix only adds `USER` with that name; distroless images get `USER nonroot`. All variants "
                + "are unsafe: the application loses write access to files it may have relied on, and the user has no home "
                + "directory (set `HOME` or give it one if a library caches there).",
            DifferencesFromAnchors =
                "hadolint reports a stage whose last USER is root, in every stage; PyDocker looks only at what the final "
                + "image runs as (the final stage and the stages it is built FROM — builder stages running as root are fine), "
                + "and also reports a final image with no USER at all, on its FROM. Images that already default to a non-root "
                + "user (distroless `:nonroot` tags) and Windows images are not reported; a USER given by an unset build "
                + "argument is trusted. For base images whose default user PyDocker cannot know (anything but the official "
                + "python and uv images, plain OS images, distroless and scratch) the message says so.",
        })
    {
        HadolintIds = new[] { "DL3002" },
    };

    private static string BaseName(Features.Knowledge.BaseImageInfo? info, List<Stage> chain) =>
        info?.Reference ?? chain[^1].From.ImageArgument?.Value ?? "the base image";

    public void Check(RuleContext context)
    {
        var final = context.Model.FinalStage;
        if (final is null) return;
        var chain = final.SelfAndBaseStages().ToList();
        var os = ImageOs.Of(context.Syntax, final);
        if (os == OsFamily.Windows) return;

        UserInstruction? last = null;
        foreach (var stage in chain)
        {
            last = stage.LastOf<UserInstruction>();
            if (last is not null) break;
        }

        if (last is not null)
        {
            var value = UserAccounts.EffectiveValue(context.Syntax, last);
            if (value is null || !UserAccounts.IsRoot(value)) return;
            context.Report(last.UserSpan,
                $"The final image runs as root: the last USER is {last.User}, so a compromised application has full control of the container; switch to an unprivileged user",
                new NonRootUserFix(context, final, chain, last, os).Build().ToArray());
            return;
        }
        var baseImage = ImageOs.BaseImageOf(context.Syntax, final);
        if (baseImage is { DefaultsToNonRootUser: true }) return;
        var from = final.From;
        string message = ImageOs.DefaultsToRoot(baseImage)
            ? "The final image runs as root: no USER instruction switches to an unprivileged user, so a compromised application has full control of the container"
            : $"No USER instruction switches to an unprivileged user: unless {BaseName(baseImage, chain)} sets one itself, the final image runs as root and a compromised application has full control of the container";
        context.Report(from.ImageArgument?.Span ?? from.KeywordSpan, message, new NonRootUserFix(context, final, chain, null, os).Build().ToArray());
    }
}
