using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace PyDockerLsp.Server.Protocol;

/// <summary>Where an incoming message's handler runs.</summary>
public enum Execution
{
    /// <summary>On the reader thread, before the next message is read: for messages that change state in order
    /// (document sync, lifecycle). The handler must not wait for the client.</summary>
    Ordered,

    /// <summary>On the thread pool, concurrently with later messages: for requests that compute an answer.</summary>
    Concurrent,
}

/// <summary>One method the connection can dispatch. <see cref="Invoke"/> gets the raw params and returns the result
/// object (serialised with the connection's serializer); it throws <see cref="JsonRpcException"/> for a protocol error.</summary>
public sealed record RpcMethod(string Name, bool IsNotification, Execution Execution, Func<JToken?, CancellationToken, Task<object?>> Invoke);

/// <summary>
/// JSON-RPC 2.0 over a pair of streams: framing, parsing, dispatch, cancellation (<c>$/cancelRequest</c>),
/// server→client requests with response correlation, and the error answers of the specification.
/// It knows nothing of LSP beyond the <c>$/</c> convention; the lifecycle rules come in through <see cref="RequestGate"/>.
/// </summary>
public sealed class JsonRpcConnection
{
    private readonly MessageReader _reader;
    private readonly MessageWriter _writer;
    private readonly ILog _log;
    private readonly Dictionary<string, RpcMethod> _methods = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, CancellationTokenSource> _incoming = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<long, PendingRequest> _outgoing = new();
    private readonly TaskCompletionSource<int?> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _nextId;
    private Thread? _readerThread;

    private readonly Lazy<JsonSerializer> _serializer;

