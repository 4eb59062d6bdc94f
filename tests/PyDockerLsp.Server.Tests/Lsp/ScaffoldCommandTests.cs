using Newtonsoft.Json.Linq;
using PyDockerLsp.Core.IO;
using PyDockerLsp.Server.Tests.Support;

namespace PyDockerLsp.Server.Tests.Lsp;

/// <summary>workspace/executeCommand for scaffolding and the stage commands, as client/PROTOCOL.md describes them.</summary>
public class ScaffoldCommandTests
{
    private const string Folder = "file:///work/shop";

    private static InMemoryFileSystem UvFastApiProject() => new InMemoryFileSystem()
        .Add("/work/shop/pyproject.toml", "[project]\nname = \"shop\"\nrequires-python = \">=3.11,<3.13\"\ndependencies = [\"fastapi[standard]>=0.115\"]\n\n[dependency-groups]\ndev = [\"pytest>=8\"]\n")
        .Add("/work/shop/uv.lock", "version = 1\nrequires-python = \">=3.11, <3.13\"\n")
        .Add("/work/shop/app/__init__.py", "")
        .Add("/work/shop/app/main.py", "from fastapi import FastAPI\n\napi = FastAPI()\n");

    private static async Task<TestClient> StartedAsync(InMemoryFileSystem disk, JObject? settings = null)
    {
        var client = new TestClient(disk);
        if (settings is not null)
            client.AnswerServerRequest = (method, _) => method == "workspace/configuration" ? new JArray(settings) : null;
        await client.InitializeAsync();
        return client;
    }

    private static Task<JObject> ExecuteAsync(TestClient client, string command, JObject argument) =>
        client.RequestAsync("workspace/executeCommand", new JObject { ["command"] = command, ["arguments"] = new JArray(argument) });

    [Fact]
    public async Task Initialize_advertises_the_scaffold_and_stage_commands()
    {
        await using var client = new TestClient();
        var response = await client.InitializeAsync();
        var commands = response["result"]!["capabilities"]!["executeCommandProvider"]!["commands"]!.Select(c => (string)c!).ToList();
        Assert.Equal(new[] { "pydocker.addDevStage", "pydocker.addDistrolessStage", "pydocker.convertToMultiStage", "pydocker.scaffold", "pydocker.scaffold.detect" }, commands);
    }

    [Fact]
    public async Task Detect_answers_the_recommended_pattern_first_and_every_field_with_its_reason()
    {
        await using var client = await StartedAsync(UvFastApiProject());
        var result = (JObject)(await ExecuteAsync(client, "pydocker.scaffold.detect", new JObject { ["folder"] = Folder }))["result"]!;

        Assert.Equal("uv", (string?)result["recommendedPattern"]);
        var first = (JObject)result["patterns"]![0]!;
        Assert.Equal("uv", (string?)first["id"]);
        Assert.True((bool)first["recommended"]!);
        Assert.StartsWith("uv project (uv.lock found)", (string?)first["reason"]);
        Assert.All(result["patterns"]!, p => Assert.True((bool)p["available"]!));
        Assert.Contains(result["unavailablePatterns"]!, p => (string?)p["id"] == "poetry");

        var fields = result["fields"]!;
        Assert.Equal("fastapi", (string?)fields["framework"]!["value"]);
        Assert.Equal("app.main:api", (string?)fields["entryPoint"]!["value"]);
        Assert.Equal("found `api = FastAPI(...)` in app/main.py line 3", (string?)fields["entryPoint"]!["reason"]);
        Assert.Equal(8000, (int)fields["port"]!["value"]!);
        Assert.Equal("3.12", (string?)fields["python"]!["value"]);
        Assert.Equal("requires-python >=3.11,<3.13 in pyproject.toml: 3.12 is the newest Python it allows", (string?)fields["python"]!["reason"]);
        Assert.Equal("uv", (string?)fields["packageManager"]!["value"]);
        Assert.Equal("uv.lock found", (string?)fields["packageManager"]!["reason"]);
        Assert.True((bool)result["details"]!["serverIsDependency"]!);
    }

