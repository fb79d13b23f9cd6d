using Webcare.Core.Mentions;
using Webcare.Sources.GoogleReviews;
using Webcare.Sources.Tests.Infrastructure;

namespace Webcare.Sources.Tests;

public sealed class GoogleReviewsSourceTests
{
    /// <summary>A Review resource as accounts.locations.reviews.list returns it.</summary>
    private static string Review(string id, string stars, string comment, string updateTime, bool replied = false) => $$"""
        {
          "name": "accounts/1234/locations/5678/reviews/{{id}}",
          "reviewId": "{{id}}",
          "reviewer": { "profilePhotoUrl": "https://lh3.googleusercontent.com/a/x", "displayName": "Marieke de Vries", "isAnonymous": false },
          "starRating": "{{stars}}",
          "comment": "{{comment}}",
          "createTime": "2026-03-09T10:00:00.000Z",
          "updateTime": "{{updateTime}}"{{(replied ? """, "reviewReply": { "comment": "Wat vervelend, we nemen contact op.", "updateTime": "2026-03-09T12:00:00Z" }""" : string.Empty)}}
        }
        """;

    [Fact]
    public async Task ReadAsync_RefreshTokenFlowAndPageTokens_MentionNamesStoreWithOriginHint()
    {
        await using var server = await FakeServer.StartAsync((c, r) =>
        {
            if (r.Path == "/token")
            {
                return Respond.Json(c, """{"access_token":"ya29.test","expires_in":3599,"scope":"https://www.googleapis.com/auth/business.manage","token_type":"Bearer"}""");
            }

            return r.QueryValue("pageToken") is null
                ? Respond.Json(c, $$"""{"reviews":[{{Review("r2", "ONE", "Kassa medewerker was onbeschoft", "2026-03-10T09:00:00Z")}}],"averageRating":3.9,"totalReviewCount":2,"nextPageToken":"CAE"}""")
                : Respond.Json(c, $$"""{"reviews":[{{Review("r1", "FOUR", "Prima", "2026-03-09T10:00:00Z", replied: true)}}],"averageRating":3.9,"totalReviewCount":2}""");
        });
        var source = new GoogleReviewsSource("gbp", new GoogleReviewsOptions
        {
            TokenUrl = server.BaseUrl + "/token",
            ApiUrl = server.BaseUrl,
            ClientId = "client.apps.googleusercontent.com",
            Locations = [new GoogleLocation { Name = "accounts/1234/locations/5678", StoreName = "Huiskes Utrecht Centrum" }],
        }, "client-secret", "1//refresh", SourceTestHelpers.Http(server), new FakeClock());

        var first = await SourceTestHelpers.PollAsync(source, null);
        var second = await SourceTestHelpers.PollAsync(source, first.Cursor);

        Assert.Equal(2, first.Mentions.Count);
        var review = first.Mentions[0];
        Assert.Equal("Google review of Huiskes Utrecht Centrum, 1/5 stars: Kassa medewerker was onbeschoft", review.Text);
        Assert.Equal(new OriginHint(Origin.Store, "Huiskes Utrecht Centrum"), review.OriginHint);
        Assert.Equal("accounts/1234/locations/5678/reviews/r2", review.ExternalId);
        Assert.Equal("Marieke de Vries", review.Author.Handle);
        Assert.Equal(1, first.Mentions[1].Engagement.Replies); // Already answered by the store.
        var token = Assert.Single(server.RequestsTo("/token"));
        Assert.Equal("client_id=client.apps.googleusercontent.com&client_secret=client-secret&refresh_token=1%2F%2Frefresh&grant_type=refresh_token", token.Body);
        var lists = server.RequestsTo("/v4/accounts/1234/locations/5678/reviews");
        Assert.All(lists, r => Assert.Equal("Bearer ya29.test", r.Header("Authorization")));
        Assert.Equal("CAE", lists[1].QueryValue("pageToken"));
        Assert.Equal("updateTime desc", lists[0].QueryValue("orderBy"));
        Assert.Empty(second.Mentions); // Nothing updated since the watermark.
    }

    [Fact]
    public async Task ReadAsync_ReviewEditedLater_DeliveredAgainWithSameId()
    {
        var comment = "Kassa medewerker was onbeschoft";
        var updated = "2026-03-10T09:00:00Z";
        await using var server = await FakeServer.StartAsync((c, r) => r.Path == "/token"
            ? Respond.Json(c, """{"access_token":"t","expires_in":3599}""")
            : Respond.Json(c, $$"""{"reviews":[{{Review("r2", "ONE", comment, updated)}}]}"""));
        var source = new GoogleReviewsSource("gbp", new GoogleReviewsOptions
        {
            TokenUrl = server.BaseUrl + "/token",
            ApiUrl = server.BaseUrl,
            ClientId = "c",
            Locations = [new GoogleLocation { Name = "accounts/1/locations/2", StoreName = "Huiskes Zwolle" }],
        }, "s", "r", SourceTestHelpers.Http(server), new FakeClock());

        var first = await SourceTestHelpers.PollAsync(source, null);
        comment = "Update: excuses gekregen, netjes opgelost";
        updated = "2026-03-11T09:00:00Z";
        var second = await SourceTestHelpers.PollAsync(source, first.Cursor);

        Assert.Equal(first.Mentions.Single().ExternalId, second.Mentions.Single().ExternalId);
        Assert.EndsWith("netjes opgelost", second.Mentions.Single().Text, StringComparison.Ordinal);
        Assert.Single(server.RequestsTo("/token")); // The access token is reused until it expires.
    }
}
