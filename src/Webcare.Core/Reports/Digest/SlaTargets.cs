namespace Webcare.Core.Reports.Digest;

/// <summary>
/// First-response targets the digest measures against. Wall-clock time from case creation to the first
/// reply, not business hours: the digest's number is a simple "within target" share (see docs/digest.md).
/// </summary>
public static class SlaTargets
{
    public static TimeSpan For(int priority) => priority switch
    {
        1 => TimeSpan.FromMinutes(30),
        2 => TimeSpan.FromMinutes(60),
        3 => TimeSpan.FromHours(4),
        _ => TimeSpan.FromHours(24),
    };

    public const string Description = "P1 30 min · P2 60 min · P3 4 h · P4 24 h, wall clock";
}
