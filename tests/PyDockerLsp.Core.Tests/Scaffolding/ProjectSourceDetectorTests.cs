using PyDockerLsp.Core.IO;
using PyDockerLsp.Core.Scaffolding;
using PyDockerLsp.Core.Tests.Support;

namespace PyDockerLsp.Core.Tests.Scaffolding;

public class ProjectSourceDetectorTests
{
    private static SourceDetection Detect(params (string Path, string Text)[] files) => Detect(null, files);

    private static SourceDetection Detect(SourceScanLimits? limits, params (string Path, string Text)[] files)
    {
        var fs = new InMemoryFileSystem();
        foreach (var (path, text) in files) fs.Add("/p/" + path, text);
        return new ProjectSourceDetector(fs, limits).Detect("/p");
    }

    // ------------------------------------------------------------ Django

    public static IEnumerable<object[]> DjangoProjects() => new[]
    {
        // The startproject layout: manage.py names the settings, the settings name the WSGI application.
        new object[] { new[] {
            ("manage.py", "import os\nos.environ.setdefault('DJANGO_SETTINGS_MODULE', 'mysite.settings')\n"),
            ("mysite/__init__.py", ""),
            ("mysite/settings.py", "DEBUG = False\nWSGI_APPLICATION = 'mysite.wsgi.application'\n"),
            ("mysite/wsgi.py", "application = get_wsgi_application()\n"),
        }, EntryPointKind.WsgiApplication, "mysite.wsgi:application", "", "mysite.settings", "mysite/settings.py line 2" },
        // A settings package (config/settings/base.py) and a wsgi module elsewhere than the settings' name suggests.
        new object[] { new[] {
            ("manage.py", "os.environ.setdefault(\"DJANGO_SETTINGS_MODULE\", \"config.settings.local\")\n"),
            ("config/__init__.py", ""),
            ("config/settings/__init__.py", ""),
            ("config/settings/local.py", "from .base import *\n"),
            ("config/settings/base.py", "WSGI_APPLICATION = \"config.server.wsgi.application\"\n"),
            ("config/server/__init__.py", ""),
            ("config/server/wsgi.py", "application = get_wsgi_application()\n"),
        }, EntryPointKind.WsgiApplication, "config.server.wsgi:application", "", "config.settings.local", "config/settings/base.py line 1" },
        // No WSGI_APPLICATION setting: the wsgi.py that calls get_wsgi_application, under a custom variable name.
        new object[] { new[] {
            ("src/manage.py", "os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'shop.settings')\n"),
            ("src/shop/__init__.py", ""),
            ("src/shop/settings.py", "DEBUG = True\n"),
            ("src/shop/wsgi.py", "import os\nfrom django.core.wsgi import get_wsgi_application\n\nwsgi_app = get_wsgi_application()\n"),
        }, EntryPointKind.WsgiApplication, "shop.wsgi:wsgi_app", "src", "shop.settings", "`wsgi_app = get_wsgi_application()` in src/shop/wsgi.py line 4" },
        // Channels: ASGI_APPLICATION in the settings makes it an ASGI app even though wsgi.py exists.
        new object[] { new[] {
            ("manage.py", "os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'chat.settings')\n"),
            ("chat/__init__.py", ""),
            ("chat/settings.py", "WSGI_APPLICATION = 'chat.wsgi.application'\nASGI_APPLICATION = 'chat.asgi.application'\n"),
            ("chat/wsgi.py", "application = get_wsgi_application()\n"),
            ("chat/asgi.py", "application = ProtocolTypeRouter({})\n"),
        }, EntryPointKind.AsgiApplication, "chat.asgi:application", "", "chat.settings", "ASGI_APPLICATION = 'chat.asgi.application'" },
        // Only asgi.py.
        new object[] { new[] {
            ("manage.py", "os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'site1.settings')\n"),
            ("site1/__init__.py", ""),
            ("site1/settings.py", ""),
            ("site1/asgi.py", "application = get_asgi_application()\n"),
        }, EntryPointKind.AsgiApplication, "site1.asgi:application", "", "site1.settings", "site1/asgi.py line 1" },
    };

