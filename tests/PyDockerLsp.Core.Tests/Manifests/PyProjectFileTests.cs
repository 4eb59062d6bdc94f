using PyDockerLsp.Core.Python.Manifests;
using PyDockerLsp.Core.Python.Toml;
using PyDockerLsp.Core.Text;

namespace PyDockerLsp.Core.Tests.Manifests;

public sealed class PyProjectFileTests
{
    private static string At(string text, TextSpan span) => text.Substring(span.Start, span.Length);

    private const string Pep621 = """
        [build-system]
        requires = ["hatchling>=1.18"]
        build-backend = "hatchling.build"

        [project]
        name = "demo-app"
        version = "0.3.0"
        requires-python = ">=3.11"
        readme = { file = "README.md", content-type = "text/markdown" }
        license-files = ["LICENSE*"]
        dynamic = ["urls"]
        dependencies = [
            "fastapi>=0.110",
            "uvicorn[standard]>=0.29 ; sys_platform != 'win32'",
        ]

        [project.optional-dependencies]
        postgres = ["psycopg[binary]>=3.1"]

        [project.scripts]
        demo = "demo_app.cli:main"

        [dependency-groups]
        test = ["pytest>=8", {include-group = "lint"}]
        lint = ["ruff"]

        [tool.uv]
        required-version = ">=0.5"
        package = false
        dev-dependencies = ["ipython"]
        default-groups = "all"

        [[tool.uv.index]]
        name = "internal"
        url = "https://pypi.internal/simple"
        explicit = true

        [tool.uv.sources]
        shared-lib = { index = "internal" }
        local-pkg = { path = "../local", editable = true }

        [tool.pydocker]
        ignore = ["PD101"]
        """;

    [Fact]
    public void The_project_table_is_read_with_spans()
    {
        var file = PyProjectFile.Parse(Pep621);
        Assert.Empty(file.Errors);
        var project = file.Project!;
        Assert.Equal("demo-app", project.Name!.Value);
        Assert.Equal("0.3.0", project.Version!.Value);
        Assert.Equal(">=3.11", project.RequiresPython!.Value);
        Assert.Equal("\">=3.11\"", At(Pep621, project.RequiresPython.Span));
        Assert.Equal(">=3.11", At(Pep621, project.RequiresPython.ContentSpan));
        Assert.Equal("[project]", At(Pep621, project.HeaderSpan!.Value));

        Assert.Equal(new[] { "fastapi>=0.110", "uvicorn[standard]>=0.29 ; sys_platform != 'win32'" }, project.Dependencies.Select(d => d.Value));
        foreach (var dependency in project.Dependencies) Assert.Equal(dependency.Value, At(Pep621, dependency.ContentSpan));
        Assert.StartsWith("[\n", At(Pep621, project.DependenciesSpan!.Value));

        var extra = Assert.Single(project.OptionalDependencies);
        Assert.Equal("postgres", extra.Name.Name);
        Assert.Equal("postgres", At(Pep621, extra.Name.Span));
        Assert.Equal("psycopg[binary]>=3.1", Assert.Single(extra.Dependencies).Value);

        var script = Assert.Single(project.Scripts);
        Assert.Equal(("demo", "demo_app.cli", "main"), (script.Name.Name, script.Module, script.Attribute));
        Assert.Equal("\"demo_app.cli:main\"", At(Pep621, script.Target.Span));

        Assert.Equal("README.md", project.Readme!.File!.Value);
        Assert.Equal("text/markdown", project.Readme.ContentType!.Value);
        Assert.Equal("LICENSE*", Assert.Single(project.LicenseFiles).Value);
        Assert.True(project.IsDynamic("urls"));
        Assert.False(project.IsDynamic("version"));
    }

