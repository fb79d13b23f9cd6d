using System.Globalization;
using Microsoft.Extensions.Options;
using Webcare.Core.Team;
using Webcare.Core.Triage;

namespace Webcare.Core.Cases;

public enum SlaStatus
{
    /// <summary>No clock: the case was closed without a first response.</summary>
    None,
    Green,
    Amber,
    Red,
    /// <summary>Answered within the target.</summary>
    Met,
    /// <summary>Answered, but after the target.</summary>
    MetLate,
}

/// <summary>The first-response clock of one case at one moment.</summary>
public sealed record SlaClock(SlaStatus Status, DateTimeOffset Due, TimeSpan BusinessRemaining, DateTimeOffset? AnsweredAt)
{
    public bool IsBreached => Status is SlaStatus.Red or SlaStatus.MetLate;
}

/// <summary>First-response targets per priority, counted in the team's business hours.</summary>
public sealed class SlaPolicy
{
    private readonly Dictionary<Priority, SlaTarget> _targets = [];
    private readonly double _amberAt;

    public SlaPolicy(IOptions<SlaOptions> options, IOptions<TeamOptions> team)
    {
        var value = options.Value;
        Calendar = BusinessCalendar.From(value.BusinessHours, team.Value);
        _amberAt = value.AmberAt;
        var defaults = new SlaOptions().Targets;
        foreach (var priority in Enum.GetValues<Priority>())
        {
            var name = priority.ToName();
            var text = value.Targets.TryGetValue(name, out var configured) ? configured : defaults[name];
            _targets[priority] = SlaTarget.TryParse(text, out var target) ? target : new SlaTarget(null);
        }
    }

    public BusinessCalendar Calendar { get; }

    /// <summary>The share of the target after which the clock is amber.</summary>
    public double AmberAt => _amberAt;

    public SlaTarget TargetFor(Priority priority) => _targets[priority];

    /// <summary>When a first response is due for a mention posted at <paramref name="start"/>.</summary>
    public DateTimeOffset DueAt(Priority priority, DateTimeOffset start)
    {
        var target = _targets[priority];
        return target.BusinessTime is { } span ? Calendar.Add(start, span) : Calendar.CloseOfNextBusinessDay(start);
    }

    /// <summary>The clock as the card shows it: green, amber in the last part of the target, red once breached.</summary>
    public SlaClock ClockFor(CaseRecord c, DateTimeOffset now)
    {
        var start = c.Mention.Mention.PostedAt;
        var due = c.SlaDueAt ?? DueAt(c.Priority, start);
        if (c.FirstRepliedAt is { } answered)
        {
            return new SlaClock(answered <= due ? SlaStatus.Met : SlaStatus.MetLate, due, TimeSpan.Zero, answered);
        }

        if (!c.IsOpen)
        {
            return new SlaClock(SlaStatus.None, due, TimeSpan.Zero, null);
        }

        if (now >= due)
        {
            return new SlaClock(SlaStatus.Red, due, TimeSpan.Zero, null);
        }

        var total = Calendar.Between(start, due);
        var remaining = Calendar.Between(now, due);
        var used = total <= TimeSpan.Zero ? 1 : 1 - (remaining / total);
        return new SlaClock(used >= _amberAt ? SlaStatus.Amber : SlaStatus.Green, due, remaining, null);
    }

    /// <summary>One line for the card, e.g. "🟢 45 min left · due Mon 09:30".</summary>
    public string Describe(SlaClock clock, DateTimeOffset now)
    {
        var due = TimeZoneInfo.ConvertTime(clock.Due, Calendar.Zone).ToString("ddd HH:mm", CultureInfo.InvariantCulture);
        return clock.Status switch
        {
            SlaStatus.Green => $"\U0001F7E2 {Span(clock.BusinessRemaining)} left · due {due}",
            SlaStatus.Amber => $"\U0001F7E0 {Span(clock.BusinessRemaining)} left · due {due}",
            SlaStatus.Red => $"\U0001F534 breached {Span(now - clock.Due)} ago · was due {due}",
            SlaStatus.Met => $"\u2705 answered in time (due {due})",
            SlaStatus.MetLate => $"\u26A0 answered late (due {due})",
            _ => "closed without a recorded reply",
        };
    }

    public static string Span(TimeSpan span) => span switch
    {
        { TotalMinutes: < 1 } => "<1 min",
        { TotalHours: < 1 } => string.Create(CultureInfo.InvariantCulture, $"{(int)span.TotalMinutes} min"),
        { TotalHours: < 48 } => span.Minutes == 0
            ? string.Create(CultureInfo.InvariantCulture, $"{(int)span.TotalHours} h")
            : string.Create(CultureInfo.InvariantCulture, $"{(int)span.TotalHours} h {span.Minutes} min"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{(int)span.TotalDays} days"),
    };
}
