using PyDockerLsp.Core.Analysis;
using PyDockerLsp.Core.Tests.Rules.Support;

namespace PyDockerLsp.Core.Tests.Rules.BaseImage;

/// <summary>PD101 full-base-image: the final image should not be built on the full Debian python image.</summary>
public class FullBaseImageRuleTests
{
    private const string Rule = "PD101";
    private const string SwitchFix = "Switch to the slim image";
    private const string Digest = "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    public static TheoryData<string, string> Fires => new()
    {
        { "version only", "FROM python:⟦3.12⟧\nCMD [\"python\", \"-m\", \"app\"]\n" },
        { "Debian release named", "FROM python:⟦3.12-bookworm⟧\n" },
        { "patch version", "FROM python:⟦3.12.4⟧\n" },
        { "no tag at all", "FROM ⟦python⟧\n" },
        { "latest", "FROM python:⟦latest⟧\n" },
        { "with --platform and a stage name", "FROM --platform=linux/amd64 python:⟦3.12⟧ AS app\n" },
        { "Docker Hub spelled out", "FROM docker.io/library/python:⟦3.12⟧\n" },
        { "with a digest", $"FROM python:⟦3.12⟧@{Digest}\n" },
        { "lower-case keyword", "from python:⟦3.13⟧\n" },
        { "version from a global ARG default", "ARG PY=3.12\nFROM python:⟦${PY}⟧\n" },
        { "whole image from a global ARG default", "ARG BASE=python:3.12\nFROM ⟦${BASE}⟧\n" },
        { "final stage built on a full base stage", "FROM python:⟦3.12⟧ AS base\nENV PYTHONUNBUFFERED=1\nFROM base\nCMD [\"python\"]\n" },
        { "full builder and full final", "FROM python:3.12 AS builder\nRUN pip wheel -w /w .\nFROM python:⟦3.12⟧\nCOPY --from=builder /w /w\n" },
        { "uv's full Debian image with Python", "FROM ghcr.io/astral-sh/uv:⟦python3.12-bookworm⟧\n" },
    };

    [Theory]
    [MemberData(nameof(Fires))]
    public void Reports_the_tag_of_a_full_python_image_under_the_final_stage(string _, string dockerfile) =>
        RuleFixture.Dockerfile(dockerfile).AssertFindings(Rule);

    public static TheoryData<string, string> Silent => new()
    {
        { "slim", "FROM python:3.12-slim\n" },
        { "slim with Debian release", "FROM python:3.12-slim-bookworm\n" },
        { "alpine (PD102's business)", "FROM python:3.12-alpine\n" },
        { "distroless", "FROM gcr.io/distroless/python3-debian12\n" },
        { "Windows", "FROM python:3.12-windowsservercore-ltsc2022\n" },
        { "full builder, slim final", "FROM python:3.12 AS builder\nRUN pip wheel -w /w .\nFROM python:3.12-slim\nCOPY --from=builder /w /w\n" },
        { "full test stage after the final one is not built", "FROM python:3.12-slim AS app\nFROM python:3.12 AS unrelated\nFROM app\n" },
        { "another image", "FROM debian:bookworm\n" },
        { "uv's slim image", "FROM ghcr.io/astral-sh/uv:python3.12-bookworm-slim\n" },
        { "uv's binary-only image", "FROM ghcr.io/astral-sh/uv:0.5\n" },
        { "digest without tag", $"FROM python@{Digest}\n" },
        { "build argument without default", "ARG PY\nFROM python:${PY}\n" },
        { "slim through a build argument", "ARG PY=3.12-slim\nFROM python:${PY}\n" },
        { "scratch", "FROM scratch\n" },
        { "suppressed", "# pydocker: ignore=PD101\nFROM python:3.12\n" },
    };

    [Theory]
    [MemberData(nameof(Silent))]
    public void Stays_silent_on_slim_and_non_final_images(string _, string dockerfile) =>
        RuleFixture.Dockerfile(dockerfile).AssertSilent(Rule);

