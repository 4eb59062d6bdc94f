using Newtonsoft.Json.Linq;
using DocumentKind = PyDockerLsp.Core.Analysis.DocumentKind;
using PyDockerLsp.Core.Features.Completion;
using PyDockerLsp.Core.Text;
using PyDockerLsp.Server.Protocol;

namespace PyDockerLsp.Server.Lsp.Handlers;

/// <summary>
/// <c>textDocument/completion</c> in Dockerfiles (see <see cref="CompletionService"/>): keywords, flags, mount options,
/// python image tags, stage names and ENV names. Each item replaces the word being typed through a text edit, so words
/// with dashes, equals signs and colons complete whole. Snippets only for clients that take them.
/// </summary>
public sealed class CompletionHandler : RequestHandler<CompletionParams, CompletionList?>
{
    /// <summary>Typing these may open a new completion context: a flag, a value, a tag, the next word, the next option.</summary>
    public static readonly IReadOnlyList<string> TriggerCharacters = new[] { "-", "=", ":", " ", "," };

    private static readonly EditorCommand Retrigger = new() { Title = "Suggest", Name = "editor.action.triggerSuggest" };

    private readonly LanguageServer _server;
    public CompletionHandler(LanguageServer server) => _server = server;

    public override string Method => "textDocument/completion";

    public override void Advertise(ServerCapabilities capabilities, ClientCapabilities client) =>
        // Built by hand (see CodeActionHandler.Advertise).
        capabilities.Other["completionProvider"] = new JObject
        {
            ["triggerCharacters"] = new JArray(TriggerCharacters),
            ["resolveProvider"] = false,
        };

    public override Task<CompletionList?> HandleAsync(CompletionParams parameters, CancellationToken ct)
    {
        var document = _server.Workspace.GetDocument(parameters.TextDocument.Uri);
        if (document is null || document.Kind != DocumentKind.Dockerfile) return Task.FromResult<CompletionList?>(null);
        var client = _server.Client;
        var settings = new CompletionSettings { SnippetSupport = client.Has("textDocument.completion.completionItem.snippetSupport") };
        bool markdown = client.Get("textDocument.completion.completionItem.documentationFormat") is not JArray formats
            || formats.Any(f => (string?)f == MarkupContent.Markdown);

        int offset = document.Text.GetOffset(new LinePosition(parameters.Position.Line, parameters.Position.Character));
        // The kept parse when it is of this very text; completion must not wait for the rules, so it parses otherwise.
        var syntax = _server.Diagnostics.Analyses.TryGetCurrent(document)?.Model.Syntax;
        var entries = CompletionService.GetCompletions(document.Text, offset, settings, syntax);

        var items = new List<CompletionItem>(entries.Count);
        foreach (var entry in entries)
        {
            items.Add(new CompletionItem
            {
                Label = entry.Label,
                Kind = KindOf(entry.Kind),
                Detail = entry.Detail,
                Documentation = entry.Documentation is null ? null
                    : markdown ? new MarkupContent { Kind = MarkupContent.Markdown, Value = entry.Documentation } : entry.Documentation,
                SortText = entry.SortText,
                FilterText = entry.FilterText,
                InsertTextFormat = entry.IsSnippet ? InsertTextFormat.Snippet : InsertTextFormat.PlainText,
                TextEdit = new TextEdit { Range = DiagnosticConverter.ToRange(entry.ReplaceRange), NewText = entry.InsertText },
                Command = entry.Retrigger ? Retrigger : null,
            });
        }
        return Task.FromResult<CompletionList?>(new CompletionList { IsIncomplete = false, Items = items });
    }

    public static CompletionItemKind KindOf(CompletionEntryKind kind) => kind switch
    {
        CompletionEntryKind.Keyword => CompletionItemKind.Keyword,
        CompletionEntryKind.Flag => CompletionItemKind.Property,
        CompletionEntryKind.Option => CompletionItemKind.Field,
        CompletionEntryKind.Value => CompletionItemKind.EnumMember,
        CompletionEntryKind.ImageTag => CompletionItemKind.Value,
        CompletionEntryKind.Variable => CompletionItemKind.Variable,
        CompletionEntryKind.Snippet => CompletionItemKind.Snippet,
        CompletionEntryKind.Stage => CompletionItemKind.Reference,
        _ => CompletionItemKind.Text,
    };
}
