using System.Text;
using Newtonsoft.Json;

namespace PyDockerLsp.Server.Protocol;

/// <summary>
/// Writes <c>Content-Length</c>-framed UTF-8 JSON messages. Each message is serialised off the lock and written
/// with its header in one locked step, so concurrent handlers never interleave bytes.
/// </summary>
public sealed class MessageWriter
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    private readonly Stream _output;
    private readonly ILog _log;
    private readonly object _gate = new();
    private bool _broken;

    public MessageWriter(Stream output, ILog log)
    {
        _output = output;
        _log = log;
    }

    /// <summary>Serialises a message with <paramref name="writeBody"/> and sends it; false when the output is gone.</summary>
    public bool Write(Action<JsonTextWriter> writeBody)
    {
        var body = new MemoryStream(256);
        using (var text = new StreamWriter(body, Utf8, 4096, leaveOpen: true))
        using (var json = new JsonTextWriter(text) { Formatting = Formatting.None, CloseOutput = false })
        {
            writeBody(json);
        }
        return WriteBody(body.GetBuffer(), (int)body.Length);
    }

    public bool WriteBody(byte[] body, int length)
    {
        var header = Encoding.ASCII.GetBytes("Content-Length: " + length.ToString(System.Globalization.CultureInfo.InvariantCulture) + "\r\n\r\n");
        // Header and body in one write: a reader never sees a header whose body is still to come
        // (and a message that fits the pipe's buffer reaches it whole even if this process dies right after).
        var frame = new byte[header.Length + length];
        Buffer.BlockCopy(header, 0, frame, 0, header.Length);
        Buffer.BlockCopy(body, 0, frame, header.Length, length);
        lock (_gate)
        {
            if (_broken) return false;
            try
            {
                _output.Write(frame, 0, frame.Length);
                _output.Flush();
                return true;
            }
            catch (Exception e) when (e is IOException or ObjectDisposedException)
            {
                _broken = true;
                _log.Warning("The output stream is closed; no more messages can be sent: " + e.Message);
                return false;
            }
        }
    }
}
