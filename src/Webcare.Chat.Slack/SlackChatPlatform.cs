using System.Globalization;
using System.Text.Json.Nodes;
using Webcare.Core.Chat;

namespace Webcare.Chat.Slack;

/// <summary>
/// Slack's outgoing side: the outbox posts and updates case cards through it. A message id is the
/// message's <c>ts</c> (the channel is in the address). Idempotency stays with the outbox (chat_posts).
/// </summary>
public sealed class SlackChatPlatform(SlackApiClient api) : IChatPlatform
{
    public string Platform => "slack";

    public async Task<string> PostCardAsync(ChatAddress channel, Card card, string idempotencyKey, CancellationToken cancellationToken)
    {
        var body = Message(channel.Channel, BlockKit.Fallback(card), BlockKit.RenderCard(card));
        body["metadata"] = new JsonObject
        {
            ["event_type"] = "webcare_case",
            ["event_payload"] = new JsonObject { ["case_id"] = card.CaseId, ["idempotency_key"] = idempotencyKey },
        };
        var response = await api.CallAsync("chat.postMessage", body, cancellationToken);
        return TsOf(response, "chat.postMessage");
    }

    public async Task UpdateCardAsync(ChatAddress channel, string messageId, Card card, CancellationToken cancellationToken)
    {
        var body = Message(channel.Channel, BlockKit.Fallback(card), BlockKit.RenderCard(card));
        body["ts"] = messageId;
        await api.CallAsync("chat.update", body, cancellationToken);
    }

    public async Task<string> PostReplyAsync(ChatAddress channel, Reply reply, string? threadMessageId, CancellationToken cancellationToken)
    {
        string? ts = null;
        if (reply.Text.Length > 0 || reply.Card is not null || reply.FilesOrEmpty.Count == 0)
        {
            var body = Message(channel.Channel, BlockKit.Fallback(reply), BlockKit.RenderReply(reply));
            if (threadMessageId is not null)
            {
                body["thread_ts"] = threadMessageId;
            }

            ts = TsOf(await api.CallAsync("chat.postMessage", body, cancellationToken), "chat.postMessage");
        }

        foreach (var file in reply.FilesOrEmpty)
        {
            await UploadFileAsync(channel.Channel, file, threadMessageId ?? ts, cancellationToken);
        }

        return ts ?? threadMessageId ?? string.Empty;
    }

    /// <summary>An answer only <paramref name="userId"/> sees (refusals, confirmations).</summary>
    public Task PostEphemeralAsync(string channel, string userId, Reply reply, CancellationToken cancellationToken)
    {
        var body = Message(channel, BlockKit.Fallback(reply), BlockKit.RenderReply(reply));
        body["user"] = userId;
        return api.CallAsync("chat.postEphemeral", body, cancellationToken);
    }

    /// <summary>The three-step external upload: get a URL, send the bytes, complete into the channel.</summary>
    public async Task UploadFileAsync(string channel, ReplyFile file, string? threadTs, CancellationToken cancellationToken)
    {
        var fields = new Dictionary<string, string>
        {
            ["filename"] = SlackText.Fit(file.FileName, 255),
            ["length"] = file.Content.Length.ToString(CultureInfo.InvariantCulture),
        };
        if (file.Title is not null)
        {
            fields["alt_txt"] = SlackText.Escape(file.Title, 1000);
        }

        var ticket = await api.CallFormAsync("files.getUploadURLExternal", fields, cancellationToken);
        var uploadUrl = new Uri((string?)ticket.Body["upload_url"] ?? throw new SlackApiException("files.getUploadURLExternal", "no upload_url"));
        var fileId = (string?)ticket.Body["file_id"] ?? throw new SlackApiException("files.getUploadURLExternal", "no file_id");
        await api.UploadAsync(uploadUrl, file.Content, file.ContentType, cancellationToken);
        var complete = new JsonObject
        {
            ["files"] = new JsonArray(new JsonObject { ["id"] = fileId, ["title"] = SlackText.Escape(file.Title ?? file.FileName, 250) }),
            ["channel_id"] = channel,
        };
        if (threadTs is not null)
        {
            complete["thread_ts"] = threadTs;
        }

        await api.CallAsync("files.completeUploadExternal", complete, cancellationToken);
    }

    /// <summary>
    /// Every message: fallback text beside the blocks, <c>parse:none</c> (chat.update would otherwise default
    /// to client parsing) and never <c>link_names</c>, so nothing a customer wrote can ping the channel.
    /// </summary>
    internal static JsonObject Message(string channel, string fallback, JsonArray blocks) => new()
    {
        ["channel"] = channel,
        ["text"] = fallback.Length == 0 ? "Webcare" : fallback,
        ["blocks"] = blocks,
        ["parse"] = "none",
        ["unfurl_links"] = false,
        ["unfurl_media"] = false,
    };

    private static string TsOf(SlackApiResponse response, string method) =>
        (string?)response.Body["ts"] ?? throw new SlackApiException(method, "no ts in the answer");
}
