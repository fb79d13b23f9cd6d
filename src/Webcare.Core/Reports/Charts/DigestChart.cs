using System.Globalization;
using Webcare.Core.Reports.Digest;

namespace Webcare.Core.Reports.Charts;

/// <summary>The digest's PNG: complaints by origin (this week vs last) and cases per day as lines.</summary>
public static class DigestChart
{
    public const int Width = 1040;
    public const int Height = 510;
    private const int Scale = 2;
    private static readonly string[] DayNames = ["MON", "TUE", "WED", "THU", "FRI", "SAT", "SUN"];

    public static byte[] Render(DigestReport report) => Draw(report).ToPng();

    public static Canvas Draw(DigestReport report)
    {
        var canvas = new Canvas(Width, Height, Rgb.White);
        var title = $"{(report.Preview ? "DIGEST PREVIEW" : "WEEKLY DIGEST")} - {report.Team} - {report.Week.Key}";
        canvas.Text(24, 20, Fit(title, Width - 48, 3), Rgb.Ink, 3);
        canvas.Text(24, 56, $"{DigestFormat.Range(report.Week, report.Preview, report.GeneratedAt)} ({report.Week.Zone.Id})", Rgb.Muted, Scale);

        var lastLabel = report.Preview ? "SAME DAYS LAST WEEK" : "LAST WEEK";
        // The legend has its own row at the bottom, so long team names and date ranges never run into it.
        var legendY = Height - 30;
        canvas.FillRect(24, legendY - 14, Width - 48, 1, Rgb.Grid);
        var legendX = Legend(canvas, 24, legendY, Rgb.Confirmed, "ORIGIN CONFIRMED BY AN AGENT");
        legendX = Legend(canvas, legendX + 28, legendY, Rgb.ThisWeek, "THIS WEEK");
        Legend(canvas, legendX + 28, legendY, Rgb.LastWeek, lastLabel);

        canvas.FillRect(24, 86, Width - 48, 2, Rgb.Grid);
        Bars(canvas, new Panel(24, 100, 500, 350), report);
        Lines(canvas, new Panel(560, 100, 456, 350), report);
        return canvas;
    }

    private readonly record struct Panel(int X, int Y, int Width, int Height);

    private static void Bars(Canvas canvas, Panel panel, DigestReport report)
    {
        canvas.Text(panel.X, panel.Y, "COMPLAINTS BY ORIGIN", Rgb.Ink, Scale);
        var origins = report.Origins.Take(6).ToList();
        var max = NiceCeiling(origins.Select(o => Math.Max(o.Current.Total, o.Previous.Total)).DefaultIfEmpty(0).Max());
        var plot = Axes(canvas, panel, max);
        var group = plot.Width / Math.Max(1, origins.Count);
        var bar = Math.Max(6, group * 3 / 10);
        for (var i = 0; i < origins.Count; i++)
        {
            var o = origins[i];
            var left = plot.X + (i * group) + ((group - (2 * bar) - 4) / 2);
            DrawBar(canvas, plot, left, bar, o.Previous.Total, max, Rgb.LastWeek);
            var top = DrawBar(canvas, plot, left + bar + 4, bar, o.Current.Total, max, Rgb.ThisWeek);
            // The confirmed part of this week's bar is drawn darker: guesses are visible as guesses.
            DrawBar(canvas, plot, left + bar + 4, bar, o.Current.Confirmed, max, Rgb.Confirmed);
            var value = o.Current.Total.ToString(CultureInfo.InvariantCulture);
            canvas.Text(left + bar + 4 + (bar / 2) - (Canvas.TextWidth(value) / 2), top - 20, value, Rgb.Ink, Scale);
            var label = Fit(o.Origin, group - 4, Scale);
            canvas.Text(plot.X + (i * group) + ((group - Canvas.TextWidth(label)) / 2), plot.Y + plot.Height + 10, label, Rgb.Ink, Scale);
        }
    }

    private static int DrawBar(Canvas canvas, Panel plot, int left, int width, int value, int max, Rgb color)
    {
        var height = (int)Math.Round((double)value / max * plot.Height);
        var top = plot.Y + plot.Height - height;
        canvas.FillRect(left, top, width, height, color);
        return top;
    }

