using System.Globalization;
using System.Text;
using PyDockerLsp.Core.Syntax.Dockerfile;

namespace PyDockerLsp.Core.Tests.Syntax;

/// <summary>
/// Prints a parsed Dockerfile in the format of BuildKit's <c>Node.Dump()</c> (the <c>result</c> files of its parser
/// tests): one <c>(keyword ["--flag" …] "arg" …)</c> line per instruction, strings quoted as Go's
/// <c>strconv.Quote</c> does.
/// </summary>
internal static class BuildKitDump
{
    public static string Dump(DockerfileSyntax syntax)
    {
        var lines = syntax.Instructions.Select(i => "(" + DumpInstruction(i) + ")");
        return (string.Join("\n", lines)).Trim() + "\n";
    }

    public static string DumpInstruction(Instruction instruction)
    {
        var output = new StringBuilder(instruction.Keyword.ToLowerInvariant());
        if (instruction.Flags.Count > 0)
            output.Append(" [").Append(string.Join(" ", instruction.Flags.Select(f => GoQuote(f.Text)))).Append(']');
        if (instruction is OnbuildInstruction onbuild)
        {
            if (onbuild.Trigger is not null) output.Append(" (").Append(DumpInstruction(onbuild.Trigger)).Append(')');
        }
        else if (instruction.Kind == InstructionKind.Unknown)
        {
            // BuildKit keeps no arguments for an unknown instruction, just one empty node.
            output.Append(" \"\"");
        }
        else
        {
            foreach (var argument in instruction.Arguments) output.Append(' ').Append(GoQuote(argument.Value));
        }
        return output.ToString().Trim();
    }

    /// <summary>Go's <c>strconv.Quote</c>: printable runes as they are, the usual backslash escapes, other control
    /// characters as <c>\xHH</c>, other non-printable runes as <c>\uHHHH</c> / <c>\UHHHHHHHH</c>.</summary>
    public static string GoQuote(string value)
    {
        var output = new StringBuilder(value.Length + 2).Append('"');
        for (int i = 0; i < value.Length; i++)
        {
            int rune = value[i];
            if (char.IsHighSurrogate(value[i]) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                rune = char.ConvertToUtf32(value[i], value[i + 1]);
                i++;
            }
            switch (rune)
            {
                case '"': output.Append("\\\""); continue;
                case '\\': output.Append("\\\\"); continue;
            }
            if (IsGoPrintable(rune))
            {
                output.Append(char.ConvertFromUtf32(rune));
                continue;
            }
            switch (rune)
            {
                case '\a': output.Append("\\a"); break;
                case '\b': output.Append("\\b"); break;
                case '\f': output.Append("\\f"); break;
                case '\n': output.Append("\\n"); break;
                case '\r': output.Append("\\r"); break;
                case '\t': output.Append("\\t"); break;
                case '\v': output.Append("\\v"); break;
                default:
                    if (rune < ' ' || rune == 0x7F) output.Append("\\x").Append(rune.ToString("x2", CultureInfo.InvariantCulture));
                    else if (rune is >= 0xD800 and <= 0xDFFF) output.Append("\\ufffd");
                    else if (rune < 0x10000) output.Append("\\u").Append(rune.ToString("x4", CultureInfo.InvariantCulture));
                    else output.Append("\\U").Append(rune.ToString("x8", CultureInfo.InvariantCulture));
                    break;
            }
        }
        return output.Append('"').ToString();
    }

    /// <summary>Go's <c>unicode.IsPrint</c>: letters, marks, numbers, punctuation, symbols and the ASCII space.</summary>
    private static bool IsGoPrintable(int rune)
    {
        if (rune == ' ') return true;
        if (rune is >= 0xD800 and <= 0xDFFF) return false;
        var category = CharUnicodeInfo.GetUnicodeCategory(rune);
        return category switch
        {
            UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter
                or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter => true,
            UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark => true,
            UnicodeCategory.DecimalDigitNumber or UnicodeCategory.LetterNumber or UnicodeCategory.OtherNumber => true,
            UnicodeCategory.ConnectorPunctuation or UnicodeCategory.DashPunctuation or UnicodeCategory.OpenPunctuation
                or UnicodeCategory.ClosePunctuation or UnicodeCategory.InitialQuotePunctuation
                or UnicodeCategory.FinalQuotePunctuation or UnicodeCategory.OtherPunctuation => true,
            UnicodeCategory.MathSymbol or UnicodeCategory.CurrencySymbol or UnicodeCategory.ModifierSymbol
                or UnicodeCategory.OtherSymbol => true,
            _ => false,
        };
    }
}
