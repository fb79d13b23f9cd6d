namespace Webcare.Sources.Rss;

/// <summary>Settings of an <c>rss</c> source (RSS 2.0, RSS 1.0 or Atom; news, Google Alerts, Reddit search RSS, forums, review sites).</summary>
public sealed class RssOptions
{
    /// <summary>One feed; use <see cref="Urls"/> for several.</summary>
    public string? Url { get; set; }

    public List<string> Urls { get; set; } = [];

    /// <summary>What the mentions' network is called (news, reviews, forum…).</summary>
    public string Network { get; set; } = "rss";

    /// <summary>How many item keys (GUID, link, content hash) per feed are remembered to suppress reposts.</summary>
    public int Remember { get; set; } = 2000;

    public IReadOnlyList<string> AllUrls() => [.. (Url is { Length: > 0 } one ? [one] : Array.Empty<string>()), .. Urls];
}
