using System.Globalization;
using System.Text.RegularExpressions;
using PyDockerLsp.Core.IO;

namespace PyDockerLsp.Core.Scaffolding;

/// <summary>
/// Detection that needs only the file system: Django (manage.py, the settings module, the real wsgi/asgi module), FastAPI and
/// Flask apps (module-level objects and application factories), port hints, a package's <c>__main__.py</c>, the source
/// layout, and a pip.conf in the project root. The scan is bounded (<see cref="SourceScanLimits"/>) and skips virtual
/// environments, tests, migrations, node_modules and hidden folders. Line-based: it reads Python the way a person skims it,
/// not the way the interpreter does, so every answer says where it came from.
/// </summary>
public sealed class ProjectSourceDetector
{
    private static readonly HashSet<string> SkippedDirectories = new(StringComparer.OrdinalIgnoreCase)
    {
        "venv", "env", "virtualenv", "node_modules", "__pycache__", "site-packages", "tests", "test", "testing",
        "migrations", "build", "dist", "docs", "htmlcov", "bower_components", "static", "staticfiles", "media", "templates",
    };

    private static readonly HashSet<string> NotEntryModules = new(StringComparer.OrdinalIgnoreCase)
    {
        "setup.py", "conftest.py", "noxfile.py", "manage.py", "fabfile.py", "tasks.py", "gunicorn.conf.py", "gunicorn_config.py",
    };

    // Module-level (column 0) assignments of an application object, optionally annotated: `app: FastAPI = FastAPI(`.
    private static readonly Regex FastApiAssignment = new(@"^(?<name>[A-Za-z_]\w*)\s*(?::\s*[\w.\[\], ]+)?=\s*(?:fastapi\.)?FastAPI\s*\(", RegexOptions.CultureInvariant);
    private static readonly Regex FlaskAssignment = new(@"^(?<name>[A-Za-z_]\w*)\s*(?::\s*[\w.\[\], ]+)?=\s*(?:flask\.)?Flask\s*\(", RegexOptions.CultureInvariant);
    private static readonly Regex FactoryDefinition = new(@"^(?:async\s+)?def\s+(?<name>[A-Za-z_]\w*)\s*\((?<params>[^)]*)\)\s*(?:->\s*(?<returns>[\w.]+))?", RegexOptions.CultureInvariant);
    private static readonly Regex FactoryCallAssignment = new(@"^(?<name>[A-Za-z_]\w*)\s*=\s*(?<factory>create_app|make_app)\s*\(", RegexOptions.CultureInvariant);
    private static readonly Regex FastApiImport = new(@"^\s*(?:from\s+fastapi\s+import\b|import\s+fastapi\b)", RegexOptions.CultureInvariant);
    private static readonly Regex FlaskImport = new(@"^\s*(?:from\s+flask\s+import\b|import\s+flask\b)", RegexOptions.CultureInvariant);
    private static readonly Regex SettingsModuleDefault = new(@"DJANGO_SETTINGS_MODULE['""]\s*,\s*['""](?<module>[\w.]+)['""]", RegexOptions.CultureInvariant);
    private static readonly Regex DjangoApplicationSetting = new(@"^(?<kind>WSGI|ASGI)_APPLICATION\s*=\s*['""](?<path>[\w.]+)['""]", RegexOptions.CultureInvariant);
    private static readonly Regex DjangoApplicationAssignment = new(@"^(?<name>[A-Za-z_]\w*)\s*=\s*(?:[\w.]+\.)?get_(?<kind>wsgi|asgi)_application\s*\(", RegexOptions.CultureInvariant);
    // port=8000, or a default read from the environment: port=int(os.environ.get("PORT", 8000)) / int(os.getenv("PORT", "8000")).
    private static readonly Regex PortArgument = new(@"\bport\s*=\s*(?:(?<port>\d{2,5})\b|int\s*\(\s*os\.(?:environ\.get|getenv)\s*\(\s*['""]\w+['""]\s*,\s*['""]?(?<port>\d{2,5})\b)", RegexOptions.CultureInvariant);
    private static readonly Regex GunicornBind = new(@"^\s*bind\s*=\s*\[?\s*['""][^'""]*:(?<port>\d{2,5})['""]", RegexOptions.CultureInvariant);
    private static readonly Regex MainGuard = new(@"^if\s+__name__\s*==\s*['""]__main__['""]\s*:", RegexOptions.CultureInvariant);
    private static readonly Regex PipIndexSetting = new(@"^\s*(?<key>index-url|extra-index-url|index_url|extra_index_url)\s*[=:]\s*(?<url>\S+)", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase);
    private static readonly Regex UrlCredentials = new(@"//[^/@\s]+@", RegexOptions.CultureInvariant);

