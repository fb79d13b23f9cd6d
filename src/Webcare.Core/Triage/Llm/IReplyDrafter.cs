namespace Webcare.Core.Triage.Llm;

/// <summary>What a reply drafter gets: the mention, the verdict, and the template reply to improve on.</summary>
public sealed record ReplyDraftRequest(
    string Text,
    string Language,
    string Tone,
    string Intent,
    string Origin,
    IReadOnlyList<string> RootCauses,
    string? AuthorName,
    string TemplateReply,
    IReadOnlyList<string> AllowedPromises,
    string SignOff);

/// <summary>
/// Optionally rewrites the suggested reply (e.g. an LLM). Returns null when it has nothing usable; the
/// caller then keeps the template reply. Implementations must honour the cancellation token.
/// </summary>
public interface IReplyDrafter
{
    ValueTask<string?> DraftAsync(ReplyDraftRequest request, CancellationToken cancellationToken);
}
