namespace PyDockerLsp.Core.Syntax.Dockerfile;

/// <summary>Go's <c>time.ParseDuration</c>, which BuildKit uses for the HEALTHCHECK intervals: a sequence of
/// decimal numbers with units (<c>ns</c>, <c>us</c>/<c>µs</c>, <c>ms</c>, <c>s</c>, <c>m</c>, <c>h</c>), optionally
/// signed, such as <c>30s</c>, <c>1m30s</c> or <c>1.5h</c>; a bare <c>0</c> is allowed.</summary>
internal static class GoDuration
{
    public static bool TryParse(string text, out double nanoseconds)
    {
        nanoseconds = 0;
        int i = 0;
        bool negative = false;
        if (i < text.Length && (text[i] == '-' || text[i] == '+'))
        {
            negative = text[i] == '-';
            i++;
        }
        if (text.Length - i == 1 && text[i] == '0') return true;
        if (i >= text.Length) return false;
        double total = 0;
        while (i < text.Length)
        {
            int numberStart = i;
            while (i < text.Length && char.IsAsciiDigit(text[i])) i++;
            bool hasInteger = i > numberStart;
            bool hasFraction = false;
            if (i < text.Length && text[i] == '.')
            {
                i++;
                int fractionStart = i;
                while (i < text.Length && char.IsAsciiDigit(text[i])) i++;
                hasFraction = i > fractionStart;
            }
            if (!hasInteger && !hasFraction) return false;
            if (!double.TryParse(text.AsSpan(numberStart, i - numberStart), System.Globalization.NumberStyles.AllowDecimalPoint,
                    System.Globalization.CultureInfo.InvariantCulture, out double number)) return false;
            int unitStart = i;
            while (i < text.Length && text[i] != '.' && !char.IsAsciiDigit(text[i])) i++;
            double scale = text.AsSpan(unitStart, i - unitStart) switch
            {
                "ns" => 1,
                "us" or "µs" or "μs" => 1e3,
                "ms" => 1e6,
                "s" => 1e9,
                "m" => 60e9,
                "h" => 3600e9,
                _ => -1,
            };
            if (scale < 0) return false;
            total += number * scale;
        }
        nanoseconds = negative ? -total : total;
        return true;
    }
}
