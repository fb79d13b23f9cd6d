using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Webcare.Core.Mentions;
using Webcare.Sources.Engine;
using Webcare.Sources.Http;

namespace Webcare.Sources.Bluesky;

/// <summary>
/// Searches posts (<c>app.bsky.feed.searchPosts</c>, sort=latest) with an app-password session:
/// <c>createSession</c> once, <c>refreshSession</c> when the access token expires. Results come
/// newest first, so each query walks its pages back to the last watermark and saves the new
/// watermark only after the whole walk is stored.
/// </summary>
public sealed class BlueskySource(string name, BlueskyOptions options, string appPassword, SourceHttp http) : IMentionSource
{
    private string? _accessJwt;
    private string? _refreshJwt;

    public string Name => name;

    public string Kind => BlueskyKind.KindName;

    public async IAsyncEnumerable<MentionBatch> ReadAsync(string? cursor, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var state = SourceSettings.ReadCursor<WatermarkState>(cursor);
        foreach (var query in options.Queries)
        {
            var mark = state.Marks.GetValueOrDefault(query) ?? new Watermark();
            var walk = new NewestFirstWalk(mark);
            string? pageCursor = null;
            for (var page = 0; page < options.MaxPages; page++)
            {
                using var document = await SearchAsync(query, mark.At, pageCursor, cancellationToken);
                var root = document.RootElement;
                var posts = root.Array("posts").ToList();
                var mentions = new List<Mention>();
                foreach (var post in posts)
                {
                    var uri = post.Str("uri");
                    var at = post.Time("indexedAt") ?? post.Prop("record")?.Time("createdAt");
                    if (uri is null || at is null)
                    {
                        continue;
                    }

                    if (!walk.Admit(at.Value, uri))
                    {
                        continue;
                    }
                    if (ToMention(post, uri) is { } mention)
                    {
                        mentions.Add(mention);
                    }
                }

                pageCursor = root.Str("cursor");
                var last = walk.ReachedMark || posts.Count == 0 || string.IsNullOrEmpty(pageCursor) || page == options.MaxPages - 1 || mark.At is null;
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

    private async Task<JsonDocument> SearchAsync(string query, DateTimeOffset? since, string? pageCursor, CancellationToken cancellationToken)
    {
        var url = "xrpc/app.bsky.feed.searchPosts?q=" + Uri.EscapeDataString(query) + "&sort=latest&limit=" + options.Limit.ToString(CultureInfo.InvariantCulture)
            + (since is { } s ? "&since=" + Uri.EscapeDataString(s.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture)) : string.Empty)
            + (pageCursor is null ? string.Empty : "&cursor=" + Uri.EscapeDataString(pageCursor));
        var baseUrl = string.IsNullOrEmpty(options.AppViewUrl) ? options.ServiceUrl : options.AppViewUrl;
        for (var attempt = 0; ; attempt++)
        {
            await EnsureSessionAsync(cancellationToken);
            using var request = new HttpRequestMessage(HttpMethod.Get, SourceSettings.Combine(baseUrl, url));
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _accessJwt);
            using var response = await http.SendAsync(request, cancellationToken);
            if (attempt == 0 && await IsExpiredAsync(response, cancellationToken))
            {
                await RefreshAsync(cancellationToken);
                continue;
            }

            await SourceHttp.EnsureSuccessAsync(response, cancellationToken);
            return await SourceHttp.ParseJsonAsync(response, cancellationToken);
        }
    }

    private static async Task<bool> IsExpiredAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.StatusCode is not (HttpStatusCode.BadRequest or HttpStatusCode.Unauthorized))
        {
            return false;
        }

        await response.Content.LoadIntoBufferAsync(cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        return body.Contains("ExpiredToken", StringComparison.Ordinal) || body.Contains("InvalidToken", StringComparison.Ordinal);
    }

    private async Task EnsureSessionAsync(CancellationToken cancellationToken)
    {
        if (_accessJwt is not null)
        {
            return;
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, SourceSettings.Combine(options.ServiceUrl, "xrpc/com.atproto.server.createSession"))
        {
            Content = JsonContent.Create(new { identifier = options.Identifier, password = appPassword }),
        };
        await ReadSessionAsync(request, cancellationToken);
    }

    /// <summary>Swaps the refresh token for a new pair; when that is refused too, logs in again.</summary>
    private async Task RefreshAsync(CancellationToken cancellationToken)
    {
        var refresh = _refreshJwt;
        _accessJwt = null;
        if (refresh is null)
        {
            await EnsureSessionAsync(cancellationToken);
            return;
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, SourceSettings.Combine(options.ServiceUrl, "xrpc/com.atproto.server.refreshSession"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", refresh);
        try
        {
            await ReadSessionAsync(request, cancellationToken);
        }
        catch (SourceHttpException)
        {
            _refreshJwt = null;
            await EnsureSessionAsync(cancellationToken);
        }
    }

    private async Task ReadSessionAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using var session = await http.GetJsonAsync(request, cancellationToken);
        _accessJwt = session.RootElement.Str("accessJwt") ?? throw new SourceFormatException("the session answer has no accessJwt");
        _refreshJwt = session.RootElement.Str("refreshJwt");
    }

    private Mention? ToMention(JsonElement post, string uri)
    {
        var author = post.Prop("author");
        var record = post.Prop("record");
        var handle = author.Str("handle");
        var did = author.Str("did");
        var text = record.Str("text");
        if (handle is null || text is null)
        {
            return null;
        }

        return new Mention(
            name,
            uri,
            "bluesky",
            new Author(handle, author.Str("displayName"), author.Int("followersCount")),
            text,
            PostUrl(options.WebUrl, uri, handle == "handle.invalid" ? did : handle),
            record?.Time("createdAt") ?? post.Time("indexedAt") ?? DateTimeOffset.UnixEpoch,
            new Engagement(post.Int("likeCount") ?? 0, (post.Int("repostCount") ?? 0) + (post.Int("quoteCount") ?? 0), post.Int("replyCount") ?? 0),
            record?.Prop("reply")?.Prop("parent").Str("uri"),
            record?.Array("langs").Select(l => l.GetString()).FirstOrDefault());
    }

    /// <summary><c>at://did/app.bsky.feed.post/rkey</c> → <c>https://bsky.app/profile/handle/post/rkey</c>.</summary>
    public static string? PostUrl(string webUrl, string atUri, string? handleOrDid)
    {
        var parts = atUri.StartsWith("at://", StringComparison.Ordinal) ? atUri[5..].Split('/') : [];
        if (parts.Length != 3 || parts[1] != "app.bsky.feed.post")
        {
            return null;
        }

        return $"{webUrl.TrimEnd('/')}/profile/{handleOrDid ?? parts[0]}/post/{parts[2]}";
    }
}
