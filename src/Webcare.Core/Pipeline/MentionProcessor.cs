using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Webcare.Core.Brands;
using Webcare.Core.Cases;
using Webcare.Core.Mentions;
using Webcare.Core.Routing;
using Webcare.Core.Text;
using Webcare.Core.Triage;

namespace Webcare.Core.Pipeline;

public enum MentionOutcome
{
    NotAboutABrand,
    Failed,
    Duplicate,
    Repost,
    FilteredLanguage,
    Stored,
    CaseOpened,
    Edited,
    FollowUp,
}

/// <summary>What happened to one mention; <see cref="CaseId"/> is set when a case was opened.</summary>
public sealed record ProcessResult(MentionOutcome Outcome, long? CaseId = null, string? Brand = null);

/// <summary>match → dedupe → triage → store (mention + case + outbox) → route. One mention at a time, no shared state.</summary>
public sealed partial class MentionProcessor(
    BrandMatcher matcher,
    ITriage triage,
    ChannelRouter router,
    IIngestStore store,
    SlaPolicy sla,
    TimeProvider clock,
    ILogger<MentionProcessor> logger,
    IMentionEditStore? edits = null)
{
    /// <summary>How long a repost of the same text counts as the same complaint.</summary>
    public static readonly TimeSpan RepostWindow = TimeSpan.FromDays(7);

    public async Task<ProcessResult> ProcessAsync(Mention mention, CancellationToken cancellationToken)
    {
        var match = matcher.Match(mention.Text);
        if (match is null)
        {
            return new ProcessResult(MentionOutcome.NotAboutABrand);
        }

        var brand = match.Brand.Name;
        if (edits is not null && await edits.FindMentionAsync(mention.SourceName, mention.ExternalId, cancellationToken) is { } known)
        {
            return await ProcessKnownAsync(mention, match.Brand, known, edits, cancellationToken);
        }

        if (await store.IsKnownAsync(mention.SourceName, mention.ExternalId, cancellationToken))
        {
            return new ProcessResult(MentionOutcome.Duplicate, Brand: brand);
        }

        var now = clock.GetUtcNow();
        var hash = ContentHash(mention.Text);
        var original = await store.FindByContentHashAsync(hash, now - RepostWindow, cancellationToken)
            ?? await FindByCanonicalUrlAsync(mention, now, cancellationToken);
        var verdict = await triage.TriageAsync(TriageInput.From(mention, brand), cancellationToken);
        var languageAllowed = match.Brand.Languages.Count == 0
            || verdict.Language == "und"
            || match.Brand.Languages.Contains(verdict.Language, StringComparer.OrdinalIgnoreCase);
        var openCase = verdict.IsNegative && original is null && languageAllowed;

        // A later word from an author whose case is still open belongs on that case, not on a new card.
        var followUpOf = original is null
            ? await store.FindOpenCaseAsync(brand, IngestRecord.KeyOf(mention), cancellationToken)
            : null;
        var channels = openCase ? router.Route(brand, verdict.Language, verdict.Priority) : [];
        var record = new IngestRecord(mention, brand, hash, original, verdict, openCase, channels, now)
        {
            FollowUpOf = followUpOf,
            FollowUpText = followUpOf is null ? null : CaseCardBuilder.FollowUpText(mention),
            SlaDueAt = openCase ? sla.DueAt(verdict.Priority, mention.PostedAt) : null,
        };
        var saved = await store.SaveAsync(record, cancellationToken);
        if (saved is null)
        {
            return new ProcessResult(MentionOutcome.Duplicate, Brand: brand);
        }

        await RememberCanonicalUrlAsync(mention, saved.MentionId, cancellationToken);
        var outcome = saved.FollowUp ? MentionOutcome.FollowUp
            : original is not null ? MentionOutcome.Repost
            : !languageAllowed ? MentionOutcome.FilteredLanguage
            : saved.CaseId is not null ? MentionOutcome.CaseOpened
            : MentionOutcome.Stored;
        LogProcessed(mention.SourceName, mention.ExternalId, brand, outcome, saved.CaseId);
        return new ProcessResult(outcome, saved.CaseId, brand);
    }

    /// <summary>
    /// A hash of the words only: reposts ("RT @x: …"), links, case, accents and spacing do not
    /// change it, so the same complaint shared twice opens one case.
    /// </summary>
    public static string ContentHash(string text)
    {
        var folded = TextNormalizer.Fold(text);
        if (folded.StartsWith("rt @", StringComparison.Ordinal))
        {
            var colon = folded.IndexOf(':', StringComparison.Ordinal);
            folded = colon > 0 ? folded[(colon + 1)..] : folded;
        }

        var words = new StringBuilder(folded.Length);
        foreach (var word in folded.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
        {
            if (word.StartsWith("http", StringComparison.Ordinal))
            {
                continue;
            }

            words.Append(word.Where(TextNormalizer.IsWordChar).ToArray()).Append(' ');
        }

        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(words.ToString().Trim())))[..32];
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Mention {SourceName}/{ExternalId} about {Brand}: {Outcome} (case {CaseId})")]
    private partial void LogProcessed(string sourceName, string externalId, string brand, MentionOutcome outcome, long? caseId);
}
