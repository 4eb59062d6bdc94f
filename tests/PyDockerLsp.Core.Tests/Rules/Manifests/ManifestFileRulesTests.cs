using PyDockerLsp.Core.Analysis;

namespace PyDockerLsp.Core.Tests.Rules.Manifests;

/// <summary>PD801–PD805: what is wrong in a manifest on its own, reported on the manifest when it is analysed.</summary>
public class ManifestFileRulesTests
{
    public static TheoryData<string, ManifestFixture, string, string> Fires => new()
    {
        { "an invalid requirement", ManifestFixture.With("requirements.txt", "flask==3.1.0\nrequests⟦[security⟧\n"), "requirements.txt", "PD801" },
        { "an unclosed quote", ManifestFixture.With("requirements.txt", "flask==3.1.0 ⟦--hash='sha256:abc⟧\n"), "requirements.txt", "PD801" },
        { "a duplicate TOML key", ManifestFixture.With("pyproject.toml", "[project]\nname = \"a\"\n⟦name⟧ = \"b\"\n"), "pyproject.toml", "PD801" },
        { "a broken lock file", ManifestFixture.With("uv.lock", "version = 1\n[[package]⟦⟧\n"), "uv.lock", "PD801" },
        { "broken JSON in Pipfile.lock", ManifestFixture.With("Pipfile.lock", "{\"_meta\": {}, \"default\": ⟦}⟧"), "Pipfile.lock", "PD801" },
        { "a TOML error in the Pipfile", ManifestFixture.With("Pipfile", "[packages]\nflask = ⟦\"*⟧\n"), "Pipfile", "PD801" },
        { "an unknown pip option", ManifestFixture.With("requirements.txt", "⟦--user⟧\nflask==3.1.0\n"), "requirements.txt", "PD802" },
        { "a duplicate requirement", ManifestFixture.With("requirements.txt", "flask==3.1.0\nrequests==2.32.3\n⟦Flask⟧>=3\n"), "requirements.txt", "PD803" },
        { "a duplicate across an include", ManifestFixture.With("requirements.txt", "-r base.txt\n⟦django⟧==5.1.4\n").File("base.txt", "django==5.0\n"), "requirements.txt", "PD803" },
        { "a duplicate seen from the file that includes this one", ManifestFixture.With("requirements/base.txt", "⟦django⟧==5.1.4\n").File("requirements/prod.txt", "django==5.0\n-r base.txt\n"), "requirements/base.txt", "PD803" },
        { "a missing include", ManifestFixture.With("requirements.txt", "-r ⟦requirements/base.txt⟧\nflask==3.1.0\n"), "requirements.txt", "PD804" },
        { "an include cycle", ManifestFixture.With("requirements.txt", "-r ⟦other.txt⟧\n").File("other.txt", "-r requirements.txt\n"), "requirements.txt", "PD804" },
        { "psycopg2 in a requirements file", ManifestFixture.With("requirements.txt", "⟦psycopg2⟧==2.9.10\n"), "requirements.txt", "PD805" },
        { "psycopg2 in pyproject dependencies and groups", ManifestFixture.With("pyproject.toml",
            "[project]\nname = \"a\"\ndependencies = [\"⟦psycopg2⟧>=2.9\"]\n[dependency-groups]\ndev = [\"⟦psycopg2⟧\"]\n"), "pyproject.toml", "PD805" },
        { "psycopg2 in Poetry's table", ManifestFixture.With("pyproject.toml", "[tool.poetry.dependencies]\n⟦psycopg2⟧ = \"^2.9\"\n"), "pyproject.toml", "PD805" },
        { "psycopg2 in the Pipfile", ManifestFixture.With("Pipfile", "[packages]\n⟦psycopg2⟧ = \"*\"\n"), "Pipfile", "PD805" },
    };

    [Theory]
    [MemberData(nameof(Fires))]
    public void Reports_on_the_manifest_at_the_exact_range(string _, ManifestFixture fixture, string file, string rule) => fixture.AssertFindings(file, rule);

