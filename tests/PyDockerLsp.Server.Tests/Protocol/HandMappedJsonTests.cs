using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using PyDockerLsp.Server.Protocol;

namespace PyDockerLsp.Server.Tests.Protocol;

/// <summary>The hand-written mappings of the hot messages agree with the serializer's, member for member.</summary>
public class HandMappedJsonTests
{
    private static readonly JsonSerializer Serializer = LspJson.CreateSerializer();

    private static JToken Normal(object value) => JToken.FromObject(value, Serializer);

    public static TheoryData<string> DidOpenMessages => new()
    {
        """{"textDocument":{"uri":"file:///w/Dockerfile","languageId":"dockerfile","version":3,"text":"FROM a\r\n🐍"}}""",
        """{"textDocument":{"uri":"untitled:1","version":0,"text":""}}""",
        """{"textDocument":{"uri":"file:///w/Dockerfile","languageId":null,"version":1,"text":"x"},"extra":true}""",
    };

    [Theory]
    [MemberData(nameof(DidOpenMessages))]
    public void DidOpen_is_read_as_the_serializer_reads_it(string json)
    {
        var token = JObject.Parse(json);
        Assert.True(JToken.DeepEquals(Normal(token.ToObject<DidOpenTextDocumentParams>(Serializer)!), Normal(HandMappedJson.ReadDidOpen(token))));
    }

    public static TheoryData<string> DidChangeMessages => new()
    {
        """{"textDocument":{"uri":"file:///w/Dockerfile","version":2},"contentChanges":[{"text":"FROM b"}]}""",
        """{"textDocument":{"uri":"file:///w/Dockerfile","version":9},"contentChanges":[{"range":{"start":{"line":0,"character":2},"end":{"line":1,"character":0}},"rangeLength":3,"text":""},{"range":null,"text":"x"}]}""",
        """{"textDocument":{"uri":"file:///w/Dockerfile","version":2},"contentChanges":[]}""",
    };

    [Theory]
    [MemberData(nameof(DidChangeMessages))]
    public void DidChange_is_read_as_the_serializer_reads_it(string json)
    {
        var token = JObject.Parse(json);
        Assert.True(JToken.DeepEquals(Normal(token.ToObject<DidChangeTextDocumentParams>(Serializer)!), Normal(HandMappedJson.ReadDidChange(token))));
    }

    public static TheoryData<string> BadMessages => new()
    {
        """{"textDocument":{"uri":"file:///w/Dockerfile","version":1}}""",
        """{"textDocument":{"version":1,"text":"x"}}""",
        """{"textDocument":{"uri":"file:///w/Dockerfile","version":"one","text":"x"}}""",
        """{"textDocument":{"uri":"file:///w/Dockerfile","version":1,"text":null}}""",
        """{"textDocument":"file:///w/Dockerfile"}""",
        """{}""",
    };

    [Theory]
    [MemberData(nameof(BadMessages))]
    public void Invalid_didOpen_params_are_refused_by_both(string json)
    {
        var token = JObject.Parse(json);
        Assert.ThrowsAny<JsonException>(() => token.ToObject<DidOpenTextDocumentParams>(Serializer));
        Assert.ThrowsAny<JsonException>(() => HandMappedJson.ReadDidOpen(token));
    }

    [Fact]
    public void Diagnostics_are_written_as_the_serializer_writes_them()
    {
        var full = new PublishDiagnosticsParams
        {
            Uri = "file:///w/Dockerfile",
            Version = 4,
            Diagnostics =
            {
                new Diagnostic
                {
                    Range = new PyDockerLsp.Server.Protocol.Range(new Position(1, 2), new Position(1, 9)),
                    Severity = DiagnosticSeverity.Warning,
                    Code = "PD101",
                    CodeDescription = new CodeDescription { Href = "https://example.invalid/rules#pd101" },
                    Source = "pydocker",
                    Message = "Use a slim image 🐍",
                    Tags = new List<DiagnosticTag> { DiagnosticTag.Unnecessary, DiagnosticTag.Deprecated },
                    RelatedInformation = new List<DiagnosticRelatedInformation>
                    {
                        new() { Location = new Location { Uri = "file:///w/pyproject.toml", Range = new PyDockerLsp.Server.Protocol.Range(new Position(3, 0), new Position(3, 5)) }, Message = "here" },
                    },
                },
                new Diagnostic { Severity = DiagnosticSeverity.Error, Message = "bare" },
            },
        };
        Assert.True(JToken.DeepEquals(Normal(full), full.ToJson()), $"{Normal(full)}\n{full.ToJson()}");
        var empty = new PublishDiagnosticsParams { Uri = "file:///w/Dockerfile" };
        Assert.True(JToken.DeepEquals(Normal(empty), empty.ToJson()));
    }

