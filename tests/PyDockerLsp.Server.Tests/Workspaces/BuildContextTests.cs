using Newtonsoft.Json.Linq;
using PyDockerLsp.Core.Analysis.Rules;
using PyDockerLsp.Core.IO;
using PyDockerLsp.Server.Workspaces;

namespace PyDockerLsp.Server.Tests.Workspaces;

/// <summary>Which folder a Dockerfile is analysed with: the setting, [tool.pydocker], detection, or its own folder.</summary>
public class BuildContextTests
{
    private static Workspace WithFolder(InMemoryFileSystem disk)
    {
        var workspace = new Workspace(disk);
        workspace.SetFolders(new[] { new WorkspaceFolderInfo("file:///repo", "/repo", "repo") });
        return workspace;
    }

    [Fact]
    public void Without_configuration_a_Dockerfile_is_built_from_its_own_folder()
    {
        var workspace = WithFolder(new InMemoryFileSystem().Add("/repo/app/requirements.txt", "flask==3.1.0\n"));
        var document = workspace.Open("file:///repo/app/Dockerfile", "dockerfile", 1, "FROM python:3.12-slim\nCOPY requirements.txt .\n");
        Assert.Equal("/repo/app", workspace.BuildContextOf(document));
    }

    [Fact]
    public void A_Dockerfile_in_docker_that_copies_the_project_s_files_is_built_from_the_project_root()
    {
        var workspace = WithFolder(new InMemoryFileSystem().Add("/repo/pyproject.toml", "[project]\nname = \"a\"\n").Add("/repo/src/app.py", ""));
        var document = workspace.Open("file:///repo/docker/Dockerfile", "dockerfile", 1, "FROM python:3.12-slim\nCOPY pyproject.toml /app/\nCOPY src /app/src\n");
        Assert.Equal("/repo", workspace.BuildContextOf(document));
    }

    [Fact]
    public void The_tool_pydocker_context_of_a_pyproject_above_is_honoured()
    {
        var workspace = WithFolder(new InMemoryFileSystem().Add("/repo/pyproject.toml", "[tool.pydocker]\ncontext = \".\"\n"));
        var document = workspace.Open("file:///repo/deploy/Dockerfile", "dockerfile", 1, "FROM python:3.12-slim\n");
        Assert.Equal("/repo", workspace.BuildContextOf(document));
    }

    [Fact]
    public void The_buildContext_setting_is_relative_to_the_workspace_folder_and_wins()
    {
        var workspace = WithFolder(new InMemoryFileSystem().Add("/repo/pyproject.toml", "[tool.pydocker]\ncontext = \"deploy\"\n"));
        workspace.Settings = PyDockerSettings.FromJson(new JObject { ["buildContext"] = "services" });
        var document = workspace.Open("file:///repo/deploy/Dockerfile", "dockerfile", 1, "FROM python:3.12-slim\n");
        Assert.Equal("/repo/services", workspace.BuildContextOf(document));
        workspace.Settings = PyDockerSettings.FromJson(new JObject { ["buildContext"] = "${workspaceFolder}" });
        Assert.Equal("/repo", workspace.BuildContextOf(document));
    }

    [Fact]
    public void The_settings_carry_the_build_context_and_the_configuration_precedence()
    {
        var settings = PyDockerSettings.FromJson(new JObject { ["buildContext"] = "..", ["configurationPrecedence"] = "editor" });
        Assert.Equal("..", settings.BuildContext);
        Assert.Equal(ConfigurationPrecedence.Editor, settings.Precedence);
        Assert.False(settings.Equals(PyDockerSettings.FromJson(new JObject { ["buildContext"] = ".." })));
        Assert.Equal(ConfigurationPrecedence.File, PyDockerSettings.FromJson(new JObject { ["configurationPrecedence"] = 3 }).Precedence);
    }

    [Fact]
    public void A_Dockerfile_whose_detected_context_is_the_root_is_affected_by_the_root_manifests()
    {
        var workspace = WithFolder(new InMemoryFileSystem().Add("/repo/requirements.txt", "flask==3.1.0\n"));
        workspace.Open("file:///repo/docker/Dockerfile", "dockerfile", 1, "FROM python:3.12-slim\nCOPY requirements.txt .\n");
        Assert.Equal(new[] { "/repo/docker/Dockerfile" }, workspace.DocumentsAffectedBy("/repo/requirements.txt").Select(d => d.Path));
        Assert.Equal(new[] { "/repo/docker/Dockerfile" }, workspace.DocumentsAffectedBy("/repo/.dockerignore").Select(d => d.Path));
        Assert.Empty(workspace.DocumentsAffectedBy("/elsewhere/requirements.txt"));
    }
}
