using Newtonsoft.Json.Linq;
using PyDockerLsp.Server.Protocol;
using PyDockerLsp.Server.Tests.Support;

namespace PyDockerLsp.Server.Tests.Protocol;

/// <summary>JSON-RPC dispatch: every error answer of the specification, and the server staying up after each.</summary>
public class DispatchTests
{
    private static TestClient NewClient() => new(extraHandlers: ProbeHandlers.All);

    private static int? ErrorCode(JObject response) => (int?)response["error"]?["code"];

    [Fact]
    public async Task A_request_is_answered_with_its_id_and_typed_result()
    {
        await using var client = NewClient();
        await client.InitializeAsync();
        var response = await client.RequestAsync("test/echo", new JObject { ["text"] = "hi 🐍", ["count"] = 3 }, "string-id");
        Assert.Equal("string-id", (string?)response["id"]);
        Assert.Equal("2.0", (string?)response["jsonrpc"]);
        Assert.Equal("hi 🐍", (string?)response["result"]?["text"]);
        Assert.Equal(3, (int?)response["result"]?["count"]);
    }

    [Fact]
    public async Task Malformed_JSON_is_answered_with_minus_32700_and_id_null_then_the_server_goes_on()
    {
        await using var client = NewClient();
        await client.InitializeAsync();
        client.SendBody("{\"jsonrpc\":\"2.0\",\"id\":9001,\"method\":\"textDocument/hover\",\"params\":{\"textDocument\":");
        var error = await client.NextNullIdResponseAsync();
        Assert.Equal(ErrorCodes.ParseError, ErrorCode(error));
        Assert.Equal(JTokenType.Null, error["id"]!.Type);
        await client.AssertAliveAsync();
    }

    /// <summary>name, raw body, the id the answer must carry (null token when it cannot be known).</summary>
    public static TheoryData<string, string, JToken> InvalidRequests => new()
    {
        { "a batch", "[{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"test/echo\"}]", JValue.CreateNull() },
        { "a bare number", "42", JValue.CreateNull() },
        { "no jsonrpc member", "{\"id\":5,\"method\":\"test/echo\",\"params\":{\"text\":\"x\"}}", new JValue(5) },
        { "a wrong jsonrpc version", "{\"jsonrpc\":\"1.0\",\"id\":6,\"method\":\"test/echo\"}", new JValue(6) },
        { "a method that is not a string", "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":12}", new JValue(7) },
        { "an id that is an object", "{\"jsonrpc\":\"2.0\",\"id\":{\"x\":1},\"method\":\"test/echo\"}", JValue.CreateNull() },
        { "params that are a string", "{\"jsonrpc\":\"2.0\",\"id\":8,\"method\":\"test/echo\",\"params\":\"text\"}", new JValue(8) },
        { "neither request nor response", "{\"jsonrpc\":\"2.0\",\"id\":9}", new JValue(9) },
    };

    [Theory]
    [MemberData(nameof(InvalidRequests))]
    public async Task Invalid_requests_are_answered_with_minus_32600(string _, string body, JToken expectedId)
    {
        await using var client = NewClient();
        await client.InitializeAsync();
        var answer = expectedId.Type == JTokenType.Null ? null : client.ExpectResponse(expectedId);
        client.SendBody(body);
        var error = answer is null ? await client.NextNullIdResponseAsync() : await answer;
        Assert.Equal(ErrorCodes.InvalidRequest, ErrorCode(error));
        await client.AssertAliveAsync();
    }

    [Fact]
    public async Task An_unknown_method_is_answered_with_minus_32601_and_an_unknown_notification_is_ignored()
    {
        await using var client = NewClient();
        await client.InitializeAsync();
        client.Notify("test/noSuchNotification", new JObject());
        client.Notify("$/noSuchThing", new JObject());
        var response = await client.RequestAsync("harness/noSuchMethod", new JObject { ["probe"] = true });
        Assert.Equal(ErrorCodes.MethodNotFound, ErrorCode(response));
        var dollar = await client.RequestAsync("$/noSuchRequest", new JObject());
        Assert.Equal(ErrorCodes.MethodNotFound, ErrorCode(dollar));
    }

    public static TheoryData<string, string, JToken?> BadParams => new()
    {
        { "required member missing", "test/echo", new JObject { ["count"] = 1 } },
        { "member of the wrong type", "test/echo", new JObject { ["text"] = "x", ["count"] = "many" } },
        { "params missing", "test/echo", null },
        { "an array where an object is needed", "test/echo", new JArray(1, 2) },
        { "didOpen-shaped garbage in initialize", "initialize", new JObject { ["processId"] = "not a number" } },
    };

    [Theory]
    [MemberData(nameof(BadParams))]
    public async Task Params_that_do_not_fit_are_answered_with_minus_32602(string _, string method, JToken? parameters)
    {
        await using var client = NewClient();
        if (method != "initialize") await client.InitializeAsync();
        var response = await client.RequestAsync(method, parameters);
        Assert.Equal(ErrorCodes.InvalidParams, ErrorCode(response));
        if (method == "initialize") await client.InitializeAsync();
        await client.AssertAliveAsync();
    }

