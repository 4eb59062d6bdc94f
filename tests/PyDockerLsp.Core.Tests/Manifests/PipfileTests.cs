using PyDockerLsp.Core.Python.Manifests;
using PyDockerLsp.Core.Text;

namespace PyDockerLsp.Core.Tests.Manifests;

public sealed class PipfileTests
{
    private static string At(string text, TextSpan span) => text.Substring(span.Start, span.Length);

    private const string Pipfile = """
        [[source]]
        name = "pypi"
        url = "https://pypi.org/simple"
        verify_ssl = true

        [packages]
        flask = "*"
        werkzeug = ">=0.14.1"
        pyyaml = {git = "https://github.com/yaml/pyyaml.git", ref = "6.0"}
        boto3-stubs = {extras = ["s3"], version = "*", markers = "python_version < '3.11'"}
        local = {path = ".", editable = true}

        [dev-packages]
        pytest = "<8.0.0"

        [requires]
        python_version = "3.11"
        python_full_version = "3.11.4"
        """;

    [Fact]
    public void A_pipfile_lists_packages_dev_packages_python_and_sources()
    {
        var file = PipfileFile.Parse(Pipfile);
        Assert.Empty(file.Errors);
        Assert.Equal(new[] { "flask", "werkzeug", "pyyaml", "boto3-stubs", "local" }, file.Packages.Select(p => p.Name.Name));
        Assert.Equal("*", file.Packages[0].Version!.Value);
        Assert.Equal(">=0.14.1", At(Pipfile, file.Packages[1].Version!.ContentSpan));
        Assert.Equal(("https://github.com/yaml/pyyaml.git", "6.0"), (file.Packages[2].Git!.Value, file.Packages[2].Ref!.Value));
        Assert.Equal(("s3", "python_version < '3.11'"), (file.Packages[3].Extras[0].Value, file.Packages[3].Markers!.Value));
        Assert.True(file.Packages[4].Editable);
        Assert.Equal("pytest", Assert.Single(file.DevPackages).Name.Name);
        Assert.Equal(("3.11", "3.11.4"), (file.PythonVersion!.Value, file.PythonFullVersion!.Value));
        Assert.Equal("\"3.11\"", At(Pipfile, file.PythonVersion.Span));
        var source = Assert.Single(file.Sources);
        Assert.Equal(("pypi", true), (source.Name!.Value, source.VerifySsl));
    }

    [Fact]
    public void A_pipfile_package_of_the_wrong_kind_is_reported()
    {
        const string text = "[packages]\nflask = 2\n";
        var error = Assert.Single(PipfileFile.Parse(text).Errors);
        Assert.Equal("2", At(text, error.Span));
    }

    // Non-ASCII text before the values checks the UTF-8 byte → UTF-16 offset conversion.
    private const string Lock = """
        {
            "_meta": {
                "hash": {"sha256": "b709c9b4"},
                "pipfile-spec": 6,
                "requires": {"python_version": "3.11"},
                "sources": [{"name": "pypi", "url": "https://pypi.org/simple", "verify_ssl": true}],
                "note": "ünïcødé ✓ 😀"
            },
            "default": {
                "flask": {
                    "hashes": ["sha256:aa", "sha256:bb"],
                    "index": "pypi",
                    "markers": "python_version >= '3.8'",
                    "version": "==3.0.0"
                },
                "pyyaml": {"git": "https://github.com/yaml/pyyaml.git", "ref": "abc123"}
            },
            "develop": {
                "pytest": {"hashes": [], "version": "==7.4.4"}
            }
        }
        """;

    [Fact]
    public void A_pipfile_lock_lists_default_and_develop_packages_with_spans()
    {
        var lockFile = PipfileLock.Parse(Lock);
        Assert.Empty(lockFile.Errors);
        Assert.Equal(("b709c9b4", 6L, "3.11"), (lockFile.Hash!.Value, lockFile.PipfileSpec, lockFile.RequiresPythonVersion!.Value));
        Assert.Equal("pypi", Assert.Single(lockFile.Sources).Name!.Value);

        var flask = lockFile.Default[0];
        Assert.Equal(("flask", "==3.0.0", "python_version >= '3.8'"), (flask.Name.Value, flask.Version!.Value, flask.Markers!.Value));
        Assert.Equal(new[] { "sha256:aa", "sha256:bb" }, flask.Hashes);
        Assert.Equal("\"flask\"", At(Lock, flask.Name.Span));
        Assert.Equal("\"==3.0.0\"", At(Lock, flask.Version.Span));
        Assert.Equal("index", flask.Source!.Kind);
        Assert.Equal(new[] { "default" }, flask.Groups);
        var pyyaml = lockFile.Default[1];
        Assert.Equal(("git", "abc123"), (pyyaml.Source!.Kind, pyyaml.Source.Reference));
        Assert.StartsWith("{\"git\"", At(Lock, pyyaml.Span));

        var pytest = Assert.Single(lockFile.Develop);
        Assert.False(pytest.HasHashes);
        Assert.Equal(new[] { "develop" }, pytest.Groups);
    }

    [Theory]
    [InlineData("{\"_meta\": {\"note\": \"😀€\"}, }", "}")]
    [InlineData("{\"default\": {\"a\": {\"version\": \"==1\"}}", "")]
    [InlineData("{\"ü\": tru}", "}")]
    public void A_pipfile_lock_that_is_not_json_is_reported_at_the_right_character(string text, string covered)
    {
        var error = Assert.Single(PipfileLock.Parse(text).Errors);
        Assert.StartsWith("Not valid JSON", error.Message);
        int expected = covered.Length == 0 ? text.Length : text.LastIndexOf(covered[0]);
        Assert.Equal(expected, error.Span.Start);
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("[]", "JSON object")]
    [InlineData("{\"default\": []}", "'default' must be a JSON object")]
    [InlineData("{\"default\": {\"a\": 1}}", "'a' must be a JSON object")]
    [InlineData("{\"default\": {\"a\": {\"version\": 1}}}", "'version' must be a string")]
    public void A_pipfile_lock_of_the_wrong_shape_is_reported(string text, string phrase)
    {
        Assert.Contains(phrase, Assert.Single(PipfileLock.Parse(text).Errors).Message);
    }
}
