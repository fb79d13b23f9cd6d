namespace Webcare.Core.Reports.Digest;

/// <summary>
/// Fallback first-response targets for cases stored without their own due time. Every case opened by the
/// pipeline carries one (business hours, holidays, the priority's target), and the digest counts against that.
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

    public const string Description = "first-response targets per priority, in business hours";
}
