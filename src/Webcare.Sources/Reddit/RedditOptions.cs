namespace Webcare.Sources.Reddit;

/// <summary>Settings of a <c>reddit</c> source: searches sorted by new with an app-only OAuth2 token.</summary>
public sealed class RedditOptions
{
    public string TokenUrl { get; set; } = "https://www.reddit.com/api/v1/access_token";

    public string ApiUrl { get; set; } = "https://oauth.reddit.com";

    public string ClientId { get; set; } = string.Empty;

    /// <summary>Reddit asks for <c>&lt;platform&gt;:&lt;app id&gt;:&lt;version&gt; (by /u/&lt;username&gt;)</c>.</summary>
    public string UserAgent { get; set; } = string.Empty;

    public List<string> Queries { get; set; } = [];

    /// <summary>Restrict the searches to one subreddit (without r/); empty searches all of Reddit.</summary>
    public string? Subreddit { get; set; }

    public int Limit { get; set; } = 100;

    public int MaxPages { get; set; } = 3;
}
