namespace Webcare.Core.Mentions;

public static class OriginNames
{
    public static string ToName(this Origin origin) => origin switch
    {
        Origin.Store => "store",
        Origin.Phone => "phone",
        Origin.Online => "online",
        Origin.Other => "other",
        _ => "unknown",
    };

    public static bool TryParse(string? value, out Origin origin)
    {
        origin = (value ?? string.Empty).Trim().ToLowerInvariant() switch
        {
            "store" or "winkel" or "shop" => Origin.Store,
            "phone" or "telefoon" or "call" => Origin.Phone,
            "online" or "web" or "app" => Origin.Online,
            "other" or "anders" => Origin.Other,
            "unknown" or "onbekend" => Origin.Unknown,
            _ => (Origin)(-1),
        };
        return Enum.IsDefined(origin);
    }
}
