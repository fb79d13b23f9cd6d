using System.Runtime.CompilerServices;
using System.Xml;
using Microsoft.Extensions.Logging;
using Webcare.Core.Mentions;
using Webcare.Core.Pipeline;
using Webcare.Sources.Http;

namespace Webcare.Sources.Rss;

/// <summary>
/// Polls one or more feeds with conditional requests (ETag / If-Modified-Since, kept in the cursor).
/// An item is new only if none of its GUID, canonical link and content hash was seen before, so a
/// feed that rewrites its dates or GUIDs does not repost. A malformed or failing feed is logged and
/// skipped; the others still deliver. The poll fails only when every feed failed.
/// </summary>
public sealed partial class RssSource(string name, RssOptions options, SourceHttp http, TimeProvider clock, ILogger<RssSource> logger) : IMentionSource
{
    public string Name => name;

    public string Kind => RssKind.KindName;

    public async IAsyncEnumerable<MentionBatch> ReadAsync(string? cursor, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var state = SourceSettings.ReadCursor<RssState>(cursor);
        var urls = options.AllUrls();
        Exception? lastError = null;
        var failed = 0;
        foreach (var url in urls)
        {
            var feed = state.Feeds.TryGetValue(url, out var known) ? known : new FeedState();
            FetchResult result;
            try
            {
                result = await FetchAsync(url, feed, cancellationToken);
            }
            catch (Exception ex) when (ex is XmlException or SourceFormatException or SourceHttpException or HttpRequestException)
            {
                failed++;
                lastError = ex;
                LogFeedSkipped(name, url, ex.Message);
                continue;
            }

            if (result.NotModified)
            {
                continue;
            }

            var seen = new HashSet<string>(feed.Seen, StringComparer.Ordinal);
            var mentions = new List<Mention>();
            foreach (var item in result.Items)
            {
                var keys = Keys(item);
                if (keys.Any(seen.Contains))
                {
                    seen.UnionWith(keys); // A rewritten GUID or link joins the keys of the item it already was.
                    feed.Seen.AddRange(keys.Where(k => !feed.Seen.Contains(k)));
                    continue;
                }

                seen.UnionWith(keys);
                feed.Seen.AddRange(keys);
                mentions.Add(ToMention(url, result.FeedTitle, item));
            }

            if (feed.Seen.Count > options.Remember)
            {
                feed.Seen.RemoveRange(0, feed.Seen.Count - options.Remember);
            }

            feed.ETag = result.ETag ?? feed.ETag;
            feed.LastModified = result.LastModified ?? feed.LastModified;
            state.Feeds[url] = feed;
            yield return new MentionBatch(mentions, SourceSettings.WriteCursor(state));
        }

        if (failed > 0 && failed == urls.Count)
        {
            throw new SourceFormatException($"all {failed} feed(s) failed; last: {lastError?.Message}", lastError);
        }
    }

    private async Task<FetchResult> FetchAsync(string url, FeedState feed, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.TryAddWithoutValidation("Accept", "application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.8, */*;q=0.1");
        if (feed.ETag is { } etag)
        {
            request.Headers.TryAddWithoutValidation("If-None-Match", etag);
        }

        if (feed.LastModified is { } modified)
        {
            request.Headers.TryAddWithoutValidation("If-Modified-Since", modified);
        }

        using var response = await http.SendAsync(request, cancellationToken);
        if (response.StatusCode == System.Net.HttpStatusCode.NotModified)
        {
            return new FetchResult(true, null, [], null, null);
        }

        await SourceHttp.EnsureSuccessAsync(response, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        var (title, items) = FeedParser.Parse(body);
        var lastModified = response.Content.Headers.TryGetValues("Last-Modified", out var lm) ? lm.FirstOrDefault() : null;
        return new FetchResult(false, title, items, response.Headers.ETag?.ToString(), lastModified);
    }

    private Mention ToMention(string feedUrl, string? feedTitle, FeedItem item)
    {
        var link = item.Link is { } l && Uri.TryCreate(new Uri(feedUrl), l, out var absolute) ? absolute.ToString() : item.Link;
        var text = string.IsNullOrEmpty(item.Text) || item.Text.StartsWith(item.Title, StringComparison.Ordinal)
            ? (string.IsNullOrEmpty(item.Text) ? item.Title : item.Text)
            : item.Title + "\n" + item.Text;
        var host = Uri.TryCreate(feedUrl, UriKind.Absolute, out var feedUri) ? feedUri.Host : feedUrl;
        var handle = item.Author ?? feedTitle ?? host;
        var id = CanonicalUrl.From(link) ?? item.Guid ?? "hash:" + MentionProcessor.ContentHash(text);
        return new Mention(name, id.Length > 200 ? "hash:" + MentionProcessor.ContentHash(id) : id, options.Network,
            new Author(handle, item.Author is null ? feedTitle : item.Author, null), text, link, item.Published ?? clock.GetUtcNow(), Engagement.None);
    }

    private static List<string> Keys(FeedItem item)
    {
        var keys = new List<string>(3);
        if (item.Guid is { } guid)
        {
            keys.Add("g:" + guid);
        }

        if (CanonicalUrl.From(item.Link) is { } link)
        {
            keys.Add("l:" + link);
        }

        keys.Add("h:" + MentionProcessor.ContentHash(item.Title + " " + item.Text));
        return keys;
    }

    private sealed record FetchResult(bool NotModified, string? FeedTitle, IReadOnlyList<FeedItem> Items, string? ETag, string? LastModified);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Source {SourceName}: feed {FeedUrl} skipped: {Reason}")]
    private partial void LogFeedSkipped(string sourceName, string feedUrl, string reason);
}

/// <summary>The RSS cursor: per feed its validators and the item keys already delivered.</summary>
public sealed class RssState
{
    public Dictionary<string, FeedState> Feeds { get; set; } = new(StringComparer.Ordinal);
}

public sealed class FeedState
{
    public string? ETag { get; set; }

    public string? LastModified { get; set; }

    public List<string> Seen { get; set; } = [];
}
