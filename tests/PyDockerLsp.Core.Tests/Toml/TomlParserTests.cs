using PyDockerLsp.Core.Python.Toml;
using PyDockerLsp.Core.Text;

namespace PyDockerLsp.Core.Tests.Toml;

/// <summary>What consumers rely on beyond toml-test: the spans of keys and values, the typed API, the error
/// positions and messages, and how much of a broken document is still understood.</summary>
public sealed class TomlParserTests
{
    private static string At(string text, TextSpan span) => text.Substring(span.Start, span.Length);

    // ------------------------------------------------------------------ spans

    public static TheoryData<string, string[], string, string> ValueSpans => new()
    {
        // document, path to the value, source text of the key segment, source text of the value
        { "name = \"demo\"\n", new[] { "name" }, "name", "\"demo\"" },
        { "a.b.c = 1\n", new[] { "a", "b", "c" }, "c", "1" },
        { "a . \"b c\" = true\n", new[] { "a", "b c" }, "\"b c\"", "true" },
        { "[tool.poetry]\nversion = '1.0'\n", new[] { "tool", "poetry", "version" }, "version", "'1.0'" },
        { "deps = [\n  \"x\",\n  \"y\",\n]\n", new[] { "deps" }, "deps", "[\n  \"x\",\n  \"y\",\n]" },
        { "t = { x = 1, y = [2] }\n", new[] { "t", "y" }, "y", "[2]" },
        { "d = 1979-05-27 07:32:00Z # c\n", new[] { "d" }, "d", "1979-05-27 07:32:00Z" },
        { "f = -1_000.5e-3\n", new[] { "f" }, "f", "-1_000.5e-3" },
        { "s = '''\nraw\n'''\n", new[] { "s" }, "s", "'''\nraw\n'''" },
        { "\uFEFFk = 0x1F\n", new[] { "k" }, "k", "0x1F" },
    };

    [Theory]
    [MemberData(nameof(ValueSpans))]
    public void Every_key_and_value_keeps_its_source_span(string text, string[] path, string keyText, string valueText)
    {
        var document = TomlParser.Parse(text);
        Assert.Empty(document.Errors);
        var parent = document.Root.GetTable(path[..^1]);
        Assert.NotNull(parent);
        Assert.True(parent!.TryGetEntry(path[^1], out var entry));
        Assert.Equal(keyText, At(text, entry.KeySpan));
        Assert.Equal(valueText, At(text, entry.Value.Span));
    }

    public static TheoryData<string, string, string> StringContents => new()
    {
        // document, the string's value, the source text of its content span
        { "s = \"plain\"", "plain", "plain" },
        { "s = 'C:\\dir'", "C:\\dir", "C:\\dir" },
        { "s = \"tab\\there\"", "tab\there", "tab\\there" },
        { "s = \"\"\"\nfirst\nsecond\"\"\"", "first\nsecond", "first\nsecond" },
        { "s = \"\"\"one \\\n    two\"\"\"", "one two", "one \\\n    two" },
        { "s = '''it''s'''", "it''s", "it''s" },
        { "s = \"\"\"q\"\"\"\"\"", "q\"\"", "q\"\"" },
    };

    [Theory]
    [MemberData(nameof(StringContents))]
    public void A_string_knows_its_value_and_the_span_between_its_delimiters(string text, string value, string contentText)
    {
        var document = TomlParser.Parse(text);
        Assert.Empty(document.Errors);
        Assert.True(document.Root.TryGet("s", out TomlString s));
        Assert.Equal(value, s.Value);
        Assert.Equal(contentText, At(text, s.ContentSpan));
        Assert.Equal(value == contentText, s.IsVerbatim);
    }

    [Fact]
    public void A_verbatim_string_maps_value_offsets_back_to_the_document()
    {
        const string text = "dependencies = [\"requests>=2.31\"]";
        var document = TomlParser.Parse(text);
        var requirement = (TomlString)document.Root.Get<TomlArray>("dependencies")[0];
        Assert.Equal(">=2.31", At(text, requirement.MapToSource(8, 6)));
    }

