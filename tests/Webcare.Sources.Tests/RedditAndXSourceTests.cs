using Webcare.Sources.Http;
using Webcare.Sources.Reddit;
using Webcare.Sources.Tests.Infrastructure;
using Webcare.Sources.X;

namespace Webcare.Sources.Tests;

public sealed class RedditAndXSourceTests
{
    private const string RedditUserAgent = "bot:nl.example.webcare:1.0 (by /u/webcare_test)";

    /// <summary>A t3 Thing in a Listing, as /search returns it.</summary>
    private static string Link(string id, string title, double createdUtc) => $$"""
        {"kind":"t3","data":{"id":"{{id}}","name":"t3_{{id}}","title":"{{title}}","selftext":"Al twee weken wachten.","author":"jan_nl",
         "subreddit":"thenetherlands","subreddit_name_prefixed":"r/thenetherlands","permalink":"/r/thenetherlands/comments/{{id}}/slug/",
         "url":"https://www.reddit.com/r/thenetherlands/comments/{{id}}/slug/","created_utc":{{createdUtc.ToString(System.Globalization.CultureInfo.InvariantCulture)}},
         "score":42,"ups":42,"num_comments":17,"num_crossposts":1,"over_18":false} }
        """;

    private static string Listing(string? after, params string[] children) =>
        $$"""{"kind":"Listing","data":{"after":{{(after is null ? "null" : "\"" + after + "\"")}},"dist":{{children.Length}},"modhash":"","geo_filter":"","children":[{{string.Join(",", children)}}],"before":null} }""";

    [Fact]
    public async Task Reddit_ReadAsync_AppOnlyTokenUserAgentAndAfterPaging()
    {
        var round = 1;
        await using var server = await FakeServer.StartAsync((c, r) =>
        {
            if (r.Path == "/api/v1/access_token")
            {
                return Respond.Json(c, """{"access_token":"reddit-token","token_type":"bearer","expires_in":86400,"scope":"*"}""");
            }

            c.Response.Headers["X-Ratelimit-Used"] = "3";
            c.Response.Headers["X-Ratelimit-Remaining"] = "97.0";
            c.Response.Headers["X-Ratelimit-Reset"] = "420";
            if (round == 1)
            {
                return Respond.Json(c, Listing("t3_b", Link("b", "Huiskes oud", 1773130000)));
            }

            return r.QueryValue("after") switch
            {
                null => Respond.Json(c, Listing("t3_d", Link("d", "Huiskes bank kapot", 1773130300), Link("c", "Huiskes kast", 1773130200))),
                "t3_d" => Respond.Json(c, Listing("t3_c", Link("c", "Huiskes kast", 1773130200), Link("b", "Huiskes oud", 1773130000))),
                _ => Respond.Json(c, Listing(null)),
            };
        });
        var source = new RedditSource("reddit",
            new RedditOptions { TokenUrl = server.BaseUrl + "/api/v1/access_token", ApiUrl = server.BaseUrl, ClientId = "client-id", UserAgent = RedditUserAgent, Queries = ["huiskes"], Limit = 2 },
            "client-secret", SourceTestHelpers.Http(server), new FakeClock());

        var first = await SourceTestHelpers.PollAsync(source, null);
        round = 2;
        var second = await SourceTestHelpers.PollAsync(source, first.Cursor);

        Assert.Equal("t3_b", Assert.Single(first.Mentions).ExternalId);
        Assert.Equal(["t3_d", "t3_c"], second.Mentions.Select(m => m.ExternalId).ToArray());
        var bank = second.Mentions[0];
        Assert.Equal("Huiskes bank kapot\nAl twee weken wachten.", bank.Text);
        Assert.Equal("https://www.reddit.com/r/thenetherlands/comments/d/slug/", bank.Url);
        Assert.Equal(17, bank.Engagement.Replies);
        var token = Assert.Single(server.RequestsTo("/api/v1/access_token"));
        Assert.Equal("Basic " + Convert.ToBase64String("client-id:client-secret"u8.ToArray()), token.Header("Authorization"));
        Assert.Equal("grant_type=client_credentials", token.Body);
        Assert.All(server.Requests, r => Assert.Equal(RedditUserAgent, r.Header("User-Agent")));
        var searches = server.RequestsTo("/search");
        Assert.All(searches, r => Assert.Equal("Bearer reddit-token", r.Header("Authorization")));
        Assert.All(searches, r => Assert.Equal("new", r.QueryValue("sort")));
        Assert.Equal("t3_d", searches.Last().QueryValue("after"));
    }

    [Fact]
    public async Task Reddit_ReadAsync_BudgetSpent_NextPollWaitsForReset()
    {
        await using var server = await FakeServer.StartAsync((c, r) =>
        {
            if (r.Path == "/api/v1/access_token")
            {
                return Respond.Json(c, """{"access_token":"t","token_type":"bearer","expires_in":86400}""");
            }

            c.Response.Headers["X-Ratelimit-Used"] = "100";
            c.Response.Headers["X-Ratelimit-Remaining"] = "0.0";
            c.Response.Headers["X-Ratelimit-Reset"] = "37";
            return Respond.Json(c, Listing(null));
        });
        var source = new RedditSource("reddit",
            new RedditOptions { TokenUrl = server.BaseUrl + "/api/v1/access_token", ApiUrl = server.BaseUrl, ClientId = "id", UserAgent = RedditUserAgent, Queries = ["huiskes"] },
            "secret", SourceTestHelpers.Http(server), new FakeClock());

        await SourceTestHelpers.PollAsync(source, null);
        var limited = await Assert.ThrowsAsync<SourceRateLimitedException>(() => SourceTestHelpers.PollAsync(source, null));

        Assert.Equal(TimeSpan.FromSeconds(37), limited.RetryAfter);
        Assert.Single(server.RequestsTo("/search"));
    }

