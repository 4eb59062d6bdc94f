using PyDockerLsp.Core.Features.Knowledge;

namespace PyDockerLsp.Core.Tests.Knowledge;

public class BaseImageDocsTests
{
    private const string Sha = "sha256:4d4e5bd7fd8f5d1a1ad5b4a5a7b0c43e8fbd4e3d9a4a0e0f1d5c7b4d3e2f1a0b";

    public static TheoryData<string, BaseImageFamily, ImageVariant, string?, PinLevel, Libc, string?> References => new()
    {
        // reference                                        family                           variant                  python        pinning          libc        debian
        { "python",                                         BaseImageFamily.OfficialPython,  ImageVariant.Full,       null,         PinLevel.Latest, Libc.Glibc, null },
        { "python:latest",                                  BaseImageFamily.OfficialPython,  ImageVariant.Full,       null,         PinLevel.Latest, Libc.Glibc, null },
        { "python:3",                                       BaseImageFamily.OfficialPython,  ImageVariant.Full,       "3",          PinLevel.Major,  Libc.Glibc, null },
        { "python:3.12",                                    BaseImageFamily.OfficialPython,  ImageVariant.Full,       "3.12",       PinLevel.Minor,  Libc.Glibc, null },
        { "python:3.12.4",                                  BaseImageFamily.OfficialPython,  ImageVariant.Full,       "3.12.4",     PinLevel.Patch,  Libc.Glibc, null },
        { "python:3.12-slim",                               BaseImageFamily.OfficialPython,  ImageVariant.Slim,       "3.12",       PinLevel.Minor,  Libc.Glibc, null },
        { "python:3.12-slim-bookworm",                      BaseImageFamily.OfficialPython,  ImageVariant.Slim,       "3.12",       PinLevel.Minor,  Libc.Glibc, "bookworm" },
        { "python:3.12-bookworm",                           BaseImageFamily.OfficialPython,  ImageVariant.Full,       "3.12",       PinLevel.Minor,  Libc.Glibc, "bookworm" },
        { "python:3.13-slim-trixie",                        BaseImageFamily.OfficialPython,  ImageVariant.Slim,       "3.13",       PinLevel.Minor,  Libc.Glibc, "trixie" },
        { "python:3.9-slim-buster",                         BaseImageFamily.OfficialPython,  ImageVariant.Slim,       "3.9",        PinLevel.Minor,  Libc.Glibc, "buster" },
        { "python:3.13-alpine3.20",                         BaseImageFamily.OfficialPython,  ImageVariant.Alpine,     "3.13",       PinLevel.Minor,  Libc.Musl,  null },
        { "python:3.12-alpine",                             BaseImageFamily.OfficialPython,  ImageVariant.Alpine,     "3.12",       PinLevel.Minor,  Libc.Musl,  null },
        { "python:3.12-windowsservercore",                  BaseImageFamily.OfficialPython,  ImageVariant.Windows,    "3.12",       PinLevel.Minor,  Libc.None,  null },
        { "python:3.12-windowsservercore-ltsc2022",         BaseImageFamily.OfficialPython,  ImageVariant.Windows,    "3.12",       PinLevel.Minor,  Libc.None,  null },
        { "python:3.13-nanoserver-1809",                    BaseImageFamily.OfficialPython,  ImageVariant.Windows,    "3.13",       PinLevel.Minor,  Libc.None,  null },
        { "python:3-slim",                                  BaseImageFamily.OfficialPython,  ImageVariant.Slim,       "3",          PinLevel.Major,  Libc.Glibc, null },
        { "python:slim",                                    BaseImageFamily.OfficialPython,  ImageVariant.Slim,       null,         PinLevel.Latest, Libc.Glibc, null },
        { "python:bookworm",                                BaseImageFamily.OfficialPython,  ImageVariant.Full,       null,         PinLevel.Latest, Libc.Glibc, "bookworm" },
        { "python:alpine",                                  BaseImageFamily.OfficialPython,  ImageVariant.Alpine,     null,         PinLevel.Latest, Libc.Musl,  null },
        { "python:3.13.0rc1-slim",                          BaseImageFamily.OfficialPython,  ImageVariant.Slim,       "3.13.0rc1",  PinLevel.Patch,  Libc.Glibc, null },
        { "python:3.14-rc-slim-bookworm",                   BaseImageFamily.OfficialPython,  ImageVariant.Slim,       "3.14-rc",    PinLevel.Minor,  Libc.Glibc, "bookworm" },
        { "python:3.12.4-slim@" + Sha,                      BaseImageFamily.OfficialPython,  ImageVariant.Slim,       "3.12.4",     PinLevel.Digest, Libc.Glibc, null },
        { "python:3.12-slim-bookworm@" + Sha,               BaseImageFamily.OfficialPython,  ImageVariant.Slim,       "3.12",       PinLevel.Digest, Libc.Glibc, "bookworm" },
        { "python@" + Sha,                                  BaseImageFamily.OfficialPython,  ImageVariant.Unknown,    null,         PinLevel.Digest, Libc.Unknown, null },
        { "docker.io/library/python:3.12-slim",             BaseImageFamily.OfficialPython,  ImageVariant.Slim,       "3.12",       PinLevel.Minor,  Libc.Glibc, null },
        { "index.docker.io/library/python:3.11-slim-bullseye", BaseImageFamily.OfficialPython, ImageVariant.Slim,    "3.11",       PinLevel.Minor,  Libc.Glibc, "bullseye" },
        { "localhost:5000/python:3.12",                     BaseImageFamily.OfficialPython,  ImageVariant.Full,       "3.12",       PinLevel.Minor,  Libc.Glibc, null },
        { "public.ecr.aws/docker/library/python:3.12-slim", BaseImageFamily.OfficialPython,  ImageVariant.Slim,       "3.12",       PinLevel.Minor,  Libc.Glibc, null },
        { "mirror.gcr.io/library/python:3.11-alpine",       BaseImageFamily.OfficialPython,  ImageVariant.Alpine,     "3.11",       PinLevel.Minor,  Libc.Musl,  null },
        { "python:${PYTHON_VERSION}-slim",                  BaseImageFamily.OfficialPython,  ImageVariant.Slim,       null,         PinLevel.Unknown, Libc.Glibc, null },
        { "python:${PYTHON_VERSION:-3.12}-slim-bookworm",   BaseImageFamily.OfficialPython,  ImageVariant.Slim,       null,         PinLevel.Unknown, Libc.Glibc, "bookworm" },
        { "python:3.12-${VARIANT}",                         BaseImageFamily.OfficialPython,  ImageVariant.Unknown,    "3.12",       PinLevel.Minor,  Libc.Unknown, null },
        { "python:3.12-foo",                                BaseImageFamily.OfficialPython,  ImageVariant.Unknown,    "3.12",       PinLevel.Minor,  Libc.Unknown, null },
        { "python:3.12-slim-alpine",                        BaseImageFamily.OfficialPython,  ImageVariant.Unknown,    "3.12",       PinLevel.Minor,  Libc.Unknown, null },
        { "python:3.12-slim-slim",                          BaseImageFamily.OfficialPython,  ImageVariant.Unknown,    "3.12",       PinLevel.Minor,  Libc.Unknown, null },
        { "gcr.io/distroless/python3-debian12",             BaseImageFamily.DistrolessPython, ImageVariant.Distroless, "3.11",      PinLevel.Minor,  Libc.Glibc, "bookworm" },
        { "gcr.io/distroless/python3-debian12:nonroot",     BaseImageFamily.DistrolessPython, ImageVariant.Distroless, "3.11",      PinLevel.Minor,  Libc.Glibc, "bookworm" },
        { "gcr.io/distroless/python3-debian11:debug",       BaseImageFamily.DistrolessPython, ImageVariant.Distroless, "3.9",       PinLevel.Minor,  Libc.Glibc, "bullseye" },
        { "gcr.io/distroless/python3-debian13@" + Sha,      BaseImageFamily.DistrolessPython, ImageVariant.Distroless, "3.13",      PinLevel.Digest, Libc.Glibc, "trixie" },
        { "gcr.io/distroless/python3",                      BaseImageFamily.DistrolessPython, ImageVariant.Distroless, null,        PinLevel.Latest, Libc.Glibc, null },
        { "ghcr.io/astral-sh/uv:0.5-python3.12-bookworm-slim", BaseImageFamily.Uv,           ImageVariant.Slim,       "3.12",       PinLevel.Minor,  Libc.Glibc, "bookworm" },
        { "ghcr.io/astral-sh/uv:python3.13-bookworm",       BaseImageFamily.Uv,              ImageVariant.Full,       "3.13",       PinLevel.Minor,  Libc.Glibc, "bookworm" },
        { "ghcr.io/astral-sh/uv:0.5.4-python3.12-alpine",   BaseImageFamily.Uv,              ImageVariant.Alpine,     "3.12",       PinLevel.Minor,  Libc.Musl,  null },
        { "ghcr.io/astral-sh/uv:bookworm-slim",             BaseImageFamily.Uv,              ImageVariant.Slim,       null,         PinLevel.Latest, Libc.Glibc, "bookworm" },
        { "astral/uv:0.5-debian-slim",                      BaseImageFamily.Uv,              ImageVariant.Slim,       null,         PinLevel.Minor,  Libc.Glibc, null },
        { "ghcr.io/astral-sh/uv",                           BaseImageFamily.Uv,              ImageVariant.Distroless, null,         PinLevel.Latest, Libc.None,  null },
        { "ghcr.io/astral-sh/uv:latest",                    BaseImageFamily.Uv,              ImageVariant.Distroless, null,         PinLevel.Latest, Libc.None,  null },
        { "ghcr.io/astral-sh/uv:0.5",                       BaseImageFamily.Uv,              ImageVariant.Distroless, null,         PinLevel.Minor,  Libc.None,  null },
        { "ghcr.io/astral-sh/uv:0.5.4",                     BaseImageFamily.Uv,              ImageVariant.Distroless, null,         PinLevel.Patch,  Libc.None,  null },
        { "ghcr.io/astral-sh/uv:0.5.4@" + Sha,              BaseImageFamily.Uv,              ImageVariant.Distroless, null,         PinLevel.Digest, Libc.None,  null },
        { "scratch",                                        BaseImageFamily.Scratch,         ImageVariant.Unknown,    null,         PinLevel.Unknown, Libc.None, null },
        { "ubuntu:22.04",                                   BaseImageFamily.Other,           ImageVariant.Unknown,    null,         PinLevel.Minor,  Libc.Glibc, null },
        { "debian:bookworm-slim",                           BaseImageFamily.Other,           ImageVariant.Unknown,    null,         PinLevel.Unknown, Libc.Glibc, null },
        { "alpine:3.20",                                    BaseImageFamily.Other,           ImageVariant.Unknown,    null,         PinLevel.Minor,  Libc.Musl,  null },
        { "node:20-alpine",                                 BaseImageFamily.Other,           ImageVariant.Unknown,    null,         PinLevel.Major,  Libc.Musl,  null },
        { "myorg/python:3.12",                              BaseImageFamily.Other,           ImageVariant.Unknown,    null,         PinLevel.Minor,  Libc.Unknown, null },
        { "registry.example.com/team/python:3.12-slim",     BaseImageFamily.Other,           ImageVariant.Unknown,    null,         PinLevel.Minor,  Libc.Unknown, null },
        { "builder",                                        BaseImageFamily.Other,           ImageVariant.Unknown,    null,         PinLevel.Latest, Libc.Unknown, null },
    };

