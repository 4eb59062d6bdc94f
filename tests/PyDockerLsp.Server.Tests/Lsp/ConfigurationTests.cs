using Newtonsoft.Json.Linq;
using PyDockerLsp.Core.IO;
using PyDockerLsp.Server.Tests.Support;

namespace PyDockerLsp.Server.Tests.Lsp;

/// <summary>The pydocker settings (pulled, pushed, or passed at initialize) and the workspace events that re-analyse.</summary>
public class ConfigurationTests
{

    /// <summary>The PD010 diagnostics of a publish: these tests are about the protocol, so they follow the one
    /// syntax finding their documents are built to trigger and ignore what other rules add.</summary>
    private static JArray Pd010(JObject published) =>
        new(((JArray)published["diagnostics"]!).Where(d => (string?)d["code"] == "PD010"));

    private const string Uri = "file:///work/app/Dockerfile";

    private static JObject Settings(string? pd010 = null, bool enable = true)
    {
        var rules = new JObject();
        if (pd010 is not null) rules["PD010"] = pd010;
        return new JObject { ["enable"] = enable, ["rules"] = rules };
    }

    private static int? OnlySeverity(JObject published) => (int?)Assert.Single(Pd010(published))["severity"];

    [Fact]
    public async Task Pulled_settings_change_the_severity_and_turn_rules_off()
    {
        await using var client = new TestClient();
        var settings = Settings(pd010: "warning");
        client.AnswerServerRequest = (method, _) => method == "workspace/configuration" ? new JArray(settings) : null;
        await client.InitializeAsync();
        await LifecycleTests.WaitForServerRequest(client, "workspace/configuration");
        for (int i = 0; i < 100 && client.Server.Workspace.Settings.Rules.Count == 0; i++) await Task.Delay(50);
        client.OpenDocument(Uri, "RUN x\n");
        Assert.Equal(2, OnlySeverity(await client.DiagnosticsAsync(Uri, 1)));

        settings = Settings(pd010: "off");
        client.Notify("workspace/didChangeConfiguration", new JObject { ["settings"] = null });
        var off = await client.DiagnosticsAsync(Uri, 1);
        Assert.Empty(Pd010(off));
    }

    [Fact]
    public async Task Disabling_pydocker_clears_every_diagnostic()
    {
        await using var client = new TestClient();
        var settings = Settings();
        client.AnswerServerRequest = (method, _) => method == "workspace/configuration" ? new JArray(settings) : null;
        await client.InitializeAsync();
        client.OpenDocument(Uri, "RUN x\n");
        Assert.Single(Pd010((await client.DiagnosticsAsync(Uri, 1))));
        settings = Settings(enable: false);
        client.Notify("workspace/didChangeConfiguration", new JObject());
        Assert.Empty(Pd010((await client.DiagnosticsAsync(Uri, 1))));
    }

    [Fact]
    public async Task Without_the_pull_model_the_pushed_settings_are_used()
    {
        await using var client = new TestClient();
        await client.InitializeAsync(TestClient.Capabilities(configuration: false));
        client.OpenDocument(Uri, "RUN x\n");
        Assert.Equal(1, OnlySeverity(await client.DiagnosticsAsync(Uri, 1)));
        client.Notify("workspace/didChangeConfiguration", new JObject { ["settings"] = new JObject { ["pydocker"] = Settings(pd010: "hint") } });
        Assert.Equal(4, OnlySeverity(await client.DiagnosticsAsync(Uri, 1)));
        Assert.Empty(client.ServerRequests("workspace/configuration"));
    }

    [Fact]
    public async Task Settings_in_initializationOptions_apply_to_the_first_diagnostics()
    {
        await using var client = new TestClient();
        await client.InitializeAsync(TestClient.Capabilities(configuration: false),
            initializationOptions: new JObject { ["settings"] = Settings(pd010: "info") });
        client.OpenDocument(Uri, "RUN x\n");
        Assert.Equal(3, OnlySeverity(await client.DiagnosticsAsync(Uri, 1)));
    }

    [Fact]
    public async Task A_watched_manifest_change_re_analyses_the_open_Dockerfiles_of_its_build_context()
    {
        var disk = new InMemoryFileSystem().Add("/work/app/requirements.txt", "fastapi\n");
        await using var client = new TestClient(disk);
        await client.InitializeAsync();
        client.OpenDocument(Uri, "RUN x\n");
        client.OpenDocument("file:///work/other/Dockerfile", "RUN x\n");
        await client.DiagnosticsAsync(Uri, 1);
        await client.DiagnosticsAsync("file:///work/other/Dockerfile", 1);

        client.Notify("workspace/didChangeWatchedFiles", new JObject
        {
            ["changes"] = new JArray(new JObject { ["uri"] = "file:///work/app/requirements.txt", ["type"] = 2 }),
        });
        var again = await client.DiagnosticsAsync(Uri, 1);
        Assert.Single(Pd010(again));
        await client.AssertAliveAsync();
        Assert.DoesNotContain(client.Notifications("textDocument/publishDiagnostics"),
            n => (string?)n["params"]?["uri"] == "file:///work/other/Dockerfile");
    }

    [Fact]
    public async Task Editing_an_open_manifest_re_analyses_the_Dockerfile_beside_it()
    {
        await using var client = new TestClient();
        await client.InitializeAsync();
        client.OpenDocument(Uri, "RUN x\n");
        await client.DiagnosticsAsync(Uri, 1);
        client.OpenDocument("file:///work/app/pyproject.toml", "[project]\n", languageId: "toml");
        await client.DiagnosticsAsync(Uri, 1);
        client.ChangeDocument("file:///work/app/pyproject.toml", 2, new JObject { ["text"] = "[project]\nname = 'x'\n" });
        await client.DiagnosticsAsync(Uri, 1);
    }

    [Fact]
    public async Task Workspace_folders_come_from_initialize_and_follow_changes()
    {
        await using var client = new TestClient();
        await client.InitializeAsync();
        Assert.Equal(new[] { "/work" }, client.Server.Workspace.Folders.Select(f => f.Path));
        client.Notify("workspace/didChangeWorkspaceFolders", new JObject
        {
            ["event"] = new JObject
            {
                ["added"] = new JArray(new JObject { ["uri"] = "file:///other%20place", ["name"] = "other" }),
                ["removed"] = new JArray(new JObject { ["uri"] = "file:///work", ["name"] = "work" }),
            },
        });
        await client.AssertAliveAsync();
        Assert.Equal(new[] { "/other place" }, client.Server.Workspace.Folders.Select(f => f.Path));
    }
}
