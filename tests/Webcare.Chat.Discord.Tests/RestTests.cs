using Webcare.Chat.Discord.Rest;
using Webcare.Chat.Discord.Tests.Fakes;
using Webcare.Core.Chat;

namespace Webcare.Chat.Discord.Tests;

public sealed class RestTests
{
    private static Card Card(int n) => new($"Card {n}", CardTone.Neutral, [new CardField("n", n.ToString(System.Globalization.CultureInfo.InvariantCulture))], CustomerText: "text " + n, CaseId: n);

    private static string TitleOf(FakeMessage message) => message.Body["embeds"]![0]!["title"]!.GetValue<string>();

    [Fact]
    public async Task PostCard_429StormOnOneBucket_EveryCardOnceInOrder()
    {
        await using var harness = await GatewayHarness.StartAsync(startGateway: false);
        harness.Fake.Answer429("/channels/2001/messages", 4, retryAfter: 0.05);
        var platform = harness.Platform;
        var channel = new ChatAddress("discord", "2001");

        var posts = Enumerable.Range(1, 8).Select(n => platform.PostCardAsync(channel, Card(n), $"outbox-{n}", CancellationToken.None)).ToList();
        var ids = await Task.WhenAll(posts).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(8, ids.Distinct().Count());
        Assert.Equal(Enumerable.Range(1, 8).Select(n => $"Card {n}"), harness.Fake.Messages.Select(TitleOf));
        var attempts = harness.Fake.RequestsTo("POST", "/channels/2001/messages");
        Assert.Equal(12, attempts.Count); // 8 cards + 4 answered 429, each retried
        for (var i = 1; i < 4; i++)
        {
            Assert.True(attempts[i].At - attempts[i - 1].At >= TimeSpan.FromMilliseconds(40), "waited retry_after before retrying");
        }
    }

    [Fact]
    public async Task PostCard_Global429_PausesEveryRouteThenEveryCardOnce()
    {
        // On the fake clock the 300 ms pause lasts until the test moves time, so "nothing went out during it"
        // is checked at a known point instead of guessed from wall-clock gaps.
        var clock = new FakeClock();
        await using var harness = await GatewayHarness.StartAsync(clock, startGateway: false);
        harness.Fake.Answer429("/channels/", 1, retryAfter: 0.3, global: true);
        var platform = harness.Platform;

        var posts = new List<Task<string>> { platform.PostCardAsync(new ChatAddress("discord", "2001"), Card(1), "outbox-1", CancellationToken.None) };
        // The first timer the REST client arms is card 1 waiting out the global pause: the 429 was read and the pause is set.
        await Eventually.TrueAsync(() => clock.PendingTimers == 1, "the global pause armed");
        for (var n = 2; n <= 6; n++)
        {
            var channel = new ChatAddress("discord", n % 2 == 0 ? "2002" : "2001");
            posts.Add(platform.PostCardAsync(channel, Card(n), $"outbox-{n}", CancellationToken.None));
        }

        // Card 2 heads the other channel's lane, so the same pause must hold it too; cards 3–6 queue in their lanes.
        await Eventually.TrueAsync(() => clock.PendingTimers == 2, "the other route held by the pause");
        AssertStillPaused(harness, clock, posts);
        clock.Advance(TimeSpan.FromMilliseconds(20));
        await Task.WhenAll(posts).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(6, harness.Fake.Messages.Count);
        Assert.Equal(6, harness.Fake.Messages.Select(m => m.Nonce).Distinct().Count());
        Assert.Equal(["Card 1", "Card 3", "Card 5"], harness.Fake.Messages.Where(m => m.ChannelId == "2001").Select(TitleOf));
        Assert.Equal(["Card 2", "Card 4", "Card 6"], harness.Fake.Messages.Where(m => m.ChannelId == "2002").Select(TitleOf));
        var limited = Assert.Single(harness.Fake.Limited);
        Assert.Equal(6, harness.Fake.RequestsTo("POST", "/channels/").Count(r => r != limited));
    }

    /// <summary>Moves the clock to just before the pause ends: both waits must still be armed and no card may have left.</summary>
    private static void AssertStillPaused(GatewayHarness harness, FakeClock clock, List<Task<string>> posts)
    {
        clock.Advance(TimeSpan.FromMilliseconds(290));
        // Timers due by now fired inside Advance, so a shorter pause would show here as a missing timer.
        Assert.Equal(2, clock.PendingTimers);
        Assert.Single(harness.Fake.RequestsTo("POST", "/channels/"));
        Assert.DoesNotContain(posts, p => p.IsCompleted);
    }

