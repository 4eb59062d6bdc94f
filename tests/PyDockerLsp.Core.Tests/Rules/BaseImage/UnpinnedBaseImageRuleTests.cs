using System.Text.Json;
using PyDockerLsp.Core.Analysis;
using PyDockerLsp.Core.Tests.Rules.Support;
using PyDockerLsp.Core.Tests.Support;
using Xunit.Abstractions;

namespace PyDockerLsp.Core.Tests.Rules.BaseImage;

/// <summary>PD103 unpinned-base-image: base images need a version tag; Python images need X.Y.</summary>
public class UnpinnedBaseImageRuleTests
{
    private const string Rule = "PD103";
    private const string PinFix = "Pin the base image";
    private readonly ITestOutputHelper _output;

    public UnpinnedBaseImageRuleTests(ITestOutputHelper output) => _output = output;

    public static TheoryData<string, string> Fires => new()
    {
        { "python without a tag", "FROM ⟦python⟧\n" },
        { "python:latest", "FROM python:⟦latest⟧\n" },
        { "major only", "FROM python:⟦3⟧\n" },
        { "major only, slim", "FROM python:⟦3-slim⟧\n" },
        { "variant without version", "FROM python:⟦slim-bookworm⟧\n" },
        { "any image without a tag", "FROM ⟦node⟧ AS web\n" },
        { "any image on latest", "FROM --platform=linux/arm64 node:⟦latest⟧\n" },
        { "a builder stage counts too", "FROM python:⟦3⟧ AS builder\nFROM python:3.12-slim\n" },
        { "major-only version from a build argument", "ARG PY=3\nFROM python:⟦${PY}-slim⟧\n" },
        { "whole image from a build argument", "ARG IMAGE=node\nFROM ⟦${IMAGE}⟧\n" },
        { "registry with port, no tag", "FROM ⟦localhost:5000/python⟧\n" },
        { "uv image without tag", "FROM ⟦ghcr.io/astral-sh/uv⟧\n" },
        { "uv image with neither uv nor Python version", "FROM ghcr.io/astral-sh/uv:⟦bookworm-slim⟧ AS builder\nFROM debian:bookworm-slim\n" },
        { "distroless without its Debian release", "FROM ⟦gcr.io/distroless/python3⟧\n" },
        { "every stage separately", "FROM ⟦python⟧ AS a\nFROM python:⟦3⟧ AS b\nFROM python:3.12\n" },
    };

    [Theory]
    [MemberData(nameof(Fires))]
    public void Reports_the_tag_that_does_not_pin_a_version(string _, string dockerfile) =>
        RuleFixture.Dockerfile(dockerfile).AssertFindings(Rule);

    public static TheoryData<string, string> Silent => new()
    {
        { "X.Y", "FROM python:3.12-slim\n" },
        { "X.Y.Z", "FROM python:3.12.4\n" },
        { "stage reference", "FROM python:3.12-slim AS base\nFROM base\n" },
        { "stage reference through a build argument", "ARG FROM_STAGE=base\nFROM python:3.12-slim AS base\nFROM ${FROM_STAGE}\n" },
        { "scratch", "FROM scratch\n" },
        { "digest without tag", "FROM python@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef\n" },
        { "digest with a moving tag", "FROM python:3-slim@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef\n" },
        { "major-only tag of another image", "FROM node:20\n" },
        { "codename tag of another image", "FROM debian:bookworm-slim\n" },
        { "build argument without default", "FROM ${VALUE}\n" },
        { "version argument with a default", "ARG PY=3.12\nFROM python:${PY}-slim\n" },
        { "distroless with its Debian release", "FROM gcr.io/distroless/python3-debian12\n" },
        { "distroless nonroot tag", "FROM gcr.io/distroless/python3-debian12:nonroot\n" },
        { "uv image with a Python version", "FROM ghcr.io/astral-sh/uv:python3.12-bookworm-slim\n" },
        { "uv image with a uv version", "FROM ghcr.io/astral-sh/uv:0.5.11-bookworm-slim\n" },
        { "hadolint's ignore comment", "# hadolint ignore=DL3007\nFROM python:latest\n" },
    };

    [Theory]
    [MemberData(nameof(Silent))]
    public void Stays_silent_on_pinned_images_stage_references_and_scratch(string _, string dockerfile) =>
        RuleFixture.Dockerfile(dockerfile).AssertSilent(Rule);

    public static TheoryData<string, string> Fixes => new()
    {
        { "FROM python:3-slim\n", "FROM python:3.13-slim\n" },
        { "FROM python\n", "FROM python:3.13\n" },
        { "FROM python:latest AS app\r\nCMD [\"python\"]\r\n", "FROM python:3.13 AS app\r\nCMD [\"python\"]\r\n" },
        { "FROM python:slim-bookworm\n", "FROM python:3.13-slim-bookworm\n" },
        { "FROM docker.io/library/python:3-alpine\n", "FROM docker.io/library/python:3.13-alpine\n" },
        { "  FROM --platform=$TARGETPLATFORM python:3 AS builder\n  FROM python:3.12-slim\n", "  FROM --platform=$TARGETPLATFORM python:3.13 AS builder\n  FROM python:3.12-slim\n" },
        { "# escape=`\nFROM python:3\nRUN pip install `\n    flask\n", "# escape=`\nFROM python:3.13\nRUN pip install `\n    flask\n" },
    };

