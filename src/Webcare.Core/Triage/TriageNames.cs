namespace Webcare.Core.Triage;

public static class TriageNames
{
    public static string ToName(this Intent intent) => intent.ToString().ToLowerInvariant();

    public static string ToName(this Urgency urgency) => urgency switch
    {
        Urgency.LegalThreat => "legal_threat",
        Urgency.Safety => "safety",
        Urgency.DataLeak => "data_leak",
        Urgency.ChurnThreat => "churn_threat",
        Urgency.MediaViral => "media_viral",
        _ => urgency.ToString().ToLowerInvariant(),
    };

    public static bool TryParseUrgency(string value, out Urgency urgency)
    {
        foreach (var candidate in Enum.GetValues<Urgency>())
        {
            if (candidate.ToName() == value)
            {
                urgency = candidate;
                return true;
            }
        }

        urgency = default;
        return false;
    }

    public static string ToName(this Priority priority) => "P" + (int)priority;
}