    private static void Lines(Canvas canvas, Panel panel, DigestReport report)
    {
        canvas.Text(panel.X, panel.Y, "CASES PER DAY", Rgb.Ink, Scale);
        var max = NiceCeiling(report.CasesPerDay.Concat(report.CasesPerDayLast).DefaultIfEmpty(0).Max());
        var axes = Axes(canvas, panel, max);
        // Inset the days from the axis ends so MON and SUN do not collide with the value labels.
        var plot = axes with { X = axes.X + 24, Width = axes.Width - 48 };
        var step = plot.Width / 6.0;
        var days = report.Preview ? DaysElapsed(report) : 7;
        Series(canvas, plot, step, max, report.CasesPerDayLast, 7, Rgb.LastWeek);
        Series(canvas, plot, step, max, report.CasesPerDay, days, Rgb.ThisWeek);
        for (var d = 0; d < 7; d++)
        {
            var x = plot.X + (int)Math.Round(d * step);
            canvas.Text(x - (Canvas.TextWidth(DayNames[d]) / 2), plot.Y + plot.Height + 10, DayNames[d], Rgb.Ink, Scale);
        }
    }

    private static void Series(Canvas canvas, Panel plot, double step, int max, IReadOnlyList<int> values, int count, Rgb color)
    {
        (int X, int Y)? previous = null;
        for (var d = 0; d < Math.Min(count, values.Count); d++)
        {
            var point = (X: plot.X + (int)Math.Round(d * step), Y: plot.Y + plot.Height - (int)Math.Round((double)values[d] / max * plot.Height));
            if (previous is { } p)
            {
                canvas.Line(p.X, p.Y, point.X, point.Y, color, 3);
            }

            canvas.FillRect(point.X - 4, point.Y - 4, 9, 9, color);
            previous = point;
        }
    }

    /// <summary>Draws horizontal gridlines with their values and returns the plot area inside the panel.</summary>
    private static Panel Axes(Canvas canvas, Panel panel, int max)
    {
        var labelWidth = Canvas.TextWidth(max.ToString(CultureInfo.InvariantCulture)) + 10;
        var plot = new Panel(panel.X + labelWidth, panel.Y + 44, panel.Width - labelWidth - 16, panel.Height - 44 - 34);
        for (var i = 0; i <= 4; i++)
        {
            var value = max * i / 4;
            var y = plot.Y + plot.Height - (int)Math.Round((double)plot.Height * i / 4);
            canvas.FillRect(plot.X, y, plot.Width, 1, i == 0 ? Rgb.Muted : Rgb.Grid);
            var text = value.ToString(CultureInfo.InvariantCulture);
            canvas.Text(plot.X - 8 - Canvas.TextWidth(text), y - 7, text, Rgb.Muted, Scale);
        }

        return plot;
    }

    private static int Legend(Canvas canvas, int x, int y, Rgb color, string label)
    {
        canvas.FillRect(x, y, 14, 14, color);
        return x + 20 + canvas.Text(x + 20, y, label, Rgb.Ink, Scale);
    }

    /// <summary>1, 2, 4, 5, 6 or 8 × 10^k at or above the value (at least 4), so the four gridlines land on whole numbers.</summary>
    public static int NiceCeiling(int value)
    {
        if (value <= 4)
        {
            return 4;
        }

        var magnitude = (int)Math.Pow(10, Math.Floor(Math.Log10(value)));
        foreach (var factor in new[] { 1, 2, 4, 5, 6, 8, 10 })
        {
            var candidate = factor * magnitude;
            if (candidate >= value && candidate % 4 == 0)
            {
                return candidate;
            }
        }

        return ((value + 3) / 4) * 4;
    }

    private static int DaysElapsed(DigestReport report)
    {
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(report.GeneratedAt, report.Week.Zone).DateTime);
        return Math.Clamp(today.DayNumber - report.Week.FirstDay.DayNumber + 1, 0, 7);
    }

    private static string Fit(string text, int width, int scale)
    {
        var prepared = BitmapFont.Prepare(text);
        var fits = width / (BitmapFont.Advance * scale);
        return prepared.Length <= fits ? prepared : prepared[..Math.Max(1, fits - 1)] + ".";
    }
}