    [Fact]
    public void A_header_table_spans_its_header_and_its_lines_and_remembers_the_header()
    {
        const string text = "[project]\nname = \"x\"\nversion = \"1\"  # note\n\n[tool.uv]\npackage = false\n";
        var document = TomlParser.Parse(text);
        Assert.Empty(document.Errors);
        var project = document.Root.GetTable("project")!;
        Assert.Equal(TomlTableKind.Header, project.TableKind);
        Assert.Equal("[project]", At(text, project.HeaderSpan!.Value));
        Assert.Equal("[project]\nname = \"x\"\nversion = \"1\"", At(text, project.Span));
        var tool = document.Root.GetTable("tool")!;
        Assert.Equal(TomlTableKind.Implicit, tool.TableKind);
        Assert.Null(tool.HeaderSpan);
        Assert.Equal("tool", At(text, tool.Span));
        Assert.Equal("[tool.uv]\npackage = false", At(text, document.Root.GetTable("tool", "uv")!.Span));
    }

    [Fact]
    public void An_array_of_tables_spans_all_its_elements()
    {
        const string text = "[[package]]\nname = \"a\"\n\n[[package]]\nname = \"b\"\n[other]\n";
        var document = TomlParser.Parse(text);
        var packages = document.Root.Get<TomlArray>("package");
        Assert.True(packages.IsArrayOfTables);
        Assert.Equal(2, packages.Count);
        Assert.Equal("[[package]]\nname = \"a\"\n\n[[package]]\nname = \"b\"", At(text, packages.Span));
        var second = (TomlTable)packages[1];
        Assert.Equal(TomlTableKind.ArrayElement, second.TableKind);
        Assert.Equal("b", second.GetString("name"));
    }

    // ------------------------------------------------------------------ typed API

    [Fact]
    public void Tables_keep_document_order_and_offer_typed_lookups()
    {
        const string text = "z = 1\na = 'x'\nm.n = 2.5\nt = 1979-05-27\n";
        var root = TomlParser.Parse(text).Root;
        Assert.Equal(new[] { "z", "a", "m", "t" }, root.Keys.ToArray());
        Assert.Equal(1L, root.Get<TomlInteger>("z").Value);
        Assert.Equal("x", root.GetString("a"));
        Assert.Null(root.GetString("z"));
        Assert.False(root.TryGet("missing", out TomlValue _));
        Assert.False(root.TryGet("z", out TomlString _));
        Assert.Equal(2.5, ((TomlFloat)root.GetValue("m", "n")!).Value);
        Assert.Equal(TomlTableKind.Dotted, root.GetTable("m")!.TableKind);
        Assert.Null(root.GetTable("z"));
        Assert.Null(root.GetTable("m", "n"));
        var date = root.Get<TomlDateTime>("t");
        Assert.Equal((TomlValueKind.LocalDate, "1979-05-27", 1979, 5, 27), (date.Kind, date.Raw, date.Year, date.Month, date.Day));
    }

    public static TheoryData<string, TomlValueKind, string> DateTimes => new()
    {
        { "1979-05-27T07:32:00Z", TomlValueKind.OffsetDateTime, "1979-05-27T07:32:00.0000000+00:00" },
        { "1979-05-27t00:32:00.999999-07:00", TomlValueKind.OffsetDateTime, "1979-05-27T00:32:00.9999990-07:00" },
        { "1979-05-27 07:32:00", TomlValueKind.LocalDateTime, "" },
        { "1979-05-27", TomlValueKind.LocalDate, "" },
        { "00:32:00.5", TomlValueKind.LocalTime, "" },
    };

