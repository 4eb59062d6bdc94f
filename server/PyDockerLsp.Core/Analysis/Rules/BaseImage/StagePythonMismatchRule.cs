using PyDockerLsp.Core.Features.Knowledge;
using PyDockerLsp.Core.Syntax.Dockerfile;

namespace PyDockerLsp.Core.Analysis.Rules.BaseImage;

/// <summary>PD105 stage-python-mismatch: a Python environment copied between stages with different Python or libc.</summary>
public sealed class StagePythonMismatchRule : IRule
{
    public RuleDescriptor Descriptor { get; } = new(
        "PD105", "stage-python-mismatch", RuleCategory.Correctness, Severity.Error,
        new RuleDocumentation
        {
            WhatItDoes =
                "Reports a `COPY --from=<stage>` that copies a Python environment (a virtual environment, the `--user` site "
                + "`/root/.local`, a `pip install --prefix`/`--target` directory, or a `site-packages` directory) from a "
                + "stage whose base image has another Python X.Y or another C library (glibc vs musl) than the stage it is "
                + "copied into. A virtual environment is also reported when the interpreter it points to lives elsewhere "
                + "in the target image (the official images' `/usr/local/bin` against distroless's `/usr/bin`).",
            WhyItMatters =
                "Installed packages belong to one interpreter: they sit under `lib/python3.11/site-packages`, compiled "
                + "extensions are built for that version's ABI (`cpython-311`) and for glibc or musl, and a virtual "
                + "environment's `bin/python` is a link to the interpreter it was made with. Copied into a stage with "
                + "Python 3.12, or from Debian into Alpine, the build still succeeds, but at run time imports fail, "
                + "compiled modules do not load, or the entry-point scripts point at a missing interpreter. Both stages "
                + "must use the same Python X.Y on the same libc.",
            Example =
                "FROM python:3.11-slim AS builder\n"
                + "RUN python -m venv /opt/venv && /opt/venv/bin/pip install -r requirements.txt\n\n"
                + "FROM python:3.12-slim\n"
                + "COPY --from=builder /opt/venv /opt/venv",
            UseInstead =
                "FROM python:3.12-slim AS builder\n"
                + "RUN python -m venv /opt/venv && /opt/venv/bin/pip install -r requirements.txt\n\n"
                + "FROM python:3.12-slim\n"
                + "COPY --from=builder /opt/venv /opt/venv",
            FixHint = "Build the environment on the same Python version and libc as the stage it is copied into.",
            FixSafety =
                "When both stages use the official `python` image, the fix changes the tag of the builder's base image: "
                + "to the target's Python version, keeping the builder's variant (`3.11` → `3.12`, `3.11-bookworm` → "
                + "`3.12-bookworm`), or, when the libc differs, to the target's tag itself. It is unsafe: the builder's "
                + "other steps (apt-get or apk, packages only available for one Python) may need changes too, and any "
                + "digest on the builder's image is dropped. It is not offered when a tag is written with a build argument "
                + "or the target is not an official python image whose interpreter path matches.",
        });

    public void Check(RuleContext context)
    {
        var syntax = context.Syntax;
        Dictionary<Stage, IReadOnlyList<PythonEnvironment>>? environments = null;
        var images = new Dictionary<Stage, StageBaseImage?>();
        StageBaseImage? ImageOf(Stage stage)
        {
            if (!images.TryGetValue(stage, out var image)) images[stage] = image = StageBaseImage.Of(stage);
            return image;
        }

        foreach (var stage in syntax.Stages)
        {
            foreach (var copy in stage.InstructionsOf<CopyInstruction>())
            {
                if (copy.FromStage is not { } source || ReferenceEquals(source, stage)) continue;
                if (ImageOf(source) is not { IsResolved: true } built || ImageOf(stage) is not { IsResolved: true } target) continue;
                if (ReferenceEquals(built.RootStage, target.RootStage)) continue;
                var mismatch = Compare(built.Info, target.Info);
                if (!mismatch.Any) continue;

                environments ??= new Dictionary<Stage, IReadOnlyList<PythonEnvironment>>();
                if (!environments.TryGetValue(source, out var known)) environments[source] = known = PythonEnvironments.CreatedIn(source);
                foreach (var argument in copy.SourcePaths)
                {
                    var path = copy.IsExecForm || argument.Value.IndexOfAny(QuotesAndDollar) < 0
                        ? argument.Value
                        : syntax.Expand(argument.Value, syntax.GetScopeBefore(copy)) ?? argument.Value;
                    if (PythonEnvironments.Classify(path, known) is not { } environment) continue;
                    if (Describe(path, environment, mismatch, built, target, source) is not { } message) continue;
                    var fixes = AlignFix(context, built, target, environment) is { } fix ? new[] { fix } : Array.Empty<Fix>();
                    context.Report(argument.Span, message, fixes,
                        new[] { RuleContext.Related(context.DockerfilePath, context.Source, built.Written.Span, $"stage '{source.DisplayName}' is built on {built.DisplayReference}") });
                }
            }
        }
    }

