using System.Globalization;
using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Webcare.Core.Mentions;
using Webcare.Sources.Http;
using Webcare.Sources.Text;

namespace Webcare.Sources.Mastodon;

/// <summary>
/// Reads hashtag timelines and status searches of one instance with <c>min_id</c>: each page holds
/// the statuses just after the cursor, so the cursor moves forward page by page and is saved after each.
/// </summary>
public sealed class MastodonSource(string name, MastodonOptions options, string? token, SourceHttp http) : IMentionSource
{
    public string Name => name;

    public string Kind => MastodonKind.KindName;

    public async IAsyncEnumerable<MentionBatch> ReadAsync(string? cursor, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var state = SourceSettings.ReadCursor<MastodonState>(cursor);
        var streams = options.Tags.Select(t => "tag:" + t.TrimStart('#')).Concat(options.Queries.Select(q => "q:" + q)).ToList();
        foreach (var stream in streams)
        {
            for (var page = 0; page < options.MaxPages; page++)
            {
                var minId = state.MinIds.GetValueOrDefault(stream);
                var statuses = await FetchAsync(stream, minId, cancellationToken);
                if (statuses.Count == 0)
                {
                    break;
                }

                var newest = statuses.Select(s => s.Str("id")).Aggregate(minId, (a, b) => JsonRead.CompareIds(a, b) >= 0 ? a : b);
                var mentions = statuses.Where(s => s.Prop("reblog") is null).Select(ToMention).OfType<Mention>().ToList();
                state.MinIds[stream] = newest!;
                yield return new MentionBatch(mentions, SourceSettings.WriteCursor(state));

                // The first read of a stream starts at "now": do not walk the instance's whole history.
                if (minId is null || statuses.Count < options.Limit)
                {
                    break;
                }
            }
        }
    }

    private async Task<List<JsonElement>> FetchAsync(string stream, string? minId, CancellationToken cancellationToken)
    {
        var limit = options.Limit.ToString(CultureInfo.InvariantCulture);
        var since = minId is null ? string.Empty : "&min_id=" + Uri.EscapeDataString(minId);
        var path = stream.StartsWith("tag:", StringComparison.Ordinal)
            ? $"api/v1/timelines/tag/{Uri.EscapeDataString(stream[4..])}?limit={limit}{since}"
            : $"api/v2/search?q={Uri.EscapeDataString(stream[2..])}&type=statuses&resolve=false&limit={limit}{since}";
        using var request = new HttpRequestMessage(HttpMethod.Get, SourceSettings.Combine(options.BaseUrl, path));
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        using var document = await http.GetJsonAsync(request, cancellationToken);
        var root = document.RootElement;
        var list = root.ValueKind == JsonValueKind.Array ? root.EnumerateArray()
            : root.ValueKind == JsonValueKind.Object ? root.Array("statuses")
            : throw new SourceFormatException($"{path} returned neither a list of statuses nor a search result");
        return list.Select(e => e.Clone()).ToList();
    }

    private Mention? ToMention(JsonElement status)
    {
        var id = status.Str("uri") ?? status.Str("id");
        var account = status.Prop("account");
        var acct = account.Str("acct");
        if (id is null || acct is null)
        {
            return null;
        }

        var text = HtmlText.ToText(status.Str("content"));
        if (status.Str("spoiler_text") is { Length: > 0 } warning)
        {
            text = "CW: " + warning + "\n" + text;
        }

        return new Mention(
            name,
            id,
            "mastodon",
            new Author(acct, account.Str("display_name"), account.Int("followers_count")),
            text,
            status.Str("url") ?? status.Str("uri"),
            status.Time("created_at") ?? DateTimeOffset.UnixEpoch,
            new Engagement(status.Int("favourites_count") ?? 0, status.Int("reblogs_count") ?? 0, status.Int("replies_count") ?? 0),
            status.Str("in_reply_to_id"),
            status.Str("language"));
    }
}

/// <summary>The Mastodon cursor: per stream (tag:x or q:x) the newest status id delivered.</summary>
public sealed class MastodonState
{
    public Dictionary<string, string> MinIds { get; set; } = new(StringComparer.Ordinal);
}
