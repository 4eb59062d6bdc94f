using Newtonsoft.Json.Linq;
using PyDockerLsp.Server.Tests.Support;

namespace PyDockerLsp.Server.Tests.Lsp;

/// <summary>Open, edit and close documents; diagnostics follow, with the document version and UTF-16 ranges.</summary>
public class DocumentDiagnosticsTests
{

    /// <summary>The PD010 diagnostics of a publish: these tests are about the protocol, so they follow the one
    /// syntax finding their documents are built to trigger and ignore what other rules add.</summary>
    private static JArray Pd010(JObject published) =>
        new(((JArray)published["diagnostics"]!).Where(d => (string?)d["code"] == "PD010"));

    private const string Uri = "file:///work/app/Dockerfile";

    private static string RangeOf(JToken diagnostic)
    {
        var r = diagnostic["range"]!;
        return $"{r["start"]!["line"]}:{r["start"]!["character"]}-{r["end"]!["line"]}:{r["end"]!["character"]}";
    }

    [Fact]
    public async Task DidOpen_publishes_the_PD010_diagnostic_with_the_document_version()
    {
        await using var client = new TestClient();
        await client.InitializeAsync();
        client.OpenDocument(Uri, "RUN pip install fastapi==0.115.0\n", version: 7);
        var published = await client.DiagnosticsAsync(Uri);
        Assert.Equal(7, (int?)published["version"]);
        var diagnostic = Assert.Single(Pd010(published));
        Assert.Equal("PD010", (string?)diagnostic["code"]);
        Assert.Equal(1, (int?)diagnostic["severity"]);
        Assert.Equal("pydocker", (string?)diagnostic["source"]);
        Assert.Equal("0:0-0:3", RangeOf(diagnostic));
    }

    [Fact]
    public async Task An_incremental_change_that_adds_FROM_clears_the_diagnostic_and_one_that_removes_it_brings_it_back()
    {
        await using var client = new TestClient();
        await client.InitializeAsync();
        client.OpenDocument(Uri, "RUN echo hi\n");
        Assert.Single(Pd010((await client.DiagnosticsAsync(Uri, 1))));

        client.ChangeDocument(Uri, 2, TestClient.RangeChange(0, 0, 0, 0, "FROM python:3.12-slim\n"));
        var fixedDoc = await client.DiagnosticsAsync(Uri, 2);
        Assert.Empty(Pd010(fixedDoc));
        Assert.Equal("FROM python:3.12-slim\nRUN echo hi\n", client.Server.Workspace.GetDocument(Uri)!.Text.Text);

        client.ChangeDocument(Uri, 3, TestClient.RangeChange(0, 0, 1, 0, ""));
        var broken = await client.DiagnosticsAsync(Uri, 3);
        Assert.Equal("0:0-0:3", RangeOf(Assert.Single(Pd010(broken))));
    }

    [Fact]
    public async Task A_full_text_change_replaces_the_document()
    {
        await using var client = new TestClient();
        await client.InitializeAsync();
        client.OpenDocument(Uri, "FROM alpine\n");
        await client.DiagnosticsAsync(Uri, 1);
        client.ChangeDocument(Uri, 2, new JObject { ["text"] = "\n\n  WORKDIR /app\n" });
        var published = await client.DiagnosticsAsync(Uri, 2);
        Assert.Equal("2:2-2:9", RangeOf(Assert.Single(Pd010(published))));
    }

    /// <summary>name, document, expected range: columns count UTF-16 code units, line breaks of every kind.</summary>
    public static TheoryData<string, string, string> Utf16Documents => new()
    {
        { "an emoji is two code units", "🐍RUN x\n", "0:0-0:5" },
        { "CJK characters are one code unit each", "中文指令 x\n", "0:0-0:4" },
        { "CRLF line breaks", "\r\n\r\n  RUN x\r\n", "2:2-2:5" },
        { "a lone CR is a line break", "\r  RUN x", "1:2-1:5" },
        { "an emoji inside an indented keyword", "  R🐳N x\n", "0:2-0:6" },
    };

    [Theory]
    [MemberData(nameof(Utf16Documents))]
    public async Task Diagnostic_ranges_are_in_UTF16_code_units(string _, string text, string expected)
    {
        await using var client = new TestClient();
        await client.InitializeAsync();
        client.OpenDocument(Uri, text);
        var published = await client.DiagnosticsAsync(Uri, 1);
        Assert.Equal(expected, RangeOf(Assert.Single(Pd010(published))));
    }

