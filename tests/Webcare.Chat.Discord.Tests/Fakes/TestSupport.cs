using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Webcare.Chat.Discord.Gateway;
using Webcare.Chat.Discord.Hosting;
using Webcare.Chat.Discord.Rest;

namespace Webcare.Chat.Discord.Tests.Fakes;

public sealed class TestHttpClientFactory : IHttpClientFactory, IDisposable
{
    private readonly SocketsHttpHandler _handler = new();

    public HttpClient CreateClient(string name) => new(_handler, disposeHandler: false);

    public void Dispose() => _handler.Dispose();
}

public sealed class FakeLifetime : IHostApplicationLifetime
{
    private readonly CancellationTokenSource _stopping = new();

    public CancellationToken ApplicationStarted => new(canceled: true);

    public CancellationToken ApplicationStopping => _stopping.Token;

    public CancellationToken ApplicationStopped => CancellationToken.None;

    public void StopApplication() => _stopping.Cancel();
}

public static class Eventually
{
    /// <summary>Polls until the condition holds; fails the test after the timeout.</summary>
    public static async Task TrueAsync(Func<bool> condition, string what, int timeoutMs = 10_000)
    {
        var deadline = Environment.TickCount64 + timeoutMs;
        while (!condition())
        {
            if (Environment.TickCount64 > deadline)
            {
                Assert.Fail("Timed out waiting for: " + what);
            }

            await Task.Delay(20);
        }
    }

    public static async Task TrueAsync(Func<Task<bool>> condition, string what, int timeoutMs = 10_000)
    {
        var deadline = Environment.TickCount64 + timeoutMs;
        while (!await condition())
        {
            if (Environment.TickCount64 > deadline)
            {
                Assert.Fail("Timed out waiting for: " + what);
            }

            await Task.Delay(20);
        }
    }
}

/// <summary>The real gateway and REST code wired by hand against the fake, with an optional fake clock.</summary>
internal sealed class GatewayHarness : IAsyncDisposable
{
    private readonly TestHttpClientFactory _http = new();
    private readonly CancellationTokenSource _stop = new();

    private GatewayHarness(FakeDiscord fake, TimeProvider clock, double jitter, Action<DiscordOptions>? configure)
    {
        Fake = fake;
        Lifetime = new FakeLifetime();
        var options = Options.Create(new DiscordOptions
        {
            BotToken = "test-token",
            ApplicationId = "1100",
            ApiBaseUrl = fake.ApiBaseUrl,
            ReconnectDelay = TimeSpan.Zero,
            IdentifyInterval = TimeSpan.Zero,
        });
        configure?.Invoke(options.Value);
        Api = new DiscordApi(new DiscordRestClient(_http, options, clock, Logs.Factory.CreateLogger<DiscordRestClient>()), options);
        Fatal = new DiscordFatalStop(Lifetime, Logs.Factory.CreateLogger<DiscordFatalStop>());
        Gateway = new DiscordGateway(Api, options, Fatal, clock, Logs.Factory.CreateLogger<DiscordGateway>(), () => jitter);
    }

    public FakeDiscord Fake { get; }

    public FakeLifetime Lifetime { get; }

    public DiscordApi Api { get; }

    public DiscordFatalStop Fatal { get; }

    public DiscordGateway Gateway { get; }

    public Task Running { get; private set; } = Task.CompletedTask;

    public DiscordChatPlatform Platform => new(Api);

    public static async Task<GatewayHarness> StartAsync(TimeProvider? clock = null, double jitter = 0.5, Action<FakeDiscord>? setup = null, bool startGateway = true, Action<DiscordOptions>? configure = null)
    {
        var fake = await FakeDiscord.StartAsync();
        setup?.Invoke(fake);
        var harness = new GatewayHarness(fake, clock ?? TimeProvider.System, jitter, configure);
        if (startGateway)
        {
            harness.Running = Task.Run(() => harness.Gateway.RunAsync(harness._stop.Token));
        }

        return harness;
    }

    /// <summary>Waits until the bot identified and processed READY.</summary>
    public async Task ReadyAsync()
    {
        await Fake.Gateway.NextOpAsync(2);
        await Eventually.TrueAsync(() => Gateway.SessionId is not null && Gateway.SessionId == Fake.Gateway.SessionId, "READY processed");
    }

    /// <summary>The next INTERACTION_CREATE payload id the gateway hands on.</summary>
    public async Task<string> NextDispatchIdAsync()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var payload = await Gateway.Dispatches.ReadAsync(cts.Token);
        return payload.GetProperty("id").GetString()!;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await Running.WaitAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        await Fake.DisposeAsync();
        _http.Dispose();
        _stop.Dispose();
    }
}

/// <summary>Set WEBCARE_TEST_LOG=1 to see the adapter's logs while debugging a test.</summary>
internal static class Logs
{
    public static ILoggerFactory Factory { get; } = Environment.GetEnvironmentVariable("WEBCARE_TEST_LOG") == "1"
        ? LoggerFactory.Create(b => b.AddSimpleConsole().SetMinimumLevel(LogLevel.Debug))
        : NullLoggerFactory.Instance;
}
