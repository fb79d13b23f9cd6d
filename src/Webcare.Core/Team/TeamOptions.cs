using System.ComponentModel.DataAnnotations;

namespace Webcare.Core.Team;

/// <summary>Section <c>Webcare:Team</c>: who the team is and when it works.</summary>
public sealed class TeamOptions
{
    public const string Section = "Webcare:Team";

    [Required(AllowEmptyStrings = false, ErrorMessage = "Webcare:Team:Name is empty; give the team a name, e.g. \"Webcare NL\".")]
    public string Name { get; set; } = "Webcare";

    /// <summary>IANA time zone used for reports, business hours and the digest schedule.</summary>
    public string TimeZone { get; set; } = "Europe/Amsterdam";

    public TimeZoneInfo ResolveTimeZone() => TimeZoneInfo.FindSystemTimeZoneById(TimeZone);
}
