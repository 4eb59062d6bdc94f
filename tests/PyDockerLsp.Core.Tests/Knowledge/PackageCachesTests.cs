using PyDockerLsp.Core.Features.Knowledge;

namespace PyDockerLsp.Core.Tests.Knowledge;

public class PackageCachesTests
{
    [Theory]
    [InlineData(PackageManager.Pip, "--mount=type=cache,target=/root/.cache/pip")]
    [InlineData(PackageManager.Uv, "--mount=type=cache,target=/root/.cache/uv")]
    [InlineData(PackageManager.Poetry, "--mount=type=cache,target=/root/.cache/pypoetry")]
    [InlineData(PackageManager.Pipenv, "--mount=type=cache,target=/root/.cache/pipenv")]
    [InlineData(PackageManager.Apt, "--mount=type=cache,target=/var/cache/apt,sharing=locked --mount=type=cache,target=/var/lib/apt,sharing=locked")]
    public void Root_cache_mounts_point_at_each_tools_cache(PackageManager manager, string flags) =>
        Assert.Equal(flags, string.Join(" ", PackageCaches.For(manager).MountFlags()));

    [Theory]
    [InlineData(PackageManager.Pip, "/home/app", "--mount=type=cache,target=/home/app/.cache/pip,uid=1001,gid=1001")]
    [InlineData(PackageManager.Uv, "/home/app/", "--mount=type=cache,target=/home/app/.cache/uv,uid=1001,gid=1001")]
    [InlineData(PackageManager.Poetry, "/root", "--mount=type=cache,target=/root/.cache/pypoetry,uid=1001,gid=1001")]
    public void A_non_root_user_gets_the_cache_under_its_home(PackageManager manager, string home, string flags) =>
        Assert.Equal(flags, string.Join(" ", PackageCaches.For(manager).MountFlags(home, 1001, 1001)));

    [Theory]
    [InlineData("/root/.cache/pip", PackageManager.Pip)]
    [InlineData("/root/.cache/pip/", PackageManager.Pip)]
    [InlineData("/home/app/.cache/uv", PackageManager.Uv)]
    [InlineData("/root/.cache/pypoetry", PackageManager.Poetry)]
    [InlineData("/root/.cache/pipenv", PackageManager.Pipenv)]
    [InlineData("/var/lib/apt", PackageManager.Apt)]
    [InlineData("/var/cache/apt", PackageManager.Apt)]
    [InlineData("/root/.cache/poetry", null)]
    [InlineData("/tmp/poetry_cache", null)]
    [InlineData("/root/.cache", null)]
    public void ManagerOfTarget_names_whose_cache_a_target_is(string target, PackageManager? manager) =>
        Assert.Equal(manager, PackageCaches.ManagerOfTarget(target));

    [Fact]
    public void Cache_switches_are_recorded_for_the_cache_mount_rules()
    {
        Assert.Equal("PIP_NO_CACHE_DIR", PackageCaches.Pip.DisablingEnvVar);
        Assert.Contains("--no-cache-dir", PackageCaches.Pip.DisablingFlags);
        Assert.Equal("UV_NO_CACHE", PackageCaches.Uv.DisablingEnvVar);
        Assert.Contains("--no-cache", PackageCaches.Uv.DisablingFlags);
        Assert.Equal("POETRY_CACHE_DIR", PackageCaches.Poetry.OverrideEnvVar);
        Assert.Equal(Enum.GetValues<PackageManager>().Order(), PackageCaches.All.Select(c => c.Manager).Order());
    }
}