    [Theory]
    [MemberData(nameof(References))]
    public void Analyze_reads_family_variant_python_pinning_libc_and_debian_release(
        string reference, BaseImageFamily family, ImageVariant variant, string? python, PinLevel pinning, Libc libc, string? debian)
    {
        var info = BaseImageDocs.AnalyzeReference(reference);

        Assert.Equal(family, info.Family);
        Assert.Equal(variant, info.Variant);
        Assert.Equal(python, info.PythonVersion?.ToString());
        Assert.Equal(pinning, info.Pinning);
        Assert.Equal(libc, info.Libc);
        Assert.Equal(debian, info.DebianCodename);
    }

    public static TheoryData<string?, string, string?, string?, string?, string, BaseImageFamily> SplitParts => new()
    {
        // registry          repository                      tag        digest   → registry        repository             family
        { "localhost:5000",  "python",                       "3.12",    null,     "localhost:5000", "python",              BaseImageFamily.OfficialPython },
        { null,              "localhost:5000/python",        "3.12",    null,     "localhost:5000", "python",              BaseImageFamily.OfficialPython },
        { "docker.io",       "library/python",               "3.12-slim", null,   "docker.io",      "library/python",      BaseImageFamily.OfficialPython },
        { null,              "ghcr.io/astral-sh/uv",         "0.5",     null,     "ghcr.io",        "astral-sh/uv",        BaseImageFamily.Uv },
        { "gcr.io",          "distroless/python3-debian12",  null,      null,     "gcr.io",         "distroless/python3-debian12", BaseImageFamily.DistrolessPython },
        { " ",               " python ",                     ":3.12",   "",       null,             "python",              BaseImageFamily.OfficialPython },
        { null,              "acme/python",                  "3.12",    null,     null,             "acme/python",         BaseImageFamily.Other },
    };

