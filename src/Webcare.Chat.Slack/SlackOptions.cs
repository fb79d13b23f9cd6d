using Microsoft.Extensions.Configuration;

namespace Webcare.Chat.Slack;

/// <summary>
/// Section <c>Webcare:Slack</c>. The tokens and the signing secret come only from environment variables
/// (<c>Webcare__Slack__BotToken</c>, <c>Webcare__Slack__AppToken</c>, <c>Webcare__Slack__SigningSecret</c>).
/// </summary>
public sealed class SlackOptions
{
    public const string Section = "Webcare:Slack";

    /// <summary>Leave empty to switch Slack on whenever a bot token is present; <c>false</c> keeps it off anyway.</summary>
    public bool? Enabled { get; set; }

    /// <summary>Bot token (<c>xoxb-…</c>) for the Web API.</summary>
    public string? BotToken { get; set; }

    /// <summary>App-level token (<c>xapp-…</c>, scope <c>connections:write</c>) for Socket Mode.</summary>
    public string? AppToken { get; set; }

    /// <summary>Signing secret, needed in HTTP mode to verify requests from Slack.</summary>
    public string? SigningSecret { get; set; }

    /// <summary><c>socket</c> (outbound WebSocket, no public address needed) or <c>http</c> (request URLs on the local listener).</summary>
    public string Mode { get; set; } = "socket";

    /// <summary>The Web API base; overridable for tests and Slack-compatible servers.</summary>
    public string ApiBaseUrl { get; set; } = "https://slack.com/api/";

    /// <summary>Slack user ids (<c>U…</c>/<c>W…</c>) and user-group ids (<c>S…</c>) per role.</summary>
    public SlackRoleOptions Roles { get; set; } = new();

    /// <summary>Spacing of messages to one channel (Slack allows about one per second per channel).</summary>
    public TimeSpan ChannelMessageInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How often one call is retried after <c>429 Retry-After</c> before the outbox takes over.</summary>
    public int MaxRateLimitRetries { get; set; } = 5;

    /// <summary>Longest wait honoured from one <c>Retry-After</c>; longer waits fail the call and the outbox retries later.</summary>
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// How long a slash command may take before the answer goes via <c>response_url</c> instead of the acknowledgement.
    /// Slack's 3 seconds run from its own send, so the rest is kept for the round trip and a busy host.
    /// </summary>
    public TimeSpan CommandAckBudget { get; set; } = TimeSpan.FromSeconds(1.5);

    /// <summary>WebSocket PING interval and PONG timeout: a half-open socket is dropped and replaced after about this long.</summary>
    public TimeSpan KeepAlive { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long to wait for Slack's <c>hello</c> after connecting.</summary>
    public TimeSpan HelloTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>First reconnect delay after a failure; doubles (with jitter) up to <see cref="MaxReconnectDelay"/>.</summary>
    public TimeSpan ReconnectDelay { get; set; } = TimeSpan.FromSeconds(1);

    public TimeSpan MaxReconnectDelay { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How long user-group memberships (<c>usergroups.users.list</c>) are cached.</summary>
    public TimeSpan GroupCacheDuration { get; set; } = TimeSpan.FromMinutes(5);

    public bool IsSocketMode => string.Equals(Mode, "socket", StringComparison.OrdinalIgnoreCase);

    public bool IsHttpMode => string.Equals(Mode, "http", StringComparison.OrdinalIgnoreCase);

    /// <summary>Slack is switched on when a bot token is present and it is not explicitly disabled.</summary>
    public static bool IsConfigured(IConfiguration configuration)
    {
        var section = configuration.GetSection(Section);
        if (bool.TryParse(section["Enabled"], out var enabled) && !enabled)
        {
            return false;
        }

        return !string.IsNullOrWhiteSpace(section["BotToken"]) || enabled;
    }
}

/// <summary>Section <c>Webcare:Slack:Roles</c>: who is an agent, a lead or a manager in Slack.</summary>
public sealed class SlackRoleOptions
{
    public List<string> Agent { get; set; } = [];

    public List<string> Lead { get; set; } = [];

    public List<string> Manager { get; set; } = [];
}
