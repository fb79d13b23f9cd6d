using System.Text.Json;
using Webcare.Sources.Bluesky;
using Webcare.Sources.Tests.Infrastructure;

namespace Webcare.Sources.Tests;

public sealed class BlueskySourceTests
{
    /// <summary>A PostView as app.bsky.feed.searchPosts returns it.</summary>
    private static string Post(string rkey, string text, string indexedAt, string handle = "sanne.bsky.social") => $$"""
        {
          "uri": "at://did:plc:abc123xyz/app.bsky.feed.post/{{rkey}}",
          "cid": "bafyreib{{rkey}}",
          "author": { "did": "did:plc:abc123xyz", "handle": "{{handle}}", "displayName": "Sanne", "avatar": "https://cdn.bsky.app/img/avatar/plain/x.jpg", "labels": [], "createdAt": "2024-01-01T00:00:00.000Z" },
          "record": { "$type": "app.bsky.feed.post", "createdAt": "{{indexedAt}}", "langs": ["nl"], "text": "{{text}}" },
          "replyCount": 3,
          "repostCount": 4,
          "likeCount": 12,
          "quoteCount": 1,
          "indexedAt": "{{indexedAt}}",
          "labels": []
        }
        """;

    private static BlueskySource Source(FakeServer server) => new(
        "bsky",
        new BlueskyOptions { ServiceUrl = server.BaseUrl, Identifier = "webcare.bsky.social", Queries = ["huiskes"], Limit = 2 },
        "app-pass-1234",
        SourceTestHelpers.Http(server));

