using Newtonsoft.Json.Linq;
using PyDockerLsp.Core.Features.CodeActions;
using PyDockerLsp.Core.IO;
using PyDockerLsp.Core.Text;
using PyDockerLsp.Server.Lsp;
using PyDockerLsp.Server.Protocol;
using PyDockerLsp.Server.Tests.Support;
using PyDockerLsp.Server.Workspaces;

namespace PyDockerLsp.Server.Tests.Lsp;

/// <summary>Hover, code actions, completion and document symbols over the protocol, in-process.</summary>
public class LanguageFeatureTests
{
    private const string Uri = "file:///work/app/Dockerfile";
    private const string ShellForm = "FROM python:3.12-slim\nRUN pip install fastapi\nCMD uvicorn app.main:app --host 0.0.0.0\n";

    /// <summary>What VS Code declares for the features tested here.</summary>
    private static JObject EditorCapabilities(bool documentChanges = true, bool create = true, bool snippets = true, bool hierarchical = true) => JObject.FromObject(new
    {
        workspace = new
        {
            configuration = true,
            workspaceFolders = true,
            workspaceEdit = new { documentChanges, resourceOperations = create ? new[] { "create", "rename", "delete" } : Array.Empty<string>() },
        },
        textDocument = new
        {
            publishDiagnostics = new { versionSupport = true, relatedInformation = true, codeDescriptionSupport = true },
            hover = new { contentFormat = new[] { "markdown", "plaintext" } },
            completion = new { completionItem = new { snippetSupport = snippets, documentationFormat = new[] { "markdown", "plaintext" } } },
            codeAction = new { codeActionLiteralSupport = new { codeActionKind = new { valueSet = new[] { "quickfix", "refactor", "source" } } } },
            documentSymbol = new { hierarchicalDocumentSymbolSupport = hierarchical },
        },
    });

    private static async Task<(TestClient Client, JObject Published)> OpenAsync(string text, JObject? capabilities = null)
    {
        var client = new TestClient();
        await client.InitializeAsync(capabilities ?? EditorCapabilities());
        client.OpenDocument(Uri, text);
        var published = await client.DiagnosticsAsync(Uri, 1);
        return (client, published);
    }

    private static JObject Position(int line, int character) => new() { ["line"] = line, ["character"] = character };

    private static JObject At(int line, int character) => new()
    {
        ["textDocument"] = new JObject { ["uri"] = Uri },
        ["position"] = Position(line, character),
    };

    private static JObject RangeJson(int line, int character, int endLine, int endCharacter) => new()
    {
        ["start"] = Position(line, character),
        ["end"] = Position(endLine, endCharacter),
    };

    /// <summary>Applies LSP text edits (ranges in UTF-16 positions of the original text) the way an editor does.</summary>
    private static string Apply(string text, JArray edits)
    {
        var source = new SourceText(text);
        var core = edits.Select(e => new PyDockerLsp.Core.Analysis.TextEdit(
            TextSpan.FromBounds(
                source.GetOffset(new LinePosition((int)e["range"]!["start"]!["line"]!, (int)e["range"]!["start"]!["character"]!)),
                source.GetOffset(new LinePosition((int)e["range"]!["end"]!["line"]!, (int)e["range"]!["end"]!["character"]!))),
            (string)e["newText"]!));
        return PyDockerLsp.Core.Analysis.TextEdits.Apply(text, core);
    }

    // ------------------------------------------------------------------ diagnostics

    [Fact]
    public async Task Diagnostics_link_to_their_documentation_for_rules_and_syntax_codes()
    {
        var (client, published) = await OpenAsync(ShellForm);
        await using var _ = client;
        var pd502 = ((JArray)published["diagnostics"]!).Single(d => (string?)d["code"] == "PD502");
        Assert.EndsWith("docs/rules.md#pd502-shell-form-command", (string?)pd502["codeDescription"]?["href"]);

        client.ChangeDocument(Uri, 2, new JObject { ["text"] = "RUN x\n" });
        var syntax = ((JArray)(await client.DiagnosticsAsync(Uri, 2))["diagnostics"]!).First(d => (string?)d["code"] == "PD010");
        Assert.EndsWith("docs/rules.md#pd010-no-from-instruction", (string?)syntax["codeDescription"]?["href"]);
    }

    [Fact]
    public async Task The_features_answer_from_the_analysis_the_diagnostics_came_from()
    {
        var (client, _) = await OpenAsync(ShellForm);
        await using var __ = client;
        var document = client.Server.Workspace.GetDocument(Uri)!;
        var kept = client.Server.Diagnostics.Analyses.TryGetCurrent(document);
        Assert.NotNull(kept);
        Assert.Same(kept, client.Server.Diagnostics.Analyses.Get(document, CancellationToken.None));
    }

