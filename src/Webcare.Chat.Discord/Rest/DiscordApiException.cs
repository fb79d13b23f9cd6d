using System.Net;

namespace Webcare.Chat.Discord.Rest;

/// <summary>A Discord REST error: the HTTP status plus Discord's JSON error code (10062, 40060, 50035…).</summary>
public sealed class DiscordApiException(HttpStatusCode status, int? code, string message)
    : Exception($"Discord answered {(int)status}{(code is null ? string.Empty : " code " + code)}: {message}")
{
    public const int UnknownInteraction = 10062;
    public const int AlreadyAcknowledged = 40060;

    public HttpStatusCode Status { get; } = status;

    public int? Code { get; } = code;

    /// <summary>The interaction token expired (missed the 3 s window) or was already answered: not worth a retry.</summary>
    public bool IsStaleInteraction => Code is UnknownInteraction or AlreadyAcknowledged;
}
