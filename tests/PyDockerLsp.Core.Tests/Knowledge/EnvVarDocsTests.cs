using PyDockerLsp.Core.Features.Knowledge;

namespace PyDockerLsp.Core.Tests.Knowledge;

public class EnvVarDocsTests
{
    public static TheoryData<string, EnvVarTool> Variables => new()
    {
        { "PYTHONDONTWRITEBYTECODE", EnvVarTool.Python }, { "PYTHONUNBUFFERED", EnvVarTool.Python },
        { "PYTHONOPTIMIZE", EnvVarTool.Python }, { "PYTHONHASHSEED", EnvVarTool.Python },
        { "PYTHONPATH", EnvVarTool.Python }, { "PYTHONFAULTHANDLER", EnvVarTool.Python },
        { "PIP_NO_CACHE_DIR", EnvVarTool.Pip }, { "PIP_DISABLE_PIP_VERSION_CHECK", EnvVarTool.Pip },
        { "PIP_DEFAULT_TIMEOUT", EnvVarTool.Pip }, { "PIP_INDEX_URL", EnvVarTool.Pip },
        { "PIP_EXTRA_INDEX_URL", EnvVarTool.Pip }, { "PIP_ROOT_USER_ACTION", EnvVarTool.Pip },
        { "UV_COMPILE_BYTECODE", EnvVarTool.Uv }, { "UV_LINK_MODE", EnvVarTool.Uv },
        { "UV_PYTHON_DOWNLOADS", EnvVarTool.Uv }, { "UV_PROJECT_ENVIRONMENT", EnvVarTool.Uv },
        { "UV_NO_CACHE", EnvVarTool.Uv }, { "UV_FROZEN", EnvVarTool.Uv }, { "UV_NO_DEV", EnvVarTool.Uv },
        { "UV_SYSTEM_PYTHON", EnvVarTool.Uv },
        { "POETRY_VIRTUALENVS_IN_PROJECT", EnvVarTool.Poetry }, { "POETRY_VIRTUALENVS_CREATE", EnvVarTool.Poetry },
        { "POETRY_NO_INTERACTION", EnvVarTool.Poetry }, { "POETRY_CACHE_DIR", EnvVarTool.Poetry },
        { "VIRTUAL_ENV", EnvVarTool.Shell }, { "PATH", EnvVarTool.Shell },
        { "WEB_CONCURRENCY", EnvVarTool.Gunicorn }, { "GUNICORN_CMD_ARGS", EnvVarTool.Gunicorn },
        { "DJANGO_SETTINGS_MODULE", EnvVarTool.Django },
    };

    [Theory]
    [MemberData(nameof(Variables))]
    public void Every_variable_has_complete_documentation(string name, EnvVarTool tool)
    {
        var doc = EnvVarDocs.Find(name);

        Assert.NotNull(doc);
        Assert.Equal(tool, doc.Tool);
        DocText.AssertOneLine(doc.Summary, name + " summary");
        DocText.AssertOneLine(doc.Recommended, name + " recommendation");
        DocText.AssertText(doc.Description, name + " description");
        if (doc.Caveat is not null) DocText.AssertText(doc.Caveat, name + " caveat");
        DocText.AssertExample(doc.Example, name + " example");
        DocText.AssertHover(doc.ToMarkdown());
    }

    [Fact]
    public void Every_documented_variable_is_unique_and_well_formed()
    {
        Assert.Equal(EnvVarDocs.Names.Count, EnvVarDocs.Names.Distinct().Count());
        Assert.All(EnvVarDocs.All, doc => Assert.Matches("^[A-Z][A-Z0-9_]*$", doc.Name));
        Assert.All(EnvVarDocs.All, doc => DocText.AssertHover(doc.ToMarkdown()));
    }

    [Fact]
    public void Lookup_is_exact_like_Linux_and_FindIgnoringCase_serves_completion()
    {
        Assert.Null(EnvVarDocs.Find("pythonunbuffered"));
        Assert.Equal("PYTHONUNBUFFERED", EnvVarDocs.FindIgnoringCase("pythonunbuffered")?.Name);
        Assert.Null(EnvVarDocs.Find("PYTHON_UNBUFFERED"));
    }

    [Theory]
    [InlineData("PIP_INDEX_URL", true)]
    [InlineData("PIP_EXTRA_INDEX_URL", true)]
    [InlineData("UV_INDEX_URL", true)]
    [InlineData("UV_EXTRA_INDEX_URL", true)]
    [InlineData("PYTHONUNBUFFERED", false)]
    [InlineData("PIP_NO_CACHE_DIR", false)]
    public void Index_urls_are_marked_as_possible_secrets(string name, bool secret)
    {
        var doc = EnvVarDocs.Find(name)!;

        Assert.Equal(secret, doc.MayCarrySecrets);
        if (secret) Assert.Contains("secret", doc.ToMarkdown());
    }

    [Theory]
    [InlineData("PIP_NO_CACHE_DIR", "`0`, `false` and `off`")]   // the counter-intuitive values
    [InlineData("PIP_NO_CACHE_DIR", "cache mount")]
    [InlineData("UV_LINK_MODE", "`copy`")]
    [InlineData("UV_LINK_MODE", "different file system")]
    [InlineData("UV_COMPILE_BYTECODE", "`1`")]
    [InlineData("PYTHONDONTWRITEBYTECODE", "`1`")]
    [InlineData("PYTHONUNBUFFERED", "`docker logs`")]
    [InlineData("PYTHONOPTIMIZE", "docstrings")]
    [InlineData("PYTHONHASHSEED", "`random` is already the default")]
    [InlineData("WEB_CONCURRENCY", "2 × CPU cores + 1")]
    [InlineData("PATH", "/opt/venv/bin:$PATH")]
    [InlineData("POETRY_CACHE_DIR", "/root/.cache/pypoetry")]
    [InlineData("UV_NO_DEV", "0.8.7")]
    public void Hovers_state_the_key_facts(string name, string fact) =>
        Assert.Contains(fact, EnvVarDocs.Find(name)!.ToMarkdown());

    [Fact]
    public void ForTool_groups_the_variables() =>
        Assert.All(EnvVarDocs.ForTool(EnvVarTool.Uv), doc => Assert.StartsWith("UV_", doc.Name));

    [Fact]
    public void Cache_directory_variables_match_PackageCaches()
    {
        foreach (var cache in PackageCaches.All)
        {
            if (cache.OverrideEnvVar is { } moveVar && EnvVarDocs.Find(moveVar) is { } moveDoc)
                Assert.Contains(cache.RootTargets[0], moveDoc.ToMarkdown());
            if (cache.DisablingEnvVar is { } offVar)
                Assert.NotNull(EnvVarDocs.Find(offVar));
        }
    }
}
