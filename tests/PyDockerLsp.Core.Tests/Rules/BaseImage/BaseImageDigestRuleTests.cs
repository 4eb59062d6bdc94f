using PyDockerLsp.Core.Analysis;
using PyDockerLsp.Core.Analysis.Rules;
using PyDockerLsp.Core.Tests.Rules.Support;

namespace PyDockerLsp.Core.Tests.Rules.BaseImage;

/// <summary>PD108 base-image-digest (opt-in): the final image's base should be pinned by digest.</summary>
public class BaseImageDigestRuleTests
{
    private const string Rule = "PD108";
    private const string Digest = "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    public static TheoryData<string, string> Fires => new()
    {
        { "tag only", "FROM ⟦python:3.12.4-slim⟧\n" },
        { "no tag", "FROM ⟦python⟧\n" },
        { "the base of the final stage", "FROM ⟦python:3.12-slim⟧ AS base\nFROM base\n" },
        { "with --platform and name", "FROM --platform=linux/amd64 ⟦gcr.io/distroless/python3-debian12⟧ AS app\n" },
        { "build argument default", "ARG PY=3.12\nFROM ⟦python:${PY}-slim⟧\n" },
    };

    [Theory]
    [MemberData(nameof(Fires))]
    public void Reports_the_final_base_image_without_digest(string _, string dockerfile) =>
        RuleFixture.Dockerfile(dockerfile).AssertFindings(Rule);

    public static TheoryData<string, string> Silent => new()
    {
        { "digest", $"FROM python:3.12.4-slim@{Digest}\n" },
        { "digest without tag", $"FROM python@{Digest}\n" },
        { "builder without digest", $"FROM python:3.12 AS builder\nFROM python:3.12-slim@{Digest}\n" },
        { "scratch", "FROM python:3.12 AS builder\nFROM scratch\n" },
        { "unresolved build argument", "FROM ${BASE_IMAGE}\n" },
    };

    [Theory]
    [MemberData(nameof(Silent))]
    public void Stays_silent_on_digests_builders_and_scratch(string _, string dockerfile) =>
        RuleFixture.Dockerfile(dockerfile).AssertSilent(Rule);

    [Fact]
    public void Is_off_unless_selected()
    {
        Assert.True(RuleRegistry.Find(Rule)!.IsOptIn);
        var fs = RuleFixture.Dockerfile("FROM python:3.12-slim\n").FileSystem();
        var findings = DocumentAnalyzer.Analyze(RuleFixture.Root + "/Dockerfile", fs, AnalysisOptions.Default, CancellationToken.None);
        Assert.DoesNotContain(findings, f => f.Code == Rule);
    }
}
