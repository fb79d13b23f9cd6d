namespace Webcare.Sources.X;

/// <summary>Settings of an <c>x</c> source: the API v2 recent search with an app bearer token. Off unless configured.</summary>
public sealed class XOptions
{
    public string ApiUrl { get; set; } = "https://api.x.com";

    /// <summary>An X search query, e.g. <c>(huiskes OR @huiskes) -is:retweet</c>.</summary>
    public string Query { get; set; } = string.Empty;

    /// <summary>Posts per page (the API allows 10-100).</summary>
    public int MaxResults { get; set; } = 100;

    public int MaxPages { get; set; } = 3;
}
