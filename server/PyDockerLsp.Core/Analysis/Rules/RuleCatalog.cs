namespace PyDockerLsp.Core.Analysis.Rules;

/// <summary>
/// THE list of rules. A rule is one class in its own file (code and documentation together); to add one, write the
/// class and add one line here. <c>RuleRegistryTests.The_catalogue_lists_every_rule_class_exactly_once</c> fails,
/// naming the class, while a rule class is missing. (A list instead of scanning the assembly by reflection: the scan
/// loaded every type of the assembly and cost about 10 ms on the way to an editor's first diagnostics.)
/// </summary>
internal static class RuleCatalog
{
    public static IRuleMetadata[] Create() => new IRuleMetadata[]
    {
        // BaseImage
        new BaseImage.AlpineWithNativeWheelsRule(),
        new BaseImage.BaseImageDigestRule(),
        new BaseImage.BuildToolsInFinalStageRule(),
        new BaseImage.FullBaseImageRule(),
        new BaseImage.PythonVersionMismatchRule(),
        new BaseImage.SingleStageBuildRule(),
        new BaseImage.StagePythonMismatchRule(),
        new BaseImage.UnpinnedBaseImageRule(),
        // Installs
        new Installs.CacheMountDefeatedRule(),
        new Installs.DepsAfterSourceCopyRule(),
        new Installs.DevDependenciesInProductionRule(),
        new Installs.InstallCacheNotMountedRule(),
        new Installs.InstallInFinalStageRule(),
        new Installs.LockfileIgnoredRule(),
        new Installs.NativeBuildDepsRule(),
        new Installs.UnfrozenInstallRule(),
        new Installs.UnpinnedRequirementsRule(),
        new Installs.UnpinnedToolImageRule(),
        new Installs.VenvNotOnPathRule(),
        // OsPackages
        new OsPackages.AptInstallRecommendsRule(),
        new OsPackages.AptListsNotRemovedRule(),
        new OsPackages.AptMissingYesRule(),
        new OsPackages.AptNotAptGetRule(),
        new OsPackages.AptUpdateAloneRule(),
        new OsPackages.FinalStageNotUpgradedRule(),
        new OsPackages.UpgradeOutsideFinalRule(),
        // Security
        new Security.PipConfigInFinalStageRule(),
        new Security.RunsAsRootRule(),
        new Security.SecretInBuildArgsRule(),
        new Security.SudoInRunRule(),
        new Security.TlsVerificationDisabledRule(),
        // Runtime
        new Runtime.DevServerInProductionRule(),
        new Runtime.MissingHealthcheckRule(),
        new Runtime.PythonEnvMissingRule(),
        new Runtime.ShellFormCommandRule(),
        // BuildContext
        new BuildContext.DockerignoreExcludesNeededRule(),
        new BuildContext.DockerignoreIncompleteRule(),
        new BuildContext.DockerignoreMissingRule(),
        new BuildContext.ManifestNotInContextRule(),
        // Manifests
        new Manifests.DevToolInRuntimeRequirementsRule(),
        new Manifests.DuplicateRequirementRule(),
        new Manifests.IncludeProblemRule(),
        new Manifests.ManifestSyntaxRule(),
        new Manifests.SourceOnlyDriverRule(),
        new Manifests.UnknownPipOptionRule(),
    };
}