    [Theory]
    [InlineData(true, true)]
    [InlineData(false, false)]
    public async Task Related_information_goes_only_to_clients_that_support_it(bool supported, bool expected)
    {
        await using var client = new TestClient();
        var capabilities = EditorCapabilities();
        capabilities["textDocument"]!["publishDiagnostics"]!["relatedInformation"] = supported;
        await client.InitializeAsync(capabilities);
        Assert.Equal(expected, client.Server.Diagnostics.Analyses.IncludeRelatedInformation);
    }

    [Fact]
    public void Findings_lose_their_related_locations_only_when_they_have_some()
    {
        var span = new TextSpan(0, 4);
        var range = new LineRange(new(0, 0), new(0, 4));
        var plain = new PyDockerLsp.Core.Analysis.Finding("PD101", PyDockerLsp.Core.Analysis.Severity.Warning, "/w/Dockerfile", span, range, "m");
        var withRelated = plain with { Code = "PD104", Related = new[] { new PyDockerLsp.Core.Analysis.RelatedLocation("/w/pyproject.toml", span, range, "here") } };
        var unchanged = new[] { plain };
        Assert.Same(unchanged, AnalysisCache.WithoutRelated(unchanged));
        var stripped = AnalysisCache.WithoutRelated(new[] { plain, withRelated });
        Assert.Same(plain, stripped[0]);
        Assert.Empty(stripped[1].Related);
        Assert.Equal("PD104", stripped[1].Code);
    }

    // ------------------------------------------------------------------ hover

    [Fact]
    public async Task Hover_on_a_diagnostic_explains_the_rule_in_markdown()
    {
        var (client, _) = await OpenAsync(ShellForm);
        await using var __ = client;
        var hover = (JObject)(await client.RequestAsync("textDocument/hover", At(2, 8)))["result"]!;
        Assert.Equal("markdown", (string?)hover["contents"]?["kind"]);
        Assert.StartsWith("**PD502** `shell-form-command`", (string?)hover["contents"]?["value"]);
        Assert.Equal(new JObject { ["start"] = Position(2, 4), ["end"] = Position(2, 39) }.ToString(), hover["range"]!.ToString());
    }

    [Fact]
    public async Task Hover_on_an_instruction_keyword_explains_the_instruction()
    {
        var (client, _) = await OpenAsync(ShellForm);
        await using var __ = client;
        var hover = (JObject)(await client.RequestAsync("textDocument/hover", At(1, 1)))["result"]!;
        Assert.StartsWith("**`RUN`** — ", (string?)hover["contents"]?["value"]);
    }

    [Fact]
    public async Task Hover_uses_the_text_as_it_is_now_even_before_its_diagnostics()
    {
        var (client, _) = await OpenAsync(ShellForm);
        await using var __ = client;
        client.ChangeDocument(Uri, 2, TestClient.RangeChange(0, 0, 0, 0, "# a new first line\n"));
        var hover = (JObject)(await client.RequestAsync("textDocument/hover", At(2, 1)))["result"]!;
        Assert.StartsWith("**`RUN`** — ", (string?)hover["contents"]?["value"]);
    }

    [Fact]
    public async Task Hover_on_nothing_or_an_unknown_document_is_null()
    {
        var (client, _) = await OpenAsync(ShellForm);
        await using var __ = client;
        Assert.Equal(JTokenType.Null, (await client.RequestAsync("textDocument/hover", At(1, 10)))["result"]!.Type);
        var unknown = new JObject { ["textDocument"] = new JObject { ["uri"] = "file:///work/other/Dockerfile" }, ["position"] = Position(0, 0) };
        Assert.Equal(JTokenType.Null, (await client.RequestAsync("textDocument/hover", unknown))["result"]!.Type);
    }

    // ------------------------------------------------------------------ code actions

    private static JObject CodeActionRequest(JObject range, JArray diagnostics, params string[] only)
    {
        var context = new JObject { ["diagnostics"] = diagnostics };
        if (only.Length > 0) context["only"] = new JArray(only.Cast<object>().ToArray());
        return new JObject { ["textDocument"] = new JObject { ["uri"] = Uri }, ["range"] = range, ["context"] = context };
    }

