using Newtonsoft.Json.Linq;
using PyDockerLsp.Server.Protocol;
using PyDockerLsp.Server.Workspaces;

namespace PyDockerLsp.Server.Lsp;

/// <summary>Reads the <c>pydocker</c> settings section from the client and re-analyses when they change.</summary>
public static class Configuration
{
    public const string Section = "pydocker";

    /// <summary>Pulls the section with <c>workspace/configuration</c> (when the client supports it) and applies it.</summary>
    public static async Task PullAsync(LanguageServer server)
    {
        if (!server.Client.WorkspaceConfiguration) return;
        var result = await server.SendRequestAsync("workspace/configuration",
            new ConfigurationParams { Items = { new ConfigurationItem { Section = Section } } }.ToJson()).ConfigureAwait(false);
        var section = result is JArray { Count: > 0 } items ? items[0] : null;
        Apply(server, PyDockerSettings.FromJson(section));
    }

    /// <summary>Takes new settings; re-analyses every open document when they differ from the current ones.</summary>
    public static void Apply(LanguageServer server, PyDockerSettings settings)
    {
        bool changesAnalysis = !settings.Equals(server.Workspace.Settings);
        // Settings that do not change the analysis (the scaffold templates folder) are taken without re-analysing.
        server.Workspace.Settings = settings;
        if (!changesAnalysis) return;
        server.Log.Info($"Settings changed (enable={settings.Enable}, {settings.Rules.Count} rule severities); re-analysing open documents.");
        server.Diagnostics.ScheduleAll();
    }
}