    [Fact]
    public async Task Scaffold_creates_the_Dockerfile_and_dockerignore_with_the_reviewed_values()
    {
        await using var client = await StartedAsync(UvFastApiProject());
        var response = await ExecuteAsync(client, "pydocker.scaffold", new JObject
        {
            ["folder"] = Folder, ["pattern"] = "uv", ["overwrite"] = true,
            ["options"] = new JObject { ["port"] = 8080, ["python"] = "3.11", ["framework"] = "fastapi", ["entryPoint"] = "app.main:api", ["packageManager"] = "uv" },
        });
        var changes = (JArray)response["result"]!["documentChanges"]!;
        Assert.Equal(4, changes.Count);
        Assert.Equal(new JObject { ["kind"] = "create", ["uri"] = Folder + "/Dockerfile", ["options"] = new JObject { ["overwrite"] = true } }, changes[0], JToken.EqualityComparer);
        var dockerfile = (string)changes[1]!["edits"]![0]!["newText"]!;
        Assert.Contains("FROM python:3.11-slim-trixie", dockerfile);
        Assert.Contains("EXPOSE 8080", dockerfile);
        Assert.Contains("app.main:api", dockerfile);
        Assert.Equal(Folder + "/.dockerignore", (string?)changes[2]!["uri"]);
    }

    [Fact]
    public async Task Scaffold_without_overwrite_refuses_to_replace_an_existing_file()
    {
        var disk = UvFastApiProject().Add("/work/shop/Dockerfile", "FROM scratch\n");
        await using var client = await StartedAsync(disk);
        var response = await ExecuteAsync(client, "pydocker.scaffold", new JObject { ["folder"] = Folder, ["pattern"] = "uv" });
        Assert.Equal(-32803, (int)response["error"]!["code"]!);
        Assert.Equal("Dockerfile already exists in /work/shop; send \"overwrite\": true to replace it.", (string?)response["error"]!["message"]);
        Assert.Equal("FROM scratch\n", disk.ReadAllText("/work/shop/Dockerfile"));
    }

    [Fact]
    public async Task Scaffold_without_overwrite_creates_new_files_without_the_overwrite_option()
    {
        await using var client = await StartedAsync(UvFastApiProject());
        var response = await ExecuteAsync(client, "pydocker.scaffold", new JObject { ["folder"] = Folder, ["pattern"] = "uv" });
        var creates = ((JArray)response["result"]!["documentChanges"]!).Where(c => (string?)c["kind"] == "create").ToList();
        Assert.Equal(2, creates.Count);
        Assert.All(creates, c => Assert.Null(c["options"]));
    }

    [Theory]
    [InlineData("poetry", -32803, "The poetry pattern does not apply to this project: the project is not managed by Poetry (no poetry.lock).")]
    [InlineData("nope", -32602, "Unknown pattern \"nope\"; the patterns are builder-venv, dev-test-stages, uv, poetry, pipenv, distroless.")]
    public async Task Scaffold_explains_a_pattern_that_does_not_apply_or_does_not_exist(string pattern, int code, string message)
    {
        await using var client = await StartedAsync(UvFastApiProject());
        var response = await ExecuteAsync(client, "pydocker.scaffold", new JObject { ["folder"] = Folder, ["pattern"] = pattern });
        Assert.Equal(code, (int)response["error"]!["code"]!);
        Assert.Equal(message, (string?)response["error"]!["message"]);
    }

    [Theory]
    [InlineData("port", "http", "A port is a whole number from 1 to 65535; got \"http\".")]
    [InlineData("python", "3", "The Python version must be X.Y from 3.8 on, for example 3.12; got \"3\".")]
    [InlineData("framework", "rails", "Unknown framework \"rails\"; use django, fastapi, flask or none.")]
    public async Task Scaffold_rejects_reviewed_values_it_cannot_use(string key, string value, string message)
    {
        await using var client = await StartedAsync(UvFastApiProject());
        var response = await ExecuteAsync(client, "pydocker.scaffold", new JObject { ["folder"] = Folder, ["pattern"] = "uv", ["options"] = new JObject { [key] = value } });
        Assert.Equal(-32602, (int)response["error"]!["code"]!);
        Assert.Equal(message, (string?)response["error"]!["message"]);
    }

