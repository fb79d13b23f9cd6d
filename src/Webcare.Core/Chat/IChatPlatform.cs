namespace Webcare.Core.Chat;

/// <summary>
/// One chat platform's outgoing side. Implementations render the neutral model into their own
/// format, escape every customer-supplied string, and respect their platform's limits.
/// </summary>
public interface IChatPlatform
{
    /// <summary>The address prefix this platform serves ("console", "slack", "discord").</summary>
    string Platform { get; }

    /// <summary>Posts a card and returns the platform's message id. <paramref name="idempotencyKey"/> is stable across retries.</summary>
    Task<string> PostCardAsync(ChatAddress channel, Card card, string idempotencyKey, CancellationToken cancellationToken);

    Task UpdateCardAsync(ChatAddress channel, string messageId, Card card, CancellationToken cancellationToken);

    /// <summary>Posts a reply, in the thread of <paramref name="threadMessageId"/> when given; returns the message id.</summary>
    Task<string> PostReplyAsync(ChatAddress channel, Reply reply, string? threadMessageId, CancellationToken cancellationToken);
}
