using System.Net;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Webcare.Chat.Discord.Gateway;
using Webcare.Chat.Discord.Interactions;
using Webcare.Chat.Discord.Rest;

namespace Webcare.Chat.Discord.Hosting;

/// <summary>
/// Registers <c>/webcare</c> in <see cref="StartAsync"/> (so commands exist before the bot reports ready),
/// then runs the gateway and the interaction router until the host stops.
/// </summary>
internal sealed partial class DiscordService(
    DiscordApi api,
    DiscordGateway gateway,
    DiscordInteractionRouter router,
    DiscordFatalStop fatal,
    IOptions<DiscordOptions> options,
    ILogger<DiscordService> logger) : IHostedService, IAsyncDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    private Task _running = Task.CompletedTask;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.Enabled)
        {
            return;
        }

        try
        {
            var path = await api.OverwriteCommandsAsync(DiscordCommands.Definition(), cancellationToken);
            LogCommandsRegistered(path);
        }
        catch (DiscordApiException ex) when (ex.Status == HttpStatusCode.Unauthorized)
        {
            fatal.Stop("Discord rejected the bot token (401). Set Webcare__Discord__BotToken to the token from Developer Portal → Bot → Reset Token.");
            return;
        }
        catch (DiscordApiException ex) when (ex.Status is HttpStatusCode.Forbidden or HttpStatusCode.NotFound or HttpStatusCode.BadRequest)
        {
            fatal.Stop($"Discord refused to register /webcare ({ex.Message}). Check Webcare:Discord:ApplicationId and GuildId, and invite the bot with the applications.commands scope (docs/discord.md).");
            return;
        }
        catch (Exception ex) when (ex is HttpRequestException or DiscordApiException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            // Discord unreachable for now: the commands registered last time still work; the gateway keeps retrying.
            LogCommandsNotRegistered(ex);
        }

        _running = Task.WhenAll(
            Task.Run(() => gateway.RunAsync(_stopping.Token), CancellationToken.None),
            Task.Run(() => router.RunAsync(_stopping.Token), CancellationToken.None));
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        await _running.WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        _stopping.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Registered /webcare at {Path}")]
    private partial void LogCommandsRegistered(string path);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not register /webcare now; the previous registration stays in use")]
    private partial void LogCommandsNotRegistered(Exception exception);
}
