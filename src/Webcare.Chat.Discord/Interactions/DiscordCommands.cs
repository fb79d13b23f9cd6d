using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Webcare.Chat.Discord.Interactions;

/// <summary>
/// The <c>/webcare</c> command and its subcommands as Discord sees them, and the way back: the chosen
/// subcommand and its options become the same text a Slack or console user would type.
/// </summary>
internal static class DiscordCommands
{
    public const string Name = "webcare";

    private static readonly (string Name, string Description, Option[] Options)[] Subcommands =
    [
        ("summary", "Volume, negatives, open cases and where complaints began", [Period(), Brand()]),
        ("open", "Open cases, oldest first", [Brand()]),
        ("origins", "Where complaints began: store, phone, online", [Period(), Brand()]),
        ("rootcauses", "Top root causes", [Period(), Brand()]),
        ("case", "One case with its history", [new Option("id", "Case number", 4, Required: true)]),
        ("digest", "The weekly digest with its chart", [Period()]),
        ("sources", "Health of the mention sources", []),
        ("help", "What the bot can do", []),
    ];

    /// <summary>The bulk-overwrite body: one chat-input command with subcommands.</summary>
    public static JsonArray Definition() =>
    [
        new JsonObject
        {
            ["name"] = Name,
            ["type"] = 1,
            ["description"] = "Webcare: cases, summaries and where complaints began",
            ["contexts"] = new JsonArray(0),
            ["options"] = new JsonArray(Subcommands.Select(s => (JsonNode)new JsonObject
            {
                ["type"] = 1,
                ["name"] = s.Name,
                ["description"] = s.Description,
                ["options"] = new JsonArray(s.Options.Select(o => (JsonNode)o.ToJson()).ToArray()),
            }).ToArray()),
        },
    ];

    /// <summary>"summary week Huiskes" from the subcommand and its options; false for another command.</summary>
    public static bool TryReadText(JsonElement data, out string text)
    {
        text = string.Empty;
        if (!data.TryGetProperty("name", out var name) || name.GetString() != Name
            || !data.TryGetProperty("options", out var options) || options.ValueKind != JsonValueKind.Array || options.GetArrayLength() == 0)
        {
            return false;
        }

        var sub = options[0];
        var subName = sub.GetProperty("name").GetString() ?? "help";
        var words = new StringBuilder(subName);
        var declared = Subcommands.FirstOrDefault(s => s.Name == subName).Options ?? [];
        var given = sub.TryGetProperty("options", out var subOptions) && subOptions.ValueKind == JsonValueKind.Array
            ? subOptions.EnumerateArray().ToDictionary(o => o.GetProperty("name").GetString() ?? string.Empty, o => o.GetProperty("value"))
            : [];
        // The declared order, so the words match what the command handlers expect positionally.
        foreach (var option in declared)
        {
            if (given.TryGetValue(option.Name, out var value))
            {
                words.Append(' ').Append(value.ValueKind == JsonValueKind.String ? value.GetString() : value.GetRawText());
            }
            else if (option.Name == "period" && declared.Any(o => o.Name == "brand") && given.ContainsKey("brand"))
            {
                words.Append(" today"); // A brand without a period: the handlers read the period first.
            }
        }

        text = words.ToString();
        return true;
    }

    private static Option Period() => new("period", "today, week or month", 3, Choices: ["today", "week", "month"]);

    private static Option Brand() => new("brand", "Only this brand", 3);

    private sealed record Option(string Name, string Description, int Type, bool Required = false, string[]? Choices = null)
    {
        public JsonObject ToJson()
        {
            var json = new JsonObject { ["type"] = Type, ["name"] = Name, ["description"] = Description, ["required"] = Required };
            if (Choices is not null)
            {
                json["choices"] = new JsonArray(Choices.Select(c => (JsonNode)new JsonObject { ["name"] = c, ["value"] = c }).ToArray());
            }

            return json;
        }
    }
}
