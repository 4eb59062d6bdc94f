using Newtonsoft.Json.Linq;
using PyDockerLsp.Core.IO;
using PyDockerLsp.Server.Tests.Support;

namespace PyDockerLsp.Server.Tests.Lsp;

/// <summary>
/// Diagnostics that depend on more than one file: a Dockerfile re-analysed when a manifest of its build context
/// changes (in an editor buffer or on disk), and findings a Dockerfile makes on a manifest, published on the
/// manifest merged with the manifest's own.
/// </summary>
public class CrossFileDiagnosticsTests
{
    private const string Dockerfile = "file:///work/app/Dockerfile";
    private const string PyProject = "file:///work/app/pyproject.toml";
    private const string Requirements = "file:///work/app/requirements.txt";

    private static string PyProjectText(string requiresPython) => $"[project]\nname = \"app\"\nrequires-python = \"{requiresPython}\"\n";

    /// <summary>The codes this suite is about; other rules' diagnostics on the same files are left out of the comparisons.</summary>
    private static readonly HashSet<string> Watched = new(StringComparer.Ordinal) { "PD104", "PD207", "PD803" };

    /// <summary>The next publish for <paramref name="uri"/> whose diagnostics of the <see cref="Watched"/> codes are
    /// exactly <paramref name="codes"/>.</summary>
    private static async Task<JObject> PublishWithCodes(TestClient client, string uri, params string[] codes)
    {
        var message = await client.NextNotificationAsync("textDocument/publishDiagnostics", n =>
            (string?)n["params"]?["uri"] == uri &&
            ((JArray)n["params"]!["diagnostics"]!).Select(d => (string)d["code"]!).Where(Watched.Contains).OrderBy(c => c, StringComparer.Ordinal)
                .SequenceEqual(codes.OrderBy(c => c, StringComparer.Ordinal)));
        return (JObject)message["params"]!;
    }

    private static JObject Diagnostic(JObject published, string code) =>
        (JObject)((JArray)published["diagnostics"]!).Single(d => (string?)d["code"] == code);

    [Fact]
    public async Task Editing_requires_python_in_an_open_buffer_brings_PD104_to_the_Dockerfile_and_reverting_takes_it_away()
    {
        await using var client = new TestClient();
        await client.InitializeAsync();
        client.OpenDocument(Dockerfile, "FROM python:3.12-slim\n");
        client.OpenDocument(PyProject, PyProjectText(">=3.10"), languageId: "toml");
        await PublishWithCodes(client, Dockerfile);

        client.ChangeDocument(PyProject, 2, new JObject { ["text"] = PyProjectText(">=3.13") });
        var mismatch = await PublishWithCodes(client, Dockerfile, "PD104");
        var diagnostic = Diagnostic(mismatch, "PD104");
        Assert.Equal(1, (int?)mismatch["version"]);
        Assert.Equal("0:12-0:21", $"{diagnostic["range"]!["start"]!["line"]}:{diagnostic["range"]!["start"]!["character"]}-{diagnostic["range"]!["end"]!["line"]}:{diagnostic["range"]!["end"]!["character"]}");
        var related = (JObject)((JArray)diagnostic["relatedInformation"]!)[0];
        Assert.Equal(PyProject, (string?)related["location"]!["uri"]);
        Assert.Equal(2, (int?)related["location"]!["range"]!["start"]!["line"]);

        client.ChangeDocument(PyProject, 3, new JObject { ["text"] = PyProjectText(">=3.10") });
        await PublishWithCodes(client, Dockerfile);
    }

    [Fact]
    public async Task A_change_on_disk_reported_by_watched_files_re_analyses_the_Dockerfile()
    {
        var disk = new InMemoryFileSystem().Add("/work/app/pyproject.toml", PyProjectText(">=3.10"));
        await using var client = new TestClient(disk);
        await client.InitializeAsync();
        client.OpenDocument(Dockerfile, "FROM python:3.12-slim\n");
        await PublishWithCodes(client, Dockerfile);

        disk.Add("/work/app/pyproject.toml", PyProjectText("<3.12"));
        client.Notify("workspace/didChangeWatchedFiles", new JObject
        {
            ["changes"] = new JArray(new JObject { ["uri"] = PyProject, ["type"] = 2 }),
        });
        await PublishWithCodes(client, Dockerfile, "PD104");
    }

    [Fact]
    public async Task An_open_buffer_wins_over_the_disk()
    {
        var disk = new InMemoryFileSystem().Add("/work/app/pyproject.toml", PyProjectText(">=3.13"));
        await using var client = new TestClient(disk);
        await client.InitializeAsync();
        client.OpenDocument(PyProject, PyProjectText(">=3.10"), languageId: "toml");
        client.OpenDocument(Dockerfile, "FROM python:3.12-slim\n");
        await PublishWithCodes(client, Dockerfile);
        // The disk says 3.13, but the editor's unsaved text is what counts.
        client.Notify("workspace/didChangeWatchedFiles", new JObject
        {
            ["changes"] = new JArray(new JObject { ["uri"] = PyProject, ["type"] = 2 }),
        });
        await client.AssertAliveAsync();
        Assert.DoesNotContain(client.Notifications("textDocument/publishDiagnostics"),
            n => (string?)n["params"]?["uri"] == Dockerfile && ((JArray)n["params"]!["diagnostics"]!).Any(d => (string?)d["code"] == "PD104"));
    }

