using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Webcare.Chat.Discord.Hosting;

/// <summary>
/// What cannot recover (a rejected token, a refused intent) stops the whole bot with one clear line
/// and a non-zero exit code, instead of reconnecting forever.
/// </summary>
internal sealed partial class DiscordFatalStop(IHostApplicationLifetime lifetime, ILogger<DiscordFatalStop> logger)
{
    public const int ExitCode = 3;

    public string? Reason { get; private set; }

    public void Stop(string reason)
    {
        Reason = reason;
        LogFatal(reason);
        Environment.ExitCode = ExitCode;
        if (lifetime.ApplicationStarted.IsCancellationRequested)
        {
            lifetime.StopApplication();
        }
        else
        {
            // Called from StartAsync: stopping before the host has started stalls its shutdown, so stop once it has.
            lifetime.ApplicationStarted.Register(lifetime.StopApplication);
        }
    }

    [LoggerMessage(Level = LogLevel.Critical, Message = "{Reason} The bot stops.")]
    private partial void LogFatal(string reason);
}
