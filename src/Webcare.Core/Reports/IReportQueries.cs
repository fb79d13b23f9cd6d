using Webcare.Core.Cases;
using Webcare.Core.Triage;

namespace Webcare.Core.Reports;

/// <summary>Report queries the store answers; the numbers are shaped into replies in Core.</summary>
public interface IReportQueries
{
    Task<SummaryData> GetSummaryAsync(DateTimeOffset from, DateTimeOffset to, string? brand, CancellationToken cancellationToken);

    /// <summary>Complaints (not dismissed) in the window by origin and by root cause, and the origin × root cause table.</summary>
    Task<OriginCauseData> GetOriginCausesAsync(DateTimeOffset from, DateTimeOffset to, string? brand, CancellationToken cancellationToken);

    /// <summary>Open cases, most urgent first (earliest first-response due time), with the total.</summary>
    Task<OpenCasesData> GetOpenCasesAsync(string? assigneeId, int limit, CancellationToken cancellationToken);
}

/// <summary>The raw numbers behind <c>/webcare summary</c>.</summary>
public sealed record SummaryData(
    int Mentions,
    int Negative,
    int CasesOpened,
    IReadOnlyDictionary<string, int> OpenByState,
    IReadOnlyDictionary<string, OriginCount> ByOrigin,
    IReadOnlyList<(string Tag, int Count)> TopRootCauses)
{
    /// <summary>Open cases (all, not only this period) per age bucket of <see cref="ReportBuckets.OpenAgeEdges"/>.</summary>
    public IReadOnlyList<int> OpenByAge { get; init; } = [];

    /// <summary>Open cases still unanswered past their first-response target, right now.</summary>
    public int OpenOverdue { get; init; }

    /// <summary>First responses in the period, as (bucket minutes, count); see <see cref="ReportBuckets"/>.</summary>
    public IReadOnlyList<(int Minutes, int Count)> FirstResponses { get; init; } = [];

    /// <summary>First responses in the period given after the target.</summary>
    public int LateReplies { get; init; }

    /// <summary>Cases of the period still open and unanswered past the target.</summary>
    public int UnansweredOverdue { get; init; }

    public int SlaBreaches => LateReplies + UnansweredOverdue;

    /// <summary>The complaint authors with the largest audience in the period.</summary>
    public IReadOnlyList<ReachAuthor> TopAuthors { get; init; } = [];
}

public sealed record OriginCount(int Confirmed, int Guessed)
{
    public int Total => Confirmed + Guessed;
}

/// <param name="Complaints">How often the author appears among the period's 50 highest-reach complaints (a lower bound).</param>
public sealed record ReachAuthor(string Handle, string? Name, string Network, int Followers, int Complaints);

/// <summary>Complaints by where they began and why, for one window.</summary>
public sealed record OriginCauseData(
    int Complaints,
    int Dismissed,
    IReadOnlyDictionary<string, OriginCount> Origins,
    IReadOnlyDictionary<string, OriginCount> Causes,
    IReadOnlyList<OriginCauseCell> Cross)
{
    public static readonly OriginCauseData Empty = new(0, 0, new Dictionary<string, OriginCount>(), new Dictionary<string, OriginCount>(), []);
}

public sealed record OriginCauseCell(string Origin, string Cause, int Count);

public sealed record OpenCasesData(int Total, IReadOnlyList<OpenCaseRow> Rows);

public sealed record OpenCaseRow(
    long Id,
    Priority Priority,
    CaseState State,
    string Brand,
    string AuthorHandle,
    string? AssigneeName,
    DateTimeOffset PostedAt,
    DateTimeOffset? SlaDueAt,
    DateTimeOffset? FirstRepliedAt,
    string Text);

/// <summary>Bucket edges shared by the store (which counts) and the reports (which label and interpolate).</summary>
public static class ReportBuckets
{
    /// <summary>Age edges for open cases: under 1 h, 1–4 h, 4–24 h, 1–3 days, over 3 days.</summary>
    public static readonly IReadOnlyList<TimeSpan> OpenAgeEdges = [TimeSpan.FromHours(1), TimeSpan.FromHours(4), TimeSpan.FromDays(1), TimeSpan.FromDays(3)];

    public static readonly IReadOnlyList<string> OpenAgeLabels = ["<1 h", "1–4 h", "4–24 h", "1–3 d", ">3 d"];

    /// <summary>
    /// The percentile (nearest rank) of a histogram of first-response minutes. Buckets are exact
    /// below 2 h, 10 min wide below a day, 1 h wide below a week; the bucket's lower edge is returned.
    /// </summary>
    public static TimeSpan? Percentile(IReadOnlyList<(int Minutes, int Count)> histogram, double p)
    {
        var total = histogram.Sum(b => (long)b.Count);
        if (total == 0)
        {
            return null;
        }

        var rank = (long)Math.Ceiling(p * total);
        long seen = 0;
        foreach (var (minutes, count) in histogram.OrderBy(b => b.Minutes))
        {
            seen += count;
            if (seen >= Math.Max(1, rank))
            {
                return TimeSpan.FromMinutes(minutes);
            }
        }

        return TimeSpan.FromMinutes(histogram.Max(b => b.Minutes));
    }
}
