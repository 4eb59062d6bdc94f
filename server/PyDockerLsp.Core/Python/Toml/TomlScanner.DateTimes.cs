using PyDockerLsp.Core.Text;

namespace PyDockerLsp.Core.Python.Toml;

internal sealed partial class TomlScanner
{
    private bool IsDigitAt(int at) => at < _length && char.IsAsciiDigit(_text[at]);

    /// <summary>YYYY- starts a date (a number never has a '-' after four digits).</summary>
    private bool LooksLikeDate(int at) =>
        IsDigitAt(at) && IsDigitAt(at + 1) && IsDigitAt(at + 2) && IsDigitAt(at + 3) && at + 4 < _length && _text[at + 4] == '-';

    /// <summary>HH: starts a time.</summary>
    private bool LooksLikeTime(int at) => IsDigitAt(at) && IsDigitAt(at + 1) && at + 2 < _length && _text[at + 2] == ':';

    /// <summary>full-date [ ("T" / "t" / " ") partial-time [ time-offset ] ] — the four RFC 3339 forms TOML
    /// takes, minus the local time.</summary>
    private TomlValue? ParseDateOrDateTime()
    {
        int start = _pos;
        if (!ReadDate(start, out int year, out int month, out int day)) return null;
        int i = start + 10;
        bool hasTime = false;
        if (i < _length && (_text[i] == 'T' || _text[i] == 't'))
        {
            hasTime = true;
        }
        else if (i < _length && _text[i] == ' ' && LooksLikeTime(i + 1))
        {
            // A space may separate date and time; "1979-05-27 # comment" stays a date.
            hasTime = true;
        }
        if (!hasTime) return FinishDateTime(start, i, TomlValueKind.LocalDate, year, month, day, 0, 0, 0, 0, null);

        if (!ReadTime(i + 1, start, out int hour, out int minute, out int second, out int nanosecond, out i)) return null;
        if (i < _length && (_text[i] == 'Z' || _text[i] == 'z'))
            return FinishDateTime(start, i + 1, TomlValueKind.OffsetDateTime, year, month, day, hour, minute, second, nanosecond, 0);
        if (i < _length && (_text[i] == '+' || _text[i] == '-'))
        {
            if (!ReadOffset(i, start, out int offsetMinutes)) return null;
            return FinishDateTime(start, i + 6, TomlValueKind.OffsetDateTime, year, month, day, hour, minute, second, nanosecond, offsetMinutes);
        }
        return FinishDateTime(start, i, TomlValueKind.LocalDateTime, year, month, day, hour, minute, second, nanosecond, null);
    }

    private TomlValue? ParseLocalTime()
    {
        int start = _pos;
        if (!ReadTime(start, start, out int hour, out int minute, out int second, out int nanosecond, out int end)) return null;
        return FinishDateTime(start, end, TomlValueKind.LocalTime, 0, 0, 0, hour, minute, second, nanosecond, null);
    }

    private TomlValue? FinishDateTime(int start, int end, TomlValueKind kind, int year, int month, int day,
        int hour, int minute, int second, int nanosecond, int? offsetMinutes)
    {
        if (end < _length && IsNumberTokenChar(_text[end]))
        {
            int tokenEnd = end;
            while (tokenEnd < _length && IsNumberTokenChar(_text[tokenEnd])) tokenEnd++;
            Fail(start, tokenEnd - start, $"'{_text.Substring(start, tokenEnd - start)}' is not a valid date or time: unexpected {DescribeAt(end)} after '{_text.Substring(start, end - start)}'.");
            return null;
        }
        _pos = end;
        return new TomlDateTime(kind, _text.Substring(start, end - start), TextSpan.FromBounds(start, end))
        {
            Year = year, Month = month, Day = day,
            Hour = hour, Minute = minute, Second = second, Nanosecond = nanosecond,
            OffsetMinutes = offsetMinutes,
        };
    }

