using PyDockerLsp.Core.Text;

namespace PyDockerLsp.Core.Tests.Positions;

/// <summary>Offsets map to LSP positions: zero-based lines, columns in UTF-16 code units.</summary>
public class LineMapTests
{
    public static TheoryData<string, int, int, int> Positions => new()
    {
        // text, offset, expected line, expected UTF-16 column
        { "FROM x\nRUN y", 0, 0, 0 },
        { "FROM x\nRUN y", 6, 0, 6 },          // the line break belongs to line 0
        { "FROM x\nRUN y", 7, 1, 0 },
        { "FROM x\r\nRUN y", 8, 1, 0 },        // CRLF is one break
        { "FROM x\r\nRUN y", 7, 0, 7 },
        { "a\rb", 2, 1, 0 },                    // a lone CR is a break too
        { "RUN echo 😀 x", 12, 0, 12 },         // the emoji counts two UTF-16 units (offset 9..11)
        { "# 日本語\nFROM", 6, 1, 0 },            // CJK: one unit each
        { "# 日本語\nFROM", 5, 0, 5 },
        { "abc", 99, 0, 3 },                    // clamped to the end
    };

    [Theory]
    [MemberData(nameof(Positions))]
    public void Offset_maps_to_line_and_utf16_column(string text, int offset, int line, int column)
    {
        Assert.Equal(new LinePosition(line, column), new LineMap(text).GetPosition(offset));
    }

    [Theory]
    [InlineData("FROM x\r\nRUN y", 1, 2, 10)]
    [InlineData("FROM x\r\nRUN y", 0, 50, 6)]   // past the end of a line: clamped before its break
    [InlineData("FROM x\nRUN y", 9, 0, 12)]     // past the last line: end of text
    [InlineData("x 😀 y", 0, 4, 4)]
    public void Position_maps_back_to_offset(string text, int line, int column, int offset)
    {
        Assert.Equal(offset, new LineMap(text).GetOffset(new LinePosition(line, column), text));
    }

    [Fact]
    public void Empty_text_has_one_line()
    {
        var map = new LineMap("");
        Assert.Equal(1, map.LineCount);
        Assert.Equal(new LinePosition(0, 0), map.GetPosition(0));
    }
}
