using Microsoft.Extensions.DependencyInjection;
using Webcare.Bot.Hosting;

namespace Webcare.Bot.Tests;

public sealed class ConfigurationTests
{
    [Fact]
    public void Run_EmbeddedDefaults_HaveNoProblems()
    {
        using var host = TestHost.Create(TestHost.NewDatabasePath()).Host;

        Assert.Empty(ConfigurationCheck.Run(host.Services));
    }

    [Theory]
    [InlineData("Webcare:Sources:0:Kind", "telepathy", "Webcare:Sources:0:Kind 'telepathy' is not a known source kind")]
    [InlineData("Webcare:Sources:0:Path", "config/samples/missing.jsonl", "Webcare:Sources:0:Path 'config/samples/missing.jsonl' does not exist")]
    [InlineData("Webcare:Team:TimeZone", "Europe/Amsterdan", "Webcare:Team:TimeZone 'Europe/Amsterdan' is not a known IANA time zone")]
    [InlineData("Webcare:Routing:DefaultChannel", "slack:C123", "Webcare:Routing:DefaultChannel 'slack:C123' uses platform 'slack', which is not configured")]
    [InlineData("Webcare:Routing:Routes:0:MinPriority", "urgent", "Webcare:Routing:Routes:0:MinPriority 'urgent' is not valid")]
    [InlineData("Webcare:Outbox:PollInterval", "soon", "Webcare:Outbox:PollInterval 'soon' cannot be read; write durations as hh:mm:ss")]
    [InlineData("Webcare:Brands:0:Languages:0", "Dutch", "Webcare:Brands:0:Languages 'Dutch' is not a two-letter")]
    public void Run_WrongValue_ReportsOneLineNamingTheKey(string key, string value, string expected)
    {
        using var host = TestHost.Create(TestHost.NewDatabasePath(), new Dictionary<string, string?> { [key] = value }).Host;

        var problems = ConfigurationCheck.Run(host.Services);

        var problem = Assert.Single(problems);
        Assert.StartsWith(expected, problem, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', problem);
    }

    [Fact]
    public void Run_EmptyBrandList_SaysHowToAddOne()
    {
        var settings = new Dictionary<string, string?> { ["Webcare:Brands:0:Name"] = null, ["Webcare:Brands:1:Name"] = null };
        using var host = TestHost.Create(TestHost.NewDatabasePath(), settings, s =>
            s.Configure<BrandsOptions>(o => o.Brands.Clear())).Host;

        var problem = Assert.Single(ConfigurationCheck.Run(host.Services));

        Assert.StartsWith("Webcare:Brands is empty; add at least one brand", problem, StringComparison.Ordinal);
    }
}
