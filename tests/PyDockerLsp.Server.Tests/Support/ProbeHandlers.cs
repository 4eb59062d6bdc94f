using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using PyDockerLsp.Server.Lsp;
using PyDockerLsp.Server.Protocol;

namespace PyDockerLsp.Server.Tests.Support;

/// <summary>Handlers that exist only in tests, to exercise the dispatcher: they plug in exactly as a feature would.</summary>
public static class ProbeHandlers
{
    public static readonly IReadOnlyList<Func<LanguageServer, ILspHandler>> All = new Func<LanguageServer, ILspHandler>[]
    {
        _ => new EchoHandler(),
        _ => new ThrowHandler(),
        _ => new WaitForCancellationHandler(),
        server => new AskClientHandler(server),
    };

    public sealed class EchoParams
    {
        [JsonProperty(Required = Required.Always)] public string Text { get; set; } = "";
        public int Count { get; set; }
    }

    /// <summary>test/echo: answers with its params; advertises an experimental capability.</summary>
    public sealed class EchoHandler : RequestHandler<EchoParams, EchoParams>
    {
        public override string Method => "test/echo";

        public override void Advertise(ServerCapabilities capabilities, ClientCapabilities client) =>
            capabilities.Other["experimental"] = new JObject { ["echo"] = true };

        public override Task<EchoParams> HandleAsync(EchoParams parameters, CancellationToken ct) => Task.FromResult(parameters);
    }

    public sealed class ThrowHandler : RequestHandler<JToken, object?>
    {
        public override string Method => "test/throw";
        public override Task<object?> HandleAsync(JToken parameters, CancellationToken ct) => throw new InvalidOperationException("the probe broke");
    }

    /// <summary>test/wait: runs until cancelled (or 30 s).</summary>
    public sealed class WaitForCancellationHandler : RequestHandler<JToken, object?>
    {
        public override string Method => "test/wait";

        public override async Task<object?> HandleAsync(JToken parameters, CancellationToken ct)
        {
            await Task.Delay(TimeSpan.FromSeconds(30), ct);
            return "not cancelled";
        }
    }

    /// <summary>test/ask: sends a request to the client and answers with what the client answered.</summary>
    public sealed class AskClientHandler : RequestHandler<JToken, object?>
    {
        private readonly LanguageServer _server;
        public AskClientHandler(LanguageServer server) => _server = server;

        public override string Method => "test/ask";

        public override async Task<object?> HandleAsync(JToken parameters, CancellationToken ct)
        {
            var method = (string?)parameters["method"] ?? "test/question";
            try
            {
                return new JObject { ["answer"] = await _server.SendRequestAsync(method, parameters["params"], ct) };
            }
            catch (RemoteErrorException e)
            {
                return new JObject { ["clientError"] = e.Code };
            }
        }
    }
}
