using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Webcare.Core.Cases;
using Webcare.Core.Commands;

namespace Webcare.Bot.Cli;

/// <summary><c>webcare summary [--period today|week|month] [--brand NAME]</c>: what <c>/webcare summary</c> answers, from SQLite.</summary>
internal static class SummaryVerb
{
    public static Command Create()
    {
        var period = new Option<string>("--period", "-p") { Description = "today, week or month", DefaultValueFactory = _ => "today" };
        period.AcceptOnlyFromAmong("today", "week", "month");
        var brand = new Option<string?>("--brand", "-b") { Description = "Only this brand" };
        var command = new Command("summary", "Print the summary a team lead gets from /webcare summary.") { period, brand };
        command.SetAction((result, ct) => RunAsync($"summary {result.GetValue(period)} {result.GetValue(brand)}".Trim(), ct));
        return command;
    }

    /// <summary>Runs a chat command through the same dispatcher chat platforms use and prints its text.</summary>
    public static async Task<int> RunAsync(string commandText, CancellationToken cancellationToken)
    {
        using var host = await VerbHost.StartAsync(needsDatabase: true, cancellationToken);
        if (host is null)
        {
            return RunVerb.ConfigurationExitCode;
        }

        await using var scope = host.Services.CreateAsyncScope();
        var dispatcher = scope.ServiceProvider.GetRequiredService<CommandDispatcher>();
        var reply = await dispatcher.DispatchAsync(new CommandRequest(commandText, Actor.Operator("cli", Environment.UserName)), cancellationToken);
        await Console.Out.WriteLineAsync(reply.Text);
        return 0;
    }
}
