using Webcare.Sources.Http;
using Webcare.Sources.Mastodon;
using Webcare.Sources.Tests.Fixtures;
using Webcare.Sources.Tests.Infrastructure;

namespace Webcare.Sources.Tests;

public sealed class MastodonSourceTests
{
    [Fact]
    public async Task ReadAsync_TagTimeline_StartsAtNowThenFollowsMinIdPageByPage()
    {
        await using var server = await FakeServer.StartAsync((c, r) =>
        {
            var body = r.QueryValue("min_id") switch
            {
                null => $"[{MastodonFixtures.Status("110000000000000012", "<p>Huiskes bank nog steeds niet geleverd</p>")}, {MastodonFixtures.Status("110000000000000011", "<p>ouder</p>")}]",
                "110000000000000012" => $"[{MastodonFixtures.Status("110000000000000014", "<p>Weer <a href=\\\"https://mastodon.social/tags/huiskes\\\" class=\\\"mention hashtag\\\">#<span>huiskes</span></a> kapot</p><p>echt slecht</p>")}, {MastodonFixtures.Status("110000000000000013", "<p>boost</p>", reblog: "{\"id\":\"1\"}")}]",
                "110000000000000014" => $"[{MastodonFixtures.Status("110000000000000015", "<p>laatste</p>")}]",
                _ => "[]",
            };
            return Respond.Json(c, body);
        });
        var source = new MastodonSource("masto", new MastodonOptions { BaseUrl = server.BaseUrl, Tags = ["#huiskes"], Limit = 2 }, "tok-123", SourceTestHelpers.Http(server));

        var first = await SourceTestHelpers.PollAsync(source, null);
        var second = await SourceTestHelpers.PollAsync(source, first.Cursor);
        var third = await SourceTestHelpers.PollAsync(source, second.Cursor);

        Assert.Equal(2, first.Mentions.Count);
        Assert.Single(first.Batches); // The first read does not walk the instance's history.
        Assert.Equal(["https://mastodon.nl/users/sanne/statuses/110000000000000014", "https://mastodon.nl/users/sanne/statuses/110000000000000015"],
            second.Mentions.Select(m => m.ExternalId).ToArray()); // The boost is skipped; min_id walks two pages.
        var edited = second.Mentions[0];
        Assert.Equal("Weer #huiskes kapot\n\necht slecht", edited.Text);
        Assert.Equal(1250, edited.Author.Followers);
        Assert.Equal("sanne@mastodon.nl", edited.Author.Handle);
        Assert.Equal(new Core.Mentions.Engagement(7, 5, 2), edited.Engagement);
        Assert.Equal("https://mastodon.nl/@sanne/110000000000000014", edited.Url);
        Assert.Equal("nl", edited.LanguageHint);
        Assert.Empty(third.Mentions);
        var requests = server.RequestsTo("/api/v1/timelines/tag/huiskes");
        Assert.Equal(new[] { "-", "110000000000000012", "110000000000000014", "110000000000000015" }, requests.Select(r => r.QueryValue("min_id") ?? "-"));
        Assert.All(requests, r => Assert.Equal("Bearer tok-123", r.Header("Authorization")));
        Assert.All(requests, r => Assert.Equal("2", r.QueryValue("limit")));
    }

    [Fact]
    public async Task ReadAsync_Search_CallsV2SearchForStatusesWithMinId()
    {
        await using var server = await FakeServer.StartAsync((c, _) =>
            Respond.Json(c, $$"""{"accounts":[],"statuses":[{{MastodonFixtures.Status("110000000000000020", "<p>Huiskes.nl checkout stuk</p>")}}],"hashtags":[]}"""));
        var source = new MastodonSource("masto", new MastodonOptions { BaseUrl = server.BaseUrl + "/", Queries = ["huiskes bank"] }, "tok", SourceTestHelpers.Http(server));

        var first = await SourceTestHelpers.PollAsync(source, null);
        await SourceTestHelpers.PollAsync(source, first.Cursor);

        Assert.Equal("Huiskes.nl checkout stuk", Assert.Single(first.Mentions).Text);
        var request = server.RequestsTo("/api/v2/search").Last();
        Assert.Equal("huiskes bank", request.QueryValue("q"));
        Assert.Equal("statuses", request.QueryValue("type"));
        Assert.Equal("110000000000000020", request.QueryValue("min_id"));
    }

    [Fact]
    public async Task ReadAsync_MalformedBody_ThrowsFormatError()
    {
        await using var server = await FakeServer.StartAsync((c, _) => Respond.Json(c, "[{\"id\": \"1\", "));
        var source = new MastodonSource("masto", new MastodonOptions { BaseUrl = server.BaseUrl, Tags = ["huiskes"] }, null, SourceTestHelpers.Http(server));

        await Assert.ThrowsAsync<SourceFormatException>(() => SourceTestHelpers.PollAsync(source, null));
        Assert.Null(server.Requests.Single().Header("Authorization"));
    }

    [Fact]
    public async Task ReadAsync_ErrorPage_ThrowsWithStatusAndReason()
    {
        await using var server = await FakeServer.StartAsync((c, _) => Respond.Json(c, """{"error":"The access token is invalid"}""", 401));
        var source = new MastodonSource("masto", new MastodonOptions { BaseUrl = server.BaseUrl, Tags = ["huiskes"] }, "bad", SourceTestHelpers.Http(server));

        var error = await Assert.ThrowsAsync<SourceHttpException>(() => SourceTestHelpers.PollAsync(source, null));

        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, error.Status);
        Assert.Contains("The access token is invalid", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadAsync_RateLimitBudgetSpent_WaitsForResetBeforeNextCall()
    {
        var clock = new FakeClock();
        await using var server = await FakeServer.StartAsync((c, _) =>
        {
            c.Response.Headers["X-RateLimit-Limit"] = "300";
            c.Response.Headers["X-RateLimit-Remaining"] = "0";
            c.Response.Headers["X-RateLimit-Reset"] = clock.GetUtcNow().AddMinutes(5).ToString("O");
            return Respond.Json(c, "[]");
        });
        var source = new MastodonSource("masto", new MastodonOptions { BaseUrl = server.BaseUrl, Tags = ["huiskes"] }, null, SourceTestHelpers.Http(server, clock));

        await SourceTestHelpers.PollAsync(source, null);
        var limited = await Assert.ThrowsAsync<SourceRateLimitedException>(() => SourceTestHelpers.PollAsync(source, null));
        clock.Advance(TimeSpan.FromMinutes(5));
        await SourceTestHelpers.PollAsync(source, null);

        Assert.Equal(TimeSpan.FromMinutes(5), limited.RetryAfter);
        Assert.Equal(2, server.Requests.Count);
    }
}
