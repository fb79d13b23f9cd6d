namespace Webcare.Core.Routing;

/// <summary>One routing line: cases of this brand / language / at least this priority go to this channel.</summary>
public sealed class RouteRule
{
    /// <summary>Brand name; empty matches every brand.</summary>
    public string? Brand { get; set; }

    /// <summary>ISO 639-1 language; empty matches every language.</summary>
    public string? Language { get; set; }

    /// <summary>The least urgent priority routed here: P4 takes everything, P1 only the most urgent.</summary>
    public string MinPriority { get; set; } = "P4";

    /// <summary>Chat address, e.g. <c>console:webcare-nl</c>, <c>slack:C0123ABC</c>, <c>discord:123456789012345678</c>.</summary>
    public string Channel { get; set; } = string.Empty;
}

/// <summary>Section <c>Webcare:Routing</c>.</summary>
public sealed class RoutingOptions
{
    public const string Section = "Webcare:Routing";

    public List<RouteRule> Routes { get; set; } = [];

    /// <summary>Where a case goes when no route matches.</summary>
    public string DefaultChannel { get; set; } = "console:webcare";

    /// <summary>Where source-health and spike alerts go.</summary>
    public string? OpsChannel { get; set; }
}