    [Fact]
    public void Build_system_uv_and_pydocker_tables_are_read()
    {
        var file = PyProjectFile.Parse(Pep621);
        Assert.Equal("hatchling.build", file.BuildSystem!.BuildBackend!.Value);
        Assert.Equal("hatchling>=1.18", Assert.Single(file.BuildSystem.Requires).Value);

        var uv = file.Uv!;
        Assert.Equal(">=0.5", uv.RequiredVersion!.Value);
        Assert.False(uv.Package);
        Assert.Equal("ipython", Assert.Single(uv.DevDependencies).Value);
        Assert.Equal("all", Assert.Single(uv.DefaultGroups).Value);
        var index = Assert.Single(uv.Indexes);
        Assert.Equal(("internal", "https://pypi.internal/simple", false, true), (index.Name!.Value, index.Url!.Value, index.Default, index.Explicit));
        Assert.Equal(new[] { "shared-lib", "local-pkg" }, uv.Sources.Select(s => s.Name.Name));
        Assert.Equal("internal", uv.Sources[0].Index);
        Assert.Equal(("../local", true), (uv.Sources[1].Path, uv.Sources[1].Editable));

        Assert.NotNull(file.PyDocker);
        Assert.Equal("[tool.pydocker]", At(Pep621, file.PyDockerSpan!.Value));
        Assert.Equal("PD101", ((TomlString)file.PyDocker!.Get<TomlArray>("ignore")[0]).Value);
        Assert.Null(file.Poetry);
    }

    [Fact]
    public void Dependency_groups_resolve_their_includes()
    {
        var groups = PyProjectFile.Parse(Pep621).DependencyGroups;
        Assert.Equal(new[] { "test", "lint" }, groups.Select(g => g.Name.Name));
        Assert.Equal(new[] { "pytest>=8", "ruff" }, groups.Find("test")!.Requirements.Select(r => r.Value));
        Assert.Equal("lint", groups.Find("test")!.Entries[1].IncludeGroup!.Value);
        Assert.Same(groups.Find("lint"), groups.Find("LINT"));
    }

    private const string Poetry = """
        [tool.poetry]
        name = "backend"
        version = "0.1.0"
        package-mode = true
        packages = [{ include = "app", from = "src" }]

        [tool.poetry.dependencies]
        python = "^3.11"
        fastapi = "^0.110"
        psycopg2 = { version = "^2.9", optional = true, extras = ["binary"], markers = "sys_platform == 'linux'" }
        mylib = { git = "https://github.com/x/mylib.git", tag = "v1.0" }
        numpy = [
          { version = "<1.25", python = "<3.9" },
          { version = "^1.26", python = ">=3.9" },
        ]

        [tool.poetry.group.test]
        optional = true

        [tool.poetry.group.test.dependencies]
        pytest = "^8.0"

        [tool.poetry.dev-dependencies]
        black = "^24.1"

        [tool.poetry.scripts]
        serve = "app.main:run"
        tool = { callable = "app.tool:main" }

        [[tool.poetry.source]]
        name = "private"
        url = "https://pypi.example/simple"
        priority = "supplemental"
        """;

