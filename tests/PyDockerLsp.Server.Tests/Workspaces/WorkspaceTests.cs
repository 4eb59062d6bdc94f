using PyDockerLsp.Core.Analysis;
using PyDockerLsp.Core.IO;
using PyDockerLsp.Core.Text;
using PyDockerLsp.Server.Workspaces;

namespace PyDockerLsp.Server.Tests.Workspaces;

public class WorkspaceTests
{
    private static LineRange R(int sl, int sc, int el, int ec) => new(new LinePosition(sl, sc), new LinePosition(el, ec));

    /// <summary>name, text, change range, new text, expected text.</summary>
    public static TheoryData<string, string, LineRange, string, string> Edits => new()
    {
        { "insert at the start", "RUN x", R(0, 0, 0, 0), "FROM a\n", "FROM a\nRUN x" },
        { "replace after an emoji", "# 🐍 x", R(0, 4, 0, 6), "y", "# 🐍y" },
        { "replace an emoji", "a🐍b", R(0, 1, 0, 3), "-", "a-b" },
        { "CJK columns", "中文字", R(0, 1, 0, 2), "X", "中X字" },
        { "delete a CRLF line", "a\r\nb\r\nc", R(1, 0, 2, 0), "", "a\r\nc" },
        { "a column past the end of a CRLF line stops before the break", "ab\r\ncd", R(0, 99, 0, 99), "!", "ab!\r\ncd" },
        { "a line past the end appends", "ab", R(5, 0, 5, 0), "!", "ab!" },
        { "lone CR lines", "a\rb\rc", R(2, 0, 2, 1), "C", "a\rb\rC" },
        { "a reversed range is taken in order", "abcd", R(0, 3, 0, 1), "-", "a-d" },
    };

    [Theory]
    [MemberData(nameof(Edits))]
    public void Changes_apply_at_UTF16_positions(string _, string text, LineRange range, string newText, string expected)
    {
        Assert.Equal(expected, Workspace.Apply(new SourceText(text), new DocumentChange(range, newText)).Text);
    }

    [Fact]
    public void Open_buffers_shadow_the_disk_until_closed()
    {
        var disk = new InMemoryFileSystem().Add("/w/requirements.txt", "on disk");
        var workspace = new Workspace(disk);
        workspace.Open("file:///w/requirements.txt", "pip-requirements", 1, "in the editor");
        Assert.Equal("in the editor", workspace.FileSystem.ReadAllText("/w/requirements.txt"));
        workspace.Change("file:///w/requirements.txt", 2, new[] { new DocumentChange(null, "edited") });
        Assert.Equal("edited", workspace.FileSystem.ReadAllText("/w/requirements.txt"));
        workspace.Close("file:///w/requirements.txt");
        Assert.Equal("on disk", workspace.FileSystem.ReadAllText("/w/requirements.txt"));
    }

    [Fact]
    public void Documents_know_their_kind_from_the_name_or_the_language()
    {
        var workspace = new Workspace(new InMemoryFileSystem());
        Assert.Equal(DocumentKind.Dockerfile, workspace.Open("file:///w/Dockerfile.prod", "plaintext", 1, "").Kind);
        Assert.Equal(DocumentKind.Dockerfile, workspace.Open("untitled:Untitled-3", "dockerfile", 1, "").Kind);
        Assert.Equal(DocumentKind.UvLock, workspace.Open("file:///w/uv.lock", "toml", 1, "").Kind);
        Assert.Equal(DocumentKind.Unknown, workspace.Open("file:///w/app.py", "python", 1, "").Kind);
    }

    [Fact]
    public void The_Dockerfiles_affected_by_a_file_are_the_open_ones_whose_context_holds_it()
    {
        var workspace = new Workspace(new InMemoryFileSystem());
        workspace.Open("file:///repo/Dockerfile", "dockerfile", 1, "");
        workspace.Open("file:///repo/services/api/Dockerfile", "dockerfile", 1, "");
        workspace.Open("file:///repo/services/worker/Containerfile", "dockerfile", 1, "");
        workspace.Open("file:///repo/services/api/requirements.txt", "pip-requirements", 1, "");

        string[] Affected(string path) => workspace.DocumentsAffectedBy(path).Select(d => d.Path).OrderBy(p => p, StringComparer.Ordinal).ToArray();

        Assert.Equal(new[] { "/repo/Dockerfile", "/repo/services/api/Dockerfile" }, Affected("/repo/services/api/requirements.txt"));
        Assert.Equal(new[] { "/repo/Dockerfile", "/repo/services/worker/Containerfile" }, Affected("/repo/services/worker/uv.lock"));
        // A pyproject.toml above a Dockerfile may set its build context ([tool.pydocker] context), so it affects them all.
        Assert.Equal(new[] { "/repo/Dockerfile", "/repo/services/api/Dockerfile", "/repo/services/worker/Containerfile" }, Affected("/repo/pyproject.toml"));
        Assert.Empty(Affected("/elsewhere/pyproject.toml"));
        // A Dockerfile is not affected by itself, nor by a file outside its own context.
        Assert.Empty(Affected("/repo/Dockerfile"));
        Assert.Equal(new[] { "/repo/Dockerfile" }, Affected("/repo/services/api/Dockerfile"));
    }

    [Fact]
    public void File_URIs_map_to_paths_and_back()
    {
        Assert.Equal("/home/me/my project/Dockerfile", DocumentUri.ToPath("file:///home/me/my%20project/Dockerfile"));
        Assert.Equal("/untitled/Untitled-1", DocumentUri.ToPath("untitled:Untitled-1"));
        Assert.Null(DocumentUri.ToPath("not a uri"));
        Assert.Equal("file:///home/me/my%20project/Dockerfile", DocumentUri.FromPath("/home/me/my project/Dockerfile"));
    }
}