    [Theory]
    [MemberData(nameof(DateTimes))]
    public void The_four_date_time_forms_are_told_apart(string literal, TomlValueKind kind, string instant)
    {
        var value = TomlParser.Parse("d = " + literal).Root.Get<TomlDateTime>("d");
        Assert.Equal(kind, value.Kind);
        Assert.Equal(literal, value.Raw);
        Assert.Equal(instant, value.ToDateTimeOffset()?.ToString("o") ?? "");
    }

    // ------------------------------------------------------------------ errors

    public static TheoryData<string, string, string> Errors => new()
    {
        // document, source text the first error covers, a phrase of its message
        { "name = demo\n", "d", "Strings must be quoted" },
        { "a = 1\na = 2\n", "a", "already defined" },
        { "[project]\nx = 1\n[project]\n", "project", "defined twice" },
        { "v = 0755\n", "0755", "leading zeros" },
        { "v = 9223372036854775808\n", "9223372036854775808", "64-bit" },
        { "v = \"tab\\q\"\n", "\\q", "not a valid escape" },
        { "v = \"open\n", "\"open", "not closed" },
        { "v = { a = 1,\n", "", "one line" },
        { "v = 2024-02-30\n", "2024-02-30", "no day 30" },
        { "v = 1 2\n", "2", "end of the line" },
        { "[a]\nb = 1\n[a.b]\n", "a.b", "already holds an integer" },
        { "a = {}\n[a]\n", "a", "written inline" },
        { "x = \"\"\"never closed\n", "\"\"\"", "never closed" },
        { "[tool\n", "", "close the table header" },
    };

    [Theory]
    [MemberData(nameof(Errors))]
    public void Errors_point_at_the_offending_text_and_say_what_is_wrong(string text, string covered, string phrase)
    {
        var document = TomlParser.Parse(text);
        Assert.NotEmpty(document.Errors);
        var error = document.Errors[0];
        Assert.Equal(covered, At(text, error.Span));
        Assert.Contains(phrase, error.Message);
    }

    [Fact]
    public void A_redefinition_points_back_at_the_first_definition()
    {
        const string text = "[a]\n[b]\n[a]\n";
        var error = Assert.Single(TomlParser.Parse(text).Errors);
        Assert.Equal(new TextSpan(9, 1), error.Span);
        Assert.Equal("[a]", At(text, error.Related!.Value));
    }

    // ------------------------------------------------------------------ recovery

    [Fact]
    public void Parsing_continues_on_the_line_after_an_error()
    {
        const string text = "a = 1\nb = oops\nc = 3\n[t]\nd = 4\n";
        var document = TomlParser.Parse(text);
        Assert.Single(document.Errors);
        Assert.Equal(new[] { "a", "c", "t" }, document.Root.Keys.ToArray());
        Assert.Equal(4L, document.Root.GetTable("t")!.Get<TomlInteger>("d").Value);
    }

    [Fact]
    public void A_broken_array_keeps_its_complete_elements_and_its_leftovers_give_no_more_errors()
    {
        const string text = "deps = [\n  \"a\",\n  \"b\" \"c\",\n  \"d\",\n]\nname = \"x\"\n";
        var document = TomlParser.Parse(text);
        var error = Assert.Single(document.Errors);
        Assert.Equal(new TextSpan(text.IndexOf("\"c\"", StringComparison.Ordinal), 1), error.Span);
        var deps = document.Root.Get<TomlArray>("deps");
        Assert.Equal(new[] { "a", "b" }, deps.Select(v => v.AsString).ToArray());
        Assert.Equal("x", document.Root.GetString("name"));
    }

    [Fact]
    public void An_unclosed_array_does_not_swallow_the_next_key()
    {
        const string text = "deps = [\n  \"a\",\n  \"b\"\nname = \"x\"\n";
        var document = TomlParser.Parse(text);
        var error = Assert.Single(document.Errors);
        Assert.Equal("n", At(text, error.Span));
        Assert.Equal(2, document.Root.Get<TomlArray>("deps").Count);
        Assert.Equal("x", document.Root.GetString("name"));
    }

