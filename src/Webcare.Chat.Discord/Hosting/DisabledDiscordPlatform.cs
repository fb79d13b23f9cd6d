using Webcare.Core.Chat;

namespace Webcare.Chat.Discord.Hosting;

/// <summary>
/// Stands in when no bot token is set. Its name can never match an address (addresses split at the
/// first ':'), so the outbox treats <c>discord:</c> channels exactly as it did before the adapter existed.
/// </summary>
internal sealed class DisabledDiscordPlatform : IChatPlatform
{
    public string Platform => "discord:disabled";

    public Task<string> PostCardAsync(ChatAddress channel, Card card, string idempotencyKey, CancellationToken cancellationToken) =>
        throw NotConfigured();

    public Task UpdateCardAsync(ChatAddress channel, string messageId, Card card, CancellationToken cancellationToken) =>
        throw NotConfigured();

    public Task<string> PostReplyAsync(ChatAddress channel, Reply reply, string? threadMessageId, CancellationToken cancellationToken) =>
        throw NotConfigured();

    private static InvalidOperationException NotConfigured() =>
        new("Discord is not configured: set Webcare__Discord__BotToken (see docs/discord.md).");
}