    private readonly IFileSystem _fileSystem;
    private readonly SourceScanLimits _limits;

    public ProjectSourceDetector(IFileSystem fileSystem, SourceScanLimits? limits = null)
    {
        _fileSystem = fileSystem;
        _limits = limits ?? SourceScanLimits.Default;
    }

    public SourceDetection Detect(string projectRoot)
    {
        var root = PathUtil.Normalize(projectRoot).TrimEnd('/');
        if (root.Length == 0) root = "/";
        var scan = Scan(root);
        var notes = new List<string>(scan.Notes);

        var django = DetectDjango(scan, notes);
        var apps = new List<AppCandidate>();
        if (django != null) apps.Add(django.Value.App);
        apps.AddRange(DetectAsgiWsgiApps(scan));

        Reasoned<WebFramework>? framework = null;
        Reasoned<EntryPoint>? entryPoint = null;
        Reasoned<int>? port = null;
        if (apps.Count > 0)
        {
            var chosen = apps[0];
            framework = new(chosen.Framework, chosen.Reason);
            entryPoint = new(chosen.EntryPoint, chosen.Reason);
            port = DetectPort(scan, chosen) ?? FrameworkDefaults.PortFor(chosen.Framework);
        }
        else
        {
            entryPoint = DetectMainModule(scan) ?? DetectMainScript(scan);
        }

        return new SourceDetection
        {
            Framework = framework,
            EntryPoint = entryPoint,
            Port = port,
            DjangoSettingsModule = django?.Settings,
            PrivateIndex = DetectPipConf(root),
            Layout = DetectLayout(scan),
            AppCandidates = apps,
            LocalVirtualEnvironments = scan.VirtualEnvironments,
            Notes = notes,
        };
    }

    // ---------------------------------------------------------------- the scan

    private sealed class ScanResult
    {
        public required string Root { get; init; }
        /// <summary>Python files, relative to the root, shallowest first.</summary>
        public List<string> PythonFiles { get; } = new();
        /// <summary>Directories (relative) that hold an __init__.py.</summary>
        public HashSet<string> Packages { get; } = new(StringComparer.Ordinal);
        public List<string> VirtualEnvironments { get; } = new();
        public List<string> Notes { get; } = new();
        public Dictionary<string, string?> TextCache { get; } = new(StringComparer.Ordinal);
    }

    /// <summary>Breadth-first, so that when a limit stops the scan the shallow files — where apps usually live — are in.</summary>
    private ScanResult Scan(string root)
    {
        var result = new ScanResult { Root = root };
        var queue = new Queue<(string Path, string Relative, int Depth)>();
        queue.Enqueue((root, "", 0));
        int directories = 0;
        bool fileLimitHit = false;
        while (queue.Count > 0)
        {
            var (path, relative, depth) = queue.Dequeue();
            if (++directories > _limits.MaxDirectories)
            {
                result.Notes.Add($"The source scan stopped after {_limits.MaxDirectories} folders.");
                break;
            }
            var files = _fileSystem.EnumerateFiles(path).Select(PathUtil.GetFileName).OrderBy(n => n, StringComparer.Ordinal).ToList();
            if (relative.Length > 0 && files.Contains("pyvenv.cfg"))
            {
                if (depth == 1) result.VirtualEnvironments.Add(relative);
                continue;
            }
            if (files.Contains("__init__.py") && relative.Length > 0) result.Packages.Add(relative);
            foreach (var name in files)
            {
                if (!name.EndsWith(".py", StringComparison.Ordinal) || IsTestFile(name)) continue;
                if (result.PythonFiles.Count >= _limits.MaxPythonFiles) { fileLimitHit = true; break; }
                result.PythonFiles.Add(Join(relative, name));
            }
            if (depth >= _limits.MaxDepth) continue;
            foreach (var directory in _fileSystem.EnumerateDirectories(path).OrderBy(d => d, StringComparer.Ordinal))
            {
                var name = PathUtil.GetFileName(directory.TrimEnd('/'));
                if (IsSkippedDirectory(name)) continue;
                queue.Enqueue((directory, Join(relative, name), depth + 1));
            }
        }
        if (fileLimitHit) result.Notes.Add($"The source scan read the first {_limits.MaxPythonFiles} Python files only.");
        return result;
    }

