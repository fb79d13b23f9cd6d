using System.Globalization;
using System.Text;
using Webcare.Core.Reports.Charts;

namespace Webcare.Core.Reports.Digest;

/// <summary>
/// The digest as one self-contained HTML file (XHTML syntax, so any XML parser can check it) with inline SVG
/// charts. Every string that did not come from this file passes <see cref="Escape"/>.
/// </summary>
public static class DigestHtml
{
    private static readonly CultureInfo C = CultureInfo.InvariantCulture;
    private static readonly string[] DayNames = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

    public static byte[] Render(DigestReport r) => Encoding.UTF8.GetBytes(RenderText(r));

    public static string RenderText(DigestReport r)
    {
        var h = new StringBuilder();
        var title = $"{(r.Preview ? "Digest preview" : "Weekly digest")} — {r.Team} — {r.Week.Key}";
        h.AppendLine("<!DOCTYPE html>");
        h.AppendLine("<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\">");
        h.AppendLine("<head>");
        h.AppendLine("<meta charset=\"utf-8\" />");
        h.AppendLine("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\" />");
        h.Append("<title>").Append(Escape(title)).AppendLine("</title>");
        h.AppendLine("""
            <style>
            body { font-family: system-ui, -apple-system, "Segoe UI", sans-serif; color: #212529; max-width: 60rem; margin: 2rem auto; padding: 0 1rem; }
            h1 { font-size: 1.6rem; margin-bottom: 0.2rem; } h2 { font-size: 1.2rem; margin-top: 2rem; border-bottom: 1px solid #dee2e6; }
            .muted { color: #6c757d; } table { border-collapse: collapse; width: 100%; } td, th { text-align: left; padding: 0.3rem 0.5rem; border-bottom: 1px solid #eee; }
            td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; } .up { color: #b02a37; } .down { color: #146c43; }
            .tiles { display: flex; flex-wrap: wrap; gap: 1rem; } .tile { flex: 1 1 12rem; border: 1px solid #dee2e6; border-radius: 0.5rem; padding: 0.8rem; }
            .tile .v { font-size: 1.6rem; font-weight: 600; } blockquote { margin: 0.3rem 0 0.6rem 0; padding-left: 0.8rem; border-left: 3px solid #adb5bd; color: #495057; }
            svg text { font-family: system-ui, sans-serif; font-size: 12px; fill: #212529; }
            </style>
            """);
        h.AppendLine("</head>");
        h.AppendLine("<body>");
        h.Append("<h1>").Append(Escape(title)).AppendLine("</h1>");
        h.Append("<p class=\"muted\">").Append(Escape(DigestFormat.Range(r.Week, r.Preview, r.GeneratedAt))).Append(" · ").Append(Escape(r.Week.Zone.Id))
            .Append(" · generated ").Append(Escape(TimeZoneInfo.ConvertTime(r.GeneratedAt, r.Week.Zone).ToString("yyyy-MM-dd HH:mm", C)))
            .Append(r.Preview ? " · changes against the same days of last week" : " · changes against last week").AppendLine("</p>");

        h.AppendLine("<div class=\"tiles\">");
        Tile(h, "Mentions", DigestFormat.Count(r.Volume.Current), DigestFormat.PercentChange(r.Volume));
        Tile(h, "Negative share", DigestFormat.Percent(r.NegativeShare.Current), DigestFormat.PointChange(r.NegativeShare));
        Tile(h, "Cases opened", DigestFormat.Count(r.CasesOpened.Current), DigestFormat.PercentChange(r.CasesOpened));
        Tile(h, "First response (median)", DigestFormat.Minutes(r.FirstResponseMinutes.Current), DigestFormat.MinutesChange(r.FirstResponseMinutes));
        Tile(h, "Within response target", DigestFormat.Percent(r.Sla.MetShare), r.Sla.MetShare is { } now && r.SlaLast.MetShare is { } before
            ? DigestFormat.Signed((now - before) * 100) + " pt" : string.Empty);
        h.AppendLine("</div>");
        h.Append("<p class=\"muted\">Response targets: ").Append(Escape(SlaTargets.Description)).Append(". ")
            .Append(C, $"{r.Sla.Met} met, {r.Sla.Breached} missed, {r.Sla.Pending} still within target.").AppendLine("</p>");

        h.AppendLine("<h2>Where complaints began</h2>");
        h.AppendLine(OriginSvg(r));
        h.AppendLine("<table><thead><tr><th>Origin</th><th class=\"n\">This week</th><th class=\"n\">Confirmed</th><th class=\"n\">Guessed</th><th class=\"n\">Last week</th><th class=\"n\">Change</th></tr></thead><tbody>");
        foreach (var o in r.Origins)
        {
            h.Append("<tr><td>").Append(Escape(o.Origin)).Append("</td>")
                .Append(C, $"<td class=\"n\">{o.Current.Total}</td><td class=\"n\">{o.Current.Confirmed}</td><td class=\"n\">{o.Current.Guessed}</td><td class=\"n\">{o.Previous.Total}</td>")
                .Append("<td class=\"n").Append(o.Delta > 0 ? " up" : o.Delta < 0 ? " down" : string.Empty).Append("\">").Append(Escape(DigestFormat.Signed(o.Delta))).AppendLine("</td></tr>");
        }

        h.AppendLine("</tbody></table>");

        h.AppendLine("<h2>Cases per day</h2>");
        h.AppendLine(DailySvg(r));

        h.AppendLine("<h2>Top root causes</h2>");
        if (r.RootCauses.Count == 0)
        {
            h.AppendLine("<p>No root causes recorded this week.</p>");
        }
        else
        {
            h.AppendLine("<ol>");
            foreach (var cause in r.RootCauses)
            {
                h.Append("<li><strong>").Append(Escape(cause.Tag)).Append("</strong> ")
                    .Append(C, $"{cause.Current} cases ({Escape(DigestFormat.Signed(cause.Delta))} against last week's {cause.Previous})");
                if (cause.Quote is not null)
                {
                    h.Append("<blockquote>").Append(Escape(DigestFormat.Quote(cause.Quote, 280))).Append(cause.CaseId is { } id ? string.Create(C, $" <span class=\"muted\">(case #{id})</span>") : string.Empty).Append("</blockquote>");
                }

                h.AppendLine("</li>");
            }

            h.AppendLine("</ol>");
        }

        h.AppendLine("<h2>Notable cases (highest reach)</h2>");
        if (r.Notable.Count == 0)
        {
            h.AppendLine("<p>No cases this week.</p>");
        }
        else
        {
            h.AppendLine("<table><thead><tr><th>Case</th><th>Author</th><th class=\"n\">Followers</th><th class=\"n\">Interactions</th><th>State</th><th>Text</th></tr></thead><tbody>");
            foreach (var n in r.Notable)
            {
                h.Append(C, $"<tr><td>#{n.CaseId} P{n.Priority}</td><td>").Append(Escape("@" + n.AuthorHandle)).Append("<br />").Append(Escape(n.Network)).Append("</td>")
                    .Append(C, $"<td class=\"n\">{DigestFormat.Count(n.Followers)}</td><td class=\"n\">{n.Engagement}</td><td>").Append(Escape($"{n.State}, {n.Origin}")).Append("</td><td>")
                    .Append(Escape(DigestFormat.Quote(n.Text, 280)));
                if (n.Url is { } url && (url.StartsWith("https://", StringComparison.OrdinalIgnoreCase) || url.StartsWith("http://", StringComparison.OrdinalIgnoreCase)))
                {
                    h.Append(" <a href=\"").Append(Escape(url)).Append("\" rel=\"noopener noreferrer\">link</a>");
                }

                h.AppendLine("</td></tr>");
            }

            h.AppendLine("</tbody></table>");
        }

        h.AppendLine("<h2>Emerging terms</h2>");
        if (r.Terms.Count == 0)
        {
            h.AppendLine("<p>Nothing unusual: no word in complaints rose well above its 4-week average.</p>");
        }
        else
        {
            h.AppendLine("<table><thead><tr><th>Term</th><th class=\"n\">Complaints using it</th><th class=\"n\">Usual per week</th></tr></thead><tbody>");
            foreach (var t in r.Terms)
            {
                h.Append("<tr><td>").Append(Escape(t.Term)).Append(C, $"</td><td class=\"n\">{t.Count}</td><td class=\"n\">{t.BaselineAverage:0.#}</td></tr>").AppendLine();
            }

            h.AppendLine("</tbody></table>");
        }

        h.AppendLine("<p class=\"muted\">Generated by Webcare Bot. Origin counts show confirmed (by an agent) and guessed (by triage) separately.</p>");
        h.AppendLine("</body>");
        h.AppendLine("</html>");
        return h.ToString();
    }