    [Fact]
    public void The_requests_after_initialized_are_written_as_the_serializer_writes_them()
    {
        var registrations = new RegistrationParams
        {
            Registrations =
            {
                new Registration
                {
                    Id = "files",
                    Method = "workspace/didChangeWatchedFiles",
                    RegisterOptions = new DidChangeWatchedFilesRegistrationOptions
                    {
                        Watchers = { new PyDockerLsp.Server.Protocol.FileSystemWatcher { GlobPattern = "**/{Dockerfile,*.dockerfile}" }, new PyDockerLsp.Server.Protocol.FileSystemWatcher { GlobPattern = "**/uv.lock" } },
                    },
                },
                new Registration { Id = "settings", Method = "workspace/didChangeConfiguration", RegisterOptions = new DidChangeConfigurationRegistrationOptions { Section = "pydocker" } },
                new Registration { Id = "all-settings", Method = "workspace/didChangeConfiguration", RegisterOptions = new DidChangeConfigurationRegistrationOptions() },
                new Registration { Id = "bare", Method = "textDocument/hover" },
            },
        };
        Assert.True(JToken.DeepEquals(Normal(registrations), registrations.ToJson()), $"{Normal(registrations)}\n{registrations.ToJson()}");

        var configuration = new ConfigurationParams
        {
            Items = { new ConfigurationItem { Section = "pydocker" }, new ConfigurationItem { ScopeUri = "file:///w", Section = "pydocker.rules" }, new ConfigurationItem() },
        };
        Assert.True(JToken.DeepEquals(Normal(configuration), configuration.ToJson()), $"{Normal(configuration)}\n{configuration.ToJson()}");
    }

    [Fact]
    public void Registration_options_without_a_hand_mapping_are_refused_rather_than_dropped()
    {
        var unknown = new RegistrationParams { Registrations = { new Registration { Id = "x", Method = "m", RegisterOptions = new ConfigurationItem() } } };
        Assert.Throws<ArgumentException>(() => unknown.ToJson());
    }

    [Theory]
    [InlineData(typeof(PublishDiagnosticsParams), new[] { "Diagnostics", "Uri", "Version" })]
    [InlineData(typeof(Diagnostic), new[] { "Code", "CodeDescription", "Message", "Range", "RelatedInformation", "Severity", "Source", "Tags" })]
    [InlineData(typeof(TextDocumentItem), new[] { "LanguageId", "Text", "Uri", "Version" })]
    [InlineData(typeof(TextDocumentContentChangeEvent), new[] { "Range", "RangeLength", "Text" })]
    [InlineData(typeof(DidChangeTextDocumentParams), new[] { "ContentChanges", "TextDocument" })]
    [InlineData(typeof(RegistrationParams), new[] { "Registrations" })]
    [InlineData(typeof(Registration), new[] { "Id", "Method", "RegisterOptions" })]
    [InlineData(typeof(DidChangeWatchedFilesRegistrationOptions), new[] { "Watchers" })]
    [InlineData(typeof(PyDockerLsp.Server.Protocol.FileSystemWatcher), new[] { "GlobPattern" })]
    [InlineData(typeof(DidChangeConfigurationRegistrationOptions), new[] { "Section" })]
    [InlineData(typeof(ConfigurationParams), new[] { "Items" })]
    [InlineData(typeof(ConfigurationItem), new[] { "ScopeUri", "Section" })]
    public void The_hand_mapped_types_have_exactly_the_members_the_mapping_knows(Type type, string[] members)
    {
        Assert.Equal(members, type.GetProperties().Select(p => p.Name).OrderBy(n => n, StringComparer.Ordinal));
    }
}
