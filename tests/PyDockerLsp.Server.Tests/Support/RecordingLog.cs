using PyDockerLsp.Server.Protocol;

namespace PyDockerLsp.Server.Tests.Support;

public sealed class RecordingLog : ILog
{
    private readonly List<(LogLevel Level, string Message)> _entries = new();

    public IReadOnlyList<(LogLevel Level, string Message)> Entries { get { lock (_entries) return _entries.ToList(); } }

    public IEnumerable<string> Warnings => Entries.Where(e => e.Level <= LogLevel.Warning).Select(e => e.Message);

    public void Write(LogLevel level, string message)
    {
        lock (_entries) _entries.Add((level, message));
    }
}

/// <summary>A stream that hands out at most a few bytes per Read, as a slow pipe does.</summary>
public sealed class TrickleStream : Stream
{
    private readonly byte[] _data;
    private readonly int _chunk;
    private int _position;

    public TrickleStream(byte[] data, int chunk)
    {
        _data = data;
        _chunk = chunk;
    }

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => _data.Length;
    public override long Position { get => _position; set => throw new NotSupportedException(); }
    public override void Flush() { }

    public override int Read(byte[] buffer, int offset, int count)
    {
        int n = Math.Min(Math.Min(count, _chunk), _data.Length - _position);
        Array.Copy(_data, _position, buffer, offset, n);
        _position += n;
        return n;
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
