using Webcare.Core.Mentions;
using Webcare.Core.Triage;

namespace Webcare.Storage.Tests;

/// <summary>A predictable triage for storage tests: negative when a complaint word occurs. The real engine has its own tests.</summary>
public sealed class WordListTriage : ITriage
{
    private static readonly string[] ComplaintWords = ["belachelijk", "slecht", "storing", "niks", "nooit", "geen", "kapot"];

    public ValueTask<TriageResult> TriageAsync(TriageInput input, CancellationToken cancellationToken)
    {
        var negative = ComplaintWords.Any(w => input.Text.Contains(w, StringComparison.OrdinalIgnoreCase));
        return ValueTask.FromResult(new TriageResult(
            "nl", negative ? -0.6 : 0.4, negative ? 0.9 : 0.1, negative, negative ? Intent.Complaint : Intent.Praise, [],
            Reach.From(input.Author, input.Engagement), negative ? Priority.P3 : Priority.P4, OriginGuess.Unknown, [],
            negative ? "complaint word" : "no complaint word", "Hoi, sorry om dit te lezen."));
    }
}