    [Theory]
    [MemberData(nameof(DjangoProjects))]
    public void Django_entry_point_is_the_real_wsgi_or_asgi_module(
        (string, string)[] files, EntryPointKind kind, string target, string workingDirectory, string settings, string reasonPart)
    {
        var detection = Detect(files);
        Assert.Equal(WebFramework.Django, detection.Framework!.Value);
        Assert.Equal(kind, detection.EntryPoint!.Value.Kind);
        Assert.Equal(target, detection.EntryPoint.Value.Target);
        Assert.Equal(workingDirectory, detection.EntryPoint.Value.WorkingDirectory);
        Assert.Equal(settings, detection.DjangoSettingsModule!.Value);
        Assert.Contains(reasonPart, detection.EntryPoint.Reason);
        Assert.Equal(8000, detection.Port!.Value);
        Assert.Contains("Django", detection.Port.Reason);
    }

    [Fact]
    public void Django_without_a_wsgi_module_falls_back_to_the_default_and_says_so()
    {
        var detection = Detect(("manage.py", "os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'blog.settings')\n"));
        Assert.Equal("blog.wsgi:application", detection.EntryPoint!.Value.Target);
        Assert.Contains("assuming", detection.EntryPoint.Reason);
        Assert.NotEmpty(detection.Notes);
    }

    // ------------------------------------------------------------ FastAPI / Flask

    public static IEnumerable<object[]> WebApps() => new[]
    {
        new object[] { new[] { ("main.py", "from fastapi import FastAPI\n\napp = FastAPI()\n") },
            WebFramework.FastApi, EntryPointKind.AsgiApplication, "main:app", "", "found `app = FastAPI(...)` in main.py line 3" },
        // The variable's real name, an annotated assignment, a package module.
        new object[] { new[] { ("api/__init__.py", ""), ("api/server.py", "import fastapi\n\n\nservice: fastapi.FastAPI = fastapi.FastAPI(title='x')\n") },
            WebFramework.FastApi, EntryPointKind.AsgiApplication, "api.server:service", "", "api/server.py line 4" },
        // The full-stack template: backend/app is a package inside a plain folder, so the app runs from backend/.
        new object[] { new[] { ("backend/app/__init__.py", ""), ("backend/app/main.py", "from fastapi import FastAPI\napp = FastAPI(\n    title='t',\n)\n") },
            WebFramework.FastApi, EntryPointKind.AsgiApplication, "app.main:app", "backend", "backend/app/main.py line 2" },
        // A FastAPI factory with a return annotation.
        new object[] { new[] { ("svc/__init__.py", ""), ("svc/factory.py", "from fastapi import FastAPI\n\ndef build(settings=None) -> FastAPI:\n    return FastAPI()\n") },
            WebFramework.FastApi, EntryPointKind.AsgiApplication, "svc.factory:build()", "", "application factory `build()` in svc/factory.py line 3" },
        new object[] { new[] { ("app.py", "from flask import Flask\napp = Flask(__name__)\n\n@app.route('/')\ndef index():\n    return 'hi'\n") },
            WebFramework.Flask, EntryPointKind.WsgiApplication, "app:app", "", "found `app = Flask(...)` in app.py line 2" },
        // Flask's factory convention.
        new object[] { new[] { ("microblog/__init__.py", "from flask import Flask\n\n\ndef create_app(config_class=Config):\n    app = Flask(__name__)\n    return app\n") },
            WebFramework.Flask, EntryPointKind.WsgiApplication, "microblog:create_app()", "", "application factory `create_app()` in microblog/__init__.py line 4" },
        // A module-level object made by the factory is preferred over the factory.
        new object[] { new[] { ("blog/__init__.py", "from flask import Flask\n\ndef create_app():\n    return Flask(__name__)\n"), ("wsgi.py", "from blog import create_app\napp = create_app()\n") },
            WebFramework.Flask, EntryPointKind.WsgiApplication, "wsgi:app", "", "found `app = create_app()` in wsgi.py line 2" },
        // `app` wins over another name, whatever the file order.
        new object[] { new[] { ("a.py", "from flask import Flask\nadmin = Flask('admin')\n"), ("b.py", "from flask import Flask\napp = Flask(__name__)\n") },
            WebFramework.Flask, EntryPointKind.WsgiApplication, "b:app", "", "b.py line 2" },
        // src layout: the package is imported from src/.
        new object[] { new[] { ("src/shop/__init__.py", ""), ("src/shop/web.py", "from fastapi import FastAPI\napp = FastAPI()\n") },
            WebFramework.FastApi, EntryPointKind.AsgiApplication, "shop.web:app", "src", "src/shop/web.py line 2" },
    };

