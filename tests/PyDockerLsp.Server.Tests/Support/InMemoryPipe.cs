namespace PyDockerLsp.Server.Tests.Support;

/// <summary>
/// A one-way in-memory byte pipe with blocking reads, like an OS pipe: <see cref="Writer"/> feeds
/// <see cref="Reader"/>; completing the writer makes the reader see the end of the input.
/// </summary>
public sealed class InMemoryPipe
{
    private readonly Queue<byte[]> _chunks = new();
    private byte[]? _current;
    private int _offset;
    private bool _completed;

    public InMemoryPipe()
    {
        Reader = new ReadEnd(this);
        Writer = new WriteEnd(this);
    }

    public Stream Reader { get; }
    public Stream Writer { get; }

    public void Complete()
    {
        lock (_chunks)
        {
            _completed = true;
            Monitor.PulseAll(_chunks);
        }
    }

    private void Write(ReadOnlySpan<byte> data)
    {
        if (data.Length == 0) return;
        lock (_chunks)
        {
            if (_completed) throw new IOException("The pipe is closed.");
            _chunks.Enqueue(data.ToArray());
            Monitor.PulseAll(_chunks);
        }
    }

    private int Read(Span<byte> destination)
    {
        lock (_chunks)
        {
            while (_current is null || _offset == _current.Length)
            {
                if (_chunks.Count > 0) { _current = _chunks.Dequeue(); _offset = 0; continue; }
                if (_completed) return 0;
                Monitor.Wait(_chunks);
            }
            int count = Math.Min(destination.Length, _current.Length - _offset);
            _current.AsSpan(_offset, count).CopyTo(destination);
            _offset += count;
            return count;
        }
    }

    private sealed class ReadEnd : Stream
    {
        private readonly InMemoryPipe _pipe;
        public ReadEnd(InMemoryPipe pipe) => _pipe = pipe;
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count) => _pipe.Read(buffer.AsSpan(offset, count));
        public override int Read(Span<byte> buffer) => _pipe.Read(buffer);
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    private sealed class WriteEnd : Stream
    {
        private readonly InMemoryPipe _pipe;
        public WriteEnd(InMemoryPipe pipe) => _pipe = pipe;
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => _pipe.Write(buffer.AsSpan(offset, count));
        public override void Write(ReadOnlySpan<byte> buffer) => _pipe.Write(buffer);

        protected override void Dispose(bool disposing)
        {
            if (disposing) _pipe.Complete();
            base.Dispose(disposing);
        }
    }
}
