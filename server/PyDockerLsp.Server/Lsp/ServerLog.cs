using PyDockerLsp.Server.Protocol;

namespace PyDockerLsp.Server.Lsp;

/// <summary>The client's trace setting (<c>initialize.trace</c>, <c>$/setTrace</c>).</summary>
public enum TraceLevel { Off, Messages, Verbose }

/// <summary>
/// The server's log: every entry goes to stderr (up to <see cref="StderrLevel"/>); once the client is initialized,
/// entries also go to <c>window/logMessage</c> as the trace level allows — errors and warnings always,
/// information from <c>messages</c>, debug detail at <c>verbose</c>.
/// </summary>
public sealed class ServerLog : ILog
{
    private readonly TextWriter _stderr;
    private readonly object _gate = new();
    private volatile Action<LogMessageParams>? _client;

    public ServerLog(TextWriter stderr, LogLevel stderrLevel)
    {
        _stderr = stderr;
        StderrLevel = stderrLevel;
    }

    public LogLevel StderrLevel { get; set; }

    public TraceLevel Trace { get; set; } = TraceLevel.Off;

    /// <summary>Set when the client may receive <c>window/logMessage</c> (after the initialize result).</summary>
    public void AttachClient(Action<LogMessageParams>? client) => _client = client;

    public LogLevel ClientLevel => Trace switch
    {
        TraceLevel.Verbose => LogLevel.Debug,
        TraceLevel.Messages => LogLevel.Info,
        _ => LogLevel.Warning,
    };

    public void Write(LogLevel level, string message)
    {
        if (level <= StderrLevel)
        {
            lock (_gate)
            {
                try { _stderr.WriteLine($"[pydocker {Label(level)}] {message}"); _stderr.Flush(); }
                catch (IOException) { /* stderr is gone; the client channel may still work */ }
            }
        }
        var client = _client;
        if (client is not null && level <= ClientLevel)
        {
            client(new LogMessageParams { Type = (MessageType)(int)level, Message = message });
        }
    }

    public static TraceLevel ParseTrace(string? value) => value switch
    {
        "messages" => TraceLevel.Messages,
        "verbose" => TraceLevel.Verbose,
        _ => TraceLevel.Off,
    };

    private static string Label(LogLevel level) => level switch
    {
        LogLevel.Error => "error",
        LogLevel.Warning => "warn",
        LogLevel.Info => "info",
        _ => "debug",
    };
}
