using System.CommandLine;

namespace Webcare.Bot.Cli;

/// <summary>
/// <c>webcare open [--mine]</c>, <c>webcare origins</c>, <c>webcare rootcauses</c>: the same handlers
/// and the same text as the chat commands, printed to stdout.
/// </summary>
internal static class ReportVerbs
{
    public static Command Open()
    {
        var mine = new Option<bool>("--mine") { Description = "Only cases assigned to you (your user name as the CLI actor)" };
        var command = new Command("open", "Print the open cases, most urgent first (/webcare open).") { mine };
        command.SetAction((result, ct) => SummaryVerb.RunAsync(result.GetValue(mine) ? "open mine" : "open", ct));
        return command;
    }

    public static Command Origins() => Breakdown("origins", "Print where complaints began, with the change and root causes (/webcare origins).");

    public static Command RootCauses() => Breakdown("rootcauses", "Print the top root causes, with the change and origins (/webcare rootcauses).");

    private static Command Breakdown(string name, string description)
    {
        var period = new Option<string>("--period", "-p") { Description = "today, week or month", DefaultValueFactory = _ => "week" };
        period.AcceptOnlyFromAmong("today", "week", "month");
        var brand = new Option<string?>("--brand", "-b") { Description = "Only this brand" };
        var command = new Command(name, description) { period, brand };
        command.SetAction((result, ct) => SummaryVerb.RunAsync($"{name} {result.GetValue(period)} {result.GetValue(brand)}".Trim(), ct));
        return command;
    }
}
