namespace Webcare.Core.Reports;

/// <summary>Report queries the store answers; the numbers are shaped into replies in Core.</summary>
public interface IReportQueries
{
    Task<SummaryData> GetSummaryAsync(DateTimeOffset from, DateTimeOffset to, string? brand, CancellationToken cancellationToken);
}

/// <summary>The raw numbers behind <c>/webcare summary</c>.</summary>
public sealed record SummaryData(
    int Mentions,
    int Negative,
    int CasesOpened,
    IReadOnlyDictionary<string, int> OpenByState,
    IReadOnlyDictionary<string, OriginCount> ByOrigin,
    IReadOnlyList<(string Tag, int Count)> TopRootCauses);

public sealed record OriginCount(int Confirmed, int Guessed)
{
    public int Total => Confirmed + Guessed;
}
