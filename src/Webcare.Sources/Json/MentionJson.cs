using System.Globalization;
using System.Text.Json;
using Webcare.Core.Mentions;

namespace Webcare.Sources.Json;

/// <summary>
/// Our documented JSON mention format (the replay file and the webhook ingest use it):
/// <c>{"id","network","author":{"handle","name","followers"},"text","url","postedAt","likes","reposts","replies","inReplyTo","lang"}</c>.
/// Only <c>id</c>, <c>author.handle</c> and <c>text</c> are required. Unknown fields are ignored.
/// </summary>
public static class MentionJson
{
    public const int MaxTextLength = 100_000;

    public static bool TryParse(JsonElement json, string sourceName, DateTimeOffset receivedAt, out Mention mention, out string error)
    {
        mention = null!;
        if (json.ValueKind != JsonValueKind.Object)
        {
            error = "a mention must be a JSON object";
            return false;
        }

        var id = String(json, "id");
        var text = String(json, "text");
        var author = json.TryGetProperty("author", out var a) && a.ValueKind == JsonValueKind.Object ? a : default;
        var handle = author.ValueKind == JsonValueKind.Object ? String(author, "handle") : null;
        error = id is null or { Length: 0 } ? "'id' is missing or empty"
            : id.Length > 200 ? "'id' is longer than 200 characters"
            : text is null ? "'text' is missing"
            : text.Length > MaxTextLength ? $"'text' is longer than {MaxTextLength} characters"
            : handle is null or { Length: 0 } ? "'author.handle' is missing or empty"
            : string.Empty;
        if (error.Length > 0)
        {
            return false;
        }

        var postedAt = receivedAt;
        if (String(json, "postedAt") is { } posted && !DateTimeOffset.TryParse(posted, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out postedAt))
        {
            error = $"'postedAt' value '{posted}' is not an ISO 8601 time";
            return false;
        }

        mention = new Mention(
            sourceName,
            id!,
            String(json, "network") ?? "webhook",
            new Author(handle!.TrimStart('@'), String(author, "name"), Int(author, "followers")),
            text!,
            String(json, "url"),
            postedAt,
            new Engagement(Int(json, "likes") ?? 0, Int(json, "reposts") ?? 0, Int(json, "replies") ?? 0),
            String(json, "inReplyTo"),
            String(json, "lang"));
        return true;
    }

    private static string? String(JsonElement json, string name) =>
        json.ValueKind == JsonValueKind.Object && json.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    private static int? Int(JsonElement json, string name) =>
        json.ValueKind == JsonValueKind.Object && json.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number
            && value.TryGetInt64(out var number)
            ? (int)Math.Clamp(number, 0, int.MaxValue)
            : null;
}
