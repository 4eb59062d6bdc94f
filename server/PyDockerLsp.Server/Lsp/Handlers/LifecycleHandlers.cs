using PyDockerLsp.Server.Protocol;

namespace PyDockerLsp.Server.Lsp.Handlers;

public sealed class InitializeHandler : RequestHandler<Newtonsoft.Json.Linq.JObject, Newtonsoft.Json.Linq.JObject>
{
    private readonly LanguageServer _server;
    public InitializeHandler(LanguageServer server) => _server = server;

    public override string Method => "initialize";

    // In order: nothing else may run before the server knows the client.
    public override Execution Execution => Execution.Ordered;

    public override Task<Newtonsoft.Json.Linq.JObject> HandleAsync(Newtonsoft.Json.Linq.JObject parameters, CancellationToken ct)
    {
        InitializeParams typed;
        try
        {
            typed = InitializeParams.FromJson(parameters);
        }
        catch (Exception e) when (e is Newtonsoft.Json.JsonException or InvalidCastException or OverflowException or FormatException)
        {
            throw new JsonRpcException(ErrorCodes.InvalidParams, "Invalid params for initialize: " + e.Message);
        }
        return Task.FromResult(_server.Initialize(typed).ToJson());
    }
}

/// <summary>After initialized the server may talk to the client: it registers its file watchers and pulls settings.</summary>
public sealed class InitializedHandler : NotificationHandler<NoParams>
{
    private readonly LanguageServer _server;
    public InitializedHandler(LanguageServer server) => _server = server;

    public override string Method => "initialized";

    public override void Handle(NoParams parameters)
    {
        // Off the reader thread: preparing these requests is the serializer's first use, and didOpen is next in line.
        Task.Run(() => ClientRegistrations.RegisterAsync(_server)).Forget(_server.Log, "Registering for file and configuration changes");
        Task.Run(() => Configuration.PullAsync(_server)).Forget(_server.Log, "Reading the pydocker settings");
    }
}

public sealed class ShutdownHandler : RequestHandler<NoParams, object?>
{
    private readonly LanguageServer _server;
    public ShutdownHandler(LanguageServer server) => _server = server;

    public override string Method => "shutdown";
    public override Execution Execution => Execution.Ordered;

    public override Task<object?> HandleAsync(NoParams parameters, CancellationToken ct)
    {
        _server.Shutdown();
        return Task.FromResult<object?>(null);
    }
}

public sealed class ExitHandler : NotificationHandler<NoParams>
{
    private readonly LanguageServer _server;
    public ExitHandler(LanguageServer server) => _server = server;

    public override string Method => "exit";
    public override void Handle(NoParams parameters) => _server.Exit();
}

public sealed class SetTraceHandler : NotificationHandler<SetTraceParams>
{
    private readonly LanguageServer _server;
    public SetTraceHandler(LanguageServer server) => _server = server;

    public override string Method => "$/setTrace";
    public override void Handle(SetTraceParams parameters) => _server.Log.Trace = ServerLog.ParseTrace(parameters.Value);
}