    [Fact]
    public async Task The_exec_form_quick_fix_is_attached_to_its_diagnostic_and_applied_removes_it()
    {
        var (client, published) = await OpenAsync(ShellForm);
        await using var _ = client;
        var diagnostic = (JObject)((JArray)published["diagnostics"]!).Single(d => (string?)d["code"] == "PD502");
        var response = await client.RequestAsync("textDocument/codeAction",
            CodeActionRequest((JObject)diagnostic["range"]!, new JArray(diagnostic)));
        var actions = (JArray)response["result"]!;
        Assert.Equal(new[] { "Convert CMD to exec form", "Ignore PD502 for this instruction" }, actions.Select(a => (string?)a["title"]));

        var fix = actions[0];
        Assert.Equal("quickfix", (string?)fix["kind"]);
        Assert.True((bool?)fix["isPreferred"]);
        Assert.True(JToken.DeepEquals(diagnostic, fix["diagnostics"]![0]));
        var change = (JObject)Assert.Single((JArray)fix["edit"]!["documentChanges"]!);
        Assert.Equal(Uri, (string?)change["textDocument"]!["uri"]);
        Assert.Equal(1, (int?)change["textDocument"]!["version"]);
        var fixedText = Apply(ShellForm, (JArray)change["edits"]!);
        Assert.EndsWith("CMD [\"uvicorn\", \"app.main:app\", \"--host\", \"0.0.0.0\"]\n", fixedText);

        client.ChangeDocument(Uri, 2, new JObject { ["text"] = fixedText });
        var after = (JArray)(await client.DiagnosticsAsync(Uri, 2))["diagnostics"]!;
        Assert.DoesNotContain(after, d => (string?)d["code"] == "PD502");
    }

    [Fact]
    public async Task Clients_without_document_changes_get_a_changes_map()
    {
        var (client, published) = await OpenAsync(ShellForm, EditorCapabilities(documentChanges: false));
        await using var _ = client;
        var diagnostic = (JObject)((JArray)published["diagnostics"]!).Single(d => (string?)d["code"] == "PD502");
        var actions = (JArray)(await client.RequestAsync("textDocument/codeAction",
            CodeActionRequest((JObject)diagnostic["range"]!, new JArray(diagnostic), "quickfix")))["result"]!;
        var edit = (JObject)actions[0]["edit"]!;
        Assert.Null(edit["documentChanges"]);
        Assert.Single((JArray)edit["changes"]![Uri]!);
    }

    [Fact]
    public async Task Fix_all_is_offered_when_asked_for_and_applies_every_safe_fix()
    {
        // Only the two shell-form commands are left to fix: the rest of the file already follows the practices.
        const string prefix = "FROM python:3.12-slim\nENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1\nUSER 1000\n";
        var text = prefix + "ENTRYPOINT tini --\nCMD python -m app\n";
        var (client, _) = await OpenAsync(text);
        await using var __ = client;
        var none = (JArray)(await client.RequestAsync("textDocument/codeAction", CodeActionRequest(RangeJson(0, 0, 0, 0), new JArray())))["result"]!;
        Assert.DoesNotContain(none, a => (string?)a["kind"] == CodeActionKinds.FixAll);

        var actions = (JArray)(await client.RequestAsync("textDocument/codeAction",
            CodeActionRequest(RangeJson(0, 0, 0, 0), new JArray(), "source.fixAll")))["result"]!;
        var fixAll = Assert.Single(actions);
        Assert.Equal(CodeActionKinds.FixAll, (string?)fixAll["kind"]);
        Assert.Null(fixAll["diagnostics"]);
        var edits = (JArray)fixAll["edit"]!["documentChanges"]![0]!["edits"]!;
        Assert.Equal(prefix + "ENTRYPOINT [\"tini\", \"--\"]\nCMD [\"python\", \"-m\", \"app\"]\n", Apply(text, edits));
    }

    [Fact]
    public void A_file_creation_becomes_a_create_operation_then_an_unversioned_edit_or_nothing_without_support()
    {
        var workspace = new Workspace(new InMemoryFileSystem());
        var dockerfile = workspace.Open(Uri, "dockerfile", 4, "FROM python:3.12-slim\nCOPY . .\n");
        var edits = new[]
        {
            new DocumentEdit("/work/app/.dockerignore", new[] { new RangeEdit(TextSpan.Empty(0), default, ".git\n") }, CreateFile: true),
            new DocumentEdit("/work/app/Dockerfile", new[] { new RangeEdit(new TextSpan(0, 4), new LineRange(new(0, 0), new(0, 4)), "FROM") }),
        };
        var full = new ClientCapabilities(EditorCapabilities());
        var built = WorkspaceEdits.TryBuild(edits, full, workspace, dockerfile)!;
        var json = JObject.FromObject(built, LspJson.CreateSerializer());
        var changes = (JArray)json["documentChanges"]!;
        Assert.Equal(3, changes.Count);
        Assert.Equal("create", (string?)changes[0]["kind"]);
        Assert.Equal("file:///work/app/.dockerignore", (string?)changes[0]["uri"]);
        Assert.Equal(JTokenType.Null, changes[1]["textDocument"]!["version"]!.Type);
        Assert.Equal(".git\n", (string?)changes[1]["edits"]![0]!["newText"]);
        Assert.Equal(4, (int?)changes[2]["textDocument"]!["version"]);

        Assert.Null(WorkspaceEdits.TryBuild(edits, new ClientCapabilities(EditorCapabilities(create: false)), workspace, dockerfile));
        Assert.Null(WorkspaceEdits.TryBuild(edits, new ClientCapabilities(EditorCapabilities(documentChanges: false)), workspace, dockerfile));
        Assert.NotNull(WorkspaceEdits.TryBuild(edits.Skip(1).ToList(), new ClientCapabilities(EditorCapabilities(documentChanges: false)), workspace, dockerfile));
    }

