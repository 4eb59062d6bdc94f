namespace PyDockerLsp.Core.Analysis.Rules;

/// <summary>The severity words users write in settings and in <c>[tool.pydocker]</c>.</summary>
public static class SeverityNames
{
    public static readonly IReadOnlyList<string> All = new[] { "off", "hint", "info", "warning", "error" };

    /// <summary>Parses a severity word; <paramref name="off"/> is true for "off"/"none"/"ignore".</summary>
    public static bool TryParse(string? text, out Severity severity, out bool off)
    {
        severity = Severity.Warning;
        off = false;
        switch (text?.Trim().ToLowerInvariant())
        {
            case "off": case "none": case "ignore": off = true; return true;
            case "hint": severity = Severity.Hint; return true;
            case "info": case "information": severity = Severity.Information; return true;
            case "warning": case "warn": severity = Severity.Warning; return true;
            case "error": severity = Severity.Error; return true;
            default: return false;
        }
    }

    public static string ToWord(Severity severity) => severity switch
    {
        Severity.Error => "error",
        Severity.Warning => "warning",
        Severity.Information => "info",
        _ => "hint",
    };
}
