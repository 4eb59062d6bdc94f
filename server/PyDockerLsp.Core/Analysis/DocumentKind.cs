namespace PyDockerLsp.Core.Analysis;

/// <summary>What a file is to this product, decided by its name alone.</summary>
public enum DocumentKind
{
    Unknown,
    Dockerfile,
    Requirements,
    PyProject,
    PoetryLock,
    UvLock,
    Pipfile,
    PipfileLock,
    PythonVersion,
    RuntimeTxt,
    DockerIgnore,
}

public static class DocumentClassifier
{
    public static DocumentKind Classify(string path)
    {
        var name = IO.PathUtil.GetFileName(path);
        var lower = name.ToLowerInvariant();
        if (lower == "dockerfile" || lower.StartsWith("dockerfile.", StringComparison.Ordinal) ||
            lower.EndsWith(".dockerfile", StringComparison.Ordinal) || lower == "containerfile" ||
            lower.StartsWith("containerfile.", StringComparison.Ordinal))
            return DocumentKind.Dockerfile;
        if (lower == "pyproject.toml") return DocumentKind.PyProject;
        if (lower == "poetry.lock") return DocumentKind.PoetryLock;
        if (lower == "uv.lock") return DocumentKind.UvLock;
        if (lower == "pipfile") return DocumentKind.Pipfile;
        if (lower == "pipfile.lock") return DocumentKind.PipfileLock;
        if (lower == ".python-version") return DocumentKind.PythonVersion;
        if (lower == "runtime.txt") return DocumentKind.RuntimeTxt;
        if (lower == ".dockerignore") return DocumentKind.DockerIgnore;
        if (lower.StartsWith("requirements", StringComparison.Ordinal) && lower.EndsWith(".txt", StringComparison.Ordinal))
            return DocumentKind.Requirements;
        // pip-compile inputs: requirements.in, requirements-dev.in, dev-requirements.in (not MANIFEST.in or a template).
        if (lower.EndsWith(".in", StringComparison.Ordinal) && lower.Contains("requirements", StringComparison.Ordinal))
            return DocumentKind.Requirements;
        // requirements/base.txt, requirements/dev.in: a .txt or .in inside a folder named "requirements".
        var dir = IO.PathUtil.GetFileName(IO.PathUtil.GetDirectory(path)).ToLowerInvariant();
        if (dir == "requirements" && (lower.EndsWith(".txt", StringComparison.Ordinal) || lower.EndsWith(".in", StringComparison.Ordinal)))
            return DocumentKind.Requirements;
        return DocumentKind.Unknown;
    }
}