    public static TheoryData<string, ManifestFixture, string, string> Silent => new()
    {
        { "a valid requirements file", ManifestFixture.With("requirements.txt", "flask==3.1.0 ; python_version >= \"3.8\"\n-e .\n--index-url https://pypi.org/simple\n"), "requirements.txt", "PD801" },
        { "a valid pyproject", ManifestFixture.With("pyproject.toml", "[project]\nname = \"a\"\ndependencies = [\"flask>=3\"]\n"), "pyproject.toml", "PD801" },
        { "options pip accepts", ManifestFixture.With("requirements.txt", "--extra-index-url https://x.example/simple\n--only-binary :all:\nflask==3.1.0\n"), "requirements.txt", "PD802" },
        { "the same project under different markers", ManifestFixture.With("requirements.txt", "numpy==1.26 ; python_version < \"3.12\"\nnumpy==2.1 ; python_version >= \"3.12\"\n"), "requirements.txt", "PD803" },
        { "an include that exists", ManifestFixture.With("requirements.txt", "-r base.txt\n").File("base.txt", "flask==3.1.0\n"), "requirements.txt", "PD804" },
        { "the binary package", ManifestFixture.With("requirements.txt", "psycopg2-binary==2.9.10\npsycopg[binary]==3.2.3\n"), "requirements.txt", "PD805" },
        { "suppressed above the line", ManifestFixture.With("requirements.txt", "# we build it on purpose  # pydocker: ignore=PD805\npsycopg2==2.9.10\n"), "requirements.txt", "PD805" },
        { "suppressed for the file", ManifestFixture.With("pyproject.toml", "# pydocker: ignore-file=source-only-driver\n[project]\nname = \"a\"\ndependencies = [\"psycopg2\"]\n"), "pyproject.toml", "PD805" },
        { "a .python-version is not a syntax error", ManifestFixture.With(".python-version", "\n"), ".python-version", "PD801" },
    };

    [Theory]
    [MemberData(nameof(Silent))]
    public void Stays_silent_on_valid_manifests(string _, ManifestFixture fixture, string file, string rule) => Assert.Empty(fixture.Analyze(file, rule));

    public static TheoryData<ManifestFixture, string, string> BinaryFixes => new()
    {
        { ManifestFixture.With("requirements.txt", "psycopg2==2.9.10 ; sys_platform == \"linux\"\r\n"), "requirements.txt", "psycopg2-binary==2.9.10 ; sys_platform == \"linux\"\r\n" },
        { ManifestFixture.With("pyproject.toml", "[project]\nname = \"a\"\ndependencies = [\n  \"psycopg2[extra]>=2.9,<3\",\n]\n"), "pyproject.toml", "[project]\nname = \"a\"\ndependencies = [\n  \"psycopg2-binary[extra]>=2.9,<3\",\n]\n" },
        { ManifestFixture.With("pyproject.toml", "[tool.poetry.dependencies]\npython = \"^3.12\"\npsycopg2 = { version = \"^2.9\" }\n"), "pyproject.toml", "[tool.poetry.dependencies]\npython = \"^3.12\"\npsycopg2-binary = { version = \"^2.9\" }\n" },
        { ManifestFixture.With("Pipfile", "[packages]\npsycopg2 = \"==2.9.10\"\n"), "Pipfile", "[packages]\npsycopg2-binary = \"==2.9.10\"\n" },
    };

    [Theory]
    [MemberData(nameof(BinaryFixes))]
    public void PD805_switches_to_the_binary_package_keeping_the_version(ManifestFixture fixture, string file, string expected) =>
        Assert.Equal(expected, fixture.ApplyFixAndVerify(file, "PD805", "Use psycopg2-binary"));

    [Fact]
    public void PD805_offers_no_rename_for_a_hash_pinned_line()
    {
        var finding = Assert.Single(ManifestFixture.With("requirements.txt", "psycopg2==2.9.10 --hash=sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef\n").Analyze("requirements.txt", "PD805"));
        Assert.Empty(finding.Fixes);
        Assert.Equal(Severity.Hint, finding.Severity);
    }

    [Fact]
    public void A_duplicate_points_at_the_first_occurrence_in_the_included_file()
    {
        var finding = Assert.Single(ManifestFixture.With("requirements.txt", "-r base.txt\ndjango==5.1.4\n").File("base.txt", "django==5.0\n").Analyze("requirements.txt", "PD803"));
        var related = Assert.Single(finding.Related);
        Assert.Equal("/project/base.txt", related.Path);
        Assert.Equal(0, related.Range.Start.Line);
    }

    [Fact]
    public void Severities_and_tool_pydocker_apply_to_manifests()
    {
        var fixture = ManifestFixture.With("requirements.txt", "psycopg2==2.9.10\n--user\n")
            .File("pyproject.toml", "[tool.pydocker]\nseverity = { PD805 = \"warning\" }\nignore = [\"PD802\"]\n");
        Assert.Equal(Severity.Warning, Assert.Single(fixture.Analyze("requirements.txt", "PD805")).Severity);
        Assert.Empty(fixture.Analyze("requirements.txt", "PD802"));
    }

    [Fact]
    public void A_pyproject_reports_the_mistakes_of_its_own_tool_pydocker_table()
    {
        var findings = ManifestFixture.With("pyproject.toml", "[tool.pydocker]\nselect = [\"PD9\"]\n").Analyze("pyproject.toml", DocumentAnalyzer.ConfigurationCode);
        Assert.Single(findings);
    }
}