    [Fact]
    public async Task Findings_a_Dockerfile_makes_on_a_requirements_file_are_merged_with_the_file_s_own()
    {
        var disk = new InMemoryFileSystem().Add("/work/app/requirements.txt", "flask\nflask==3.1.0\n");
        await using var client = new TestClient(disk);
        await client.InitializeAsync();
        client.OpenDocument(Dockerfile, "FROM python:3.12-slim\nCOPY requirements.txt .\nRUN pip install -r requirements.txt\n");

        // Not open: the file gets what the Dockerfile found on it (the unpinned line), with the install as related.
        var closed = await PublishWithCodes(client, Requirements, "PD207");
        Assert.Null(closed["version"]);
        var related = (JObject)((JArray)Diagnostic(closed, "PD207")["relatedInformation"]!)[0];
        Assert.Equal(Dockerfile, (string?)related["location"]!["uri"]);

        // Open: its own finding (the duplicate) joins, with the buffer's version.
        client.OpenDocument(Requirements, "flask\nflask==3.1.0\n", version: 4, languageId: "pip-requirements");
        var merged = await PublishWithCodes(client, Requirements, "PD207", "PD803");
        Assert.Equal(4, (int?)merged["version"]);

        // The Dockerfile closes: what it found on the file goes with it.
        client.Notify("textDocument/didClose", new JObject { ["textDocument"] = new JObject { ["uri"] = Dockerfile } });
        await PublishWithCodes(client, Requirements, "PD803");
    }

    [Fact]
    public async Task Closing_the_Dockerfile_clears_what_it_published_on_a_closed_file()
    {
        var disk = new InMemoryFileSystem().Add("/work/app/requirements.txt", "flask\n");
        await using var client = new TestClient(disk);
        await client.InitializeAsync();
        client.OpenDocument(Dockerfile, "FROM python:3.12-slim\nCOPY requirements.txt .\nRUN pip install -r requirements.txt\n");
        await PublishWithCodes(client, Requirements, "PD207");
        client.Notify("textDocument/didClose", new JObject { ["textDocument"] = new JObject { ["uri"] = Dockerfile } });
        await PublishWithCodes(client, Requirements);
    }

    [Fact]
    public async Task Editing_a_requirements_buffer_moves_the_Dockerfile_s_findings_with_the_text()
    {
        await using var client = new TestClient();
        await client.InitializeAsync();
        client.OpenDocument(Requirements, "flask\n", languageId: "pip-requirements");
        client.OpenDocument(Dockerfile, "FROM python:3.12-slim\nCOPY requirements.txt .\nRUN pip install -r requirements.txt\n");
        var first = await PublishWithCodes(client, Requirements, "PD207");
        Assert.Equal(0, (int?)Diagnostic(first, "PD207")["range"]!["start"]!["line"]);

        client.ChangeDocument(Requirements, 2, new JObject { ["text"] = "gunicorn==23.0.0\nflask\n" });
        var moved = await client.NextNotificationAsync("textDocument/publishDiagnostics", n =>
            (string?)n["params"]?["uri"] == Requirements && (int?)n["params"]?["version"] == 2
            && ((JArray)n["params"]!["diagnostics"]!).Any(d => (string?)d["code"] == "PD207"));
        Assert.Equal(1, (int?)Diagnostic((JObject)moved["params"]!, "PD207")["range"]!["start"]!["line"]);
    }

    private static JObject CodeActionRequest(string uri, int line, int character) => new()
    {
        ["textDocument"] = new JObject { ["uri"] = uri },
        ["range"] = new JObject
        {
            ["start"] = new JObject { ["line"] = line, ["character"] = character },
            ["end"] = new JObject { ["line"] = line, ["character"] = character },
        },
        ["context"] = new JObject { ["diagnostics"] = new JArray() },
    };

    [Fact]
    public async Task A_manifest_offers_the_quick_fixes_of_its_own_findings_and_of_the_Dockerfile_s()
    {
        await using var client = new TestClient();
        await client.InitializeAsync(TestClient.Capabilities());
        client.OpenDocument(Requirements, "flask\npsycopg2==2.9.10\n", languageId: "pip-requirements");
        client.OpenDocument(Dockerfile, "FROM python:3.12-slim\nCOPY requirements.txt .\nRUN pip install -r requirements.txt\n");
        await PublishWithCodes(client, Requirements, "PD207");

        var actions = (JArray)(await client.RequestAsync("textDocument/codeAction", CodeActionRequest(Requirements, 1, 2)))["result"]!;
        var rename = (JObject)actions.Single(a => (string?)a["title"] == "Use psycopg2-binary instead of psycopg2 in requirements.txt");
        Assert.Equal("quickfix", (string?)rename["kind"]);
        Assert.Equal("PD805", (string?)rename["diagnostics"]![0]!["code"]);
        Assert.NotNull(rename["edit"]);

        // The Dockerfile's PD212 on the install offers the same rename of the manifest line.
        var onDockerfile = (JArray)(await client.RequestAsync("textDocument/codeAction", CodeActionRequest(Dockerfile, 2, 20)))["result"]!;
        Assert.Contains(onDockerfile, a => ((string?)a["title"])!.StartsWith("Install libpq-dev and gcc", StringComparison.Ordinal));
    }
}
