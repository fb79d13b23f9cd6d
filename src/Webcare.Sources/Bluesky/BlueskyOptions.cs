namespace Webcare.Sources.Bluesky;

/// <summary>Settings of a <c>bluesky</c> source: post searches with an app-password session.</summary>
public sealed class BlueskyOptions
{
    /// <summary>Where the session is created (the account's PDS or the entryway).</summary>
    public string ServiceUrl { get; set; } = "https://bsky.social";

    /// <summary>Where <c>app.bsky.feed.searchPosts</c> is called; empty uses <see cref="ServiceUrl"/> (which proxies to the AppView).</summary>
    public string? AppViewUrl { get; set; }

    /// <summary>The account handle or DID the app password belongs to.</summary>
    public string Identifier { get; set; } = string.Empty;

    public List<string> Queries { get; set; } = [];

    /// <summary>Posts per page (the API allows 1-100).</summary>
    public int Limit { get; set; } = 100;

    public int MaxPages { get; set; } = 5;

    /// <summary>The web app that post links point to.</summary>
    public string WebUrl { get; set; } = "https://bsky.app";
}
