using System.Text;
using PyDockerLsp.Core.Text;

namespace PyDockerLsp.Core.Syntax.Dockerfile;

/// <summary>One <c>key=value</c> (or bare <c>key</c>) of a <c>--mount</c> flag.</summary>
public sealed class MountOption
{
    internal MountOption(string key, string? value, TextSpan span, TextSpan keySpan, TextSpan valueSpan)
    {
        Key = key;
        Value = value;
        Span = span;
        KeySpan = keySpan;
        ValueSpan = valueSpan;
    }

    /// <summary>The key in lower case (BuildKit compares keys case-insensitively).</summary>
    public string Key { get; }

    /// <summary>The value, or null for a bare key such as <c>ro</c>.</summary>
    public string? Value { get; }
    public TextSpan Span { get; }
    public TextSpan KeySpan { get; }
    public TextSpan ValueSpan { get; }

    public override string ToString() => Value is null ? Key : $"{Key}={Value}";
}

/// <summary>
/// A <c>RUN --mount=…</c> flag read into its options (BuildKit reads the value as one CSV record). The common options
/// have properties; aliases are folded (<c>src</c> = source, <c>dst</c>/<c>destination</c> = target,
/// <c>ro</c>/<c>readonly</c>, <c>rw</c>/<c>readwrite</c>). Spans point into the flag's value in the document when it
/// is written without quotes; otherwise every option spans the whole value.
/// </summary>
public sealed class RunMount
{
    private static readonly string[] KnownTypes = { "bind", "cache", "tmpfs", "secret", "ssh" };
    private static readonly string[] KnownKeys =
    {
        "type", "from", "source", "src", "target", "dst", "destination", "readonly", "ro", "readwrite", "rw",
        "required", "size", "id", "sharing", "mode", "uid", "gid", "env",
    };

    private RunMount(InstructionFlag flag, IReadOnlyList<MountOption> options)
    {
        Flag = flag;
        Options = options;
    }

    public InstructionFlag Flag { get; }
    public IReadOnlyList<MountOption> Options { get; }
    public TextSpan Span => Flag.Span;

    /// <summary>bind (the default), cache, tmpfs, secret or ssh — in lower case.</summary>
    public string Type => (Get("type")?.Value ?? "bind").ToLowerInvariant();

    public string? Target => (Get("target") ?? Get("dst") ?? Get("destination"))?.Value;
    public string? Source => (Get("source") ?? Get("src"))?.Value;
    public string? From => Get("from")?.Value;
    public string? Id => Get("id")?.Value;
    public string? Sharing => Get("sharing")?.Value;
    public string? Mode => Get("mode")?.Value;
    public string? Uid => Get("uid")?.Value;
    public string? Gid => Get("gid")?.Value;
    public string? Env => Get("env")?.Value;

    /// <summary>The option that sets the target (whichever alias is used), for edits.</summary>
    public MountOption? TargetOption => Get("target") ?? Get("dst") ?? Get("destination");

    public bool IsCache => Type == "cache";
    public bool IsSecret => Type == "secret";
    public bool IsBind => Type == "bind";

    /// <summary>The last option with <paramref name="key"/> (lower case), or null.</summary>
    public MountOption? Get(string key)
    {
        for (int i = Options.Count - 1; i >= 0; i--)
            if (Options[i].Key == key) return Options[i];
        return null;
    }

    internal static RunMount Read(InstructionFlag flag, InstructionContext context)
    {
        string value = flag.Value ?? "";
        var valueSpan = flag.ValueSpan;
        var options = new List<MountOption>(4);
        if (value.Length == 0)
        {
            context.Report(DockerfileSyntaxCodes.InvalidFlag, flag.Span, "--mount needs options, e.g. --mount=type=cache,target=/root/.cache/pip.");
            return new RunMount(flag, options);
        }
        // Option spans map one-to-one only when the value is written as it reads (no quotes or escapes).
        bool direct = flag.Line.Buffer.AsSpan(flag.BufferEquals + 1, flag.BufferEnd - flag.BufferEquals - 1).SequenceEqual(value);
        var locator = new OptionLocator(direct ? flag.Line : null, flag.BufferEquals + 1, valueSpan);
        if (!ReadCsvRecord(value, options, locator, out string? csvError))
        {
            context.Report(DockerfileSyntaxCodes.InvalidFlag, valueSpan, $"--mount value is not a valid comma-separated list: {csvError}.");
            return new RunMount(flag, options);
        }
        var mount = new RunMount(flag, options);
        mount.Validate(context);
        return mount;
    }

    /// <summary>Maps positions in the flag's value to document spans (the whole value when they do not map).</summary>
    private readonly struct OptionLocator
    {
        private readonly LogicalLine? _line;
        private readonly int _valueStart;
        private readonly TextSpan _wholeValue;

        public OptionLocator(LogicalLine? line, int valueStart, TextSpan wholeValue)
        {
            _line = line;
            _valueStart = valueStart;
            _wholeValue = wholeValue;
        }

        public TextSpan Map(int start, int end) => _line is null ? _wholeValue : _line.BufferSpan(_valueStart + start, _valueStart + end);
    }

