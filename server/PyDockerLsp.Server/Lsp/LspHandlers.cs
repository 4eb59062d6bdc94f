using PyDockerLsp.Server.Lsp.Handlers;

namespace PyDockerLsp.Server.Lsp;

/// <summary>
/// THE list of LSP methods this server answers. To add a feature, write a handler class (see
/// <see cref="RequestHandler{TParams,TResult}"/>) and add one line here; its <c>Advertise</c> puts its capability
/// into the initialize result, so nothing else needs to change.
/// </summary>
public static class LspHandlers
{
    public static IEnumerable<ILspHandler> Create(LanguageServer server)
    {
        var handlers = new List<ILspHandler>
        {
            // lifecycle
            new InitializeHandler(server),
            new InitializedHandler(server),
            new ShutdownHandler(server),
            new ExitHandler(server),
            new SetTraceHandler(server),
            // documents
            new DidOpenHandler(server),
            new DidChangeHandler(server),
            new DidCloseHandler(server),
            new DidSaveHandler(server),
            // workspace
            new DidChangeConfigurationHandler(server),
            new DidChangeWorkspaceFoldersHandler(server),
            new DidChangeWatchedFilesHandler(server),
            // language features
            new HoverHandler(server),
            new CodeActionHandler(server),
            new CompletionHandler(server),
            new DocumentSymbolHandler(server),
            // commands (scaffolding, stage operations)
            new ExecuteCommandHandler(server),
        };
        // Only for the protocol test suite (see WaitHandler).
        if (WaitHandler.Enabled) handlers.Add(new WaitHandler());
        return handlers;
    }
}
