using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Webcare.Chat.Discord.Rendering;
using Webcare.Chat.Discord.Tests.Fakes;

namespace Webcare.Chat.Discord.Tests;

/// <summary>
/// Every message the bot sends carries <c>allowed_mentions: {"parse": []}</c>, and every text Discord
/// renders went through <see cref="DiscordText"/>: checked on all request bodies the fake received,
/// with the hostile samples from config/samples/mentions.jsonl.
/// </summary>
public sealed partial class ConventionTests
{
    private const string MarkdownCharacters = "*_~`|>#-[]()\\";

    [Fact]
    public async Task EveryOutgoingMessage_WithHostileCustomerText_SetsAllowedMentionsAndIsEscaped()
    {
        var samples = (await File.ReadAllLinesAsync(Path.Combine(BotHarness.RepoRoot, "config", "samples", "mentions.jsonl")))
            .Where(l => l.Contains("HOSTILE", StringComparison.Ordinal))
            .Select(l => JsonNode.Parse(l)!.AsObject())
            .ToList();
        Assert.Equal(8, samples.Count);
        foreach (var sample in samples)
        {
            // The placeholder triage must flag each one, so every hostile text reaches a card.
            sample["text"] = sample["text"]!.GetValue<string>() + " Terrible, still no answer. #telvio";
            sample["author"]!["name"] = "@everyone **Boss** <@&42>";
        }

        await using var fake = await FakeDiscord.StartAsync();
        await using var bot = await BotHarness.StartAsync(fake, BotHarness.NewDirectory(), samples);
        await bot.WaitForCardsAsync(samples.Count);

        // An agent with a hostile display name claims a card (an edit), and a command answer echoes hostile input.
        var message = fake.Messages[0];
        var claim = DiscordPayloads.Component("case:1:claim", "5001", [BotHarness.AgentRole], message.Id);
        claim["member"]!["user"]!["global_name"] = "@here <@1> __x__";
        await fake.Gateway.DispatchAsync("INTERACTION_CREATE", claim);
        await Eventually.TrueAsync(() => message.Edits.Count >= 1, "card edited");
        var summary = DiscordPayloads.Command("summary", "5001", [BotHarness.AgentRole], ("period", "week"), ("brand", "@everyone <#1> **x**"));
        await fake.Gateway.DispatchAsync("INTERACTION_CREATE", summary);
        await Eventually.TrueAsync(() => CommandAnswer(fake, summary) is not null, "summary answered");

        var messages = fake.Requests.Where(r => r.Json is JsonObject && r.Method is "POST" or "PATCH" && !r.Path.EndsWith("/commands", StringComparison.Ordinal))
            .Select(r => (r.Path, Body: r.Path.EndsWith("/callback", StringComparison.Ordinal) ? r.Json!["data"] : r.Json))
            .Where(m => m.Body is JsonObject)
            .ToList();
        Assert.True(messages.Count >= samples.Count + 2, $"only {messages.Count} messages recorded");
        foreach (var (path, body) in messages)
        {
            var parse = body!["allowed_mentions"]?["parse"] as JsonArray;
            Assert.True(parse is { Count: 0 }, $"{path} lacks allowed_mentions: {{\"parse\": []}}");
            foreach (var text in RenderedTexts(body.AsObject()))
            {
                AssertEscaped(text, path);
            }
        }

        // The card shows each customer's text exactly as the escaping function made it.
        var descriptions = fake.Messages.Select(m => m.Body["embeds"]![0]!["description"]!.GetValue<string>()).ToList();
        foreach (var sample in samples)
        {
            var escaped = DiscordText.Escape(sample["text"]!.GetValue<string>());
            Assert.Contains(descriptions, d => d == escaped || (d.EndsWith(DiscordText.Ellipsis, StringComparison.Ordinal) && escaped.StartsWith(d[..^1], StringComparison.Ordinal)));
        }
    }

    /// <summary>
    /// A command's answer as Discord received it: the data of a type-4 callback, or, when the command outran the
    /// fast-reply window and was deferred, the edit of the original or the follow-up. Null until one arrived.
    /// </summary>
    private static JsonNode? CommandAnswer(FakeDiscord fake, JsonObject interaction)
    {
        var immediate = fake.Callbacks(interaction["id"]!.GetValue<string>())
            .FirstOrDefault(c => c.Json?["type"]?.GetValue<int>() == 4);
        var webhook = $"/webhooks/{BotHarness.ApplicationId}/{interaction["token"]!.GetValue<string>()}";
        var late = fake.Requests.FirstOrDefault(r => r.Method is "POST" or "PATCH" && r.Path.Contains(webhook, StringComparison.Ordinal));
        return immediate?.Json?["data"] ?? late?.Json;
    }

    /// <summary>The strings Discord renders as markdown: content, embed title, description, field names and values, footer.</summary>
    private static IEnumerable<string> RenderedTexts(JsonObject message)
    {
        if (message["content"] is JsonValue content)
        {
            yield return content.GetValue<string>();
        }

        foreach (var embed in (message["embeds"] as JsonArray ?? []).OfType<JsonObject>())
        {
            foreach (var key in new[] { "title", "description" })
            {
                if (embed[key] is JsonValue v)
                {
                    yield return v.GetValue<string>();
                }
            }

            foreach (var field in (embed["fields"] as JsonArray ?? []).OfType<JsonObject>())
            {
                yield return field["name"]!.GetValue<string>();
                yield return field["value"]!.GetValue<string>();
            }

            if (embed["footer"]?["text"] is JsonValue footer)
            {
                yield return footer.GetValue<string>();
            }
        }
    }

    private static void AssertEscaped(string text, string path)
    {
        var unescaped = EscapePair().Replace(text, string.Empty);
        var bad = unescaped.FirstOrDefault(c => MarkdownCharacters.Contains(c, StringComparison.Ordinal));
        Assert.True(bad == default, $"{path}: unescaped '{bad}' in: {text}");
        Assert.False(PingSyntax().IsMatch(text), $"{path}: live mention syntax in: {text}");
    }

    [GeneratedRegex(@"\\.", RegexOptions.Singleline)]
    private static partial Regex EscapePair();

    [GeneratedRegex(@"@(everyone|here)|<[@#/:ta]", RegexOptions.IgnoreCase)]
    private static partial Regex PingSyntax();
}
