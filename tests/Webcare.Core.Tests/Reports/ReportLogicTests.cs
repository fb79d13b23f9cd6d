using Webcare.Core.Cases;
using Webcare.Core.Reports;

namespace Webcare.Core.Tests.Reports;

public sealed class ReportLogicTests
{
    [Fact]
    public void Percentile_NearestRankOverHistogram()
    {
        (int, int)[] histogram = [(5, 2), (10, 5), (30, 2), (120, 1)];
        Assert.Equal(TimeSpan.FromMinutes(10), ReportBuckets.Percentile(histogram, 0.5));
        Assert.Equal(TimeSpan.FromMinutes(30), ReportBuckets.Percentile(histogram, 0.9));
        Assert.Equal(TimeSpan.FromMinutes(120), ReportBuckets.Percentile(histogram, 1.0));
        Assert.Null(ReportBuckets.Percentile([], 0.5));
    }

    [Fact]
    public void ToDate_WeekInProgress_ComparedWithSameSpanBefore()
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById("Europe/Amsterdam");
        var now = new DateTimeOffset(2026, 11, 18, 10, 20, 0, TimeSpan.Zero); // Wednesday
        Assert.True(ReportPeriod.TryParse("week", now, zone, out var week));
        var (current, previous) = ReportText.ToDate(week, now);
        Assert.Equal(new DateTimeOffset(2026, 11, 15, 23, 0, 0, TimeSpan.Zero), current.From);
        Assert.Equal(new DateTimeOffset(2026, 11, 18, 11, 0, 0, TimeSpan.Zero), current.To);
        Assert.Equal(current.From.AddDays(-7), previous.From);
        Assert.Equal(current.To.AddDays(-7), previous.To);
    }

    [Theory]
    [InlineData(12, 10, "▲ +2 (+20%)")]
    [InlineData(5, 10, "▼ −5 (−50%)")]
    [InlineData(3, 0, "▲ new")]
    [InlineData(4, 4, "= same")]
    public void Change_Wording(int now, int before, string expected) => Assert.Equal(expected, ReportText.Change(now, before));

    [Fact]
    public void LabelCsv_QuotesPerRfc4180AndParsesBack()
    {
        var text = "He said \"never again\", twice\nsecond line";
        var csv = LabelCsv.Line([text, "negative", "store", "staff,billing", "nl"]);
        Assert.Equal("\"He said \"\"never again\"\", twice\nsecond line\",negative,store,\"staff,billing\",nl\r\n", csv);
        var rows = LabelCsv.Parse(csv);
        Assert.Equal([text, "negative", "store", "staff,billing", "nl"], rows.Single());
    }
}
