using Newtonsoft.Json.Linq;
using PyDockerLsp.Core.IO;
using PyDockerLsp.Server.Protocol;
using PyDockerLsp.Server.Workspaces;

namespace PyDockerLsp.Server.Lsp;

/// <summary>What a server process is given besides its two streams (tests substitute these).</summary>
public sealed class LanguageServerOptions
{
    public IFileSystem Disk { get; init; } = PhysicalFileSystem.Instance;
    public TextWriter Stderr { get; init; } = Console.Error;
    public LogLevel StderrLevel { get; init; } = LogLevel.Info;

    /// <summary>How often the client's process is checked for life (when initialize names one).</summary>
    public TimeSpan ParentPollInterval { get; init; } = TimeSpan.FromSeconds(3);

    public Func<int, bool> IsProcessAlive { get; init; } = ProcessProbe.IsAlive;

    /// <summary>Handlers added after the standard ones (tests use it to install probe methods).</summary>
    public IReadOnlyList<Func<LanguageServer, ILspHandler>> ExtraHandlers { get; init; } = Array.Empty<Func<LanguageServer, ILspHandler>>();
}

public enum ServerState { Uninitialized, Running, ShutDown }

/// <summary>
/// The language server: the JSON-RPC connection, the lifecycle (initialize → shutdown → exit), the workspace
/// and the diagnostics scheduler. Handlers (see <see cref="LspHandlers"/>) hold a reference to it and use its
/// parts; it holds no feature logic of its own.
/// </summary>
public sealed class LanguageServer
{
    private readonly JsonRpcConnection _connection;
    private readonly LanguageServerOptions _options;
    private readonly List<ILspHandler> _handlers = new();
    private volatile ServerState _state = ServerState.Uninitialized;
    private Timer? _parentWatch;

    public LanguageServer(Stream input, Stream output, LanguageServerOptions? options = null)
    {
        _options = options ?? new LanguageServerOptions();
        Log = new ServerLog(_options.Stderr, _options.StderrLevel);
        _connection = new JsonRpcConnection(input, output, Log, LspJson.CreateSerializer);
        Workspace = new Workspace(_options.Disk);
        Diagnostics = new DiagnosticsScheduler(Workspace, p => SendNotification("textDocument/publishDiagnostics", p.ToJson()), Log);

        foreach (var handler in LspHandlers.Create(this)) Register(handler);
        foreach (var create in _options.ExtraHandlers) Register(create(this));

        _connection.RequestGate = GateRequest;
        _connection.NotificationGate = GateNotification;
        _connection.MessageTraced = TraceMessage;
    }

    public Workspace Workspace { get; }
    public DiagnosticsScheduler Diagnostics { get; }
    public ServerLog Log { get; }
    public ClientCapabilities Client { get; private set; } = ClientCapabilities.None;
    public ServerState State => _state;

    /// <summary>Whether the connection's reflection serializer has been created (see <see cref="JsonRpcConnection.SerializerCreated"/>).</summary>
    internal bool SerializerCreated => _connection.SerializerCreated;
    public bool ShutdownRequested => _state == ServerState.ShutDown;

    /// <summary>Serves until <c>exit</c>, the end of the input, or the death of the client process.
    /// Returns the process exit code: 0 after an orderly shutdown, 1 otherwise.</summary>
    public async Task<int> RunAsync()
    {
        _connection.Start();
        int? code = await _connection.Completion.ConfigureAwait(false);
        _parentWatch?.Dispose();
        if (code is null) Log.Info(ShutdownRequested ? "The input ended after shutdown." : "The input ended without shutdown; exiting.");
        return code ?? (ShutdownRequested ? 0 : 1);
    }

    public void SendNotification(string method, object? parameters) => _connection.SendNotification(method, parameters);

    public Task<JToken?> SendRequestAsync(string method, object? parameters, CancellationToken ct = default) =>
        _connection.SendRequestAsync(method, parameters, ct);

    /// <summary>The capabilities every registered handler advertises for this client.</summary>
    public ServerCapabilities BuildCapabilities(ClientCapabilities client)
    {
        var capabilities = new ServerCapabilities { PositionEncoding = "utf-16" };
        foreach (var handler in _handlers) handler.Advertise(capabilities, client);
        return capabilities;
    }

