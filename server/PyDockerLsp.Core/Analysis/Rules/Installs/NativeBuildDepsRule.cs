using PyDockerLsp.Core.Analysis.Rules.Manifests;
using PyDockerLsp.Core.Features.Knowledge;
using PyDockerLsp.Core.IO;
using PyDockerLsp.Core.Python;
using PyDockerLsp.Core.Syntax.Dockerfile;
using PyDockerLsp.Core.Text;

namespace PyDockerLsp.Core.Analysis.Rules.Installs;

/// <summary>PD212 native-build-deps: a dependency needs system packages that no stage installs.</summary>
public sealed class NativeBuildDepsRule : IRule
{
    public RuleDescriptor Descriptor { get; } = new(
        "PD212", "native-build-deps", RuleCategory.Correctness, Severity.Warning,
        new RuleDocumentation
        {
            WhatItDoes =
                "Reports an install that brings in a package pip always compiles (psycopg2, mysqlclient) on a Debian-based stage "
                + "(a `-slim` Python image, `debian`, `ubuntu`) that has not installed its build packages by then (a C compiler, "
                + "`libpq-dev`; `default-libmysqlclient-dev` and `pkg-config`), or when the final image lacks the library the "
                + "package loads at run time (`libpq5`, `libmariadb3`). Full `python:X.Y` images ship these already.",
            WhyItMatters =
                "psycopg2 and mysqlclient are published as source only, so pip builds them during `docker build`. Without the "
                + "headers the build fails (\"pg_config executable not found\", \"mysql_config not found\"); without the shared "
                + "library in the final stage the build succeeds and the app fails at import time. A multi-stage build needs "
                + "the `-dev` packages and the compiler in the builder and only the library in the final stage.",
            Example = "FROM python:3.12-slim\nCOPY requirements.txt .\n# requirements.txt: psycopg2==2.9.10\nRUN pip install -r requirements.txt",
            UseInstead =
                "FROM python:3.12-slim\nRUN apt-get update && apt-get install -y --no-install-recommends libpq-dev gcc && rm -rf /var/lib/apt/lists/*\n"
                + "COPY requirements.txt .\nRUN pip install -r requirements.txt",
            FixHint = "Install the build packages before the install and the runtime library in the final stage, or use the binary package.",
            FixSafety =
                "Two fixes, both unsafe. One adds the missing packages to the stage's `apt-get install` (or a new `RUN apt-get` "
                + "line before the install) and the runtime library to the final stage: the image grows by those packages. The "
                + "other replaces the package with its binary-wheel twin (psycopg2 → psycopg2-binary) where it is declared, "
                + "keeping the version: the binary package bundles its own libpq, which its authors do not recommend for every "
                + "production use.",
        })
    {
        NeedsManifests = true,
    };

