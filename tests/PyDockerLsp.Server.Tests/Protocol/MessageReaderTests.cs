using System.Text;
using PyDockerLsp.Server.Protocol;
using PyDockerLsp.Server.Tests.Support;

namespace PyDockerLsp.Server.Tests.Protocol;

/// <summary>Content-Length framing: what is read as a message, what is skipped, and how the reader recovers.</summary>
public class MessageReaderTests
{
    private static string Frame(string body) => $"Content-Length: {Encoding.UTF8.GetByteCount(body)}\r\n\r\n{body}";

    private static (List<string> Bodies, RecordingLog Log) ReadAll(byte[] input, int chunk = int.MaxValue)
    {
        var log = new RecordingLog();
        var reader = new MessageReader(new TrickleStream(input, chunk), log);
        var bodies = new List<string>();
        for (int guard = 0; guard < 100; guard++)
        {
            var body = reader.ReadMessage();
            if (body is null) break;
            bodies.Add(Encoding.UTF8.GetString(body));
        }
        return (bodies, log);
    }

    private static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);

    /// <summary>name, raw input, bodies expected, whether a warning must be logged.</summary>
    public static TheoryData<string, string, string[], bool> Inputs => new()
    {
        { "one message", Frame("{\"a\":1}"), new[] { "{\"a\":1}" }, false },
        { "two messages back to back", Frame("{\"a\":1}") + Frame("{\"b\":2}"), new[] { "{\"a\":1}", "{\"b\":2}" }, false },
        { "a Content-Type header too", "Content-Length: 2\r\nContent-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n{}", new[] { "{}" }, false },
        { "header name in any case", "content-length: 2\r\n\r\n{}", new[] { "{}" }, false },
        { "LF-only line breaks", "Content-Length: 2\n\n{}", new[] { "{}" }, false },
        { "the length counts UTF-8 bytes", Frame("{\"t\":\"🐍 中文\"}"), new[] { "{\"t\":\"🐍 中文\"}" }, false },
        { "blank lines between messages", Frame("{}") + "\r\n\r\n" + Frame("[]"), new[] { "{}", "[]" }, false },
        { "a garbage line, then a message", "this is a garbage line, not an LSP header\r\n\r\n" + Frame("{}"), new[] { "{}" }, true },
        { "a header without a colon", "Content-Length 2\r\n\r\n{}" + Frame("[1]"), new[] { "[1]" }, true },
        { "a non-numeric length", "Content-Length: two\r\n\r\n{}" + Frame("[2]"), new[] { "[2]" }, true },
        { "a negative length", "Content-Length: -2\r\n\r\n{}" + Frame("[3]"), new[] { "[3]" }, true },
        { "an absurd length", "Content-Length: 99999999999\r\n\r\n{}" + Frame("[4]"), new[] { "[4]" }, true },
        { "a header block without a length", "Content-Type: x\r\n\r\n{}" + Frame("[5]"), new[] { "[5]" }, true },
        { "garbage glued to the next header", "garbage!!Content-Length: 3\r\n\r\n[6]", new[] { "[6]" }, true },
        { "a message, garbage, a message", Frame("[7]") + "\u0001\u0002\u00ff junk\r\n" + Frame("[8]"), new[] { "[7]", "[8]" }, true },
        { "a body cut off by the end of input", "Content-Length: 10\r\n\r\n{}", Array.Empty<string>(), true },
        { "a header cut off by the end of input", "Content-Len", Array.Empty<string>(), true },
        { "empty input", "", Array.Empty<string>(), false },
    };

    [Theory]
    [MemberData(nameof(Inputs))]
    public void Reads_the_framed_bodies_and_skips_what_is_not_a_message(string _, string input, string[] expected, bool warns)
    {
        foreach (var chunk in new[] { int.MaxValue, 1, 7 })
        {
            var (bodies, log) = ReadAll(Bytes(input), chunk);
            Assert.Equal(expected, bodies);
            Assert.Equal(warns, log.Warnings.Any());
        }
    }

    [Fact]
    public void Megabytes_of_garbage_without_line_breaks_are_skipped_up_to_the_next_header()
    {
        var garbage = new byte[3 * 1024 * 1024];
        new Random(1).NextBytes(garbage);
        for (int i = 0; i < garbage.Length; i++) if (garbage[i] == '\n' || garbage[i] == 'C' || garbage[i] == 'c') garbage[i] = (byte)'x';
        var input = garbage.Concat(Bytes(Frame("{\"after\":true}"))).ToArray();
        var (bodies, log) = ReadAll(input, 4096);
        Assert.Equal(new[] { "{\"after\":true}" }, bodies);
        Assert.Contains(log.Warnings, w => w.Contains("longer than"));
    }

    [Fact]
    public void A_large_body_is_read_whole()
    {
        var text = new string('x', 5 * 1024 * 1024);
        var (bodies, _) = ReadAll(Bytes(Frame("\"" + text + "\"")), 65536);
        Assert.Equal(text.Length + 2, Assert.Single(bodies).Length);
    }
}
