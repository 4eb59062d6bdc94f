using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

// The LSP 3.17 structures of the language features (hover, code actions, completion, document symbols) — only those
// used. Names follow the specification through LspJson's camel-case naming; nulls are left out unless a property
// says otherwise.
namespace PyDockerLsp.Server.Protocol;

public sealed class TextDocumentPositionParams
{
    [JsonProperty(Required = Required.Always)] public TextDocumentIdentifier TextDocument { get; set; } = new();
    [JsonProperty(Required = Required.Always)] public Position Position { get; set; } = new();
}

public sealed class MarkupContent
{
    public const string Markdown = "markdown";
    public const string PlainText = "plaintext";

    public string Kind { get; set; } = Markdown;
    public string Value { get; set; } = "";
}

public sealed class Hover
{
    public MarkupContent Contents { get; set; } = new();
    public Range? Range { get; set; }
}

// ---------------------------------------------------------------- code actions

public sealed class CodeActionContext
{
    /// <summary>Kept as sent, so the actions can return the very diagnostics the editor knows.</summary>
    public List<JObject> Diagnostics { get; set; } = new();
    public List<string>? Only { get; set; }
    public int? TriggerKind { get; set; }
}

public sealed class CodeActionParams
{
    [JsonProperty(Required = Required.Always)] public TextDocumentIdentifier TextDocument { get; set; } = new();
    [JsonProperty(Required = Required.Always)] public Range Range { get; set; } = new();
    public CodeActionContext Context { get; set; } = new();
}

public sealed class CodeActionOptions
{
    public List<string> CodeActionKinds { get; set; } = new();
    public bool ResolveProvider { get; set; }
}

public sealed class TextEdit
{
    public Range Range { get; set; } = new();
    public string NewText { get; set; } = "";
}

public sealed class OptionalVersionedTextDocumentIdentifier
{
    public string Uri { get; set; } = "";

    /// <summary>The version the edits were computed for, or null for a file that is not open (or is being created).
    /// LSP requires the member even when it is null.</summary>
    [JsonProperty(NullValueHandling = NullValueHandling.Include)] public int? Version { get; set; }
}

public sealed class TextDocumentEdit
{
    public OptionalVersionedTextDocumentIdentifier TextDocument { get; set; } = new();
    public List<TextEdit> Edits { get; set; } = new();
}

public sealed class CreateFileOptions
{
    public bool? Overwrite { get; set; }
    public bool? IgnoreIfExists { get; set; }
}

public sealed class CreateFile
{
    public string Kind { get; set; } = "create";
    public string Uri { get; set; } = "";
    public CreateFileOptions? Options { get; set; }
}

public sealed class WorkspaceEdit
{
    /// <summary>For clients without <c>documentChanges</c>: URI → edits of existing files.</summary>
    public Dictionary<string, List<TextEdit>>? Changes { get; set; }

    /// <summary><see cref="TextDocumentEdit"/>s and <see cref="CreateFile"/> operations, in the order to apply them.</summary>
    public List<object>? DocumentChanges { get; set; }
}

public sealed class CodeAction
{
    public string Title { get; set; } = "";
    public string? Kind { get; set; }
    /// <summary>The diagnostics the action resolves: <see cref="Diagnostic"/>s, or the JSON the client sent.</summary>
    public List<object>? Diagnostics { get; set; }
    public bool? IsPreferred { get; set; }
    public WorkspaceEdit? Edit { get; set; }
}

// ---------------------------------------------------------------- completion

public sealed class CompletionContext
{
    public int TriggerKind { get; set; }
    public string? TriggerCharacter { get; set; }
}

public sealed class CompletionParams
{
    [JsonProperty(Required = Required.Always)] public TextDocumentIdentifier TextDocument { get; set; } = new();
    [JsonProperty(Required = Required.Always)] public Position Position { get; set; } = new();
    public CompletionContext? Context { get; set; }
}

public sealed class CompletionOptions
{
    public List<string> TriggerCharacters { get; set; } = new();
    public bool ResolveProvider { get; set; }
}

public enum CompletionItemKind
{
    Text = 1, Method = 2, Function = 3, Constructor = 4, Field = 5, Variable = 6, Class = 7, Interface = 8, Module = 9,
    Property = 10, Unit = 11, Value = 12, Enum = 13, Keyword = 14, Snippet = 15, Color = 16, File = 17, Reference = 18,
    Folder = 19, EnumMember = 20, Constant = 21, Struct = 22, Event = 23, Operator = 24, TypeParameter = 25,
}

public enum InsertTextFormat { PlainText = 1, Snippet = 2 }

/// <summary>LSP's Command: something the client runs (here: an editor command after a completion is inserted).</summary>
public sealed class EditorCommand
{
    public string Title { get; set; } = "";
    [JsonProperty("command")] public string Name { get; set; } = "";
}

public sealed class CompletionItem
{
    public string Label { get; set; } = "";
    public CompletionItemKind? Kind { get; set; }
    public string? Detail { get; set; }
    /// <summary>A <see cref="MarkupContent"/>, or a plain string for clients without Markdown.</summary>
    public object? Documentation { get; set; }
    public string? SortText { get; set; }
    public string? FilterText { get; set; }
    public InsertTextFormat? InsertTextFormat { get; set; }
    public TextEdit? TextEdit { get; set; }
    public EditorCommand? Command { get; set; }
}

public sealed class CompletionList
{
    public bool IsIncomplete { get; set; }
    public List<CompletionItem> Items { get; set; } = new();
}

// ---------------------------------------------------------------- document symbols

public sealed class DocumentSymbolParams
{
    [JsonProperty(Required = Required.Always)] public TextDocumentIdentifier TextDocument { get; set; } = new();
}

public sealed class DocumentSymbol
{
    public string Name { get; set; } = "";
    public string? Detail { get; set; }
    public int Kind { get; set; }
    public Range Range { get; set; } = new();
    public Range SelectionRange { get; set; } = new();
    public List<DocumentSymbol>? Children { get; set; }
}

/// <summary>The flat form, for clients without hierarchical document symbols.</summary>
public sealed class SymbolInformation
{
    public string Name { get; set; } = "";
    public int Kind { get; set; }
    public Location Location { get; set; } = new();
    public string? ContainerName { get; set; }
}