    [Fact]
    public async Task Several_changes_in_one_notification_apply_in_order_with_UTF16_positions()
    {
        await using var client = new TestClient();
        await client.InitializeAsync();
        client.OpenDocument(Uri, "# 🐍 中文\r\nRUN x\r\n");
        await client.DiagnosticsAsync(Uri, 1);
        client.ChangeDocument(Uri, 2,
            TestClient.RangeChange(0, 2, 0, 4, "python"),      // the emoji: columns 2..4
            TestClient.RangeChange(0, 9, 0, 11, "text"),       // 中文 after the replacement: columns 9..11
            TestClient.RangeChange(1, 0, 1, 3, "FROM"));       // the keyword on the CRLF line
        var published = await client.DiagnosticsAsync(Uri, 2);
        Assert.Empty(Pd010(published));
        Assert.Equal("# python text\r\nFROM x\r\n", client.Server.Workspace.GetDocument(Uri)!.Text.Text);
    }

    [Fact]
    public async Task DidClose_clears_the_diagnostics()
    {
        await using var client = new TestClient();
        await client.InitializeAsync();
        client.OpenDocument(Uri, "RUN x\n");
        await client.DiagnosticsAsync(Uri, 1);
        client.Notify("textDocument/didClose", new JObject { ["textDocument"] = new JObject { ["uri"] = Uri } });
        var cleared = await client.DiagnosticsAsync(Uri);
        Assert.Empty(Pd010(cleared));
        Assert.Null(client.Server.Workspace.GetDocument(Uri));
    }

    [Fact]
    public async Task Rapid_changes_end_with_the_newest_version_and_never_publish_an_older_one_after_it()
    {
        await using var client = new TestClient();
        await client.InitializeAsync();
        client.OpenDocument(Uri, "RUN x\n");
        for (int version = 2; version <= 40; version++)
            client.ChangeDocument(Uri, version, new JObject { ["text"] = version % 2 == 0 ? "FROM a\n" : "RUN x\n" });
        var last = await client.DiagnosticsAsync(Uri, 40);
        Assert.Empty(Pd010(last));
        await client.AssertAliveAsync();
        var versions = client.Notifications("textDocument/publishDiagnostics").Select(n => (int)n["params"]!["version"]!).ToList();
        Assert.Equal(versions.OrderBy(v => v), versions);
    }

    [Fact]
    public async Task An_untitled_buffer_in_dockerfile_mode_is_analysed()
    {
        await using var client = new TestClient();
        await client.InitializeAsync();
        client.OpenDocument("untitled:Untitled-1", "RUN x\n");
        var published = await client.DiagnosticsAsync("untitled:Untitled-1", 1);
        Assert.Equal("PD010", (string?)Assert.Single(Pd010(published))["code"]);
    }

    [Fact]
    public async Task A_clean_manifest_gets_an_empty_publish_and_a_python_file_too()
    {
        await using var client = new TestClient();
        await client.InitializeAsync();
        client.OpenDocument("file:///work/app/requirements.txt", "flask==3.1.0\n", languageId: "pip-requirements");
        client.OpenDocument("file:///work/app/main.py", "RUN x\n", languageId: "python");
        Assert.Empty(Pd010((await client.DiagnosticsAsync("file:///work/app/requirements.txt", 1))));
        Assert.Empty(Pd010((await client.DiagnosticsAsync("file:///work/app/main.py", 1))));
    }

    [Fact]
    public async Task A_manifest_gets_its_own_syntax_findings_with_exact_ranges()
    {
        await using var client = new TestClient();
        await client.InitializeAsync();
        client.OpenDocument("file:///work/app/requirements.txt", "flask==3.1.0\nrequests[security\n", languageId: "pip-requirements");
        client.OpenDocument("file:///work/app/pyproject.toml", "[project]\nname = \"a\"\nname = \"b\"\n", languageId: "toml");
        var requirements = Assert.Single((JArray)(await client.DiagnosticsAsync("file:///work/app/requirements.txt", 1))["diagnostics"]!);
        Assert.Equal("PD801", (string?)requirements["code"]);
        Assert.Equal(1, (int?)requirements["range"]!["start"]!["line"]);
        var pyproject = Assert.Single((JArray)(await client.DiagnosticsAsync("file:///work/app/pyproject.toml", 1))["diagnostics"]!);
        Assert.Equal("PD801", (string?)pyproject["code"]);
        Assert.Equal("2:0-2:4", RangeOf(pyproject));
    }

    [Fact]
    public async Task Documents_of_megabytes_of_binary_garbage_are_analysed_and_the_server_stays_up()
    {
        await using var client = new TestClient();
        await client.InitializeAsync();
        var random = new Random(20261121);
        var chars = new char[5 * 1024 * 1024];
        for (int i = 0; i < chars.Length; i++) chars[i] = (char)random.Next(0, 256);
        client.OpenDocument(Uri, new string(chars));
        var published = await client.DiagnosticsAsync(Uri, 1);
        Assert.Single(Pd010(published));
        await client.AssertAliveAsync();
    }
}
