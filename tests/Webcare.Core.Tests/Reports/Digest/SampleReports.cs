using Webcare.Core.Reports;
using Webcare.Core.Reports.Digest;

namespace Webcare.Core.Tests.Reports.Digest;

/// <summary>Reports for renderer tests, including customer text that tries to inject markup.</summary>
internal static class SampleReports
{
    public const string HostileQuote = "<script>alert('x')</script> & \"quoted\" <b>bold</b>\u0001 ]]> 🙂";

    private static readonly TimeZoneInfo Amsterdam = TimeZoneInfo.FindSystemTimeZoneById("Europe/Amsterdam");

    public static DigestReport Full(bool preview = false)
    {
        var current = new DigestWeekData(
            1234, 290, 210, TimeSpan.FromMinutes(42), new SlaCounts(150, 40, 5),
            new Dictionary<string, OriginCount> { ["store"] = new(30, 12), ["phone"] = new(10, 25), ["online"] = new(5, 60), ["unknown"] = new(0, 40) },
            [new RootCauseCount("waiting_time", 34, HostileQuote, 17), new RootCauseCount("billing", 20, "Dubbel afgeschreven!", 21)],
            [new NotableCase(17, "resolved", 1, "phone", "x", "<img src=x onerror=alert(1)>", "Evil \"name\"", 120_000, 300, HostileQuote, "javascript:alert(1)"),
             new NotableCase(21, "new", 2, "store", "mastodon", "anna", null, 5_000, 12, "Kassa & wachtrij", "https://x.example/anna/1")],
            [12, 40, 35, 30, 50, 25, 18]);
        var last = new DigestWeekData(
            1100, 250, 190, TimeSpan.FromMinutes(55), new SlaCounts(120, 50, 0),
            new Dictionary<string, OriginCount> { ["store"] = new(20, 10), ["phone"] = new(15, 20), ["online"] = new(5, 50) },
            [new RootCauseCount("waiting_time", 24), new RootCauseCount("billing", 25)], [], [20, 30, 30, 25, 40, 25, 20]);
        var terms = new[] { new EmergingTerm("storing", 14, 1.5), new EmergingTerm("<svg/onload=alert(1)>", 5, 0) };
        return DigestService.Compose("Webcare <NL> & co", DigestWeek.Of(2026, 47, Amsterdam), preview,
            new DateTimeOffset(2026, 11, 23, 8, 0, 0, TimeSpan.Zero), current, last, terms);
    }

    public static DigestReport Empty() =>
        DigestService.Compose("Webcare", DigestWeek.Of(2026, 47, Amsterdam), false, new DateTimeOffset(2026, 11, 23, 8, 0, 0, TimeSpan.Zero),
            DigestWeekData.Empty(7), DigestWeekData.Empty(7), []);
}
