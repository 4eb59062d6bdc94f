using PyDockerLsp.Core.Text;

namespace PyDockerLsp.Core.Syntax.Dockerfile;

/// <summary>A COPY/ADD source written as a heredoc (<c>COPY &lt;&lt;EOF /dest</c>): its marker argument, the heredoc
/// whose body becomes the file, and the file's content as BuildKit writes it (tabs chomped for <c>&lt;&lt;-</c>).</summary>
public sealed class HeredocSource
{
    internal HeredocSource(InstructionArgument argument, HeredocMarker marker, Heredoc? heredoc)
    {
        Argument = argument;
        Marker = marker;
        Heredoc = heredoc;
    }

    public InstructionArgument Argument { get; }
    public HeredocMarker Marker { get; }

    /// <summary>The heredoc with the marker's name (null if its body is missing).</summary>
    public Heredoc? Heredoc { get; }

    /// <summary>The file name BuildKit gives the content (the terminator word).</summary>
    public string Path => Marker.Name;

    public string Data => Heredoc is null ? "" : Marker.Chomp ? Heredoc.ChompContent(Heredoc.Content) : Heredoc.Content;

    public bool Expand => Marker.Expand;
}

/// <summary>COPY and ADD: sources and a destination.</summary>
public abstract class FileTransferInstruction : Instruction
{
    private IReadOnlyList<HeredocSource>? _heredocSources;
    private IReadOnlyList<InstructionArgument>? _sourcePaths;

    private protected FileTransferInstruction(InstructionKind kind) : base(kind) { }

    /// <summary>All arguments but the last (paths, URLs, heredoc markers).</summary>
    public IReadOnlyList<InstructionArgument> Sources
    {
        get
        {
            var arguments = Arguments;
            if (arguments.Count < 2) return Array.Empty<InstructionArgument>();
            var sources = new InstructionArgument[arguments.Count - 1];
            for (int i = 0; i < sources.Length; i++) sources[i] = arguments[i];
            return sources;
        }
    }

    /// <summary>The last argument, or null when there are fewer than two.</summary>
    public InstructionArgument? Destination => Arguments.Count >= 2 ? Arguments[^1] : null;

    /// <summary>The sources that are paths (or URLs), not heredocs.</summary>
    public IReadOnlyList<InstructionArgument> SourcePaths => _sourcePaths ??= SplitSources().Paths;

    /// <summary>The sources that are heredocs, with their content.</summary>
    public IReadOnlyList<HeredocSource> HeredocSources => _heredocSources ??= SplitSources().Heredocs;

    public InstructionFlag? ChownFlag => GetFlag("chown");
    public string? Chown => ChownFlag?.Value;
    public InstructionFlag? ChmodFlag => GetFlag("chmod");
    public string? Chmod => ChmodFlag?.Value;

    /// <summary>True with <c>--link</c> (or <c>--link=true</c>).</summary>
    public bool Link => IsTrue(GetFlag("link"));

    private protected static bool IsTrue(InstructionFlag? flag) =>
        flag is not null && (!flag.HasValue || flag.Value!.Equals("true", StringComparison.OrdinalIgnoreCase));

    private (IReadOnlyList<InstructionArgument> Paths, IReadOnlyList<HeredocSource> Heredocs) SplitSources()
    {
        var paths = new List<InstructionArgument>();
        var heredocs = new List<HeredocSource>();
        foreach (var source in Sources)
        {
            var marker = IsExecForm ? null : HeredocMarker.Parse(source.Value, out _);
            if (marker is null)
            {
                paths.Add(source);
                continue;
            }
            Heredoc? body = null;
            foreach (var heredoc in Heredocs)
                if (heredoc.Name == marker.Name) body = heredoc;
            heredocs.Add(new HeredocSource(source, marker, body));
        }
        _sourcePaths = paths;
        _heredocSources = heredocs;
        return (paths, heredocs);
    }

