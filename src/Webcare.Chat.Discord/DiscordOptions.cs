using System.Globalization;
using Microsoft.Extensions.Options;
using Webcare.Core.Cases;

namespace Webcare.Chat.Discord;

/// <summary>
/// Section <c>Webcare:Discord</c>. Discord is on only when a bot token is present; the token comes
/// from the environment variable <c>Webcare__Discord__BotToken</c>, never from a config file.
/// </summary>
public sealed class DiscordOptions
{
    public const string Section = "Webcare:Discord";
    public const string DefaultApiBaseUrl = "https://discord.com/api/v10";

    public string? BotToken { get; set; }

    /// <summary>The application id (Developer Portal → General Information → Application ID).</summary>
    public string? ApplicationId { get; set; }

    /// <summary>Optional server (guild) id: commands are then registered for that server only, which is instant.</summary>
    public string? GuildId { get; set; }

    /// <summary>The REST base URL; overridable for tests and Discord-compatible servers. The gateway URL always comes from <c>GET /gateway/bot</c>.</summary>
    public string ApiBaseUrl { get; set; } = DefaultApiBaseUrl;

    /// <summary>Who holds which webcare role: Discord role ids and user ids per role.</summary>
    public DiscordRoleMap Roles { get; set; } = new();

    /// <summary>How long a command may take before the bot defers its answer (Discord wants a first answer within 3 s).</summary>
    public TimeSpan FastReplyWindow { get; set; } = TimeSpan.FromMilliseconds(1500);

    /// <summary>The first reconnect delay; it doubles (with jitter) up to a minute. Zero reconnects at once (tests).</summary>
    public TimeSpan ReconnectDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Least time between two Identify calls (Discord allows max_concurrency per 5 s).</summary>
    public TimeSpan IdentifyInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How many times one REST request is retried after a 429 or a 5xx before the caller is told it failed.</summary>
    public int MaxRetries { get; set; } = 5;

    /// <summary>401/403/429 answers tolerated per 10 minutes before the bot stops sending (Discord bans an IP at 10,000).</summary>
    public int InvalidRequestBudget { get; set; } = 5000;

    public bool Enabled => !string.IsNullOrWhiteSpace(BotToken);

    internal Uri ApiBase => new(ApiBaseUrl.TrimEnd('/') + "/", UriKind.Absolute);
}

public sealed class DiscordRoleMap
{
    public DiscordRoleMembers Agent { get; set; } = new();

    public DiscordRoleMembers Lead { get; set; } = new();

    public DiscordRoleMembers Manager { get; set; } = new();

    /// <summary>The webcare roles of a member, from their Discord role ids and user id.</summary>
    public IReadOnlySet<Role> Resolve(string userId, IReadOnlyCollection<string> discordRoles)
    {
        var roles = new HashSet<Role>();
        foreach (var (role, members) in new[] { (Role.Agent, Agent), (Role.Lead, Lead), (Role.Manager, Manager) })
        {
            if (members.UserIds.Contains(userId, StringComparer.Ordinal) || members.RoleIds.Any(discordRoles.Contains))
            {
                roles.Add(role);
            }
        }

        return roles;
    }
}

public sealed class DiscordRoleMembers
{
    public List<string> RoleIds { get; set; } = [];

    public List<string> UserIds { get; set; } = [];
}

/// <summary>Checks the section at start-up with messages that name the key and the fix.</summary>
public sealed class DiscordOptionsValidator : IValidateOptions<DiscordOptions>
{
    public ValidateOptionsResult Validate(string? name, DiscordOptions options)
    {
        var problems = new List<string>();
        if (!Uri.TryCreate(options.ApiBaseUrl, UriKind.Absolute, out var api) || (api.Scheme != Uri.UriSchemeHttps && api.Scheme != Uri.UriSchemeHttp))
        {
            problems.Add($"Webcare:Discord:ApiBaseUrl '{options.ApiBaseUrl}' is not an http(s) URL; leave it out to use {DiscordOptions.DefaultApiBaseUrl}.");
        }

        if (!options.Enabled)
        {
            return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
        }

        if (options.BotToken!.Trim().StartsWith("Bot ", StringComparison.OrdinalIgnoreCase))
        {
            problems.Add("Webcare__Discord__BotToken starts with 'Bot '; set only the token itself.");
        }

        if (!IsSnowflake(options.ApplicationId))
        {
            problems.Add("Webcare:Discord:ApplicationId is missing or not a number; copy it from the Developer Portal (General Information → Application ID).");
        }

        if (!string.IsNullOrWhiteSpace(options.GuildId) && !IsSnowflake(options.GuildId))
        {
            problems.Add($"Webcare:Discord:GuildId '{options.GuildId}' is not a server id; enable Developer Mode, right-click the server → Copy Server ID, or leave it empty for global commands.");
        }

        foreach (var (role, members) in new[] { ("Agent", options.Roles.Agent), ("Lead", options.Roles.Lead), ("Manager", options.Roles.Manager) })
        {
            foreach (var id in members.RoleIds.Concat(members.UserIds).Where(id => !IsSnowflake(id)))
            {
                problems.Add($"Webcare:Discord:Roles:{role} holds '{id}', which is not a Discord id; use Copy Role ID / Copy User ID (Developer Mode).");
            }
        }

        if (options.FastReplyWindow <= TimeSpan.Zero || options.FastReplyWindow > TimeSpan.FromMilliseconds(2500))
        {
            problems.Add("Webcare:Discord:FastReplyWindow must be between 00:00:00.001 and 00:00:02.5 (Discord's deadline is 3 seconds).");
        }

        if (options.MaxRetries is < 0 or > 20)
        {
            problems.Add("Webcare:Discord:MaxRetries must be between 0 and 20.");
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }

    internal static bool IsSnowflake(string? value) =>
        !string.IsNullOrWhiteSpace(value) && value.Length <= 20 && ulong.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0;
}
