using System.Globalization;
using System.Text.Json;
using Webcare.Core.Mentions;
using Webcare.Sources.Http;
using Webcare.Sources.Json;

namespace Webcare.Sources.Webhook;

/// <summary>Turns webhook bodies into mentions; each method returns null on success or one line saying what is wrong.</summary>
public static class WebhookPayloads
{
    /// <summary>Our documented mention format: one object or an array of them.</summary>
    public static string? TryParseMentions(JsonElement root, string sourceName, DateTimeOffset now, out List<Mention> mentions)
    {
        mentions = [];
        var items = root.ValueKind switch
        {
            JsonValueKind.Object => [root],
            JsonValueKind.Array => root.EnumerateArray().ToList(),
            _ => null,
        };
        if (items is null)
        {
            return "the body must be a mention object or an array of them";
        }

        if (items.Count == 0)
        {
            return "the batch is empty";
        }

        for (var i = 0; i < items.Count; i++)
        {
            if (!MentionJson.TryParse(items[i], sourceName, now, out var mention, out var error))
            {
                return root.ValueKind == JsonValueKind.Array ? $"item {i}: {error}" : error;
            }

            mentions.Add(mention);
        }

        return null;
    }

    /// <summary>
    /// Trustpilot's service-review webhook: <c>{"events":[{"eventName":"service-review-created","version":"1.0","eventData":{"id","stars","title","text","language","createdAt","link","consumer":{"id","name"}}}]}</c>.
    /// Created and updated reviews become mentions (an update is an edit of the same case); deletions are ignored.
    /// </summary>
    public static string? TryParseTrustpilot(JsonElement root, string sourceName, DateTimeOffset now, out List<Mention> mentions)
    {
        mentions = [];
        if (root.ValueKind != JsonValueKind.Object || root.Prop("events") is not { ValueKind: JsonValueKind.Array } events)
        {
            return "a Trustpilot webhook body must be an object with an 'events' array";
        }

        var index = 0;
        foreach (var item in events.EnumerateArray())
        {
            var eventName = item.Str("eventName") ?? string.Empty;
            var data = item.Prop("eventData");
            if (data is not { ValueKind: JsonValueKind.Object } review)
            {
                return $"events[{index}]: 'eventData' is missing";
            }

            index++;
            if (!eventName.StartsWith("service-review-", StringComparison.Ordinal) || eventName.EndsWith("-deleted", StringComparison.Ordinal))
            {
                continue;
            }

            var id = review.Str("id");
            var text = review.Str("text");
            if (string.IsNullOrEmpty(id) || text is null)
            {
                return $"events[{index - 1}]: eventData needs 'id' and 'text'";
            }

            var title = review.Str("title");
            var stars = review.Int("stars");
            var consumer = review.Prop("consumer");
            var name = consumer.Str("name") ?? "Trustpilot reviewer";
            var prefix = stars is { } s ? string.Create(CultureInfo.InvariantCulture, $"{s}/5 stars. ") : string.Empty;
            mentions.Add(new Mention(
                sourceName,
                id,
                "trustpilot",
                new Author(consumer.Str("id") ?? name, name, null),
                prefix + (string.IsNullOrWhiteSpace(title) ? text : title + "\n" + text),
                review.Str("link"),
                review.Time("createdAt") ?? now,
                Engagement.None,
                LanguageHint: review.Str("language")));
        }

        return mentions.Count == 0 && index == 0 ? "the 'events' array is empty" : null;
    }
}
