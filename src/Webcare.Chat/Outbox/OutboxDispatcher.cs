using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Webcare.Core.Cases;
using Webcare.Core.Chat;

namespace Webcare.Chat.Outbox;

/// <summary>
/// Delivers what the outbox owes, in order per channel. A card is posted once: before posting it
/// checks whether the case already has a message in that channel, and the message id is recorded
/// in the same transaction that marks the row done.
/// </summary>
public sealed partial class OutboxDispatcher(
    IOutboxStore outbox,
    ICaseStore cases,
    CaseCardBuilder cards,
    IEnumerable<IChatPlatform> platforms,
    IOptions<OutboxOptions> options,
    TimeProvider clock,
    ILogger<OutboxDispatcher> logger)
{
    private const int BatchSize = 50;
    private readonly IReadOnlyDictionary<string, IChatPlatform> _platforms = platforms.ToDictionary(p => p.Platform, StringComparer.OrdinalIgnoreCase);

    /// <summary>Delivers every due row once; returns how many were delivered.</summary>
    public async Task<int> DispatchDueAsync(CancellationToken cancellationToken)
    {
        var delivered = 0;
        var blocked = new HashSet<ChatAddress>();
        foreach (var item in await outbox.GetDueAsync(clock.GetUtcNow(), BatchSize, cancellationToken))
        {
            if (blocked.Contains(item.Channel))
            {
                continue; // An earlier message to this channel failed: keep the order, try again later.
            }

            try
            {
                await DeliverAsync(item, cancellationToken);
                delivered++;
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                blocked.Add(item.Channel);
                await FailAsync(item, ex, cancellationToken);
            }
        }

        return delivered;
    }

    private async Task DeliverAsync(OutboxItem item, CancellationToken cancellationToken)
    {
        if (!_platforms.TryGetValue(item.Channel.Platform, out var platform))
        {
            throw new InvalidOperationException($"No chat platform '{item.Channel.Platform}' is configured for {item.Channel}.");
        }

        var current = await cases.GetCaseAsync(item.CaseId, cancellationToken)
            ?? throw new InvalidOperationException($"Case {item.CaseId} does not exist.");
        var card = cards.Build(current);
        switch (item.Kind)
        {
            case OutboxKind.PostCard:
                if (await outbox.GetPostAsync(item.CaseId, item.Channel, cancellationToken) is not null)
                {
                    await outbox.CompleteAsync(item, clock.GetUtcNow(), cancellationToken);
                    return;
                }

                var messageId = await platform.PostCardAsync(item.Channel, card, $"outbox-{item.Id}", cancellationToken);
                await outbox.CompletePostAsync(item, messageId, clock.GetUtcNow(), cancellationToken);
                LogPosted(item.CaseId, item.Channel.ToString(), messageId);
                break;
            case OutboxKind.UpdateCard:
                var post = await outbox.GetPostAsync(item.CaseId, item.Channel, cancellationToken);
                if (post is not null)
                {
                    await platform.UpdateCardAsync(item.Channel, post.MessageId, card, cancellationToken);
                }

                await outbox.CompleteAsync(item, clock.GetUtcNow(), cancellationToken);
                break;
            case OutboxKind.ThreadReply:
                var thread = await outbox.GetPostAsync(item.CaseId, item.Channel, cancellationToken);
                await platform.PostReplyAsync(item.Channel, new Reply(item.Payload ?? string.Empty), thread?.MessageId, cancellationToken);
                await outbox.CompleteAsync(item, clock.GetUtcNow(), cancellationToken);
                break;
        }
    }

    private async Task FailAsync(OutboxItem item, Exception error, CancellationToken cancellationToken)
    {
        var value = options.Value;
        var attempt = item.Attempts + 1;
        DateTimeOffset? retryAt = null;
        if (attempt < value.MaxAttempts)
        {
            var delay = TimeSpan.FromTicks(Math.Min(value.MaxRetryDelay.Ticks, value.RetryDelay.Ticks * (1L << Math.Min(attempt - 1, 20))));
            retryAt = clock.GetUtcNow() + delay;
        }

        LogFailed(error, item.CaseId, item.Channel.ToString(), attempt, retryAt is null);
        await outbox.FailAsync(item, error.Message, retryAt, CancellationToken.None);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Posted case {CaseId} to {Channel} as {MessageId}")]
    private partial void LogPosted(long caseId, string channel, string messageId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Delivering case {CaseId} to {Channel} failed (attempt {Attempt}, gave up: {GaveUp})")]
    private partial void LogFailed(Exception exception, long caseId, string channel, int attempt, bool gaveUp);
}