    private static bool IsSkippedDirectory(string name) =>
        name.Length == 0 || name[0] == '.' || SkippedDirectories.Contains(name) || name.EndsWith(".egg-info", StringComparison.OrdinalIgnoreCase);

    private static bool IsTestFile(string name) =>
        name.StartsWith("test_", StringComparison.Ordinal) || name.EndsWith("_test.py", StringComparison.Ordinal) || name == "conftest.py";

    private static string Join(string relative, string name) => relative.Length == 0 ? name : relative + "/" + name;

    private string? Read(ScanResult scan, string relative)
    {
        if (scan.TextCache.TryGetValue(relative, out var cached)) return cached;
        var text = _fileSystem.ReadAllText(PathUtil.Combine(scan.Root, relative));
        if (text != null && text.Length > _limits.MaxFileChars) text = text.Substring(0, _limits.MaxFileChars);
        scan.TextCache[relative] = text;
        return text;
    }

    private static string[] Lines(string text) => text.Replace("\r\n", "\n").Split('\n');

    // ---------------------------------------------------------------- Django

    private (AppCandidate App, Reasoned<string>? Settings)? DetectDjango(ScanResult scan, List<string> notes)
    {
        var managePy = scan.PythonFiles.Where(f => PathUtil.GetFileName(f) == "manage.py").OrderBy(Depth).FirstOrDefault();
        if (managePy == null) return null;
        var baseDirectory = PathUtil.GetDirectory("/" + managePy).TrimStart('/');
        var text = Read(scan, managePy) ?? "";
        var settingsMatch = SettingsModuleDefault.Match(text);
        Reasoned<string>? settings = settingsMatch.Success
            ? new(settingsMatch.Groups["module"].Value, $"{managePy} sets DJANGO_SETTINGS_MODULE to {settingsMatch.Groups["module"].Value}")
            : null;

        // 1. The settings name the application: WSGI_APPLICATION / ASGI_APPLICATION ("mysite.wsgi.application").
        string? wsgi = null, asgi = null;
        string? wsgiWhere = null, asgiWhere = null;
        if (settings != null)
        {
            foreach (var file in SettingsFiles(scan, baseDirectory, settings.Value))
            {
                var lines = Lines(Read(scan, file) ?? "");
                for (int i = 0; i < lines.Length; i++)
                {
                    var match = DjangoApplicationSetting.Match(lines[i]);
                    if (!match.Success) continue;
                    var path = match.Groups["path"].Value;
                    int lastDot = path.LastIndexOf('.');
                    if (lastDot <= 0) continue;
                    var target = path.Substring(0, lastDot) + ":" + path.Substring(lastDot + 1);
                    var where = $"{match.Groups["kind"].Value}_APPLICATION = '{path}' in {file} line {i + 1}";
                    if (match.Groups["kind"].Value == "WSGI") { wsgi ??= target; wsgiWhere ??= where; }
                    else { asgi ??= target; asgiWhere ??= where; }
                }
            }
        }

        // 2. Otherwise the wsgi.py / asgi.py files themselves, nearest to the settings package first.
        var settingsPackage = settings?.Value.Split('.')[0];
        if (wsgi == null || asgi == null)
        {
            foreach (var file in scan.PythonFiles.Where(f => PathUtil.GetFileName(f) is "wsgi.py" or "asgi.py")
                         .OrderBy(f => ModuleName(scan, f).StartsWith(settingsPackage + ".", StringComparison.Ordinal) ? 0 : 1).ThenBy(Depth))
            {
                var lines = Lines(Read(scan, file) ?? "");
                for (int i = 0; i < lines.Length; i++)
                {
                    var match = DjangoApplicationAssignment.Match(lines[i]);
                    if (!match.Success) continue;
                    var target = ModuleName(scan, file, baseDirectory) + ":" + match.Groups["name"].Value;
                    var where = $"`{match.Groups["name"].Value} = get_{match.Groups["kind"].Value}_application()` in {file} line {i + 1}";
                    if (match.Groups["kind"].Value == "wsgi") { wsgi ??= target; wsgiWhere ??= where; }
                    else { asgi ??= target; asgiWhere ??= where; }
                    break;
                }
            }
        }

        var found = $"{managePy} found" + (settings != null ? $" (DJANGO_SETTINGS_MODULE {settings.Value})" : "");
        EntryPoint entryPoint;
        string reason;
        // ASGI_APPLICATION in the settings means the project serves over ASGI (Channels); a project with only asgi.py too.
        if (asgi != null && (asgiWhere!.Contains("ASGI_APPLICATION", StringComparison.Ordinal) || wsgi == null))
        {
            entryPoint = new EntryPoint(EntryPointKind.AsgiApplication, asgi) { WorkingDirectory = baseDirectory };
            reason = $"{found}; {asgiWhere}";
        }
        else if (wsgi != null)
        {
            entryPoint = new EntryPoint(EntryPointKind.WsgiApplication, wsgi) { WorkingDirectory = baseDirectory };
            reason = $"{found}; {wsgiWhere}";
        }
        else
        {
            var package = settingsPackage ?? "project";
            entryPoint = new EntryPoint(EntryPointKind.WsgiApplication, package + ".wsgi:application") { WorkingDirectory = baseDirectory };
            reason = $"{found}; no wsgi.py found, assuming Django's default {package}.wsgi:application";
            notes.Add($"Django's wsgi module was not found; the entry point {package}.wsgi:application is Django's default.");
        }
        return (new AppCandidate(WebFramework.Django, entryPoint, managePy, 1, reason), settings);
    }