    [Theory]
    [MemberData(nameof(SplitParts))]
    public void Analyze_accepts_parts_split_by_the_caller_and_splits_a_registry_it_was_not_given(
        string? registry, string repository, string? tag, string? digest, string? expectedRegistry, string expectedRepository, BaseImageFamily family)
    {
        var info = BaseImageDocs.Analyze(registry, repository, tag, digest);

        Assert.Equal(expectedRegistry, info.Registry);
        Assert.Equal(expectedRepository, info.Repository);
        Assert.Equal(family, info.Family);
    }

    [Theory]
    [InlineData("python:3.12-slim", true)]
    [InlineData("docker.io/library/python:3.12", true)]
    [InlineData("registry-1.docker.io/library/python", true)]
    [InlineData("localhost:5000/python:3.12", false)]
    [InlineData("public.ecr.aws/docker/library/python:3.12", false)]
    public void Only_the_Docker_Hub_image_itself_is_marked_official(string reference, bool official) =>
        Assert.Equal(official, BaseImageDocs.AnalyzeReference(reference).IsDockerHubOfficial);

    [Fact]
    public void A_digest_pins_the_reference_but_tag_pinning_still_reports_what_the_tag_says()
    {
        var info = BaseImageDocs.AnalyzeReference("python:3-slim@" + Sha);

        Assert.Equal(PinLevel.Digest, info.Pinning);
        Assert.Equal(PinLevel.Major, info.TagPinning);
        Assert.Equal(Sha, info.Digest);
    }

