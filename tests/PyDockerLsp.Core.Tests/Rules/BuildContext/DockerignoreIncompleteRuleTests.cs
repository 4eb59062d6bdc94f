using PyDockerLsp.Core.Tests.Rules.Support;

namespace PyDockerLsp.Core.Tests.Rules.BuildContext;

/// <summary>PD602 dockerignore-incomplete: the ignore file should keep Python clutter out of directory copies.</summary>
public class DockerignoreIncompleteRuleTests
{
    private const string Rule = "PD602";
    private const string Dockerfile = "FROM python:3.12-slim\nWORKDIR /app\nCOPY requirements.txt .\nRUN pip install -r requirements.txt\nCOPY ⟦.⟧ .\n";
    private const string Complete = ".git\n.venv/\nvenv/\n**/__pycache__/\n**/*.py[cod]\n.env\n.pytest_cache/\n.mypy_cache/\n.ruff_cache/\n.tox/\n";
    private const string AllAppended = "# Python files that should not reach the build context (added by PyDocker)\n.git\n.venv/\nvenv/\n**/__pycache__/\n**/*.py[cod]\n.env\n.pytest_cache/\n.mypy_cache/\n.ruff_cache/\n.tox/\n";

    public static TheoryData<string, string> Fires => new()
    {
        { "only node_modules", "node_modules\n" },
        { "gitignore-style patterns that only match at the root", ".git\n.venv\nvenv\n__pycache__\n*.pyc\n.env\n.pytest_cache\n.mypy_cache\n.ruff_cache\n.tox\n" },
        { "everything but .env", ".git\n.venv/\nvenv/\n**/__pycache__/\n**/*.py[cod]\n.pytest_cache/\n.mypy_cache/\n.ruff_cache/\n.tox/\n" },
        { "empty", "" },
    };

    [Theory]
    [MemberData(nameof(Fires))]
    public void Reports_the_directory_copy_when_entries_are_missing(string _, string dockerignore) =>
        RuleFixture.Dockerfile(Dockerfile).File(".dockerignore", dockerignore).AssertFindings(Rule);

    public static TheoryData<string, string, string> Silent => new()
    {
        { "complete", Dockerfile, Complete },
        { "complete with other spellings", Dockerfile, "/.git/\n**/.venv\n**/venv\n**/__pycache__\n**/*.pyc\n.env*\n.*_cache\n.tox\n" },
        { "an allowlist", Dockerfile, "*\n!requirements.txt\n!src\n" },
        { ".env kept on purpose", Dockerfile, ".git\n.venv/\nvenv/\n**/__pycache__/\n**/*.py[cod]\n!.env\n.pytest_cache/\n.mypy_cache/\n.ruff_cache/\n.tox/\n" },
        { ".env copied by name", "FROM python:3.12-slim\nCOPY .env /app/.env\nCOPY . /app\n", ".git\n.venv/\nvenv/\n**/__pycache__/\n**/*.py[cod]\n.pytest_cache/\n.mypy_cache/\n.ruff_cache/\n.tox/\n" },
        { "no directory copy", "FROM python:3.12-slim\nCOPY requirements.txt app.py ./\n", "" },
    };

    [Theory]
    [MemberData(nameof(Silent))]
    public void Stays_silent_when_nothing_is_missing_or_nothing_is_copied_wholesale(string _, string dockerfile, string dockerignore) =>
        RuleFixture.Dockerfile(dockerfile.Replace("⟦", "").Replace("⟧", "")).File(".dockerignore", dockerignore).AssertSilent(Rule);

    [Fact]
    public void No_ignore_file_is_PD601s_concern() => RuleFixture.Dockerfile(Dockerfile.Replace("⟦", "").Replace("⟧", "")).AssertSilent(Rule);

    [Fact]
    public void The_message_names_the_missing_entries_and_explains_root_only_patterns()
    {
        var finding = Assert.Single(RuleFixture.Dockerfile(Dockerfile).File(".dockerignore", ".git\n.venv/\nvenv/\n__pycache__\n*.pyc\n.env\n.pytest_cache/\n.mypy_cache/\n.ruff_cache/\n.tox/\n").Run(Rule));
        Assert.Contains("__pycache__, *.pyc", finding.Message, StringComparison.Ordinal);
        Assert.Contains("only match at the context root", finding.Message, StringComparison.Ordinal);
        var related = Assert.Single(finding.Related);
        Assert.Equal("/project/.dockerignore", related.Path);
        Assert.Equal(9, related.Range.Start.Line);
    }

    public static TheoryData<string, string, string> Appends => new()
    {
        { "after a final line break", "node_modules\n", "node_modules\n\n" + AllAppended },
        { "a file without a final line break", "node_modules", "node_modules\n\n" + AllAppended },
        { "an empty file", "", AllAppended },
        { "CRLF", ".git\r\n.venv/\r\nvenv/", ".git\r\n.venv/\r\nvenv/\r\n\r\n# Python files that should not reach the build context (added by PyDocker)\r\n**/__pycache__/\r\n**/*.py[cod]\r\n.env\r\n.pytest_cache/\r\n.mypy_cache/\r\n.ruff_cache/\r\n.tox/\r\n" },
    };

    [Theory]
    [MemberData(nameof(Appends))]
    public void The_fix_appends_the_missing_entries_in_the_files_style(string _, string before, string after)
    {
        var fixture = RuleFixture.Dockerfile(Dockerfile).File(".dockerignore", before);
        fixture.ApplyFixAndVerify(Rule, "to .dockerignore");
        Assert.Equal(after, fixture.FixedText(".dockerignore"));
    }

    [Fact]
    public void A_per_Dockerfile_ignore_file_wins_and_gets_the_fix()
    {
        var fixture = RuleFixture.Dockerfile(Dockerfile)
            .File(".dockerignore", Complete)
            .File("Dockerfile.dockerignore", Complete.Replace(".env\n", ""));
        var finding = Assert.Single(fixture.Run(Rule));
        Assert.Contains(".env", finding.Message, StringComparison.Ordinal);
        fixture.ApplyFixAndVerify(Rule, "to .dockerignore");
        Assert.EndsWith("(added by PyDocker)\n.env\n", fixture.FixedText("Dockerfile.dockerignore"));
        Assert.Equal(Complete, fixture.FixedText(".dockerignore"));
    }
}
