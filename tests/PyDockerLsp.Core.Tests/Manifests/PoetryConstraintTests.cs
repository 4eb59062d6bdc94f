using PyDockerLsp.Core.Python.Manifests;

namespace PyDockerLsp.Core.Tests.Manifests;

/// <summary>Poetry's documented constraint semantics ("Dependency specification" in the Poetry docs).</summary>
public sealed class PoetryConstraintTests
{
    public static TheoryData<string, string> Single => new()
    {
        // caret: do not change the left-most non-zero part
        { "^3.11", ">=3.11,<4.0" },
        { "^1.2.3", ">=1.2.3,<2.0.0" },
        { "^1.2", ">=1.2,<2.0" },
        { "^1", ">=1,<2" },
        { "^0.2.3", ">=0.2.3,<0.3.0" },
        { "^0.0.3", ">=0.0.3,<0.0.4" },
        { "^0.0", ">=0.0,<0.1" },
        { "^0", ">=0,<1" },
        { "^1.2.3b1", ">=1.2.3b1,<2.0.0" },
        { "^ 2.0", ">=2.0,<3.0" },
        // tilde: patch changes; with only a major, minor changes
        { "~3.11", ">=3.11,<3.12" },
        { "~1.2.3", ">=1.2.3,<1.3.0" },
        { "~3", ">=3,<4" },
        // PEP 440 compatible release passes through (one part is widened to the major series)
        { "~=3.11", "~=3.11" },
        { "~=3", ">=3,<4" },
        // wildcards and exact versions
        { "*", "" },
        { "3.11.*", "==3.11.*" },
        { "3.11", "==3.11" },
        { "2.0.1", "==2.0.1" },
        // comparisons, joined by commas or spaces
        { ">=3.9,<3.13", ">=3.9,<3.13" },
        { ">= 3.9, < 3.13", ">=3.9,<3.13" },
        { ">=3.9 <3.13", ">=3.9,<3.13" },
        { "==2.0.1", "==2.0.1" },
        { "!=1.5.*", "!=1.5.*" },
        { "^3.10, <3.13", ">=3.10,<4.0,<3.13" },
        { " >=3.8 ", ">=3.8" },
    };

    [Theory]
    [MemberData(nameof(Single))]
    public void A_constraint_becomes_one_PEP_440_specifier_set(string poetry, string pep440)
    {
        var result = PoetryConstraint.ToPep440(poetry);
        Assert.Null(result.Error);
        Assert.Equal(pep440, result.Specifier);
    }

    public static TheoryData<string, string[]> Alternatives => new()
    {
        { ">=3.8 || >=3.10", new[] { ">=3.8", ">=3.10" } },
        { "^2.7 || ^3.6", new[] { ">=2.7,<3.0", ">=3.6,<4.0" } },
        { "^1.0|^2.0", new[] { ">=1.0,<2.0", ">=2.0,<3.0" } },
        { "~2.7||>=3.6,<4", new[] { ">=2.7,<2.8", ">=3.6,<4" } },
    };

    [Theory]
    [MemberData(nameof(Alternatives))]
    public void An_or_becomes_a_list_of_alternatives(string poetry, string[] pep440)
    {
        var result = PoetryConstraint.ToPep440(poetry);
        Assert.True(result.Success, result.Error);
        Assert.Equal(pep440, result.Alternatives);
        Assert.Null(result.Specifier);
    }

    [Theory]
    [InlineData("3.11", "==3.11.*")]
    [InlineData("3", "==3.*")]
    [InlineData("3.11.4", "==3.11.4")]
    [InlineData("3.11.*", "==3.11.*")]
    [InlineData("^3.11", ">=3.11,<4.0")]
    public void A_bare_python_version_names_its_whole_series(string poetry, string pep440)
    {
        Assert.Equal(pep440, PoetryConstraint.ToPep440(poetry, isPythonConstraint: true).Specifier);
    }

    [Theory]
    [InlineData("", 0)]
    [InlineData("^", 1)]
    [InlineData(">=", 2)]
    [InlineData("latest", 0)]
    [InlineData("^3.11 ||", 6)]
    [InlineData("3.11.", 4)]
    [InlineData(">3.*", 0)]
    public void Invalid_constraints_are_rejected_with_a_position(string poetry, int offset)
    {
        var result = PoetryConstraint.ToPep440(poetry);
        Assert.False(result.Success);
        Assert.Empty(result.Alternatives);
        Assert.Equal(offset, result.ErrorOffset);
        Assert.Contains(poetry.Trim().Length == 0 ? "empty" : "'", result.Error);
    }
}
