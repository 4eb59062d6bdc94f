namespace PyDockerLsp.Core.Analysis.Rules.Manifests;

/// <summary>
/// Packages that developers run (test runners, linters, formatters, type checkers, debuggers) and never the
/// deployed app, and the names projects give to groups and extras that hold them.
/// </summary>
internal static class DevTools
{
    private static readonly HashSet<string> Tools = new(StringComparer.Ordinal)
    {
        "pytest", "black", "ruff", "mypy", "flake8", "isort", "pylint", "coverage", "tox", "nox", "pre-commit",
        "ipdb", "pdbpp", "bandit", "pyright", "pytype", "autopep8", "yapf", "pydocstyle", "pycodestyle", "pyflakes",
        "codespell", "pip-audit", "safety", "pyupgrade", "django-debug-toolbar", "types-requests",
    };

    /// <summary>Plugin families whose every member is a development tool (pytest-cov, flake8-bugbear…).</summary>
    private static readonly string[] ToolPrefixes = { "pytest-", "flake8-", "mypy-boto3", "pylint-", "types-" };

    /// <summary>True for a development tool, by its PEP 503 normalised name.</summary>
    public static bool IsTool(string normalizedName)
    {
        if (Tools.Contains(normalizedName)) return true;
        foreach (var prefix in ToolPrefixes)
            if (normalizedName.StartsWith(prefix, StringComparison.Ordinal)) return true;
        return false;
    }

    /// <summary>True for a dependency group or extra that holds development tools ("dev", "test", "lint"…).</summary>
    public static bool IsDevelopmentGroup(string name) => Python.PythonProject.IsDevelopmentName(name);

    /// <summary>True when one of the words of a file name is a development word: <c>requirements-dev.txt</c>,
    /// <c>test_requirements.txt</c>, <c>requirements/lint.txt</c> (but not <c>requirements-docker.txt</c>).</summary>
    public static bool HasDevelopmentWord(string name) => Python.PythonProject.HasDevelopmentWord(name);
}