    [Theory]
    [MemberData(nameof(Fixes))]
    public void The_fix_pins_the_current_stable_python_without_a_project_constraint(string before, string after) =>
        Assert.Equal(after, RuleFixture.Dockerfile(before).ApplyFixAndVerify(Rule, PinFix));

    public static TheoryData<string, string, string, string> ProjectFixes => new()
    {
        { "pyproject.toml", "[project]\nname = \"app\"\nrequires-python = \">=3.10,<3.13\"\n", "python:3.12-slim", "requires-python >=3.10,<3.13" },
        { "pyproject.toml", "[project]\nname = \"app\"\nrequires-python = \">=3.11\"\n", "python:3.14-slim", "requires-python >=3.11" },
        { ".python-version", "3.11\n", "python:3.11-slim", ".python-version 3.11" },
        { "pyproject.toml", "[tool.poetry]\nname = \"app\"\n[tool.poetry.dependencies]\npython = \"~3.10\"\n", "python:3.10-slim", "python ~3.10" },
        { "Pipfile", "[requires]\npython_version = \"3.9\"\n", "python:3.9-slim", "python_version 3.9" },
    };

    [Theory]
    [MemberData(nameof(ProjectFixes))]
    public void The_fix_pins_the_newest_version_the_project_allows(string file, string content, string pinned, string because)
    {
        var fixture = RuleFixture.Dockerfile("FROM python:3-slim\n").File(file, content);
        var finding = Assert.Single(fixture.Run(Rule));
        var fix = Assert.Single(finding.Fixes, f => f.Title.StartsWith(PinFix, StringComparison.Ordinal));
        Assert.Contains(pinned, fix.Title, StringComparison.Ordinal);
        Assert.Contains(because, fix.Title, StringComparison.Ordinal);
        Assert.Equal(FixSafety.Unsafe, fix.Safety);
        Assert.Equal("FROM " + pinned + "\n", fixture.ApplyFixAndVerify(Rule, PinFix));
    }

    [Fact]
    public void A_uv_image_without_a_uv_version_is_reported_for_uv_not_python()
    {
        var finding = Assert.Single(RuleFixture.Dockerfile("FROM ghcr.io/astral-sh/uv:bookworm-slim\n").Run(Rule));
        Assert.Contains("no uv version", finding.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("FROM node\n", null, null)]
    [InlineData("ARG PY=3\nFROM python:${PY}-slim\n", null, null)]
    [InlineData("FROM python:rc\n", null, null)]
    [InlineData("FROM python:3-rc-slim\n", null, null)]
    [InlineData("FROM python:2\n", null, null)]
    [InlineData("FROM python:3-slim\n", "pyproject.toml", "[project]\nname = \"app\"\nrequires-python = \"<3.8\"\n")]
    public void No_pin_is_offered_when_the_version_is_not_ours_to_choose(string dockerfile, string? file, string? content)
    {
        var fixture = RuleFixture.Dockerfile(dockerfile);
        if (file is not null) fixture.File(file, content!);
        var finding = Assert.Single(fixture.Run(Rule));
        Assert.DoesNotContain(finding.Fixes, f => f.Title.StartsWith(PinFix, StringComparison.Ordinal));
    }

    /// <summary>
    /// hadolint's DL3006 (untagged) and DL3007 (latest) expectations, run through PD103 as they are. Every snippet
    /// of these two rules has a FROM, so all are comparable (ONBUILD variants wrap the RUNs, which PD103 does not read).
    /// Measured: 16 of 16 agree.
    /// </summary>
    [Fact]
    public void Agrees_with_hadolint_DL3006_and_DL3007()
    {
        int total = 0, agreeing = 0;
        foreach (var line in File.ReadLines(TestPaths.Conformance("hadolint-rules", "cases.jsonl")))
        {
            using var json = JsonDocument.Parse(line);
            var root = json.RootElement;
            var hadolintRule = root.GetProperty("rule").GetString();
            if (hadolintRule is not ("DL3006" or "DL3007")) continue;
            total++;
            var dockerfile = root.GetProperty("dockerfile").GetString()! + "\n";
            if (root.GetProperty("onbuild").GetBoolean())
                dockerfile = string.Join("\n", dockerfile.Split('\n').Select(l => l.StartsWith("RUN ", StringComparison.Ordinal) ? "ONBUILD " + l : l));
            var expectViolation = root.GetProperty("expect").GetString() == "violation";
            int? count = root.GetProperty("count").ValueKind == JsonValueKind.Number ? root.GetProperty("count").GetInt32() : null;
            int ours = RuleFixture.Dockerfile(dockerfile).Run(Rule).Count;
            bool agrees = count is { } exact ? ours == exact : expectViolation == (ours > 0);
            if (agrees) agreeing++;
            else _output.WriteLine($"differs: {root.GetProperty("id").GetString()} expected {(expectViolation ? "violation" : "none")} (count {count?.ToString() ?? "any"}), PD103 gave {ours}: {dockerfile.Replace("\n", "\\n")}");
        }
        _output.WriteLine($"PD103 agrees with hadolint DL3006/DL3007 on {agreeing} of {total} cases.");
        Assert.Equal(16, total);
        Assert.True(agreeing >= 16, $"agreement fell to {agreeing}/{total}");
    }
}