    /// <summary>
    /// HTML/XML escaping for text and attribute values: &amp; &lt; &gt; " ' become entities, and characters XML
    /// forbids (control characters, lone surrogates, U+FFFE/U+FFFF) are dropped so the file always parses.
    /// </summary>
    public static string Escape(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        var builder = new StringBuilder(text.Length + 16);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            switch (c)
            {
                case '&': builder.Append("&amp;"); break;
                case '<': builder.Append("&lt;"); break;
                case '>': builder.Append("&gt;"); break;
                case '"': builder.Append("&quot;"); break;
                case '\'': builder.Append("&#39;"); break;
                case '\t' or '\n' or '\r': builder.Append(c); break;
                default:
                    if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                    {
                        builder.Append(c).Append(text[++i]);
                    }
                    else if (!char.IsControl(c) && !char.IsSurrogate(c) && c is not ('\uFFFE' or '\uFFFF'))
                    {
                        builder.Append(c);
                    }

                    break;
            }
        }

        return builder.ToString();
    }

    private static void Tile(StringBuilder h, string label, string value, string change)
    {
        h.Append("<div class=\"tile\"><div class=\"muted\">").Append(Escape(label)).Append("</div><div class=\"v\">").Append(Escape(value)).Append("</div><div class=\"muted\">")
            .Append(Escape(change.Length == 0 ? "no comparison" : change)).AppendLine("</div></div>");
    }

    private static string OriginSvg(DigestReport r)
    {
        const int W = 640, H = 260, Left = 50, Top = 20, PlotH = 190;
        var origins = r.Origins;
        var max = DigestChart.NiceCeiling(origins.Select(o => Math.Max(o.Current.Total, o.Previous.Total)).DefaultIfEmpty(0).Max());
        var svg = new StringBuilder();
        svg.Append(C, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{W}\" height=\"{H}\" viewBox=\"0 0 {W} {H}\" role=\"img\" aria-label=\"Complaints by origin, this week and last week\">");
        Grid(svg, Left, Top, W - Left - 10, PlotH, max);
        var group = (W - Left - 10) / Math.Max(1, origins.Count);
        for (var i = 0; i < origins.Count; i++)
        {
            var o = origins[i];
            var x = Left + (i * group) + (group / 2) - 34;
            foreach (var (value, color, offset) in new[] { (o.Previous.Total, Rgb.LastWeek, 0), (o.Current.Total, Rgb.ThisWeek, 34) })
            {
                var height = (double)value / max * PlotH;
                svg.Append(C, $"<rect x=\"{x + offset}\" y=\"{Top + PlotH - height:0.#}\" width=\"30\" height=\"{height:0.#}\" fill=\"{color.Hex}\"><title>{value}</title></rect>");
                svg.Append(C, $"<text x=\"{x + offset + 15}\" y=\"{Top + PlotH - height - 4:0.#}\" text-anchor=\"middle\">{value}</text>");
            }

            // This week's confirmed part, darker, as in the PNG.
            var confirmed = (double)o.Current.Confirmed / max * PlotH;
            svg.Append(C, $"<rect x=\"{x + 34}\" y=\"{Top + PlotH - confirmed:0.#}\" width=\"30\" height=\"{confirmed:0.#}\" fill=\"{Rgb.Confirmed.Hex}\"><title>{o.Current.Confirmed} confirmed</title></rect>");

            svg.Append(C, $"<text x=\"{Left + (i * group) + (group / 2)}\" y=\"{Top + PlotH + 18}\" text-anchor=\"middle\">{Escape(o.Origin)}</text>");
        }

        Legend(svg, W - 230, H - 12, r.Preview, confirmed: true);
        return svg.Append("</svg>").ToString();
    }

    private static string DailySvg(DigestReport r)
    {
        const int W = 640, H = 260, Left = 50, Top = 20, PlotH = 190;
        var plotW = W - Left - 30;
        var max = DigestChart.NiceCeiling(r.CasesPerDay.Concat(r.CasesPerDayLast).DefaultIfEmpty(0).Max());
        var svg = new StringBuilder();
        svg.Append(C, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{W}\" height=\"{H}\" viewBox=\"0 0 {W} {H}\" role=\"img\" aria-label=\"Cases opened per day, this week and last week\">");
        Grid(svg, Left, Top, plotW, PlotH, max);
        var days = r.Preview
            ? Math.Clamp(DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(r.GeneratedAt, r.Week.Zone).DateTime).DayNumber - r.Week.FirstDay.DayNumber + 1, 0, 7)
            : 7;
        foreach (var (values, count, color) in new[] { (r.CasesPerDayLast, 7, Rgb.LastWeek), (r.CasesPerDay, days, Rgb.ThisWeek) })
        {
            var points = values.Take(count).Select((v, d) => (X: Left + (d * plotW / 6.0), Y: Top + PlotH - ((double)v / max * PlotH), V: v)).ToList();
            if (points.Count > 1)
            {
                svg.Append(C, $"<polyline fill=\"none\" stroke=\"{color.Hex}\" stroke-width=\"3\" points=\"{string.Join(' ', points.Select(p => string.Create(C, $"{p.X:0.#},{p.Y:0.#}")))}\" />");
            }

            foreach (var p in points)
            {
                svg.Append(C, $"<circle cx=\"{p.X:0.#}\" cy=\"{p.Y:0.#}\" r=\"4\" fill=\"{color.Hex}\"><title>{p.V}</title></circle>");
            }
        }

        for (var d = 0; d < 7; d++)
        {
            svg.Append(C, $"<text x=\"{Left + (d * plotW / 6.0):0.#}\" y=\"{Top + PlotH + 18}\" text-anchor=\"middle\">{DayNames[d]}</text>");
        }

        Legend(svg, W - 230, H - 12, r.Preview);
        return svg.Append("</svg>").ToString();
    }

    private static void Grid(StringBuilder svg, int left, int top, int width, int height, int max)
    {
        for (var i = 0; i <= 4; i++)
        {
            var y = top + height - (height * i / 4.0);
            svg.Append(C, $"<line x1=\"{left}\" y1=\"{y:0.#}\" x2=\"{left + width}\" y2=\"{y:0.#}\" stroke=\"{(i == 0 ? Rgb.Muted : Rgb.Grid).Hex}\" />");
            svg.Append(C, $"<text x=\"{left - 6}\" y=\"{y + 4:0.#}\" text-anchor=\"end\">{max * i / 4}</text>");
        }
    }

    private static void Legend(StringBuilder svg, int x, int y, bool preview, bool confirmed = false)
    {
        svg.Append(C, $"<rect x=\"{x}\" y=\"{y - 10}\" width=\"10\" height=\"10\" fill=\"{Rgb.ThisWeek.Hex}\" /><text x=\"{x + 14}\" y=\"{y}\">this week</text>");
        svg.Append(C, $"<rect x=\"{x + 90}\" y=\"{y - 10}\" width=\"10\" height=\"10\" fill=\"{Rgb.LastWeek.Hex}\" /><text x=\"{x + 104}\" y=\"{y}\">{(preview ? "same days last week" : "last week")}</text>");
        if (confirmed)
        {
            svg.Append(C, $"<rect x=\"{x - 170}\" y=\"{y - 10}\" width=\"10\" height=\"10\" fill=\"{Rgb.Confirmed.Hex}\" /><text x=\"{x - 156}\" y=\"{y}\">origin confirmed</text>");
        }
    }
}