    [Theory]
    [MemberData(nameof(WebApps))]
    public void Web_apps_are_found_with_the_real_variable_and_module(
        (string, string)[] files, WebFramework framework, EntryPointKind kind, string target, string workingDirectory, string reasonPart)
    {
        var detection = Detect(files);
        Assert.Equal(framework, detection.Framework!.Value);
        Assert.Equal(kind, detection.EntryPoint!.Value.Kind);
        Assert.Equal(target, detection.EntryPoint.Value.Target);
        Assert.Equal(workingDirectory, detection.EntryPoint.Value.WorkingDirectory);
        Assert.Contains(reasonPart, detection.EntryPoint.Reason);
        Assert.Equal(detection.AppCandidates[0].EntryPoint, detection.EntryPoint.Value);
    }

    public static IEnumerable<object[]> NotApps() => new[]
    {
        // Indented assignments are not module-level objects; a factory that needs arguments cannot be called by the server.
        new object[] { new[] { ("tools.py", "from flask import Flask\n\ndef make(config):\n    app = Flask(__name__)\n    return app\n") } },
        // A FastAPI( that is not fastapi's: no import.
        new object[] { new[] { ("fake.py", "class FastAPI: pass\napp = FastAPI()\n") } },
        // Tests, virtual environments, node_modules and migrations are never scanned.
        new object[] { new[] {
            ("tests/app.py", "from fastapi import FastAPI\napp = FastAPI()\n"),
            ("test_main.py", "from fastapi import FastAPI\napp = FastAPI()\n"),
            (".venv/lib/site.py", "from fastapi import FastAPI\napp = FastAPI()\n"),
            ("myenv/pyvenv.cfg", "home = /usr/bin\n"),
            ("myenv/lib/x.py", "from flask import Flask\napp = Flask(__name__)\n"),
            ("web/node_modules/x.py", "from flask import Flask\napp = Flask(__name__)\n"),
            ("blog/migrations/0001.py", "from flask import Flask\napp = Flask(__name__)\n"),
        } },
    };

    [Theory]
    [MemberData(nameof(NotApps))]
    public void Things_that_only_look_like_apps_are_not_apps((string, string)[] files)
    {
        var detection = Detect(files);
        Assert.Null(detection.Framework);
        Assert.Empty(detection.AppCandidates);
        Assert.Null(detection.Port);
    }

    [Fact]
    public void Folders_holding_a_virtual_environment_are_reported()
    {
        var detection = Detect(("myenv/pyvenv.cfg", "home = /usr/bin\n"), ("main.py", ""));
        Assert.Equal(new[] { "myenv" }, detection.LocalVirtualEnvironments);
    }

    // ------------------------------------------------------------ ports

    public static IEnumerable<object[]> Ports() => new[]
    {
        new object[] { new[] { ("main.py", "import uvicorn\nfrom fastapi import FastAPI\napp = FastAPI()\n\nif __name__ == '__main__':\n    uvicorn.run('main:app', host='0.0.0.0', port=8080)\n") }, 8080, "main.py line 6" },
        new object[] { new[] { ("app.py", "from flask import Flask\napp = Flask(__name__)\nif __name__ == '__main__':\n    app.run(\n        debug=True,\n        port=5001,\n    )\n") }, 5001, "app.py line 4" },
        new object[] { new[] { ("app.py", "import os\nfrom flask import Flask\napp = Flask(__name__)\napp.run(host='0.0.0.0', port=int(os.environ.get('PORT', 9000)))\n") }, 9000, "app.py line 4" },
        new object[] { new[] { ("app.py", "import os\nfrom flask import Flask\napp = Flask(__name__)\napp.run(port=int(os.getenv(\"PORT\", \"7000\")))\n") }, 7000, "app.py" },
        new object[] { new[] { ("main.py", "from fastapi import FastAPI\napp = FastAPI()\n"), ("gunicorn.conf.py", "bind = \"0.0.0.0:8765\"\nworkers = 3\n") }, 8765, "gunicorn.conf.py line 1" },
        new object[] { new[] { ("main.py", "from fastapi import FastAPI\napp = FastAPI()\n") }, 8000, "FastAPI's default port" },
        new object[] { new[] { ("app.py", "from flask import Flask\napp = Flask(__name__)\n") }, 5000, "Flask's default port" },
        // Out-of-range numbers are not ports.
        new object[] { new[] { ("app.py", "from flask import Flask\napp = Flask(__name__)\napp.run(port=99999)\n") }, 5000, "Flask's default port" },
    };

