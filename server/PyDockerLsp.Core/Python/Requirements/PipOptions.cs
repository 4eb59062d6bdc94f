using PyDockerLsp.Core.Text;

namespace PyDockerLsp.Core.Python.Requirements;

/// <summary>An option pip accepts in a requirements file (pip's SUPPORTED_OPTIONS and SUPPORTED_OPTIONS_REQ).</summary>
internal sealed record PipOptionSpec(string Name, string[] Aliases, char? Short, bool TakesValue, bool AppliesToRequirement)
{
    public static readonly PipOptionSpec IndexUrl = new("--index-url", new[] { "--pypi-url" }, 'i', true, false);
    public static readonly PipOptionSpec ExtraIndexUrl = new("--extra-index-url", Array.Empty<string>(), null, true, false);
    public static readonly PipOptionSpec NoIndex = new("--no-index", Array.Empty<string>(), null, false, false);
    public static readonly PipOptionSpec Constraint = new("--constraint", Array.Empty<string>(), 'c', true, false);
    public static readonly PipOptionSpec Requirement = new("--requirement", Array.Empty<string>(), 'r', true, false);
    public static readonly PipOptionSpec Editable = new("--editable", Array.Empty<string>(), 'e', true, false);
    public static readonly PipOptionSpec FindLinks = new("--find-links", Array.Empty<string>(), 'f', true, false);
    public static readonly PipOptionSpec NoBinary = new("--no-binary", Array.Empty<string>(), null, true, false);
    public static readonly PipOptionSpec OnlyBinary = new("--only-binary", Array.Empty<string>(), null, true, false);
    public static readonly PipOptionSpec PreferBinary = new("--prefer-binary", Array.Empty<string>(), null, false, false);
    public static readonly PipOptionSpec RequireHashes = new("--require-hashes", Array.Empty<string>(), null, false, false);
    public static readonly PipOptionSpec NoRequireHashes = new("--no-require-hashes", Array.Empty<string>(), null, false, false);
    public static readonly PipOptionSpec Pre = new("--pre", Array.Empty<string>(), null, false, false);
    public static readonly PipOptionSpec AllReleases = new("--all-releases", Array.Empty<string>(), null, true, false);
    public static readonly PipOptionSpec OnlyFinal = new("--only-final", Array.Empty<string>(), null, true, false);
    public static readonly PipOptionSpec TrustedHost = new("--trusted-host", Array.Empty<string>(), null, true, false);
    public static readonly PipOptionSpec UseFeature = new("--use-feature", Array.Empty<string>(), null, true, false);
    public static readonly PipOptionSpec Hash = new("--hash", Array.Empty<string>(), null, true, true);
    public static readonly PipOptionSpec ConfigSettings = new("--config-settings", Array.Empty<string>(), 'C', true, true);

    /// <summary>Every option; <c>--hash</c> first because it is by far the most frequent.</summary>
    public static readonly PipOptionSpec[] All =
    {
        Hash, IndexUrl, ExtraIndexUrl, NoIndex, Constraint, Requirement, Editable, FindLinks, NoBinary, OnlyBinary,
        PreferBinary, RequireHashes, NoRequireHashes, Pre, AllReleases, OnlyFinal, TrustedHost, UseFeature, ConfigSettings,
    };

    /// <summary>The features <c>--use-feature</c> accepts (pip's choices, including the ones now always on).</summary>
    public static readonly string[] Features = { "fast-deps", "build-constraint", "inprocess-build-deps", "truststore", "no-binary-enable-wheel-cache" };

    /// <summary>The hash algorithms <c>--hash</c> accepts.</summary>
    public static readonly string[] HashAlgorithms = { "sha256", "sha384", "sha512" };

    private static readonly (string Name, PipOptionSpec Spec)[] LongNames =
        All.SelectMany(o => o.Aliases.Prepend(o.Name).Select(n => (n, o))).ToArray();

    /// <summary>optparse's long-option lookup: an exact name, else a unique prefix of one.</summary>
    public static PipOptionSpec? FindLong(ReadOnlySpan<char> name, out string? ambiguity)
    {
        ambiguity = null;
        foreach (var (n, spec) in LongNames)
            if (name.SequenceEqual(n)) return spec;
        PipOptionSpec? found = null;
        var candidates = new List<string>();
        foreach (var (n, spec) in LongNames)
        {
            if (!n.AsSpan().StartsWith(name, StringComparison.Ordinal)) continue;
            candidates.Add(n);
            found = spec;
        }
        if (candidates.Count > 1)
        {
            ambiguity = string.Join(", ", candidates);
            return null;
        }
        return found;
    }

    public static PipOptionSpec? FindShort(char c)
    {
        foreach (var spec in All)
            if (spec.Short == c) return spec;
        return null;
    }
}

/// <summary>One option occurrence on a line, in logical-line coordinates.</summary>
internal readonly record struct ParsedOption(PipOptionSpec Spec, string? Value, TextSpan NameSpan, TextSpan? ValueSpan);

/// <summary>A problem on one line, in logical-line coordinates.</summary>
internal readonly record struct LineProblem(RequirementsProblemKind Kind, TextSpan Span, string Message);

/// <summary>optparse as pip configures it for a requirements line: long options (<c>--name=value</c>,
/// <c>--name value</c>, unique prefixes), short options (<c>-i url</c>, <c>-iurl</c>); words that are not options are ignored.</summary>
internal static class PipOptionParser
{
    public static void Parse(string lineText, List<ShellWord> words, List<ParsedOption> options, List<LineProblem> problems)
    {
        for (int i = 0; i < words.Count; i++)
        {
            var chars = words[i].Chars(lineText);
            if (chars.SequenceEqual("--")) return;
            if (chars.StartsWith("--", StringComparison.Ordinal))
                ParseLong(lineText, words, ref i, options, problems);
            else if (chars.Length > 1 && chars[0] == '-')
                ParseShort(lineText, words, ref i, options, problems);
        }
    }