    public void Check(RuleContext context)
    {
        var model = context.Model;
        var facts = DockerfileFacts.For(model);
        var final = model.FinalStage;
        if (final is null) return;
        bool finalHasLibraries = facts.BaseImage(final) is { Variant: ImageVariant.Full };
        var finalPackages = model.ProductionStages.SelectMany(s => OsPackageInstalls.OwnedBy(s)).ToList();

        foreach (var install in facts.Installs)
        {
            if (install.Stage is not { } stage || !install.Installs || !facts.IsInFinalBuild(stage)) continue;
            if (!IsDebianWithoutBuildTools(facts.BaseImage(stage))) continue;
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var package in facts.PackagesInstalledBy(install))
            {
                if (NativePackages.Find(package.NormalizedName) is not { AlwaysBuildsFromSource: true } native || !seen.Add(native.Name)) continue;
                var available = OsPackageInstalls.InStageChain(stage, install.Run, install.Command);
                var missingBuild = native.BuildPackages.Where(p => !OsPackageInstalls.Provides(available, p)).ToList();
                var runtimeAvailable = model.IsProductionStage(stage) ? finalPackages.Concat(available) : finalPackages;
                var missingRuntime = finalHasLibraries
                    ? new List<string>()
                    : native.RuntimePackages.Where(p => !OsPackageInstalls.Provides(runtimeAvailable, p)).ToList();
                // In a stage that ships, the -dev package this finding asks for brings the library along.
                if (model.IsProductionStage(stage)) missingRuntime.RemoveAll(p => native.BuildPackages.Any(b => Covers(b, p)));
                if (missingBuild.Count == 0 && missingRuntime.Count == 0) continue;
                Report(context, facts, install, package, native, stage, final, missingBuild, missingRuntime);
            }
        }
    }

    /// <summary>A -dev package also brings the library it is for (libpq-dev → libpq5).</summary>
    private static bool Covers(string buildPackage, string runtimePackage) =>
        (buildPackage, runtimePackage) is ("libpq-dev", "libpq5") or ("default-libmysqlclient-dev", "libmariadb3");

    private static bool IsDebianWithoutBuildTools(BaseImageInfo? info) => info is not null && info.Libc == Libc.Glibc
        && info.Variant is ImageVariant.Slim or ImageVariant.Unknown
        && info.Family is BaseImageFamily.OfficialPython or BaseImageFamily.Other;

    private static void Report(RuleContext context, DockerfileFacts facts, ProjectInstall install, ProjectPackage package, NativePackage native,
        Stage stage, Stage final, List<string> missingBuild, List<string> missingRuntime)
    {
        var where = package.Manifest is { } manifest ? $" ({PathUtil.GetFileName(manifest.Path)})" : "";
        var parts = new List<string>();
        if (missingBuild.Count > 0) parts.Add($"compiles from source and needs {Join(missingBuild)}, which {(context.Model.IsProductionStage(stage) ? "this stage does" : $"stage {stage.DisplayName} does")} not install before it");
        if (missingRuntime.Count > 0) parts.Add($"needs {Join(missingRuntime)} at run time, which the final stage does not install");
        var message = $"{package.Name}{where} {string.Join("; it also ", parts)}.";

        var span = install.RequirementFiles.FirstOrDefault(r => package.Entry is not null
                       && facts.RequirementFiles.Any(f => ReferenceEquals(f.Argument, r) && f.Set.Requirements.Contains(package.Entry)))?.ValueSpan
                   ?? package.Word?.Span ?? install.Verb.Span;

        var fixes = new List<Fix>();
        if (AptFix(context, install, stage, final, missingBuild, missingRuntime) is { } apt) fixes.Add(apt);
        if (native.BinaryAlternative is { } binary)
        {
            if (package.Manifest is { } declared && package.Entry is not { Hashes.Count: > 0 })
            {
                if (BinaryPackageFix.ForManifest(declared.Path, declared.Text, declared.Span, package.Name, binary, isPreferred: false) is { } rename) fixes.Add(rename);
            }
            else if (package.Word is { } word && word.Text == word.Value && word.Value.StartsWith(package.Name, StringComparison.Ordinal))
            {
                fixes.Add(context.DockerfileFix($"Install {binary} instead of {package.Name}", FixSafety.Unsafe,
                    new TextEdit(new TextSpan(word.Span.Start, package.Name.Length), binary)));
            }
        }
        var related = package.Manifest is { } at
            ? new[] { RuleContext.Related(at.Path, at.Text, at.Span, $"{package.Name} is required here") }
            : Array.Empty<RelatedLocation>();
        context.Report(span, message, fixes, related);
    }

    private static string Join(IReadOnlyList<string> names) =>
        names.Count == 1 ? names[0] : string.Join(", ", names.Take(names.Count - 1)) + " and " + names[^1];

    /// <summary>The Dockerfile edits that install the missing packages: into the stage's last apt-get install before the
    /// Python install (or a new RUN right before it) and the final stage's last apt-get install (or a new RUN after its FROM).</summary>
    private static Fix? AptFix(RuleContext context, ProjectInstall install, Stage stage, Stage final, List<string> missingBuild, List<string> missingRuntime)
    {
        var edits = new List<TextEdit>();
        var newLine = context.Source.PreferredNewLine;
        if (missingBuild.Count > 0)
        {
            var own = OsPackageInstalls.OwnedBy(stage).Where(a => a.Run.Span.Start < install.Run.Span.Start
                || (ReferenceEquals(a.Run, install.Run) && a.Command.Span.Start < install.Command.Span.Start)).LastOrDefault();
            if (own is { Packages.Count: > 0 })
                edits.Add(TextEdit.Insert(own.Packages[^1].Span.End, " " + string.Join(" ", missingBuild)));
            else
            {
                int lineStart = LineStart(context.Source.Text, install.Run.Span.Start);
                var indent = context.Source.Text.Substring(lineStart, install.Run.Span.Start - lineStart);
                if (indent.Trim().Length != 0) return null;
                edits.Add(TextEdit.Insert(lineStart, indent + AptRun(missingBuild) + newLine));
            }
        }
        bool stageIsFinal = context.Model.IsProductionStage(stage);
        if (missingRuntime.Count > 0 && !(stageIsFinal && missingBuild.Count > 0))
        {
            var own = OsPackageInstalls.OwnedBy(final).LastOrDefault();
            if (own is { Packages.Count: > 0 } && !(ReferenceEquals(own.Run, install.Run)))
                edits.Add(TextEdit.Insert(own.Packages[^1].Span.End, " " + string.Join(" ", missingRuntime)));
            else
            {
                int afterFrom = LineEnd(context.Source.Text, final.From.Span.End);
                if (afterFrom < 0) return null;
                var indent = context.Source.Text.Substring(LineStart(context.Source.Text, final.From.Span.Start), final.From.Span.Start - LineStart(context.Source.Text, final.From.Span.Start));
                if (indent.Trim().Length != 0) indent = "";
                edits.Add(TextEdit.Insert(afterFrom, indent + AptRun(missingRuntime) + newLine));
            }
        }
        if (edits.Count == 0) return null;
        var title = missingBuild.Count > 0 && missingRuntime.Count > 0 && !(stageIsFinal && missingBuild.Count > 0)
            ? $"Install {Join(missingBuild)} in stage {stage.DisplayName} and {Join(missingRuntime)} in the final stage"
            : missingBuild.Count > 0 ? $"Install {Join(missingBuild)} before the Python install" : $"Install {Join(missingRuntime)} in the final stage";
        return context.PreferredDockerfileFix(title, FixSafety.Unsafe, edits.ToArray());
    }

    private static string AptRun(IEnumerable<string> packages) =>
        "RUN apt-get update && apt-get install -y --no-install-recommends " + string.Join(" ", packages) + " && rm -rf /var/lib/apt/lists/*";

    private static int LineStart(string text, int offset)
    {
        while (offset > 0 && text[offset - 1] != '\n' && text[offset - 1] != '\r') offset--;
        return offset;
    }

    /// <summary>The offset just after the line break that ends the line holding <paramref name="offset"/>; -1 at the end of
    /// a text without a final line break.</summary>
    private static int LineEnd(string text, int offset)
    {
        int i = offset;
        while (i < text.Length && text[i] != '\n' && text[i] != '\r') i++;
        if (i >= text.Length) return -1;
        if (text[i] == '\r' && i + 1 < text.Length && text[i + 1] == '\n') return i + 2;
        return i + 1;
    }
}
