namespace Webcare.Sources.Tests.Infrastructure;

/// <summary>A clock the test moves by hand (the NuGet feed lacks Microsoft.Extensions.TimeProvider.Testing).</summary>
public sealed class FakeClock(DateTimeOffset start) : TimeProvider
{
    private DateTimeOffset _now = start;

    public FakeClock()
        : this(new DateTimeOffset(2026, 3, 10, 9, 0, 0, TimeSpan.Zero))
    {
    }

    public override DateTimeOffset GetUtcNow() => _now;

    public void Advance(TimeSpan by) => _now += by;
}
