using PyDockerLsp.Core.IO;
using PyDockerLsp.Core.Scaffolding;

namespace PyDockerLsp.Core.Tests.Scaffolding;

public class ScaffoldTemplateOverrideTests
{
    private static readonly Scaffolder Scaffolder = new();
    private static readonly ScaffoldInputs Inputs = ScaffoldFixtures.Inputs(PackageManager.Uv, FixtureFramework.FastApi);

    private static ScaffoldOptions Overrides(params (string Path, string Text)[] files)
    {
        var fs = new InMemoryFileSystem();
        foreach (var (path, text) in files) fs.Add("/templates/" + path, text);
        return new ScaffoldOptions { TemplatesDirectory = "/templates", FileSystem = fs };
    }

    [Fact]
    public void Every_pattern_and_partial_is_bundled()
    {
        var names = ScaffoldTemplates.BundledNames;
        foreach (var pattern in ScaffoldPatterns.All) Assert.Contains(pattern.TemplateFileName, names);
        Assert.Contains("dockerignore.hbs", names);
        foreach (var partial in new[] { "header", "python-env", "non-root-user", "healthcheck", "run-app", "native-build-packages", "runtime-packages" })
            Assert.Contains("partials/" + partial + ".hbs", names);
    }

    [Fact]
    public void A_partial_in_the_folder_replaces_only_that_partial()
    {
        var bundled = Scaffolder.Generate(Inputs, PatternId.Uv)[0].Text;
        var custom = Scaffolder.Generate(Inputs, PatternId.Uv, Overrides(("partials/healthcheck.hbs", "HEALTHCHECK CMD [\"python\", \"/app/check.py\", \"{{Port}}\"]\n")))[0].Text;
        Assert.Contains("HEALTHCHECK CMD [\"python\", \"/app/check.py\", \"8000\"]", custom);
        Assert.DoesNotContain("http.client", custom);
        // Everything but the healthcheck block is unchanged.
        var bundledWithout = bundled.Substring(0, bundled.IndexOf("# Python's standard library", StringComparison.Ordinal));
        Assert.StartsWith(bundledWithout, custom);
    }

    [Fact]
    public void A_pattern_template_and_the_dockerignore_can_be_replaced_and_use_the_bundled_partials()
    {
        var files = Scaffolder.Generate(Inputs, PatternId.Uv, Overrides(
            ("Dockerfile.uv.hbs", "{{> header}}\nFROM {{FinalImage}}\nCMD {{CommandJson}}\n"),
            ("dockerignore.hbs", ".git\n")));
        Assert.StartsWith("# syntax=docker/dockerfile:1\n", files[0].Text);
        Assert.EndsWith("FROM python:3.12-slim-trixie\nCMD [\"uvicorn\", \"app.main:api\", \"--host\", \"0.0.0.0\", \"--port\", \"8000\"]\n", files[0].Text);
        Assert.Equal(".git\n", files[1].Text);
    }

    [Fact]
    public void New_partials_in_the_folder_can_be_used_by_an_override()
    {
        var text = Scaffolder.Generate(Inputs, PatternId.Uv, Overrides(
            ("partials/company-labels.hbs", "LABEL org.opencontainers.image.title=\"{{ProjectName}}\"\n"),
            ("Dockerfile.uv.hbs", "FROM {{FinalImage}}\n{{> company-labels}}\n")))[0].Text;
        Assert.Equal("FROM python:3.12-slim-trixie\nLABEL org.opencontainers.image.title=\"shop\"\n", text);
    }

    [Fact]
    public void Files_that_match_no_template_are_ignored()
    {
        var bundled = Scaffolder.Generate(Inputs, PatternId.Uv)[0].Text;
        var text = Scaffolder.Generate(Inputs, PatternId.Uv, Overrides(("README.md", "notes"), ("Dockerfile.alpine.hbs", "FROM alpine")))[0].Text;
        Assert.Equal(bundled, text);
    }

    [Theory]
    [InlineData("Dockerfile.uv.hbs", "{{#if IsWebApp}}unclosed", "does not compile")]
    [InlineData("Dockerfile.uv.hbs", "FROM {{FinalImag}}", "failed")]
    [InlineData("partials/header.hbs", "{{#each}}", "partials/header.hbs")]
    public void A_broken_user_template_is_reported_with_its_name(string path, string text, string messagePart)
    {
        var error = Assert.Throws<ScaffoldException>(() => Scaffolder.Generate(Inputs, PatternId.Uv, Overrides((path, text))));
        Assert.Contains(messagePart, error.Message);
        Assert.Contains("/templates", error.Message);
    }

    [Fact]
    public void A_templates_folder_needs_a_file_system()
    {
        Assert.Throws<ArgumentException>(() => Scaffolder.Generate(Inputs, PatternId.Uv, new ScaffoldOptions { TemplatesDirectory = "/t" }));
    }
}