    private static readonly char[] QuotesAndDollar = { '"', '\'', '$' };

    private readonly record struct Mismatch(bool Version, bool Libc, bool InterpreterDirectory)
    {
        public bool Any => Version || Libc || InterpreterDirectory;
    }

    private static Mismatch Compare(BaseImageInfo built, BaseImageInfo target)
    {
        bool version = built.PythonVersion is { Minor: not null } a && target.PythonVersion is { Minor: not null } b
                       && (a.Major != b.Major || a.Minor != b.Minor);
        bool libc = IsLinuxLibc(built.Libc) && IsLinuxLibc(target.Libc) && built.Libc != target.Libc;
        bool directory = built.InterpreterPath is { } p && target.InterpreterPath is { } q && Directory(p) != Directory(q);
        return new Mismatch(version, libc, directory);
    }

    private static bool IsLinuxLibc(Libc libc) => libc is Libc.Glibc or Libc.Musl;

    private static string Directory(string path) => path[..path.LastIndexOf('/')];

    private static string? Describe(string path, PythonEnvironment environment, Mismatch mismatch, StageBaseImage built, StageBaseImage target, Stage source)
    {
        var from = $"`{built.DisplayReference}` in stage '{source.DisplayName}'";
        var to = $"`{target.DisplayReference}`";
        if (mismatch.Version || mismatch.Libc)
        {
            var builtWith = Runtime(built.Info, mismatch);
            var runsWith = Runtime(target.Info, mismatch);
            var consequence = mismatch.Libc && !mismatch.Version
                ? "its compiled extensions will not load"
                : "its packages are invisible to this interpreter and its compiled extensions will not load";
            return $"`{path}` was installed for {builtWith} ({from}) but this stage runs {runsWith} ({to}): {consequence}.";
        }
        if (environment.Kind == PythonEnvironmentKind.VirtualEnvironment && InterpreterMoves(environment, built.Info, target.Info))
        {
            var linked = environment.InterpreterDirectory is { } directory ? "an interpreter in " + directory : built.Info.InterpreterPath;
            return $"`{path}` is a virtual environment linked to {linked} ({from}), which does not exist in {to} (its Python is {target.Info.InterpreterPath}): its `python` and scripts will not start.";
        }
        return null;
    }

    /// <summary>True when a venv's interpreter directory (the one it was made with, else the builder image's) is not
    /// where the target image has its Python.</summary>
    private static bool InterpreterMoves(PythonEnvironment environment, BaseImageInfo built, BaseImageInfo target)
    {
        if (target.InterpreterPath is not { } targetPath) return false;
        var linked = environment.InterpreterDirectory ?? (built.InterpreterPath is { } builtPath ? Directory(builtPath) : null);
        return linked is not null && linked != Directory(targetPath);
    }

    private static string Runtime(BaseImageInfo info, Mismatch mismatch)
    {
        var parts = new List<string>();
        if (mismatch.Version || info.PythonVersion is { Minor: not null }) parts.Add("Python " + info.PythonVersion!.MajorMinor);
        if (mismatch.Libc) parts.Add(info.Libc == Libc.Musl ? "musl (Alpine)" : "glibc");
        return string.Join(" on ", parts);
    }

    /// <summary>Retags the builder's base image so that it provides the target's Python on the target's libc.</summary>
    private static Fix? AlignFix(RuleContext context, StageBaseImage built, StageBaseImage target, PythonEnvironment environment)
    {
        var from = built.Info;
        var to = target.Info;
        if (from.Family != BaseImageFamily.OfficialPython || !built.HasLiteralTag || to.PythonVersion is not { Minor: not null } version) return null;
        string? tag;
        if (from.Libc != to.Libc)
            tag = to.Family == BaseImageFamily.OfficialPython && target.HasLiteralTag ? to.Tag : null;
        else
            tag = from.TagWithPythonVersion(to.Family == BaseImageFamily.OfficialPython ? version.ToString() : version.MajorMinor);
        if (tag is null || built.RetagEdit(tag) is not { } edit) return null;

        // Only offer it when it really removes the mismatch (a venv cannot follow distroless's interpreter path).
        var after = BaseImageDocs.Analyze(from.Registry, from.Repository, tag, null);
        var remaining = Compare(after, to);
        if (remaining.Version || remaining.Libc || (environment.Kind == PythonEnvironmentKind.VirtualEnvironment && InterpreterMoves(environment, after, to))) return null;

        var stageName = built.RootStage.DisplayName;
        return context.PreferredDockerfileFix($"Build stage '{stageName}' on {built.WrittenReferenceWithTag(tag)} to match this stage", FixSafety.Unsafe, edit);
    }
}
