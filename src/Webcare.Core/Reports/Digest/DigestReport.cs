namespace Webcare.Core.Reports.Digest;

/// <summary>
/// Everything a manager reads in the weekly digest, renderer-neutral. Customer text (quotes, notable cases)
/// stays raw here; each renderer escapes it for its own format.
/// </summary>
public sealed record DigestReport(
    string Team,
    DigestWeek Week,
    bool Preview,
    DateTimeOffset GeneratedAt,
    Change Volume,
    Change NegativeShare,
    Change CasesOpened,
    Change FirstResponseMinutes,
    IReadOnlyList<OriginTrend> Origins,
    IReadOnlyList<RootCauseTrend> RootCauses,
    SlaCounts Sla,
    SlaCounts SlaLast,
    IReadOnlyList<NotableCase> Notable,
    IReadOnlyList<EmergingTerm> Terms,
    IReadOnlyList<int> CasesPerDay,
    IReadOnlyList<int> CasesPerDayLast)
{
    /// <summary>The file name stem for this week's chart and report, e.g. digest-2026-W47 (preview: digest-2026-W48-preview).</summary>
    public string FileStem => "digest-" + Week.Key + (Preview ? "-preview" : string.Empty);
}

/// <summary>A number this week against last week; null where there is nothing to measure.</summary>
public sealed record Change(double? Current, double? Previous)
{
    public double? Delta => Current - Previous;

    /// <summary>Relative change in percent; null when last week was zero or unknown.</summary>
    public double? Percent => Current is { } c && Previous is { } p && p > 0 ? (c - p) / p * 100 : null;
}

public sealed record OriginTrend(string Origin, OriginCount Current, OriginCount Previous)
{
    public int Delta => Current.Total - Previous.Total;
}

/// <summary>A root cause with its change and one example quote (raw customer text).</summary>
public sealed record RootCauseTrend(string Tag, int Current, int Previous, string? Quote, long? CaseId)
{
    public int Delta => Current - Previous;
}
