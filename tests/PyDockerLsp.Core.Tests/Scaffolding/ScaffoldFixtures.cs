using PyDockerLsp.Core.IO;
using PyDockerLsp.Core.Scaffolding;

namespace PyDockerLsp.Core.Tests.Scaffolding;

public enum FixtureFramework { Django, FastApi, Flask, Script }

/// <summary>
/// Small example projects, one per package manager × kind of app: the files on disk (for the source detector) and the
/// ScaffoldInputs a complete detection would produce from them (filled by hand here, as the project model will do later).
/// </summary>
public static class ScaffoldFixtures
{
    public const string Root = "/proj";

    public static readonly PackageManager[] Managers = { PackageManager.PipRequirements, PackageManager.PipPyProject, PackageManager.Uv, PackageManager.Poetry, PackageManager.Pipenv };
    public static readonly FixtureFramework[] Frameworks = { FixtureFramework.Django, FixtureFramework.FastApi, FixtureFramework.Flask, FixtureFramework.Script };

    public static InMemoryFileSystem Files(PackageManager manager, FixtureFramework framework)
    {
        var fs = new InMemoryFileSystem();
        void Add(string path, string text) => fs.Add(Root + "/" + path, text);
        Add("README.md", "# shop\n");
        switch (manager)
        {
            case PackageManager.PipRequirements:
                Add("requirements.txt", Dependency(framework) + "==1.0\n");
                Add("requirements-dev.txt", "-r requirements.txt\npytest==8.3.0\n");
                break;
            case PackageManager.PipPyProject:
                Add("pyproject.toml", "[project]\nname = \"shop\"\nreadme = \"README.md\"\ndependencies = [\"" + Dependency(framework) + "\"]\n\n[build-system]\nrequires = [\"hatchling\"]\nbuild-backend = \"hatchling.build\"\n");
                break;
            case PackageManager.Uv:
                Add("pyproject.toml", "[project]\nname = \"shop\"\nreadme = \"README.md\"\nrequires-python = \">=3.12\"\ndependencies = [\"" + Dependency(framework) + "\"]\n\n[dependency-groups]\ndev = [\"pytest\"]\n");
                Add("uv.lock", "version = 1\n");
                break;
            case PackageManager.Poetry:
                Add("pyproject.toml", "[tool.poetry]\nname = \"shop\"\nreadme = \"README.md\"\npackage-mode = false\n\n[tool.poetry.dependencies]\npython = \"^3.12\"\n");
                Add("poetry.lock", "# lock\n");
                break;
            case PackageManager.Pipenv:
                Add("Pipfile", "[packages]\n" + Dependency(framework) + " = \"*\"\n\n[dev-packages]\npytest = \"*\"\n\n[requires]\npython_version = \"3.12\"\n");
                Add("Pipfile.lock", "{}\n");
                break;
        }
        switch (framework)
        {
            case FixtureFramework.Django:
                Add("manage.py", "import os\nimport sys\n\ndef main():\n    os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'shop.settings')\n    from django.core.management import execute_from_command_line\n    execute_from_command_line(sys.argv)\n");
                Add("shop/__init__.py", "");
                Add("shop/settings.py", "WSGI_APPLICATION = 'shop.wsgi.application'\n");
                Add("shop/wsgi.py", "import os\nfrom django.core.wsgi import get_wsgi_application\nos.environ.setdefault('DJANGO_SETTINGS_MODULE', 'shop.settings')\napplication = get_wsgi_application()\n");
                break;
            case FixtureFramework.FastApi:
                Add("app/__init__.py", "");
                Add("app/main.py", "from fastapi import FastAPI\n\n\napi = FastAPI(title=\"shop\")\n\n\n@api.get(\"/\")\ndef root():\n    return {}\n");
                break;
            case FixtureFramework.Flask:
                Add("shop/__init__.py", "from flask import Flask\n\n\ndef create_app():\n    app = Flask(__name__)\n    return app\n");
                break;
            case FixtureFramework.Script:
                Add("shop/__init__.py", "");
                Add("shop/__main__.py", "print('hello')\n");
                break;
        }
        return fs;
    }

    private static string Dependency(FixtureFramework framework) => framework switch
    {
        FixtureFramework.Django => "django",
        FixtureFramework.FastApi => "fastapi",
        FixtureFramework.Flask => "flask",
        _ => "requests",
    };

    public static ScaffoldInputs Inputs(PackageManager manager, FixtureFramework framework)
    {
        var inputs = new ScaffoldInputs
        {
            ProjectName = "shop",
            PackageManager = new(manager, manager switch
            {
                PackageManager.Uv => "uv.lock found",
                PackageManager.Poetry => "poetry.lock found",
                PackageManager.Pipenv => "Pipfile.lock found",
                PackageManager.PipRequirements => "requirements.txt found",
                _ => "pyproject.toml with [project] dependencies and no lock",
            }),
            PythonVersion = new("3.12", "requires-python >=3.12"),
            AllowedPythonVersions = new[] { "3.12", "3.13", "3.14" },
            ReadmeFile = manager is PackageManager.PipRequirements or PackageManager.Pipenv ? null : "README.md",
            RuntimeRequirementsFiles = manager == PackageManager.PipRequirements ? new[] { "requirements.txt" } : Array.Empty<string>(),
            DevRequirementsFiles = manager == PackageManager.PipRequirements ? new[] { "requirements-dev.txt" } : Array.Empty<string>(),
            LockFiles = manager switch
            {
                PackageManager.Uv => new[] { "uv.lock" },
                PackageManager.Poetry => new[] { "poetry.lock" },
                PackageManager.Pipenv => new[] { "Pipfile.lock" },
                _ => Array.Empty<string>(),
            },
            HasDevDependencies = manager != PackageManager.PipPyProject,
            IsInstallable = manager == PackageManager.PipPyProject,
        };
        return framework switch
        {
            FixtureFramework.Django => inputs with
            {
                Framework = new(WebFramework.Django, "manage.py found"),
                EntryPoint = new(new EntryPoint(EntryPointKind.WsgiApplication, "shop.wsgi:application"), "WSGI_APPLICATION in shop/settings.py"),
                Port = FrameworkDefaults.PortFor(WebFramework.Django),
                ServerIsDependency = true,
            },
            FixtureFramework.FastApi => inputs with
            {
                Framework = new(WebFramework.FastApi, "found `api = FastAPI(...)` in app/main.py line 4"),
                EntryPoint = new(new EntryPoint(EntryPointKind.AsgiApplication, "app.main:api"), "found `api = FastAPI(...)` in app/main.py line 4"),
                Port = FrameworkDefaults.PortFor(WebFramework.FastApi),
                ServerIsDependency = true,
            },
            FixtureFramework.Flask => inputs with
            {
                Framework = new(WebFramework.Flask, "found `app = Flask(__name__)` in shop/__init__.py line 5"),
                EntryPoint = new(new EntryPoint(EntryPointKind.WsgiApplication, "shop:create_app()"), "application factory `create_app` in shop/__init__.py line 4"),
                Port = FrameworkDefaults.PortFor(WebFramework.Flask),
                ServerIsDependency = true,
            },
            _ => inputs with
            {
                EntryPoint = new(new EntryPoint(EntryPointKind.Module, "shop"), "shop/__main__.py found"),
                Layout = new SourceLayout(SourceLayoutKind.FlatPackage, new[] { "shop" }, "package shop/ at the root"),
            },
        };
    }

    public static IEnumerable<object[]> ManagerFrameworkPairs()
    {
        foreach (var manager in Managers)
            foreach (var framework in Frameworks)
                yield return new object[] { manager, framework };
    }
}
