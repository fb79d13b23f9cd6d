using Microsoft.Extensions.Options;
using Webcare.Core.Chat;
using Webcare.Core.Routing;
using Webcare.Core.Triage;

namespace Webcare.Core.Tests.Routing;

public sealed class ChannelRouterTests
{
    private static readonly ChannelRouter Router = new(Options.Create(new RoutingOptions
    {
        DefaultChannel = "console:all",
        Routes =
        [
            new RouteRule { Language = "nl", Channel = "slack:CNL" },
            new RouteRule { Brand = "Telvio", MinPriority = "P1", Channel = "discord:123" },
        ],
    }));

    [Fact]
    public void Route_DutchP1Telvio_GoesToEveryMatchingChannel()
    {
        var channels = Router.Route("Telvio", "nl", Priority.P1);

        Assert.Equal([ChatAddress.Parse("slack:CNL"), ChatAddress.Parse("discord:123")], channels);
    }

    [Fact]
    public void Route_BelowMinimumPriority_IsNotSentThere()
    {
        Assert.Equal([ChatAddress.Parse("slack:CNL")], Router.Route("Telvio", "nl", Priority.P3));
    }

    [Fact]
    public void Route_NoRouteMatches_FallsBackToDefault()
    {
        Assert.Equal([ChatAddress.Parse("console:all")], Router.Route("Huiskes", "fr", Priority.P4));
    }
}
