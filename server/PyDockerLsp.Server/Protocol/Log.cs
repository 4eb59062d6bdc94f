namespace PyDockerLsp.Server.Protocol;

public enum LogLevel { Error = 1, Warning = 2, Info = 3, Debug = 4 }

/// <summary>Where the transport and the server write what happened. Never stdout: that carries only protocol.</summary>
public interface ILog
{
    void Write(LogLevel level, string message);
}

public static class LogExtensions
{
    public static void Error(this ILog log, string message) => log.Write(LogLevel.Error, message);
    public static void Warning(this ILog log, string message) => log.Write(LogLevel.Warning, message);
    public static void Info(this ILog log, string message) => log.Write(LogLevel.Info, message);
    public static void Debug(this ILog log, string message) => log.Write(LogLevel.Debug, message);
}