    /// <summary>The settings module's file, or all files of a settings package (settings/__init__.py, base.py, production.py...).</summary>
    private IEnumerable<string> SettingsFiles(ScanResult scan, string baseDirectory, string settingsModule)
    {
        var path = Join(baseDirectory, settingsModule.Replace('.', '/'));
        if (scan.PythonFiles.Contains(path + ".py")) yield return path + ".py";
        // A settings package: its own module first, then its siblings (base settings are often imported with *).
        var directory = scan.PythonFiles.Contains(path + "/__init__.py") ? path : null;
        var parent = PathUtil.GetDirectory("/" + path).TrimStart('/');
        foreach (var file in scan.PythonFiles)
        {
            var fileDirectory = PathUtil.GetDirectory("/" + file).TrimStart('/');
            if (directory != null ? fileDirectory == directory : fileDirectory == parent && file != path + ".py" && parent.Length > 0 && IsSettingsSibling(file))
                yield return file;
        }
    }

    private static bool IsSettingsSibling(string file)
    {
        var name = PathUtil.GetFileName(file);
        return name.Contains("settings", StringComparison.OrdinalIgnoreCase) || name is "base.py" or "common.py";
    }

    // ---------------------------------------------------------------- FastAPI / Flask

    private IEnumerable<AppCandidate> DetectAsgiWsgiApps(ScanResult scan)
    {
        var candidates = new List<(AppCandidate App, int Rank)>();
        var factoryUsers = new List<(string File, string[] Lines)>();
        foreach (var file in scan.PythonFiles)
        {
            if (NotEntryModules.Contains(PathUtil.GetFileName(file))) continue;
            var text = Read(scan, file);
            if (text == null) continue;
            bool importsFastApi = false, importsFlask = false;
            var lines = Lines(text);
            foreach (var line in lines)
            {
                if (FastApiImport.IsMatch(line)) importsFastApi = true;
                else if (FlaskImport.IsMatch(line)) importsFlask = true;
            }
            if (importsFastApi || importsFlask) candidates.AddRange(AppsInFile(scan, file, lines, importsFastApi, importsFlask));
            else if (text.Contains("create_app", StringComparison.Ordinal) || text.Contains("make_app", StringComparison.Ordinal)) factoryUsers.Add((file, lines));
        }
        // `app = create_app()` in a file that imports the factory from the package (wsgi.py, run.py): the app object of
        // whatever framework the factory builds.
        var factory = candidates.Select(c => c.App).FirstOrDefault(a => a.EntryPoint.IsFactory);
        if (factory != null)
        {
            foreach (var (file, lines) in factoryUsers)
            {
                for (int i = 0; i < lines.Length; i++)
                {
                    var match = FactoryCallAssignment.Match(lines[i]);
                    if (!match.Success) continue;
                    var name = match.Groups["name"].Value;
                    candidates.Add((App(factory.Framework, factory.EntryPoint.Kind, ModuleName(scan, file) + ":" + name, ImportRoot(scan, file), file, i,
                        $"found `{name} = {match.Groups["factory"].Value}()` in {file} line {i + 1}"), name is "app" or "application" ? 0 : 1));
                }
            }
        }
        return candidates
            .OrderBy(c => c.Rank)
            .ThenBy(c => Depth(c.App.File))
            .ThenBy(c => PreferredFileName(c.App.File))
            .ThenBy(c => c.App.File, StringComparer.Ordinal)
            .Select(c => c.App);
    }

