using Microsoft.Extensions.Logging;
using Webcare.Core.Brands;
using Webcare.Core.Mentions;
using Webcare.Core.Triage;

namespace Webcare.Core.Pipeline;

/// <summary>Edits and cross-source duplicates: a post seen again is one case, never a second card.</summary>
public sealed partial class MentionProcessor
{
    private async Task<ProcessResult> ProcessKnownAsync(Mention mention, BrandRule brand, KnownMention known, IMentionEditStore editStore, CancellationToken cancellationToken)
    {
        var hash = ContentHash(mention.Text);
        if (string.Equals(hash, known.ContentHash, StringComparison.Ordinal))
        {
            return new ProcessResult(MentionOutcome.Duplicate, Brand: brand.Name);
        }

        // The author edited the post: re-triage the new text and update the case and its card in place.
        var now = clock.GetUtcNow();
        var verdict = await triage.TriageAsync(TriageInput.From(mention, brand.Name), cancellationToken);
        var languageAllowed = brand.Languages.Count == 0
            || verdict.Language == "und"
            || brand.Languages.Contains(verdict.Language, StringComparer.OrdinalIgnoreCase);
        var openCase = verdict.IsNegative && languageAllowed && known.DuplicateOf is null; // A repost's case is the original's.
        var channels = openCase ? router.Route(brand.Name, verdict.Language, verdict.Priority) : [];
        var caseId = await editStore.ApplyEditAsync(known.MentionId, new IngestRecord(mention, brand.Name, hash, null, verdict, openCase, channels, now), cancellationToken);
        LogEdited(mention.SourceName, mention.ExternalId, caseId);
        return new ProcessResult(MentionOutcome.Edited, caseId, brand.Name);
    }

    private async Task<long?> FindByCanonicalUrlAsync(Mention mention, DateTimeOffset now, CancellationToken cancellationToken) =>
        edits is not null && CanonicalUrl.From(mention.Url) is { } url
            ? await edits.FindByCanonicalUrlAsync(url, now - RepostWindow, cancellationToken)
            : null;

    private async Task RememberCanonicalUrlAsync(Mention mention, long mentionId, CancellationToken cancellationToken)
    {
        if (edits is not null && CanonicalUrl.From(mention.Url) is { } url)
        {
            await edits.SetCanonicalUrlAsync(mentionId, url, cancellationToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Mention {SourceName}/{ExternalId} was edited; re-triaged (case {CaseId})")]
    private partial void LogEdited(string sourceName, string externalId, long? caseId);
}
