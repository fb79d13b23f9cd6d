using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Webcare.Chat.Slack.Tests.Fakes;

/// <summary>
/// What the fake Slack checks in every message: Block Kit limits, a fallback <c>text</c>, no <c>link_names</c>,
/// every mrkdwn object verbatim, and no ping syntax (<c>&lt;!…&gt;</c>, <c>&lt;@…&gt;</c>, <c>&lt;#…&gt;</c>) or broken entity anywhere.
/// </summary>
public static partial class BlockKitValidator
{
    public static IEnumerable<string> ValidateMessage(JsonObject message)
    {
        if (message.ContainsKey("link_names"))
        {
            yield return "link_names was sent";
        }

        if (message["text"] is not JsonValue text || string.IsNullOrWhiteSpace((string?)text))
        {
            yield return "no fallback text";
        }
        else
        {
            foreach (var problem in CheckText("text", (string)text!, 40_000))
            {
                yield return problem;
            }
        }

        var blocks = message["blocks"] as JsonArray;
        if (blocks is null)
        {
            yield break;
        }

        if (blocks.Count > 50)
        {
            yield return $"{blocks.Count} blocks (max 50)";
        }

        foreach (var block in blocks.OfType<JsonObject>())
        {
            foreach (var problem in ValidateBlock(block))
            {
                yield return problem;
            }
        }
    }

    private static IEnumerable<string> ValidateBlock(JsonObject block)
    {
        var type = (string?)block["type"];
        switch (type)
        {
            case "header":
                foreach (var p in TextObject("header", block["text"], 150, plainOnly: true)) yield return p;
                break;
            case "section":
                if (block["text"] is not null)
                {
                    foreach (var p in TextObject("section", block["text"], 3000)) yield return p;
                }

                if (block["fields"] is JsonArray fields)
                {
                    if (fields.Count > 10) yield return "section with more than 10 fields";
                    foreach (var f in fields) foreach (var p in TextObject("field", f, 2000)) yield return p;
                }

                if (block["text"] is null && block["fields"] is null) yield return "empty section";
                break;
            case "context":
                var elements = block["elements"] as JsonArray ?? [];
                if (elements.Count is 0 or > 10) yield return "context with 0 or more than 10 elements";
                foreach (var e in elements) foreach (var p in TextObject("context", e, 3000)) yield return p;
                break;
            case "actions":
                var items = block["elements"] as JsonArray ?? [];
                if (items.Count is 0 or > 25) yield return "actions with 0 or more than 25 elements";
                var ids = new HashSet<string>();
                foreach (var item in items.OfType<JsonObject>())
                {
                    var actionId = (string?)item["action_id"] ?? string.Empty;
                    if (actionId.Length is 0 or > 255) yield return $"action_id length {actionId.Length}";
                    if (!ids.Add(actionId)) yield return "duplicate action_id " + actionId;
                    if ((string?)item["type"] == "button")
                    {
                        foreach (var p in TextObject("button", item["text"], 75, plainOnly: true)) yield return p;
                        if (((string?)item["value"])?.Length > 2000) yield return "button value over 2000";
                    }
                    else if ((string?)item["type"] == "static_select")
                    {
                        var options = item["options"] as JsonArray ?? [];
                        if (options.Count is 0 or > 100) yield return "select with 0 or more than 100 options";
                        foreach (var option in options.OfType<JsonObject>())
                        {
                            foreach (var p in TextObject("option", option["text"], 75, plainOnly: true)) yield return p;
                            if (((string?)option["value"])?.Length is null or 0 or > 150) yield return "option value length";
                        }
                    }
                    else
                    {
                        yield return "unexpected element " + (string?)item["type"];
                    }
                }

                break;
            default:
                yield return "unexpected block type " + type;
                break;
        }
    }

    private static IEnumerable<string> TextObject(string where, JsonNode? node, int max, bool plainOnly = false)
    {
        if (node is not JsonObject text || (string?)text["text"] is not { } value)
        {
            yield return where + ": missing text object";
            yield break;
        }

        var type = (string?)text["type"];
        if (plainOnly && type != "plain_text")
        {
            yield return where + ": must be plain_text";
        }

        if (type == "mrkdwn" && (bool?)text["verbatim"] != true)
        {
            yield return where + ": mrkdwn without verbatim:true";
        }

        foreach (var p in CheckText(where, value, max))
        {
            yield return p;
        }
    }

    private static IEnumerable<string> CheckText(string where, string value, int max)
    {
        if (value.Length is 0 || value.Length > max)
        {
            yield return $"{where}: length {value.Length} (1-{max})";
        }

        // The only '<' Slack may see is our own link to the post; everything a customer wrote is &lt;.
        foreach (Match m in AngleBracket().Matches(value))
        {
            if (!value.AsSpan(m.Index).StartsWith("<http", StringComparison.Ordinal))
            {
                yield return $"{where}: unescaped control syntax at {m.Index}: {value.Substring(m.Index, Math.Min(20, value.Length - m.Index))}";
            }
        }

        if (value.Contains('>', StringComparison.Ordinal) && !value.Contains("<http", StringComparison.Ordinal))
        {
            yield return $"{where}: unescaped '>'";
        }

        foreach (Match m in Ampersand().Matches(value))
        {
            yield return $"{where}: broken entity at {m.Index}";
        }

        for (var i = 0; i < value.Length; i++)
        {
            if (char.IsHighSurrogate(value[i]) ? i + 1 >= value.Length || !char.IsLowSurrogate(value[++i]) : char.IsLowSurrogate(value[i]))
            {
                yield return $"{where}: lone surrogate at {i}";
            }
        }
    }

    [GeneratedRegex("<")]
    private static partial Regex AngleBracket();

    [GeneratedRegex("&(?!amp;|lt;|gt;)")]
    private static partial Regex Ampersand();
}
