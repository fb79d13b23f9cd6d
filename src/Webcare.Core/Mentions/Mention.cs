namespace Webcare.Core.Mentions;

/// <summary>One public post about (possibly) a brand, as a source delivered it.</summary>
/// <param name="SourceName">The configured source that delivered it; with <paramref name="ExternalId"/> it is unique.</param>
/// <param name="Network">Where it was posted (x, mastodon, bluesky, reddit, review, rss, webhook…).</param>
public sealed record Mention(
    string SourceName,
    string ExternalId,
    string Network,
    Author Author,
    string Text,
    string? Url,
    DateTimeOffset PostedAt,
    Engagement Engagement,
    string? InReplyTo = null,
    string? LanguageHint = null,
    OriginHint? OriginHint = null);

public sealed record Author(string Handle, string? DisplayName, int? Followers)
{
    public string Name => string.IsNullOrWhiteSpace(DisplayName) ? Handle : DisplayName;
}

public sealed record Engagement(int Likes, int Reposts, int Replies)
{
    public static readonly Engagement None = new(0, 0, 0);

    public int Total => Likes + Reposts + Replies;
}

/// <summary>What a source already knows about where a complaint began (a store review belongs to a store).</summary>
public sealed record OriginHint(Origin Origin, string Evidence);

/// <summary>Where a complaint began.</summary>
public enum Origin
{
    Unknown,
    Store,
    Phone,
    Online,
    Other,
}
