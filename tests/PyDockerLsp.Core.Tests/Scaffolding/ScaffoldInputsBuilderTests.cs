using PyDockerLsp.Core.IO;
using PyDockerLsp.Core.Scaffolding;
using Xunit;

namespace PyDockerLsp.Core.Tests.Scaffolding;

/// <summary>Detection from a project's files: each answer and the reason it gives.</summary>
public class ScaffoldInputsBuilderTests
{
    private const string Root = "/p";

    private static ScaffoldInputs Detect(params (string Path, string Text)[] files)
    {
        var fs = new InMemoryFileSystem();
        foreach (var (path, text) in files) fs.Add(Root + "/" + path, text);
        return ScaffoldInputsBuilder.Detect(Root, fs);
    }

    public static IEnumerable<object[]> ManagerCases() => new[]
    {
        new object[] { new[] { ("requirements.txt", "flask==3.0\n") }, PackageManager.PipRequirements, "requirements.txt found" },
        new object[] { new[] { ("pyproject.toml", "[project]\nname='x'\ndependencies=['flask']\n") }, PackageManager.PipPyProject, "[project] in pyproject.toml and no lock file" },
        new object[] { new[] { ("pyproject.toml", "[project]\nname='x'\n"), ("uv.lock", "version = 1\n") }, PackageManager.Uv, "uv.lock found" },
        new object[] { new[] { ("pyproject.toml", "[tool.poetry]\nname='x'\n"), ("poetry.lock", "") }, PackageManager.Poetry, "poetry.lock found" },
        new object[] { new[] { ("Pipfile", "[packages]\nflask='*'\n"), ("Pipfile.lock", "{}") }, PackageManager.Pipenv, "Pipfile.lock found" },
        new object[] { new[] { ("app.py", "print(1)\n") }, PackageManager.PipRequirements, "no Python manifest found (no requirements file, pyproject.toml, lock file or Pipfile)" },
    };

    [Theory]
    [MemberData(nameof(ManagerCases))]
    public void The_package_manager_comes_from_the_manifests_with_the_reason((string, string)[] files, PackageManager expected, string reason)
    {
        var inputs = Detect(files);
        Assert.Equal(expected, inputs.PackageManager.Value);
        Assert.Equal(reason, inputs.PackageManager.Reason);
    }

    public static IEnumerable<object[]> PythonCases() => new[]
    {
        new object[] { "pyproject.toml", "[project]\nname='x'\nrequires-python = \">=3.11,<3.13\"\n", "3.12", "requires-python >=3.11,<3.13 in pyproject.toml: 3.12 is the newest Python it allows", "3.11,3.12" },
        new object[] { "pyproject.toml", "[tool.poetry]\nname='x'\n[tool.poetry.dependencies]\npython = \"~3.10\"\n", "3.10", "[tool.poetry.dependencies] python ~3.10 in pyproject.toml", "3.10" },
        new object[] { ".python-version", "3.11.4\n", "3.11", ".python-version says 3.11.4", "3.11" },
        new object[] { "Pipfile", "[requires]\npython_version = \"3.9\"\n", "3.9", "Pipfile python_version 3.9 in Pipfile", "3.9" },
        new object[] { "requirements.txt", "flask\n", ScaffoldImages.StablePython, $"the project states no Python version; {ScaffoldImages.StablePython} is the current stable Python", "" },
    };

    [Theory]
    [MemberData(nameof(PythonCases))]
    public void The_Python_is_the_newest_the_most_authoritative_constraint_allows(string file, string text, string expected, string reason, string allowed)
    {
        var inputs = Detect((file, text));
        Assert.Equal(expected, inputs.PythonVersion.Value);
        Assert.Equal(reason, inputs.PythonVersion.Reason);
        Assert.Equal(allowed, string.Join(",", inputs.AllowedPythonVersions));
    }

