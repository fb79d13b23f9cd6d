using Webcare.Chat.Discord.Rendering;
using Webcare.Core.Chat;
using Webcare.Core.Triage;

namespace Webcare.Chat.Discord.Tests;

public sealed class RenderingTests
{
    [Theory]
    [InlineData("**bold** _it_ ~~s~~ `c` ||sp|| > q # h - l [t](u) \\", "\\*\\*bold\\*\\* \\_it\\_ \\~\\~s\\~\\~ \\`c\\` \\|\\|sp\\|\\| \\> q \\# h \\- l \\[t\\]\\(u\\) \\\\")]
    [InlineData("@everyone and @here", "@\u200Beveryone and @\u200Bhere")]
    [InlineData("<@123> <@!1> <#456> <@&789> </cmd:1> <t:1:R>", "<\u200B@123\\> <\u200B@!1\\> <\u200B\\#456\\> <\u200B@&789\\> <\u200B/cmd:1\\> <\u200Bt:1:R\\>")]
    [InlineData("plain text, ok.", "plain text, ok.")]
    [InlineData("rtl\u202Eevil\u202C", "rtlevil")]
    public void Escape_HostileText_IsInert(string raw, string expected) => Assert.Equal(expected, DiscordText.Escape(raw));

    [Fact]
    public void EscapeAndFit_TooLong_CutsWithVisibleEllipsisAndNeverSplitsAnEscape()
    {
        var cut = DiscordText.EscapeAndFit(new string('*', 50), 10);

        Assert.Equal("\\*\\*\\*\\*…", cut); // "\*" pairs stay whole; the "…" counts toward the limit
        Assert.Equal("short", DiscordText.EscapeAndFit("short", 10));
        Assert.Equal(2000, DiscordText.EscapeAndFit(new string('a', 5000), 2000).Length);
    }

    [Fact]
    public void Card_OverEveryLimit_StaysWithinDiscordLimitsWithEllipses()
    {
        var fields = Enumerable.Range(0, 40).Select(i => new CardField("Field " + i, new string('v', 2000))).ToList();
        var actions = Enumerable.Range(0, 12).Select(i => new CardAction($"case:1:claim{i}", new string('L', 120))).ToList();
        actions.Add(new CardAction("case:1:" + new string('x', 120), "too long id"));
        actions.AddRange(Enumerable.Range(0, 4).Select(i => new CardAction($"case:1:origin{i}", "Pick", Options: Enumerable.Range(0, 40).Select(o => new CardOption("v" + o, "Option " + o)).ToList())));
        var card = new Card(new string('T', 400), CardTone.Danger, fields, CustomerText: new string('c', 9000), Link: "javascript:alert(1)",
            Why: new string('w', 3000), SuggestedReply: new string('r', 3000), Status: "New", Actions: actions, CaseId: 1, Priority: Priority.P1);

        var message = DiscordMessages.Card(card);

        var embed = message["embeds"]![0]!.AsObject();
        Assert.Equal(DiscordLimits.EmbedTitle, embed["title"]!.GetValue<string>().Length);
        Assert.EndsWith("…", embed["title"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Null(embed["url"]); // not an http(s) link
        Assert.Equal(0xE01E5A, embed["color"]!.GetValue<int>());
        var embedFields = embed["fields"]!.AsArray();
        Assert.True(embedFields.Count <= DiscordLimits.EmbedFields);
        Assert.All(embedFields, f => Assert.True(f!["value"]!.GetValue<string>().Length <= DiscordLimits.FieldValue));
        Assert.Contains(embedFields, f => f!["value"]!.GetValue<string>().EndsWith('…'));
        var description = embed["description"]!.GetValue<string>();
        Assert.True(description.Length <= DiscordLimits.EmbedDescription);
        Assert.EndsWith("…", description, StringComparison.Ordinal);
        var total = embed["title"]!.GetValue<string>().Length + description.Length + embed["footer"]!["text"]!.GetValue<string>().Length
            + embedFields.Sum(f => f!["name"]!.GetValue<string>().Length + f["value"]!.GetValue<string>().Length);
        Assert.True(total <= DiscordLimits.EmbedTotal, $"embed total {total}");
        var rows = message["components"]!.AsArray();
        Assert.Equal(DiscordLimits.ActionRows, rows.Count);
        var components = rows.SelectMany(r => r!["components"]!.AsArray()).ToList();
        Assert.All(rows, r => Assert.True(r!["components"]!.AsArray().Count <= DiscordLimits.ButtonsPerRow));
        Assert.All(components, c => Assert.True(c!["custom_id"]!.GetValue<string>().Length <= DiscordLimits.CustomId));
        Assert.All(components.Where(c => c!["label"] is not null), c => Assert.True(c!["label"]!.GetValue<string>().Length <= DiscordLimits.ButtonLabel));
        Assert.All(components.Where(c => c!["options"] is not null), c => Assert.True(c!["options"]!.AsArray().Count <= DiscordLimits.SelectOptions));
        Assert.Empty(message["allowed_mentions"]!["parse"]!.AsArray());
    }

    [Fact]
    public void Reply_LongTextAndFiles_ContentCutAndAttachmentsListed()
    {
        var reply = new Reply(new string('x', 3000), Files: [new ReplyFile("digest chart.png", "image/png", [1, 2, 3], "Weekly chart")], Ephemeral: true);

        var message = DiscordMessages.Reply(reply, allowEphemeral: true);

        Assert.Equal(DiscordLimits.Content, message["content"]!.GetValue<string>().Length);
        Assert.EndsWith("…", message["content"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(64, message["flags"]!.GetValue<int>());
        var attachment = Assert.Single(message["attachments"]!.AsArray())!;
        Assert.Equal(0, attachment["id"]!.GetValue<int>());
        Assert.Equal("digestchart.png", attachment["filename"]!.GetValue<string>());
        Assert.Null(DiscordMessages.Reply(reply, allowEphemeral: false)["flags"]);
    }

    [Fact]
    public void EditReplyModal_PrefillsTheRawSuggestedReplyInAParagraphInput()
    {
        var modal = DiscordMessages.EditReplyModal("case:7:edit", 7, "Hi **Sam**, DM us");

        Assert.Equal("case:7:edit", modal["custom_id"]!.GetValue<string>());
        Assert.True(modal["title"]!.GetValue<string>().Length <= DiscordLimits.ModalTitle);
        var input = modal["components"]![0]!["component"]!;
        Assert.Equal(2, input["style"]!.GetValue<int>());
        Assert.Equal("Hi **Sam**, DM us", input["value"]!.GetValue<string>());
        Assert.Equal(4, input["type"]!.GetValue<int>());
    }
}
