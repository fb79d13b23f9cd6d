using Webcare.Core.Mentions;

namespace Webcare.Core.Triage;

/// <summary>Reads one mention and says how it should be handled. Must never throw on odd text.</summary>
public interface ITriage
{
    ValueTask<TriageResult> TriageAsync(TriageInput input, CancellationToken cancellationToken);
}

/// <summary>What triage gets to see of a mention.</summary>
public sealed record TriageInput(
    string Text,
    string? LanguageHint = null,
    Author? Author = null,
    string? Source = null,
    Engagement? Engagement = null,
    string? Brand = null,
    OriginHint? OriginHint = null)
{
    public static TriageInput From(Mention mention, string? brand) => new(
        mention.Text, mention.LanguageHint, mention.Author, mention.Network, mention.Engagement, brand, mention.OriginHint);
}
