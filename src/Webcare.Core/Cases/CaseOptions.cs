using System.ComponentModel.DataAnnotations;

namespace Webcare.Core.Cases;

/// <summary>Section <c>Webcare:Cases</c>.</summary>
public sealed class CaseOptions
{
    public const string Section = "Webcare:Cases";

    /// <summary>The root-cause tags agents can choose from.</summary>
    [MinLength(1, ErrorMessage = "Webcare:Cases:RootCauses needs at least one tag, e.g. \"staff\".")]
    public List<string> RootCauses { get; set; } =
        ["staff", "waiting_time", "product_defect", "billing", "delivery", "website_app", "policy", "availability", "outage", "privacy"];
}
