using Newtonsoft.Json.Linq;
using PyDockerLsp.Server.Workspaces;

namespace PyDockerLsp.Server.Tests.Workspaces;

/// <summary><c>pydocker.scaffold.templatesPath</c> in the settings section.</summary>
public class ScaffoldSettingsTests
{
    [Theory]
    [InlineData("{ \"scaffold\": { \"templatesPath\": \" .pydocker/templates \" } }", ".pydocker/templates")]
    [InlineData("{ \"scaffold\": { \"templatesPath\": 3 } }", "")]
    [InlineData("{ \"scaffold\": \"templates\" }", "")]
    [InlineData("{ }", "")]
    public void The_templates_path_is_read_from_the_scaffold_object(string json, string expected)
    {
        Assert.Equal(expected, PyDockerSettings.FromJson(JObject.Parse(json)).ScaffoldTemplatesPath);
    }

    [Fact]
    public void A_different_templates_path_does_not_make_the_settings_differ_for_the_analysis()
    {
        var without = PyDockerSettings.FromJson(JObject.Parse("{ \"rules\": { \"PD010\": \"off\" } }"));
        var with = PyDockerSettings.FromJson(JObject.Parse("{ \"rules\": { \"PD010\": \"off\" }, \"scaffold\": { \"templatesPath\": \"t\" } }"));
        Assert.Equal(without, with);
    }
}