    /// <summary>
    /// Ranks follow how Flask itself discovers an app: a module-level object named app/application, then any other
    /// module-level object, then a create_app/make_app factory. FastAPI apps are found the same way.
    /// </summary>
    private IEnumerable<(AppCandidate, int)> AppsInFile(ScanResult scan, string file, string[] lines, bool importsFastApi, bool importsFlask)
    {
        var module = ModuleName(scan, file);
        var workingDirectory = ImportRoot(scan, file);
        bool fileCreatesFastApi = false, fileCreatesFlask = false;
        foreach (var line in lines)
        {
            if (line.Contains("FastAPI(", StringComparison.Ordinal)) fileCreatesFastApi = true;
            if (line.Contains("Flask(", StringComparison.Ordinal)) fileCreatesFlask = true;
        }
        for (int i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            Match match;
            if (importsFastApi && (match = FastApiAssignment.Match(line)).Success)
            {
                var name = match.Groups["name"].Value;
                yield return (App(WebFramework.FastApi, EntryPointKind.AsgiApplication, module + ":" + name, workingDirectory, file, i,
                    $"found `{name} = FastAPI(...)` in {file} line {i + 1}"), name is "app" or "application" ? 0 : 1);
            }
            else if (importsFlask && (match = FlaskAssignment.Match(line)).Success)
            {
                var name = match.Groups["name"].Value;
                yield return (App(WebFramework.Flask, EntryPointKind.WsgiApplication, module + ":" + name, workingDirectory, file, i,
                    $"found `{name} = Flask(...)` in {file} line {i + 1}"), name is "app" or "application" ? 0 : 1);
            }
            else if ((match = FactoryCallAssignment.Match(line)).Success && (fileCreatesFastApi || fileCreatesFlask || importsFlask || importsFastApi))
            {
                var name = match.Groups["name"].Value;
                var framework = importsFastApi && !importsFlask ? WebFramework.FastApi : WebFramework.Flask;
                yield return (App(framework, framework == WebFramework.FastApi ? EntryPointKind.AsgiApplication : EntryPointKind.WsgiApplication,
                    module + ":" + name, workingDirectory, file, i, $"found `{name} = {match.Groups["factory"].Value}()` in {file} line {i + 1}"),
                    name is "app" or "application" ? 0 : 1);
            }
            else if ((match = FactoryDefinition.Match(line)).Success)
            {
                var name = match.Groups["name"].Value;
                var returns = match.Groups["returns"].Value;
                bool returnsFastApi = returns is "FastAPI" or "fastapi.FastAPI";
                bool returnsFlask = returns is "Flask" or "flask.Flask";
                bool conventionalName = name is "create_app" or "make_app";
                if (!(returnsFastApi || returnsFlask || (conventionalName && (fileCreatesFastApi || fileCreatesFlask)))) continue;
                if (!FactoryCallableWithoutArguments(match.Groups["params"].Value)) continue;
                var framework = returnsFastApi || (!returnsFlask && fileCreatesFastApi && !fileCreatesFlask) ? WebFramework.FastApi : WebFramework.Flask;
                var kind = framework == WebFramework.FastApi ? EntryPointKind.AsgiApplication : EntryPointKind.WsgiApplication;
                yield return (App(framework, kind, module + ":" + name + "()", workingDirectory, file, i,
                    $"application factory `{name}()` in {file} line {i + 1}"), 2);
            }
        }
    }

    /// <summary>A factory the server can call with no arguments: no parameters, or only ones with defaults.</summary>
    private static bool FactoryCallableWithoutArguments(string parameters)
    {
        foreach (var parameter in parameters.Split(','))
        {
            var p = parameter.Trim();
            if (p.Length == 0 || p.StartsWith('*') || p == "/") continue;
            if (!p.Contains('=')) return false;
        }
        return true;
    }

    private static AppCandidate App(WebFramework framework, EntryPointKind kind, string target, string workingDirectory, string file, int lineIndex, string reason) =>
        new(framework, new EntryPoint(kind, target) { WorkingDirectory = workingDirectory }, file, lineIndex + 1, reason);