    [Fact]
    public async Task The_templates_folder_setting_overrides_a_bundled_template()
    {
        var disk = UvFastApiProject().Add("/work/templates/dockerignore.hbs", "# from the user's templates\n");
        await using var client = await StartedAsync(disk, new JObject { ["scaffold"] = new JObject { ["templatesPath"] = "templates" } });
        await LifecycleTests.WaitForServerRequest(client, "workspace/configuration");
        for (int i = 0; i < 100 && client.Server.Workspace.Settings.ScaffoldTemplatesPath.Length == 0; i++) await Task.Delay(50);
        var response = await ExecuteAsync(client, "pydocker.scaffold", new JObject { ["folder"] = Folder, ["pattern"] = "uv" });
        Assert.Equal("# from the user's templates\n", (string?)response["result"]!["documentChanges"]![3]!["edits"]![0]!["newText"]);
    }

    [Fact]
    public async Task Convert_to_multi_stage_answers_an_edit_for_the_open_document_version()
    {
        var disk = new InMemoryFileSystem().Add("/work/app/requirements.txt", "flask==3.0\ngunicorn==22.0\n");
        await using var client = await StartedAsync(disk);
        const string uri = "file:///work/app/Dockerfile";
        client.OpenDocument(uri, "FROM python:3.12-slim\nWORKDIR /app\nCOPY requirements.txt .\nRUN pip install -r requirements.txt\nCOPY . .\nCMD [\"gunicorn\", \"app:app\"]\n", version: 7);
        var response = await ExecuteAsync(client, "pydocker.convertToMultiStage", new JObject { ["textDocument"] = new JObject { ["uri"] = uri, ["version"] = 7 } });
        var edit = response["result"]!["documentChanges"]![0]!;
        Assert.Equal(7, (int)edit["textDocument"]!["version"]!);
        var newText = (string)edit["edits"]![0]!["newText"]!;
        Assert.Contains("AS builder", newText);
        Assert.Contains("COPY --from=builder", newText);
    }

    [Fact]
    public async Task A_stage_command_on_a_stale_version_is_content_modified()
    {
        await using var client = await StartedAsync(new InMemoryFileSystem());
        const string uri = "file:///work/app/Dockerfile";
        client.OpenDocument(uri, "FROM python:3.12-slim\n", version: 3);
        var response = await ExecuteAsync(client, "pydocker.addDevStage", new JObject { ["textDocument"] = new JObject { ["uri"] = uri, ["version"] = 2 } });
        Assert.Equal(-32801, (int)response["error"]!["code"]!);
    }

    [Fact]
    public async Task A_stage_command_that_does_not_apply_says_why_and_answers_null()
    {
        await using var client = await StartedAsync(new InMemoryFileSystem());
        const string uri = "file:///work/app/Dockerfile";
        client.OpenDocument(uri, "FROM python:3.12-slim\nRUN echo hi\n");
        var message = client.NextNotificationAsync("window/showMessage");
        var response = await ExecuteAsync(client, "pydocker.addDevStage", new JObject { ["textDocument"] = new JObject { ["uri"] = uri } });
        Assert.Equal(JTokenType.Null, response["result"]!.Type);
        Assert.Equal("PyDocker: A dev stage builds on a builder stage: convert the Dockerfile to a multi-stage build first.", (string?)(await message)["params"]!["message"]);
    }

    [Fact]
    public async Task An_unknown_command_is_invalid_params()
    {
        await using var client = await StartedAsync(new InMemoryFileSystem());
        var response = await client.RequestAsync("workspace/executeCommand", new JObject { ["command"] = "pydocker.nope", ["arguments"] = new JArray() });
        Assert.Equal(-32602, (int)response["error"]!["code"]!);
    }
}
