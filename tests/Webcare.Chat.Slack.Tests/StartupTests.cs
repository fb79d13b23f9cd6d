using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Webcare.Bot.Hosting;
using Webcare.Chat.Slack.Tests.Fakes;
using Webcare.Core.Chat;

namespace Webcare.Chat.Slack.Tests;

/// <summary>Configuration and start-up: off without tokens, validated with readable lines, a rejected token stops the host.</summary>
public sealed class StartupTests
{
    [Fact]
    public void AddWebcareSlack_NoTokens_RegistersNothing()
    {
        using var dir = new TempDir();
        using var host = WebcareHost.CreateBuilder(TestPaths.RepoRoot, new Dictionary<string, string?> { ["Webcare:Storage:Path"] = dir.File("x.db") }).Build();

        Assert.Equal(["console"], host.Services.GetServices<IChatPlatform>().Select(p => p.Platform));
        Assert.Null(host.Services.GetService<SlackChatPlatform>());
        Assert.Empty(ConfigurationCheck.Run(host.Services));
    }

    [Fact]
    public async Task ConfigurationCheck_WrongPrefixes_OneReadableLineEach()
    {
        await using var fake = await FakeSlack.StartAsync();
        await using var bot = await SlackBot.StartAsync(fake, start: false, extra: new Dictionary<string, string?>
        {
            ["Webcare:Slack:BotToken"] = "xoxp-user-token",
            ["Webcare:Slack:AppToken"] = "xoxb-not-an-app-token",
            ["Webcare:Slack:Roles:Lead:0"] = "someone",
        });

        var problems = ConfigurationCheck.Run(bot.Services);

        Assert.Contains(problems, p => p.StartsWith("Webcare:Slack:BotToken does not start with 'xoxb-'", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("Webcare:Slack:AppToken does not start with 'xapp-'", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("Webcare:Slack:Roles:Lead has 'someone'", StringComparison.Ordinal));
        Assert.All(problems, p => Assert.DoesNotContain("xoxp-user-token", p, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Start_RejectedBotToken_StopsHostWithOneCriticalLine()
    {
        await using var fake = await FakeSlack.StartAsync();
        await using var bot = await SlackBot.StartAsync(fake, extra: new Dictionary<string, string?> { ["Webcare:Slack:BotToken"] = "xoxb-revoked" });
        var lifetime = bot.Services.GetRequiredService<IHostApplicationLifetime>();

        await FakeSlack.WaitUntilAsync(() => lifetime.ApplicationStopping.IsCancellationRequested, TimeSpan.FromSeconds(10), "the host to stop");

        var critical = Assert.Single(bot.Dir.Log, l => l.StartsWith("Critical", StringComparison.Ordinal));
        Assert.Contains("Slack rejected Webcare:Slack:BotToken (invalid_auth)", critical, StringComparison.Ordinal);
        Assert.DoesNotContain("xoxb-revoked", critical, StringComparison.Ordinal);
        Assert.Empty(fake.CallsTo("apps.connections.open"));
    }

    [Fact]
    public async Task Refresh_AppTokenRevokedMeanwhile_StopsHostWithOneCriticalLineAndClosesTheOldSocket()
    {
        await using var fake = await FakeSlack.StartAsync();
        var opens = 0;
        fake.Intercept = call => Task.FromResult<IResult?>(
            call.Method == "apps.connections.open" && Interlocked.Increment(ref opens) == 2
                ? Results.Json(new JsonObject { ["ok"] = false, ["error"] = "token_revoked" })
                : null);
        await using var bot = await SlackBot.StartAsync(fake);
        var lifetime = bot.Services.GetRequiredService<IHostApplicationLifetime>();
        var first = await fake.WaitForSocketAsync(1);

        await first.SendAsync(new JsonObject { ["type"] = "disconnect", ["reason"] = "refresh_requested" });
        await FakeSlack.WaitUntilAsync(() => lifetime.ApplicationStopping.IsCancellationRequested, TimeSpan.FromSeconds(10), "the host to stop");

        var critical = Assert.Single(bot.Dir.Log, l => l.StartsWith("Critical", StringComparison.Ordinal));
        Assert.Contains("Slack rejected Webcare:Slack:AppToken (token_revoked)", critical, StringComparison.Ordinal);
        Assert.DoesNotContain(bot.Dir.Log, l => l.StartsWith("Error", StringComparison.Ordinal));
        await first.ClientCloseReceived.Task.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task Start_MissingScopes_ReportedInOneLine()
    {
        await using var fake = await FakeSlack.StartAsync();
        fake.GrantedScopes = "chat:write";
        await using var bot = await SlackBot.StartAsync(fake);
        await fake.WaitForSocketAsync(1);

        var line = Assert.Single(bot.Dir.Log, l => l.Contains("auth.test ok", StringComparison.Ordinal));
        Assert.Contains("missing scopes: commands, files:write, usergroups:read", line, StringComparison.Ordinal);
    }
}