    [Fact]
    public async Task X_ReadAsync_SinceIdNextTokenAndFollowersFromExpansion()
    {
        await using var server = await FakeServer.StartAsync((c, r) =>
        {
            c.Response.Headers["x-rate-limit-limit"] = "450";
            c.Response.Headers["x-rate-limit-remaining"] = "449";
            c.Response.Headers["x-rate-limit-reset"] = "1773132000";
            return (r.QueryValue("since_id"), r.QueryValue("next_token")) switch
            {
                (null, _) => Respond.Json(c, """
                    {"data":[{"id":"1899000000000000100","text":"@huiskes waar blijft mijn bank?","author_id":"2244994945","created_at":"2026-03-10T08:00:00.000Z","lang":"nl",
                      "public_metrics":{"retweet_count":1,"reply_count":2,"like_count":3,"quote_count":0,"bookmark_count":0,"impression_count":900}}],
                     "includes":{"users":[{"id":"2244994945","name":"Jan","username":"jan_nl","public_metrics":{"followers_count":15400,"following_count":10,"tweet_count":5,"listed_count":1}}]},
                     "meta":{"newest_id":"1899000000000000100","oldest_id":"1899000000000000100","result_count":1}}
                    """),
                (_, null) => Respond.Json(c, """
                    {"data":[{"id":"1899000000000000300","text":"Huiskes bezorging weer te laat","author_id":"7","created_at":"2026-03-10T08:10:00.000Z",
                      "referenced_tweets":[{"type":"replied_to","id":"1899000000000000100"}],"public_metrics":{"retweet_count":0,"reply_count":0,"like_count":1,"quote_count":0}}],
                     "includes":{"users":[{"id":"7","name":"Piet","username":"piet","public_metrics":{"followers_count":12}}]},
                     "meta":{"newest_id":"1899000000000000300","oldest_id":"1899000000000000300","result_count":1,"next_token":"b26v89c19zqg8o3fo"}}
                    """),
                _ => Respond.Json(c, """
                    {"data":[{"id":"1899000000000000200","text":"Huiskes klantenservice onbereikbaar","author_id":"7","created_at":"2026-03-10T08:05:00.000Z","public_metrics":{"retweet_count":0,"reply_count":0,"like_count":0,"quote_count":0}}],
                     "includes":{"users":[{"id":"7","name":"Piet","username":"piet","public_metrics":{"followers_count":12}}]},
                     "meta":{"newest_id":"1899000000000000200","oldest_id":"1899000000000000200","result_count":1}}
                    """),
            };
        });
        var source = new XSource("x", new XOptions { ApiUrl = server.BaseUrl, Query = "huiskes -is:retweet", MaxResults = 10 }, "bearer-abc", SourceTestHelpers.Http(server));

        var first = await SourceTestHelpers.PollAsync(source, null);
        var second = await SourceTestHelpers.PollAsync(source, first.Cursor);

        var tweet = Assert.Single(first.Mentions);
        Assert.Equal(15400, tweet.Author.Followers);
        Assert.Equal("https://x.com/jan_nl/status/1899000000000000100", tweet.Url);
        Assert.Equal("1899000000000000100", first.Cursor);
        Assert.Equal(["1899000000000000300", "1899000000000000200"], second.Mentions.Select(m => m.ExternalId).ToArray());
        Assert.Equal("1899000000000000100", second.Mentions[0].InReplyTo);
        Assert.Null(second.Batches[0].Cursor); // Not saved until the older page is stored too.
        Assert.Equal("1899000000000000300", second.Cursor);
        var requests = server.RequestsTo("/2/tweets/search/recent");
        Assert.All(requests, r => Assert.Equal("Bearer bearer-abc", r.Header("Authorization")));
        Assert.All(requests, r => Assert.Equal("author_id", r.QueryValue("expansions")));
        Assert.All(requests, r => Assert.Contains("public_metrics", r.QueryValue("user.fields"), StringComparison.Ordinal));
        Assert.Equal("b26v89c19zqg8o3fo", requests.Last().QueryValue("next_token"));
        Assert.Equal("1899000000000000100", requests.Last().QueryValue("since_id"));
    }

    [Fact]
    public async Task X_ReadAsync_EmptyResultAnd429_NoMentionsThenRateLimited()
    {
        var calls = 0;
        await using var server = await FakeServer.StartAsync((c, _) =>
        {
            if (++calls == 1)
            {
                return Respond.Json(c, """{"meta":{"result_count":0}}""");
            }

            c.Response.Headers["x-rate-limit-remaining"] = "0";
            c.Response.Headers["x-rate-limit-reset"] = new FakeClock().GetUtcNow().AddSeconds(90).ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
            return Respond.Json(c, """{"title":"Too Many Requests","detail":"Too Many Requests","type":"about:blank","status":429}""", 429);
        });
        var source = new XSource("x", new XOptions { ApiUrl = server.BaseUrl, Query = "huiskes" }, "b", SourceTestHelpers.Http(server));

        var empty = await SourceTestHelpers.PollAsync(source, "1899000000000000100");
        var limited = await Assert.ThrowsAsync<SourceRateLimitedException>(() => SourceTestHelpers.PollAsync(source, "1899000000000000100"));

        Assert.Empty(empty.Mentions);
        Assert.Equal(TimeSpan.FromSeconds(90), limited.RetryAfter);
    }
}
