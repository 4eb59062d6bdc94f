using PyDockerLsp.Core.Analysis.Rules.BaseImage;

namespace PyDockerLsp.Core.Tests.Rules.BaseImage;

/// <summary>The small specifier evaluation that picks the X.Y for "pin the base tag".</summary>
public class PythonSeriesChoiceTests
{
    [Theory]
    [InlineData(">=3.12", "3.14")]
    [InlineData(">=3.10,<3.13", "3.12")]
    [InlineData(">=3.9, <3.12.5", "3.12")]
    [InlineData("<3.12", "3.11")]
    [InlineData("==3.11.*", "3.11")]
    [InlineData("==3.11.4", "3.11")]
    [InlineData("==3.11", "3.11")]
    [InlineData("~=3.10", "3.14")]
    [InlineData("~=3.10.2", "3.10")]
    [InlineData(">=3.10,!=3.14.*", "3.13")]
    [InlineData(">3.12", "3.14")]
    [InlineData(">3.13.40", "3.14")]
    [InlineData("<=3.11", "3.11")]
    [InlineData(">=3.12.3,<3.12.5", "3.12")]
    [InlineData(">=3.8,<4.0", "3.14")]
    public void Picks_the_newest_allowed_series(string specifiers, string expected)
    {
        var (readable, series) = PythonSeriesChoice.NewestAllowed(new[] { specifiers });
        Assert.True(readable);
        Assert.Equal(expected, series);
    }

    [Fact]
    public void Alternatives_are_alternatives() =>
        Assert.Equal("3.11", PythonSeriesChoice.NewestAllowed(new[] { "==3.9.*", ">=3.11,<3.12" }).Series);

    [Theory]
    [InlineData("<3.9")]
    [InlineData("==2.7.*")]
    [InlineData(">=3.15")]
    public void Allows_nothing_outside_the_known_series(string specifiers)
    {
        var (readable, series) = PythonSeriesChoice.NewestAllowed(new[] { specifiers });
        Assert.True(readable);
        Assert.Null(series);
    }

    [Theory]
    [InlineData(">=3.12.0rc1")]
    [InlineData("^3.12")]
    [InlineData("3.12")]
    [InlineData(">=3.*")]
    [InlineData("")]
    public void Reports_what_it_cannot_read(string specifiers) =>
        Assert.False(PythonSeriesChoice.NewestAllowed(new[] { specifiers }).Readable);
}
