namespace Webcare.Sources.Mastodon;

/// <summary>Settings of a <c>mastodon</c> source: one instance, its hashtag timelines and/or status searches.</summary>
public sealed class MastodonOptions
{
    /// <summary>The instance, e.g. https://mastodon.social.</summary>
    public string BaseUrl { get; set; } = string.Empty;

    /// <summary>Hashtags without '#', read from <c>/api/v1/timelines/tag/:tag</c>.</summary>
    public List<string> Tags { get; set; } = [];

    /// <summary>Searches run on <c>/api/v2/search?type=statuses</c> (needs <c>Token</c>).</summary>
    public List<string> Queries { get; set; } = [];

    /// <summary>Statuses per page (the API caps it at 40).</summary>
    public int Limit { get; set; } = 40;

    /// <summary>Pages per stream per poll, so a backlog is caught up over a few polls instead of one long one.</summary>
    public int MaxPages { get; set; } = 5;
}