    [Theory]
    [InlineData("python:3.13-alpine3.20", "3.20", null)]
    [InlineData("python:3.12-alpine", null, null)]
    [InlineData("python:3.12-windowsservercore-ltsc2022", null, "windowsservercore-ltsc2022")]
    [InlineData("python:3.12-nanoserver-1809", null, "nanoserver-1809")]
    public void Alpine_and_Windows_releases_are_read_from_the_tag(string reference, string? alpine, string? windows)
    {
        var info = BaseImageDocs.AnalyzeReference(reference);

        Assert.Equal(alpine, info.AlpineVersion);
        Assert.Equal(windows, info.WindowsVersion);
    }

    [Theory]
    [InlineData("python:3.12-slim-bookworm", 12)]
    [InlineData("python:3.11-bullseye", 11)]
    [InlineData("python:3.13-slim-trixie", 13)]
    [InlineData("gcr.io/distroless/python3-debian12", 12)]
    public void The_Debian_codename_comes_with_its_release_number(string reference, int release) =>
        Assert.Equal(release, BaseImageDocs.AnalyzeReference(reference).DebianVersion);

    public static TheoryData<string, string?, PinLevel, bool> UvImages => new()
    {
        // reference                                          uv version   uv pinning        binaries only
        { "ghcr.io/astral-sh/uv",                             null,        PinLevel.Latest,  true },
        { "ghcr.io/astral-sh/uv:latest",                      null,        PinLevel.Latest,  true },
        { "ghcr.io/astral-sh/uv:0",                           "0",         PinLevel.Major,   true },
        { "ghcr.io/astral-sh/uv:0.5",                         "0.5",       PinLevel.Minor,   true },
        { "ghcr.io/astral-sh/uv:0.5.4",                       "0.5.4",     PinLevel.Patch,   true },
        { "ghcr.io/astral-sh/uv:${UV_VERSION}",               "${UV_VERSION}", PinLevel.Unknown, true },
        { "ghcr.io/astral-sh/uv:0.5-python3.12-bookworm-slim", "0.5",      PinLevel.Minor,   false },
        { "ghcr.io/astral-sh/uv:python3.12-bookworm-slim",    null,        PinLevel.Latest,  false },
        { "astral/uv:0.5.4-alpine",                           "0.5.4",     PinLevel.Patch,   false },
    };

