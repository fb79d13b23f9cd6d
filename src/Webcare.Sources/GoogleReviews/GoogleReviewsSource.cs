using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Webcare.Core.Mentions;
using Webcare.Sources.Engine;
using Webcare.Sources.Http;

namespace Webcare.Sources.GoogleReviews;

/// <summary>
/// Lists each location's reviews (<c>v4/{location}/reviews</c>, newest update first, paged by
/// <c>nextPageToken</c>) with an access token from the OAuth2 refresh-token flow. A review belongs
/// to one store, so its mention names the store and carries an origin hint (store, with the store as
/// evidence). An edited review comes back with a later updateTime and the same id: the pipeline
/// treats it as an edit of the same case.
/// </summary>
public sealed class GoogleReviewsSource(
    string name,
    GoogleReviewsOptions options,
    string clientSecret,
    string refreshToken,
    SourceHttp http,
    TimeProvider clock) : IMentionSource
{
    private static readonly string[] Stars = ["STAR_RATING_UNSPECIFIED", "ONE", "TWO", "THREE", "FOUR", "FIVE"];

    private readonly OAuthToken _token = new(http, clock, () => new HttpRequestMessage(HttpMethod.Post, options.TokenUrl)
    {
        Content = new FormUrlEncodedContent(
        [
            new("client_id", options.ClientId),
            new("client_secret", clientSecret),
            new("refresh_token", refreshToken),
            new("grant_type", "refresh_token"),
        ]),
    });

    public string Name => name;

    public string Kind => GoogleReviewsKind.KindName;

    public async IAsyncEnumerable<MentionBatch> ReadAsync(string? cursor, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var state = SourceSettings.ReadCursor<WatermarkState>(cursor);
        foreach (var location in options.Locations)
        {
            var mark = state.Marks.GetValueOrDefault(location.Name) ?? new Watermark();
            var walk = new NewestFirstWalk(mark);
            string? pageToken = null;
            for (var page = 0; page < options.MaxPages; page++)
            {
                using var document = await ListAsync(location.Name, pageToken, cancellationToken);
                var root = document.RootElement;
                if (root.ValueKind != JsonValueKind.Object)
                {
                    throw new SourceFormatException("the reviews answer is not an object");
                }

                var reviews = root.Array("reviews").ToList();
                var mentions = new List<Mention>();
                foreach (var review in reviews)
                {
                    var id = review.Str("name") ?? review.Str("reviewId");
                    var updated = review.Time("updateTime") ?? review.Time("createTime");
                    if (id is null || updated is null)
                    {
                        continue;
                    }

                    if (!walk.Admit(updated.Value, id))
                    {
                        continue;
                    }
                    mentions.Add(ToMention(review, id, location));
                }

                pageToken = root.Str("nextPageToken");
                var last = walk.ReachedMark || reviews.Count == 0 || pageToken is null || page == options.MaxPages - 1;
                if (last)
                {
                    state.Marks[location.Name] = walk.Next;
                }

                yield return new MentionBatch(mentions, last ? SourceSettings.WriteCursor(state) : null);
                if (last)
                {
                    break;
                }
            }
        }
    }

    private async Task<JsonDocument> ListAsync(string location, string? pageToken, CancellationToken cancellationToken)
    {
        var path = $"v4/{location}/reviews?pageSize={options.PageSize.ToString(CultureInfo.InvariantCulture)}&orderBy={Uri.EscapeDataString("updateTime desc")}"
            + (pageToken is null ? string.Empty : "&pageToken=" + Uri.EscapeDataString(pageToken));
        for (var attempt = 0; ; attempt++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, SourceSettings.Combine(options.ApiUrl, path));
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await _token.GetAsync(cancellationToken));
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

    private Mention ToMention(JsonElement review, string id, GoogleLocation location)
    {
        var reviewer = review.Prop("reviewer");
        var anonymous = reviewer?.Prop("isAnonymous") is { ValueKind: JsonValueKind.True };
        var displayName = anonymous ? "Anonymous reviewer" : reviewer.Str("displayName") ?? "Google user";
        var stars = Array.IndexOf(Stars, review.Str("starRating") ?? string.Empty);
        var comment = review.Str("comment");
        // The store's name leads the text so the brand matches even when the reviewer never names it.
        var rating = stars > 0 ? stars.ToString(CultureInfo.InvariantCulture) + "/5 stars" : "no star rating";
        var text = $"Google review of {location.StoreName}, {rating}: {(string.IsNullOrWhiteSpace(comment) ? "(no comment)" : comment)}";
        return new Mention(
            name,
            id,
            "google-reviews",
            new Author(displayName, displayName, null),
            text,
            null,
            review.Time("createTime") ?? review.Time("updateTime") ?? DateTimeOffset.UnixEpoch,
            new Engagement(0, 0, review.Prop("reviewReply") is null ? 0 : 1),
            OriginHint: new OriginHint(Origin.Store, location.StoreName));
    }
}
