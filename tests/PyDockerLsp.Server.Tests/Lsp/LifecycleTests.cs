using Newtonsoft.Json.Linq;
using PyDockerLsp.Server.Lsp;
using PyDockerLsp.Server.Tests.Support;

namespace PyDockerLsp.Server.Tests.Lsp;

/// <summary>initialize advertises what is registered; shutdown/exit and the other ways a server ends.</summary>
public class LifecycleTests
{
    [Fact]
    public async Task Initialize_advertises_incremental_sync_workspace_folders_and_nothing_unimplemented()
    {
        await using var client = new TestClient();
        var result = (JObject)(await client.InitializeAsync())["result"]!;
        var capabilities = (JObject)result["capabilities"]!;
        Assert.Equal("pydocker", (string?)result["serverInfo"]?["name"]);
        Assert.Equal(PyDockerLsp.Server.Cli.VersionInfo.Version, (string?)result["serverInfo"]?["version"]);
        Assert.Equal("utf-16", (string?)capabilities["positionEncoding"]);
        Assert.True((bool?)capabilities["textDocumentSync"]?["openClose"]);
        Assert.Equal(2, (int?)capabilities["textDocumentSync"]?["change"]);
        Assert.False((bool?)capabilities["textDocumentSync"]?["save"]?["includeText"]);
        Assert.True((bool?)capabilities["workspace"]?["workspaceFolders"]?["supported"]);
        Assert.Equal(
            new[] { "codeActionProvider", "completionProvider", "documentSymbolProvider", "executeCommandProvider", "hoverProvider", "positionEncoding", "textDocumentSync", "workspace" },
            capabilities.Properties().Select(p => p.Name).OrderBy(n => n, StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_registered_handler_adds_its_capability()
    {
        await using var client = new TestClient(extraHandlers: ProbeHandlers.All);
        var capabilities = (await client.InitializeAsync())["result"]!["capabilities"]!;
        Assert.True((bool?)capabilities["experimental"]?["echo"]);
    }

    [Fact]
    public async Task Shutdown_then_exit_ends_with_code_0()
    {
        await using var client = new TestClient();
        await client.InitializeAsync();
        var shutdown = await client.RequestAsync("shutdown");
        Assert.Equal(JTokenType.Null, shutdown["result"]!.Type);
        client.Notify("exit");
        Assert.Equal(0, await client.Run.WaitAsync(TestClient.Timeout));
    }

    [Fact]
    public async Task Exit_without_shutdown_ends_with_code_1()
    {
        await using var client = new TestClient();
        await client.InitializeAsync();
        client.Notify("exit");
        Assert.Equal(1, await client.Run.WaitAsync(TestClient.Timeout));
    }

    [Fact]
    public async Task Exit_before_initialize_ends_with_code_1()
    {
        await using var client = new TestClient();
        client.Notify("exit");
        Assert.Equal(1, await client.Run.WaitAsync(TestClient.Timeout));
    }

    [Fact]
    public async Task The_end_of_the_input_ends_the_server()
    {
        await using var client = new TestClient();
        await client.InitializeAsync();
        client.CloseInput();
        Assert.Equal(1, await client.Run.WaitAsync(TestClient.Timeout));
    }

    [Fact]
    public async Task The_end_of_the_input_after_shutdown_ends_with_code_0()
    {
        await using var client = new TestClient();
        await client.InitializeAsync();
        await client.RequestAsync("shutdown");
        client.CloseInput();
        Assert.Equal(0, await client.Run.WaitAsync(TestClient.Timeout));
    }

    [Fact]
    public async Task The_death_of_the_client_process_ends_the_server()
    {
        var alive = true;
        await using var client = new TestClient(isProcessAlive: pid => pid == 4242 && Volatile.Read(ref alive));
        await client.InitializeAsync(processId: 4242);
        await Task.Delay(200);
        Assert.False(client.Run.IsCompleted);
        Volatile.Write(ref alive, false);
        Assert.Equal(1, await client.Run.WaitAsync(TestClient.Timeout));
        Assert.Contains("4242", client.Stderr.ToString());
    }

    [Fact]
    public void The_process_probe_knows_this_process_is_alive_and_a_free_pid_is_not()
    {
        Assert.True(ProcessProbe.IsAlive(Environment.ProcessId));
        Assert.False(ProcessProbe.IsAlive(int.MaxValue - 1));
    }

    [Fact]
    public async Task File_watchers_are_registered_dynamically_with_the_exact_globs()
    {
        await using var client = new TestClient();
        await client.InitializeAsync(TestClient.Capabilities(dynamicRegistration: true));
        var request = await WaitForServerRequest(client, "client/registerCapability");
        var registrations = (JArray)request["params"]!["registrations"]!;
        var watched = registrations.Single(r => (string?)r["method"] == "workspace/didChangeWatchedFiles");
        Assert.Equal(
            new[]
            {
                "**/{Dockerfile,Dockerfile.*,*.dockerfile,Containerfile}", "**/requirements*.txt", "**/*.in", "**/pyproject.toml",
                "**/{poetry,uv}.lock", "**/Pipfile*", "**/.python-version", "**/.dockerignore",
            },
            watched["registerOptions"]!["watchers"]!.Select(w => (string?)w["globPattern"]));
        Assert.Contains(registrations, r => (string?)r["method"] == "workspace/didChangeConfiguration");
    }

    [Fact]
    public async Task A_sessions_first_messages_never_need_the_reflection_serializer()
    {
        // Creating Newtonsoft's serializer costs tens of milliseconds of reflection and JIT: everything between spawn
        // and the first diagnostics of a typing user is mapped by hand (HandMappedJson, capabilities built as JObjects).
        await using var client = new TestClient();
        await client.InitializeAsync(TestClient.Capabilities(dynamicRegistration: true));
        await WaitForServerRequest(client, "client/registerCapability");
        await WaitForServerRequest(client, "workspace/configuration");
        client.OpenDocument("file:///work/Dockerfile", "FROM python:3.12\nRUN pip install flask\n");
        await client.DiagnosticsAsync("file:///work/Dockerfile", 1);
        client.ChangeDocument("file:///work/Dockerfile", 2, new JObject
        {
            ["range"] = new JObject { ["start"] = new JObject { ["line"] = 0, ["character"] = 14 }, ["end"] = new JObject { ["line"] = 0, ["character"] = 16 } },
            ["text"] = "13-slim",
        });
        await client.DiagnosticsAsync("file:///work/Dockerfile", 2);
        Assert.False(client.Server.SerializerCreated);

        // The serializer is still there for the rest (a hover answer is its first use here).
        await client.RequestAsync("textDocument/hover", new JObject
        {
            ["textDocument"] = new JObject { ["uri"] = "file:///work/Dockerfile" },
            ["position"] = new JObject { ["line"] = 0, ["character"] = 2 },
        });
        Assert.True(client.Server.SerializerCreated);
    }

    [Fact]
    public async Task Nothing_is_registered_when_the_client_cannot_register_dynamically()
    {
        await using var client = new TestClient();
        await client.InitializeAsync(TestClient.Capabilities(dynamicRegistration: false));
        await WaitForServerRequest(client, "workspace/configuration");
        await client.AssertAliveAsync();
        Assert.Empty(client.ServerRequests("client/registerCapability"));
    }

    [Fact]
    public async Task Trace_verbose_sends_logTrace_and_setTrace_off_stops_it()
    {
        await using var client = new TestClient(extraHandlers: ProbeHandlers.All);
        await client.InitializeAsync(trace: "verbose");
        await client.RequestAsync("test/echo", new JObject { ["text"] = "x" });
        var trace = await client.NextNotificationAsync("$/logTrace", n => ((string?)n["params"]?["message"])?.Contains("test/echo") == true);
        Assert.NotNull((string?)trace["params"]?["verbose"]);

        client.Notify("$/setTrace", new JObject { ["value"] = "off" });
        await client.RequestAsync("test/echo", new JObject { ["text"] = "after" });
        await client.AssertAliveAsync();
        Assert.DoesNotContain(client.Notifications("$/logTrace"), n => ((string?)n["params"]?["message"])?.Contains("test/echo") == true);
    }

    [Fact]
    public async Task Warnings_reach_the_client_as_logMessage_and_stderr()
    {
        await using var client = new TestClient();
        await client.InitializeAsync(trace: "off");
        client.WriteRaw("this is a garbage line, not an LSP header\r\n\r\n");
        var log = await client.NextNotificationAsync("window/logMessage");
        Assert.Equal(2, (int?)log["params"]?["type"]);
        Assert.Contains("malformed header", (string?)log["params"]?["message"]);
        Assert.Contains("malformed header", client.Stderr.ToString());
        await client.AssertAliveAsync();
    }

    [Fact]
    public async Task Information_reaches_the_client_only_from_trace_messages_on()
    {
        await using var quiet = new TestClient();
        await quiet.InitializeAsync(trace: "off");
        quiet.Notify("workspace/didChangeConfiguration", new JObject { ["settings"] = null });
        quiet.Server.Log.Write(PyDockerLsp.Server.Protocol.LogLevel.Info, "an info line");
        await quiet.AssertAliveAsync();
        Assert.DoesNotContain(quiet.Notifications("window/logMessage"), n => (string?)n["params"]?["message"] == "an info line");

        await using var chatty = new TestClient();
        await chatty.InitializeAsync(trace: "messages");
        chatty.Server.Log.Write(PyDockerLsp.Server.Protocol.LogLevel.Info, "an info line");
        var log = await chatty.NextNotificationAsync("window/logMessage", n => (string?)n["params"]?["message"] == "an info line");
        Assert.Equal(3, (int?)log["params"]?["type"]);
    }

    internal static async Task<JObject> WaitForServerRequest(TestClient client, string method)
    {
        for (int i = 0; i < 150; i++)
        {
            var found = client.ServerRequests(method).FirstOrDefault();
            if (found is not null) return found;
            await Task.Delay(100);
        }
        throw new TimeoutException($"The server never sent {method}.");
    }
}

public class InitializeResultJsonTests
{
    [Fact]
    public void The_hand_built_initialize_answer_equals_what_the_serializer_writes()
    {
        var result = new PyDockerLsp.Server.Protocol.InitializeResult
        {
            Capabilities = new PyDockerLsp.Server.Protocol.ServerCapabilities
            {
                PositionEncoding = "utf-16",
                TextDocumentSync = new PyDockerLsp.Server.Protocol.TextDocumentSyncOptions
                {
                    OpenClose = true,
                    Change = PyDockerLsp.Server.Protocol.TextDocumentSyncKind.Incremental,
                    Save = new PyDockerLsp.Server.Protocol.SaveOptions { IncludeText = true },
                },
                Workspace = new PyDockerLsp.Server.Protocol.WorkspaceServerCapabilities
                {
                    WorkspaceFolders = new PyDockerLsp.Server.Protocol.WorkspaceFoldersServerCapabilities { Supported = true, ChangeNotifications = true },
                },
                Other = { ["hoverProvider"] = true, ["completionProvider"] = new JObject { ["triggerCharacters"] = new JArray("-", "=") } },
            },
            ServerInfo = new PyDockerLsp.Server.Protocol.ServerInfo { Name = "pydocker", Version = "1.2.3" },
        };
        var bySerializer = JObject.FromObject(result, PyDockerLsp.Server.Protocol.LspJson.CreateSerializer());
        Assert.True(JToken.DeepEquals(bySerializer, result.ToJson()), $"serializer: {bySerializer}\nby hand: {result.ToJson()}");

        // Every public property of the capabilities must be covered by the hand-built JSON.
        var covered = new[] { "PositionEncoding", "TextDocumentSync", "Workspace", "Other" };
        Assert.Equal(covered.OrderBy(n => n), typeof(PyDockerLsp.Server.Protocol.ServerCapabilities).GetProperties().Select(p => p.Name).OrderBy(n => n));
    }

    [Fact]
    public void An_empty_initialize_answer_is_the_same_both_ways()
    {
        var result = new PyDockerLsp.Server.Protocol.InitializeResult();
        var bySerializer = JObject.FromObject(result, PyDockerLsp.Server.Protocol.LspJson.CreateSerializer());
        Assert.True(JToken.DeepEquals(bySerializer, result.ToJson()));
    }
}
