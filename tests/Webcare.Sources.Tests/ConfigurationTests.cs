using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;
using Webcare.Sources.Engine;
using Webcare.Sources.Http;
using Webcare.Sources.Replay;
using Webcare.Sources.Tests.Fixtures;
using Webcare.Sources.Tests.Infrastructure;

namespace Webcare.Sources.Tests;

public sealed class ConfigurationTests
{
    private static ServiceProvider Services(Dictionary<string, string?> settings, string? contentRoot = null)
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        services.AddLogging();
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<IHostEnvironment>(new HostingEnvironment { ContentRootPath = contentRoot ?? Path.GetTempPath() });
        services.AddWebcareSources();
        return services.BuildServiceProvider();
    }

    [Theory]
    [InlineData("mastodon", "Limit", "0", "Webcare:Sources:0:Limit must be 1-40 and MaxPages at least 1; use e.g. 40 and 5.")]
    [InlineData("bluesky", "Limit", "101", "Webcare:Sources:0:Limit must be 1-100 and MaxPages at least 1; use e.g. 100 and 5.")]
    [InlineData("reddit", "MaxPages", "0", "Webcare:Sources:0:Limit must be 1-100 and MaxPages at least 1; use e.g. 100 and 3.")]
    [InlineData("x", "MaxResults", "9", "Webcare:Sources:0:MaxResults must be 10-100 and MaxPages at least 1; use e.g. 100 and 3.")]
    [InlineData("google-reviews", "PageSize", "51", "Webcare:Sources:0:PageSize must be 1-50 and MaxPages at least 1; use e.g. 50 and 5.")]
    public void Validate_PageSizeOutOfRange_NamesTheKeyAndTheRange(string kind, string key, string value, string expected)
    {
        using var services = Services(new Dictionary<string, string?>
        {
            ["Webcare:Sources:0:Name"] = "s", ["Webcare:Sources:0:Kind"] = kind, [$"Webcare:Sources:0:{key}"] = value,
        });

        var problems = services.GetRequiredService<SourcesConfiguration>().Validate().ToList();

        Assert.Contains(expected, problems);
    }

    [Fact]
    public void Validate_EverySourceKindWithoutItsSettings_OneLineEachNamingTheKey()
    {
        using var services = Services(new Dictionary<string, string?>
        {
            ["Webcare:Sources:0:Name"] = "masto", ["Webcare:Sources:0:Kind"] = "mastodon", ["Webcare:Sources:0:BaseUrl"] = "https://mastodon.social", ["Webcare:Sources:0:Queries:0"] = "huiskes",
            ["Webcare:Sources:1:Name"] = "bsky", ["Webcare:Sources:1:Kind"] = "bluesky", ["Webcare:Sources:1:Identifier"] = "me.bsky.social", ["Webcare:Sources:1:Queries:0"] = "huiskes",
            ["Webcare:Sources:2:Name"] = "reddit", ["Webcare:Sources:2:Kind"] = "reddit", ["Webcare:Sources:2:ClientId"] = "id", ["Webcare:Sources:2:UserAgent"] = "curl", ["Webcare:Sources:2:Queries:0"] = "huiskes", ["Webcare:Sources:2:ClientSecret"] = "s",
            ["Webcare:Sources:3:Name"] = "x", ["Webcare:Sources:3:Kind"] = "x", ["Webcare:Sources:3:Query"] = "huiskes", ["Webcare:Sources:3:BearerTokenVariable"] = "WEBCARE_TEST_SURELY_UNSET_VARIABLE",
            ["Webcare:Sources:4:Name"] = "gbp", ["Webcare:Sources:4:Kind"] = "google-reviews", ["Webcare:Sources:4:ClientId"] = "c", ["Webcare:Sources:4:ClientSecret"] = "s", ["Webcare:Sources:4:RefreshToken"] = "r",
            ["Webcare:Sources:4:Locations:0:Name"] = "locations/5678", ["Webcare:Sources:4:Locations:0:StoreName"] = "Huiskes Zwolle",
            ["Webcare:Sources:5:Name"] = "rss", ["Webcare:Sources:5:Kind"] = "rss", ["Webcare:Sources:5:Url"] = "feed.xml", ["Webcare:Sources:5:Interval"] = "00:05:00",
            ["Webcare:Sources:6:Name"] = "hook", ["Webcare:Sources:6:Kind"] = "webhook", ["Webcare:Sources:6:Format"] = "zapier",
            ["Webcare:Sources:7:Name"] = "off", ["Webcare:Sources:7:Kind"] = "x", ["Webcare:Sources:7:Enabled"] = "false",
        });

        var problems = services.GetRequiredService<SourcesConfiguration>().Validate().ToList();

        Assert.Equal(
        [
            "Webcare:Sources:0:Token (a Mastodon access token with read:search scope) is not set; set the environment variable Webcare__Sources__0__Token, or name another variable in Webcare:Sources:0:TokenVariable.",
            "Webcare:Sources:1:AppPassword (a Bluesky app password) is not set; set the environment variable Webcare__Sources__1__AppPassword, or name another variable in Webcare:Sources:1:AppPasswordVariable.",
            "Webcare:Sources:2:UserAgent must describe the bot as Reddit asks, e.g. \"bot:nl.example.webcare:1.0 (by /u/yourname)\".",
            "Webcare:Sources:3:BearerTokenVariable names the environment variable 'WEBCARE_TEST_SURELY_UNSET_VARIABLE' (an X API v2 app bearer token), which is not set; export it before starting the bot.",
            "Webcare:Sources:4:Locations:0:Name 'locations/5678' is not a location resource name; use accounts/{accountId}/locations/{locationId}.",
            "Webcare:Sources:5:Url 'feed.xml' is not an absolute http(s) URL; use e.g. https://example.org/.",
            "Webcare:Sources:6:Secret (the shared HMAC-SHA256 secret that signs each request) is not set; set the environment variable Webcare__Sources__6__Secret, or name another variable in Webcare:Sources:6:SecretVariable.",
            "Webcare:Sources:6:Format 'zapier' is not known; use mention or trustpilot.",
        ], problems);
    }

    [Fact]
    public void Validate_TheNoTokenDemo_ReplayAloneHasNoProblems()
    {
        var root = Path.Combine(Path.GetTempPath(), "webcare-sources-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Combine(root, "config"));
        File.WriteAllText(Path.Combine(root, "config", "demo.jsonl"), """{"id":"1","author":{"handle":"a"},"text":"Huiskes"}""");
        using var services = Services(new Dictionary<string, string?>
        {
            ["Webcare:Sources:0:Name"] = "demo", ["Webcare:Sources:0:Kind"] = "replay", ["Webcare:Sources:0:Path"] = "config/demo.jsonl",
        }, root);

        var configuration = services.GetRequiredService<SourcesConfiguration>();
        var (definition, section, kind) = Assert.Single(configuration.Enabled());

        Assert.Empty(configuration.Validate());
        Assert.IsType<ReplayKind>(kind);
        Assert.IsType<ReplaySource>(kind.Create(definition, section, services));
        Directory.Delete(root, recursive: true);
    }

    [Fact]
    public async Task AddWebcareSources_RssSourceFromConfig_SendsTheDescriptiveUserAgent()
    {
        await using var server = await FakeServer.StartAsync((c, _) => Respond.Text(c, FeedFixtures.Atom, "application/atom+xml"));
        using var services = Services(new Dictionary<string, string?>
        {
            ["Webcare:Sources:0:Name"] = "alerts", ["Webcare:Sources:0:Kind"] = "rss", ["Webcare:Sources:0:Url"] = server.BaseUrl + "/alerts.xml",
        });
        var (definition, section, kind) = Assert.Single(services.GetRequiredService<SourcesConfiguration>().Enabled());

        var (mentions, _, _) = await SourceTestHelpers.PollAsync(kind.Create(definition, section, services), null);

        Assert.Single(mentions);
        Assert.Equal(SourceHttp.UserAgent, server.Requests.Single().Header("User-Agent"));
    }

    [Fact]
    public async Task AddWebcareSources_SourcesCommand_ReachableThroughTheDispatcher()
    {
        await using var db = await TestStore.CreateAsync();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Webcare:Sources:0:Name"] = "news", ["Webcare:Sources:0:Kind"] = "rss", ["Webcare:Sources:0:Url"] = "https://example.org/feed",
        }).Build());
        services.AddLogging();
        services.AddSingleton<TimeProvider>(db.Clock);
        services.AddSingleton<IHostEnvironment>(new HostingEnvironment { ContentRootPath = Path.GetTempPath() });
        services.AddSingleton<Core.Mentions.ISourceHealthStore>(db.Store);
        services.AddScoped<Core.Commands.CommandDispatcher>();
        services.AddWebcareSources();
        await using var provider = services.BuildServiceProvider();
        await using var scope = provider.CreateAsyncScope();

        var reply = await scope.ServiceProvider.GetRequiredService<Core.Commands.CommandDispatcher>()
            .DispatchAsync(new Core.Commands.CommandRequest("sources", Core.Cases.Actor.Operator("cli", "tester")), CancellationToken.None);

        Assert.Equal("Sources (1):\nnews (rss) — not polled yet", reply.Text);
    }
}
