using PyDockerLsp.Core.Analysis.Rules.BaseImage;
using PyDockerLsp.Core.Tests.Rules.Support;

namespace PyDockerLsp.Core.Tests.Rules.BaseImage;

/// <summary>PD107 build-tools-in-final-stage: compilers and -dev packages do not belong in the shipped image.</summary>
public class BuildToolsInFinalStageRuleTests
{
    private const string Rule = "PD107";

    public static TheoryData<string, string> Fires => new()
    {
        { "apt compiler and headers",
          "FROM python:3.12-slim\nRUN apt-get update && apt-get install -y --no-install-recommends ⟦gcc⟧ ⟦libpq-dev⟧ libpq5 \\\n    && rm -rf /var/lib/apt/lists/*\n" },
        { "build-essential and python3-dev", "FROM python:3.12-slim\nRUN apt-get install -y ⟦build-essential⟧ ⟦python3-dev⟧ curl\n" },
        { "g++, make, cmake, pkg-config", "FROM python:3.12-slim\nRUN apt-get install -y ⟦g++⟧ ⟦make⟧ ⟦cmake⟧ ⟦pkg-config⟧ git\n" },
        { "versioned compiler", "FROM ubuntu:24.04\nRUN apt install -y ⟦gcc-13⟧ ⟦clang-17⟧\n" },
        { "version-pinned package word", "FROM python:3.12-slim\nRUN apt-get install -y ⟦gcc=4:12.2.0-3⟧\n" },
        { "options before the subcommand", "FROM python:3.12-slim\nRUN apt-get -y -o Dpkg::Options::=--force-confold install ⟦make⟧\n" },
        { "apk", "FROM python:3.12-alpine\nRUN apk add --no-cache ⟦gcc⟧ ⟦musl-dev⟧ ⟦linux-headers⟧ libffi\n" },
        { "apk virtual group never deleted", "FROM python:3.12-alpine\nRUN apk add --virtual .build-deps ⟦build-base⟧ && pip install numpy\n" },
        { "dnf", "FROM rockylinux:9\nRUN dnf install -y ⟦gcc-c++⟧ ⟦python3-devel⟧ && dnf clean all\n" },
        { "removed only in a later RUN", "FROM python:3.12-slim\nRUN apt-get install -y ⟦gcc⟧\nRUN apt-get purge -y gcc\n" },
        { "only the purged one is forgiven (seed 004)",
          "FROM python:3.12-slim\nRUN apt-get install -y --no-install-recommends \\\n    ⟦libpq-dev⟧ gcc \\\n    && pip install psycopg2-binary \\\n    && apt-get purge -y gcc \\\n    && rm -rf /var/lib/apt/lists/*\n" },
        { "a stage the final one is built on", "FROM python:3.12-slim AS base\nRUN apt-get install -y ⟦gcc⟧\nFROM base\nCMD [\"python\"]\n" },
        { "heredoc script", "FROM python:3.12-slim\nRUN <<EOF\napt-get update\napt-get install -y ⟦gcc⟧\nEOF\n" },
        { "through sudo", "FROM python:3.12-slim\nRUN sudo apt-get install -y ⟦libffi-dev⟧\n" },
    };

    [Theory]
    [MemberData(nameof(Fires))]
    public void Reports_each_build_package_left_in_the_final_image(string _, string dockerfile) =>
        RuleFixture.Dockerfile(dockerfile).AssertFindings(Rule);

    public static TheoryData<string, string> Silent => new()
    {
        { "build packages in a builder stage",
          "FROM python:3.12-slim AS builder\nRUN apt-get install -y gcc libpq-dev\nFROM python:3.12-slim\nRUN apt-get install -y libpq5\n" },
        { "runtime libraries and tools", "FROM python:3.12-slim\nRUN apt-get install -y libpq5 libgomp1 curl git udev ca-certificates\n" },
        { "purged in the same RUN", "FROM python:3.12-slim\nRUN apt-get install -y gcc && pip install x && apt-get purge -y --auto-remove gcc\n" },
        { "remove --purge", "FROM python:3.12-slim\nRUN apt-get install -y make && make && apt-get remove --purge -y make\n" },
        { "purged by a glob", "FROM python:3.12-slim\nRUN apt-get install -y libpq-dev libffi-dev && pip install x && apt-get purge -y '*-dev'\n" },
        { "apk virtual group deleted",
          "FROM python:3.12-alpine\nRUN apk add --no-cache --virtual .build-deps gcc musl-dev \\\n    && pip install numpy \\\n    && apk del --no-network .build-deps\n" },
        { "apk deleted by name", "FROM python:3.12-alpine\nRUN apk add gcc && pip install x && apk del gcc\n" },
        { "apt-mark auto idiom of the official images",
          "FROM debian:bookworm-slim\nRUN savedAptMark=\"$(apt-mark showmanual)\"; apt-get install -y --no-install-recommends gcc make libssl-dev; make install; apt-mark auto '.*' > /dev/null; apt-mark manual $savedAptMark; apt-get purge -y --auto-remove -o APT::AutoRemove::RecommendsImportant=false\n" },
        { "dnf remove", "FROM rockylinux:9\nRUN dnf install -y gcc && pip install x && dnf remove -y gcc\n" },
        { "package list in a variable", "FROM python:3.12-slim\nRUN apt-get install -y $BUILD_DEPS\n" },
        { "apt-get download is not an install", "FROM python:3.12-slim\nRUN apt-get download gcc\n" },
    };

    [Theory]
    [MemberData(nameof(Silent))]
    public void Stays_silent_on_builders_runtime_packages_and_removals(string _, string dockerfile) =>
        RuleFixture.Dockerfile(dockerfile).AssertSilent(Rule);

    [Theory]
    [InlineData("gcc", true)]
    [InlineData("g++-12", true)]
    [InlineData("libpq-dev", true)]
    [InlineData("python3.12-dev", true)]
    [InlineData("openssl-devel", true)]
    [InlineData("linux-headers-amd64", true)]
    [InlineData("build-base", true)]
    [InlineData("libpq5", false)]
    [InlineData("udev", false)]
    [InlineData("gcc-doc", false)]
    [InlineData("git", false)]
    [InlineData("dev", false)]
    public void Classifies_build_packages(string name, bool expected) =>
        Assert.Equal(expected, BuildPackages.IsBuildPackage(name));
}