    public static TheoryData<string, string> Fixes => new()
    {
        { "FROM python:3.12\n", "FROM python:3.12-slim\n" },
        { "FROM python:3.12-bookworm\n", "FROM python:3.12-slim-bookworm\n" },
        { "FROM python:3.12.4\n", "FROM python:3.12.4-slim\n" },
        { "FROM python:3.11-bullseye AS app\nCMD [\"python\"]\n", "FROM python:3.11-slim-bullseye AS app\nCMD [\"python\"]\n" },
        { "FROM python\n", "FROM python:slim\n" },
        { "FROM python:latest\n", "FROM python:slim\n" },
        { "FROM --platform=$BUILDPLATFORM docker.io/library/python:3.12 AS final\r\nCMD [\"python\"]\r\n",
          "FROM --platform=$BUILDPLATFORM docker.io/library/python:3.12-slim AS final\r\nCMD [\"python\"]\r\n" },
        { "  FROM python:3.13-trixie\n  CMD [\"python\"]\n", "  FROM python:3.13-slim-trixie\n  CMD [\"python\"]\n" },
        { "# escape=`\nFROM python:3.12\nRUN pip install `\n    flask\n", "# escape=`\nFROM python:3.12-slim\nRUN pip install `\n    flask\n" },
        { "FROM python:3.12 AS base\nFROM base\n", "FROM python:3.12-slim AS base\nFROM base\n" },
        { "FROM ghcr.io/astral-sh/uv:python3.12-bookworm\n", "FROM ghcr.io/astral-sh/uv:python3.12-bookworm-slim\n" },
        { "FROM ghcr.io/astral-sh/uv:0.5-debian\n", "FROM ghcr.io/astral-sh/uv:0.5-debian-slim\n" },
        { $"FROM python:3.12@{Digest}\n", "FROM python:3.12-slim\n" },
        { "ARG PY=3.12\nFROM python:${PY}\n", "ARG PY=3.12\nFROM python:${PY}-slim\n" },
        { "ARG PYTHON_VERSION=3.12.4\nFROM python:${PYTHON_VERSION}-bookworm\n", "ARG PYTHON_VERSION=3.12.4\nFROM python:${PYTHON_VERSION}-slim-bookworm\n" },
    };

    [Theory]
    [MemberData(nameof(Fixes))]
    public void The_fix_switches_to_slim_keeping_version_and_debian_release(string before, string after) =>
        Assert.Equal(after, RuleFixture.Dockerfile(before).ApplyFixAndVerify(Rule, SwitchFix));

    [Theory]
    [InlineData("FROM python:3.12\n", FixSafety.Safe, "Switch to the slim image python:3.12-slim")]
    [InlineData("FROM python:3.12@" + Digest + "\n", FixSafety.Unsafe, "Switch to the slim image python:3.12-slim (drops the digest, which pinned the old image)")]
    [InlineData("ARG PY=3.12\nFROM python:${PY}\n", FixSafety.Unsafe, "Switch to the slim image python:${PY}-slim")]
    public void A_digest_or_a_build_argument_makes_the_fix_unsafe(string dockerfile, FixSafety safety, string title)
    {
        var finding = Assert.Single(RuleFixture.Dockerfile(dockerfile).Run(Rule));
        var fix = Assert.Single(finding.Fixes, f => f.Title.StartsWith(SwitchFix, StringComparison.Ordinal));
        Assert.Equal(title, fix.Title);
        Assert.Equal(safety, fix.Safety);
        Assert.True(fix.IsPreferred);
    }

    [Theory]
    [InlineData("ARG BASE=python:3.12\nFROM ${BASE}\n")]
    [InlineData("ARG PY=3.12-bookworm\nFROM python:${PY}\n")]
    [InlineData("ARG PY=3.12\nARG V=bookworm\nFROM python:${PY}-${V}\n")]
    public void No_switch_is_offered_when_the_tag_cannot_be_edited_in_place(string dockerfile)
    {
        var finding = Assert.Single(RuleFixture.Dockerfile(dockerfile).Run(Rule));
        Assert.DoesNotContain(finding.Fixes, f => f.Title.StartsWith(SwitchFix, StringComparison.Ordinal));
    }

    [Fact]
    public void The_message_names_the_image_and_its_slim_counterpart()
    {
        var finding = Assert.Single(RuleFixture.Dockerfile("FROM python:3.12-bookworm\n").Run(Rule));
        Assert.Contains("`python:3.12-bookworm`", finding.Message, StringComparison.Ordinal);
        Assert.Contains("`python:3.12-slim-bookworm`", finding.Message, StringComparison.Ordinal);
    }
}
