using Webcare.Bot.Hosting;
using Webcare.Chat.Discord.Tests.Fakes;

namespace Webcare.Chat.Discord.Tests;

public sealed class ConfigurationTests
{
    private static IReadOnlyList<string> Problems(Dictionary<string, string?> overrides, string? contentRoot = null)
    {
        overrides["Webcare:Storage:Path"] = Path.Combine(BotHarness.NewDirectory(), "webcare.db");
        using var host = WebcareHost.CreateBuilder(contentRoot ?? BotHarness.RepoRoot, overrides).Build();
        return ConfigurationCheck.Run(host.Services);
    }

    [Fact]
    public void Check_TokenWithBadIds_NamesEachKeyAndTheFix()
    {
        var problems = Problems(new()
        {
            ["Webcare:Discord:BotToken"] = "Bot abc",
            ["Webcare:Discord:ApplicationId"] = "my-app",
            ["Webcare:Discord:GuildId"] = "guild",
            ["Webcare:Discord:ApiBaseUrl"] = "ftp://example.org",
            ["Webcare:Discord:Roles:Agent:RoleIds:0"] = "agents",
        });

        Assert.Contains(problems, p => p.StartsWith("Webcare__Discord__BotToken starts with 'Bot '", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("Webcare:Discord:ApplicationId is missing or not a number", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("Webcare:Discord:GuildId 'guild'", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("Webcare:Discord:ApiBaseUrl 'ftp://example.org'", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("Webcare:Discord:Roles:Agent holds 'agents'", StringComparison.Ordinal));
        Assert.DoesNotContain(problems, p => p.Contains("abc", StringComparison.Ordinal)); // the token never appears in output
    }

    [Fact]
    public void Check_NoToken_DiscordIsOffAndNothingIsReported()
    {
        Assert.Empty(Problems(new() { ["Webcare:Discord:BotToken"] = string.Empty }));
    }

    [Fact]
    public void Check_TokenInAConfigFile_IsRefused()
    {
        var root = BotHarness.NewDirectory();
        Directory.CreateDirectory(Path.Combine(root, "config"));
        var defaults = File.ReadAllText(Path.Combine(BotHarness.RepoRoot, "config", "appsettings.json"));
        File.WriteAllText(Path.Combine(root, "config", "appsettings.json"),
            defaults.Replace("\"ApplicationId\": \"\"", "\"BotToken\": \"file-token\", \"ApplicationId\": \"1100\"", StringComparison.Ordinal));
        File.Copy(Path.Combine(BotHarness.RepoRoot, "config", "samples", "mentions.jsonl"), Path.Combine(root, "mentions.jsonl"));

        var problems = Problems(new() { ["Webcare:Sources:0:Path"] = Path.Combine(root, "mentions.jsonl") }, root);

        var problem = Assert.Single(problems, p => p.StartsWith("Webcare:Discord:BotToken is set in a JSON config file", StringComparison.Ordinal));
        Assert.DoesNotContain("file-token", problem, StringComparison.Ordinal);
    }
}
