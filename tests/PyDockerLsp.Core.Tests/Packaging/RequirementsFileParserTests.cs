using PyDockerLsp.Core.IO;
using PyDockerLsp.Core.Python.Requirements;
using PyDockerLsp.Core.Text;

namespace PyDockerLsp.Core.Tests.Packaging;

/// <summary>The requirements-file model: exact ranges in the original text, the problems PD801–PD804 report,
/// and the facts later rules read (pins, hashes, index credentials).</summary>
public sealed class RequirementsFileParserTests
{
    private const string Root = "/app/requirements.txt";

    private static RequirementsFileSet ParseSet(string text, params (string Path, string Text)[] others)
    {
        var fs = new InMemoryFileSystem().Add(Root, text);
        foreach (var (path, t) in others) fs.Add(path, t);
        return RequirementsFileParser.Parse(Root, fs);
    }

    private static string Slice(string text, TextSpan span) => text.Substring(span.Start, span.Length);

    [Fact]
    public void A_hashed_requirement_keeps_its_ranges_across_continuation_lines()
    {
        const string text = "alembic==1.18.5 \\\n    --hash=sha256:aaa \\\n    --hash=sha256:bbb\n    # via x\nbabel==2.0\n";
        var set = ParseSet(text);
        var alembic = set.Requirements[0];
        Assert.Equal("alembic", Slice(text, alembic.NameSpan));
        Assert.Equal("alembic==1.18.5", Slice(text, alembic.RequirementSpan));
        Assert.Equal("==1.18.5", Slice(text, alembic.SpecifierSpan!.Value));
        Assert.Equal("alembic==1.18.5 \\\n    --hash=sha256:aaa \\\n    --hash=sha256:bbb", Slice(text, alembic.Span));
        Assert.Equal(new[] { "sha256:aaa", "sha256:bbb" }, alembic.Hashes.Select(h => Slice(text, h.Span)));
        Assert.Equal(1, alembic.LineNumber);
        Assert.Equal(5, set.Requirements[1].LineNumber);
        Assert.True(set.HashCheckingMode);
        Assert.Equal(new[] { "babel" }, set.RequirementsWithoutHashes.Select(r => r.Name));
    }

    [Fact]
    public void A_requirement_split_inside_its_text_maps_each_part_back()
    {
        // pip joins without a space: "requests" + ">=2.0".
        const string text = "requests\\\n>=2.0\n";
        var r = Assert.Single(ParseSet(text).Requirements);
        Assert.Equal("requests>=2.0", r.Text);
        Assert.Equal("requests", Slice(text, r.NameSpan));
        Assert.Equal(">=2.0", Slice(text, r.SpecifierSpan!.Value));
    }

    [Fact]
    public void An_expanded_variable_maps_to_its_reference()
    {
        const string text = "--extra-index-url https://${TOKEN}@pypi.example.com/simple\nfoo @ https://${HOST}/foo-1.0.tar.gz\n";
        var fs = new InMemoryFileSystem().Add(Root, text);
        var set = RequirementsFileParser.Parse(Root, fs, new RequirementsParseOptions
        {
            EnvironmentVariables = new Dictionary<string, string> { ["TOKEN"] = "s3cret", ["HOST"] = "files.example.com" },
        });
        var foo = Assert.Single(set.Requirements);
        Assert.Equal("https://files.example.com/foo-1.0.tar.gz", foo.Url);
        Assert.Equal("foo @ https://${HOST}/foo-1.0.tar.gz", Slice(text, foo.RequirementSpan));
        var source = Assert.Single(set.PackageSources);
        Assert.Equal("https://s3cret@pypi.example.com/simple", source.Url);
        Assert.Equal("https://${TOKEN}@pypi.example.com/simple", source.WrittenUrl);
        Assert.True(source.CredentialsAreVariables);
    }

    public static TheoryData<string, RequirementsProblemKind, string> ProblemCases => new()
    {
        { "requests==\n", RequirementsProblemKind.Syntax, "" },
        { "django=4.2\n", RequirementsProblemKind.Syntax, "=" },
        { "flask\n--bogus\n", RequirementsProblemKind.UnknownOption, "--bogus" },
        { "-x value\n", RequirementsProblemKind.UnknownOption, "-x" },
        { "--no something\n", RequirementsProblemKind.UnknownOption, "--no" },
        { "foo==1 --hash=md5:abc\n", RequirementsProblemKind.Syntax, "md5:abc" },
        { "--index-url\n", RequirementsProblemKind.Syntax, "--index-url" },
        { "--pre=yes\n", RequirementsProblemKind.Syntax, "--pre=yes" },
        { "--trusted-host 'unclosed\n", RequirementsProblemKind.Syntax, "'unclosed" },
        { "pytest; python_version >= 3\n", RequirementsProblemKind.Syntax, "3" },
        { "-e https://example.com/pkg.tar.gz\n", RequirementsProblemKind.Syntax, "https://example.com/pkg.tar.gz" },
        { "foo-1.0.whl\n", RequirementsProblemKind.Syntax, "foo-1.0.whl" },
    };

