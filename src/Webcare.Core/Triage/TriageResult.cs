using Webcare.Core.Mentions;

namespace Webcare.Core.Triage;

/// <summary>The triage verdict for one mention.</summary>
/// <param name="Language">ISO 639-1 code, or "und" when undetermined.</param>
/// <param name="Score">Negativity on [-1, 1]: -1 very negative, 1 very positive.</param>
/// <param name="Probability">Probability that the mention is negative, on [0, 1].</param>
public sealed record TriageResult(
    string Language,
    double Score,
    double Probability,
    bool IsNegative,
    Intent Intent,
    IReadOnlyList<Urgency> Urgency,
    Reach Reach,
    Priority Priority,
    OriginGuess Origin,
    IReadOnlyList<RootCauseGuess> RootCauses,
    string Why,
    string SuggestedReply);

public enum Intent
{
    Other,
    Complaint,
    Question,
    Praise,
    Spam,
}

public enum Urgency
{
    LegalThreat,
    Safety,
    DataLeak,
    ChurnThreat,
    MediaViral,
}

/// <summary>P1 is the most urgent.</summary>
public enum Priority
{
    P1 = 1,
    P2 = 2,
    P3 = 3,
    P4 = 4,
}

/// <summary>How far a mention travels: followers plus engagement, and a 0–3 level for display and priority.</summary>
public sealed record Reach(int Followers, int Engagement, int Level)
{
    public static Reach From(Author? author, Engagement? engagement)
    {
        var followers = Math.Max(0, author?.Followers ?? 0);
        var interactions = engagement?.Total ?? 0;
        var weighted = followers + (20L * interactions);
        var level = weighted switch
        {
            >= 100_000 => 3,
            >= 10_000 => 2,
            >= 1_000 => 1,
            _ => 0,
        };
        return new Reach(followers, interactions, level);
    }
}

/// <summary>Where triage thinks a complaint began, with the words that said so.</summary>
public sealed record OriginGuess(Origin Origin, string? Evidence, double Confidence)
{
    public static readonly OriginGuess Unknown = new(Mentions.Origin.Unknown, null, 0);
}

/// <summary>A root-cause tag with the words that suggested it.</summary>
public sealed record RootCauseGuess(string Tag, string Evidence);
