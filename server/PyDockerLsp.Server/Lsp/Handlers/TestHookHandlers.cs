using Newtonsoft.Json.Linq;
using PyDockerLsp.Server.Protocol;

namespace PyDockerLsp.Server.Lsp.Handlers;

/// <summary>
/// <c>pydocker/testHooks/wait</c>: answers after <c>params.ms</c> milliseconds (at most 30 s) unless cancelled first.
/// Registered only when the environment sets <c>PYDOCKER_TEST_HOOKS=1</c>, so the out-of-process protocol suite can
/// prove that <c>$/cancelRequest</c> answers -32800 on the real executable. Editors never see it.
/// </summary>
public sealed class WaitHandler : RequestHandler<JObject, string>
{
    public const string EnvironmentSwitch = "PYDOCKER_TEST_HOOKS";

    public override string Method => "pydocker/testHooks/wait";

    public override async Task<string> HandleAsync(JObject parameters, CancellationToken ct)
    {
        int ms = Math.Clamp((int?)parameters["ms"] ?? 30_000, 0, 30_000);
        await Task.Delay(ms, ct).ConfigureAwait(false);
        return "waited";
    }

    public static bool Enabled => Environment.GetEnvironmentVariable(EnvironmentSwitch) == "1";
}
