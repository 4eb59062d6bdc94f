namespace PyDockerLsp.Core.Scaffolding;

/// <summary>The Dockerfile patterns the scaffolder writes, each following one or more seeds in shared/seeds.</summary>
public enum PatternId
{
    BuilderVenv,
    DevTestStages,
    Uv,
    Poetry,
    Pipenv,
    Distroless,
}

/// <param name="Name">The stable kebab-case name used by the CLI (<c>--pattern uv</c>), the LSP command and the template file name.</param>
/// <param name="Seeds">The seed numbers the pattern follows.</param>
/// <param name="WhenRecommended">One sentence for the pattern picker.</param>
public sealed record PatternInfo(PatternId Id, string Name, string Title, IReadOnlyList<string> Seeds, string WhenRecommended, string Description)
{
    public string TemplateFileName => "Dockerfile." + Name + ".hbs";
}

public static class ScaffoldPatterns
{
    public static readonly PatternInfo BuilderVenv = new(PatternId.BuilderVenv, "builder-venv", "Builder + final with a /venv",
        new[] { "000" },
        "pip projects (requirements.txt or pyproject.toml without a lock), especially with a private package index",
        "A builder stage installs the dependencies into a virtual environment in /venv; the final stage upgrades the OS packages, " +
        "copies only /venv and the code, and runs as appuser. A private index's pip.conf reaches the builder only as a build secret.");

    public static readonly PatternInfo DevTestStages = new(PatternId.DevTestStages, "dev-test-stages", "Base / builder / dev / production",
        new[] { "001" },
        "projects with tests that should run in the image build (`docker build --target dev`)",
        "A shared base stage, a builder that installs the production dependencies with cache and bind mounts, a dev stage that adds " +
        "the dev dependencies and runs the tests, and a production stage that copies the environment from the builder.");

    public static readonly PatternInfo Uv = new(PatternId.Uv, "uv", "uv with the locked environment",
        new[] { "003", "004" },
        "projects locked with uv.lock; also a faster installer for requirements.txt projects",
        "The builder takes a pinned uv binary from its image, syncs the locked dependencies (cache and bind mounts, no dev group), " +
        "then the project itself; the final stage copies the virtual environment.");

    public static readonly PatternInfo Poetry = new(PatternId.Poetry, "poetry", "Poetry with an in-project venv",
        new[] { "003", "004" },
        "projects locked with poetry.lock",
        "The builder installs a pinned Poetry, copies pyproject.toml and poetry.lock first and installs the main group into /app/.venv; " +
        "the final stage copies the virtual environment.");

    public static readonly PatternInfo Pipenv = new(PatternId.Pipenv, "pipenv", "Pipenv with --deploy",
        new[] { "003", "004" },
        "projects locked with Pipfile.lock",
        "The builder installs a pinned Pipenv and runs `pipenv install --deploy` (fails when the lock is out of date) into /app/.venv; " +
        "the final stage copies the virtual environment.");

    public static readonly PatternInfo Distroless = new(PatternId.Distroless, "distroless", "Distroless final image",
        new[] { "002", "004" },
        "the smallest attack surface, for projects that need no system libraries at run time",
        "The builder installs the dependencies with the project's tool on the same Python and Debian release as Google's distroless " +
        "Python image; the final image has no shell and no package manager, gets the site-packages on PYTHONPATH and runs as nonroot.");

    /// <summary>All patterns, in the order the picker lists them when none is recommended.</summary>
    public static readonly IReadOnlyList<PatternInfo> All = new[] { BuilderVenv, DevTestStages, Uv, Poetry, Pipenv, Distroless };

    public static PatternInfo Get(PatternId id) => id switch
    {
        PatternId.BuilderVenv => BuilderVenv,
        PatternId.DevTestStages => DevTestStages,
        PatternId.Uv => Uv,
        PatternId.Poetry => Poetry,
        PatternId.Pipenv => Pipenv,
        PatternId.Distroless => Distroless,
        _ => throw new ArgumentOutOfRangeException(nameof(id), id, "unknown pattern"),
    };

    /// <summary>Finds a pattern by its kebab-case name (case-insensitive).</summary>
    public static bool TryParse(string? name, out PatternId id)
    {
        foreach (var pattern in All)
        {
            if (string.Equals(pattern.Name, name?.Trim(), StringComparison.OrdinalIgnoreCase)) { id = pattern.Id; return true; }
        }
        id = default;
        return false;
    }
}

/// <summary>One pattern as offered for a project: whether it applies, and why (or why not).</summary>
public sealed record PatternChoice(PatternInfo Pattern, bool IsAvailable, bool IsRecommended, string Reason);

/// <summary>The patterns for a project: the recommended one first, then the other available ones, then the unavailable ones.</summary>
/// <param name="Notes">Things the user should know whatever pattern they choose (no entry point found, server not a dependency, ...).</param>
public sealed record ScaffoldRecommendation(IReadOnlyList<PatternChoice> Choices, IReadOnlyList<string> Notes)
{
    public PatternChoice Recommended => Choices[0];
}

/// <summary>A file the scaffolder writes, relative to the project folder.</summary>
public sealed record GeneratedFile(string RelativePath, string Text);

public sealed record ScaffoldOptions
{
    /// <summary>A folder whose files replace bundled templates of the same name, one by one
    /// (<c>Dockerfile.uv.hbs</c>, <c>dockerignore.hbs</c>, <c>partials/healthcheck.hbs</c>, ...). Extra partials there are registered too.</summary>
    public string? TemplatesDirectory { get; init; }

    /// <summary>Reads <see cref="TemplatesDirectory"/>; required when it is set.</summary>
    public PyDockerLsp.Core.IO.IFileSystem? FileSystem { get; init; }

    /// <summary>Also generate <c>.dockerignore</c>.</summary>
    public bool IncludeDockerignore { get; init; } = true;

    public static readonly ScaffoldOptions Default = new();
}

/// <summary>A pattern that does not apply to the inputs, or a template that does not compile or render.</summary>
public sealed class ScaffoldException : Exception
{
    public ScaffoldException(string message, Exception? inner = null) : base(message, inner) { }
}
