using Microsoft.Extensions.Logging.Abstractions;
using Webcare.Sources.Http;
using Webcare.Sources.Rss;
using Webcare.Sources.Tests.Fixtures;
using Webcare.Sources.Tests.Infrastructure;

namespace Webcare.Sources.Tests;

public sealed class RssSourceTests
{
    private static RssSource Source(FakeServer server, params string[] paths) =>
        new("news", new RssOptions { Urls = [.. paths.Select(p => server.BaseUrl + p)] }, SourceTestHelpers.Http(server), new FakeClock(), NullLogger<RssSource>.Instance);

    [Fact]
    public async Task ReadAsync_Rss2Feed_DeliversPlainTextWithParsedDates()
    {
        await using var server = await FakeServer.StartAsync((c, _) => Respond.Text(c, FeedFixtures.Rss, "application/rss+xml"));

        var (mentions, cursor, _) = await SourceTestHelpers.PollAsync(Source(server, "/feed.xml"), null);

        Assert.Equal(3, mentions.Count);
        var first = mentions[0];
        Assert.Equal("Huiskes bank na 3 weken nog steeds niet geleverd\nMijn bank van Huiskes is nog steeds niet geleverd.\n\nKlantenservice belt niet terug.\nWie herkent dit?", first.Text);
        Assert.Equal(new DateTimeOffset(2026, 3, 9, 19, 30, 0, TimeSpan.Zero), first.PostedAt.ToUniversalTime());
        Assert.Equal("sanne_w", first.Author.Handle);
        Assert.Equal("https://forum.example.nl/t/huiskes-bank/123", first.ExternalId);
        Assert.Equal(new DateTimeOffset(2026, 3, 9, 9, 0, 0, TimeSpan.Zero), mentions[1].PostedAt.ToUniversalTime());
        Assert.Equal(new FakeClock().GetUtcNow(), mentions[2].PostedAt); // No date at all: received now.
        Assert.NotNull(cursor);
        Assert.Contains("/feed.xml", server.Requests.Single().Path, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadAsync_SecondPoll_SendsValidatorsAnd304DeliversNothing()
    {
        await using var server = await FakeServer.StartAsync((c, r) =>
        {
            if (r.Header("If-None-Match") == "\"v1\"")
            {
                c.Response.StatusCode = 304;
                return Task.CompletedTask;
            }

            c.Response.Headers.ETag = "\"v1\"";
            c.Response.Headers.LastModified = "Tue, 10 Mar 2026 08:00:00 GMT";
            return Respond.Text(c, FeedFixtures.Rss, "application/rss+xml");
        });
        var source = Source(server, "/feed.xml");

        var first = await SourceTestHelpers.PollAsync(source, null);
        var second = await SourceTestHelpers.PollAsync(source, first.Cursor);

        Assert.Equal(3, first.Mentions.Count);
        Assert.Empty(second.Mentions);
        var conditional = server.Requests.Last();
        Assert.Equal("\"v1\"", conditional.Header("If-None-Match"));
        Assert.Equal("Tue, 10 Mar 2026 08:00:00 GMT", conditional.Header("If-Modified-Since"));
        Assert.Null(server.Requests.First().Header("If-None-Match"));
    }

    [Fact]
    public async Task ReadAsync_FeedRewritesAllDatesAndGuids_DeliversOnlyTheNewItem()
    {
        var body = FeedFixtures.Rss;
        await using var server = await FakeServer.StartAsync((c, _) => Respond.Text(c, body, "application/rss+xml"));
        var source = Source(server, "/feed.xml");
        var first = await SourceTestHelpers.PollAsync(source, null);

        body = FeedFixtures.RssRewritten;
        var second = await SourceTestHelpers.PollAsync(source, first.Cursor);
        var third = await SourceTestHelpers.PollAsync(source, second.Cursor);

        var only = Assert.Single(second.Mentions);
        Assert.StartsWith("Nieuw: Huiskes levert weer te laat", only.Text, StringComparison.Ordinal);
        Assert.Empty(third.Mentions);
    }

    [Fact]
    public async Task ReadAsync_OneFeedMalformedOneErrorPage_OthersStillDeliver()
    {
        await using var server = await FakeServer.StartAsync((c, r) => r.Path switch
        {
            "/broken.xml" => Respond.Text(c, FeedFixtures.Malformed, "application/rss+xml"),
            "/down.xml" => Respond.Text(c, "<html><body>502 Bad Gateway</body></html>", "text/html", 502),
            _ => Respond.Text(c, FeedFixtures.Atom, "application/atom+xml"),
        });

        var (mentions, _, _) = await SourceTestHelpers.PollAsync(Source(server, "/broken.xml", "/down.xml", "/alerts.xml"), null);

        var alert = Assert.Single(mentions);
        Assert.Equal("Huiskes sluit filiaal in Zwolle\nDe woonwinkel Huiskes sluit per april het filiaal in Zwolle.", alert.Text);
        Assert.Equal("Google Alerts", alert.Author.Handle);
        Assert.Equal(new DateTimeOffset(2026, 3, 10, 6, 45, 0, TimeSpan.Zero), alert.PostedAt);
    }

    [Fact]
    public async Task ReadAsync_EveryFeedFails_ThrowsSoTheEngineCountsAFailure()
    {
        await using var server = await FakeServer.StartAsync((c, _) => Respond.Text(c, FeedFixtures.Malformed, "text/xml"));

        var error = await Assert.ThrowsAsync<SourceFormatException>(() => SourceTestHelpers.PollAsync(Source(server, "/broken.xml"), null));

        Assert.Contains("all 1 feed(s) failed", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadAsync_429WithRetryAfter_ThrowsRateLimitedAndWaitsWithoutCallingAgain()
    {
        await using var server = await FakeServer.StartAsync((c, _) =>
        {
            c.Response.Headers.RetryAfter = "120";
            return Respond.Text(c, "slow down", "text/plain", 429);
        });
        var source = Source(server, "/feed.xml");

        var limited = await Assert.ThrowsAsync<SourceRateLimitedException>(() => SourceTestHelpers.PollAsync(source, null));
        var again = await Assert.ThrowsAsync<SourceRateLimitedException>(() => SourceTestHelpers.PollAsync(source, null));

        Assert.Equal(TimeSpan.FromSeconds(120), limited.RetryAfter);
        Assert.True(again.RetryAfter <= TimeSpan.FromSeconds(120));
        Assert.Single(server.Requests); // The second poll did not hit the server inside the Retry-After window.
    }

    [Theory]
    [InlineData("Mon, 09 Mar 2026 14:30:00 EST", "2026-03-09T19:30:00Z")]
    [InlineData("Mon, 09 Mar 2026 14:30:00 PDT", "2026-03-09T21:30:00Z")]
    [InlineData("Mon, 9 Mar 2026 14:30:00 GMT", "2026-03-09T14:30:00Z")]
    [InlineData("Mon, 09 Mar 2026 14:30 +0100", "2026-03-09T13:30:00Z")]
    [InlineData("09 Mar 26 14:30:00 CEST", "2026-03-09T12:30:00Z")]
    [InlineData("Monday, 09-Mar-2026 14:30:00 UT", "2026-03-09T14:30:00Z")]
    [InlineData("Mon, 09 March 2026 14:30:00 Z", "2026-03-09T14:30:00Z")]
    [InlineData("Mon, 09 Mar 2026 14:30:00", "2026-03-09T14:30:00Z")]
    [InlineData("2026-03-09T14:30:00+01:00", "2026-03-09T13:30:00Z")]
    [InlineData("2026-03-09T14:30:00.123Z", "2026-03-09T14:30:00.123Z")]
    [InlineData("2026-03-09", "2026-03-09T00:00:00Z")]
    public void Parse_RealWorldFeedDates_GivesTheInstant(string text, string expected)
    {
        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), FeedDates.Parse(text));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("yesterday-ish")]
    [InlineData("Mon, 31 Feb 2026 14:30:00 GMT")]
    public void Parse_MissingOrNonsenseDate_IsNull(string? text)
    {
        Assert.Null(FeedDates.Parse(text));
    }

    [Fact]
    public void Parse_Rss1RdfWithDoctypeAndXhtmlAtom_ReadsItems()
    {
        const string Rdf = """
            <?xml version="1.0"?>
            <!DOCTYPE rdf:RDF [ <!ENTITY nbsp "&#160;"> ]>
            <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
              <channel rdf:about="https://reviews.example.nl/"><title>Reviews</title></channel>
              <item rdf:about="https://reviews.example.nl/r/77">
                <title>Telvio: geen bereik</title>
                <link>https://reviews.example.nl/r/77</link>
                <description>Al dagen geen bereik in Utrecht.</description>
                <dc:date>2026-03-08T21:15:00+01:00</dc:date>
                <dc:creator>pieter</dc:creator>
              </item>
            </rdf:RDF>
            """;
        const string Xhtml = """
            <feed xmlns="http://www.w3.org/2005/Atom"><title>t</title>
              <entry><id>urn:1</id><title>Huiskes</title><updated>2026-03-08T10:00:00Z</updated>
                <content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>Eerste alinea.</p><p>Tweede <b>alinea</b>.</p></div></content>
              </entry>
            </feed>
            """;

        var (_, rdfItems) = FeedParser.Parse(Rdf);
        var (_, atomItems) = FeedParser.Parse(Xhtml);

        var item = Assert.Single(rdfItems);
        Assert.Equal("https://reviews.example.nl/r/77", item.Guid);
        Assert.Equal("pieter", item.Author);
        Assert.Equal(new DateTimeOffset(2026, 3, 8, 20, 15, 0, TimeSpan.Zero), item.Published);
        Assert.Equal("Eerste alinea.\n\nTweede alinea.", Assert.Single(atomItems).Text);
    }
}
