namespace Webcare.Core.Mentions;

/// <summary>
/// One spelling per post URL, so the same post delivered by two sources (an RSS bridge and the
/// API, a webhook and a search) is recognised: https, no www/m., no tracking parameters or fragment.
/// </summary>
public static class CanonicalUrl
{
    private static readonly string[] TrackingPrefixes = ["utm_", "fbclid", "gclid", "mc_", "igshid", "ref", "s", "t", "si", "feature", "share_id"];

    public static string? From(string? url)
    {
        if (string.IsNullOrWhiteSpace(url) || !Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri)
            || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            return null;
        }

        var host = uri.Host.ToLowerInvariant();
        foreach (var prefix in new[] { "www.", "m.", "mobile.", "old.", "new." })
        {
            if (host.StartsWith(prefix, StringComparison.Ordinal) && host.Count(c => c == '.') >= 2)
            {
                host = host[prefix.Length..];
                break;
            }
        }

        host = host switch
        {
            "twitter.com" => "x.com",
            _ => host,
        };

        var query = uri.Query.TrimStart('?')
            .Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Where(p => !IsTracking(p.Split('=')[0]))
            .Order(StringComparer.Ordinal)
            .ToList();
        var path = uri.AbsolutePath.TrimEnd('/');
        var port = uri.IsDefaultPort ? string.Empty : ":" + uri.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return "https://" + host + port + path + (query.Count > 0 ? "?" + string.Join('&', query) : string.Empty);
    }

    private static bool IsTracking(string name)
    {
        var lower = name.ToLowerInvariant();
        return TrackingPrefixes.Any(p => p.EndsWith('_') ? lower.StartsWith(p, StringComparison.Ordinal) : lower == p);
    }
}