    [Theory]
    [MemberData(nameof(Ports))]
    public void The_port_comes_from_the_code_or_the_frameworks_default((string, string)[] files, int port, string reasonPart)
    {
        var detection = Detect(files);
        Assert.Equal(port, detection.Port!.Value);
        Assert.Contains(reasonPart, detection.Port.Reason);
    }

    // ------------------------------------------------------------ other entry points, layout, pip.conf

    public static IEnumerable<object[]> OtherEntryPoints() => new[]
    {
        new object[] { new[] { ("tool/__init__.py", ""), ("tool/__main__.py", "main()\n") }, EntryPointKind.Module, "tool", "", "tool/__main__.py found" },
        new object[] { new[] { ("src/tool/__init__.py", ""), ("src/tool/__main__.py", "main()\n") }, EntryPointKind.Module, "tool", "src", "src/tool/__main__.py found" },
        new object[] { new[] { ("run.py", "def main():\n    pass\n\nif __name__ == \"__main__\":\n    main()\n") }, EntryPointKind.Script, "run.py", "", "run.py line 4" },
    };

    [Theory]
    [MemberData(nameof(OtherEntryPoints))]
    public void Non_web_projects_run_their_main_module_or_script((string, string)[] files, EntryPointKind kind, string target, string workingDirectory, string reasonPart)
    {
        var detection = Detect(files);
        Assert.Null(detection.Framework);
        Assert.Equal(kind, detection.EntryPoint!.Value.Kind);
        Assert.Equal(target, detection.EntryPoint.Value.Target);
        Assert.Equal(workingDirectory, detection.EntryPoint.Value.WorkingDirectory);
        Assert.Contains(reasonPart, detection.EntryPoint.Reason);
    }

    public static IEnumerable<object[]> Layouts() => new[]
    {
        new object[] { new[] { ("src/pkg/__init__.py", ""), ("tests/test_x.py", "") }, SourceLayoutKind.Src, new[] { "src" } },
        new object[] { new[] { ("pkg/__init__.py", ""), ("other/__init__.py", ""), ("docs/conf.py", "") }, SourceLayoutKind.FlatPackage, new[] { "other", "pkg" } },
        new object[] { new[] { ("bot.py", ""), ("setup.py", "") }, SourceLayoutKind.SingleModule, new[] { "bot.py" } },
        new object[] { new[] { ("README.md", "") }, SourceLayoutKind.Unknown, Array.Empty<string>() },
    };

    [Theory]
    [MemberData(nameof(Layouts))]
    public void The_source_layout_is_recognised((string, string)[] files, SourceLayoutKind kind, string[] paths)
    {
        var layout = Detect(files).Layout;
        Assert.Equal(kind, layout.Kind);
        Assert.Equal(paths, layout.Paths);
        Assert.False(string.IsNullOrWhiteSpace(layout.Reason));
    }

    [Fact]
    public void A_pip_conf_is_a_private_index_and_its_credentials_stay_out_of_the_reason()
    {
        var detection = Detect(("pip.conf", "[global]\nindex-url = https://deploy:s3cret@pypi.example.com/simple\n"));
        Assert.Equal("pip.conf", detection.PrivateIndex!.PipConfFile);
        Assert.Contains("index-url https://***@pypi.example.com/simple", detection.PrivateIndex.Reason);
        Assert.DoesNotContain("s3cret", detection.PrivateIndex.Reason);
    }

    [Fact]
    public void No_pip_conf_means_no_private_index() => Assert.Null(Detect(("main.py", "")).PrivateIndex);

    [Fact]
    public void The_scan_is_bounded_and_says_so()
    {
        var files = Enumerable.Range(0, 30).Select(i => ($"m{i:00}.py", "x = 1\n")).ToArray();
        var detection = Detect(new SourceScanLimits { MaxPythonFiles = 10 }, files);
        Assert.Contains(detection.Notes, n => n.Contains("first 10 Python files"));
        Assert.Equal(10, detection.Layout.Paths.Count);
    }