    [Fact]
    public async Task PostCard_BucketExhaustedByHeaders_WaitsForResetAfter()
    {
        await using var harness = await GatewayHarness.StartAsync(startGateway: false, setup: f => f.MessageRateLimit = (0, 0.3));
        var platform = harness.Platform;
        var channel = new ChatAddress("discord", "2001");

        await platform.PostCardAsync(channel, Card(1), "outbox-1", CancellationToken.None);
        await platform.PostCardAsync(channel, Card(2), "outbox-2", CancellationToken.None);

        var requests = harness.Fake.RequestsTo("POST", "/channels/2001/messages");
        Assert.Equal(2, requests.Count); // waited instead of earning a 429
        Assert.True(requests[1].At - requests[0].At >= TimeSpan.FromMilliseconds(250));
    }

    [Fact]
    public async Task PostCard_EndlessRateLimit_GivesUpAfterTheRetryCap()
    {
        await using var harness = await GatewayHarness.StartAsync(startGateway: false);
        harness.Fake.Answer429("/channels/2001/messages", 50, retryAfter: 0.01);

        var error = await Assert.ThrowsAsync<DiscordApiException>(() =>
            harness.Platform.PostCardAsync(new ChatAddress("discord", "2001"), Card(1), "outbox-1", CancellationToken.None));

        Assert.Equal(System.Net.HttpStatusCode.TooManyRequests, error.Status);
        Assert.Equal(6, harness.Fake.RequestsTo("POST", "/channels/2001/messages").Count); // first try + 5 retries
        Assert.Empty(harness.Fake.Messages);
    }

    [Fact]
    public async Task PostReply_WithFiles_UploadsMultipartWithPayloadJsonAndFilesN()
    {
        await using var harness = await GatewayHarness.StartAsync(startGateway: false);
        var reply = new Reply("Weekly digest", Files: [new ReplyFile("chart.png", "image/png", [137, 80, 78, 71]), new ReplyFile("digest.html", "text/html", "<p>x</p>"u8.ToArray())]);

        await harness.Platform.PostReplyAsync(new ChatAddress("discord", "2001"), reply, "1399", CancellationToken.None);

        var request = Assert.Single(harness.Fake.RequestsTo("POST", "/channels/2001/messages"));
        Assert.StartsWith("multipart/form-data", request.ContentType, StringComparison.Ordinal);
        Assert.Contains("name=\"payload_json\"", request.Body, StringComparison.Ordinal);
        Assert.Contains("name=\"files[0]\"; filename=\"chart.png\"", request.Body, StringComparison.Ordinal);
        Assert.Contains("name=\"files[1]\"; filename=\"digest.html\"", request.Body, StringComparison.Ordinal);
        Assert.Contains("Content-Type: image/png", request.Body, StringComparison.Ordinal);
        var payload = request.Json!;
        Assert.Equal("Weekly digest", payload["content"]!.GetValue<string>());
        Assert.Equal(["chart.png", "digest.html"], payload["attachments"]!.AsArray().Select(a => a!["filename"]!.GetValue<string>()));
        Assert.Equal("1399", payload["message_reference"]!["message_id"]!.GetValue<string>());
        Assert.Empty(payload["allowed_mentions"]!["parse"]!.AsArray());
    }

    [Fact]
    public async Task Send_InvalidRequestBudgetSpent_StopsSendingInsteadOfEarningABan()
    {
        await using var harness = await GatewayHarness.StartAsync(startGateway: false, setup: f => f.RejectToken = true,
            configure: o => o.InvalidRequestBudget = 3);
        var channel = new ChatAddress("discord", "2001");

        for (var i = 0; i < 3; i++)
        {
            var rejected = await Assert.ThrowsAsync<DiscordApiException>(() => harness.Platform.PostCardAsync(channel, Card(i), "k" + i, CancellationToken.None));
            Assert.Equal(System.Net.HttpStatusCode.Unauthorized, rejected.Status);
        }

        var paused = await Assert.ThrowsAsync<InvalidOperationException>(() => harness.Platform.PostCardAsync(channel, Card(9), "k9", CancellationToken.None));
        Assert.Contains("401/403/429", paused.Message, StringComparison.Ordinal);
        Assert.Equal(3, harness.Fake.Requests.Count); // the fourth never left the bot
    }

    [Fact]
    public void Nonce_LongKey_IsHashedStablyWithin25Characters()
    {
        var key = "outbox-" + new string('9', 30);

        var nonce = DiscordChatPlatform.Nonce(key);

        Assert.Equal(25, nonce.Length);
        Assert.Equal(nonce, DiscordChatPlatform.Nonce(key));
        Assert.Equal("outbox-12", DiscordChatPlatform.Nonce("outbox-12"));
    }
}