    // ------------------------------------------------------------------ completion

    [Fact]
    public async Task Completion_after_FROM_python_colon_lists_the_recommended_tags()
    {
        var (client, _) = await OpenAsync("FROM python:\n");
        await using var __ = client;
        var list = (JObject)(await client.RequestAsync("textDocument/completion", At(0, 12)))["result"]!;
        Assert.False((bool?)list["isIncomplete"]);
        var items = (JArray)list["items"]!;
        var slim = items.Single(i => (string?)i["label"] == "3.13-slim");
        Assert.Equal(12, (int?)slim["kind"]);
        Assert.Equal(RangeJson(0, 12, 0, 12).ToString(), slim["textEdit"]!["range"]!.ToString());
        Assert.Equal("markdown", (string?)slim["documentation"]?["kind"]);
    }

    [Theory]
    [InlineData(true, 2, "FROM ${1:python:")]
    [InlineData(false, 1, "FROM python:")]
    public async Task Keyword_completion_uses_snippets_only_for_clients_that_take_them(bool snippets, int format, string insertStart)
    {
        var (client, _) = await OpenAsync("FROM python:3.12-slim\nFR\n", EditorCapabilities(snippets: snippets));
        await using var __ = client;
        var items = (JArray)(await client.RequestAsync("textDocument/completion", At(1, 2)))["result"]!["items"]!;
        var from = Assert.Single(items);
        Assert.Equal(format, (int?)from["insertTextFormat"]);
        Assert.StartsWith(insertStart, (string?)from["textEdit"]!["newText"]);
    }

    [Fact]
    public void Completion_is_triggered_by_the_characters_that_start_a_new_context()
    {
        var server = new LanguageServer(new MemoryStream(), new MemoryStream(), new LanguageServerOptions { Disk = new InMemoryFileSystem(), Stderr = TextWriter.Null });
        var capabilities = server.BuildCapabilities(new ClientCapabilities(EditorCapabilities()));
        var completion = (JObject)capabilities.Other["completionProvider"];
        Assert.Equal(new[] { "-", "=", ":", " ", "," }, completion["triggerCharacters"]!.Select(t => (string?)t));
        var codeActions = (JObject)capabilities.Other["codeActionProvider"];
        Assert.Equal(new[] { "quickfix", "source.fixAll.pydocker", "refactor.rewrite" }, codeActions["codeActionKinds"]!.Select(t => (string?)t));
    }

    // ------------------------------------------------------------------ document symbols

    private const string TwoStages = "ARG PY=3.12\nFROM python:${PY}-slim AS builder\nRUN pip install x\nFROM python:3.12-slim\nCOPY --from=builder /venv /venv\n";

    [Fact]
    public async Task Document_symbols_list_the_stages_with_their_instructions()
    {
        var (client, _) = await OpenAsync(TwoStages);
        await using var __ = client;
        var symbols = (JArray)(await client.RequestAsync("textDocument/documentSymbol", new JObject { ["textDocument"] = new JObject { ["uri"] = Uri } }))["result"]!;
        Assert.Equal(new[] { "ARG", "builder", "stage 1" }, symbols.Select(s => (string?)s["name"]));
        Assert.Equal(5, (int?)symbols[1]["kind"]);
        Assert.Equal(RangeJson(1, 26, 1, 33).ToString(), symbols[1]["selectionRange"]!.ToString());
        Assert.Equal(new[] { "RUN" }, symbols[1]["children"]!.Select(s => (string?)s["name"]));
        Assert.Equal(new[] { "COPY" }, symbols[2]["children"]!.Select(s => (string?)s["name"]));
    }

    [Fact]
    public async Task Clients_without_hierarchical_symbols_get_a_flat_list_with_containers()
    {
        var (client, _) = await OpenAsync(TwoStages, EditorCapabilities(hierarchical: false));
        await using var __ = client;
        var symbols = (JArray)(await client.RequestAsync("textDocument/documentSymbol", new JObject { ["textDocument"] = new JObject { ["uri"] = Uri } }))["result"]!;
        Assert.Equal(new[] { "ARG", "PY", "builder", "RUN", "stage 1", "COPY" }, symbols.Select(s => (string?)s["name"]));
        Assert.Equal(new[] { null, "ARG", null, "builder", null, "stage 1" }, symbols.Select(s => (string?)s["containerName"]));
        Assert.Equal(Uri, (string?)symbols[0]["location"]!["uri"]);
    }
}