    [Fact]
    public void Lines_under_a_rejected_header_do_not_land_in_the_previous_table()
    {
        const string text = "[a]\nx = 1\n[a]\ny = 2\n";
        var document = TomlParser.Parse(text);
        Assert.Single(document.Errors);
        Assert.Equal(new[] { "x" }, document.Root.GetTable("a")!.Keys.ToArray());
    }

    [Fact]
    public void Nesting_deeper_than_the_limit_is_an_error_not_a_crash()
    {
        string text = "a = " + new string('[', 5000) + new string(']', 5000);
        var document = TomlParser.Parse(text);
        Assert.Contains(document.Errors, e => e.Message.Contains("nested"));
    }

    [Fact]
    public void Mangled_copies_of_the_valid_toml_test_cases_never_make_the_parser_throw()
    {
        // Deterministic edits (delete, duplicate, or insert a TOML-significant character) of every valid case.
        const string significant = "[]{}=,.\"'#\n\r\\ tx0_-+:\u0000\uD800";
        var random = new Random(5);
        int parsed = 0;
        foreach (var testCase in TomlTestSuite.ValidCases)
        {
            var (original, _) = TomlTestSuite.Read(testCase);
            if (original == null) continue;
            for (int round = 0; round < 20; round++)
            {
                var text = new System.Text.StringBuilder(original);
                for (int edit = 0; edit < 1 + round % 3; edit++)
                {
                    int at = text.Length == 0 ? 0 : random.Next(text.Length);
                    switch (random.Next(3))
                    {
                        case 0 when text.Length > 0: text.Remove(at, 1); break;
                        case 1 when text.Length > 0: text.Insert(at, text[at]); break;
                        default: text.Insert(at, significant[random.Next(significant.Length)]); break;
                    }
                }
                string mangled = text.ToString();
                var document = TomlParser.Parse(mangled);
                foreach (var error in document.Errors)
                {
                    Assert.InRange(error.Span.Start, 0, mangled.Length);
                    Assert.InRange(error.Span.End, error.Span.Start, mangled.Length);
                }
                parsed++;
            }
        }
        Assert.Equal(210 * 20, parsed);
    }

    [Fact]
    public void Dotted_keys_of_any_length_do_not_exhaust_the_stack()
    {
        string key = string.Join(".", Enumerable.Repeat("a", 100_000));
        var inline = TomlParser.Parse("t = { " + key + " = 1 }");
        Assert.Empty(inline.Errors);
        var top = TomlParser.Parse(key + " = 1");
        Assert.Empty(top.Errors);
    }

    [Theory]
    [InlineData("0000-01-01T00:00:00Z")]
    [InlineData("2000-01-01T00:00:00+23:59")]
    [InlineData("2016-12-31T23:59:60Z")]
    public void Date_times_beyond_what_dotnet_represents_still_parse(string literal)
    {
        var document = TomlParser.Parse("d = " + literal);
        Assert.Empty(document.Errors);
        var value = document.Root.Get<TomlDateTime>("d");
        Assert.Equal(literal, value.Raw);
        _ = value.ToDateTimeOffset();
    }

    [Fact]
    public void Every_prefix_of_a_document_parses_without_throwing_and_with_errors_inside_the_text()
    {
        const string text = "# c\n[project]\nname = \"x\" # n\ndeps = [\"a\", 'b', \"\"\"c\n\"\"\", '''d''']\nt = { a.b = 1, c = [1.5e3, -inf] }\n"
            + "[[p]]\nd = 1979-05-27T07:32:00.5+01:00\ne = 0x_1\n\"q\\u00e9\" = 07:32:00\n";
        for (int length = 0; length <= text.Length; length++)
        {
            string prefix = text[..length];
            var document = TomlParser.Parse(prefix);
            foreach (var error in document.Errors)
            {
                Assert.InRange(error.Span.Start, 0, prefix.Length);
                Assert.InRange(error.Span.End, error.Span.Start, prefix.Length);
            }
        }
    }
}