    [Theory]
    [MemberData(nameof(UvImages))]
    public void Uv_images_report_the_uv_version_separately_from_Python(string reference, string? uvVersion, PinLevel uvPinning, bool toolOnly)
    {
        var info = BaseImageDocs.AnalyzeReference(reference);

        Assert.Equal(BaseImageFamily.Uv, info.Family);
        Assert.Equal(uvVersion, info.ToolVersion);
        Assert.Equal(uvPinning, info.ToolPinning);
        Assert.Equal(toolOnly, info.IsToolOnly);
    }

    [Theory]
    [InlineData("python:3.12-slim", "/usr/local/bin/python3.12")]
    [InlineData("python:3.13.1-alpine", "/usr/local/bin/python3.13")]
    [InlineData("python:3-slim", "/usr/local/bin/python3")]
    [InlineData("ghcr.io/astral-sh/uv:python3.12-bookworm-slim", "/usr/local/bin/python3.12")]
    [InlineData("gcr.io/distroless/python3-debian12", "/usr/bin/python3.11")]
    [InlineData("python", null)]
    [InlineData("python:3.12-windowsservercore", null)]
    [InlineData("python:3.12-foo", null)]
    [InlineData("ghcr.io/astral-sh/uv:bookworm-slim", null)]
    [InlineData("ubuntu:24.04", null)]
    public void The_interpreter_path_tells_where_a_venv_from_this_image_points(string reference, string? path) =>
        Assert.Equal(path, BaseImageDocs.AnalyzeReference(reference).InterpreterPath);

    [Theory]
    [InlineData("gcr.io/distroless/python3-debian12:nonroot", true)]
    [InlineData("gcr.io/distroless/python3-debian12:debug-nonroot", true)]
    [InlineData("gcr.io/distroless/python3-debian12:latest", false)]
    [InlineData("gcr.io/distroless/python3-debian12", false)]
    [InlineData("python:3.12-slim", false)]
    public void Distroless_nonroot_tags_default_to_a_non_root_user(string reference, bool nonRoot) =>
        Assert.Equal(nonRoot, BaseImageDocs.AnalyzeReference(reference).DefaultsToNonRootUser);

