using System.Collections.Concurrent;
using System.Text;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using PyDockerLsp.Core.IO;
using PyDockerLsp.Server.Lsp;
using PyDockerLsp.Server.Protocol;

namespace PyDockerLsp.Server.Tests.Support;

/// <summary>
/// Drives a <see cref="LanguageServer"/> in-process over two OS pipes, the way an editor would: raw bytes in,
/// framed JSON out. Server→client requests are answered by <see cref="AnswerServerRequest"/>.
/// </summary>
public sealed class TestClient : IAsyncDisposable
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);

    private readonly InMemoryPipe _toServer = new();
    private readonly InMemoryPipe _fromServer = new();
    private readonly ConcurrentDictionary<string, TaskCompletionSource<JObject>> _responses = new();
    private readonly List<JObject> _notifications = new();
    private readonly List<JObject> _serverRequests = new();
    private readonly List<JObject> _nullIdResponses = new();
    private readonly object _gate = new();
    private readonly SemaphoreSlim _arrived = new(0);
    private readonly object _writeGate = new();
    private int _nextId;

    public TestClient(InMemoryFileSystem? disk = null, Action<LanguageServerOptions>? configure = null,
        IReadOnlyList<Func<LanguageServer, ILspHandler>>? extraHandlers = null, Func<int, bool>? isProcessAlive = null)
    {
        Disk = disk ?? new InMemoryFileSystem();
        var options = new LanguageServerOptions
        {
            Disk = Disk,
            Stderr = TextWriter.Synchronized(Stderr),
            StderrLevel = LogLevel.Debug,
            ParentPollInterval = TimeSpan.FromMilliseconds(50),
            IsProcessAlive = isProcessAlive ?? (_ => true),
            ExtraHandlers = extraHandlers ?? Array.Empty<Func<LanguageServer, ILspHandler>>(),
        };
        Server = new LanguageServer(_toServer.Reader, _fromServer.Writer, options);
        Run = Task.Run(Server.RunAsync);
        var reader = new Thread(ReadLoop) { IsBackground = true, Name = "test-client-reader" };
        reader.Start();
    }

    public LanguageServer Server { get; }
    public InMemoryFileSystem Disk { get; }
    public StringWriter Stderr { get; } = new();

    /// <summary>The server's exit code once it stops.</summary>
    public Task<int> Run { get; }

    /// <summary>Answers server→client requests; by default null for everything (and [null] for configuration).</summary>
    public Func<string, JToken?, JToken?> AnswerServerRequest { get; set; } = (method, p) =>
        method == "workspace/configuration" ? new JArray(((JArray?)p?["items"])?.Select(_ => JValue.CreateNull()) ?? Array.Empty<JValue>()) : JValue.CreateNull();

    public static JObject Capabilities(bool dynamicRegistration = true, bool configuration = true) => JObject.FromObject(new
    {
        workspace = new
        {
            configuration,
            workspaceFolders = true,
            didChangeWatchedFiles = new { dynamicRegistration },
            didChangeConfiguration = new { dynamicRegistration },
        },
        textDocument = new { publishDiagnostics = new { versionSupport = true, relatedInformation = true } },
    });

    public async Task<JObject> InitializeAsync(JObject? capabilities = null, string? trace = null, JToken? initializationOptions = null, int? processId = null)
    {
        var response = await RequestAsync("initialize", new JObject
        {
            ["processId"] = processId is null ? JValue.CreateNull() : new JValue(processId.Value),
            ["rootUri"] = "file:///work",
            ["capabilities"] = capabilities ?? Capabilities(),
            ["trace"] = trace ?? "off",
            ["initializationOptions"] = initializationOptions ?? JValue.CreateNull(),
        });
        Notify("initialized", new JObject());
        return response;
    }

    public Task<JObject> RequestAsync(string method, JToken? parameters = null) => RequestAsync(method, parameters, Interlocked.Increment(ref _nextId));

    public Task<JObject> RequestAsync(string method, JToken? parameters, JToken id)
    {
        var message = new JObject { ["jsonrpc"] = "2.0", ["id"] = id, ["method"] = method };
        if (parameters is not null) message["params"] = parameters;
        var pending = ExpectResponse(id);
        Send(message);
        return pending;
    }

    /// <summary>Registers for the response with <paramref name="id"/> before anything is sent.</summary>
    public Task<JObject> ExpectResponse(JToken id)
    {
        var tcs = _responses.GetOrAdd(Key(id), _ => new TaskCompletionSource<JObject>(TaskCreationOptions.RunContinuationsAsynchronously));
        return tcs.Task.WaitAsync(Timeout);
    }

    public void Notify(string method, JToken? parameters = null)
    {
        var message = new JObject { ["jsonrpc"] = "2.0", ["method"] = method };
        if (parameters is not null) message["params"] = parameters;
        Send(message);
    }

    public void Send(JToken message) => SendBody(message.ToString(Formatting.None));

    public void SendBody(string body)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        WriteRaw(Encoding.ASCII.GetBytes($"Content-Length: {bytes.Length}\r\n\r\n").Concat(bytes).ToArray());
    }

    public void WriteRaw(string ascii) => WriteRaw(Encoding.Latin1.GetBytes(ascii));

    public void WriteRaw(byte[] bytes)
    {
        lock (_writeGate)
        {
            _toServer.Writer.Write(bytes);
        }
    }

    /// <summary>Closes the server's input, as an editor that dies would.</summary>
    public void CloseInput() => _toServer.Complete();

    public void OpenDocument(string uri, string text, int version = 1, string languageId = "dockerfile") =>
        Notify("textDocument/didOpen", new JObject
        {
            ["textDocument"] = new JObject { ["uri"] = uri, ["languageId"] = languageId, ["version"] = version, ["text"] = text },
        });

    public void ChangeDocument(string uri, int version, params JObject[] changes) =>
        Notify("textDocument/didChange", new JObject
        {
            ["textDocument"] = new JObject { ["uri"] = uri, ["version"] = version },
            ["contentChanges"] = new JArray(changes.Cast<object>().ToArray()),
        });

    public static JObject RangeChange(int startLine, int startChar, int endLine, int endChar, string text) => new()
    {
        ["range"] = new JObject
        {
            ["start"] = new JObject { ["line"] = startLine, ["character"] = startChar },
            ["end"] = new JObject { ["line"] = endLine, ["character"] = endChar },
        },
        ["text"] = text,
    };

    /// <summary>Waits for the first notification of <paramref name="method"/>, received since the test started,
    /// that matches and has not been taken yet.</summary>
    public async Task<JObject> NextNotificationAsync(string method, Func<JObject, bool>? match = null, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? Timeout);
        while (true)
        {
            lock (_gate)
            {
                var found = _notifications.FirstOrDefault(n => (string?)n["method"] == method && (match is null || match(n)));
                if (found is not null)
                {
                    _notifications.Remove(found);
                    return found;
                }
            }
            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero) throw new TimeoutException($"No {method} notification within the timeout.");
            await _arrived.WaitAsync(left < TimeSpan.FromMilliseconds(100) ? left : TimeSpan.FromMilliseconds(100));
        }
    }

    /// <summary>The next diagnostics published for <paramref name="uri"/> (params of publishDiagnostics).</summary>
    public async Task<JObject> DiagnosticsAsync(string uri, int? version = null)
    {
        var message = await NextNotificationAsync("textDocument/publishDiagnostics",
            n => (string?)n["params"]?["uri"] == uri && (version is null || (int?)n["params"]?["version"] == version));
        return (JObject)message["params"]!;
    }

    public IReadOnlyList<JObject> Notifications(string method)
    {
        lock (_gate) return _notifications.Where(n => (string?)n["method"] == method).ToList();
    }

    public IReadOnlyList<JObject> ServerRequests(string method)
    {
        lock (_gate) return _serverRequests.Where(n => (string?)n["method"] == method).ToList();
    }

    public IReadOnlyList<JObject> NullIdResponses
    {
        get { lock (_gate) return _nullIdResponses.ToList(); }
    }

    public async Task<JObject> NextNullIdResponseAsync()
    {
        var deadline = DateTime.UtcNow + Timeout;
        while (DateTime.UtcNow < deadline)
        {
            lock (_gate)
            {
                if (_nullIdResponses.Count > 0)
                {
                    var first = _nullIdResponses[0];
                    _nullIdResponses.RemoveAt(0);
                    return first;
                }
            }
            await _arrived.WaitAsync(TimeSpan.FromMilliseconds(100));
        }
        throw new TimeoutException("No response with id null.");
    }

    /// <summary>Proves the server still reads and answers: an unknown request must come back as -32601.</summary>
    public async Task AssertAliveAsync()
    {
        var response = await RequestAsync("test/unknownMethod", new JObject());
        Assert.Equal(ErrorCodes.MethodNotFound, (int?)response["error"]?["code"]);
    }

    public async Task<int> ShutdownAndExitAsync()
    {
        await RequestAsync("shutdown");
        Notify("exit");
        return await Run.WaitAsync(Timeout);
    }

    private void ReadLoop()
    {
        var reader = new MessageReader(_fromServer.Reader, new NullLog());
        while (true)
        {
            byte[]? body;
            try { body = reader.ReadMessage(); }
            catch (IOException) { return; }
            catch (ObjectDisposedException) { return; }
            if (body is null) return;
            var message = JObject.Parse(Encoding.UTF8.GetString(body));
            if (message["method"] is not null && message["id"] is not null)
            {
                lock (_gate) _serverRequests.Add(message);
                JObject answer;
                try
                {
                    var result = AnswerServerRequest((string)message["method"]!, message["params"]);
                    answer = new JObject { ["jsonrpc"] = "2.0", ["id"] = message["id"], ["result"] = result ?? JValue.CreateNull() };
                }
                catch (Exception e)
                {
                    answer = new JObject { ["jsonrpc"] = "2.0", ["id"] = message["id"], ["error"] = new JObject { ["code"] = -32603, ["message"] = e.Message } };
                }
                try { Send(answer); }
                catch (IOException) { /* the test already closed the server's input */ }
            }
            else if (message["method"] is not null)
            {
                lock (_gate) _notifications.Add(message);
            }
            else if (message["id"] is { Type: not JTokenType.Null } id)
            {
                _responses.GetOrAdd(Key(id), _ => new TaskCompletionSource<JObject>(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult(message);
            }
            else
            {
                lock (_gate) _nullIdResponses.Add(message);
            }
            _arrived.Release();
        }
    }

    private static string Key(JToken id) => id.Type == JTokenType.String ? "s:" + id : "n:" + id.ToString(Formatting.None);

    public async ValueTask DisposeAsync()
    {
        _toServer.Complete();
        try { await Run.WaitAsync(TimeSpan.FromSeconds(5)); } catch (Exception) { /* the test decides what matters */ }
        _fromServer.Complete();
    }

    private sealed class NullLog : ILog
    {
        public void Write(LogLevel level, string message) { }
    }
}