    private static int PreferredFileName(string file) => PathUtil.GetFileName(file) switch
    {
        "main.py" or "app.py" or "__init__.py" or "api.py" or "server.py" or "wsgi.py" or "asgi.py" or "application.py" => 0,
        _ => 1,
    };

    // ---------------------------------------------------------------- ports

    /// <summary>A port named in the app's own file (<c>uvicorn.run(..., port=8080)</c>, <c>app.run(port=5001)</c>), then in any
    /// scanned file, then in a gunicorn config file at the root.</summary>
    private Reasoned<int>? DetectPort(ScanResult scan, AppCandidate app)
    {
        foreach (var file in new[] { app.File }.Concat(scan.PythonFiles.Where(f => f != app.File)))
        {
            if (PathUtil.GetFileName(file) is "gunicorn.conf.py" or "gunicorn_config.py") continue;
            var text = Read(scan, file);
            if (text == null || !text.Contains(".run(", StringComparison.Ordinal)) continue;
            if (PortInRunCall(text) is { } found)
                return new(found.Port, $"`{found.Call}` in {file} line {found.Line}");
        }
        foreach (var name in new[] { "gunicorn.conf.py", "gunicorn_config.py" })
        {
            var text = Read(scan, name);
            if (text == null) continue;
            var lines = Lines(text);
            for (int i = 0; i < lines.Length; i++)
            {
                var match = GunicornBind.Match(lines[i]);
                if (match.Success && ValidPort(match.Groups["port"].Value) is { } port)
                    return new(port, $"gunicorn binds port {port} in {name} line {i + 1}");
            }
        }
        return null;
    }

    /// <summary>The port argument of a <c>.run(</c> call, which may span a few lines.</summary>
    private static (int Port, string Call, int Line)? PortInRunCall(string text)
    {
        int position = 0;
        while ((position = text.IndexOf(".run(", position, StringComparison.Ordinal)) >= 0)
        {
            int start = position;
            while (start > 0 && (char.IsLetterOrDigit(text[start - 1]) || text[start - 1] == '_' || text[start - 1] == '.')) start--;
            int depth = 0, end = position + 4;
            for (; end < text.Length && end < position + 600; end++)
            {
                if (text[end] == '(') depth++;
                else if (text[end] == ')' && --depth == 0) break;
            }
            var call = text.Substring(start, Math.Min(end + 1, text.Length) - start);
            var receiver = text.Substring(start, position - start);
            position += 5;
            if (!(receiver.EndsWith("uvicorn", StringComparison.Ordinal) || receiver.EndsWith("app", StringComparison.Ordinal)
                  || receiver.EndsWith("application", StringComparison.Ordinal) || receiver.EndsWith("api", StringComparison.Ordinal)
                  || receiver.EndsWith("server", StringComparison.Ordinal) || receiver.EndsWith("socketio", StringComparison.Ordinal)))
                continue;
            var match = PortArgument.Match(call);
            if (!match.Success || ValidPort(match.Groups["port"].Value) is not { } port) continue;
            int line = 1;
            for (int i = 0; i < start; i++) if (text[i] == '\n') line++;
            var oneLine = string.Join(' ', call.Split(new[] { '\n', '\r' }, StringSplitOptions.RemoveEmptyEntries).Select(s => s.Trim()));
            return (port, oneLine.Length > 80 ? oneLine.Substring(0, 77) + "..." : oneLine, line);
        }
        return null;
    }

    private static int? ValidPort(string digits) =>
        int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port is >= 1 and <= 65535 ? port : null;

    // ---------------------------------------------------------------- non-web entry points

    /// <summary>A package with a <c>__main__.py</c>: <c>python -m package</c>. The shallowest wins.</summary>
    private Reasoned<EntryPoint>? DetectMainModule(ScanResult scan)
    {
        foreach (var file in scan.PythonFiles.Where(f => PathUtil.GetFileName(f) == "__main__.py").OrderBy(Depth))
        {
            var directory = PathUtil.GetDirectory("/" + file).TrimStart('/');
            if (directory.Length == 0 || !scan.Packages.Contains(directory)) continue;
            var module = ModuleName(scan, directory + "/__init__.py");
            return new(new EntryPoint(EntryPointKind.Module, module) { WorkingDirectory = ImportRoot(scan, file) }, $"{file} found");
        }
        return null;
    }

