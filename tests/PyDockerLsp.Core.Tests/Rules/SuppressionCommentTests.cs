using PyDockerLsp.Core.Analysis.Rules;

namespace PyDockerLsp.Core.Tests.Rules;

public class SuppressionCommentTests
{
    public static TheoryData<string, SuppressionKind?, string> Cases => new()
    {
        { "# pydocker: ignore=PD201,PD301", SuppressionKind.IgnoreNext, "PD201 PD301" },
        { "#pydocker:ignore=pd201", SuppressionKind.IgnoreNext, "PD201" },
        { "# pydocker: ignore = PD201, PD301", SuppressionKind.IgnoreNext, "PD201 PD301" },
        { "# pydocker: ignore-file=PD103", SuppressionKind.IgnoreFile, "PD103" },
        { "# hadolint ignore=DL3008,DL3015", SuppressionKind.HadolintIgnoreNext, "DL3008 DL3015" },
        { "# hadolint global ignore=DL3006", SuppressionKind.HadolintIgnoreFile, "DL3006" },
        { "# pydocker: ignored=PD201", null, "" },      // not the keyword
        { "# install deps, ignore=PD201 later", null, "" },
        { "# pydocker: ignore=", null, "" },            // names nothing
        { "# hadolint shell=bash", null, "" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Parses_suppression_comments(string comment, SuppressionKind? kind, string ids)
    {
        var parsed = SuppressionCommentParser.Parse(comment);
        if (kind is null) { Assert.Null(parsed); return; }
        Assert.NotNull(parsed);
        Assert.Equal(kind, parsed!.Kind);
        Assert.Equal(ids, string.Join(" ", parsed.Ids.Select(i => i.Id)));
    }

    [Fact]
    public void Each_id_keeps_its_absolute_offset()
    {
        const string comment = "# pydocker: ignore=PD201,PD301";
        var parsed = SuppressionCommentParser.Parse(comment, commentStart: 100)!;
        Assert.Equal(100 + comment.IndexOf("PD201", StringComparison.Ordinal), parsed.Ids[0].Offset);
        Assert.Equal(100 + comment.IndexOf("PD301", StringComparison.Ordinal), parsed.Ids[1].Offset);
    }
}