    /// <param name="createSerializer">Called on first use: creating a serializer loads a good part of
    /// Newtonsoft.Json, which the first message (initialize, read as a JObject) does not need.</param>
    public JsonRpcConnection(Stream input, Stream output, ILog log, Func<JsonSerializer> createSerializer)
    {
        _log = log;
        _reader = new MessageReader(input, log);
        _writer = new MessageWriter(output, log);
        _serializer = new Lazy<JsonSerializer>(createSerializer, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    public JsonSerializer Serializer => _serializer.Value;

    /// <summary>Whether anything has needed the reflection serializer yet (a session's first messages must not).</summary>
    public bool SerializerCreated => _serializer.IsValueCreated;

    /// <summary>Decides, before dispatch, whether a request may run now; returns the error to answer with otherwise.
    /// Called on the reader thread.</summary>
    public Func<string, JsonRpcException?>? RequestGate { get; set; }

    /// <summary>Decides whether a notification is delivered (false drops it). Called on the reader thread.</summary>
    public Func<string, bool>? NotificationGate { get; set; }

    /// <summary>Called on the reader thread after each incoming message has been dispatched (for tracing).</summary>
    public Action<string, JToken?, TimeSpan>? MessageTraced { get; set; }

    /// <summary>Completes with the exit code given to <see cref="Stop"/>, or with null when the input ends.</summary>
    public Task<int?> Completion => _completion.Task;

    public void AddMethod(RpcMethod method) => _methods[method.Name] = method;

    public bool HasMethod(string name) => _methods.ContainsKey(name);

    /// <summary>Starts reading on a dedicated background thread.</summary>
    public void Start()
    {
        _readerThread = new Thread(ReadLoop) { IsBackground = true, Name = "jsonrpc-reader" };
        _readerThread.Start();
    }

    public void Stop(int exitCode) => _completion.TrySetResult(exitCode);

    public void SendNotification(string method, object? parameters)
    {
        _writer.Write(json =>
        {
            json.WriteStartObject();
            json.WritePropertyName("jsonrpc"); json.WriteValue("2.0");
            json.WritePropertyName("method"); json.WriteValue(method);
            if (parameters is not null) { json.WritePropertyName("params"); WriteValue(json, parameters); }
            json.WriteEndObject();
        });
    }

    /// <summary>Sends a request to the client; the task ends with the result, a <see cref="RemoteErrorException"/>,
    /// or cancellation (when <paramref name="ct"/> fires or the connection ends).</summary>
    public Task<JToken?> SendRequestAsync(string method, object? parameters, CancellationToken ct = default)
    {
        long id = Interlocked.Increment(ref _nextId);
        var pending = new PendingRequest(method);
        _outgoing[id] = pending;
        if (ct.CanBeCanceled)
            ct.Register(() => { if (_outgoing.TryRemove(id, out var p)) p.Completion.TrySetCanceled(ct); });
        bool sent = _writer.Write(json =>
        {
            json.WriteStartObject();
            json.WritePropertyName("jsonrpc"); json.WriteValue("2.0");
            json.WritePropertyName("id"); json.WriteValue(id);
            json.WritePropertyName("method"); json.WriteValue(method);
            if (parameters is not null) { json.WritePropertyName("params"); WriteValue(json, parameters); }
            json.WriteEndObject();
        });
        if (!sent && _outgoing.TryRemove(id, out var unsent)) unsent.Completion.TrySetCanceled();
        return pending.Completion.Task;
    }

    private void ReadLoop()
    {
        try
        {
            while (!_completion.Task.IsCompleted)
            {
                var body = _reader.ReadMessage();
                if (body is null) break;
                HandleBody(body);
            }
        }
        catch (Exception e)
        {
            // Reading itself failed (the stream broke): there is nothing more to serve.
            _log.Error("Reading the input failed: " + e);
        }
        foreach (var id in _outgoing.Keys)
            if (_outgoing.TryRemove(id, out var pending)) pending.Completion.TrySetCanceled();
        _completion.TrySetResult(null);
    }

    private void HandleBody(byte[] body)
    {
        JToken message;
        try
        {
            message = ParseJson(body);
        }
        catch (JsonException e)
        {
            _log.Warning("Received a message that is not valid JSON: " + e.Message);
            SendError(null, ErrorCodes.ParseError, "Parse error: " + e.Message);
            return;
        }

        if (message is not JObject obj)
        {
            SendError(null, ErrorCodes.InvalidRequest, message.Type == JTokenType.Array
                ? "Batch messages are not supported."
                : "A message must be a JSON object.");
            return;
        }

        var id = obj["id"];
        bool hasValidId = id is not null && (id.Type == JTokenType.Integer || id.Type == JTokenType.String);
        var replyId = hasValidId ? id : null;
        if (!(obj["jsonrpc"] is JValue { Type: JTokenType.String } version && (string?)version == "2.0"))
        {
            if (id is not null) SendError(replyId, ErrorCodes.InvalidRequest, "The message lacks \"jsonrpc\": \"2.0\".");
            else _log.Warning("Dropped a notification without \"jsonrpc\": \"2.0\".");
            return;
        }

        var methodToken = obj["method"];
        if (methodToken is null)
        {
            if (obj.ContainsKey("result") || obj.ContainsKey("error")) { HandleResponse(obj, id); return; }
            SendError(replyId, ErrorCodes.InvalidRequest, "The message is neither a request, a notification nor a response.");
            return;
        }
        if (methodToken.Type != JTokenType.String)
        {
            SendError(replyId, ErrorCodes.InvalidRequest, "\"method\" must be a string.");
            return;
        }
        if (id is not null && !hasValidId)
        {
            SendError(null, ErrorCodes.InvalidRequest, "\"id\" must be an integer or a string.");
            return;
        }
        var parameters = obj["params"];
        if (parameters is not null && parameters.Type is not (JTokenType.Object or JTokenType.Array or JTokenType.Null))
        {
            if (id is not null) SendError(id, ErrorCodes.InvalidRequest, "\"params\" must be an object or an array.");
            return;
        }

        var method = (string)methodToken!;
        var started = Stopwatch.GetTimestamp();
        if (id is null) HandleNotification(method, parameters);
        else HandleRequest(id, method, parameters);
        MessageTraced?.Invoke(method, id, Stopwatch.GetElapsedTime(started));
    }

    private static JToken ParseJson(byte[] body)
    {
        using var text = new StreamReader(new MemoryStream(body, writable: false), new UTF8Encoding(false, throwOnInvalidBytes: false));
        using var json = new JsonTextReader(text) { DateParseHandling = DateParseHandling.None, FloatParseHandling = FloatParseHandling.Double };
        var token = JToken.ReadFrom(json);
        // Anything after the value (other than whitespace) makes the body invalid.
        if (json.Read()) throw new JsonReaderException("Unexpected content after the JSON value.");
        return token;
    }

    private void HandleNotification(string method, JToken? parameters)
    {
        if (method == "$/cancelRequest")
        {
            CancelIncoming(parameters?["id"]);
            return;
        }
        if (NotificationGate is not null && !NotificationGate(method)) return;
        if (!_methods.TryGetValue(method, out var handler) || !handler.IsNotification)
        {
            // Unknown notifications are ignored (the "$/" ones explicitly may be).
            _log.Debug($"Ignored the notification \"{method}\" (no handler).");
            return;
        }
        if (handler.Execution == Execution.Ordered) RunNotification(handler, parameters);
        else _ = Task.Run(() => RunNotification(handler, parameters));
    }

    private void RunNotification(RpcMethod handler, JToken? parameters)
    {
        try
        {
            var task = handler.Invoke(parameters, CancellationToken.None);
            if (!task.IsCompleted)
                task.ContinueWith(t => LogNotificationFailure(handler.Name, t.Exception!.GetBaseException()), TaskContinuationOptions.OnlyOnFaulted);
            else if (task.IsFaulted)
                LogNotificationFailure(handler.Name, task.Exception!.GetBaseException());
        }
        catch (Exception e)
        {
            LogNotificationFailure(handler.Name, e);
        }
    }

    private void LogNotificationFailure(string method, Exception e)
    {
        if (e is JsonRpcException rpc) _log.Warning($"The notification \"{method}\" was rejected: {rpc.Message}");
        else _log.Error($"The handler of \"{method}\" failed: {e}");
    }

    private void HandleRequest(JToken id, string method, JToken? parameters)
    {
        var refusal = RequestGate?.Invoke(method);
        if (refusal is not null) { SendError(id, refusal.Code, refusal.Message); return; }
        if (!_methods.TryGetValue(method, out var handler) || handler.IsNotification)
        {
            SendError(id, ErrorCodes.MethodNotFound, $"Unhandled method {method}");
            return;
        }

        var key = IdKey(id);
        var cancellation = new CancellationTokenSource();
        if (!_incoming.TryAdd(key, cancellation))
        {
            SendError(id, ErrorCodes.InvalidRequest, $"A request with id {id.ToString(Formatting.None)} is still running.");
            return;
        }
        if (handler.Execution == Execution.Ordered) RunRequest(handler, id, key, parameters, cancellation);
        else _ = Task.Run(() => RunRequest(handler, id, key, parameters, cancellation));
    }

    private void RunRequest(RpcMethod handler, JToken id, string key, JToken? parameters, CancellationTokenSource cancellation)
    {
        Task<object?> task;
        try
        {
            task = handler.Invoke(parameters, cancellation.Token);
        }
        catch (Exception e)
        {
            task = Task.FromException<object?>(e);
        }
        if (task.IsCompleted) CompleteRequest(handler.Name, id, key, task, cancellation);
        else task.ContinueWith(t => CompleteRequest(handler.Name, id, key, t, cancellation), TaskScheduler.Default);
    }

    private void CompleteRequest(string method, JToken id, string key, Task<object?> task, CancellationTokenSource cancellation)
    {
        _incoming.TryRemove(key, out _);
        try
        {
            if (task.IsCompletedSuccessfully)
            {
                SendResult(id, task.Result);
                return;
            }
            var error = task.Exception?.GetBaseException();
            if (task.IsCanceled || (error is OperationCanceledException && cancellation.IsCancellationRequested))
            {
                SendError(id, ErrorCodes.RequestCancelled, "Request cancelled");
                return;
            }
            if (error is JsonRpcException rpc)
            {
                SendError(id, rpc.Code, rpc.Message);
                return;
            }
            _log.Error($"The handler of \"{method}\" failed: {error}");
            SendError(id, ErrorCodes.InternalError, $"Internal error in {method}: {error?.Message}");
        }
        catch (Exception e)
        {
            // Serialising the result failed: still answer, never leave the client waiting.
            _log.Error($"Answering \"{method}\" failed: {e}");
            SendError(id, ErrorCodes.InternalError, $"Internal error in {method}: {e.Message}");
        }
        finally
        {
            cancellation.Dispose();
        }
    }

    private void CancelIncoming(JToken? id)
    {
        if (id is null || (id.Type != JTokenType.Integer && id.Type != JTokenType.String)) return;
        if (_incoming.TryGetValue(IdKey(id), out var cancellation))
        {
            try { cancellation.Cancel(); }
            catch (ObjectDisposedException) { /* finished meanwhile */ }
        }
    }

    private void HandleResponse(JObject response, JToken? id)
    {
        if (id is null || id.Type != JTokenType.Integer || !_outgoing.TryRemove((long)id, out var pending))
        {
            _log.Warning($"Received a response to no request of ours (id {id?.ToString(Formatting.None) ?? "missing"}).");
            return;
        }
        if (response["error"] is JObject error)
        {
            pending.Completion.TrySetException(new RemoteErrorException(pending.Method, (int?)error["code"] ?? 0, (string?)error["message"] ?? ""));
            return;
        }
        var result = response["result"];
        pending.Completion.TrySetResult(result is null || result.Type == JTokenType.Null ? null : result);
    }

    private void SendResult(JToken id, object? result)
    {
        _writer.Write(json =>
        {
            json.WriteStartObject();
            json.WritePropertyName("jsonrpc"); json.WriteValue("2.0");
            json.WritePropertyName("id"); id.WriteTo(json);
            json.WritePropertyName("result");
            if (result is null) json.WriteNull();
            else WriteValue(json, result);
            json.WriteEndObject();
        });
    }

    /// <summary>JSON built by hand is written as it is; anything else goes through the serializer.</summary>
    private void WriteValue(JsonWriter json, object value)
    {
        if (value is JToken token) token.WriteTo(json);
        else Serializer.Serialize(json, value);
    }

    public void SendError(JToken? id, int code, string message)
    {
        _writer.Write(json =>
        {
            json.WriteStartObject();
            json.WritePropertyName("jsonrpc"); json.WriteValue("2.0");
            json.WritePropertyName("id");
            if (id is null) json.WriteNull(); else id.WriteTo(json);
            json.WritePropertyName("error");
            json.WriteStartObject();
            json.WritePropertyName("code"); json.WriteValue(code);
            json.WritePropertyName("message"); json.WriteValue(message);
            json.WriteEndObject();
            json.WriteEndObject();
        });
    }

    private static string IdKey(JToken id) => id.Type == JTokenType.String ? "s:" + (string)id! : "n:" + id.ToString(Formatting.None);

    private sealed class PendingRequest
    {
        public PendingRequest(string method) => Method = method;
        public string Method { get; }
        public TaskCompletionSource<JToken?> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
