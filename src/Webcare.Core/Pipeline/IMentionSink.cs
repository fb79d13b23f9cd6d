using Webcare.Core.Mentions;

namespace Webcare.Core.Pipeline;

/// <summary>Where sources hand mentions to the pipeline.</summary>
public interface IMentionSink
{
    /// <summary>
    /// Queues a mention (waiting while the queue is full) and returns a task that completes once
    /// the mention is stored or recorded as failed, so a source saves its cursor only after that.
    /// </summary>
    ValueTask<Task<ProcessResult>> SubmitAsync(Mention mention, CancellationToken cancellationToken);
}

/// <summary>Keeps a mention whose processing failed, with the reason, so nothing is lost.</summary>
public interface IIngestFailureStore
{
    Task RecordFailureAsync(Mention mention, string error, DateTimeOffset now, CancellationToken cancellationToken);
}
