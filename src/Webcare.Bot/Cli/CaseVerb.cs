using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Webcare.Core.Cases;

namespace Webcare.Bot.Cli;

/// <summary><c>webcare case &lt;id&gt; claim|replied|resolve|dismiss|reopen|origin &lt;value&gt;|rootcause &lt;tags&gt;</c>: the path chat buttons take.</summary>
internal static class CaseVerb
{
    public const int RefusedExitCode = 3;

    public static Command Create()
    {
        var id = new Argument<long>("id") { Description = "The case number, as on the card (#12 → 12)" };
        var action = new Argument<string?>("action") { Description = "claim, release, replied, resolve, dismiss, reopen, origin, rootcause or edit; none shows the case and its history", Arity = ArgumentArity.ZeroOrOne };
        var value = new Argument<string[]>("value") { Description = "origin: store|phone|online|other; rootcause: tags; dismiss: not_relevant|false_positive", Arity = ArgumentArity.ZeroOrMore };
        var actor = new Option<string>("--as") { Description = "Who is acting (recorded in the case history)", DefaultValueFactory = _ => Environment.UserName };
        var command = new Command("case", "Show a case and its history (no action), or act on it exactly as a chat button would.") { id, action, value, actor };
        command.SetAction((result, ct) => result.GetValue(action) is { Length: > 0 } verb
            ? RunAsync(result.GetValue(id), verb, string.Join(' ', result.GetValue(value) ?? []), result.GetValue(actor)!, ct)
            : SummaryVerb.RunAsync(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"case {result.GetValue(id)}"), ct));
        return command;
    }

    private static async Task<int> RunAsync(long caseId, string verb, string value, string actorName, CancellationToken cancellationToken)
    {
        var actor = Actor.Operator("cli", actorName);
        if (!CaseActionId.TryParseVerb(verb, out var kind)
            || !CaseActionId.TryParse(CaseActionId.Format(caseId, kind), value.Length == 0 ? null : value, actor, out var action))
        {
            await Console.Error.WriteLineAsync($"'{$"{verb} {value}".Trim()}' is not a case action. Use claim, release, replied, resolve, dismiss, reopen, origin <store|phone|online|other>, rootcause <tag>, or edit <text>.");
            return RunVerb.ConfigurationExitCode;
        }

        using var host = await VerbHost.StartAsync(needsDatabase: true, cancellationToken);
        if (host is null)
        {
            return RunVerb.ConfigurationExitCode;
        }

        await using var scope = host.Services.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<CaseService>().ApplyAsync(action, cancellationToken);
        await (result.Succeeded ? Console.Out : Console.Error).WriteLineAsync(result.Message);
        return result.Succeeded ? 0 : RefusedExitCode;
    }
}