    [Fact]
    public async Task A_handler_that_throws_is_answered_with_minus_32603_and_logged()
    {
        await using var client = NewClient();
        await client.InitializeAsync();
        var response = await client.RequestAsync("test/throw", new JObject());
        Assert.Equal(ErrorCodes.InternalError, ErrorCode(response));
        Assert.Contains("the probe broke", (string?)response["error"]?["message"]);
        Assert.Contains("the probe broke", client.Stderr.ToString());
        await client.AssertAliveAsync();
    }

    [Fact]
    public async Task A_request_before_initialize_is_answered_with_minus_32002()
    {
        await using var client = NewClient();
        var hover = await client.RequestAsync("textDocument/hover", new JObject
        {
            ["textDocument"] = new JObject { ["uri"] = "file:///work/Dockerfile" },
            ["position"] = new JObject { ["line"] = 0, ["character"] = 0 },
        });
        Assert.Equal(ErrorCodes.ServerNotInitialized, ErrorCode(hover));
        var echo = await client.RequestAsync("test/echo", new JObject { ["text"] = "x" });
        Assert.Equal(ErrorCodes.ServerNotInitialized, ErrorCode(echo));
        var init = await client.InitializeAsync();
        Assert.NotNull(init["result"]);
    }

    [Fact]
    public async Task Notifications_before_initialize_are_dropped()
    {
        await using var client = NewClient();
        client.OpenDocument("file:///work/Dockerfile", "RUN x\n");
        await client.InitializeAsync();
        Assert.Null(client.Server.Workspace.GetDocument("file:///work/Dockerfile"));
    }

    [Fact]
    public async Task A_second_initialize_and_requests_after_shutdown_are_answered_with_minus_32600()
    {
        await using var client = NewClient();
        await client.InitializeAsync();
        var again = await client.RequestAsync("initialize", new JObject { ["processId"] = null, ["capabilities"] = new JObject() });
        Assert.Equal(ErrorCodes.InvalidRequest, ErrorCode(again));
        await client.RequestAsync("shutdown");
        var late = await client.RequestAsync("test/echo", new JObject { ["text"] = "x" });
        Assert.Equal(ErrorCodes.InvalidRequest, ErrorCode(late));
    }

    [Fact]
    public async Task A_cancelled_request_is_answered_with_minus_32800()
    {
        await using var client = NewClient();
        await client.InitializeAsync();
        var waiting = client.RequestAsync("test/wait", new JObject(), 77);
        // The request runs concurrently: later requests are answered while it waits.
        var echo = await client.RequestAsync("test/echo", new JObject { ["text"] = "meanwhile" });
        Assert.Equal("meanwhile", (string?)echo["result"]?["text"]);
        Assert.False(waiting.IsCompleted);
        client.Notify("$/cancelRequest", new JObject { ["id"] = 77 });
        var response = await waiting;
        Assert.Equal(ErrorCodes.RequestCancelled, ErrorCode(response));
        await client.AssertAliveAsync();
    }

    [Fact]
    public async Task Cancelling_an_unknown_or_finished_request_changes_nothing()
    {
        await using var client = NewClient();
        await client.InitializeAsync();
        await client.RequestAsync("test/echo", new JObject { ["text"] = "x" }, 5);
        client.Notify("$/cancelRequest", new JObject { ["id"] = 5 });
        client.Notify("$/cancelRequest", new JObject { ["id"] = "never-sent" });
        await client.AssertAliveAsync();
    }

    [Fact]
    public async Task Server_to_client_requests_are_matched_with_their_responses()
    {
        await using var client = NewClient();
        await client.InitializeAsync();
        client.AnswerServerRequest = (method, p) => method switch
        {
            "test/question" => new JObject { ["echo"] = p?["n"] },
            "workspace/applyEdit" => new JObject { ["applied"] = true },
            _ => throw new InvalidOperationException("the client refuses"),
        };
        var first = client.RequestAsync("test/ask", new JObject { ["params"] = new JObject { ["n"] = 1 } });
        var second = client.RequestAsync("test/ask", new JObject { ["params"] = new JObject { ["n"] = 2 } });
        var edit = client.RequestAsync("test/ask", new JObject { ["method"] = "workspace/applyEdit", ["params"] = new JObject { ["edit"] = new JObject() } });
        var refused = client.RequestAsync("test/ask", new JObject { ["method"] = "test/refused", ["params"] = new JObject() });
        Assert.Equal(1, (int?)(await first)["result"]?["answer"]?["echo"]);
        Assert.Equal(2, (int?)(await second)["result"]?["answer"]?["echo"]);
        Assert.True((bool?)(await edit)["result"]?["answer"]?["applied"]);
        Assert.Equal(-32603, (int?)(await refused)["result"]?["clientError"]);
    }
}
