using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Webcare.Core.Cases;

namespace Webcare.Chat.Slack;

/// <summary>
/// Turns a Slack user into an <see cref="Actor"/> with the roles configured for the user's id or for a
/// user group they belong to. It only says who has which role; <see cref="AccessPolicy"/> decides.
/// </summary>
public sealed partial class SlackRoles(SlackApiClient api, IOptions<SlackOptions> options, TimeProvider clock, ILogger<SlackRoles> logger)
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Dictionary<string, (DateTimeOffset At, HashSet<string> Users)> _groups = new(StringComparer.Ordinal);

    public static bool LooksLikeId(string id) =>
        id.Length is >= 3 and <= 32 && id[0] is 'U' or 'W' or 'S' && id.All(char.IsAsciiLetterOrDigit);

    public async Task<Actor> ActorAsync(string userId, string? displayName, CancellationToken cancellationToken)
    {
        var roles = new HashSet<Role>();
        var value = options.Value.Roles;
        foreach (var (role, ids) in new[] { (Role.Agent, value.Agent), (Role.Lead, value.Lead), (Role.Manager, value.Manager) })
        {
            if (ids.Contains(userId, StringComparer.Ordinal))
            {
                roles.Add(role);
                continue;
            }

            foreach (var group in ids.Where(id => id.StartsWith('S')))
            {
                if ((await MembersAsync(group, cancellationToken)).Contains(userId))
                {
                    roles.Add(role);
                    break;
                }
            }
        }

        return new Actor("slack", userId, string.IsNullOrWhiteSpace(displayName) ? userId : displayName, roles);
    }

    private async Task<HashSet<string>> MembersAsync(string groupId, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var now = clock.GetUtcNow();
            if (_groups.TryGetValue(groupId, out var cached) && now - cached.At < options.Value.GroupCacheDuration)
            {
                return cached.Users;
            }

            try
            {
                var response = await api.CallAsync("usergroups.users.list", new JsonObject { ["usergroup"] = groupId }, cancellationToken);
                var users = (response.Body["users"] as JsonArray ?? []).Select(u => (string?)u).OfType<string>().ToHashSet(StringComparer.Ordinal);
                _groups[groupId] = (now, users);
                return users;
            }
            catch (SlackApiException ex)
            {
                // Without the group list nobody gets that group's role: refusing is the safe side.
                LogGroupFailed(groupId, ex.Error);
                return cached.Users ?? [];
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Slack user group {GroupId} could not be read ({Error}); its members get no role from it")]
    private partial void LogGroupFailed(string groupId, string error);
}
