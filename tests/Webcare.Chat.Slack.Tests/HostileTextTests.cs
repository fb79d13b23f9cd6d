using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Webcare.Chat.Slack.Tests.Fakes;
using Webcare.Core.Chat;

namespace Webcare.Chat.Slack.Tests;

/// <summary>Every sample text (and some worse ones) rendered and posted: no ping syntax unescaped, no broken blocks.</summary>
public sealed class HostileTextTests
{
    public static IEnumerable<string> Samples()
    {
        var path = Path.Combine(TestPaths.RepoRoot, "config", "samples", "mentions.jsonl");
        var texts = File.ReadLines(path).Where(l => l.Length > 0)
            .Select(l => JsonDocument.Parse(l).RootElement.GetProperty("text").GetString()!)
            .ToList();
        texts.AddRange(
        [
            "<!channel> <!here> <!everyone> <!subteam^S123> <@U024BE7LH> <#C024BE7LR> <http://evil.example|innocent>",
            "@everyone @here @channel #general",
            "*bold* _it_ ~strike~ `code` ```block``` > quote &amp; &lt;",
            new string('x', 5000) + " <!channel>",
            string.Concat(Enumerable.Repeat("a&", 3000)),
            "zero\u200Bwidth \u202Eevil\u202C rtl \u2066isolate\u2069 \uFEFFbom \u200F",
            "emoji 👨‍👩‍👧 " + string.Concat(Enumerable.Repeat("😀", 1600)),
            "mixed עברית ومن العربية <@W123>",
            "\u0000nul\u0007bell\r\nwindows",
        ]);
        return texts;
    }

    [Fact]
    public async Task PostCard_EverySampleAndHostileText_NothingUnescapedNoBrokenBlocks()
    {
        await using var fake = await FakeSlack.StartAsync();
        var samples = Samples().ToList();
        Assert.True(samples.Count > 150);
        Assert.Contains(samples, s => s.Contains("<!channel>", StringComparison.Ordinal));
        Assert.Contains(samples, s => s.Contains("@everyone", StringComparison.Ordinal));
        Assert.Contains(samples, s => s.Contains('\u202E', StringComparison.Ordinal));
        foreach (var text in samples)
        {
            await PostAsync(fake, text);
        }

        Assert.Empty(fake.Violations);
        Assert.Equal(samples.Count * 3, fake.Calls.Count);
        foreach (var call in fake.Calls)
        {
            Assert.Equal("none", (string?)call.Json!["parse"]);
            Assert.False(call.Json.ContainsKey("link_names"));
        }
    }

    private static async Task PostAsync(FakeSlack fake, string text)
    {
        var options = Options.Create(new SlackOptions { BotToken = "xoxb-test", ApiBaseUrl = fake.ApiBaseUrl, ChannelMessageInterval = TimeSpan.Zero });
        using var api = new SlackApiClient(options, TimeProvider.System, NullLogger<SlackApiClient>.Instance);
        var platform = new SlackChatPlatform(api);
        var card = new Card(
            Title: "P1 · Case #7 · " + text,
            Tone: CardTone.Danger,
            Fields: [new("Author", text), new("Brand", "Telvio")],
            CustomerText: text,
            Link: "https://x.example/a?b=1&c=<2>|x",
            Why: text,
            SuggestedReply: text,
            Status: "New — " + text,
            Actions: [new("case:7:claim", "Claim " + text), new("case:7:origin", text, Options: [new("store", text)])],
            CaseId: 7,
            Footer: text);

        await platform.PostCardAsync(new ChatAddress("slack", "C1"), card, "k", CancellationToken.None);
        await platform.UpdateCardAsync(new ChatAddress("slack", "C1"), "1.2", card, CancellationToken.None);
        await platform.PostReplyAsync(new ChatAddress("slack", "C1"), new Reply(text, card), "1.2", CancellationToken.None);
        Assert.True(fake.Violations.Count == 0, text + " → " + string.Join("; ", fake.Violations));
    }
}

/// <summary>Replies with files and threads: the three-step external upload and <c>thread_ts</c>.</summary>
public sealed class ReplyTests
{
    [Fact]
    public async Task PostReply_WithFileInThread_UploadsExternallyAndThreads()
    {
        await using var fake = await FakeSlack.StartAsync();
        var options = Options.Create(new SlackOptions { BotToken = "xoxb-test", ApiBaseUrl = fake.ApiBaseUrl, ChannelMessageInterval = TimeSpan.Zero });
        using var api = new SlackApiClient(options, TimeProvider.System, NullLogger<SlackApiClient>.Instance);
        var platform = new SlackChatPlatform(api);
        var chart = new byte[] { 0x89, 0x50, 0x4E, 0x47, 1, 2, 3 };

        var ts = await platform.PostReplyAsync(new ChatAddress("slack", "C9"),
            new Reply("Weekly digest <!channel>", Files: [new ReplyFile("digest.png", "image/png", chart, "Origins this week")]), "1700000000.000100", CancellationToken.None);

        var calls = fake.Calls.Select(c => c.Method).ToList();
        Assert.Equal(["chat.postMessage", "files.getUploadURLExternal", "upload:F2", "files.completeUploadExternal"], calls);
        var message = fake.Calls[0];
        Assert.Equal("1700000000.000100", message.ThreadTs);
        Assert.Equal("1700000000.000001", ts);
        var ticket = fake.Calls[1];
        Assert.Equal("digest.png", ticket.Form["filename"]);
        Assert.Equal("7", ticket.Form["length"]);
        Assert.Equal("Origins this week", ticket.Form["alt_txt"]);
        Assert.Equal(chart, fake.Calls[2].Bytes);
        var complete = fake.Calls[3].Json!;
        Assert.Equal("C9", (string?)complete["channel_id"]);
        Assert.Equal("1700000000.000100", (string?)complete["thread_ts"]);
        Assert.Equal("F2", (string?)complete["files"]![0]!["id"]);
        Assert.Empty(fake.Violations);
    }
}
