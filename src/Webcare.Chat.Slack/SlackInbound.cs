using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Webcare.Chat.Inbound;
using Webcare.Chat.Outbox;
using Webcare.Core.Cases;
using Webcare.Core.Chat;
using Webcare.Core.Commands;

namespace Webcare.Chat.Slack;

/// <summary>What to send back in the acknowledgement, and the work to start once it is sent.</summary>
public sealed record InboundResult(JsonObject? AckPayload, Action? AfterAck)
{
    public static readonly InboundResult Empty = new(null, null);
}

/// <summary>
/// Slack's inbound side, shared by Socket Mode and HTTP mode. It translates: a click or select becomes a
/// <see cref="CaseAction"/> for <see cref="CaseService"/>, a slash command a <see cref="CommandRequest"/> for
/// <see cref="CommandDispatcher"/>, and their answers are rendered back. The work itself runs on the
/// <see cref="InteractionQueue"/> after the acknowledgement.
/// </summary>
public sealed partial class SlackInbound(
    InteractionQueue queue,
    SlackApiClient api,
    SlackChatPlatform platform,
    IOptions<SlackOptions> options,
    ILogger<SlackInbound> logger)
{
    private const string BusyText = "Webcare is busy right now; please try again in a moment.";

    /// <summary>Turns one inbound payload (<c>slash_commands</c>, <c>interactive</c>, <c>events_api</c>) into an acknowledgement and queued work.</summary>
    public async Task<InboundResult> ReceiveAsync(string type, JsonObject payload, CancellationToken cancellationToken)
    {
        switch (type)
        {
            case "slash_commands":
                return await CommandAsync(payload, cancellationToken);
            case "interactive":
                return (string?)payload["type"] switch
                {
                    "block_actions" => BlockActions(payload),
                    "view_submission" => ViewSubmission(payload),
                    _ => InboundResult.Empty,
                };
            case "events_api":
                LogEventIgnored((string?)payload["event"]?["type"] ?? "unknown");
                return InboundResult.Empty;
            default:
                return InboundResult.Empty;
        }
    }

    private async Task<InboundResult> CommandAsync(JsonObject payload, CancellationToken cancellationToken)
    {
        var userId = (string?)payload["user_id"];
        var channelId = (string?)payload["channel_id"];
        if (userId is null)
        {
            return InboundResult.Empty;
        }

        var text = (string?)payload["text"] ?? string.Empty;
        var userName = (string?)payload["user_name"];
        var responseUrl = Uri.TryCreate((string?)payload["response_url"], UriKind.Absolute, out var url) ? url : null;
        var answer = new TaskCompletionSource<Reply>(TaskCreationOptions.RunContinuationsAsynchronously);
        var queued = queue.TryEnqueue("slack /webcare", async (services, ct) =>
        {
            Reply reply;
            try
            {
                var actor = await services.GetRequiredService<SlackRoles>().ActorAsync(userId, userName, ct);
                var channel = channelId is null ? null : new ChatAddress("slack", channelId);
                reply = await services.GetRequiredService<CommandDispatcher>().DispatchAsync(new CommandRequest(text, actor, channel), ct);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The asker still gets an answer; the worker logs the failure.
                answer.TrySetResult(new Reply("Sorry, that command failed; the error is in the bot's log.", Ephemeral: true));
                throw;
            }

            var inAck = answer.TrySetResult(reply);
            if (!inAck && responseUrl is not null)
            {
                // Too slow for the acknowledgement: the answer follows through response_url (valid 30 minutes).
                await api.PostToResponseUrlAsync(responseUrl, ResponseMessage(reply), ct);
            }

            if (channelId is not null)
            {
                foreach (var file in reply.FilesOrEmpty)
                {
                    await platform.UploadFileAsync(channelId, file, null, ct);
                }
            }
        });
        if (!queued)
        {
            return new InboundResult(ResponseMessage(new Reply(BusyText, Ephemeral: true)), null);
        }

        try
        {
            var reply = await answer.Task.WaitAsync(options.Value.CommandAckBudget, cancellationToken);
            return new InboundResult(ResponseMessage(reply), null);
        }
        catch (TimeoutException)
        {
            if (answer.TrySetCanceled(CancellationToken.None))
            {
                LogCommandSlow(text.Split(' ', 2)[0]);
                return new InboundResult(ResponseMessage(new Reply("Working on it…", Ephemeral: true)), null);
            }

            return new InboundResult(ResponseMessage(await answer.Task), null);
        }
    }

    private InboundResult BlockActions(JsonObject payload)
    {
        var user = payload["user"] as JsonObject;
        var userId = (string?)user?["id"];
        var actions = payload["actions"] as JsonArray;
        if (userId is null || actions is null)
        {
            return InboundResult.Empty;
        }

        var userName = (string?)user?["username"] ?? (string?)user?["name"];
        var channelId = (string?)payload["channel"]?["id"] ?? (string?)payload["container"]?["channel_id"];
        var messageTs = (string?)payload["message"]?["ts"] ?? (string?)payload["container"]?["message_ts"];
        var triggerId = (string?)payload["trigger_id"];
        var clicks = actions.OfType<JsonObject>()
            .Select(a => (Id: (string?)a["action_id"], Value: (string?)a["selected_option"]?["value"]))
            .Where(a => a.Id is not null)
            .ToList();
        if (clicks.Count == 0)
        {
            return InboundResult.Empty;
        }

        return new InboundResult(null, () => Enqueue("slack block_actions", async (services, ct) =>
        {
            var actor = await services.GetRequiredService<SlackRoles>().ActorAsync(userId, userName, ct);
            foreach (var (id, value) in clicks)
            {
                if (CaseActionId.TryParse(id, "edit", actor, out var edit) && edit.Kind == CaseActionKind.EditReply)
                {
                    await OpenEditModalAsync(services, edit, id!, triggerId, channelId, messageTs, ct);
                    continue;
                }

                if (!CaseActionId.TryParse(id, value, actor, out var action))
                {
                    LogUnknownAction(id!);
                    continue;
                }

                await ApplyAsync(services, action, channelId, messageTs, ct);
            }
        }, channelId, userId));
    }

    private InboundResult ViewSubmission(JsonObject payload)
    {
        var view = payload["view"] as JsonObject;
        if ((string?)view?["callback_id"] != BlockKit.EditReplyCallbackId)
        {
            return InboundResult.Empty;
        }

        var userId = (string?)payload["user"]?["id"];
        var userName = (string?)payload["user"]?["username"] ?? (string?)payload["user"]?["name"];
        var text = (string?)view?["state"]?["values"]?[BlockKit.EditReplyBlockId]?[BlockKit.EditReplyActionId]?["value"];
        var meta = EditMetadata.Parse((string?)view?["private_metadata"]);
        if (string.IsNullOrWhiteSpace(text))
        {
            // Keeps the modal open with the error under the input.
            return new InboundResult(new JsonObject
            {
                ["response_action"] = "errors",
                ["errors"] = new JsonObject { [BlockKit.EditReplyBlockId] = "The reply cannot be empty." },
            }, null);
        }

        if (userId is null || meta is null)
        {
            return InboundResult.Empty;
        }

        return new InboundResult(null, () => Enqueue("slack view_submission", async (services, ct) =>
        {
            var actor = await services.GetRequiredService<SlackRoles>().ActorAsync(userId, userName, ct);
            if (CaseActionId.TryParse(meta.ActionId, text, actor, out var action) && action.Kind == CaseActionKind.EditReply)
            {
                await ApplyAsync(services, action, meta.Channel, meta.MessageTs, ct);
            }
        }, meta.Channel, userId));
    }

    private async Task ApplyAsync(IServiceProvider services, CaseAction action, string? channelId, string? messageTs, CancellationToken cancellationToken)
    {
        var result = await services.GetRequiredService<CaseService>().ApplyAsync(action, cancellationToken);
        if (!result.Succeeded)
        {
            await TellAsync(channelId, action.Actor.UserId, result.Message, cancellationToken);
            return;
        }

        // The card update is already in the outbox (same transaction as the change): wake it now.
        services.GetRequiredService<OutboxSignal>().Notify();
        if (channelId is not null && messageTs is not null)
        {
            try
            {
                // The case history, as a thread under the card.
                await platform.PostReplyAsync(new ChatAddress("slack", channelId), new Reply(result.Message), messageTs, cancellationToken);
            }
            catch (SlackApiException ex)
            {
                LogHistoryFailed(action.CaseId, ex.Error);
            }
        }
    }

    private async Task OpenEditModalAsync(IServiceProvider services, CaseAction edit, string actionId, string? triggerId, string? channelId, string? messageTs, CancellationToken cancellationToken)
    {
        if (!AccessPolicy.CanAct(edit.Actor, CaseActionKind.EditReply))
        {
            await TellAsync(channelId, edit.Actor.UserId, $"{edit.Actor.DisplayName}, you need the agent or lead role to do that.", cancellationToken);
            return;
        }

        var current = await services.GetRequiredService<ICaseStore>().GetCaseAsync(edit.CaseId, cancellationToken);
        if (current is null || triggerId is null)
        {
            await TellAsync(channelId, edit.Actor.UserId, $"There is no case #{edit.CaseId}.", cancellationToken);
            return;
        }

        var view = BlockKit.EditReplyModal(actionId, current.Id, current.SuggestedReply);
        view["private_metadata"] = new EditMetadata(actionId, channelId, messageTs).ToJson();
        await api.CallAsync("views.open", new JsonObject { ["trigger_id"] = triggerId, ["view"] = view }, cancellationToken);
    }

    private async Task TellAsync(string? channelId, string userId, string message, CancellationToken cancellationToken)
    {
        if (channelId is null)
        {
            LogCannotTell(userId);
            return;
        }

        await platform.PostEphemeralAsync(channelId, userId, new Reply(message, Ephemeral: true), cancellationToken);
    }

    private void Enqueue(string description, InteractionWork work, string? channelId, string userId)
    {
        if (!queue.TryEnqueue(description, work))
        {
            LogQueueFull(description);
            if (channelId is not null)
            {
                _ = TellBusyAsync(channelId, userId);
            }
        }
    }

    private async Task TellBusyAsync(string channelId, string userId)
    {
        try
        {
            await platform.PostEphemeralAsync(channelId, userId, new Reply(BusyText, Ephemeral: true), CancellationToken.None);
        }
        catch (Exception ex) when (ex is SlackApiException or HttpRequestException or OperationCanceledException)
        {
            LogCannotTell(userId);
        }
    }

    /// <summary>A message for an acknowledgement or a response_url: fallback text, blocks, and who sees it.</summary>
    internal static JsonObject ResponseMessage(Reply reply) => new()
    {
        ["response_type"] = reply.Ephemeral ? "ephemeral" : "in_channel",
        ["text"] = BlockKit.Fallback(reply),
        ["blocks"] = BlockKit.RenderReply(reply),
    };

    /// <summary>What the edit modal carries between opening and submit: the action id and where the card is.</summary>
    private sealed record EditMetadata(string ActionId, string? Channel, string? MessageTs)
    {
        public string ToJson() => new JsonObject { ["a"] = ActionId, ["c"] = Channel, ["t"] = MessageTs }.ToJsonString();

        public static EditMetadata? Parse(string? json)
        {
            try
            {
                return json is not null && JsonNode.Parse(json) is JsonObject o && (string?)o["a"] is { } a
                    ? new EditMetadata(a, (string?)o["c"], (string?)o["t"])
                    : null;
            }
            catch (Exception ex) when (ex is JsonException or InvalidOperationException or FormatException)
            {
                return null;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Slack event {EventType} acknowledged and ignored")]
    private partial void LogEventIgnored(string eventType);

    [LoggerMessage(Level = LogLevel.Information, Message = "Slack command {Command} took longer than the acknowledgement budget; answering via response_url")]
    private partial void LogCommandSlow(string command);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Slack action id {ActionId} is not a case action; ignored")]
    private partial void LogUnknownAction(string actionId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Posting the history of case {CaseId} to its Slack thread failed: {Error}")]
    private partial void LogHistoryFailed(long caseId, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Cannot tell Slack user {UserId} the outcome: no channel in the payload")]
    private partial void LogCannotTell(string userId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The interaction queue is full; {Description} was dropped and the user asked to retry")]
    private partial void LogQueueFull(string description);
}
