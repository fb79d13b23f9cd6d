using Webcare.Core.Alerts;

namespace Webcare.Core.Tests.Alerts;

public sealed class SpikeDetectorTests
{
    private static readonly SpikeOptions Options = new() { Multiple = 3, MinimumVolume = 20 };

    [Theory]
    [InlineData(19, 0, 0.0, null, false)]   // below the minimum volume, however unusual
    [InlineData(30, 3, 10.0, 0.1, false)]   // 3× exactly is not above 3×
    [InlineData(31, 3, 10.0, 0.1, true)]    // volume above 3×
    [InlineData(25, 20, 20.0, 0.2, true)]   // negative share 80% against 20%
    [InlineData(25, 5, 20.0, 0.2, false)]   // same share as usual
    [InlineData(20, 0, 0.0, null, true)]    // nothing usual at this hour at all
    public void Evaluate_Counts_AlertsOnlyAboveTheMultiple(int volume, int negative, double average, double? share, bool spike)
    {
        var reason = SpikeDetector.Evaluate(new HourCounts(volume, negative), average, share, Options);
        Assert.Equal(spike, reason is not null);
    }
}
