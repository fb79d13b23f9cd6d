using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using Webcare.Core.Chat;

namespace Webcare.Chat.Discord.Rest;

/// <summary>The REST calls the bot makes, each with its route template and major parameter for the rate limiter.</summary>
internal sealed class DiscordApi(DiscordRestClient rest, IOptions<DiscordOptions> options)
{
    private string ApplicationId => options.Value.ApplicationId!;

    public async Task<GatewayInfo> GetGatewayBotAsync(CancellationToken cancellationToken)
    {
        var json = await rest.SendAsync(new DiscordRequest(HttpMethod.Get, "gateway/bot", "gateway", "gateway/bot"), cancellationToken)
            ?? throw new InvalidOperationException("Discord answered GET /gateway/bot with an empty body.");
        var limit = json["session_start_limit"];
        return new GatewayInfo(
            (string?)json["url"] ?? throw new InvalidOperationException("GET /gateway/bot returned no url."),
            (int?)limit?["remaining"] ?? 1,
            TimeSpan.FromMilliseconds((double?)limit?["reset_after"] ?? 0),
            Math.Max(1, (int?)limit?["max_concurrency"] ?? 1));
    }

    /// <summary>Replaces the whole command set (guild-scoped when a guild id is configured: instant; global otherwise).</summary>
    public async Task<string> OverwriteCommandsAsync(JsonArray commands, CancellationToken cancellationToken)
    {
        var guild = options.Value.GuildId;
        var (route, path) = string.IsNullOrWhiteSpace(guild)
            ? ("applications/{application_id}/commands", $"applications/{ApplicationId}/commands")
            : ("applications/{application_id}/guilds/{guild_id}/commands", $"applications/{ApplicationId}/guilds/{guild}/commands");
        await rest.SendAsync(new DiscordRequest(HttpMethod.Put, route, "application:" + ApplicationId, path, commands), cancellationToken);
        return path;
    }

    public async Task<string> CreateMessageAsync(string channelId, JsonObject message, IReadOnlyList<ReplyFile>? files, CancellationToken cancellationToken)
    {
        var json = await rest.SendAsync(
            new DiscordRequest(HttpMethod.Post, "channels/{channel_id}/messages", "channel:" + channelId, $"channels/{channelId}/messages", message, files),
            cancellationToken);
        return (string?)json?["id"] ?? throw new InvalidOperationException("Discord created a message but returned no id.");
    }

    public Task EditMessageAsync(string channelId, string messageId, JsonObject message, CancellationToken cancellationToken) =>
        rest.SendAsync(
            new DiscordRequest(HttpMethod.Patch, "channels/{channel_id}/messages/{message_id}", "channel:" + channelId, $"channels/{channelId}/messages/{messageId}", message),
            cancellationToken);

    public Task RespondAsync(string interactionId, string token, int type, JsonObject? data, IReadOnlyList<ReplyFile>? files, CancellationToken cancellationToken)
    {
        var body = new JsonObject { ["type"] = type };
        if (data is not null)
        {
            body["data"] = data;
        }

        return rest.SendAsync(
            new DiscordRequest(HttpMethod.Post, "interactions/{interaction_id}/{token}/callback", "interaction:" + interactionId,
                $"interactions/{interactionId}/{token}/callback", body, files, InteractionEndpoint: true),
            cancellationToken);
    }

    public Task EditOriginalAsync(string token, JsonObject message, IReadOnlyList<ReplyFile>? files, CancellationToken cancellationToken) =>
        rest.SendAsync(
            new DiscordRequest(HttpMethod.Patch, "webhooks/{application_id}/{token}/messages/@original", "webhook:" + ApplicationId + ":" + token,
                $"webhooks/{ApplicationId}/{token}/messages/@original", message, files, InteractionEndpoint: true),
            cancellationToken);

    public Task DeleteOriginalAsync(string token, CancellationToken cancellationToken) =>
        rest.SendAsync(
            new DiscordRequest(HttpMethod.Delete, "webhooks/{application_id}/{token}/messages/@original", "webhook:" + ApplicationId + ":" + token,
                $"webhooks/{ApplicationId}/{token}/messages/@original", InteractionEndpoint: true),
            cancellationToken);

    public Task FollowUpAsync(string token, JsonObject message, IReadOnlyList<ReplyFile>? files, CancellationToken cancellationToken) =>
        rest.SendAsync(
            new DiscordRequest(HttpMethod.Post, "webhooks/{application_id}/{token}", "webhook:" + ApplicationId + ":" + token,
                $"webhooks/{ApplicationId}/{token}", message, files, InteractionEndpoint: true),
            cancellationToken);
}

internal sealed record GatewayInfo(string Url, int SessionStartsRemaining, TimeSpan SessionStartResetAfter, int MaxConcurrency)
{
    /// <summary>Always names the version and encoding explicitly.</summary>
    public static string WithQuery(string url) => new UriBuilder(url) { Query = "v=10&encoding=json" }.Uri.AbsoluteUri;
}
