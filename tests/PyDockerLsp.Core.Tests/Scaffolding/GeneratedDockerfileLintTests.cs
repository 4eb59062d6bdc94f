using PyDockerLsp.Core.Analysis;
using PyDockerLsp.Core.Analysis.Rules;
using PyDockerLsp.Core.IO;
using PyDockerLsp.Core.Scaffolding;
using Xunit;

namespace PyDockerLsp.Core.Tests.Scaffolding;

/// <summary>
/// Issue 8's promise: for every pattern that applies to every kind of example project (pip requirements, pip pyproject, uv,
/// Poetry, Pipenv × Django, FastAPI, Flask, a plain script), the generated Dockerfile parses without a syntax finding and our
/// own rules report nothing — whatever rules the registry holds (opt-in rules stay off, as they are by default).
/// The projects are detected from their files, as the editor command and the CLI do, not described by hand.
/// </summary>
public class GeneratedDockerfileLintTests
{
    private const string Root = "/shop";

    public static IEnumerable<object[]> Cases()
    {
        foreach (var manager in LintFixtures.Managers)
            foreach (var framework in ScaffoldFixtures.Frameworks)
            {
                var inputs = ScaffoldInputsBuilder.Detect(Root, LintFixtures.Project(manager, framework));
                foreach (var pattern in ScaffoldPatterns.All)
                    if (new Scaffolder().Check(inputs, pattern.Id).IsAvailable)
                        yield return new object[] { manager, framework, pattern.Name };
            }
    }

    [Fact]
    public void Every_pattern_is_checked_on_at_least_one_project_of_each_kind()
    {
        var cases = Cases().ToList();
        foreach (var pattern in ScaffoldPatterns.All)
            Assert.Contains(cases, c => (string)c[2] == pattern.Name);
        foreach (var manager in LintFixtures.Managers)
            foreach (var framework in ScaffoldFixtures.Frameworks)
                Assert.True(cases.Count(c => (PackageManager)c[0] == manager && (FixtureFramework)c[1] == framework) >= 2,
                    $"{manager} × {framework}: fewer than two patterns apply (its own and dev-test-stages)");
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void The_generated_Dockerfile_has_no_finding(PackageManager manager, FixtureFramework framework, string patternName)
    {
        var fs = LintFixtures.Project(manager, framework);
        var inputs = ScaffoldInputsBuilder.Detect(Root, fs);
        Assert.True(ScaffoldPatterns.TryParse(patternName, out var pattern));
        foreach (var file in new Scaffolder().Generate(inputs, pattern)) fs.Add(Root + "/" + file.RelativePath, file.Text);

        var findings = DocumentAnalyzer.Analyze(Root + "/Dockerfile", fs, AnalysisOptions.Default, CancellationToken.None);

        Assert.True(RuleRegistry.Descriptors.Count > 0);
        Assert.True(findings.Count == 0,
            $"{patternName} on {manager} × {framework}:\n" + string.Join("\n", findings.Select(f => $"  {f.Code} line {f.Range.Start.Line + 1}: {f.Message}"))
            + "\n--- Dockerfile ---\n" + fs.ReadAllText(Root + "/Dockerfile"));
    }
}

/// <summary>Small but complete example projects: pinned requirements, lock files that say what the manifests say, the server
/// each framework is run with among the dependencies, and the app's code.</summary>
public static class LintFixtures
{
    public static readonly PackageManager[] Managers = ScaffoldFixtures.Managers;

    private static (string Name, string Version)[] Dependencies(FixtureFramework framework) => framework switch
    {
        FixtureFramework.Django => new[] { ("django", "5.1.4"), ("gunicorn", "23.0.0") },
        FixtureFramework.FastApi => new[] { ("fastapi", "0.115.6"), ("uvicorn", "0.34.0") },
        FixtureFramework.Flask => new[] { ("flask", "3.1.0"), ("gunicorn", "23.0.0") },
        _ => new[] { ("requests", "2.32.3") },
    };

    public static InMemoryFileSystem Project(PackageManager manager, FixtureFramework framework)
    {
        var fs = new InMemoryFileSystem();
        void Add(string path, string text) => fs.Add("/shop/" + path, text);
        var dependencies = Dependencies(framework);
        var pinned = string.Join(", ", dependencies.Select(d => $"\"{d.Name}=={d.Version}\""));
        Add("README.md", "# shop\n");
        // 3.13 is the Python of the newest distroless image, so the distroless pattern applies to these two kinds.
        Add(".python-version", manager is PackageManager.Uv or PackageManager.PipPyProject ? "3.13\n" : "3.12\n");
        switch (manager)
        {
            case PackageManager.PipRequirements:
                Add("requirements.txt", string.Concat(dependencies.Select(d => $"{d.Name}=={d.Version}\n")));
                Add("requirements-dev.txt", "-r requirements.txt\npytest==8.3.4\n");
                break;
            case PackageManager.PipPyProject:
                Add("pyproject.toml", "[project]\nname = \"shop\"\nversion = \"0.1.0\"\nreadme = \"README.md\"\nrequires-python = \">=3.12\"\n"
                    + $"dependencies = [{pinned}]\n\n[build-system]\nrequires = [\"hatchling==1.27.0\"]\nbuild-backend = \"hatchling.build\"\n\n[tool.hatch.build.targets.wheel]\npackages = [\"shop\"]\n");
                Add("shop/__init__.py", "");
                break;
            case PackageManager.Uv:
                Add("pyproject.toml", "[project]\nname = \"shop\"\nversion = \"0.1.0\"\nreadme = \"README.md\"\nrequires-python = \">=3.12\"\n"
                    + $"dependencies = [{pinned}]\n\n[dependency-groups]\ndev = [\"pytest==8.3.4\"]\n\n[tool.uv]\npackage = false\n");
                Add("uv.lock", UvLock(dependencies));
                break;
            case PackageManager.Poetry:
                Add("pyproject.toml", "[tool.poetry]\nname = \"shop\"\nversion = \"0.1.0\"\ndescription = \"\"\nauthors = []\nreadme = \"README.md\"\npackage-mode = false\n\n"
                    + "[tool.poetry.dependencies]\npython = \"^3.12\"\n" + string.Concat(dependencies.Select(d => $"{d.Name} = \"{d.Version}\"\n"))
                    + "\n[tool.poetry.group.dev.dependencies]\npytest = \"8.3.4\"\n");
                Add("poetry.lock", PoetryLock(dependencies));
                break;
            case PackageManager.Pipenv:
                Add("Pipfile", "[[source]]\nurl = \"https://pypi.org/simple\"\nverify_ssl = true\nname = \"pypi\"\n\n[packages]\n"
                    + string.Concat(dependencies.Select(d => $"{d.Name} = \"=={d.Version}\"\n")) + "\n[dev-packages]\npytest = \"==8.3.4\"\n\n[requires]\npython_version = \"3.12\"\n");
                Add("Pipfile.lock", PipfileLock(dependencies));
                break;
        }
        foreach (var (path, text) in AppFiles(framework)) Add(path, text);
        return fs;
    }