    [Theory]
    [InlineData("python:${PYTHON_VERSION}-slim", true)]
    [InlineData("python:3.12-${VARIANT}", true)]
    [InlineData("python:$TAG", true)]
    [InlineData("python:3.12-slim", false)]
    public void Build_arguments_in_the_tag_are_flagged(string reference, bool hasVariables) =>
        Assert.Equal(hasVariables, BaseImageDocs.AnalyzeReference(reference).HasVariables);

    [Theory]
    [InlineData("python:3.12", "3.12-slim")]
    [InlineData("python:3.12-bookworm", "3.12-slim-bookworm")]
    [InlineData("python:3.12.4-bookworm", "3.12.4-slim-bookworm")]
    [InlineData("python:3.12-alpine3.20", "3.12-slim")]
    [InlineData("python:3.12-alpine", "3.12-slim")]
    [InlineData("python", "slim")]
    [InlineData("python:latest", "slim")]
    [InlineData("python:bookworm", "slim-bookworm")]
    [InlineData("python:3.14-rc-bookworm", "3.14-rc-slim-bookworm")]
    [InlineData("python:${PY}-bookworm", "${PY}-slim-bookworm")]
    [InlineData("docker.io/library/python:3.11-bullseye@" + Sha, "3.11-slim-bullseye")]
    [InlineData("python:3.12-slim", null)]
    [InlineData("python:3.12-slim-bookworm", null)]
    [InlineData("python:3.12-windowsservercore", null)]
    [InlineData("python:3.12-foo", null)]
    [InlineData("python@" + Sha, null)]
    [InlineData("gcr.io/distroless/python3-debian12", null)]
    [InlineData("ubuntu:22.04", null)]
    public void SuggestSlimTag_keeps_version_and_Debian_release(string reference, string? slimTag) =>
        Assert.Equal(slimTag, BaseImageDocs.AnalyzeReference(reference).SuggestSlimTag());

    [Theory]
    [InlineData("python:3", "3.12")]
    [InlineData("python:3-slim", "3.12-slim")]
    [InlineData("python:3-slim-bookworm", "3.12-slim-bookworm")]
    [InlineData("python:slim-bookworm", "3.12-slim-bookworm")]
    [InlineData("python", "3.12")]
    [InlineData("python:latest", "3.12")]
    [InlineData("python:3-alpine", "3.12-alpine")]
    [InlineData("python:3.14-rc-slim", "3.12-slim")]
    [InlineData("python:3-foo", null)]
    [InlineData("ubuntu:22.04", null)]
    public void TagWithPythonVersion_replaces_only_the_version(string reference, string? expected) =>
        Assert.Equal(expected, BaseImageDocs.AnalyzeReference(reference).TagWithPythonVersion("3.12"));

    [Theory]
    [InlineData("python:3.12-slim", "python:3.12-slim")]
    [InlineData("localhost:5000/python:3.12@" + Sha, "localhost:5000/python:3.12@" + Sha)]
    [InlineData("ghcr.io/astral-sh/uv", "ghcr.io/astral-sh/uv")]
    public void Reference_writes_the_parts_back(string reference, string expected) =>
        Assert.Equal(expected, BaseImageDocs.AnalyzeReference(reference).Reference);

    [Theory]
    [InlineData("")]
    [InlineData("python:")]
    [InlineData("python:-")]
    [InlineData("python:3.")]
    [InlineData("python:.12")]
    [InlineData("python:99999999999999")]
    [InlineData("python:${")]
    [InlineData("python:3.12-slim-}")]
    [InlineData("@")]
    [InlineData("ghcr.io/astral-sh/uv:-")]
    [InlineData("gcr.io/distroless/python3-debianX")]
    public void Odd_references_never_throw(string reference)
    {
        var info = BaseImageDocs.AnalyzeReference(reference);
        Assert.NotNull(BaseImageDocs.Hover(info));
    }

