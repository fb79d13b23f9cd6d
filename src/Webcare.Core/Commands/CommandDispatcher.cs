using System.Text;
using Microsoft.Extensions.Logging;
using Webcare.Core.Cases;
using Webcare.Core.Chat;

namespace Webcare.Core.Commands;

/// <summary>Routes a command to its handler, checks the asker's role, and never lets a handler's failure escape.</summary>
public sealed partial class CommandDispatcher(IEnumerable<ICommandHandler> handlers, ILogger<CommandDispatcher> logger)
{
    private readonly IReadOnlyDictionary<string, ICommandHandler> _handlers =
        handlers.ToDictionary(h => h.Name, StringComparer.OrdinalIgnoreCase);

    public IEnumerable<ICommandHandler> Handlers => _handlers.Values.OrderBy(h => h.Name, StringComparer.Ordinal);

    public async Task<Reply> DispatchAsync(CommandRequest request, CancellationToken cancellationToken)
    {
        if (request.Name == "help" || !_handlers.TryGetValue(request.Name, out var handler))
        {
            return Help(request.Name == "help" ? null : request.Name);
        }

        if (!AccessPolicy.CanRun(request.Actor, handler.AllowedRoles))
        {
            var roles = string.Join(" or ", handler.AllowedRoles.Select(r => r.ToString().ToLowerInvariant()));
            return new Reply($"Sorry {request.Actor.DisplayName}, '{handler.Name}' is for the {roles} role.", Ephemeral: true);
        }

        try
        {
            return await handler.HandleAsync(request, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogHandlerFailed(ex, handler.Name, request.Actor.Platform);
            return new Reply($"'{handler.Name}' failed: {ex.Message}. The error is in the bot's log.", Ephemeral: true);
        }
    }

    private Reply Help(string? unknown)
    {
        var text = new StringBuilder();
        if (unknown is not null)
        {
            text.Append("Unknown command '").Append(unknown).AppendLine("'.");
        }

        text.AppendLine("Webcare commands:");
        foreach (var handler in Handlers)
        {
            text.Append("  /webcare ").AppendLine(handler.Usage);
        }

        text.Append("  /webcare help — this list");
        return new Reply(text.ToString(), Ephemeral: true);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Command {Command} from {Platform} failed")]
    private partial void LogHandlerFailed(Exception exception, string command, string platform);
}
