using PyDockerLsp.Core.Python.Manifests;
using PyDockerLsp.Core.Text;

namespace PyDockerLsp.Core.Tests.Manifests;

public sealed class PythonVersionFileTests
{
    private static string At(string text, TextSpan span) => text.Substring(span.Start, span.Length);

    public static TheoryData<string, string, string?, string?> FirstEntries => new()
    {
        // file, first entry as written, implementation, version
        { "3.12\n", "3.12", "cpython", "3.12" },
        { "3.12.4", "3.12.4", "cpython", "3.12.4" },
        { "# pinned for prod\n\n  pypy3.10\n", "pypy3.10", "pypy", "3.10" },
        { "\uFEFF3.13t\r\n", "3.13t", "cpython", "3.13t" },
        { "cpython-3.12.4-linux-x86_64-gnu\n", "cpython-3.12.4-linux-x86_64-gnu", "cpython", "3.12.4" },
        { "pypy3.10-7.3.12\n", "pypy3.10-7.3.12", "pypy", "3.10" },
        { "3.14.0rc1\n", "3.14.0rc1", "cpython", "3.14.0rc1" },
        { "system\n", "system", null, null },
        { "my-virtualenv\n", "my-virtualenv", null, null },
    };

    [Theory]
    [MemberData(nameof(FirstEntries))]
    public void The_first_entry_is_read_with_its_implementation_and_version(string text, string written, string? implementation, string? version)
    {
        var file = PythonVersionFile.Parse(text);
        var first = file.First!;
        Assert.Equal(written, first.Text.Value);
        Assert.Equal(written, At(text, first.Text.Span));
        Assert.Equal(implementation, first.Implementation);
        Assert.Equal(version, first.Version);
        if (version != null) Assert.Equal(version, At(text, first.VersionSpan!.Value));
        Assert.Empty(file.Errors);
    }

    [Fact]
    public void Several_versions_on_several_lines_are_all_kept_in_order()
    {
        const string text = "3.12\n3.11 3.10\n# 3.9\n";
        var file = PythonVersionFile.Parse(text);
        Assert.Equal(new[] { "3.12", "3.11", "3.10" }, file.Entries.Select(e => e.Version));
        Assert.Equal("3.10", At(text, file.Entries[2].Text.Span));
    }

    [Theory]
    [InlineData("")]
    [InlineData("# nothing\n\n")]
    public void A_file_without_a_version_is_reported(string text)
    {
        var file = PythonVersionFile.Parse(text);
        Assert.Null(file.First);
        Assert.Contains("no Python version", Assert.Single(file.Errors).Message);
    }

    [Theory]
    [InlineData("python-3.11.4\n", "3.11.4")]
    [InlineData("  python-3.12\r\n", "3.12")]
    [InlineData("\uFEFFpython-3.10.13", "3.10.13")]
    public void Runtime_txt_names_the_version(string text, string version)
    {
        var file = RuntimeTxtFile.Parse(text);
        Assert.Empty(file.Errors);
        Assert.Equal(version, file.Version!.Value);
        Assert.Equal(version, At(text, file.Version.Span));
    }

    [Theory]
    [InlineData("3.11.4\n", "3.11.4")]
    [InlineData("python-3\n", "python-3")]
    [InlineData("pypy3.10-7.3\n", "pypy3.10-7.3")]
    [InlineData("\n\n", "")]
    public void Runtime_txt_in_another_form_is_reported_at_its_line(string text, string covered)
    {
        var file = RuntimeTxtFile.Parse(text);
        var error = Assert.Single(file.Errors);
        Assert.Equal(covered, At(text, error.Span));
        Assert.Null(file.Version);
    }
}
