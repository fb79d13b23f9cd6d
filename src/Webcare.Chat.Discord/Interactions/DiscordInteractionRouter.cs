using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Webcare.Chat.Discord.Gateway;
using Webcare.Chat.Discord.Rendering;
using Webcare.Chat.Discord.Rest;
using Webcare.Chat.Inbound;
using Webcare.Chat.Outbox;
using Webcare.Core.Cases;
using Webcare.Core.Chat;
using Webcare.Core.Commands;

namespace Webcare.Chat.Discord.Interactions;

/// <summary>
/// Turns interactions into our own records and answers Discord within its 3 seconds. It translates;
/// Core decides: clicks, selects and modal submits become <see cref="CaseAction"/>s for
/// <see cref="CaseService"/>, commands become <see cref="CommandRequest"/>s for <see cref="CommandDispatcher"/>,
/// both run on the <see cref="InteractionQueue"/> after Discord has its answer.
/// </summary>
internal sealed partial class DiscordInteractionRouter(
    DiscordGateway gateway,
    DiscordApi api,
    InteractionQueue queue,
    OutboxSignal outboxSignal,
    IServiceScopeFactory scopes,
    IOptions<DiscordOptions> options,
    TimeProvider clock,
    ILogger<DiscordInteractionRouter> logger)
{
    private const int ChannelMessage = 4;
    private const int DeferredChannelMessage = 5;
    private const int DeferredUpdateMessage = 6;
    private const int Modal = 9;
    private static readonly TimeSpan TokenLife = TimeSpan.FromMinutes(14);

    private readonly ConcurrentDictionary<string, Task> _inFlight = new(StringComparer.Ordinal);

    /// <summary>Reads the gateway's interactions; each is answered on its own task, never on the receive loop.</summary>
    public async Task RunAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var payload in gateway.Dispatches.ReadAllAsync(stoppingToken))
            {
                if (!DiscordInteraction.TryParse(payload, out var interaction))
                {
                    LogUnreadable();
                    continue;
                }

                var task = HandleSafelyAsync(interaction, stoppingToken);
                _inFlight[interaction.Id] = task;
                _ = task.ContinueWith(t => _inFlight.TryRemove(interaction.Id, out _), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }

        await Task.WhenAll(_inFlight.Values).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    private async Task HandleSafelyAsync(DiscordInteraction interaction, CancellationToken stoppingToken)
    {
        await Task.Yield();
        try
        {
            await HandleAsync(interaction, stoppingToken);
        }
        catch (DiscordApiException ex) when (ex.IsStaleInteraction)
        {
            // 10062: the 3 s window passed (e.g. replayed after a resume); 40060: answered already. Neither is retried.
            LogStale(interaction.Id, ex.Code ?? 0);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
        catch (Exception ex)
        {
            LogFailed(ex, interaction.Id, interaction.Type);
        }
    }

    internal Task HandleAsync(DiscordInteraction interaction, CancellationToken cancellationToken)
    {
        var actor = new Actor(DiscordChatPlatform.Name, interaction.UserId, interaction.UserName,
            options.Value.Roles.Resolve(interaction.UserId, interaction.MemberRoles));
        return interaction.Type switch
        {
            DiscordInteraction.ApplicationCommand => HandleCommandAsync(interaction, actor, cancellationToken),
            DiscordInteraction.MessageComponent when IsEditReply(interaction.CustomId, actor, out var caseId)
                => OpenEditModalAsync(interaction, caseId, cancellationToken),
            DiscordInteraction.MessageComponent => HandleCaseActionAsync(interaction, actor, interaction.SelectedValue, cancellationToken),
            DiscordInteraction.ModalSubmit => HandleCaseActionAsync(interaction, actor, interaction.ModalValue(ReplyInputId), cancellationToken),
            _ => Task.CompletedTask,
        };
    }

    internal const string ReplyInputId = "reply";

    private static bool IsEditReply(string? customId, Actor actor, out long caseId)
    {
        // The id's shape is checked by Core's parser; the placeholder value only satisfies its "needs a value" rule.
        caseId = 0;
        if (CaseActionId.TryParse(customId, "-", actor, out var action) && action.Kind == CaseActionKind.EditReply)
        {
            caseId = action.CaseId;
            return true;
        }

        return false;
    }

    private async Task OpenEditModalAsync(DiscordInteraction interaction, long caseId, CancellationToken cancellationToken)
    {
        // A modal must be the first answer (it cannot follow a defer), so the case is read now: one indexed SQLite read.
        CaseRecord? current;
        await using (var scope = scopes.CreateAsyncScope())
        {
            current = await scope.ServiceProvider.GetRequiredService<ICaseStore>().GetCaseAsync(caseId, cancellationToken);
        }

        if (current is null)
        {
            await api.RespondAsync(interaction.Id, interaction.Token, ChannelMessage, DiscordMessages.Notice($"There is no case #{caseId}.", ephemeral: true), null, cancellationToken);
            return;
        }

        await api.RespondAsync(interaction.Id, interaction.Token, Modal,
            DiscordMessages.EditReplyModal(interaction.CustomId!, caseId, current.SuggestedReply), null, cancellationToken);
    }

    private async Task HandleCaseActionAsync(DiscordInteraction interaction, Actor actor, string? value, CancellationToken cancellationToken)
    {
        if (!CaseActionId.TryParse(interaction.CustomId, value, actor, out var action))
        {
            await api.RespondAsync(interaction.Id, interaction.Token, ChannelMessage,
                DiscordMessages.Notice("That button is not one the bot knows; the card may be out of date.", ephemeral: true), null, cancellationToken);
            return;
        }

        // Answer first (the card itself changes through the outbox), then do the work.
        if (interaction.FromMessage)
        {
            await api.RespondAsync(interaction.Id, interaction.Token, DeferredUpdateMessage, null, null, cancellationToken);
        }
        else
        {
            await api.RespondAsync(interaction.Id, interaction.Token, DeferredChannelMessage,
                new System.Text.Json.Nodes.JsonObject { ["flags"] = DiscordMessages.EphemeralFlag }, null, cancellationToken);
        }

        var token = interaction.Token;
        var queued = queue.TryEnqueue($"discord {CaseActionId.VerbOf(action.Kind)} case {action.CaseId}", async (services, ct) =>
        {
            var result = await services.GetRequiredService<CaseService>().ApplyAsync(action, ct);
            if (result.Succeeded)
            {
                outboxSignal.Notify();
                if (!interaction.FromMessage)
                {
                    await api.EditOriginalAsync(token, DiscordMessages.Notice(result.Message, ephemeral: true), null, ct);
                }

                return;
            }

            // Refused (no role, wrong state): only the clicker hears why; nothing changed.
            await api.FollowUpAsync(token, DiscordMessages.Notice(result.Message, ephemeral: true), null, ct);
        });
        if (!queued)
        {
            await api.FollowUpAsync(token, DiscordMessages.Notice("The bot is busy; please click again in a moment.", ephemeral: true), null, cancellationToken);
        }
    }

    private async Task HandleCommandAsync(DiscordInteraction interaction, Actor actor, CancellationToken cancellationToken)
    {
        if (!DiscordCommands.TryReadText(interaction.Data, out var text))
        {
            await api.RespondAsync(interaction.Id, interaction.Token, ChannelMessage,
                DiscordMessages.Notice("Unknown command; try /webcare help.", ephemeral: true), null, cancellationToken);
            return;
        }

        var channel = interaction.ChannelId is { } id ? new ChatAddress(DiscordChatPlatform.Name, id) : null;
        var request = new CommandRequest(text, actor, channel);
        var done = new TaskCompletionSource<Reply>(TaskCreationOptions.RunContinuationsAsynchronously);
        var queued = queue.TryEnqueue($"discord /webcare {request.Name}", async (services, ct) =>
        {
            try
            {
                done.TrySetResult(await services.GetRequiredService<CommandDispatcher>().DispatchAsync(request, ct));
            }
            catch (Exception ex)
            {
                done.TrySetException(ex);
                throw;
            }
        });
        if (!queued)
        {
            await api.RespondAsync(interaction.Id, interaction.Token, ChannelMessage,
                DiscordMessages.Notice("The bot is busy; please try again in a moment.", ephemeral: true), null, cancellationToken);
            return;
        }

        // A quick answer goes out in one call; a slow one is deferred ("thinking…") well inside the 3 s.
        var window = Task.Delay(options.Value.FastReplyWindow, clock, cancellationToken);
        if (await Task.WhenAny(done.Task, window) == done.Task && done.Task.IsCompletedSuccessfully)
        {
            var reply = done.Task.Result;
            await api.RespondAsync(interaction.Id, interaction.Token, ChannelMessage, DiscordMessages.Reply(reply, allowEphemeral: true), reply.Files, cancellationToken);
            return;
        }

        await api.RespondAsync(interaction.Id, interaction.Token, DeferredChannelMessage, null, null, cancellationToken);
        LogDeferred(interaction.Id, request.Name);
        Reply late;
        try
        {
            late = await done.Task.WaitAsync(TokenLife, clock, cancellationToken);
        }
        catch (TimeoutException)
        {
            late = new Reply($"'{request.Name}' took too long to answer here; the error is in the bot's log.", Ephemeral: true);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            late = new Reply($"'{request.Name}' failed; the error is in the bot's log.", Ephemeral: true);
        }

        if (late.Ephemeral)
        {
            // The deferred "thinking…" message is public; an answer for one person replaces it privately.
            await api.DeleteOriginalAsync(interaction.Token, cancellationToken);
            await api.FollowUpAsync(interaction.Token, DiscordMessages.Reply(late, allowEphemeral: true), late.Files, cancellationToken);
        }
        else
        {
            await api.EditOriginalAsync(interaction.Token, DiscordMessages.Reply(late, allowEphemeral: false), late.Files, cancellationToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Discord sent an interaction the bot cannot read; ignored")]
    private partial void LogUnreadable();

    [LoggerMessage(Level = LogLevel.Information, Message = "Interaction {InteractionId} expired or was already answered (code {Code}); not retried")]
    private partial void LogStale(string interactionId, int code);

    [LoggerMessage(Level = LogLevel.Error, Message = "Interaction {InteractionId} of type {Type} failed")]
    private partial void LogFailed(Exception exception, string interactionId, int type);

    [LoggerMessage(Level = LogLevel.Information, Message = "Interaction {InteractionId}: /webcare {Command} is slow, answer deferred")]
    private partial void LogDeferred(string interactionId, string command);
}
