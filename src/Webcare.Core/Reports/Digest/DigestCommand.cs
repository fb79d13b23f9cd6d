using Webcare.Core.Cases;
using Webcare.Core.Chat;
using Webcare.Core.Commands;

namespace Webcare.Core.Reports.Digest;

/// <summary>
/// <c>/webcare digest [preview|last|YYYY-Www]</c>: the weekly digest with its chart and report attached, answered to
/// the asker only. It never posts to the digest channel or marks a week as sent: that is the scheduler's job.
/// </summary>
public sealed class DigestCommand(DigestService digests, TimeProvider clock) : ICommandHandler
{
    public string Name => "digest";

    public string Usage => "digest [preview|last|YYYY-Www] — the weekly manager digest (preview: this week so far)";

    public IReadOnlyCollection<Role> AllowedRoles { get; } = [Role.Lead, Role.Manager];

    public async Task<Reply> HandleAsync(CommandRequest request, CancellationToken cancellationToken)
    {
        var argument = request.Arguments.Count > 0 ? request.Arguments[0].ToLowerInvariant() : "last";
        var preview = argument is "preview" or "voorbeeld";
        if (!DigestWeek.TryParse(preview ? "this" : argument, clock.GetUtcNow(), digests.Zone, out var week))
        {
            return new Reply($"Unknown week '{argument}'. Use digest, digest preview, or digest 2026-W47.", Ephemeral: true);
        }

        var report = await digests.BuildAsync(week, preview, cancellationToken);
        return DigestService.ToReply(report);
    }
}
