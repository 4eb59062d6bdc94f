using System.Globalization;
using System.Text;

namespace PyDockerLsp.Server.Protocol;

/// <summary>
/// Reads <c>Content-Length</c>-framed message bodies from a byte stream.
/// A header block that cannot be trusted (a line without a colon, a missing, non-numeric or huge length,
/// an endless line of garbage) is logged and skipped: the reader resynchronises on the next
/// <c>Content-Length</c> it sees. Only the end of the input ends the reading.
/// </summary>
public sealed class MessageReader
{
    /// <summary>Header lines are short; a longer "line" is garbage without line breaks.</summary>
    public const int MaxHeaderLineBytes = 8 * 1024;

    /// <summary>A length above this is treated as a corrupt header rather than allocated.</summary>
    public const int MaxContentLength = 256 * 1024 * 1024;

    private static readonly byte[] ContentLengthName = Encoding.ASCII.GetBytes("content-length");

    private readonly Stream _input;
    private readonly ILog _log;
    private byte[] _buffer = new byte[64 * 1024];
    private int _start;
    private int _end;
    private bool _endOfInput;

    public MessageReader(Stream input, ILog log)
    {
        _input = input;
        _log = log;
    }

    /// <summary>The next message body, or null once the input has ended.</summary>
    public byte[]? ReadMessage()
    {
        while (true)
        {
            var header = ReadHeaderBlock();
            if (header == HeaderResult.EndOfInput) return null;
            if (header == HeaderResult.Malformed) { Resynchronise(); continue; }
            var body = ReadBody(_pendingLength);
            if (body is null)
            {
                _log.Warning($"The input ended inside a message body ({_pendingLength} bytes announced).");
                return null;
            }
            return body;
        }
    }

    private enum HeaderResult { Complete, Malformed, EndOfInput }

    private int _pendingLength;

    /// <summary>Where the line last returned by <see cref="ReadHeaderLine"/> starts (its bytes stay in the buffer
    /// until the next read).</summary>
    private int _lastLineStart;