    [Theory]
    [MemberData(nameof(ProblemCases))]
    public void A_bad_line_is_reported_at_the_offending_text(string text, RequirementsProblemKind kind, string underlined)
    {
        var problem = Assert.Single(ParseSet(text).Problems);
        Assert.Equal(kind, problem.Kind);
        Assert.Equal(Root, problem.Path);
        if (underlined.Length > 0) Assert.Equal(underlined, Slice(text, problem.Span));
        Assert.False(string.IsNullOrWhiteSpace(problem.Message));
    }

    [Fact]
    public void A_project_required_twice_is_reported_on_the_second_with_the_first_related()
    {
        const string text = "Django==4.2\nrequests\nDJANGO>=4  # again\n";
        var problem = Assert.Single(ParseSet(text).Problems);
        Assert.Equal(RequirementsProblemKind.Duplicate, problem.Kind);
        Assert.Equal("PD803", problem.RuleId);
        Assert.Equal("DJANGO", Slice(text, problem.Span));
        Assert.Equal("Django", Slice(text, problem.RelatedSpan!.Value));
    }

    [Theory]
    [InlineData("numpy==1.24; python_version < \"3.9\"\nnumpy==1.26; python_version >= \"3.9\"\n")]
    [InlineData("-c constraints.txt\nrequests\n")]
    public void Different_markers_and_constraints_are_not_duplicates(string text) =>
        Assert.Empty(ParseSet(text, ("/app/constraints.txt", "requests==2.31.0\n")).Problems);

    [Fact]
    public void A_duplicate_across_included_files_names_the_other_file()
    {
        var set = ParseSet("-r base.txt\nflask==3.0\n", ("/app/base.txt", "Flask>=2\n"));
        var problem = Assert.Single(set.Problems);
        Assert.Equal(Root, problem.Path);
        Assert.Equal("/app/base.txt", problem.RelatedPath);
        Assert.Contains("base.txt", problem.Message);
    }

    [Fact]
    public void A_missing_include_is_reported_on_its_path()
    {
        const string text = "-r requirements/base.txt\n-c missing.txt\n";
        var set = ParseSet(text, ("/app/requirements/base.txt", "flask\n"));
        var problem = Assert.Single(set.Problems);
        Assert.Equal(RequirementsProblemKind.IncludeMissing, problem.Kind);
        Assert.Equal("PD804", problem.RuleId);
        Assert.Equal("missing.txt", Slice(text, problem.Span));
        Assert.Equal(new[] { "/app/missing.txt" }, set.MissingFiles);
        Assert.Equal("flask", Assert.Single(set.Requirements).Name);
    }

    [Fact]
    public void An_include_cycle_is_reported_once_where_it_closes()
    {
        const string dev = "-r requirements.txt\npytest\n";
        var set = ParseSet("-r dev.txt\nflask\n", ("/app/dev.txt", dev));
        var problem = Assert.Single(set.Problems);
        Assert.Equal(RequirementsProblemKind.IncludeCycle, problem.Kind);
        Assert.Equal("/app/dev.txt", problem.Path);
        Assert.Equal("requirements.txt", Slice(dev, problem.Span));
        Assert.Contains("requirements.txt → dev.txt → requirements.txt", problem.Message);
        Assert.Equal(new[] { "pytest", "flask" }, set.Requirements.Select(r => r.Name));
    }

    public static TheoryData<string, RequirementKind, string?, bool, bool> KindCases => new()
    {
        { "requests>=2", RequirementKind.Named, "requests", false, false },
        { "requests==2.31.0", RequirementKind.Named, "requests", true, false },
        { "requests===2.31.0-custom", RequirementKind.Named, "requests", true, false },
        { "requests==2.*", RequirementKind.Named, "requests", false, false },
        { "foo @ https://example.com/foo-1.0.zip", RequirementKind.Named, "foo", false, false },
        { "./packages/foo", RequirementKind.LocalPath, null, false, false },
        { ".[test]", RequirementKind.LocalPath, null, false, false },
        { "dist/foo-1.0.tar.gz", RequirementKind.LocalPath, null, false, false },
        { "wheels/foo_bar-1.0-py3-none-any.whl", RequirementKind.WheelFile, "foo-bar", true, false },
        { "https://example.com/foo.tar.gz#egg=foo", RequirementKind.Url, "foo", false, false },
        { "git+https://github.com/org/repo.git@v1#egg=repo", RequirementKind.Url, "repo", false, false },
        { "-e .", RequirementKind.LocalPath, null, false, true },
        { "-e git+https://github.com/org/repo.git#egg=repo", RequirementKind.Url, "repo", false, true },
    };

    [Theory]
    [MemberData(nameof(KindCases))]
    public void Each_form_of_requirement_is_recognised(string line, RequirementKind kind, string? name, bool pinned, bool editable)
    {
        var set = ParseSet(line + "\n");
        Assert.Empty(set.Problems);
        var r = Assert.Single(set.Requirements);
        Assert.Equal(kind, r.Kind);
        Assert.Equal(name, r.Name);
        Assert.Equal(pinned, r.IsPinned);
        Assert.Equal(editable, r.IsEditable);
        if (name != null) Assert.Equal(name, Slice(line + "\n", r.NameSpan).Replace('_', '-'));
    }

