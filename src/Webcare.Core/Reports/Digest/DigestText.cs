using System.Globalization;
using System.Text;

namespace Webcare.Core.Reports.Digest;

/// <summary>The digest as a chat message. Raw text: each chat platform escapes it (customer quotes included).</summary>
public static class DigestText
{
    public static string Render(DigestReport r)
    {
        var c = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        text.Append(c, $"{(r.Preview ? "Digest preview (week so far)" : "Weekly digest")} — {r.Team} — {r.Week.Key} ({DigestFormat.Range(r.Week, r.Preview, r.GeneratedAt)}, {r.Week.Zone.Id})").AppendLine();
        var against = r.Preview ? "vs the same days last week" : "vs last week";
        text.Append(c, $"Mentions {DigestFormat.Count(r.Volume.Current)}{Paren(DigestFormat.PercentChange(r.Volume))}")
            .Append(c, $" · negative {DigestFormat.Percent(r.NegativeShare.Current)}{Paren(DigestFormat.PointChange(r.NegativeShare))}")
            .Append(c, $" · cases opened {DigestFormat.Count(r.CasesOpened.Current)}{Paren(DigestFormat.PercentChange(r.CasesOpened))}")
            .Append(c, $" · first response median {DigestFormat.Minutes(r.FirstResponseMinutes.Current)}{Paren(DigestFormat.MinutesChange(r.FirstResponseMinutes))}")
            .Append(c, $" — changes {against}").AppendLine();

        text.Append("First responses within target: ");
        text.AppendLine(r.Sla.Decided == 0
            ? $"no answered or overdue cases ({SlaTargets.Description})"
            : string.Create(c, $"{DigestFormat.Percent(r.Sla.MetShare)} ({DigestFormat.Count(r.Sla.Met)} of {DigestFormat.Count(r.Sla.Decided)}; last week {DigestFormat.Percent(r.SlaLast.MetShare)}; {DigestFormat.Count(r.Sla.Pending)} still within target; {SlaTargets.Description})"));

        var origins = r.Origins.Where(o => o.Current.Total > 0 || o.Previous.Total > 0).ToList();
        text.Append("Where complaints began: ");
        text.AppendLine(origins.Count == 0
            ? "no complaints"
            : string.Join(" · ", origins.Select(o => string.Create(c,
                $"{o.Origin} {DigestFormat.Count(o.Current.Total)} ({DigestFormat.Count(o.Current.Confirmed)} confirmed, {DigestFormat.Count(o.Current.Guessed)} guessed; {DigestFormat.Signed(o.Delta)})"))));

        text.AppendLine(r.RootCauses.Count == 0 ? "Top root causes: none recorded" : "Top root causes:");
        for (var i = 0; i < r.RootCauses.Count; i++)
        {
            var cause = r.RootCauses[i];
            text.Append(c, $"  {i + 1}. {cause.Tag} {DigestFormat.Count(cause.Current)} ({DigestFormat.Signed(cause.Delta)})");
            if (cause.Quote is not null)
            {
                text.Append(c, $" — “{DigestFormat.Quote(cause.Quote, 100)}”");
            }

            text.AppendLine();
        }

        if (r.Notable.Count > 0)
        {
            text.AppendLine("Notable cases (highest reach):");
            foreach (var n in r.Notable.Take(3))
            {
                text.Append(c, $"  #{n.CaseId} @{n.AuthorHandle} ({DigestFormat.Count(n.Followers)} followers, {DigestFormat.Count(n.Engagement)} interactions) P{n.Priority} {n.State}, {n.Origin}: “{DigestFormat.Quote(n.Text, 100)}”").AppendLine();
            }
        }

        text.Append("Emerging terms: ");
        text.AppendLine(r.Terms.Count == 0
            ? "nothing unusual"
            : string.Join(" · ", r.Terms.Select(t => string.Create(c, $"{t.Term} {t.Count} (usually {t.BaselineAverage:0.#})"))));
        text.Append(c, $"Attached: {r.FileStem}.png (chart) and {r.FileStem}.html (full report).");
        return text.ToString();
    }

    private static string Paren(string value) => value.Length == 0 ? string.Empty : " (" + value + ")";
}