    private protected void InterpretSourcesAndDestination(InstructionContext context, ReadOnlySpan<FlagSpec> accepted)
    {
        if (Arguments.Count < 2)
        {
            if (!HasInvalidExecForm)
                context.ReportArgumentCount(this, "needs at least a source and a destination");
            return;
        }
        context.ValidateFlags(this, accepted);
        var destination = Destination!;
        if (!IsExecForm && HeredocMarker.Parse(destination.Value, out _) is not null)
            context.Report(DockerfileSyntaxCodes.InvalidArgument, destination.Span,
                $"{KeywordUpper} cannot take a heredoc as its destination; the destination must be a path.");
    }
}

/// <summary><c>COPY [--from=…] [--chown=…] [--chmod=…] [--link] [--parents] [--exclude=…] src… dest</c>.</summary>
public sealed class CopyInstruction : FileTransferInstruction
{
    private static readonly FlagSpec[] AcceptedFlags =
    {
        new("chown", FlagType.String), new("from", FlagType.String), new("chmod", FlagType.String),
        new("link", FlagType.Bool), new("parents", FlagType.Bool), new("exclude", FlagType.Strings),
    };

    internal CopyInstruction() : base(InstructionKind.Copy) { }

    public InstructionFlag? FromFlag => GetFlag("from");

    /// <summary>The <c>--from</c> value: a stage name, a stage index or an image reference; null without the flag.</summary>
    public string? From => FromFlag?.Value;

    /// <summary>The stage that <c>--from</c> names, when it names one.</summary>
    public Stage? FromStage { get; internal set; }

    public bool Parents => IsTrue(GetFlag("parents"));

    public IEnumerable<string> Excludes
    {
        get
        {
            foreach (var flag in GetFlags("exclude"))
                if (flag.Value is not null) yield return flag.Value;
        }
    }

    internal override void Interpret(InstructionContext context) => InterpretSourcesAndDestination(context, AcceptedFlags);
}

/// <summary><c>ADD [--chown=…] [--chmod=…] [--link] [--checksum=…] [--keep-git-dir] src… dest</c>.</summary>
public sealed class AddInstruction : FileTransferInstruction
{
    private static readonly FlagSpec[] AcceptedFlags =
    {
        new("chown", FlagType.String), new("chmod", FlagType.String), new("link", FlagType.Bool),
        new("keep-git-dir", FlagType.Bool), new("checksum", FlagType.String), new("exclude", FlagType.Strings),
        new("unpack", FlagType.Bool),
    };

    internal AddInstruction() : base(InstructionKind.Add) { }

    public string? Checksum => GetFlag("checksum")?.Value;
    public bool KeepGitDir => IsTrue(GetFlag("keep-git-dir"));

    internal override void Interpret(InstructionContext context) => InterpretSourcesAndDestination(context, AcceptedFlags);
}

/// <summary><c>WORKDIR path</c>.</summary>
public sealed class WorkdirInstruction : Instruction
{
    internal WorkdirInstruction() : base(InstructionKind.Workdir) { }

    public string? Path => Arguments.Count > 0 ? Arguments[0].Value : null;
    public TextSpan PathSpan => Arguments.Count > 0 ? Arguments[0].Span : TextSpan.Empty(KeywordSpan.End);

    internal override void Interpret(InstructionContext context)
    {
        if (Arguments.Count != 1) context.ReportArgumentCount(this, "needs exactly one path");
        context.ValidateFlags(this, ReadOnlySpan<FlagSpec>.Empty);
    }
}

/// <summary><c>VOLUME path…</c> or <c>VOLUME ["path", …]</c>.</summary>
public sealed class VolumeInstruction : Instruction
{
    internal VolumeInstruction() : base(InstructionKind.Volume) { }

    public IReadOnlyList<InstructionArgument> Paths => Arguments;

    internal override void Interpret(InstructionContext context)
    {
        if (Arguments.Count == 0)
        {
            if (!HasInvalidExecForm) context.ReportArgumentCount(this, "needs at least one path");
            return;
        }
        context.ValidateFlags(this, ReadOnlySpan<FlagSpec>.Empty);
        foreach (var path in Arguments)
        {
            if (path.Value.AsSpan().Trim().Length == 0)
                context.Report(DockerfileSyntaxCodes.InvalidArgument, path.Span, "VOLUME paths cannot be empty.");
        }
    }
}