    [Fact]
    public void The_scan_stops_at_the_depth_limit()
    {
        var detection = Detect(new SourceScanLimits { MaxDepth = 2 }, ("a/b/c/main.py", "from fastapi import FastAPI\napp = FastAPI()\n"));
        Assert.Null(detection.Framework);
    }

    [Fact]
    public void A_missing_project_folder_detects_nothing()
    {
        var detection = new ProjectSourceDetector(new InMemoryFileSystem()).Detect("/nowhere");
        Assert.Null(detection.Framework);
        Assert.Null(detection.EntryPoint);
        Assert.Equal(SourceLayoutKind.Unknown, detection.Layout.Kind);
    }

    [Fact]
    public void Completing_inputs_fills_only_what_is_open()
    {
        var detection = Detect(("main.py", "from fastapi import FastAPI\napp = FastAPI()\n"), ("pip.conf", "[global]\nindex-url = https://x/simple\n"));
        var open = ScaffoldFixtures.Inputs(PackageManager.Uv, FixtureFramework.Script) with { EntryPoint = null, Layout = SourceLayout.Unknown };
        var completed = detection.CompleteInputs(open);
        Assert.Equal(WebFramework.FastApi, completed.Framework.Value);
        Assert.Equal("main:app", completed.EntryPoint!.Value.Target);
        Assert.Equal(8000, completed.Port!.Value);
        Assert.Equal("pip.conf", completed.PrivateIndex!.PipConfFile);

        var decided = ScaffoldFixtures.Inputs(PackageManager.Uv, FixtureFramework.Django);
        var kept = detection.CompleteInputs(decided);
        Assert.Equal(decided.Framework, kept.Framework);
        Assert.Equal(decided.EntryPoint, kept.EntryPoint);
        Assert.Equal(decided.Port, kept.Port);
    }

    // ------------------------------------------------------------ the fixture projects and the corpus

    [Theory]
    [MemberData(nameof(ScaffoldFixtures.ManagerFrameworkPairs), MemberType = typeof(ScaffoldFixtures))]
    public void Detection_on_the_fixture_projects_matches_their_hand_filled_inputs(PackageManager manager, FixtureFramework framework)
    {
        var detection = new ProjectSourceDetector(ScaffoldFixtures.Files(manager, framework)).Detect(ScaffoldFixtures.Root);
        var expected = ScaffoldFixtures.Inputs(manager, framework);
        Assert.Equal(expected.EntryPoint!.Value.Target, detection.EntryPoint!.Value.Target);
        Assert.Equal(expected.EntryPoint.Value.Kind, detection.EntryPoint.Value.Kind);
        Assert.Equal(expected.Framework.Value, detection.Framework?.Value ?? WebFramework.None);
        if (expected.Port != null) Assert.Equal(expected.Port.Value, detection.Port!.Value);
    }

    public static IEnumerable<object[]> CorpusProjects()
    {
        if (!Directory.Exists(TestPaths.Corpus)) yield break;
        foreach (var owner in Directory.GetDirectories(TestPaths.Corpus).OrderBy(d => d, StringComparer.Ordinal))
            foreach (var repo in Directory.GetDirectories(owner).OrderBy(d => d, StringComparer.Ordinal))
                yield return new object[] { Path.GetRelativePath(TestPaths.Corpus, repo).Replace('\\', '/') };
    }

    [Fact]
    public void The_visible_corpus_is_there() => Assert.True(CorpusProjects().Count() >= 20, "expected the shared corpus at " + TestPaths.Corpus);

    [Theory]
    [MemberData(nameof(CorpusProjects))]
    public void Detection_runs_over_every_corpus_project_and_every_answer_has_a_reason(string project)
    {
        var root = Path.Combine(TestPaths.Corpus, project);
        var detection = new ProjectSourceDetector(PhysicalFileSystem.Instance).Detect(root);
        Assert.False(string.IsNullOrWhiteSpace(detection.Layout.Reason));
        if (detection.Framework != null) Assert.False(string.IsNullOrWhiteSpace(detection.Framework.Reason));
        if (detection.EntryPoint != null) Assert.False(string.IsNullOrWhiteSpace(detection.EntryPoint.Reason));
        if (detection.Port != null) Assert.InRange(detection.Port.Value, 1, 65535);
        Assert.All(detection.AppCandidates, c => Assert.False(string.IsNullOrWhiteSpace(c.Reason)));
    }
}
