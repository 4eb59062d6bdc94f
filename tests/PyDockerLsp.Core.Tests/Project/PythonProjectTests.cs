using PyDockerLsp.Core.IO;
using PyDockerLsp.Core.Python;

namespace PyDockerLsp.Core.Tests.Project;

/// <summary>The PythonProject merges a build context's manifests: package manager and why, Python constraint and where, dependencies.</summary>
public class PythonProjectTests
{
    private static PythonProject? Load(params (string Name, string Text)[] files)
    {
        var fs = new InMemoryFileSystem();
        foreach (var (name, text) in files) fs.Add("/ctx/" + name, text);
        return PythonProject.Load("/ctx", fs);
    }

    public static TheoryData<string, PackageManager, string> Managers => new()
    {
        { "uv.lock", PackageManager.Uv, "uv.lock found" },
        { "poetry.lock", PackageManager.Poetry, "poetry.lock found" },
        { "Pipfile", PackageManager.Pipenv, "Pipfile found" },
        { "requirements.txt", PackageManager.PipRequirements, "requirements.txt found" },
    };

    [Theory]
    [MemberData(nameof(Managers))]
    public void The_package_manager_comes_with_its_reason(string file, PackageManager manager, string reason)
    {
        var project = Load(("pyproject.toml", "[project]\nname = \"x\"\n"), (file, file.EndsWith(".lock") ? "version = 1\n" : ""))!;
        Assert.Equal(manager, project.Manager);
        Assert.Equal(reason, project.ManagerReason);
    }

    [Fact]
    public void A_pyproject_without_lock_or_requirements_means_pip_with_pyproject() =>
        Assert.Equal(PackageManager.PipPyProject, Load(("pyproject.toml", "[project]\nname = \"x\"\n"))!.Manager);

    [Fact]
    public void A_context_without_manifests_has_no_python_project() =>
        Assert.Null(Load(("app.py", "print(1)\n")));

    public static TheoryData<string, string, string, string> Constraints => new()
    {
        // file, text, expected kind, the constraint's text (its span must cover exactly that)
        { "pyproject.toml", "[project]\nname = \"x\"\nrequires-python = \">=3.10,<3.13\"\n", "requires-python", ">=3.10,<3.13" },
        { "pyproject.toml", "[tool.poetry.dependencies]\npython = \"^3.11\"\n", "[tool.poetry.dependencies] python", "^3.11" },
        { "Pipfile", "[requires]\npython_version = \"3.11\"\n", "Pipfile python_version", "3.11" },
        { ".python-version", "3.12\n", ".python-version", "3.12" },
    };

    [Theory]
    [MemberData(nameof(Constraints))]
    public void The_python_constraint_keeps_its_source(string file, string text, string kind, string constraint)
    {
        var c = Assert.Single(Load((file, text))!.PythonConstraints);
        Assert.Equal(kind, c.Kind);
        Assert.Equal(constraint, c.Location.Text[c.Location.Span]);
        Assert.True(c.IsUnderstood);
    }

    [Theory]
    [InlineData(">=3.10,<3.13", "3.12")]
    [InlineData(">=3.9", "3.14")]
    [InlineData("~=3.11.0", "3.11")]
    public void The_newest_allowed_python_series_is_known(string requiresPython, string newest)
    {
        var c = Load(("pyproject.toml", $"[project]\nname = \"x\"\nrequires-python = \"{requiresPython}\"\n"))!.PythonConstraints[0];
        Assert.Equal(newest, c.NewestAllowedMinor() is { } v ? $"{v.Major}.{v.Minor}" : null);
    }

    [Fact]
    public void Poetry_caret_constraints_are_understood() =>
        Assert.False(Load(("pyproject.toml", "[tool.poetry.dependencies]\npython = \"^3.11\"\n"))!.PythonConstraints[0].AllowsMinor(3, 10));

    [Fact]
    public void Runtime_and_development_dependencies_are_told_apart()
    {
        var project = Load(
            ("pyproject.toml", "[project]\nname = \"x\"\ndependencies = [\"fastapi>=0.110\", \"psycopg2==2.9.9\"]\n[dependency-groups]\ndev = [\"pytest\"]\n"),
            ("requirements.txt", "gunicorn==22.0.0\n-r requirements/base.txt\n"),
            ("requirements/base.txt", "Django==5.0\n"),
            ("requirements-dev.txt", "ruff==0.5\n"))!;
        Assert.Equal(new[] { "fastapi", "psycopg2", "gunicorn", "django" }, project.Dependencies.Select(d => d.NormalizedName));
        Assert.Contains(project.DevelopmentDependencies, d => d.NormalizedName == "pytest");
        Assert.Contains(project.DevelopmentDependencies, d => d.NormalizedName == "ruff");
        Assert.Equal(new[] { "psycopg2" }, project.NativeNeeds.Select(n => n.Package.Name));
        Assert.Equal(new[] { "django", "fastapi", "gunicorn" }, project.WebDependencies.Select(d => d.NormalizedName).OrderBy(x => x));
        var django = project.FindDependency("django")!;
        Assert.Equal("/ctx/requirements/base.txt", django.Location.Path);
        Assert.Equal("Django", django.Location.Text[django.Location.Span]);
    }
}
