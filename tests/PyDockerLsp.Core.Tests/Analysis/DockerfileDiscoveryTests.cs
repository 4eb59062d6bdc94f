using PyDockerLsp.Core.Analysis;
using PyDockerLsp.Core.IO;

namespace PyDockerLsp.Core.Tests.Analysis;

public class DockerfileDiscoveryTests
{
    [Fact]
    public void Finds_every_kind_of_Dockerfile_name_and_skips_tool_folders()
    {
        var fs = new InMemoryFileSystem()
            .Add("/repo/Dockerfile", "")
            .Add("/repo/Dockerfile.dev", "")
            .Add("/repo/services/api/api.dockerfile", "")
            .Add("/repo/services/worker/Containerfile", "")
            .Add("/repo/services/worker/requirements.txt", "")
            .Add("/repo/docs/Dockerfile.md.txt", "")
            .Add("/repo/.git/Dockerfile", "")
            .Add("/repo/node_modules/pkg/Dockerfile", "")
            .Add("/repo/.venv/lib/Dockerfile", "")
            .Add("/repo/venv/Dockerfile", "")
            .Add("/repo/app/__pycache__/Dockerfile", "");

        Assert.Equal(
            new[]
            {
                "/repo/Dockerfile", "/repo/Dockerfile.dev", "/repo/docs/Dockerfile.md.txt",
                "/repo/services/api/api.dockerfile", "/repo/services/worker/Containerfile",
            },
            DockerfileDiscovery.FindDockerfiles(fs, "/repo"));
    }

    [Fact]
    public void A_folder_without_Dockerfiles_yields_nothing()
    {
        var fs = new InMemoryFileSystem().Add("/repo/app/main.py", "");
        Assert.Empty(DockerfileDiscovery.FindDockerfiles(fs, "/repo"));
    }
}
