using Webcare.Core.Mentions;
using Webcare.Sources.Http;

namespace Webcare.Sources.Tests.Infrastructure;

public static class SourceTestHelpers
{
    public static SourceHttp Http(FakeServer server, TimeProvider? clock = null) => new(server.Client, "test", clock ?? new FakeClock());

    /// <summary>Reads every batch of one poll, like the engine does, and returns the mentions and the last cursor offered.</summary>
    public static async Task<(List<Mention> Mentions, string? Cursor, List<MentionBatch> Batches)> PollAsync(IMentionSource source, string? cursor)
    {
        var mentions = new List<Mention>();
        var batches = new List<MentionBatch>();
        var last = cursor;
        await foreach (var batch in source.ReadAsync(cursor, CancellationToken.None))
        {
            batches.Add(batch);
            mentions.AddRange(batch.Mentions);
            last = batch.Cursor ?? last;
        }

        return (mentions, last, batches);
    }
}