    [Fact]
    public void Every_constraint_narrows_the_choice()
    {
        var inputs = Detect(("pyproject.toml", "[project]\nname='x'\nrequires-python='>=3.11'\n"), (".python-version", "3.12\n"));
        Assert.Equal("3.12", inputs.PythonVersion.Value);
        Assert.Equal("requires-python >=3.11 in pyproject.toml and .python-version says 3.12", inputs.PythonVersion.Reason);
        Assert.Equal(new[] { "3.12" }, inputs.AllowedPythonVersions);
    }

    [Fact]
    public void A_constraint_that_contradicts_a_more_authoritative_one_is_left_out()
    {
        var inputs = Detect(("pyproject.toml", "[project]\nname='x'\nrequires-python='>=3.10,<3.12'\n"), (".python-version", "3.13\n"));
        Assert.Equal("3.11", inputs.PythonVersion.Value);
        Assert.Equal("requires-python >=3.10,<3.12 in pyproject.toml: 3.11 is the newest Python it allows", inputs.PythonVersion.Reason);
    }

    [Fact]
    public void Runtime_requirements_files_leave_out_dev_files_constraints_and_files_another_runtime_file_includes()
    {
        var inputs = Detect(
            ("requirements/base.txt", "django==5.0\n-c ../constraints.txt\n"),
            ("requirements/production.txt", "-r base.txt\ngunicorn==22.0\n"),
            ("requirements/dev.txt", "-r base.txt\npytest==8.0\n"),
            ("constraints.txt", "django<6\n"));
        Assert.Equal(new[] { "requirements/production.txt" }, inputs.RuntimeRequirementsFiles);
        Assert.Equal(new[] { "requirements/dev.txt" }, inputs.DevRequirementsFiles);
        Assert.Equal(new[] { "constraints.txt", "requirements/base.txt" }, inputs.RequirementsIncludedFiles);
        Assert.True(inputs.HasDevDependencies);
    }

    [Fact]
    public void A_pip_compile_input_beside_its_output_is_not_installed()
    {
        var inputs = Detect(("requirements.in", "flask\n"), ("requirements.txt", "flask==3.0\n"));
        Assert.Equal(new[] { "requirements.txt" }, inputs.RuntimeRequirementsFiles);
    }

    [Fact]
    public void Pyproject_gives_the_name_readme_license_files_and_installability()
    {
        var inputs = Detect(
            ("pyproject.toml", "[project]\nname = \"shop-api\"\nreadme = \"./docs/README.md\"\nlicense = {file = \"COPYING\"}\nlicense-files = [\"LICEN[CS]E*\"]\n\n[build-system]\nrequires = [\"hatchling\"]\nbuild-backend = \"hatchling.build\"\n"),
            ("LICENSE.txt", "MIT"), ("NOTICE", "x"));
        Assert.Equal("shop-api", inputs.ProjectName);
        Assert.Equal("docs/README.md", inputs.ReadmeFile);
        Assert.Equal(new[] { "LICENSE.txt", "COPYING" }, inputs.LicenseFiles);
        Assert.True(inputs.IsInstallable);
    }

    [Theory]
    [InlineData("[tool.poetry]\nname='x'\npackage-mode = false\n[build-system]\nrequires=['poetry-core']\nbuild-backend='poetry.core.masonry.api'\n", false)]
    [InlineData("[project]\nname='x'\n[tool.uv]\npackage = false\n[build-system]\nrequires=['hatchling']\nbuild-backend='hatchling.build'\n", false)]
    [InlineData("[project]\nname='x'\n", false)]
    [InlineData("[project]\nname='x'\n[build-system]\nrequires=['setuptools']\n", true)]
    public void A_project_is_installable_when_it_has_a_build_system_and_does_not_opt_out(string pyproject, bool installable)
    {
        Assert.Equal(installable, Detect(("pyproject.toml", pyproject)).IsInstallable);
    }

    [Fact]
    public void The_framework_found_in_the_code_wins_and_keeps_the_agreeing_dependency_as_reason()
    {
        var inputs = Detect(("requirements.txt", "fastapi==0.115\nuvicorn==0.30\n"), ("main.py", "from fastapi import FastAPI\n\nweb = FastAPI()\n"));
        Assert.Equal(WebFramework.FastApi, inputs.Framework.Value);
        Assert.Equal("found `web = FastAPI(...)` in main.py line 3; fastapi is a dependency in requirements.txt", inputs.Framework.Reason);
        Assert.Equal("main:web", inputs.EntryPoint!.Value.Target);
        Assert.Equal(8000, inputs.Port!.Value);
        Assert.True(inputs.ServerIsDependency);
    }

