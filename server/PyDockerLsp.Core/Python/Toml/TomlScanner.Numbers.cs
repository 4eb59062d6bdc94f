using System.Globalization;
using PyDockerLsp.Core.Text;

namespace PyDockerLsp.Core.Python.Toml;

internal sealed partial class TomlScanner
{
    /// <summary>Characters that can belong to a number or date-time literal; the literal is read as one token
    /// so that an error covers all of it.</summary>
    private static bool IsNumberTokenChar(char c) =>
        (uint)(c - '0') <= 9 || (uint)((c | 0x20) - 'a') <= 'z' - 'a' || c == '_' || c == '.' || c == '+' || c == '-' || c == ':';

    private TomlValue? ParseNumberOrDateTime()
    {
        int start = _pos;
        if (LooksLikeDate(start)) return ParseDateOrDateTime();
        if (LooksLikeTime(start)) return ParseLocalTime();

        int end = start;
        while (end < _length && IsNumberTokenChar(_text[end])) end++;
        var token = _text.AsSpan(start, end - start);
        var span = TextSpan.FromBounds(start, end);

        int unsigned = token.Length > 0 && (token[0] == '+' || token[0] == '-') ? 1 : 0;
        var body = token[unsigned..];
        if (body.SequenceEqual("inf") || body.SequenceEqual("nan"))
        {
            _pos = end;
            double special = body[0] == 'i' ? double.PositiveInfinity : double.NaN;
            return new TomlFloat(token[0] == '-' ? -special : special, span);
        }
        if (body.Length == 0 || !char.IsAsciiDigit(body[0]))
            return FailNumber(span, $"'{token.ToString()}' is not a value: numbers start with a digit (or are inf / nan), and strings must be quoted.");
        if (LooksLikeBrokenDateTime(body))
            return FailNumber(span, $"'{token.ToString()}' is neither a number nor a date or time: dates are YYYY-MM-DD with a four-digit year, times HH:MM:SS.");
        if (body.Length >= 2 && body[0] == '0' && (body[1] == 'x' || body[1] == 'o' || body[1] == 'b'))
            return ParsePrefixedInteger(token, span, unsigned == 1);
        if (body.IndexOfAny('.', 'e', 'E') >= 0) return ParseFloat(token, span, unsigned);
        return ParseDecimalInteger(token, span, unsigned);
    }

    /// <summary>A ':' anywhere, or a '-' right after a digit (an exponent's sign follows an 'e'), means the author meant a date or time.</summary>
    private static bool LooksLikeBrokenDateTime(ReadOnlySpan<char> body)
    {
        for (int i = 0; i < body.Length; i++)
        {
            if (body[i] == ':') return true;
            if (body[i] == '-' && i > 0 && char.IsAsciiDigit(body[i - 1])) return true;
        }
        return false;
    }

    /// <summary>dec-int = [+-] ( "0" / 1-9 *( ["_"] DIGIT ) )</summary>
    private TomlValue? ParseDecimalInteger(ReadOnlySpan<char> token, TextSpan span, int digitsStart)
    {
        if (digitsStart >= token.Length)
            return FailNumber(span, $"'{token.ToString()}' is not a number.");
        if (!IsDigitRun(token, digitsStart, token.Length, out string? problem))
            return FailNumber(span, $"'{token.ToString()}' is not a valid integer: {problem}.");
        if (token[digitsStart] == '0' && token.Length > digitsStart + 1)
            return FailNumber(span, $"'{token.ToString()}' is not a valid integer: leading zeros are not allowed.");

        bool negative = token[0] == '-';
        // Accumulate the magnitude; -9223372036854775808 is one more than long.MaxValue.
        ulong limit = negative ? (ulong)long.MaxValue + 1 : long.MaxValue;
        ulong magnitude = 0;
        for (int i = digitsStart; i < token.Length; i++)
        {
            char c = token[i];
            if (c == '_') continue;
            ulong digit = (ulong)(c - '0');
            if (magnitude > (limit - digit) / 10)
                return FailNumber(span, $"'{token.ToString()}' does not fit in a 64-bit signed integer.");
            magnitude = magnitude * 10 + digit;
        }
        _pos = span.End;
        long value = negative ? (long)(0 - magnitude) : (long)magnitude;
        return new TomlInteger(value, span);
    }