    private static IEnumerable<(string, string)> AppFiles(FixtureFramework framework) => framework switch
    {
        FixtureFramework.Django => new[]
        {
            ("manage.py", "import os\nimport sys\n\n\ndef main():\n    os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'shop.settings')\n    from django.core.management import execute_from_command_line\n    execute_from_command_line(sys.argv)\n\n\nif __name__ == '__main__':\n    main()\n"),
            ("shop/__init__.py", ""),
            ("shop/settings.py", "WSGI_APPLICATION = 'shop.wsgi.application'\n"),
            ("shop/wsgi.py", "import os\nfrom django.core.wsgi import get_wsgi_application\nos.environ.setdefault('DJANGO_SETTINGS_MODULE', 'shop.settings')\napplication = get_wsgi_application()\n"),
        },
        FixtureFramework.FastApi => new[]
        {
            ("app/__init__.py", ""),
            ("app/main.py", "from fastapi import FastAPI\n\napi = FastAPI(title=\"shop\")\n\n\n@api.get(\"/\")\ndef root():\n    return {}\n"),
        },
        FixtureFramework.Flask => new[]
        {
            ("shop/__init__.py", "from flask import Flask\n\n\ndef create_app():\n    app = Flask(__name__)\n    return app\n"),
        },
        _ => new[] { ("shop/__init__.py", ""), ("shop/__main__.py", "import requests\n\nprint(requests.__version__)\n") },
    };

    private static string UvLock((string Name, string Version)[] dependencies) =>
        "version = 1\nrevision = 2\nrequires-python = \">=3.12\"\n\n[[package]]\nname = \"shop\"\nversion = \"0.1.0\"\nsource = { virtual = \".\" }\n"
        + "dependencies = [\n" + string.Concat(dependencies.Select(d => $"    {{ name = \"{d.Name}\" }},\n")) + "]\n\n[package.dev-dependencies]\ndev = [\n    { name = \"pytest\" },\n]\n\n"
        + "[package.metadata]\nrequires-dist = [\n" + string.Concat(dependencies.Select(d => $"    {{ name = \"{d.Name}\", specifier = \"=={d.Version}\" }},\n")) + "]\n\n"
        + "[package.metadata.requires-dev]\ndev = [{ name = \"pytest\", specifier = \"==8.3.4\" }]\n"
        + string.Concat(dependencies.Append((Name: "pytest", Version: "8.3.4")).Select(d => $"\n[[package]]\nname = \"{d.Name}\"\nversion = \"{d.Version}\"\nsource = {{ registry = \"https://pypi.org/simple\" }}\n"));

    private static string PoetryLock((string Name, string Version)[] dependencies) =>
        string.Concat(dependencies.Select(d => $"[[package]]\nname = \"{d.Name}\"\nversion = \"{d.Version}\"\ndescription = \"\"\noptional = false\npython-versions = \">=3.8\"\ngroups = [\"main\"]\nfiles = []\n\n"))
        + "[[package]]\nname = \"pytest\"\nversion = \"8.3.4\"\ndescription = \"\"\noptional = false\npython-versions = \">=3.8\"\ngroups = [\"dev\"]\nfiles = []\n\n"
        + "[metadata]\nlock-version = \"2.1\"\npython-versions = \"^3.12\"\ncontent-hash = \"0000000000000000000000000000000000000000000000000000000000000000\"\n";

    private static string PipfileLock((string Name, string Version)[] dependencies) =>
        "{\n    \"_meta\": {\n        \"hash\": {\"sha256\": \"0000000000000000000000000000000000000000000000000000000000000000\"},\n        \"pipfile-spec\": 6,\n"
        + "        \"requires\": {\"python_version\": \"3.12\"},\n        \"sources\": [{\"name\": \"pypi\", \"url\": \"https://pypi.org/simple\", \"verify_ssl\": true}]\n    },\n"
        + "    \"default\": {\n" + string.Join(",\n", dependencies.Select(d => $"        \"{d.Name}\": {{\"hashes\": [], \"version\": \"=={d.Version}\"}}")) + "\n    },\n"
        + "    \"develop\": {\n        \"pytest\": {\"hashes\": [], \"version\": \"==8.3.4\"}\n    }\n}\n";
}