    [Fact]
    public void A_framework_only_named_in_the_dependencies_is_used_with_its_default_port()
    {
        var inputs = Detect(("requirements.txt", "Flask==3.0\n"));
        Assert.Equal(WebFramework.Flask, inputs.Framework.Value);
        Assert.Equal("Flask is a dependency in requirements.txt", inputs.Framework.Reason);
        Assert.Null(inputs.EntryPoint);
        Assert.Equal(5000, inputs.Port!.Value);
        Assert.False(inputs.ServerIsDependency);
    }

    [Theory]
    [InlineData("fastapi[standard]>=0.115", true)]
    [InlineData("fastapi>=0.115", false)]
    public void FastApis_standard_extra_brings_uvicorn(string requirement, bool serverIsDependency)
    {
        var inputs = Detect(("pyproject.toml", $"[project]\nname='x'\ndependencies=['{requirement}']\n"), ("app.py", "from fastapi import FastAPI\napp = FastAPI()\n"));
        Assert.Equal(serverIsDependency, inputs.ServerIsDependency);
    }

    [Fact]
    public void A_console_script_of_an_installable_project_is_the_entry_point_of_a_non_web_project()
    {
        var inputs = Detect(
            ("pyproject.toml", "[project]\nname='tool'\n[project.scripts]\ntool = \"tool.cli:main\"\nother = \"tool.other:run\"\n[build-system]\nrequires=['hatchling']\nbuild-backend='hatchling.build'\n"),
            ("tool/__init__.py", ""), ("tool/__main__.py", "from .cli import main\nmain()\n"));
        Assert.Equal(EntryPointKind.ConsoleScript, inputs.EntryPoint!.Value.Kind);
        Assert.Equal("tool", inputs.EntryPoint.Value.Target);
        Assert.Equal("tool.cli:main", inputs.EntryPoint.Value.ConsoleScriptTarget);
        Assert.Equal("[project.scripts] in pyproject.toml defines `tool = \"tool.cli:main\"` (the first of 2)", inputs.EntryPoint.Reason);
    }

    [Fact]
    public void Without_an_install_the_package_main_module_is_the_entry_point()
    {
        var inputs = Detect(("requirements.txt", "requests\n"), ("tool/__init__.py", ""), ("tool/__main__.py", "print(1)\n"));
        Assert.Equal(new EntryPoint(EntryPointKind.Module, "tool"), inputs.EntryPoint!.Value);
        Assert.Null(inputs.Port);
    }

    [Fact]
    public void Native_needs_come_from_the_package_table_with_the_dependency_and_file()
    {
        var inputs = Detect(("requirements.txt", "psycopg2==2.9.9\nnumpy\n"));
        Assert.Equal(new[] { "libpq-dev", "gcc" }, inputs.NativeNeeds.BuildPackages);
        Assert.Equal(new[] { "libpq5" }, inputs.NativeNeeds.RuntimePackages);
        Assert.Equal("psycopg2 (requirements.txt) needs libpq-dev, gcc to build and libpq5 at run time", inputs.NativeNeeds.Reason);
    }

