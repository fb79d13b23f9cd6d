using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Webcare.Chat.Discord.Rendering;
using Webcare.Chat.Discord.Rest;
using Webcare.Core.Chat;

namespace Webcare.Chat.Discord;

/// <summary>
/// Discord's outgoing side for the outbox: <c>discord:&lt;channel id&gt;</c> addresses. A card post carries
/// the outbox key as the message <c>nonce</c> with <c>enforce_nonce</c>, so a post retried after a crash
/// (between Discord creating the message and the bot recording its id) returns the same message.
/// </summary>
internal sealed class DiscordChatPlatform(DiscordApi api) : IChatPlatform
{
    public const string Name = "discord";

    public string Platform => Name;

    public Task<string> PostCardAsync(ChatAddress channel, Card card, string idempotencyKey, CancellationToken cancellationToken)
    {
        var message = DiscordMessages.Card(card);
        message["nonce"] = Nonce(idempotencyKey);
        message["enforce_nonce"] = true;
        return api.CreateMessageAsync(ChannelId(channel), message, null, cancellationToken);
    }

    public Task UpdateCardAsync(ChatAddress channel, string messageId, Card card, CancellationToken cancellationToken) =>
        api.EditMessageAsync(ChannelId(channel), messageId, DiscordMessages.Card(card), cancellationToken);

    public Task<string> PostReplyAsync(ChatAddress channel, Reply reply, string? threadMessageId, CancellationToken cancellationToken)
    {
        var message = DiscordMessages.Reply(reply, allowEphemeral: false);
        if (threadMessageId is not null)
        {
            message["message_reference"] = new JsonObject { ["message_id"] = threadMessageId, ["fail_if_not_exists"] = false };
        }

        return api.CreateMessageAsync(ChannelId(channel), message, reply.Files, cancellationToken);
    }

    /// <summary>Discord keeps nonces of at most 25 characters; longer keys are hashed, stably.</summary>
    internal static string Nonce(string key)
    {
        if (key.Length <= DiscordLimits.Nonce)
        {
            return key;
        }

        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(key));
        return "wc" + Convert.ToHexStringLower(hash)[..(DiscordLimits.Nonce - 2)];
    }

    private static string ChannelId(ChatAddress channel) =>
        DiscordOptionsValidator.IsSnowflake(channel.Channel)
            ? channel.Channel
            : throw new InvalidOperationException($"'{channel}' is not a Discord channel address; use discord:<channel id> (right-click the channel → Copy Channel ID).");
}
