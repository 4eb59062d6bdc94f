using PyDockerLsp.Core.Python;
using PyDockerLsp.Core.Python.Manifests;
using PyDockerLsp.Core.Text;

namespace PyDockerLsp.Core.Analysis.Rules.Manifests;

/// <summary>PD805 source-only-driver: psycopg2 (always built from source) where its binary package would do.</summary>
public sealed class SourceOnlyDriverRule : IManifestRule
{
    public RuleDescriptor Descriptor { get; } = new(
        "PD805", "source-only-driver", RuleCategory.BuildSpeed, Severity.Hint,
        new RuleDocumentation
        {
            WhatItDoes =
                "Points at a dependency on `psycopg2` in a requirements file, pyproject.toml (`[project]` dependencies, extras, "
                + "dependency groups, Poetry's tables) or the Pipfile. psycopg2 is published as source only; `psycopg2-binary` is "
                + "the same driver with the PostgreSQL client library bundled in ready-made wheels.",
            WhyItMatters =
                "Every image build compiles psycopg2: the Dockerfile needs gcc and `libpq-dev` in a builder stage, `libpq5` in the "
                + "final one, and the build takes longer. With `psycopg2-binary` (or psycopg 3 with `psycopg[binary]`) pip "
                + "installs a wheel and no build packages are needed.",
            Example = "# requirements.txt\npsycopg2==2.9.10",
            UseInstead = "# requirements.txt\npsycopg2-binary==2.9.10",
            ExampleLanguage = "text",
            FixHint = "Depend on psycopg2-binary instead.",
            FixSafety =
                "The fix replaces the package name and keeps the version clause, extras and marker. It is unsafe: the binary "
                + "package bundles its own libpq and OpenSSL, which psycopg2's authors advise against for some production setups, "
                + "and hash-pinned lines are not rewritten (their hashes belong to the source package).",
        });

    public void Check(ManifestRuleContext context)
    {
        var document = context.Document;
        switch (document.Kind)
        {
            case DocumentKind.Requirements:
                foreach (var entry in document.RequirementsFile?.Requirements ?? Array.Empty<Python.Requirements.RequirementEntry>())
                {
                    if (entry.IsConstraint || entry.NormalizedName is not { } name || BinaryPackageFix.AlternativeOf(name) is not { } binary) continue;
                    var fix = entry.Hashes.Count > 0 ? null : BinaryPackageFix.ForManifest(context.Path, context.Source, entry.NameSpan, entry.Name!, binary, isPreferred: true);
                    Report(context, entry.NameSpan, entry.Name!, binary, fix);
                }
                break;
            case DocumentKind.PyProject when document.PyProject is { } pyproject:
                foreach (var declaration in RequirementStrings(pyproject)) CheckRequirementString(context, declaration);
                foreach (var dependency in PoetryDependencies(pyproject)) CheckNamed(context, dependency.Name, dependency.NormalizedName);
                break;
            case DocumentKind.Pipfile when document.Pipfile is { } pipfile:
                foreach (var package in pipfile.Packages.Concat(pipfile.DevPackages)) CheckNamed(context, package.Name, package.NormalizedName);
                break;
        }
    }

    private static void CheckRequirementString(ManifestRuleContext context, SpannedString declaration)
    {
        if (PythonProject.DependencyName(declaration.Value) is not { } name) return;
        if (BinaryPackageFix.AlternativeOf(PythonProject.Normalize(name)) is not { } binary) return;
        if (BinaryPackageFix.NameSpan(context.Source, declaration.ContentSpan, name) is not { } span) return;
        Report(context, span, name, binary, BinaryPackageFix.ForManifest(context.Path, context.Source, declaration.ContentSpan, name, binary, isPreferred: true));
    }

    private static void CheckNamed(ManifestRuleContext context, SpannedName name, string normalized)
    {
        if (BinaryPackageFix.AlternativeOf(normalized) is not { } binary) return;
        Report(context, name.Span, name.Name, binary, BinaryPackageFix.ForManifest(context.Path, context.Source, name.Span, name.Name, binary, isPreferred: true));
    }

    private static void Report(ManifestRuleContext context, TextSpan span, string name, string binary, Fix? fix) =>
        context.Report(span, $"{name} is built from source on every install (needs gcc and libpq-dev); {binary} installs the same driver from a ready-made wheel.",
            fix is null ? null : new[] { fix });

    /// <summary>Every PEP 508 requirement string of pyproject.toml: [project] dependencies and extras, dependency
    /// groups, and uv's dev-dependencies.</summary>
    private static IEnumerable<SpannedString> RequirementStrings(PyProjectFile pyproject)
    {
        foreach (var d in pyproject.Project?.Dependencies ?? Array.Empty<SpannedString>()) yield return d;
        foreach (var extra in pyproject.Project?.OptionalDependencies ?? Array.Empty<OptionalDependencyGroup>())
            foreach (var d in extra.Dependencies) yield return d;
        foreach (var group in pyproject.DependencyGroups)
            foreach (var entry in group.Entries)
                if (entry.Requirement is { } d) yield return d;
        foreach (var d in pyproject.Uv?.DevDependencies ?? Array.Empty<SpannedString>()) yield return d;
    }

    private static IEnumerable<PoetryDependency> PoetryDependencies(PyProjectFile pyproject)
    {
        if (pyproject.Poetry is not { } poetry) yield break;
        foreach (var d in poetry.Dependencies) yield return d;
        foreach (var group in poetry.Groups)
            foreach (var d in group.Dependencies) yield return d;
        foreach (var d in poetry.DevDependencies) yield return d;
    }
}