    [Fact]
    public void Poetry_dependencies_groups_and_scripts_are_read()
    {
        var file = PyProjectFile.Parse(Poetry);
        Assert.Empty(file.Errors);
        var poetry = file.Poetry!;
        Assert.Equal(("backend", "0.1.0", true), (poetry.Name!.Value, poetry.Version!.Value, poetry.PackageMode));
        Assert.Equal("^3.11", poetry.PythonConstraint!.Value);
        Assert.Equal("\"^3.11\"", At(Poetry, poetry.PythonConstraint.Span));

        Assert.Equal(new[] { "fastapi", "psycopg2", "mylib", "numpy", "numpy" }, poetry.Dependencies.Select(d => d.Name.Name));
        var psycopg = poetry.Dependencies[1];
        Assert.Equal(("^2.9", true, "binary", "sys_platform == 'linux'"), (psycopg.Version!.Value, psycopg.Optional, psycopg.Extras[0].Value, psycopg.Markers!.Value));
        Assert.Equal(PoetryDependencyKind.Registry, psycopg.Kind);
        var mylib = poetry.Dependencies[2];
        Assert.Equal((PoetryDependencyKind.Git, "v1.0"), (mylib.Kind, mylib.Tag!.Value));
        Assert.Equal(new[] { "<3.9", ">=3.9" }, poetry.Dependencies.Skip(3).Select(d => d.Python!.Value));

        var group = Assert.Single(poetry.Groups);
        Assert.Equal(("test", true, "pytest"), (group.Name.Name, group.Optional, group.Dependencies[0].Name.Name));
        Assert.Equal("black", Assert.Single(poetry.DevDependencies).Name.Name);
        Assert.Equal("[tool.poetry.dev-dependencies]", At(Poetry, poetry.DevDependenciesSpan!.Value));

        Assert.Equal(new[] { ("serve", "app.main", "run"), ("tool", "app.tool", "main") },
            poetry.Scripts.Select(s => (s.Name.Name, s.Module, s.Attribute!)));
        var package = Assert.Single(poetry.Packages);
        Assert.Equal(("app", "src"), (package.Include.Value, package.From!.Value));
        var source = Assert.Single(poetry.Sources);
        Assert.Equal(("private", "supplemental"), (source.Name!.Value, source.Priority!.Value));
    }

    public static TheoryData<string, string, string> ShapeErrors => new()
    {
        // document, source text the error covers, a phrase of the message
        { "[project]\ndependencies = \"requests\"\n", "\"requests\"", "must be an array" },
        { "[project]\ndependencies = [\"ok\", 3]\n", "3", "strings only" },
        { "[project]\nrequires-python = 3.11\n", "3.11", "must be a string" },
        { "[project]\nreadme = { file = \"a.md\", text = \"b\" }\n", "{ file = \"a.md\", text = \"b\" }", "not both" },
        { "project = 1\n", "1", "must be a table" },
        { "[dependency-groups]\na = [{include-group = \"missing\"}]\n", "\"missing\"", "not defined" },
        { "[dependency-groups]\na = [{include-group = \"b\"}]\nb = [{include-group = \"a\"}]\n", "\"a\"", "a -> b -> a" },
        { "[dependency-groups]\na = [{include = \"b\"}]\n", "{include = \"b\"}", "include-group" },
        { "[dependency-groups]\nDev = []\ndev = []\n", "dev", "same normalised name" },
        { "[tool.poetry.dependencies]\nrequests = 2\n", "2", "version constraint string or a table" },
        { "[tool.poetry.dependencies]\nx = { git = \"g\", path = \"p\" }\n", "{ git = \"g\", path = \"p\" }", "more than one" },
        { "[[tool.uv.index]]\nname = \"x\"\n", "[[tool.uv.index]]", "needs a 'url'" },
        { "[project\nname = \"x\"\n", "", "close the table header" },
    };

    [Theory]
    [MemberData(nameof(ShapeErrors))]
    public void Values_of_the_wrong_shape_are_reported_where_they_are(string text, string covered, string phrase)
    {
        var file = PyProjectFile.Parse(text);
        var error = Assert.Single(file.Errors);
        Assert.Equal(covered, At(text, error.Span));
        Assert.Contains(phrase, error.Message);
    }

    [Fact]
    public void A_syntax_error_leaves_the_rest_of_the_file_readable()
    {
        const string text = "[project]\nname = \"x\"\nversion = 1.0.0\nrequires-python = \">=3.12\"\n";
        var file = PyProjectFile.Parse(text);
        Assert.Single(file.Errors);
        Assert.Equal(">=3.12", file.Project!.RequiresPython!.Value);
    }

    [Fact]
    public void An_empty_file_has_no_sections_and_no_errors()
    {
        var file = PyProjectFile.Parse("");
        Assert.Empty(file.Errors);
        Assert.Null(file.Project);
        Assert.Empty(file.DependencyGroups);
        Assert.Null(file.Poetry);
        Assert.Null(file.Uv);
        Assert.Null(file.PyDocker);
    }
}