    [Fact]
    public async Task ReadAsync_FirstPoll_CreatesSessionSearchesLatestAndBuildsWebUrl()
    {
        await using var server = await FakeServer.StartAsync((c, r) => r.Path switch
        {
            "/xrpc/com.atproto.server.createSession" => Respond.Json(c, """{"did":"did:plc:me","handle":"webcare.bsky.social","accessJwt":"access-1","refreshJwt":"refresh-1","active":true}"""),
            _ => Respond.Json(c, $$"""{"cursor":"2","hitsTotal":40,"posts":[{{Post("3kxyz2", "Huiskes kast kapot geleverd", "2026-03-10T08:02:00.000Z")}}]}"""),
        });

        var (mentions, cursor, _) = await SourceTestHelpers.PollAsync(Source(server), null);

        var post = Assert.Single(mentions);
        Assert.Equal("https://bsky.app/profile/sanne.bsky.social/post/3kxyz2", post.Url);
        Assert.Equal("at://did:plc:abc123xyz/app.bsky.feed.post/3kxyz2", post.ExternalId);
        Assert.Equal(new Core.Mentions.Engagement(12, 5, 3), post.Engagement);
        Assert.Equal("nl", post.LanguageHint);
        var login = Assert.Single(server.RequestsTo("/xrpc/com.atproto.server.createSession"));
        using var body = JsonDocument.Parse(login.Body);
        Assert.Equal("webcare.bsky.social", body.RootElement.GetProperty("identifier").GetString());
        Assert.Equal("app-pass-1234", body.RootElement.GetProperty("password").GetString());
        var search = Assert.Single(server.RequestsTo("/xrpc/app.bsky.feed.searchPosts"));
        Assert.Equal("Bearer access-1", search.Header("Authorization"));
        Assert.Equal("latest", search.QueryValue("sort"));
        Assert.Equal("huiskes", search.QueryValue("q"));
        Assert.Contains("2026-03-10T08:02:00", cursor, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadAsync_AccessTokenExpired_RefreshesSessionAndRetries()
    {
        var searches = 0;
        await using var server = await FakeServer.StartAsync((c, r) => r.Path switch
        {
            "/xrpc/com.atproto.server.createSession" => Respond.Json(c, """{"did":"did:plc:me","handle":"webcare.bsky.social","accessJwt":"access-1","refreshJwt":"refresh-1"}"""),
            "/xrpc/com.atproto.server.refreshSession" => Respond.Json(c, """{"did":"did:plc:me","handle":"webcare.bsky.social","accessJwt":"access-2","refreshJwt":"refresh-2"}"""),
            _ => ++searches == 2
                ? Respond.Json(c, """{"error":"ExpiredToken","message":"Token has expired"}""", 400)
                : Respond.Json(c, """{"posts":[]}"""),
        });
        var source = Source(server);

        await SourceTestHelpers.PollAsync(source, null);
        await SourceTestHelpers.PollAsync(source, null);

        var refresh = Assert.Single(server.RequestsTo("/xrpc/com.atproto.server.refreshSession"));
        Assert.Equal("Bearer refresh-1", refresh.Header("Authorization"));
        Assert.Single(server.RequestsTo("/xrpc/com.atproto.server.createSession"));
        Assert.Equal("Bearer access-2", server.RequestsTo("/xrpc/app.bsky.feed.searchPosts").Last().Header("Authorization"));
    }

    [Fact]
    public async Task ReadAsync_PagesBackToWatermark_DuplicateAcrossPagesDeliveredOnceAndCursorSavedLast()
    {
        var round = 1;
        await using var server = await FakeServer.StartAsync((c, r) =>
        {
            if (r.Path.EndsWith("createSession", StringComparison.Ordinal))
            {
                return Respond.Json(c, """{"accessJwt":"a","refreshJwt":"r","handle":"h","did":"d"}""");
            }

            if (round == 1)
            {
                return Respond.Json(c, $$"""{"cursor":"p2","posts":[{{Post("a1", "Huiskes eerste", "2026-03-10T08:00:00.000Z")}}]}""");
            }

            return r.QueryValue("cursor") switch
            {
                null => Respond.Json(c, $$"""{"cursor":"p2","posts":[{{Post("a4", "Huiskes vier", "2026-03-10T08:04:00.000Z")}},{{Post("a3", "Huiskes drie", "2026-03-10T08:03:00.000Z")}}]}"""),
                "p2" => Respond.Json(c, $$"""{"cursor":"p3","posts":[{{Post("a3", "Huiskes drie", "2026-03-10T08:03:00.000Z")}},{{Post("a2", "Huiskes twee", "2026-03-10T08:02:00.000Z")}}]}"""),
                _ => Respond.Json(c, $$"""{"cursor":"p4","posts":[{{Post("a1", "Huiskes eerste", "2026-03-10T08:00:00.000Z")}}]}"""),
            };
        });
        var source = Source(server);
        var first = await SourceTestHelpers.PollAsync(source, null);
        round = 2;

        var second = await SourceTestHelpers.PollAsync(source, first.Cursor);

        Assert.Equal(["Huiskes vier", "Huiskes drie", "Huiskes twee"], second.Mentions.Select(m => m.Text).ToArray());
        Assert.Equal(3, second.Batches.Count);
        Assert.Null(second.Batches[0].Cursor);
        Assert.Null(second.Batches[1].Cursor);
        Assert.NotNull(second.Batches[2].Cursor);
        Assert.Equal("2026-03-10T08:00:00.000Z", server.RequestsTo("/xrpc/app.bsky.feed.searchPosts").Last().QueryValue("since"));
    }

    [Theory]
    [InlineData("at://did:plc:abc/app.bsky.feed.post/3k2a", "sanne.bsky.social", "https://bsky.app/profile/sanne.bsky.social/post/3k2a")]
    [InlineData("at://did:plc:abc/app.bsky.feed.post/3k2a", null, "https://bsky.app/profile/did:plc:abc/post/3k2a")]
    [InlineData("at://did:plc:abc/app.bsky.feed.like/3k2a", "x", null)]
    public void PostUrl_AtUri_BecomesWebLink(string uri, string? handle, string? expected)
    {
        Assert.Equal(expected, BlueskySource.PostUrl("https://bsky.app", uri, handle));
    }
}
