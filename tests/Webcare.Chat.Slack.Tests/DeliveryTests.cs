using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Webcare.Chat.Slack.Tests.Fakes;

namespace Webcare.Chat.Slack.Tests;

/// <summary>Rate limits and restarts: every card reaches Slack once, in order.</summary>
public sealed class DeliveryTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task PostCards_429Storm_EveryCardDeliveredOnceInOrder()
    {
        await using var fake = await FakeSlack.StartAsync();
        var delivered = new ConcurrentQueue<long>();
        var attempts = 0;
        DateTimeOffset? limitedAt = null;
        DateTimeOffset? retriedAt = null;
        fake.Intercept = call =>
        {
            if (call.Method != "chat.postMessage" || call.ThreadTs is not null)
            {
                return Task.FromResult<IResult?>(null);
            }

            var n = Interlocked.Increment(ref attempts);
            if (n == 3)
            {
                retriedAt = call.At;
            }

            if (n == 2)
            {
                // One long wait: the client must pause this method for the whole Retry-After.
                limitedAt = call.At;
                return Task.FromResult<IResult?>(new RateLimited(1));
            }

            if (n % 2 == 1 && n < 12)
            {
                return Task.FromResult<IResult?>(new RateLimited(0));
            }

            delivered.Enqueue((long)call.Json!["metadata"]!["event_payload"]!["case_id"]!);
            return Task.FromResult<IResult?>(null);
        };

        await using var bot = await SlackBot.StartAsync(fake, Enumerable.Range(1, 6).Select(i => Mentions.Negative(i)));
        await FakeSlack.WaitUntilAsync(() => delivered.Count >= 6, Wait, "six cards");
        await Task.Delay(300);

        Assert.Equal([1L, 2, 3, 4, 5, 6], delivered.ToArray());
        Assert.True(retriedAt - limitedAt >= TimeSpan.FromSeconds(0.9), $"Retry-After honoured: {retriedAt - limitedAt}");
        Assert.Empty(fake.Violations);
    }

    [Fact]
    public async Task PostCards_ChannelPacing_SpacesMessagesToOneChannel()
    {
        await using var fake = await FakeSlack.StartAsync();
        await using var bot = await SlackBot.StartAsync(fake, Enumerable.Range(1, 3).Select(i => Mentions.Negative(i)),
            extra: new Dictionary<string, string?> { ["Webcare:Slack:ChannelMessageInterval"] = "00:00:00.300" });

        await FakeSlack.WaitUntilAsync(() => fake.CallsTo("chat.postMessage").Count() >= 3, Wait, "three cards");

        var times = fake.CallsTo("chat.postMessage").Select(c => c.At).ToList();
        Assert.All(times.Zip(times.Skip(1)), pair => Assert.True(pair.Second - pair.First >= TimeSpan.FromMilliseconds(250), $"gap {pair.Second - pair.First}"));
    }

    [Fact]
    public async Task PostCards_OneFailsOnceAndWaitsForRetry_LaterCardsDoNotOvertakeIt()
    {
        await using var fake = await FakeSlack.StartAsync();
        var delivered = new ConcurrentQueue<long>();
        var failedOnce = 0;
        fake.Intercept = call =>
        {
            if (call.Method != "chat.postMessage" || call.ThreadTs is not null)
            {
                return Task.FromResult<IResult?>(null);
            }

            var caseId = (long)call.Json!["metadata"]!["event_payload"]!["case_id"]!;
            if (caseId == 2 && Interlocked.Exchange(ref failedOnce, 1) == 0)
            {
                return Task.FromResult<IResult?>(Results.Json(new JsonObject { ["ok"] = false, ["error"] = "internal_error" }));
            }

            delivered.Enqueue(caseId);
            return Task.FromResult<IResult?>(null);
        };

        await using var bot = await SlackBot.StartAsync(fake, Enumerable.Range(1, 5).Select(i => Mentions.Negative(i)),
            extra: new Dictionary<string, string?> { ["Webcare:Outbox:RetryDelay"] = "00:00:00.400" });
        await FakeSlack.WaitUntilAsync(() => delivered.Count >= 5, Wait, "five cards");

        Assert.Equal([1L, 2, 3, 4, 5], delivered.ToArray());
    }

    [Fact]
    public async Task Restart_MidQueue_NoDuplicatePost()
    {
        await using var fake = await FakeSlack.StartAsync();
        using var dir = new TempDir();
        var delivered = new ConcurrentQueue<long>();
        var failing = true;
        fake.Intercept = call =>
        {
            if (call.Method != "chat.postMessage" || call.ThreadTs is not null)
            {
                return Task.FromResult<IResult?>(null);
            }

            var caseId = (long)call.Json!["metadata"]!["event_payload"]!["case_id"]!;
            if (failing && caseId > 2)
            {
                return Task.FromResult<IResult?>(Results.Json(new JsonObject { ["ok"] = false, ["error"] = "internal_error" }));
            }

            delivered.Enqueue(caseId);
            return Task.FromResult<IResult?>(null);
        };
        var mentions = Enumerable.Range(1, 5).Select(i => Mentions.Negative(i)).ToList();

        var first = await SlackBot.StartAsync(fake, mentions, dir);
        await FakeSlack.WaitUntilAsync(() => delivered.Count >= 2 && fake.CallsTo("chat.postMessage").Count() >= 3, Wait, "two cards and a failure");
        await first.DisposeAsync();

        failing = false;
        await using var second = await SlackBot.StartAsync(fake, mentions, dir);
        await FakeSlack.WaitUntilAsync(() => delivered.Count >= 5, Wait, "the rest after restart");
        await Task.Delay(500);

        Assert.True(delivered.ToArray() is [1L, 2, 3, 4, 5], "delivered: " + string.Join(",", delivered));
    }

    private sealed class RateLimited(int seconds) : IResult
    {
        public async Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.StatusCode = StatusCodes.Status429TooManyRequests;
            httpContext.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            await httpContext.Response.WriteAsJsonAsync(new JsonObject { ["ok"] = false, ["error"] = "ratelimited" });
        }
    }
}
