using Microsoft.Extensions.Options;
using Webcare.Core.Chat;
using Webcare.Core.Triage;

namespace Webcare.Core.Routing;

/// <summary>Decides which team channels see a case. Every matching route gets it; no match falls back to the default channel.</summary>
public sealed class ChannelRouter(IOptions<RoutingOptions> options)
{
    public IReadOnlyList<ChatAddress> Route(string brand, string language, Priority priority)
    {
        var value = options.Value;
        var matches = value.Routes
            .Where(r => string.IsNullOrWhiteSpace(r.Brand) || string.Equals(r.Brand, brand, StringComparison.OrdinalIgnoreCase))
            .Where(r => string.IsNullOrWhiteSpace(r.Language) || string.Equals(r.Language, language, StringComparison.OrdinalIgnoreCase))
            .Where(r => (int)priority <= (int)ParsePriority(r.MinPriority))
            .Select(r => ChatAddress.Parse(r.Channel))
            .Distinct()
            .ToList();
        return matches.Count > 0 ? matches : [ChatAddress.Parse(value.DefaultChannel)];
    }

    public static bool TryParsePriority(string? value, out Priority priority)
    {
        priority = (value ?? string.Empty).Trim().ToUpperInvariant() switch
        {
            "P1" => Priority.P1,
            "P2" => Priority.P2,
            "P3" => Priority.P3,
            "P4" => Priority.P4,
            _ => 0,
        };
        return priority != 0;
    }

    private static Priority ParsePriority(string value) => TryParsePriority(value, out var p) ? p : Priority.P4;
}
