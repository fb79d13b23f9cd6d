using System.CommandLine;

namespace Webcare.Bot.Cli;

/// <summary><c>webcare sources</c>: what <c>/webcare sources</c> answers — each source's state, last success, lag, items today and last error.</summary>
internal static class SourcesVerb
{
    public static Command Create()
    {
        var command = new Command("sources", "List each mention source with its last success, lag, items today and last error.");
        command.SetAction((_, ct) => SummaryVerb.RunAsync("sources", ct));
        return command;
    }
}
