using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using PyDockerLsp.Server.Protocol;

namespace PyDockerLsp.Server.Lsp;

/// <summary>
/// One LSP method. A handler is a small class: its method name, the part of the server capabilities it adds
/// (so <c>initialize</c> advertises exactly what is registered), and the code. Register it in <see cref="LspHandlers"/>.
/// </summary>
public interface ILspHandler
{
    string Method { get; }

    /// <summary>Adds this handler's capability to the initialize result; most handlers set one property.</summary>
    void Advertise(ServerCapabilities capabilities, ClientCapabilities client);

    /// <summary>Adapts the handler to the connection; <paramref name="serializer"/> gives the connection's serializer.</summary>
    RpcMethod Bind(Func<JsonSerializer> serializer);
}

/// <summary>Marks a method without params (shutdown).</summary>
public sealed class NoParams
{
    public static readonly NoParams Value = new();
}

/// <summary>A request: runs concurrently by default and answers with <typeparamref name="TResult"/> (null is fine).
/// Throw <see cref="JsonRpcException"/> for a protocol error; honour the token (cancellation answers -32800).</summary>
public abstract class RequestHandler<TParams, TResult> : ILspHandler where TParams : class
{
    public abstract string Method { get; }

    public virtual Execution Execution => Execution.Concurrent;

    public virtual void Advertise(ServerCapabilities capabilities, ClientCapabilities client) { }

    public abstract Task<TResult> HandleAsync(TParams parameters, CancellationToken ct);

    public RpcMethod Bind(Func<JsonSerializer> serializer) =>
        new(Method, IsNotification: false, Execution, async (raw, ct) => await HandleAsync(LspParams.Read<TParams>(raw, serializer, Method), ct).ConfigureAwait(false));
}

/// <summary>A notification: runs in message order on the reader thread, so it must be quick and must not wait
/// for the client (start such work with Task.Run or fire-and-forget requests).</summary>
public abstract class NotificationHandler<TParams> : ILspHandler where TParams : class
{
    private static readonly Task<object?> Done = Task.FromResult<object?>(null);

    public abstract string Method { get; }

    public virtual void Advertise(ServerCapabilities capabilities, ClientCapabilities client) { }

    public abstract void Handle(TParams parameters);

    public RpcMethod Bind(Func<JsonSerializer> serializer) =>
        new(Method, IsNotification: true, Execution.Ordered, (raw, _) =>
        {
            Handle(LspParams.Read<TParams>(raw, serializer, Method));
            return Done;
        });
}

public static class LspParams
{
    /// <summary>Converts raw params to the handler's type; anything that does not fit is -32602.</summary>
    public static T Read<T>(JToken? raw, Func<JsonSerializer> serializer, string method) where T : class
    {
        if (typeof(T) == typeof(NoParams)) return (T)(object)NoParams.Value;
        if (raw is null || raw.Type == JTokenType.Null)
            throw new JsonRpcException(ErrorCodes.InvalidParams, $"{method} needs params.");
        if (raw is T token) return token;
        try
        {
            if (HandMappedJson.Readers.TryGetValue(typeof(T), out var read)) return (T)read(raw);
            return raw.ToObject<T>(serializer()) ?? throw new JsonRpcException(ErrorCodes.InvalidParams, $"{method} needs params.");
        }
        catch (Exception e) when (e is JsonException or ArgumentException or FormatException or InvalidCastException or OverflowException)
        {
            throw new JsonRpcException(ErrorCodes.InvalidParams, $"Invalid params for {method}: {e.Message}");
        }
    }
}
