using PyDockerLsp.Core.Context;
using PyDockerLsp.Core.IO;
using PyDockerLsp.Core.Syntax.Dockerfile;
using PyDockerLsp.Core.Text;

namespace PyDockerLsp.Core.Analysis;

/// <summary>
/// Everything the rules may read about one Dockerfile: its syntax (with the stage graph), its build context,
/// the context's <c>.dockerignore</c>, and the Python project found in the context. Built once per analysis.
/// </summary>
public sealed class ProjectModel
{
    public required string DockerfilePath { get; init; }
    public required DockerfileSyntax Syntax { get; init; }
    /// <summary>The build context folder (the Dockerfile's folder unless configured).</summary>
    public required string ContextDirectory { get; init; }
    /// <summary>Reads manifests and checks for files in the context (open editor buffers win over the disk).</summary>
    public required IFileSystem FileSystem { get; init; }
    /// <summary>The context's .dockerignore, or null when there is none.</summary>
    public DockerIgnore? DockerIgnore { get; init; }
    /// <summary>The Python project of the build context (manifests, locks, Python constraint), or null when the
    /// context holds no Python manifest at all.</summary>
    public Python.PythonProject? Python { get; init; }

    public SourceText Source => Syntax.Source;

    /// <summary>The stage a plain <c>docker build</c> produces (the last one), or null without any FROM.</summary>
    public Stage? FinalStage => Syntax.FinalStage;

    /// <summary>The final stage and every stage it is built FROM (transitively): what "production" means for most rules.</summary>
    public IReadOnlyList<Stage> ProductionStages => _production ??= FinalStage is null
        ? Array.Empty<Stage>()
        : FinalStage.SelfAndBaseStages().ToList();
    private IReadOnlyList<Stage>? _production;

    /// <summary>True when <paramref name="stage"/> is the final stage or one the final stage is built FROM.</summary>
    public bool IsProductionStage(Stage stage) => ProductionStages.Contains(stage);

    /// <summary>A path inside the build context, as Docker sees it ("requirements.txt" → "/ctx/requirements.txt").</summary>
    public string ContextPath(string relative) => PathUtil.Combine(ContextDirectory, relative);

    /// <summary>True when the file exists in the context and .dockerignore does not leave it out.</summary>
    public bool IsInBuildContext(string relative) =>
        FileSystem.FileExists(ContextPath(relative)) && !(DockerIgnore?.IsExcluded(relative) ?? false);
}