    private static void ParseLong(string lineText, List<ShellWord> words, ref int i, List<ParsedOption> options, List<LineProblem> problems)
    {
        var word = words[i];
        var chars = word.Chars(lineText);
        int eq = chars.IndexOf('=');
        var name = eq < 0 ? chars : chars[..eq];
        int rawEq = eq < 0 ? -1 : word.IsVerbatim ? word.Span.Start + eq : lineText.IndexOf('=', word.Span.Start, word.Span.Length);
        var nameSpan = rawEq < 0 ? word.Span : TextSpan.FromBounds(word.Span.Start, rawEq);
        var spec = PipOptionSpec.FindLong(name, out var ambiguity);
        if (spec == null)
        {
            var written = name.ToString();
            problems.Add(ambiguity != null
                ? new LineProblem(RequirementsProblemKind.UnknownOption, nameSpan, $"'{written}' is ambiguous in a requirements file: it could be {ambiguity}.")
                : new LineProblem(RequirementsProblemKind.UnknownOption, nameSpan, $"pip does not accept the option '{written}' in a requirements file."));
            return;
        }
        if (!spec.TakesValue)
        {
            if (eq >= 0)
                problems.Add(new LineProblem(RequirementsProblemKind.Syntax, word.Span, $"The option {spec.Name} takes no value."));
            else
                options.Add(new ParsedOption(spec, null, nameSpan, null));
            return;
        }
        if (eq >= 0)
        {
            var valueSpan = TextSpan.FromBounds(rawEq + 1, word.Span.End);
            var value = word.IsVerbatim ? lineText.Substring(valueSpan.Start, valueSpan.Length) : word.Unquoted![(eq + 1)..];
            AddWithValue(spec, value, nameSpan, valueSpan, options, problems);
            return;
        }
        if (i + 1 >= words.Count)
        {
            problems.Add(new LineProblem(RequirementsProblemKind.Syntax, nameSpan, $"The option {spec.Name} needs a value."));
            return;
        }
        i++;
        AddWithValue(spec, words[i].Value(lineText), nameSpan, words[i].Span, options, problems);
    }

    private static void ParseShort(string lineText, List<ShellWord> words, ref int i, List<ParsedOption> options, List<LineProblem> problems)
    {
        var word = words[i];
        var chars = word.Chars(lineText);
        var nameSpan = new TextSpan(word.Span.Start, Math.Min(2, word.Span.Length));
        var spec = PipOptionSpec.FindShort(chars[1]);
        if (spec == null)
        {
            problems.Add(new LineProblem(RequirementsProblemKind.UnknownOption, nameSpan, $"pip does not accept the option '-{chars[1]}' in a requirements file."));
            return;
        }
        if (chars.Length > 2)
        {
            AddWithValue(spec, chars[2..].ToString(), nameSpan, TextSpan.FromBounds(word.Span.Start + 2, word.Span.End), options, problems);
            return;
        }
        if (i + 1 >= words.Count)
        {
            problems.Add(new LineProblem(RequirementsProblemKind.Syntax, nameSpan, $"The option -{spec.Short} ({spec.Name}) needs a value."));
            return;
        }
        i++;
        AddWithValue(spec, words[i].Value(lineText), nameSpan, words[i].Span, options, problems);
    }

    private static bool IsStrongHash(ReadOnlySpan<char> algorithm)
    {
        foreach (var a in PipOptionSpec.HashAlgorithms)
            if (algorithm.SequenceEqual(a)) return true;
        return false;
    }

    /// <summary>Checks a value the way pip's option callbacks do, then records the option.</summary>
    private static void AddWithValue(PipOptionSpec spec, string value, TextSpan nameSpan, TextSpan valueSpan, List<ParsedOption> options, List<LineProblem> problems)
    {
        string? error = null;
        if (spec == PipOptionSpec.Hash)
        {
            int colon = value.IndexOf(':');
            if (colon < 0) error = "--hash needs an algorithm and a digest, like --hash=sha256:<hex digest>.";
            else if (!IsStrongHash(value.AsSpan(0, colon)))
                error = $"--hash accepts only {string.Join(", ", PipOptionSpec.HashAlgorithms)}, not '{value[..colon]}'.";
        }
        else if (spec == PipOptionSpec.ConfigSettings && value.IndexOf('=') < 0)
        {
            error = "--config-settings needs KEY=VALUE.";
        }
        else if (spec == PipOptionSpec.UseFeature && Array.IndexOf(PipOptionSpec.Features, value) < 0)
        {
            error = $"'{value}' is not a feature --use-feature knows (known: {string.Join(", ", PipOptionSpec.Features)}).";
        }
        else if ((spec == PipOptionSpec.NoBinary || spec == PipOptionSpec.OnlyBinary || spec == PipOptionSpec.AllReleases || spec == PipOptionSpec.OnlyFinal)
                 && value.StartsWith('-'))
        {
            error = $"{spec.Name} needs a value (:all:, :none: or package names), not another option.";
        }
        if (error != null)
        {
            problems.Add(new LineProblem(RequirementsProblemKind.Syntax, valueSpan, error));
            return;
        }
        options.Add(new ParsedOption(spec, value, nameSpan, valueSpan));
    }
}