    /// <summary>Called by the initialize handler: takes in the client's parameters and starts serving.</summary>
    internal InitializeResult Initialize(InitializeParams parameters)
    {
        Client = new ClientCapabilities(parameters.Capabilities);
        Diagnostics.Analyses.IncludeRelatedInformation = Client.Has(AnalysisCache.RelatedInformationCapability);
        Log.Trace = ServerLog.ParseTrace(parameters.Trace);
        Workspace.SetFolders(InitialFolders(parameters));
        // A client may pass the settings right away, so the first diagnostics already honour them.
        if (parameters.InitializationOptions is JObject init && init["settings"] is JObject settings)
            Workspace.Settings = PyDockerSettings.FromJson(settings);
        if (parameters.ProcessId is int pid && pid > 0) WatchClientProcess(pid);

        var result = new InitializeResult
        {
            Capabilities = BuildCapabilities(Client),
            ServerInfo = new ServerInfo { Name = "pydocker", Version = Cli.VersionInfo.Version },
        };
        _state = ServerState.Running;
        Log.AttachClient(p => SendNotification("window/logMessage", p));
        return result;
    }

    internal void Shutdown()
    {
        _state = ServerState.ShutDown;
        Log.AttachClient(null);
    }

    internal void Exit() => _connection.Stop(ShutdownRequested ? 0 : 1);

    private void Register(ILspHandler handler)
    {
        _handlers.Add(handler);
        _connection.AddMethod(handler.Bind(() => _connection.Serializer));
    }

    private JsonRpcException? GateRequest(string method) => _state switch
    {
        ServerState.Uninitialized when method != "initialize" =>
            new JsonRpcException(ErrorCodes.ServerNotInitialized, $"The server is not initialized yet; {method} must wait for initialize."),
        ServerState.Running when method == "initialize" =>
            new JsonRpcException(ErrorCodes.InvalidRequest, "The server is already initialized."),
        ServerState.ShutDown =>
            new JsonRpcException(ErrorCodes.InvalidRequest, $"The server is shutting down; {method} is refused."),
        _ => null,
    };

    private bool GateNotification(string method)
    {
        if (method == "exit") return true;
        if (_state == ServerState.Running) return true;
        Log.Debug($"Dropped the notification {method} ({(_state == ServerState.ShutDown ? "after shutdown" : "before initialize")}).");
        return false;
    }

    private void TraceMessage(string method, JToken? id, TimeSpan elapsed)
    {
        var level = Log.Trace;
        if (level == TraceLevel.Off || _state != ServerState.Running || method.StartsWith("$/", StringComparison.Ordinal)) return;
        var what = id is null ? $"notification '{method}'" : $"request '{method}' (id {id.ToString(Newtonsoft.Json.Formatting.None)})";
        SendNotification("$/logTrace", new LogTraceParams
        {
            Message = $"Received {what}",
            Verbose = level == TraceLevel.Verbose ? $"Dispatched in {elapsed.TotalMilliseconds:0.###} ms" : null,
        });
    }

    private static IEnumerable<WorkspaceFolderInfo> InitialFolders(InitializeParams parameters)
    {
        if (parameters.WorkspaceFolders is { } folders)
        {
            foreach (var folder in folders)
            {
                if (DocumentUri.ToPath(folder.Uri) is { } path) yield return new WorkspaceFolderInfo(folder.Uri, path, folder.Name);
            }
            yield break;
        }
        var rootUri = parameters.RootUri ?? (parameters.RootPath is { Length: > 0 } rootPath ? DocumentUri.FromPath(rootPath) : null);
        if (rootUri is not null && DocumentUri.ToPath(rootUri) is { } root) yield return new WorkspaceFolderInfo(rootUri, root, PathUtil.GetFileName(root));
    }

    /// <summary>LSP asks a server to exit when the process that started it is gone, even without exit.</summary>
    public void WatchClientProcess(int pid)
    {
        if (pid <= 0) return;
        _parentWatch?.Dispose();
        _parentWatch = new Timer(_ =>
        {
            if (_options.IsProcessAlive(pid)) return;
            Log.Info($"The client process {pid} is gone; exiting.");
            _connection.Stop(ShutdownRequested ? 0 : 1);
        }, null, _options.ParentPollInterval, _options.ParentPollInterval);
    }
}

/// <summary>Whether a process id names a living process.</summary>
public static class ProcessProbe
{
    public static bool IsAlive(int pid)
    {
        if (OperatingSystem.IsLinux()) return IsAliveOnLinux(pid);
        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    /// <summary>/proc/PID/stat exists until the process is reaped; a zombie ('Z') has already exited.</summary>
    private static bool IsAliveOnLinux(int pid)
    {
        try
        {
            var stat = File.ReadAllText("/proc/" + pid.ToString(System.Globalization.CultureInfo.InvariantCulture) + "/stat");
            int afterName = stat.LastIndexOf(')');
            return afterName < 0 || afterName + 2 >= stat.Length || stat[afterName + 2] != 'Z';
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}
