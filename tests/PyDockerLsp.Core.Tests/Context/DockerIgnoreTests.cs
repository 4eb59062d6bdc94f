using PyDockerLsp.Core.Context;

namespace PyDockerLsp.Core.Tests.Context;

/// <summary>.dockerignore matching follows Docker's rules: last match wins, parents exclude children, "**" spans folders.</summary>
public class DockerIgnoreTests
{
    public static TheoryData<string, string, bool> Cases => new()
    {
        // .dockerignore text, path relative to the context, excluded?
        { ".git", ".git", true },
        { ".git", ".git/HEAD", true },                       // a matching directory excludes its content
        { "/.venv", ".venv/bin/python", true },              // a leading slash is the context root
        { "*.pyc", "app.pyc", true },
        { "*.pyc", "pkg/app.pyc", false },                   // '*' does not cross folders
        { "**/*.pyc", "pkg/sub/app.pyc", true },
        { "**/*.pyc", "app.pyc", true },                     // "**/" also matches no folder
        { "__pycache__", "pkg/__pycache__/x.pyc", false },   // only the top-level folder
        { "**/__pycache__", "pkg/__pycache__/x.pyc", true },
        { "*.md\n!README.md", "README.md", false },          // an exception re-includes
        { "*.md\n!README.md", "CHANGES.md", true },
        { "!README.md\n*.md", "README.md", true },           // the last match wins
        { "docs/", "docs/index.md", true },                  // a trailing slash is cleaned away
        { "./build", "build/x", true },
        { "# comment\n\n  .env  ", ".env", true },           // comments and blank lines skipped, spaces trimmed
        { "req?.txt", "req1.txt", true },
        { "[a-c].py", "b.py", true },
        { "[a-c].py", "d.py", false },
        { "*", "anything/at/all", true },
        { "*\n!app\n!requirements.txt", "app/main.py", false },
        { "*\n!app\n!requirements.txt", "pyproject.toml", true },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Decides_whether_a_path_is_left_out(string dockerignore, string path, bool excluded)
    {
        Assert.Equal(excluded, DockerIgnore.Parse(dockerignore).IsExcluded(path));
    }

    [Fact]
    public void Patterns_keep_their_spans()
    {
        const string text = "# c\r\n  .venv  \r\n!keep\r\n";
        var ignore = DockerIgnore.Parse(text);
        Assert.Equal(2, ignore.Patterns.Count);
        Assert.Equal(".venv", text.Substring(ignore.Patterns[0].Span.Start, ignore.Patterns[0].Span.Length));
        Assert.True(ignore.Patterns[1].IsException);
        Assert.Equal("!keep", text.Substring(ignore.Patterns[1].Span.Start, ignore.Patterns[1].Span.Length));
    }
}
