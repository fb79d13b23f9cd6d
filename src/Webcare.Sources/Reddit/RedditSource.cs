using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Webcare.Core.Mentions;
using Webcare.Sources.Engine;
using Webcare.Sources.Http;

namespace Webcare.Sources.Reddit;

/// <summary>
/// Searches Reddit (sort=new) for each query with an app-only token (client_credentials). Pages are
/// walked with <c>after</c> back to the last watermark, which is saved only after the walk is stored.
/// The X-Ratelimit-* budget is honoured by <see cref="SourceHttp"/>; every call carries the descriptive User-Agent Reddit requires.
/// </summary>
public sealed class RedditSource(string name, RedditOptions options, string clientSecret, SourceHttp http, TimeProvider clock) : IMentionSource
{
    private readonly OAuthToken _token = new(http, clock, () =>
    {
        var request = new HttpRequestMessage(HttpMethod.Post, options.TokenUrl)
        {
            Headers = { Authorization = OAuthToken.Basic(options.ClientId, clientSecret) },
            Content = new FormUrlEncodedContent([new("grant_type", "client_credentials")]),
        };
        SetUserAgent(request, options.UserAgent);
        return request;
    });

    public string Name => name;

    public string Kind => RedditKind.KindName;

    public async IAsyncEnumerable<MentionBatch> ReadAsync(string? cursor, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var state = SourceSettings.ReadCursor<WatermarkState>(cursor);
        foreach (var query in options.Queries)
        {
            var mark = state.Marks.GetValueOrDefault(query) ?? new Watermark();
            var walk = new NewestFirstWalk(mark);
            string? after = null;
            for (var page = 0; page < options.MaxPages; page++)
            {
                using var document = await SearchAsync(query, after, cancellationToken);
                var data = document.RootElement.Prop("data");
                var children = data.Array("children").ToList();
                if (document.RootElement.Str("kind") != "Listing" || data is null)
                {
                    throw new SourceFormatException("the search answer is not a Listing");
                }

                var mentions = new List<Mention>();
                foreach (var child in children.Where(c => c.Str("kind") == "t3"))
                {
                    var post = child.Prop("data")!.Value;
                    var id = post.Str("name");
                    var created = post.Double("created_utc") is { } seconds ? DateTimeOffset.FromUnixTimeMilliseconds((long)(seconds * 1000)) : (DateTimeOffset?)null;
                    if (id is null || created is null)
                    {
                        continue;
                    }

                    if (!walk.Admit(created.Value, id))
                    {
                        continue;
                    }
                    mentions.Add(ToMention(post, id, created.Value));
                }

                after = data.Str("after");
                var last = walk.ReachedMark || children.Count == 0 || after is null || page == options.MaxPages - 1 || mark.At is null;
                if (last)
                {
                    state.Marks[query] = walk.Next;
                }

                yield return new MentionBatch(mentions, last ? SourceSettings.WriteCursor(state) : null);
                if (last)
                {
                    break;
                }
            }
        }
    }

    private async Task<JsonDocument> SearchAsync(string query, string? after, CancellationToken cancellationToken)
    {
        var path = (string.IsNullOrWhiteSpace(options.Subreddit) ? "search" : $"r/{Uri.EscapeDataString(options.Subreddit)}/search")
            + "?q=" + Uri.EscapeDataString(query) + "&sort=new&type=link&raw_json=1&limit=" + options.Limit.ToString(CultureInfo.InvariantCulture)
            + (string.IsNullOrWhiteSpace(options.Subreddit) ? string.Empty : "&restrict_sr=1")
            + (after is null ? string.Empty : "&after=" + Uri.EscapeDataString(after));
        for (var attempt = 0; ; attempt++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, SourceSettings.Combine(options.ApiUrl, path));
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await _token.GetAsync(cancellationToken));
            SetUserAgent(request, options.UserAgent);
            using var response = await http.SendAsync(request, cancellationToken);
            if (response.StatusCode == HttpStatusCode.Unauthorized && attempt == 0)
            {
                _token.Invalidate();
                continue;
            }

            await SourceHttp.EnsureSuccessAsync(response, cancellationToken);
            return await SourceHttp.ParseJsonAsync(response, cancellationToken);
        }
    }

    private static void SetUserAgent(HttpRequestMessage request, string userAgent)
    {
        request.Headers.UserAgent.Clear();
        request.Headers.TryAddWithoutValidation("User-Agent", userAgent);
    }

    private Mention ToMention(JsonElement post, string id, DateTimeOffset created)
    {
        var title = post.Str("title") ?? string.Empty;
        var body = post.Str("selftext");
        var permalink = post.Str("permalink");
        return new Mention(
            name,
            id,
            "reddit",
            new Author(post.Str("author") ?? "[deleted]", null, null),
            string.IsNullOrWhiteSpace(body) ? title : title + "\n" + body,
            permalink is null ? post.Str("url") : "https://www.reddit.com" + permalink,
            created,
            new Engagement(post.Int("score") ?? 0, post.Int("num_crossposts") ?? 0, post.Int("num_comments") ?? 0));
    }
}
