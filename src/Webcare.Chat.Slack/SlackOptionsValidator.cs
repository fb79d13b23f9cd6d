using Microsoft.Extensions.Options;
using Webcare.Http;

namespace Webcare.Chat.Slack;

/// <summary>Checks the Slack section at start-up; every message names the key and the fix.</summary>
internal sealed class SlackOptionsValidator(IOptions<LocalListenerOptions> listener) : IValidateOptions<SlackOptions>
{
    public ValidateOptionsResult Validate(string? name, SlackOptions options)
    {
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.BotToken))
        {
            failures.Add("Webcare:Slack:BotToken is empty; set the environment variable Webcare__Slack__BotToken to the app's Bot User OAuth Token (xoxb-…).");
        }
        else if (!options.BotToken.StartsWith("xoxb-", StringComparison.Ordinal))
        {
            failures.Add("Webcare:Slack:BotToken does not start with 'xoxb-'; use the Bot User OAuth Token from the app's OAuth & Permissions page.");
        }

        if (options.IsSocketMode)
        {
            if (string.IsNullOrWhiteSpace(options.AppToken))
            {
                failures.Add("Webcare:Slack:AppToken is empty; Socket Mode needs an app-level token (xapp-…, scope connections:write) in Webcare__Slack__AppToken.");
            }
            else if (!options.AppToken.StartsWith("xapp-", StringComparison.Ordinal))
            {
                failures.Add("Webcare:Slack:AppToken does not start with 'xapp-'; create an app-level token with scope connections:write under Basic Information.");
            }
        }
        else if (options.IsHttpMode)
        {
            if (string.IsNullOrWhiteSpace(options.SigningSecret))
            {
                failures.Add("Webcare:Slack:SigningSecret is empty; HTTP mode needs the app's signing secret in Webcare__Slack__SigningSecret.");
            }

            if (!listener.Value.Enabled)
            {
                failures.Add("Webcare:Slack:Mode is 'http' but Webcare:Http:Enabled is false; enable the local listener or use Mode 'socket'.");
            }
        }
        else
        {
            failures.Add($"Webcare:Slack:Mode '{options.Mode}' is unknown; use 'socket' or 'http'.");
        }

        if (!Uri.TryCreate(options.ApiBaseUrl, UriKind.Absolute, out var api) || (api.Scheme != Uri.UriSchemeHttps && api.Scheme != Uri.UriSchemeHttp))
        {
            failures.Add($"Webcare:Slack:ApiBaseUrl '{options.ApiBaseUrl}' is not an http(s) URL; leave it at https://slack.com/api/.");
        }

        foreach (var (role, ids) in new[] { ("Agent", options.Roles.Agent), ("Lead", options.Roles.Lead), ("Manager", options.Roles.Manager) })
        {
            foreach (var id in ids.Where(id => !SlackRoles.LooksLikeId(id)))
            {
                failures.Add($"Webcare:Slack:Roles:{role} has '{id}', which is not a Slack user id (U…/W…) or user-group id (S…); copy the id from the member's or group's profile.");
            }
        }

        if (options.ChannelMessageInterval < TimeSpan.Zero || options.MaxRateLimitRetries is < 0 or > 20)
        {
            failures.Add("Webcare:Slack:ChannelMessageInterval must not be negative and MaxRateLimitRetries must be 0-20.");
        }

        if (options.CommandAckBudget <= TimeSpan.Zero || options.CommandAckBudget > TimeSpan.FromSeconds(2.5))
        {
            failures.Add("Webcare:Slack:CommandAckBudget must be above 0 and at most 00:00:02.5, or Slack's 3-second window is missed.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