    private void Validate(InstructionContext context)
    {
        string type = Type;
        foreach (var option in Options)
        {
            if (Array.IndexOf(KnownKeys, option.Key) < 0)
            {
                context.Report(DockerfileSyntaxCodes.InvalidFlag, option.KeySpan,
                    $"Unknown --mount option '{option.Key}' (known: {string.Join(", ", KnownKeys)}).");
                continue;
            }
            if (option.Value is null)
            {
                if (option.Key is "readonly" or "ro" or "readwrite" or "rw") continue;
                if (option.Key == "required" && type is "secret" or "ssh") continue;
                context.Report(DockerfileSyntaxCodes.InvalidFlag, option.Span, $"--mount option '{option.Key}' needs a value ({option.Key}=…).");
                continue;
            }
            switch (option.Key)
            {
                case "type" when Array.IndexOf(KnownTypes, option.Value.ToLowerInvariant()) < 0:
                    context.Report(DockerfileSyntaxCodes.InvalidFlag, option.ValueSpan,
                        $"Unsupported mount type '{option.Value}' (use bind, cache, tmpfs, secret or ssh).");
                    break;
                case "sharing" when option.Value.ToLowerInvariant() is not ("shared" or "private" or "locked"):
                    context.Report(DockerfileSyntaxCodes.InvalidFlag, option.ValueSpan,
                        $"Unsupported cache sharing '{option.Value}' (use shared, private or locked).");
                    break;
                case "from" when ContainsVariable(option.Value):
                    context.Report(DockerfileSyntaxCodes.InvalidFlag, option.ValueSpan,
                        "--mount from= cannot use variables; define a stage with FROM and refer to it by name.");
                    break;
                case "readonly" or "ro" or "readwrite" or "rw" or "required" when !IsGoBool(option.Value):
                    context.Report(DockerfileSyntaxCodes.InvalidFlag, option.ValueSpan, $"--mount {option.Key} expects a boolean, not '{option.Value}'.");
                    break;
            }
        }
    }

    /// <summary>BuildKit refuses <c>$</c> followed by any character in <c>from=</c>.</summary>
    private static bool ContainsVariable(string value)
    {
        int dollar = value.IndexOf('$');
        return dollar >= 0 && dollar + 1 < value.Length;
    }

    /// <summary>Go's strconv.ParseBool.</summary>
    private static bool IsGoBool(string value) =>
        value is "1" or "t" or "T" or "true" or "TRUE" or "True" or "0" or "f" or "F" or "false" or "FALSE" or "False";

    /// <summary>Reads one CSV record (Go's encoding/csv defaults: comma separator, double quotes, <c>""</c> for a quote
    /// inside quotes, no bare quotes in unquoted fields), splitting each field at its first <c>=</c>.</summary>
    private static bool ReadCsvRecord(string text, List<MountOption> options, OptionLocator locator, out string? error)
    {
        error = null;
        int pos = 0;
        while (true)
        {
            int fieldStart = pos;
            string field;
            int fieldEnd;
            if (pos < text.Length && text[pos] == '"')
            {
                var content = new StringBuilder();
                pos++;
                while (true)
                {
                    if (pos >= text.Length)
                    {
                        error = "a quoted field has no closing quote";
                        return false;
                    }
                    char c = text[pos];
                    if (c == '"')
                    {
                        if (pos + 1 < text.Length && text[pos + 1] == '"')
                        {
                            content.Append('"');
                            pos += 2;
                            continue;
                        }
                        pos++;
                        break;
                    }
                    content.Append(c);
                    pos++;
                }
                if (pos < text.Length && text[pos] != ',')
                {
                    error = "extraneous text after a closing quote";
                    return false;
                }
                field = content.ToString();
                fieldEnd = pos;
            }
            else
            {
                int comma = text.IndexOf(',', pos);
                fieldEnd = comma < 0 ? text.Length : comma;
                if (text.IndexOf('"', pos, fieldEnd - pos) >= 0)
                {
                    error = "a quote inside an unquoted field";
                    return false;
                }
                pos = fieldEnd;
                if (fieldEnd == fieldStart)
                {
                    if (pos >= text.Length) return true;
                    pos++;
                    continue;
                }
                // Unquoted: key and value are slices of the text, and their spans are exact.
                int equalsIndex = text.IndexOf('=', fieldStart, fieldEnd - fieldStart);
                int keyEnd = equalsIndex < 0 ? fieldEnd : equalsIndex;
                string plainKey = text.Substring(fieldStart, keyEnd - fieldStart).ToLowerInvariant();
                string? plainValue = equalsIndex < 0 ? null : text.Substring(equalsIndex + 1, fieldEnd - equalsIndex - 1);
                options.Add(new MountOption(plainKey, plainValue, locator.Map(fieldStart, fieldEnd), locator.Map(fieldStart, keyEnd),
                    equalsIndex < 0 ? locator.Map(fieldEnd, fieldEnd) : locator.Map(equalsIndex + 1, fieldEnd)));
                if (pos >= text.Length) return true;
                pos++;
                continue;
            }

            // Quoted: the field's text differs from the document, so its parts span the whole field.
            int equals = field.IndexOf('=');
            string key = (equals < 0 ? field : field.Substring(0, equals)).ToLowerInvariant();
            string? value = equals < 0 ? null : field.Substring(equals + 1);
            var span = locator.Map(fieldStart, fieldEnd);
            if (field.Length > 0) options.Add(new MountOption(key, value, span, span, span));

            if (pos >= text.Length) return true;
            pos++; // the comma
        }
    }

    public override string ToString() => Flag.Text;
}
