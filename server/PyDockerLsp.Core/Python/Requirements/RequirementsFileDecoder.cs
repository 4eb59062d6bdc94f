using System.Text;

namespace PyDockerLsp.Core.Python.Requirements;

/// <summary>The text of a requirements file decoded from bytes, or why it could not be.</summary>
public sealed record DecodedRequirementsText(string? Text, string? Warning, string? Error);

/// <summary>
/// How pip turns a requirements file's bytes into text: a byte order mark decides (UTF-8, UTF-32, UTF-16);
/// else a PEP 263 <c>coding:</c> comment in the first two lines; else UTF-8; else the locale's encoding, with a
/// warning. For callers that hold bytes (the file system interface hands out text).
/// </summary>
public static class RequirementsFileDecoder
{
    private static readonly (byte[] Bom, Func<Encoding> Encoding)[] Boms =
    {
        (new byte[] { 0xEF, 0xBB, 0xBF }, () => new UTF8Encoding(false, true)),
        // UTF-32 first: its little-endian mark begins with UTF-16's.
        (new byte[] { 0xFF, 0xFE, 0x00, 0x00 }, () => new UTF32Encoding(false, false, true)),
        (new byte[] { 0x00, 0x00, 0xFE, 0xFF }, () => new UTF32Encoding(true, false, true)),
        (new byte[] { 0xFF, 0xFE }, () => new UnicodeEncoding(false, false, true)),
        (new byte[] { 0xFE, 0xFF }, () => new UnicodeEncoding(true, false, true)),
    };

    public static DecodedRequirementsText Decode(ReadOnlySpan<byte> bytes, Encoding? localeEncoding = null)
    {
        foreach (var (bom, encoding) in Boms)
            if (bytes.StartsWith(bom)) return Strict(encoding(), bytes[bom.Length..]);

        if (DeclaredEncoding(bytes) is { } declared)
        {
            var encoding = EncodingByPythonName(declared);
            return encoding == null
                ? new DecodedRequirementsText(null, null, $"The file declares the encoding '{declared}', which is not known.")
                : Strict(encoding, bytes);
        }

        var utf8 = Strict(new UTF8Encoding(false, true), bytes);
        if (utf8.Text != null) return utf8;
        var fallback = localeEncoding ?? new UTF8Encoding(false, true);
        var decoded = Strict(StrictCopy(fallback), bytes);
        return decoded.Text == null
            ? decoded
            : decoded with { Warning = $"The file is not valid UTF-8; it was read as {fallback.WebName}." };
    }

    private static DecodedRequirementsText Strict(Encoding encoding, ReadOnlySpan<byte> bytes)
    {
        try
        {
            return new DecodedRequirementsText(encoding.GetString(bytes), null, null);
        }
        catch (DecoderFallbackException e)
        {
            return new DecodedRequirementsText(null, null, $"The file cannot be decoded as {encoding.WebName}: {e.Message}");
        }
    }

    private static Encoding StrictCopy(Encoding encoding)
    {
        var copy = (Encoding)encoding.Clone();
        copy.DecoderFallback = DecoderFallback.ExceptionFallback;
        return copy;
    }

    /// <summary>PEP 263: <c>coding[:=]\s*([-\w.]+)</c> in one of the first two lines, when that line starts with <c>#</c>.</summary>
    private static string? DeclaredEncoding(ReadOnlySpan<byte> bytes)
    {
        for (int lineIndex = 0; lineIndex < 2 && !bytes.IsEmpty; lineIndex++)
        {
            int newline = bytes.IndexOf((byte)'\n');
            var line = newline < 0 ? bytes : bytes[..newline];
            bytes = newline < 0 ? ReadOnlySpan<byte>.Empty : bytes[(newline + 1)..];
            if (line.IsEmpty || line[0] != (byte)'#') continue;
            int at = line.IndexOf("coding"u8);
            while (at >= 0)
            {
                int p = at + 6;
                if (p < line.Length && (line[p] == (byte)':' || line[p] == (byte)'='))
                {
                    p++;
                    while (p < line.Length && (line[p] == (byte)' ' || line[p] == (byte)'\t')) p++;
                    int start = p;
                    while (p < line.Length && (char.IsAsciiLetterOrDigit((char)line[p]) || line[p] is (byte)'-' or (byte)'_' or (byte)'.')) p++;
                    if (p > start) return Encoding.ASCII.GetString(line[start..p]);
                }
                int next = line[(at + 6)..].IndexOf("coding"u8);
                at = next < 0 ? -1 : at + 6 + next;
            }
        }
        return null;
    }

    /// <summary>The encodings Python names that .NET has built in.</summary>
    private static Encoding? EncodingByPythonName(string name)
    {
        switch (name.ToLowerInvariant().Replace('_', '-'))
        {
            case "utf-8": case "utf8": case "u8": return new UTF8Encoding(false, true);
            case "latin-1": case "latin1": case "iso-8859-1": case "iso8859-1": case "l1": case "8859": case "cp819": return Encoding.Latin1;
            case "ascii": case "us-ascii": case "646": return StrictCopy(Encoding.ASCII);
            case "utf-16": case "utf16": return new UnicodeEncoding(false, true, true);
            case "utf-16-le": return new UnicodeEncoding(false, false, true);
            case "utf-16-be": return new UnicodeEncoding(true, false, true);
            case "utf-32": case "utf-32-le": return new UTF32Encoding(false, false, true);
            case "utf-32-be": return new UTF32Encoding(true, false, true);
        }
        try { return StrictCopy(Encoding.GetEncoding(name)); }
        catch (ArgumentException) { return null; }
    }
}