    /// <summary>0x / 0o / 0b integers: no sign, digits of the base with single underscores between them.</summary>
    private TomlValue? ParsePrefixedInteger(ReadOnlySpan<char> token, TextSpan span, bool signed)
    {
        if (signed)
            return FailNumber(span, $"'{token.ToString()}': a hexadecimal, octal or binary integer cannot have a sign.");
        char prefix = token[1];
        int radix = prefix == 'x' ? 16 : prefix == 'o' ? 8 : 2;
        string baseName = prefix == 'x' ? "hexadecimal" : prefix == 'o' ? "octal" : "binary";
        ulong value = 0;
        bool lastWasDigit = false;
        for (int i = 2; i < token.Length; i++)
        {
            char c = token[i];
            if (c == '_')
            {
                if (!lastWasDigit || i + 1 >= token.Length)
                    return FailNumber(span, $"'{token.ToString()}': an underscore must sit between two digits.");
                lastWasDigit = false;
                continue;
            }
            int digit = HexValue(c);
            if (digit < 0 || digit >= radix)
                return FailNumber(span, $"'{token.ToString()}': '{c}' is not a {baseName} digit.");
            if (value > ((ulong)long.MaxValue - (ulong)digit) / (ulong)radix)
                return FailNumber(span, $"'{token.ToString()}' does not fit in a 64-bit signed integer.");
            value = value * (ulong)radix + (ulong)digit;
            lastWasDigit = true;
        }
        if (token.Length == 2)
            return FailNumber(span, $"'{token.ToString()}' has no digits after its prefix.");
        _pos = span.End;
        return new TomlInteger((long)value, span);
    }

    /// <summary>float = dec-int ( frac [exp] / exp ); frac = "." digits; exp = [eE] [+-] digits, where digits
    /// may be split by single underscores and the integer part follows the integer rules.</summary>
    private TomlValue? ParseFloat(ReadOnlySpan<char> token, TextSpan span, int digitsStart)
    {
        int intEnd = digitsStart;
        while (intEnd < token.Length && (char.IsAsciiDigit(token[intEnd]) || token[intEnd] == '_')) intEnd++;
        string text = token.ToString();
        if (intEnd == digitsStart)
            return FailNumber(span, $"'{text}' is not a valid float: it needs a digit before the '{(intEnd < token.Length ? token[intEnd] : '.')}'.");
        if (!IsDigitRun(token, digitsStart, intEnd, out string? problem))
            return FailNumber(span, $"'{text}' is not a valid float: {problem}.");
        if (token[digitsStart] == '0' && intEnd > digitsStart + 1)
            return FailNumber(span, $"'{text}' is not a valid float: leading zeros are not allowed.");

        int i = intEnd;
        if (i < token.Length && token[i] == '.')
        {
            int fracStart = ++i;
            while (i < token.Length && (char.IsAsciiDigit(token[i]) || token[i] == '_')) i++;
            if (i == fracStart)
                return FailNumber(span, $"'{text}' is not a valid float: a digit must follow the decimal point.");
            if (!IsDigitRun(token, fracStart, i, out problem))
                return FailNumber(span, $"'{text}' is not a valid float: {problem}.");
        }
        if (i < token.Length && (token[i] == 'e' || token[i] == 'E'))
        {
            i++;
            if (i < token.Length && (token[i] == '+' || token[i] == '-')) i++;
            int expStart = i;
            while (i < token.Length && (char.IsAsciiDigit(token[i]) || token[i] == '_')) i++;
            if (i == expStart)
                return FailNumber(span, $"'{text}' is not a valid float: the exponent needs digits.");
            if (!IsDigitRun(token, expStart, i, out problem))
                return FailNumber(span, $"'{text}' is not a valid float: {problem}.");
        }
        if (i != token.Length)
            return FailNumber(span, $"'{text}' is not a valid float: unexpected '{token[i]}'.");

        Span<char> digits = token.Length <= 128 ? stackalloc char[token.Length] : new char[token.Length];
        int n = 0;
        foreach (char c in token)
        {
            if (c != '_') digits[n++] = c;
        }
        double value = double.Parse(digits[..n], NumberStyles.Float, CultureInfo.InvariantCulture);
        _pos = span.End;
        return new TomlFloat(value, span);
    }

    /// <summary>DIGIT *( ["_"] DIGIT ): only ASCII digits, each underscore between two digits.</summary>
    private static bool IsDigitRun(ReadOnlySpan<char> token, int from, int to, out string? problem)
    {
        problem = null;
        if (from >= to)
        {
            problem = "digits are missing";
            return false;
        }
        for (int i = from; i < to; i++)
        {
            char c = token[i];
            if (c == '_')
            {
                if (i == from || i + 1 >= to || token[i - 1] == '_' || !char.IsAsciiDigit(token[i + 1]))
                {
                    problem = "an underscore must sit between two digits";
                    return false;
                }
                continue;
            }
            if (!char.IsAsciiDigit(c))
            {
                problem = $"'{c}' is not a digit";
                return false;
            }
        }
        return true;
    }

    private TomlValue? FailNumber(TextSpan span, string message)
    {
        Fail(span.Start, Math.Max(1, span.Length), message);
        return null;
    }
}