    /// <summary>A script at the root with an <c>if __name__ == "__main__":</c> block.</summary>
    private Reasoned<EntryPoint>? DetectMainScript(ScanResult scan)
    {
        foreach (var file in scan.PythonFiles.Where(f => !f.Contains('/') && !NotEntryModules.Contains(f)).OrderBy(PreferredFileName))
        {
            var lines = Lines(Read(scan, file) ?? "");
            for (int i = 0; i < lines.Length; i++)
            {
                if (MainGuard.IsMatch(lines[i]))
                    return new(new EntryPoint(EntryPointKind.Script, file), $"`if __name__ == \"__main__\":` in {file} line {i + 1}");
            }
        }
        return null;
    }

    // ---------------------------------------------------------------- layout, pip.conf

    private static SourceLayout DetectLayout(ScanResult scan)
    {
        var srcPackages = scan.Packages.Where(p => p.StartsWith("src/", StringComparison.Ordinal) && p.IndexOf('/', 4) < 0).OrderBy(p => p, StringComparer.Ordinal).ToList();
        if (srcPackages.Count > 0)
            return new SourceLayout(SourceLayoutKind.Src, new[] { "src" }, $"package{(srcPackages.Count > 1 ? "s" : "")} under src/: {string.Join(", ", srcPackages.Select(p => p.Substring(4)))}");
        var rootPackages = scan.Packages.Where(p => !p.Contains('/')).OrderBy(p => p, StringComparer.Ordinal).ToList();
        if (rootPackages.Count > 0)
            return new SourceLayout(SourceLayoutKind.FlatPackage, rootPackages, $"package{(rootPackages.Count > 1 ? "s" : "")} at the root: {string.Join(", ", rootPackages)}");
        var modules = scan.PythonFiles.Where(f => !f.Contains('/') && !NotEntryModules.Contains(f)).ToList();
        if (modules.Count > 0)
            return new SourceLayout(SourceLayoutKind.SingleModule, modules, $"module{(modules.Count > 1 ? "s" : "")} at the root: {string.Join(", ", modules)}");
        return SourceLayout.Unknown;
    }

    /// <summary>A pip.conf (or pip.ini) in the project root configures the index the dependencies come from (seed 000).
    /// The reason names the index but never its credentials.</summary>
    private PrivateIndex? DetectPipConf(string root)
    {
        foreach (var name in new[] { "pip.conf", "pip.ini" })
        {
            var text = _fileSystem.ReadAllText(PathUtil.Combine(root, name));
            if (text == null) continue;
            foreach (var line in Lines(text))
            {
                var match = PipIndexSetting.Match(line);
                if (!match.Success) continue;
                var url = UrlCredentials.Replace(match.Groups["url"].Value, "//***@");
                return new PrivateIndex(name, null, $"{name} in the project sets {match.Groups["key"].Value.ToLowerInvariant()} {url}");
            }
            return new PrivateIndex(name, null, $"{name} in the project (it names no index URL)");
        }
        return null;
    }

    // ---------------------------------------------------------------- modules

    /// <summary>The folder a file's imports are relative to: the nearest ancestor that is not a package ("" = the root).</summary>
    private static string ImportRoot(ScanResult scan, string file)
    {
        var directory = PathUtil.GetDirectory("/" + file).TrimStart('/');
        while (directory.Length > 0 && scan.Packages.Contains(directory))
            directory = PathUtil.GetDirectory("/" + directory).TrimStart('/');
        return directory;
    }

    /// <summary>The dotted module name of a file, relative to its import root (or to <paramref name="relativeTo"/>).</summary>
    private static string ModuleName(ScanResult scan, string file, string? relativeTo = null)
    {
        var root = relativeTo ?? ImportRoot(scan, file);
        var path = root.Length > 0 && file.StartsWith(root + "/", StringComparison.Ordinal) ? file.Substring(root.Length + 1) : file;
        if (path.EndsWith("/__init__.py", StringComparison.Ordinal)) path = path.Substring(0, path.Length - "/__init__.py".Length);
        else if (path.EndsWith(".py", StringComparison.Ordinal)) path = path.Substring(0, path.Length - 3);
        return path.Replace('/', '.');
    }

    private static int Depth(string relative)
    {
        int depth = 0;
        foreach (var c in relative) if (c == '/') depth++;
        return depth;
    }
}
