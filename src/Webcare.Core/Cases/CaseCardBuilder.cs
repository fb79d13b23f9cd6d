using System.Globalization;
using Microsoft.Extensions.Options;
using Webcare.Core.Chat;
using Webcare.Core.Mentions;
using Webcare.Core.Triage;

namespace Webcare.Core.Cases;

/// <summary>Turns a case into the card every platform shows, so Slack, Discord and the console say the same.</summary>
public sealed class CaseCardBuilder(IOptions<CaseOptions> options, TimeProvider clock, SlaPolicy? sla)
{
    /// <summary>Without an SLA policy the card shows no first-response clock.</summary>
    public CaseCardBuilder(IOptions<CaseOptions> options, TimeProvider clock)
        : this(options, clock, null)
    {
    }

    private static readonly CardOption[] OriginOptions =
    [
        new("store", "In the store"),
        new("phone", "On the phone"),
        new("online", "Online"),
        new("other", "Elsewhere"),
    ];

    public Card Build(CaseRecord c)
    {
        var mention = c.Mention.Mention;
        var fields = new List<CardField>
        {
            new("Brand", c.Mention.Brand),
            new("Source", mention.Network),
            new("Author", DescribeAuthor(mention.Author)),
            new("Language", c.Triage.Language),
            new("Origin", DescribeOrigin(c)),
            new("Age", DescribeAge(clock.GetUtcNow() - mention.PostedAt)),
        };
        if (sla is not null)
        {
            var now = clock.GetUtcNow();
            var slaClock = sla.ClockFor(c, now);
            if (slaClock.Status != SlaStatus.None)
            {
                fields.Add(new("First response", sla.Describe(slaClock, now)));
            }
        }

        if (c.FollowUps > 0)
        {
            fields.Add(new("Follow-ups", c.FollowUps.ToString(CultureInfo.InvariantCulture)));
        }

        if (c.RootCauses.Count > 0)
        {
            fields.Add(new("Root cause", string.Join(", ", c.RootCauses) + (c.RootCausesConfirmed ? " (confirmed)" : " (guess)")));
        }

        return new Card(
            Title: $"{c.Priority.ToName()} · Case #{c.Id} · {c.Mention.Brand}",
            Tone: ToneOf(c),
            Fields: fields,
            CustomerText: mention.Text,
            Link: mention.Url,
            Why: c.Triage.Why,
            SuggestedReply: c.SuggestedReply,
            // In the status line (which every renderer shows) rather than a footer: the question must not get lost.
            Status: c.NeedsOriginConfirmation
                ? c.Origin == Origin.Unknown
                    ? $"{DescribeState(c)} · Where did this complaint begin? Please pick store, phone, online or elsewhere below."
                    : $"{DescribeState(c)} · Where did this complaint begin? Triage guessed {c.Origin.ToName()} — confirm or change it below."
                : DescribeState(c),
            Actions: ActionsFor(c),
            CaseId: c.Id,
            Priority: c.Priority);
    }

    /// <summary>The thread reply announcing that a later mention by the same author joined the case.</summary>
    public static string FollowUpText(Mention mention)
    {
        const int MaxText = 1500; // well inside every platform's message limit
        var text = mention.Text.Length > MaxText ? mention.Text[..MaxText] + "…" : mention.Text;
        return $"Follow-up from @{mention.Author.Handle.TrimStart('@')} on {mention.Network}: \u201C{text}\u201D{(mention.Url is { Length: > 0 } url ? " " + url : string.Empty)}";
    }

    private IReadOnlyList<CardAction> ActionsFor(CaseRecord c)
    {
        if (!c.IsOpen)
        {
            var closed = new List<CardAction> { new(CaseActionId.Format(c.Id, CaseActionKind.Reopen), "Re-open") };
            if (c.NeedsOriginConfirmation)
            {
                // Resolving is never blocked; the card keeps asking, pre-selected with the guess so one pick confirms it.
                closed.Add(OriginSelect(c));
            }

            return closed;
        }

        var actions = new List<CardAction>();
        if (c.State == CaseState.New)
        {
            actions.Add(new(CaseActionId.Format(c.Id, CaseActionKind.Claim), "Claim", CardActionStyle.Primary));
        }

        if (c.State != CaseState.Replied)
        {
            actions.Add(new(CaseActionId.Format(c.Id, CaseActionKind.MarkReplied), "Replied"));
        }

        if (c.State != CaseState.New)
        {
            actions.Add(new(CaseActionId.Format(c.Id, CaseActionKind.Resolve), "Resolve", CardActionStyle.Primary));
        }

        actions.Add(new(CaseActionId.Format(c.Id, CaseActionKind.Dismiss), "Not relevant", CardActionStyle.Danger));
        actions.Add(new(CaseActionId.Format(c.Id, CaseActionKind.EditReply), "Edit reply"));
        actions.Add(OriginSelect(c));
        actions.Add(new(CaseActionId.Format(c.Id, CaseActionKind.SetRootCause), "Root cause",
            Options: options.Value.RootCauses.Select(t => new CardOption(t, t.Replace('_', ' '))).ToList(),
            SelectedValue: c.RootCauses.FirstOrDefault()));
        return actions;
    }

    private static CardAction OriginSelect(CaseRecord c) =>
        new(CaseActionId.Format(c.Id, CaseActionKind.SetOrigin), "Where did it begin?", Options: OriginOptions,
            SelectedValue: c.Origin == Origin.Unknown ? null : c.Origin.ToName());

    private static CardTone ToneOf(CaseRecord c) => !c.IsOpen
        ? CardTone.Good
        : c.Priority switch
        {
            Priority.P1 => CardTone.Danger,
            Priority.P2 => CardTone.Warning,
            _ => CardTone.Neutral,
        };

    private static string DescribeState(CaseRecord c) => c.State switch
    {
        CaseState.New => "New — unclaimed",
        CaseState.Claimed => $"Claimed by {c.AssigneeName}",
        CaseState.Replied => $"Replied by {c.AssigneeName}",
        CaseState.Resolved => $"Resolved by {c.AssigneeName ?? "the team"}",
        _ => "Dismissed as not relevant",
    };

    private static string DescribeAuthor(Author author)
    {
        var name = author.DisplayName is { Length: > 0 } display && display != author.Handle
            ? $"{display} (@{author.Handle.TrimStart('@')})"
            : "@" + author.Handle.TrimStart('@');
        return author.Followers is { } followers
            ? string.Create(CultureInfo.InvariantCulture, $"{name} · {followers:N0} followers")
            : name;
    }

    private static string DescribeOrigin(CaseRecord c) => c.OriginConfirmed
        ? c.Origin != c.GuessedOrigin && c.GuessedOrigin != Origin.Unknown
            ? $"{c.Origin.ToName()} (confirmed; triage guessed {c.GuessedOrigin.ToName()})"
            : $"{c.Origin.ToName()} (confirmed)"
        : c.Origin == Origin.Unknown
            ? "unknown"
            : $"{c.Origin.ToName()} (guess{(c.OriginEvidence is { Length: > 0 } e ? ": \u201C" + e + "\u201D" : string.Empty)})";

    private static string DescribeAge(TimeSpan age) => age switch
    {
        { TotalMinutes: < 1 } => "just now",
        { TotalHours: < 1 } => string.Create(CultureInfo.InvariantCulture, $"{(int)age.TotalMinutes} min"),
        { TotalDays: < 2 } => string.Create(CultureInfo.InvariantCulture, $"{(int)age.TotalHours} h"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{(int)age.TotalDays} days"),
    };
}