    public static IEnumerable<object[]> IndexCases() => new[]
    {
        new object[] { new[] { ("pyproject.toml", "[project]\nname='x'\n[[tool.uv.index]]\nname='corp'\nurl='https://user:secret@pypi.corp.example/simple'\n"), ("uv.lock", "") },
            null!, "pyproject.toml [[tool.uv.index]]", "pyproject.toml configures the uv index https://***@pypi.corp.example/simple" },
        new object[] { new[] { ("pyproject.toml", "[tool.poetry]\nname='x'\n[[tool.poetry.source]]\nname='corp'\nurl='https://nexus.example/simple'\n") },
            null!, "pyproject.toml [[tool.poetry.source]]", "pyproject.toml declares the Poetry source https://nexus.example/simple" },
        new object[] { new[] { ("requirements.txt", "--index-url https://${TOKEN}@art.example/simple\nflask\n") },
            null!, "requirements.txt", "requirements.txt line 1 sets --index-url https://***@art.example/simple" },
        new object[] { new[] { ("requirements.txt", "flask\n"), ("pip.conf", "[global]\nindex-url = https://art.example/simple\n") },
            "pip.conf", null!, "pip.conf in the project sets index-url https://art.example/simple" },
    };

    [Theory]
    [MemberData(nameof(IndexCases))]
    public void A_private_index_is_found_in_the_manifests_or_a_pip_conf_without_credentials((string, string)[] files, string? pipConf, string? declaredIn, string reason)
    {
        var index = Detect(files).PrivateIndex;
        Assert.NotNull(index);
        Assert.Equal(pipConf, index!.PipConfFile);
        Assert.Equal(declaredIn, index.DeclaredIn);
        Assert.Equal(reason, index.Reason);
    }

    [Fact]
    public void PyPI_itself_is_not_a_private_index()
    {
        Assert.Null(Detect(("requirements.txt", "--index-url https://pypi.org/simple\nflask\n")).PrivateIndex);
    }

    [Fact]
    public void Dev_dependencies_of_a_uv_project_are_detected_from_dependency_groups()
    {
        Assert.True(Detect(("pyproject.toml", "[project]\nname='x'\n[dependency-groups]\ndev=['pytest']\n"), ("uv.lock", "")).HasDevDependencies);
        Assert.False(Detect(("pyproject.toml", "[project]\nname='x'\n[project.optional-dependencies]\nfast=['orjson']\n"), ("uv.lock", "")).HasDevDependencies);
    }

    [Fact]
    public void Tool_uv_without_a_lock_installs_from_the_project_table()
    {
        var inputs = Detect(("pyproject.toml", "[project]\nname='x'\ndependencies=['httpx']\n[tool.uv]\ndev-dependencies=['pytest']\n"));
        Assert.Equal(PackageManager.PipPyProject, inputs.PackageManager.Value);
        Assert.Equal("[tool.uv] in pyproject.toml but no uv.lock, so the dependencies are installed from [project]", inputs.PackageManager.Reason);
    }

    [Fact]
    public void A_command_line_tool_that_depends_on_a_web_framework_is_run_by_its_console_script()
    {
        var inputs = Detect(
            ("pyproject.toml", "[project]\nname='tool'\ndependencies=['flask']\n[project.scripts]\ntool = \"tool.cli:main\"\n[build-system]\nrequires=['hatchling']\nbuild-backend='hatchling.build'\n"),
            ("tool/__init__.py", ""), ("tool/cli.py", "def main():\n    pass\n"));
        Assert.Equal(WebFramework.None, inputs.Framework.Value);
        Assert.Equal("no app object found in the code, and the project is a command-line tool; flask is a dependency in pyproject.toml, but the console script is what runs", inputs.Framework.Reason);
        Assert.Equal(EntryPointKind.ConsoleScript, inputs.EntryPoint!.Value.Kind);
        Assert.Null(inputs.Port);
    }

    [Theory]
    [MemberData(nameof(ScaffoldFixtures.ManagerFrameworkPairs), MemberType = typeof(ScaffoldFixtures))]
    public void Every_fixture_project_is_detected_with_its_manager_and_app(PackageManager manager, FixtureFramework framework)
    {
        var inputs = ScaffoldInputsBuilder.Detect(ScaffoldFixtures.Root, ScaffoldFixtures.Files(manager, framework));
        var expected = ScaffoldFixtures.Inputs(manager, framework);
        Assert.Equal(manager, inputs.PackageManager.Value);
        Assert.Equal(expected.Framework.Value, inputs.Framework.Value);
        Assert.Equal(expected.EntryPoint?.Value.Target, inputs.EntryPoint?.Value.Target);
    }
}
