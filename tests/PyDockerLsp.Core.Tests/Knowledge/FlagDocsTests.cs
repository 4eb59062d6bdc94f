using PyDockerLsp.Core.Features.Knowledge;

namespace PyDockerLsp.Core.Tests.Knowledge;

public class FlagDocsTests
{
    /// <summary>Every flag of the Dockerfile reference, written out independently of the implementation.</summary>
    private static readonly (string Instruction, string Flag)[] Flags =
    {
        ("FROM", "--platform"),
        ("RUN", "--mount"), ("RUN", "--network"), ("RUN", "--security"), ("RUN", "--device"),
        ("COPY", "--from"), ("COPY", "--chown"), ("COPY", "--chmod"), ("COPY", "--link"),
        ("COPY", "--parents"), ("COPY", "--exclude"),
        ("ADD", "--chown"), ("ADD", "--chmod"), ("ADD", "--link"), ("ADD", "--exclude"),
        ("ADD", "--checksum"), ("ADD", "--keep-git-dir"), ("ADD", "--unpack"),
        ("HEALTHCHECK", "--interval"), ("HEALTHCHECK", "--timeout"), ("HEALTHCHECK", "--start-period"),
        ("HEALTHCHECK", "--start-interval"), ("HEALTHCHECK", "--retries"),
    };

    public static TheoryData<string, string> InstructionFlags
    {
        get
        {
            var data = new TheoryData<string, string>();
            foreach (var (instruction, flag) in Flags) data.Add(instruction, flag);
            return data;
        }
    }

    [Theory]
    [MemberData(nameof(InstructionFlags))]
    public void Every_flag_has_complete_documentation(string instruction, string flag)
    {
        var doc = FlagDocs.Find(instruction, flag);

        Assert.NotNull(doc);
        Assert.Equal(instruction, doc.Instruction);
        Assert.Equal(flag, doc.Name);
        DocText.AssertOneLine(doc.Summary, flag + " summary");
        DocText.AssertOneLine(doc.Syntax, flag + " syntax");
        Assert.StartsWith(flag, doc.Syntax);
        DocText.AssertText(doc.Description, flag + " description");
        if (doc.PythonAdvice is not null) DocText.AssertText(doc.PythonAdvice, flag + " Python advice");
        DocText.AssertExample(doc.Example, flag + " example");
        DocText.AssertHover(doc.ToMarkdown());
    }

    [Fact]
    public void There_are_no_undocumented_extra_flags() =>
        Assert.Equal(
            Flags.Select(f => f.Instruction + " " + f.Flag).Order(),
            FlagDocs.All.Select(f => f.Instruction + " " + f.Name).Order());

    [Theory]
    [InlineData("COPY", "--chown")]
    [InlineData("copy", "--chown")]
    [InlineData("COPY", "chown")]
    [InlineData("COPY", "--chown=1001:1001")]
    [InlineData("COPY", "--CHOWN")]
    public void Flag_lookup_ignores_case_dashes_and_value(string instruction, string written) =>
        Assert.Equal("--chown", FlagDocs.Find(instruction, written)?.Name);

    [Theory]
    [InlineData("COPY", "--checksum")]   // ADD only
    [InlineData("COPY", "--unpack")]
    [InlineData("ADD", "--from")]        // COPY only
    [InlineData("ADD", "--parents")]
    [InlineData("FROM", "--mount")]
    [InlineData("CMD", "--interval")]
    [InlineData("RUN", "--nope")]
    public void Flags_belong_to_their_instruction_only(string instruction, string flag) =>
        Assert.Null(FlagDocs.Find(instruction, flag));

    [Fact]
    public void ForInstruction_lists_the_flags_of_one_instruction() =>
        Assert.Equal(new[] { "--from", "--chown", "--chmod", "--link", "--parents", "--exclude" },
            FlagDocs.ForInstruction("copy").Select(f => f.Name));

    /// <summary>Mount types and their options per the RUN --mount reference.</summary>
    public static TheoryData<string, string[]> MountTypeOptions => new()
    {
        { "cache",  new[] { "id", "target", "readonly", "sharing", "from", "source", "mode", "uid", "gid" } },
        { "bind",   new[] { "target", "source", "from", "rw" } },
        { "secret", new[] { "id", "target", "env", "required", "mode", "uid", "gid" } },
        { "ssh",    new[] { "id", "target", "required", "mode", "uid", "gid" } },
        { "tmpfs",  new[] { "target", "size" } },
    };

