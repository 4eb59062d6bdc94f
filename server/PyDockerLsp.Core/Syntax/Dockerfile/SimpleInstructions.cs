using PyDockerLsp.Core.Text;

namespace PyDockerLsp.Core.Syntax.Dockerfile;

/// <summary><c>USER user[:group]</c>.</summary>
public sealed class UserInstruction : Instruction
{
    internal UserInstruction() : base(InstructionKind.User) { }

    /// <summary>The whole argument, e.g. <c>app:app</c> or <c>1000</c>.</summary>
    public string? User => Arguments.Count > 0 ? Arguments[0].Value : null;
    public TextSpan UserSpan => Arguments.Count > 0 ? Arguments[0].Span : TextSpan.Empty(KeywordSpan.End);

    /// <summary>The part before <c>:</c>.</summary>
    public string? UserName
    {
        get
        {
            var user = User;
            if (user is null) return null;
            int colon = user.IndexOf(':');
            return colon < 0 ? user : user.Substring(0, colon);
        }
    }

    /// <summary>The part after <c>:</c>, or null.</summary>
    public string? Group
    {
        get
        {
            var user = User;
            int colon = user?.IndexOf(':') ?? -1;
            return colon < 0 ? null : user!.Substring(colon + 1);
        }
    }

    internal override void Interpret(InstructionContext context)
    {
        if (Arguments.Count != 1) context.ReportArgumentCount(this, "needs exactly one user (user, user:group or uid[:gid])");
        context.ValidateFlags(this, ReadOnlySpan<FlagSpec>.Empty);
    }
}

/// <summary><c>EXPOSE port[/protocol]…</c>.</summary>
public sealed class ExposeInstruction : Instruction
{
    internal ExposeInstruction() : base(InstructionKind.Expose) { }

    public IReadOnlyList<InstructionArgument> Ports => Arguments;

    internal override void Interpret(InstructionContext context)
    {
        if (Arguments.Count == 0) context.ReportArgumentCount(this, "needs at least one port");
        context.ValidateFlags(this, ReadOnlySpan<FlagSpec>.Empty);
    }
}

/// <summary><c>STOPSIGNAL signal</c>.</summary>
public sealed class StopsignalInstruction : Instruction
{
    internal StopsignalInstruction() : base(InstructionKind.Stopsignal) { }

    public string? Signal => Arguments.Count > 0 ? Arguments[0].Value : null;

    internal override void Interpret(InstructionContext context)
    {
        // BuildKit does not check STOPSIGNAL's flags.
        if (Arguments.Count != 1) context.ReportArgumentCount(this, "needs exactly one signal");
    }
}

/// <summary><c>MAINTAINER name</c> (deprecated in favour of a LABEL).</summary>
public sealed class MaintainerInstruction : Instruction
{
    internal MaintainerInstruction() : base(InstructionKind.Maintainer) { }

    public string? Maintainer => Arguments.Count > 0 ? Arguments[0].Value : null;

    internal override void Interpret(InstructionContext context)
    {
        if (Arguments.Count != 1) context.ReportArgumentCount(this, "needs exactly one name");
        context.ValidateFlags(this, ReadOnlySpan<FlagSpec>.Empty);
    }
}

/// <summary><c>ONBUILD instruction</c>: an instruction recorded for builds that use this image as their base.</summary>
public sealed class OnbuildInstruction : Instruction
{
    internal OnbuildInstruction() : base(InstructionKind.Onbuild) { }

    /// <summary>The deferred instruction, or null when ONBUILD is empty.</summary>
    public Instruction? Trigger { get; internal set; }

    internal override void Interpret(InstructionContext context)
    {
        if (Trigger is null)
        {
            context.ReportArgumentCount(this, "needs an instruction to defer");
            return;
        }
        context.ValidateFlags(this, ReadOnlySpan<FlagSpec>.Empty);
        switch (Trigger.Kind)
        {
            case InstructionKind.Onbuild:
                context.Report(DockerfileSyntaxCodes.InvalidOnbuildTrigger, Trigger.KeywordSpan, "ONBUILD cannot be chained: ONBUILD ONBUILD is not allowed.");
                break;
            case InstructionKind.From:
            case InstructionKind.Maintainer:
                context.Report(DockerfileSyntaxCodes.InvalidOnbuildTrigger, Trigger.KeywordSpan,
                    $"{Trigger.KeywordUpper} cannot be an ONBUILD trigger.");
                break;
        }
    }
}

/// <summary>A line whose first word is not an instruction keyword.</summary>
public sealed class UnknownInstruction : Instruction
{
    internal UnknownInstruction() : base(InstructionKind.Unknown) { }

    internal override void Interpret(InstructionContext context)
    {
        string keyword = Keyword;
        string? suggestion = Suggest(keyword);
        string message = keyword.Length == 0
            ? "This line holds no instruction."
            : suggestion is null
                ? $"Unknown instruction: {keyword}."
                : $"Unknown instruction: {keyword} (did you mean {suggestion}?).";
        context.Report(DockerfileSyntaxCodes.UnknownInstruction, KeywordSpan, message);
    }

    /// <summary>The instruction keyword closest to <paramref name="word"/> (at most two edits away), or null.</summary>
    private static string? Suggest(string word)
    {
        if (word.Length == 0) return null;
        string upper = word.ToUpperInvariant();
        string? best = null;
        int bestDistance = 3;
        foreach (var keyword in InstructionKeywords.All)
        {
            int distance = EditDistance(upper, keyword);
            if (distance < bestDistance)
            {
                bestDistance = distance;
                best = keyword;
            }
        }
        return best;
    }

    private static int EditDistance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (int j = 0; j <= b.Length; j++) previous[j] = j;
        for (int i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (int j = 1; j <= b.Length; j++)
            {
                int cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            (previous, current) = (current, previous);
        }
        return previous[b.Length];
    }
}