    /// <summary>YYYY-MM-DD with a real day of that month (leap years counted).</summary>
    private bool ReadDate(int start, out int year, out int month, out int day)
    {
        year = ReadDigits(start, 4);
        month = _text[start + 4] == '-' ? ReadDigits(start + 5, 2) : -1;
        day = month >= 0 && start + 7 < _length && _text[start + 7] == '-' ? ReadDigits(start + 8, 2) : -1;
        if (year < 0 || month < 0 || day < 0)
            return FailDateTime(start, "a date is written YYYY-MM-DD with all digits present");
        if (month < 1 || month > 12)
            return FailDateTime(start, $"there is no month {month:00}");
        if (day < 1 || day > DaysInMonth(year, month))
            return FailDateTime(start, $"{year:0000}-{month:00} has no day {day:00}");
        return true;
    }

    /// <summary>HH:MM:SS[.fraction] (seconds are required in TOML 1.0; 60 is a leap second).</summary>
    private bool ReadTime(int at, int tokenStart, out int hour, out int minute, out int second, out int nanosecond, out int end)
    {
        hour = minute = second = nanosecond = 0;
        end = at;
        hour = ReadDigits(at, 2);
        minute = hour >= 0 && at + 2 < _length && _text[at + 2] == ':' ? ReadDigits(at + 3, 2) : -1;
        second = minute >= 0 && at + 5 < _length && _text[at + 5] == ':' ? ReadDigits(at + 6, 2) : -1;
        if (hour < 0 || minute < 0 || second < 0)
            return FailDateTime(tokenStart, "a time is written HH:MM:SS with two digits each (seconds are required)");
        if (hour > 23) return FailDateTime(tokenStart, $"there is no hour {hour:00}");
        if (minute > 59) return FailDateTime(tokenStart, $"there is no minute {minute:00}");
        if (second > 60) return FailDateTime(tokenStart, $"there is no second {second:00}");
        end = at + 8;
        if (end < _length && _text[end] == '.')
        {
            int fractionStart = end + 1;
            int i = fractionStart;
            int scale = 100_000_000;
            while (i < _length && char.IsAsciiDigit(_text[i]))
            {
                nanosecond += (_text[i] - '0') * scale;
                scale /= 10;
                i++;
            }
            if (i == fractionStart) return FailDateTime(tokenStart, "a digit must follow the decimal point of the seconds");
            end = i;
        }
        return true;
    }

    /// <summary>[+-]HH:MM at <paramref name="at"/>.</summary>
    private bool ReadOffset(int at, int tokenStart, out int offsetMinutes)
    {
        offsetMinutes = 0;
        int hours = ReadDigits(at + 1, 2);
        int minutes = hours >= 0 && at + 3 < _length && _text[at + 3] == ':' ? ReadDigits(at + 4, 2) : -1;
        if (hours < 0 || minutes < 0)
            return FailDateTime(tokenStart, "a UTC offset is written Z or ±HH:MM");
        if (hours > 23 || minutes > 59)
            return FailDateTime(tokenStart, $"the UTC offset {_text.Substring(at, 6)} is out of range");
        offsetMinutes = (hours * 60 + minutes) * (_text[at] == '-' ? -1 : 1);
        return true;
    }

    /// <summary>Exactly <paramref name="count"/> ASCII digits at <paramref name="at"/> as a number, or -1.</summary>
    private int ReadDigits(int at, int count)
    {
        if (at + count > _length) return -1;
        int value = 0;
        for (int i = at; i < at + count; i++)
        {
            char c = _text[i];
            if (!char.IsAsciiDigit(c)) return -1;
            value = value * 10 + (c - '0');
        }
        return value;
    }

    private static int DaysInMonth(int year, int month)
    {
        if (month == 2) return (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28;
        return month is 4 or 6 or 9 or 11 ? 30 : 31;
    }

    private bool FailDateTime(int start, string reason)
    {
        int end = start;
        while (end < _length && (IsNumberTokenChar(_text[end]) || (_text[end] == ' ' && LooksLikeTime(end + 1)))) end++;
        Fail(start, Math.Max(1, end - start), $"'{_text.Substring(start, end - start)}' is not a valid date or time: {reason}.");
        return false;
    }
}