    [Theory]
    [MemberData(nameof(MountTypeOptions))]
    public void Every_mount_type_and_option_has_complete_documentation(string type, string[] options)
    {
        var doc = FlagDocs.FindMountType(type);

        Assert.NotNull(doc);
        Assert.Equal(options, doc.OptionKeys);
        DocText.AssertOneLine(doc.Summary, type + " summary");
        DocText.AssertText(doc.Description, type + " description");
        DocText.AssertText(doc.PythonAdvice, type + " Python advice");
        DocText.AssertExample(doc.Example, type + " example");
        DocText.AssertHover(doc.ToMarkdown());
        foreach (var key in options)
        {
            var option = FlagDocs.FindMountOption(type, key);
            Assert.NotNull(option);
            Assert.Equal(type, option.MountType);
            DocText.AssertOneLine(option.Summary, type + " " + key + " summary");
            DocText.AssertText(option.Description, type + " " + key + " description");
            if (option.Default is not null) DocText.AssertOneLine(option.Default, type + " " + key + " default");
            DocText.AssertHover(option.ToMarkdown());
        }
        Assert.Equal(options.Order(), FlagDocs.MountOptions.Where(o => o.MountType == type).Select(o => o.Key).Order());
    }

    [Fact]
    public void There_are_exactly_five_mount_types() =>
        Assert.Equal(new[] { "bind", "cache", "secret", "ssh", "tmpfs" }, FlagDocs.MountTypes.Select(t => t.Type).Order());

    [Theory]
    [InlineData("cache", "dst", "target")]
    [InlineData("cache", "destination", "target")]
    [InlineData("cache", "ro", "readonly")]
    [InlineData("CACHE", "Sharing", "sharing")]
    [InlineData("bind", "readwrite", "rw")]
    [InlineData("bind", "dst", "target")]
    [InlineData("secret", "destination", "target")]
    [InlineData("ssh", "dst", "target")]
    [InlineData("tmpfs", "destination", "target")]
    [InlineData(null, "source", "source")]             // no type= means bind
    [InlineData("", "rw", "rw")]
    public void Mount_option_aliases_find_their_option(string? type, string written, string key)
    {
        var option = FlagDocs.FindMountOption(type, written);

        Assert.NotNull(option);
        Assert.Equal(key, option.Key);
    }

    [Theory]
    [InlineData("bind", "sharing")]     // cache only
    [InlineData("cache", "env")]        // secret only
    [InlineData("tmpfs", "source")]
    [InlineData("volume", "target")]    // no such type
    public void Mount_options_belong_to_their_type_only(string type, string key) =>
        Assert.Null(FlagDocs.FindMountOption(type, key));

    [Theory]
    [InlineData("/root/.cache/pip")]
    [InlineData("/root/.cache/uv")]
    [InlineData("/root/.cache/pypoetry")]
    [InlineData("/root/.cache/pipenv")]
    [InlineData("/var/cache/apt")]
    [InlineData("/var/lib/apt")]
    [InlineData("sharing=locked")]
    [InlineData("UV_LINK_MODE=copy")]
    [InlineData("POETRY_CACHE_DIR")]
    [InlineData("$HOME/.cache")]
    public void Cache_mount_hover_names_every_cache_target(string fact) =>
        Assert.Contains(fact, FlagDocs.FindMountType("cache")!.ToMarkdown());

    [Fact]
    public void Cache_target_option_names_the_same_directories_as_PackageCaches()
    {
        var text = FlagDocs.FindMountOption("cache", "target")!.Description;

        foreach (var cache in PackageCaches.All)
            foreach (var target in cache.RootTargets)
                Assert.Contains(target, text);
    }

    [Fact]
    public void Bind_hover_shows_bind_mounting_the_manifests() =>
        Assert.Contains("requirements.txt", FlagDocs.FindMountType("bind")!.ToMarkdown());

    [Theory]
    [InlineData("RUN", "--network", new[] { "default", "none", "host" })]
    [InlineData("RUN", "--security", new[] { "sandbox", "insecure" })]
    [InlineData("COPY", "--chown", new string[0])]
    public void Flags_with_a_closed_set_of_values_list_them(string instruction, string flag, string[] values) =>
        Assert.Equal(values, FlagDocs.Find(instruction, flag)!.Values);

    [Theory]
    [InlineData("cache", "sharing", new[] { "shared", "private", "locked" })]
    [InlineData("secret", "required", new[] { "true", "false" })]
    [InlineData("cache", "target", new string[0])]
    public void Mount_options_with_a_closed_set_of_values_list_them(string type, string key, string[] values) =>
        Assert.Equal(values, FlagDocs.FindMountOption(type, key)!.Values);

    [Fact]
    public void Flag_markdown_shows_instruction_flag_syntax_and_minimum_syntax_version()
    {
        var markdown = FlagDocs.Find("COPY", "--link")!.ToMarkdown();

        Assert.StartsWith("**`COPY --link`** — ", markdown);
        Assert.Contains("\n`--link[=<boolean>]` (Dockerfile syntax 1.4+)\n", markdown);
    }

    [Fact]
    public void Mount_option_markdown_names_the_mount_type_in_the_title() =>
        Assert.StartsWith("**`sharing`** (cache mount) — ", FlagDocs.FindMountOption("cache", "sharing")!.ToMarkdown());
}
