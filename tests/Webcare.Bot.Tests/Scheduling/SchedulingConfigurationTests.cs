using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Webcare.Bot.Hosting;
using Webcare.Bot.Scheduling;
using Webcare.Core.Commands;

namespace Webcare.Bot.Tests.Scheduling;

public sealed class SchedulingConfigurationTests
{
    private static IHost Build(Dictionary<string, string?> overrides)
    {
        overrides["Webcare:Storage:Path"] = Path.Combine(Path.GetTempPath(), "webcare-cfg-" + Guid.NewGuid().ToString("N"), "webcare.db");
        return WebcareHost.CreateBuilder(AppContext.BaseDirectory, overrides).Build();
    }

    [Fact]
    public void ConfigurationCheck_DefaultConfig_HasNoProblemsAndRegistersTheJobsAndCommand()
    {
        using var host = Build([]);

        Assert.Empty(ConfigurationCheck.Run(host.Services));
        var hosted = host.Services.GetServices<IHostedService>().ToList();
        Assert.Contains(hosted, s => s is DigestScheduler);
        Assert.Contains(hosted, s => s is SpikeAlertService);
        using var scope = host.Services.CreateScope();
        Assert.Contains(scope.ServiceProvider.GetRequiredService<CommandDispatcher>().Handlers, h => h.Name == "digest");
    }

    [Fact]
    public void ConfigurationCheck_BadDigestAndSpikeSettings_ReportsOneLinePerKey()
    {
        using var host = Build(new()
        {
            ["Webcare:Digest:Day"] = "Funday",
            ["Webcare:Digest:Time"] = "25:00",
            ["Webcare:Digest:TimeZone"] = "Mars/Olympus",
            ["Webcare:Digest:Channel"] = "teams:leads",
            ["Webcare:Spikes:Multiple"] = "0.5",
            ["Webcare:Spikes:MinimumVolume"] = "0",
            ["Webcare:Spikes:Cooldown"] = "00:10:00",
            ["Webcare:Spikes:Channel"] = "leads",
        });

        var problems = ConfigurationCheck.Run(host.Services);

        Assert.Equal(8, problems.Count);
        Assert.All(problems, p => Assert.DoesNotContain('\n', p));
        foreach (var key in new[] { "Digest:Day 'Funday'", "Digest:Time '25:00'", "Digest:TimeZone 'Mars/Olympus'", "Digest:Channel 'teams:leads'",
            "Spikes:Multiple 0.5", "Spikes:MinimumVolume 0", "Spikes:Cooldown 00:10:00", "Spikes:Channel 'leads'" })
        {
            Assert.Contains(problems, p => p.StartsWith("Webcare:" + key, StringComparison.Ordinal));
        }
    }

    [Fact]
    public void ConfigurationCheck_DisabledDigestWithBadSettings_IsNotChecked()
    {
        using var host = Build(new() { ["Webcare:Digest:Enabled"] = "false", ["Webcare:Digest:Day"] = "Funday" });
        Assert.Empty(ConfigurationCheck.Run(host.Services));
    }
}
