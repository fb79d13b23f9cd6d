using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Webcare.Chat.Discord.Hosting;
using Webcare.Chat.Discord.Tests.Fakes;

namespace Webcare.Chat.Discord.Tests;

/// <summary>
/// Environment.ExitCode is one value for the whole test process: tests that expect the fatal stop to set it
/// must not run beside each other, nor beside anything else, or one's reset hides the other's result.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessExitCodeCollection
{
    public const string Name = "Environment.ExitCode";
}

[Collection(ProcessExitCodeCollection.Name)]
public sealed class FatalExitTests
{
    [Fact]
    public async Task Close4004_StopsTheHostWithOneClearLineAndNonZeroExit()
    {
        // Start from 0, so the assertion below sees this test's fatal stop and not an earlier one.
        Environment.ExitCode = 0;
        await using var harness = await GatewayHarness.StartAsync(setup: f => f.Gateway.CloseOnIdentify = 4004);
        try
        {
            await harness.Running.WaitAsync(TimeSpan.FromSeconds(10));

            Assert.True(harness.Lifetime.ApplicationStopping.IsCancellationRequested);
            Assert.Contains("4004", harness.Fatal.Reason, StringComparison.Ordinal);
            Assert.Contains("Webcare__Discord__BotToken", harness.Fatal.Reason, StringComparison.Ordinal);
            Assert.DoesNotContain('\n', harness.Fatal.Reason!);
            Assert.Equal(DiscordFatalStop.ExitCode, Environment.ExitCode);
            Assert.Equal(1, harness.Fake.Gateway.ConnectionCount); // no reconnect loop
            Assert.True((await harness.Fake.Gateway.NextClientCloseAsync(TimeSpan.FromSeconds(15))).AnsweredFake);
        }
        finally
        {
            Environment.ExitCode = 0;
        }
    }

    [Fact]
    public async Task Gateway_Close4004_StopsTheHostWithNonZeroExitCode()
    {
        Environment.ExitCode = 0;
        await using var fake = await FakeDiscord.StartAsync();
        fake.Gateway.CloseOnIdentify = 4004;
        var bot = await BotHarness.StartAsync(fake, BotHarness.NewDirectory(), []);
        try
        {
            var lifetime = bot.Host.Services.GetRequiredService<IHostApplicationLifetime>();
            await Eventually.TrueAsync(() => lifetime.ApplicationStopping.IsCancellationRequested, "host stopping");
            Assert.Equal(DiscordFatalStop.ExitCode, Environment.ExitCode);
            Assert.Contains("4004", bot.Host.Services.GetRequiredService<DiscordFatalStop>().Reason, StringComparison.Ordinal);
        }
        finally
        {
            Environment.ExitCode = 0;
            await bot.DisposeAsync();
        }
    }
}
