using System.Text.Json.Nodes;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Webcare.Chat.Slack;

/// <summary>
/// Checks the bot token with <c>auth.test</c> before Slack work starts and reports the result and any
/// missing scopes in one line. A rejected token stops the bot with one clear line; an unreachable Slack
/// does not (the connection loop keeps retrying).
/// </summary>
public sealed partial class SlackStartup(
    SlackApiClient api,
    IOptions<SlackOptions> options,
    IHostApplicationLifetime lifetime,
    ILogger<SlackStartup> logger) : IHostedService
{
    private static readonly string[] RequiredScopes = ["chat:write", "commands", "files:write"];
    private readonly TaskCompletionSource<bool> _accepted = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Scopes the token lacks, as reported by the last check.</summary>
    public IReadOnlyList<string> MissingScopes { get; private set; } = [];

    /// <summary>Waits for the start-up check; false when the token was rejected.</summary>
    public Task<bool> WaitAcceptedAsync(CancellationToken cancellationToken) => _accepted.Task.WaitAsync(cancellationToken);

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(10));
        try
        {
            var response = await api.CallAsync("auth.test", [], timeout.Token);
            var granted = response.Headers.TryGetValues("x-oauth-scopes", out var values)
                ? string.Join(',', values).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.Ordinal)
                : null;
            var required = RequiredScopes.AsEnumerable();
            var roles = options.Value.Roles;
            if (roles.Agent.Concat(roles.Lead).Concat(roles.Manager).Any(id => id.StartsWith('S')))
            {
                required = required.Append("usergroups:read");
            }

            MissingScopes = granted is null ? [] : required.Where(s => !granted.Contains(s)).ToList();
            var who = $"{(string?)response.Body["user"] ?? "?"} in {(string?)response.Body["team"] ?? "?"}";
            if (MissingScopes.Count > 0)
            {
                LogMissingScopes(who, options.Value.Mode, string.Join(", ", MissingScopes));
            }
            else
            {
                LogAccepted(who, options.Value.Mode);
            }

            _accepted.TrySetResult(true);
        }
        catch (SlackApiException ex) when (ex.IsAuthError)
        {
            LogRejected(ex.Error);
            _accepted.TrySetResult(false);
            Environment.ExitCode = 1; // A rejected token cannot recover: stop with a failing exit code.
            lifetime.StopApplication();
        }
        catch (Exception ex) when (ex is SlackApiException or HttpRequestException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            LogUnreachable(ex.Message);
            _accepted.TrySetResult(true);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _accepted.TrySetResult(false);
        return Task.CompletedTask;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Slack: auth.test ok as {Who}; mode {Mode}; all required scopes granted")]
    private partial void LogAccepted(string who, string mode);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Slack: auth.test ok as {Who}; mode {Mode}; missing scopes: {Missing} — add them under OAuth & Permissions and reinstall the app")]
    private partial void LogMissingScopes(string who, string mode, string missing);

    [LoggerMessage(Level = LogLevel.Critical, Message = "Slack rejected Webcare:Slack:BotToken ({Error}); set Webcare__Slack__BotToken to the app's current Bot User OAuth Token (xoxb-…). Stopping.")]
    private partial void LogRejected(string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Slack: auth.test could not be completed ({Error}); carrying on and retrying the connection")]
    private partial void LogUnreachable(string error);
}
