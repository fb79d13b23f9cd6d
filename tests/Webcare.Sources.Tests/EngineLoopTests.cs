using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Webcare.Core.Routing;
using Webcare.Sources.Engine;
using Webcare.Sources.Health;
using Webcare.Sources.Rss;
using Webcare.Sources.Tests.Fixtures;
using Webcare.Sources.Tests.Infrastructure;

namespace Webcare.Sources.Tests;

public sealed class EngineLoopTests
{
    [Fact]
    public async Task RunSourceAsync_ErrorThen429ThenFeed_BacksOffHonoursRetryAfterAndStores()
    {
        await using var db = await TestStore.CreateAsync(TimeProvider.System);
        var calls = 0;
        // When each request arrived, as the server saw it: the wait is measured between polls, away from the cold
        // start of the HTTP client, SQLite and the triage model that a stopwatch around the whole run would include.
        var serverClock = Stopwatch.StartNew();
        var arrivals = new ConcurrentQueue<TimeSpan>();
        await using var server = await FakeServer.StartAsync((c, _) =>
        {
            arrivals.Enqueue(serverClock.Elapsed);
            return ++calls switch
            {
                1 => Respond.Text(c, "<html>500</html>", "text/html", 500),
                2 => RetryAfter(c),
                _ => Respond.Text(c, FeedFixtures.Rss, "application/rss+xml"),
            };
        });
        var sink = new InlineSink(db.Processor);
        var engine = new SourceEngine(
            new SourcesConfiguration(new ConfigurationBuilder().Build(), []),
            new ServiceCollection().BuildServiceProvider(),
            sink,
            db.Store,
            new SourceHealthMonitor(db.Store, [], Options.Create(new RoutingOptions()), NullLogger<SourceHealthMonitor>.Instance),
            TimeProvider.System,
            NullLogger<SourceEngine>.Instance);
        var definition = new SourceDefinition { Name = "news", Kind = "rss", Interval = TimeSpan.FromSeconds(30), RetryDelay = TimeSpan.FromMilliseconds(20) };
        var source = new RssSource("news", new RssOptions { Url = server.BaseUrl + "/feed.xml" }, SourceTestHelpers.Http(server, TimeProvider.System), TimeProvider.System, NullLogger<RssSource>.Instance);
        // Only a safety net; a loaded machine may need several seconds for the cold start.
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(30));

        var loop = engine.RunSourceAsync(source, definition, stop.Token);
        // Done when the poll that delivered is recorded: the mentions are stored before that.
        while ((await db.Store.GetHealthAsync("news", CancellationToken.None))?.LastSuccessAt is null && !stop.IsCancellationRequested)
        {
            await Task.Delay(20);
        }

        await stop.CancelAsync();
        await loop;

        Assert.Equal(3, sink.Processed.Count);
        Assert.Equal(3, calls);
        var times = arrivals.ToArray();
        // Waited the Retry-After second (plus up to 250 ms jitter), not the 20 ms backoff; 0.9 s allows for timer granularity.
        Assert.InRange(times[2] - times[1], TimeSpan.FromSeconds(0.9), TimeSpan.FromSeconds(5));
        var health = await db.Store.GetHealthAsync("news", CancellationToken.None);
        Assert.Equal(0, health!.ConsecutiveFailures);
        Assert.Contains("429", health.LastError, StringComparison.Ordinal);
        Assert.Equal(3, health.ItemsToday);
    }

    private static Task RetryAfter(Microsoft.AspNetCore.Http.HttpContext context)
    {
        context.Response.Headers.RetryAfter = "1";
        return Respond.Text(context, "Too Many Requests", "text/plain", 429);
    }
}