    private HeaderResult ReadHeaderBlock()
    {
        int contentLength = -1;
        bool sawHeader = false;
        while (true)
        {
            var line = ReadHeaderLine(out bool tooLong);
            if (tooLong)
            {
                _log.Warning($"Skipped a header line longer than {MaxHeaderLineBytes} bytes; looking for the next Content-Length.");
                return HeaderResult.Malformed;
            }
            if (line is null)
            {
                if (sawHeader) _log.Warning("The input ended inside a message header.");
                return HeaderResult.EndOfInput;
            }
            if (line.Length == 0)
            {
                // Blank lines between messages are harmless.
                if (!sawHeader) continue;
                if (contentLength < 0)
                {
                    _log.Warning("Skipped a header block without a Content-Length.");
                    return HeaderResult.Malformed;
                }
                _pendingLength = contentLength;
                return HeaderResult.Complete;
            }
            sawHeader = true;
            int colon = line.IndexOf(':');
            var name = colon > 0 ? line.AsSpan(0, colon).Trim() : default;
            if (colon <= 0 || !IsHeaderName(name) ||
                (!name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase) && name.Contains("content-length", StringComparison.OrdinalIgnoreCase)))
            {
                _log.Warning($"Skipped a malformed header line \"{Printable(line)}\"; looking for the next Content-Length.");
                // The next header may start inside this very line ("garbageContent-Length: 2").
                _start = _lastLineStart + 1;
                return HeaderResult.Malformed;
            }
            var value = line.AsSpan(colon + 1).Trim();
            if (name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
            {
                if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out contentLength) || contentLength > MaxContentLength)
                {
                    _log.Warning($"Skipped a header with an unusable Content-Length \"{Printable(value.ToString())}\".");
                    return HeaderResult.Malformed;
                }
            }
            else if (name.Equals("Content-Type", StringComparison.OrdinalIgnoreCase))
            {
                var text = value.ToString();
                if (text.Contains("charset", StringComparison.OrdinalIgnoreCase) &&
                    !text.Contains("utf-8", StringComparison.OrdinalIgnoreCase) && !text.Contains("utf8", StringComparison.OrdinalIgnoreCase))
                    _log.Warning($"Content-Type \"{Printable(text)}\" is not UTF-8; the body is read as UTF-8 anyway.");
            }
        }
    }

    /// <summary>One header line without its line break (LF or CRLF); null at the end of the input.</summary>
    private string? ReadHeaderLine(out bool tooLong)
    {
        tooLong = false;
        int scanned = _start;
        while (true)
        {
            int newline = Array.IndexOf(_buffer, (byte)'\n', scanned, _end - scanned);
            if (newline >= 0)
            {
                int lineEnd = newline > _start && _buffer[newline - 1] == '\r' ? newline - 1 : newline;
                // Latin-1 keeps one char per byte, so garbage bytes print as something readable.
                var line = Encoding.Latin1.GetString(_buffer, _start, lineEnd - _start);
                _lastLineStart = _start;
                _start = newline + 1;
                return line;
            }
            if (_end - _start > MaxHeaderLineBytes)
            {
                tooLong = true;
                return null;
            }
            scanned = _end;
            int shift = _start;
            if (!Fill())
            {
                if (_end > _start) _log.Warning($"Ignored {_end - _start} bytes at the end of the input that do not form a message.");
                _start = _end;
                return null;
            }
            scanned -= shift;
        }
    }

    /// <summary>Drops bytes until the next "Content-Length" (any case), which starts the next header block.</summary>
    private void Resynchronise()
    {
        long dropped = 0;
        while (true)
        {
            int found = IndexOfContentLength();
            if (found >= 0)
            {
                dropped += found - _start;
                _start = found;
                break;
            }
            // Keep a tail that could be the start of a split "Content-Length".
            int keep = Math.Min(_end - _start, ContentLengthName.Length - 1);
            dropped += _end - _start - keep;
            _start = _end - keep;
            if (!Fill())
            {
                dropped += _end - _start;
                _start = _end;
                break;
            }
        }
        if (dropped > 0) _log.Debug($"Resynchronising skipped {dropped} bytes.");
    }

    private int IndexOfContentLength()
    {
        int last = _end - ContentLengthName.Length;
        for (int i = _start; i <= last; i++)
        {
            if (MatchesContentLengthAt(i)) return i;
        }
        return -1;
    }

    private bool MatchesContentLengthAt(int index)
    {
        for (int k = 0; k < ContentLengthName.Length; k++)
        {
            int b = _buffer[index + k];
            if (b >= 'A' && b <= 'Z') b += 'a' - 'A';
            if (b != ContentLengthName[k]) return false;
        }
        return true;
    }

    private byte[]? ReadBody(int length)
    {
        var body = new byte[length];
        int buffered = Math.Min(length, _end - _start);
        Buffer.BlockCopy(_buffer, _start, body, 0, buffered);
        _start += buffered;
        int filled = buffered;
        while (filled < length)
        {
            int read = _endOfInput ? 0 : _input.Read(body, filled, length - filled);
            if (read <= 0) { _endOfInput = true; return null; }
            filled += read;
        }
        return body;
    }

    /// <summary>Reads more input after the buffered bytes (moving them to the front first); false at the end of the input.</summary>
    private bool Fill()
    {
        if (_endOfInput) return false;
        if (_start > 0)
        {
            Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
            _end -= _start;
            _start = 0;
        }
        if (_end == _buffer.Length) Array.Resize(ref _buffer, _buffer.Length * 2);
        int read = _input.Read(_buffer, _end, _buffer.Length - _end);
        if (read <= 0) { _endOfInput = true; return false; }
        _end += read;
        return true;
    }

    /// <summary>An HTTP-style token: letters, digits and a few punctuation marks, nothing else.</summary>
    private static bool IsHeaderName(ReadOnlySpan<char> name)
    {
        if (name.IsEmpty) return false;
        foreach (char c in name)
        {
            bool token = c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9') or
                '!' or '#' or '$' or '%' or '&' or '\'' or '*' or '+' or '-' or '.' or '^' or '_' or '`' or '|' or '~';
            if (!token) return false;
        }
        return true;
    }

    private static string Printable(string text)
    {
        var shown = text.Length > 60 ? text.Substring(0, 60) + "…" : text;
        var sb = new StringBuilder(shown.Length);
        foreach (char c in shown) sb.Append(c < ' ' || c == 0x7F ? '?' : c);
        return sb.ToString();
    }
}
