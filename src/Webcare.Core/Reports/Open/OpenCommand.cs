using System.Globalization;
using System.Text;
using Webcare.Core.Cases;
using Webcare.Core.Chat;
using Webcare.Core.Commands;
using Webcare.Core.Triage;

namespace Webcare.Core.Reports.Open;

/// <summary><c>/webcare open [mine]</c>: open cases, unanswered and most overdue first.</summary>
public sealed class OpenCommand(IReportQueries queries, SlaPolicy sla, TimeProvider clock) : ICommandHandler
{
    private const int Shown = 12;

    public string Name => "open";

    public string Usage => "open [mine] — open cases, most urgent first";

    public IReadOnlyCollection<Role> AllowedRoles { get; } = [Role.Agent, Role.Lead, Role.Manager];

    public async Task<Reply> HandleAsync(CommandRequest request, CancellationToken cancellationToken)
    {
        var arg = request.Arguments.Count > 0 ? request.Arguments[0].ToLowerInvariant() : null;
        if (arg is not (null or "mine" or "mijn" or "all"))
        {
            return new Reply($"Unknown option '{request.Arguments[0]}'. Use 'open' or 'open mine'.", Ephemeral: true);
        }

        var mine = arg is "mine" or "mijn";
        var data = await queries.GetOpenCasesAsync(mine ? request.Actor.UserId : null, Shown, cancellationToken);
        return new Reply(Format(data, mine, sla, clock.GetUtcNow()), Ephemeral: mine);
    }

    internal static string Format(OpenCasesData data, bool mine, SlaPolicy sla, DateTimeOffset now)
    {
        if (data.Total == 0)
        {
            return mine ? "You have no open cases." : "No open cases. 🎉";
        }

        var text = new StringBuilder();
        text.AppendLine(string.Create(CultureInfo.InvariantCulture, $"{(mine ? "Your open cases" : "Open cases")}: {ReportText.Number(data.Total)} (unanswered and most overdue first)"));
        foreach (var row in data.Rows)
        {
            var due = row.SlaDueAt ?? sla.DueAt(row.Priority, row.PostedAt);
            var clock = row.FirstRepliedAt is not null ? "answered"
                : now >= due ? $"overdue {SlaPolicy.Span(now - due)}"
                : $"{SlaPolicy.Span(sla.Calendar.Between(now, due))} left";
            var who = row.AssigneeName is null ? "unclaimed" : row.AssigneeName;
            text.Append(string.Create(CultureInfo.InvariantCulture, $"#{row.Id} "))
                .Append(row.Priority.ToName()).Append(' ')
                .Append(ReportText.Pad(row.State.ToString().ToLowerInvariant(), 7)).Append(' ')
                .Append(row.Brand).Append(" · @").Append(row.AuthorHandle.TrimStart('@')).Append(" · ")
                .Append(who).Append(" · ").Append(clock).Append(" · \u201C")
                .Append(ReportText.Snippet(row.Text, 60)).AppendLine("\u201D");
        }

        if (data.Total > data.Rows.Count)
        {
            text.Append(string.Create(CultureInfo.InvariantCulture, $"… and {ReportText.Number(data.Total - data.Rows.Count)} more."));
        }

        return text.ToString().TrimEnd();
    }
}
