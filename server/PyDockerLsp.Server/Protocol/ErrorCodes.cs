namespace PyDockerLsp.Server.Protocol;

/// <summary>The error codes of JSON-RPC 2.0 and the ones LSP adds.</summary>
public static class ErrorCodes
{
    public const int ParseError = -32700;
    public const int InvalidRequest = -32600;
    public const int MethodNotFound = -32601;
    public const int InvalidParams = -32602;
    public const int InternalError = -32603;
    public const int ServerNotInitialized = -32002;
    public const int RequestCancelled = -32800;
    public const int ContentModified = -32801;
    public const int RequestFailed = -32803;
}

/// <summary>A JSON-RPC error a handler (or the transport) answers with; any other exception becomes -32603.</summary>
public class JsonRpcException : Exception
{
    public JsonRpcException(int code, string message) : base(message) => Code = code;

    public int Code { get; }
}

/// <summary>The peer answered one of our requests with an error.</summary>
public sealed class RemoteErrorException : JsonRpcException
{
    public RemoteErrorException(string method, int code, string message)
        : base(code, $"{method} failed on the client: {message} ({code})") { }
}