    [Theory]
    [InlineData("python:3.12", "~1 GB")]
    [InlineData("python:3.12-slim", "120–150 MB")]
    [InlineData("python:3.12-alpine", "~50 MB")]
    [InlineData("python:3.12-alpine", "compiled from source")]
    [InlineData("gcr.io/distroless/python3-debian12", "50–60 MB")]
    [InlineData("gcr.io/distroless/python3-debian12", "no shell")]
    [InlineData("gcr.io/distroless/python3-debian12", "`/usr/bin/python3.11`")]
    [InlineData("gcr.io/distroless/python3-debian12", "`PYTHONPATH`")]
    [InlineData("python:3.12-slim", "glibc")]
    [InlineData("python:latest", "not pinned")]
    [InlineData("python:3-slim", "major version only")]
    [InlineData("python:3.12-slim@" + Sha, "pinned by digest")]
    [InlineData("ghcr.io/astral-sh/uv:latest", "only the `uv` and `uvx` binaries")]
    [InlineData("ghcr.io/astral-sh/uv:0.5-python3.12-bookworm-slim", "Python 3.12")]
    [InlineData("scratch", "empty image")]
    [InlineData("python@" + Sha, "pinned by digest alone")]
    [InlineData("ghcr.io/astral-sh/uv:bookworm-slim", "uv is not pinned")]
    [InlineData("ghcr.io/astral-sh/uv:0.5-python3.12-bookworm-slim", "uv 0.5 pinned; Python 3.12 is fixed by the tag")]
    [InlineData("ubuntu:22.04", "the tag names a version")]
    [InlineData("ubuntu", "not pinned")]
    public void Hover_states_the_facts_of_the_variant(string reference, string fact) =>
        Assert.Contains(fact, BaseImageDocs.Hover(BaseImageDocs.AnalyzeReference(reference)));

    [Theory]
    [InlineData("python:3.12", "FROM python:3.12-slim")]
    [InlineData("python:3.12-bookworm", "FROM python:3.12-slim-bookworm")]
    [InlineData("python:3.12-alpine3.20", "FROM python:3.12-slim")]
    [InlineData("python:latest", "FROM python:" + BaseImageDocs.ExamplePythonVersion + "-slim")]
    [InlineData("python:3-slim", "FROM python:" + BaseImageDocs.ExamplePythonVersion + "-slim")]
    [InlineData("localhost:5000/python:3.12", "FROM localhost:5000/python:3.12-slim")]
    [InlineData("ghcr.io/astral-sh/uv", "COPY --from=ghcr.io/astral-sh/uv:0.5 /uv /uvx /bin/")]
    public void Hover_shows_the_better_form(string reference, string example)
    {
        var hover = BaseImageDocs.Hover(BaseImageDocs.AnalyzeReference(reference));

        Assert.Contains("```dockerfile\n" + example + "\n```", hover);
    }

    [Theory]
    [InlineData("python:3.12-slim")]
    [InlineData("python:3.12-slim-bookworm@" + Sha)]
    [InlineData("gcr.io/distroless/python3-debian12:nonroot")]
    public void Hover_of_a_good_choice_has_no_example(string reference) =>
        Assert.DoesNotContain("```", BaseImageDocs.Hover(BaseImageDocs.AnalyzeReference(reference)));

    [Theory]
    [MemberData(nameof(References))]
    public void Every_hover_is_short_and_complete(
        string reference, BaseImageFamily family, ImageVariant variant, string? python, PinLevel pinning, Libc libc, string? debian)
    {
        _ = (family, variant, python, pinning, libc, debian);
        var info = BaseImageDocs.AnalyzeReference(reference);
        var hover = BaseImageDocs.Hover(info);

        DocText.AssertHover(hover);
        Assert.StartsWith("**`" + info.Reference + "`**", hover);
    }
}
