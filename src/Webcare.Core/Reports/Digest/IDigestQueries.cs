namespace Webcare.Core.Reports.Digest;

/// <summary>The store's side of the weekly digest: indexed range queries over one week.</summary>
public interface IDigestQueries
{
    /// <summary>
    /// The numbers of the window [dayStarts[0], min(until, dayStarts[^1])). <paramref name="dayStarts"/> are the UTC starts of
    /// its local days (n + 1 instants) for the per-day series; <paramref name="now"/> decides which unanswered cases already missed their target.
    /// With <paramref name="detail"/> false the example quotes and notable cases are skipped (enough for the previous week).
    /// </summary>
    Task<DigestWeekData> GetWeekAsync(IReadOnlyList<DateTimeOffset> dayStarts, DateTimeOffset until, DateTimeOffset now, bool detail, CancellationToken cancellationToken);

    /// <summary>
    /// Negative, non-duplicate mention texts posted in [from, to), for term statistics: all of them, or an even
    /// sample of about <paramref name="maxTexts"/> when there are more (a year of data must not mean reading every post).
    /// </summary>
    Task<TermSample> GetNegativeTextsAsync(DateTimeOffset from, DateTimeOffset to, int maxTexts, CancellationToken cancellationToken);
}

/// <summary>Where scheduled jobs (digest, spike alert) remember what they already sent, so a restart never sends twice.</summary>
public interface IScheduledRunStore
{
    /// <summary>Claims (kind, key) and returns true, or false when it was claimed before. The claim is the "sent" record.</summary>
    Task<bool> TryClaimAsync(string kind, string key, DateTimeOffset at, string? detail, CancellationToken cancellationToken);

    /// <summary>Gives a claim back after the send failed, so the next attempt may try again.</summary>
    Task ReleaseAsync(string kind, string key, CancellationToken cancellationToken);

    /// <summary>The latest claim of this kind, if any.</summary>
    Task<DateTimeOffset?> GetLastAsync(string kind, CancellationToken cancellationToken);

    /// <summary>When this database was first created: runs scheduled before then were not missed, the bot did not exist.</summary>
    Task<DateTimeOffset?> GetInstalledAtAsync(CancellationToken cancellationToken);
}

/// <summary>Writes report files (HTML digests) to where the team keeps them; returns the path written.</summary>
public interface IDigestArchive
{
    Task<string> SaveAsync(string fileName, byte[] content, CancellationToken cancellationToken);
}

public sealed record TermSource(string Text, string Language);

/// <summary>Texts read for term statistics, and how many there were in all (Total ≥ Texts.Count when sampled).</summary>
public sealed record TermSample(IReadOnlyList<TermSource> Texts, int Total)
{
    /// <summary>Multiply a count in the sample by this to estimate the count in all texts.</summary>
    public double Scale => Texts.Count == 0 ? 1 : (double)Total / Texts.Count;
}

/// <summary>The raw numbers of one window.</summary>
public sealed record DigestWeekData(
    int Mentions,
    int Negative,
    int CasesOpened,
    TimeSpan? FirstResponseMedian,
    SlaCounts Sla,
    IReadOnlyDictionary<string, OriginCount> ByOrigin,
    IReadOnlyList<RootCauseCount> RootCauses,
    IReadOnlyList<NotableCase> Notable,
    IReadOnlyList<int> CasesPerDay)
{
    public static DigestWeekData Empty(int days) =>
        new(0, 0, 0, null, new SlaCounts(0, 0, 0), new Dictionary<string, OriginCount>(), [], [], new int[days]);
}

/// <summary>First responses per target: met, missed (late or still unanswered past the target), and still within target.</summary>
public sealed record SlaCounts(int Met, int Breached, int Pending)
{
    public int Decided => Met + Breached;

    public double? MetShare => Decided == 0 ? null : (double)Met / Decided;
}

/// <summary>A root-cause tag's case count, with one customer quote (raw text: renderers escape it).</summary>
public sealed record RootCauseCount(string Tag, int Count, string? ExampleQuote = null, long? ExampleCaseId = null);

/// <summary>A case worth a manager's look because many people saw it. Text fields are raw customer text.</summary>
public sealed record NotableCase(
    long CaseId,
    string State,
    int Priority,
    string Origin,
    string Network,
    string AuthorHandle,
    string? AuthorName,
    int Followers,
    int Engagement,
    string Text,
    string? Url);
