using System.Globalization;
using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Webcare.Core.Mentions;
using Webcare.Sources.Http;

namespace Webcare.Sources.X;

/// <summary>
/// <c>GET /2/tweets/search/recent</c> with <c>since_id</c> and <c>next_token</c>, expanding authors
/// for follower counts. Pages run newest first, so the new <c>since_id</c> (the first page's
/// <c>meta.newest_id</c>) is saved only after every page is stored.
/// </summary>
public sealed class XSource(string name, XOptions options, string bearerToken, SourceHttp http) : IMentionSource
{
    public string Name => name;

    public string Kind => XKind.KindName;

    public async IAsyncEnumerable<MentionBatch> ReadAsync(string? cursor, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var sinceId = string.IsNullOrWhiteSpace(cursor) ? null : cursor;
        var newest = sinceId;
        string? nextToken = null;
        for (var page = 0; page < options.MaxPages; page++)
        {
            using var document = await SearchAsync(sinceId, nextToken, cancellationToken);
            var root = document.RootElement;
            var meta = root.Prop("meta") ?? throw new SourceFormatException("the search answer has no meta");
            var users = root.Prop("includes").Array("users")
                .Where(u => u.Str("id") is not null)
                .GroupBy(u => u.Str("id")!)
                .ToDictionary(g => g.Key, g => g.First());
            var mentions = root.Array("data").Select(t => ToMention(t, users)).OfType<Mention>().ToList();
            if (JsonRead.CompareIds(meta.Str("newest_id"), newest) > 0)
            {
                newest = meta.Str("newest_id");
            }

            nextToken = meta.Str("next_token");
            // The first read starts at "now": one page, no walk through the last seven days.
            var last = nextToken is null || sinceId is null || page == options.MaxPages - 1;
            yield return new MentionBatch(mentions, last ? newest : null);
            if (last)
            {
                break;
            }
        }
    }

    private async Task<JsonDocument> SearchAsync(string? sinceId, string? nextToken, CancellationToken cancellationToken)
    {
        var path = "2/tweets/search/recent?query=" + Uri.EscapeDataString(options.Query)
            + "&max_results=" + options.MaxResults.ToString(CultureInfo.InvariantCulture)
            + "&tweet.fields=" + Uri.EscapeDataString("created_at,public_metrics,lang,conversation_id,referenced_tweets,author_id")
            + "&expansions=author_id&user.fields=" + Uri.EscapeDataString("public_metrics,username,name")
            + (sinceId is null ? string.Empty : "&since_id=" + Uri.EscapeDataString(sinceId))
            + (nextToken is null ? string.Empty : "&next_token=" + Uri.EscapeDataString(nextToken));
        using var request = new HttpRequestMessage(HttpMethod.Get, SourceSettings.Combine(options.ApiUrl, path));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearerToken);
        return await http.GetJsonAsync(request, cancellationToken);
    }

    private Mention? ToMention(JsonElement tweet, Dictionary<string, JsonElement> users)
    {
        var id = tweet.Str("id");
        var text = tweet.Str("text");
        if (id is null || text is null)
        {
            return null;
        }

        JsonElement? user = tweet.Str("author_id") is { } authorId && users.TryGetValue(authorId, out var u) ? u : null;
        var username = user.Str("username") ?? tweet.Str("author_id") ?? "unknown";
        var metrics = tweet.Prop("public_metrics");
        var repliedTo = tweet.Array("referenced_tweets").FirstOrDefault(r => r.Str("type") == "replied_to");
        return new Mention(
            name,
            id,
            "x",
            new Author(username, user.Str("name"), user?.Prop("public_metrics").Int("followers_count")),
            text,
            $"https://x.com/{username}/status/{id}",
            tweet.Time("created_at") ?? DateTimeOffset.UnixEpoch,
            new Engagement(metrics.Int("like_count") ?? 0, (metrics.Int("retweet_count") ?? 0) + (metrics.Int("quote_count") ?? 0), metrics.Int("reply_count") ?? 0),
            repliedTo.ValueKind == JsonValueKind.Object ? repliedTo.Str("id") : null,
            tweet.Str("lang"));
    }
}