    [Fact]
    public void A_quoted_editable_is_read_without_its_quotes_and_placed_on_the_whole_word()
    {
        const string text = "-e './pkg[dev]'\n";
        var r = Assert.Single(ParseSet(text).Requirements);
        Assert.True(r.IsEditable);
        Assert.Equal("./pkg[dev]", r.Text);
        Assert.Equal("./pkg", r.Url);
        Assert.Equal(new[] { "dev" }, r.Extras);
        Assert.Equal("'./pkg[dev]'", Slice(text, r.NameSpan));
    }

    [Fact]
    public void Pinning_is_judged_on_named_requirements_only()
    {
        var set = ParseSet("a==1\nb>=2\nc===x\nd==1.*\ne\n-e .\nhttps://example.com/f.tar.gz\n-c constraints.txt\n",
            ("/app/constraints.txt", "g>=1\n"));
        Assert.Equal(new[] { "b", "d", "e" }, set.UnpinnedRequirements.Select(r => r.Name));
        Assert.Equal(new[] { "e" }, set.RequirementsWithoutVersion.Select(r => r.Name));
        Assert.False(set.AllPinned);
        Assert.True(ParseSet("a==1\n-e .\n").AllPinned);
    }

    [Fact]
    public void Index_urls_reveal_credentials_written_in_the_file()
    {
        const string text = "-i https://user:secret@pypi.example.com/simple\n" +
                            "--extra-index-url https://token@extra.example.com/simple\n" +
                            "--extra-index-url=https://extra2.example.com/simple\n" +
                            "--find-links https://u:@links.example.com/\n";
        var set = ParseSet(text);
        var sources = set.PackageSources;
        Assert.Equal(new[] { PackageSourceKind.IndexUrl, PackageSourceKind.ExtraIndexUrl, PackageSourceKind.ExtraIndexUrl, PackageSourceKind.FindLinks },
            sources.Select(s => s.Kind));
        Assert.Equal(new[] { true, true, false, true }, sources.Select(s => s.HasCredentials));
        Assert.Equal(new[] { true, false, false, false }, sources.Select(s => s.HasPassword));
        Assert.Equal("https://user:secret@pypi.example.com/simple", Slice(text, sources[0].Span));
        Assert.Equal(new[] { "https://user:secret@pypi.example.com/simple", "https://token@extra.example.com/simple", "https://extra2.example.com/simple" },
            set.IndexUrls);
    }

    [Fact]
    public void Finder_options_follow_pips_rules()
    {
        var set = ParseSet("--no-binary :all:\n--only-binary psycopg2_binary\n--pre\n--prefer-binary\n--trusted-host h1\n--require-hashes\n--use-feature=fast-deps\n--no-index\n-i ignored\n");
        Assert.Equal(new[] { ":all:" }, set.NoBinary);
        Assert.Equal(new[] { "psycopg2-binary" }, set.OnlyBinary);
        Assert.True(set.Pre && set.PreferBinary && set.RequireHashes && set.NoIndex);
        Assert.Empty(set.IndexUrls);
        Assert.Equal(new[] { ":all:" }, set.AllReleases);
        Assert.Equal(new[] { "h1" }, set.TrustedHosts);
        Assert.Equal(new[] { "fast-deps" }, set.Features);
    }

    [Fact]
    public void Per_requirement_options_stay_with_their_requirement()
    {
        var r = Assert.Single(ParseSet("pkg --config-settings=editable_mode=compat -C key=a -C key=b\n").Requirements);
        Assert.Equal(new[] { "editable_mode", "key" }, r.ConfigSettings.Keys);
        Assert.Equal(new[] { "a", "b" }, r.ConfigSettings["key"]);
    }

    [Fact]
    public void A_requirement_marker_is_parsed_with_its_range()
    {
        const string text = "pytest-rerunfailures>=15.0; python_version >= \"3.9\"\n";
        var r = Assert.Single(ParseSet(text).Requirements);
        Assert.Equal("python_version >= \"3.9\"", r.Marker!.ToString());
        Assert.Equal("python_version >= \"3.9\"", Slice(text, r.MarkerSpan!.Value));
        Assert.Equal(text.TrimEnd('\n'), r.Text);
        Assert.Equal(text.TrimEnd('\n'), Slice(text, r.RequirementSpan));
        Assert.Equal("pytest-rerunfailures", Slice(text, r.NameSpan));
    }

    [Fact]
    public void A_single_file_can_be_parsed_from_an_editor_buffer()
    {
        var file = RequirementsFileParser.ParseText("/app/requirements.txt", "-r other.txt\nflask  # web\n");
        Assert.Equal("other.txt", Assert.Single(file.Includes).Target);
        Assert.Equal("/app/other.txt", file.Includes[0].ResolvedPath);
        Assert.Equal("flask", Assert.Single(file.Requirements).Name);
        Assert.Empty(file.Problems);
    }
}
