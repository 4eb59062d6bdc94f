namespace PyDockerLsp.Core.Syntax.Dockerfile;

/// <summary>The Dockerfile instructions. <see cref="Unknown"/> is any other keyword.</summary>
public enum InstructionKind
{
    Unknown,
    From,
    Run,
    Cmd,
    Label,
    Maintainer,
    Expose,
    Env,
    Add,
    Copy,
    Entrypoint,
    Volume,
    User,
    Workdir,
    Arg,
    Onbuild,
    Stopsignal,
    Healthcheck,
    Shell,
}

/// <summary>Keyword ↔ <see cref="InstructionKind"/> (keywords compare case-insensitively).</summary>
public static class InstructionKeywords
{
    private static readonly string[] Upper =
    {
        "", "FROM", "RUN", "CMD", "LABEL", "MAINTAINER", "EXPOSE", "ENV", "ADD", "COPY", "ENTRYPOINT", "VOLUME",
        "USER", "WORKDIR", "ARG", "ONBUILD", "STOPSIGNAL", "HEALTHCHECK", "SHELL",
    };

    /// <summary>All keywords in upper case, in the order of <see cref="InstructionKind"/> (Unknown excluded).</summary>
    public static IReadOnlyList<string> All { get; } = Upper.Skip(1).ToArray();

    /// <summary>The upper-case keyword of <paramref name="kind"/> ("" for Unknown).</summary>
    public static string ToKeyword(InstructionKind kind) => Upper[(int)kind];

    /// <summary>The kind of <paramref name="keyword"/>, case-insensitively; Unknown when it is no instruction.</summary>
    public static InstructionKind Lookup(ReadOnlySpan<char> keyword)
    {
        switch (keyword.Length)
        {
            case 3:
                if (Is(keyword, "RUN")) return InstructionKind.Run;
                if (Is(keyword, "CMD")) return InstructionKind.Cmd;
                if (Is(keyword, "ENV")) return InstructionKind.Env;
                if (Is(keyword, "ADD")) return InstructionKind.Add;
                if (Is(keyword, "ARG")) return InstructionKind.Arg;
                break;
            case 4:
                if (Is(keyword, "FROM")) return InstructionKind.From;
                if (Is(keyword, "COPY")) return InstructionKind.Copy;
                if (Is(keyword, "USER")) return InstructionKind.User;
                break;
            case 5:
                if (Is(keyword, "LABEL")) return InstructionKind.Label;
                if (Is(keyword, "SHELL")) return InstructionKind.Shell;
                break;
            case 6:
                if (Is(keyword, "EXPOSE")) return InstructionKind.Expose;
                if (Is(keyword, "VOLUME")) return InstructionKind.Volume;
                break;
            case 7:
                if (Is(keyword, "WORKDIR")) return InstructionKind.Workdir;
                if (Is(keyword, "ONBUILD")) return InstructionKind.Onbuild;
                break;
            case 10:
                if (Is(keyword, "MAINTAINER")) return InstructionKind.Maintainer;
                if (Is(keyword, "ENTRYPOINT")) return InstructionKind.Entrypoint;
                if (Is(keyword, "STOPSIGNAL")) return InstructionKind.Stopsignal;
                break;
            case 11:
                if (Is(keyword, "HEALTHCHECK")) return InstructionKind.Healthcheck;
                break;
        }
        return InstructionKind.Unknown;
    }

    private static bool Is(ReadOnlySpan<char> keyword, string upper) => keyword.Equals(upper, StringComparison.OrdinalIgnoreCase);
}
