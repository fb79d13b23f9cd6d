using System.ComponentModel.DataAnnotations;

namespace Webcare.Chat.Outbox;

/// <summary>Section <c>Webcare:Outbox</c>.</summary>
public sealed class OutboxOptions
{
    public const string Section = "Webcare:Outbox";

    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);

    [Range(1, 100, ErrorMessage = "Webcare:Outbox:MaxAttempts must be between 1 and 100.")]
    public int MaxAttempts { get; set; } = 8;

    /// <summary>The first retry delay; each next one doubles, capped at <see cref="MaxRetryDelay"/>.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(2);

    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromMinutes(5);
}
