using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Webcare.Chat.Inbound;
using Webcare.Core.Cases;
using Webcare.Core.Chat;
using Webcare.Core.Commands;

namespace Webcare.Chat.Console;

/// <summary>
/// The console's inbound side: an operator types <c>/webcare summary</c> or <c>case 12 claim</c>
/// and it takes the same path a Slack or Discord click takes.
/// </summary>
public sealed class ConsoleInputService(
    TextReader input,
    InteractionQueue queue,
    IOptions<ConsoleChatOptions> options,
    bool inputRedirected) : BackgroundService
{
    private static readonly ChatAddress ConsoleChannel = new("console", "operator");

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.ReadCommands || inputRedirected)
        {
            return;
        }

        await Task.Yield();
        while (!stoppingToken.IsCancellationRequested)
        {
            var line = await input.ReadLineAsync(stoppingToken);
            if (line is null)
            {
                return;
            }

            if (ConsoleCommandLine.TryParse(line, Actor.Operator("console", Environment.UserName), out var command, out var action))
            {
                queue.TryEnqueue("console input", (services, ct) => RunAsync(services, command, action, ct));
            }
        }
    }

    private static async Task RunAsync(IServiceProvider services, CommandRequest? command, CaseAction? action, CancellationToken cancellationToken)
    {
        var console = services.GetServices<IChatPlatform>().First(p => p.Platform == "console");
        Reply reply;
        if (command is not null)
        {
            reply = await services.GetRequiredService<CommandDispatcher>().DispatchAsync(command, cancellationToken);
        }
        else
        {
            var result = await services.GetRequiredService<CaseService>().ApplyAsync(action!, cancellationToken);
            reply = new Reply(result.Message);
        }

        await console.PostReplyAsync(ConsoleChannel, reply, null, cancellationToken);
    }
}

/// <summary>Parses what an operator types at the console.</summary>
public static class ConsoleCommandLine
{
    public static bool TryParse(string line, Actor actor, out CommandRequest? command, out CaseAction? action)
    {
        command = null;
        action = null;
        var text = line.Trim();
        if (text.StartsWith("/webcare", StringComparison.OrdinalIgnoreCase))
        {
            command = new CommandRequest(text["/webcare".Length..].Trim(), actor);
            return true;
        }

        var words = text.Split(' ', 4, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (words.Length >= 3 && words[0].Equals("case", StringComparison.OrdinalIgnoreCase) && long.TryParse(words[1], out var caseId)
            && CaseActionId.TryParseVerb(words[2], out _))
        {
            var value = words.Length > 3 ? words[3] : null;
            return CaseActionId.TryParse($"case:{caseId}:{words[2].ToLowerInvariant()}", value, actor, out action);
        }

        return false;
    }
}
