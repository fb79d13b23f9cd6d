using System.Text.Json.Nodes;
using Webcare.Core.Chat;
using Webcare.Core.Triage;

namespace Webcare.Chat.Discord.Rendering;

/// <summary>
/// Renders the chat-neutral <see cref="Card"/> and <see cref="Reply"/> into Discord message JSON:
/// an embed plus legacy components. Every text from outside the bot goes through <see cref="DiscordText"/>,
/// and every message carries <c>allowed_mentions: {"parse": []}</c>.
/// </summary>
public static class DiscordMessages
{
    public const int EphemeralFlag = 64;

    /// <summary>The message body for a card (create or edit).</summary>
    public static JsonObject Card(Card card)
    {
        var message = Base();
        message["embeds"] = new JsonArray(Embed(card));
        message["components"] = Components(card);
        return message;
    }

    /// <summary>The message body for a command answer or notice; files are attached by the caller.</summary>
    public static JsonObject Reply(Reply reply, bool allowEphemeral)
    {
        var message = Base();
        message["content"] = DiscordText.EscapeAndFit(reply.Text, DiscordLimits.Content);
        if (reply.Card is not null)
        {
            message["embeds"] = new JsonArray(Embed(reply.Card));
            message["components"] = Components(reply.Card);
        }

        if (reply.Ephemeral && allowEphemeral)
        {
            message["flags"] = EphemeralFlag;
        }

        var files = reply.FilesOrEmpty;
        if (files.Count > 0)
        {
            message["attachments"] = new JsonArray(files.Select((f, i) => (JsonNode)new JsonObject
            {
                ["id"] = i,
                ["filename"] = SafeFileName(f.FileName, i),
                ["description"] = DiscordText.Fit(f.Title ?? f.FileName, 1024),
            }).ToArray());
        }

        return message;
    }

    /// <summary>A short text-only message (refusals, errors), escaped.</summary>
    public static JsonObject Notice(string text, bool ephemeral)
    {
        var message = Base();
        message["content"] = DiscordText.EscapeAndFit(text, DiscordLimits.Content);
        if (ephemeral)
        {
            message["flags"] = EphemeralFlag;
        }

        return message;
    }

    /// <summary>The "Edit reply" modal: one paragraph input pre-filled with the current suggested reply.</summary>
    public static JsonObject EditReplyModal(string customId, long caseId, string suggestedReply) => new()
    {
        ["custom_id"] = customId,
        ["title"] = DiscordText.Fit($"Edit reply · case #{caseId}", DiscordLimits.ModalTitle),
        ["components"] = new JsonArray(new JsonObject
        {
            ["type"] = 18, // Label
            ["label"] = "Suggested reply",
            ["component"] = new JsonObject
            {
                ["type"] = 4, // Text input
                ["custom_id"] = "reply",
                ["style"] = 2, // Paragraph
                ["min_length"] = 1,
                ["max_length"] = DiscordLimits.TextInputValue,
                ["required"] = true,
                // A text input is not markdown: the agent edits the raw reply, so it is not escaped, only cut.
                ["value"] = DiscordText.Fit(suggestedReply, DiscordLimits.TextInputValue),
            },
        }),
    };

    public static string SafeFileName(string name, int index)
    {
        var clean = new string(name.Where(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_').ToArray());
        return clean.Length == 0 || clean.Trim('.').Length == 0 ? $"file{index}" : DiscordText.Fit(clean, 100);
    }

    private static JsonObject Base() => new()
    {
        ["allowed_mentions"] = new JsonObject { ["parse"] = new JsonArray() },
    };

    internal static JsonObject Embed(Card card)
    {
        var embed = new JsonObject
        {
            ["type"] = "rich",
            ["title"] = DiscordText.EscapeAndFit(card.Title, DiscordLimits.EmbedTitle),
            ["color"] = ColorOf(card),
        };
        if (SafeUrl(card.Link) is { } url)
        {
            embed["url"] = url;
        }

        var fields = new JsonArray();
        var budget = DiscordLimits.EmbedTotal - ((string)embed["title"]!).Length;
        void AddField(string name, string? value, bool inline, int maxValue = DiscordLimits.FieldValue)
        {
            if (fields.Count >= DiscordLimits.EmbedFields || string.IsNullOrWhiteSpace(value))
            {
                return;
            }

            var n = DiscordText.EscapeAndFit(name, DiscordLimits.FieldName);
            var v = DiscordText.EscapeAndFit(value, Math.Min(maxValue, budget - n.Length - 200));
            if (v.Length == 0)
            {
                return;
            }

            budget -= n.Length + v.Length;
            fields.Add(new JsonObject { ["name"] = n, ["value"] = v, ["inline"] = inline });
        }

        if (card.Status is not null)
        {
            AddField("State", card.Status, inline: false);
        }

        foreach (var field in card.Fields)
        {
            AddField(field.Label == "Age" ? "SLA · age" : field.Label, field.Value, field.Inline);
        }

        AddField("Why flagged", card.Why, inline: false);
        AddField("Suggested reply", card.SuggestedReply, inline: false);
        if (fields.Count > 0)
        {
            embed["fields"] = fields;
        }

        var footer = card.Footer ?? (card.CaseId is { } id ? $"Case #{id}" : null);
        if (footer is not null)
        {
            var text = DiscordText.EscapeAndFit(footer, Math.Min(DiscordLimits.FooterText, Math.Max(budget - 100, 1)));
            budget -= text.Length;
            embed["footer"] = new JsonObject { ["text"] = text };
        }

        if (card.CustomerText is not null)
        {
            // The description takes what is left of the 6,000-character embed budget.
            embed["description"] = DiscordText.EscapeAndFit(card.CustomerText, Math.Clamp(budget, 1, DiscordLimits.EmbedDescription));
        }

        return embed;
    }

    internal static JsonArray Components(Card card)
    {
        var rows = new JsonArray();
        var buttons = card.ActionsOrEmpty.Where(a => !a.IsSelect && a.Id.Length <= DiscordLimits.CustomId).ToList();
        foreach (var chunk in buttons.Chunk(DiscordLimits.ButtonsPerRow))
        {
            if (rows.Count >= DiscordLimits.ActionRows)
            {
                break;
            }

            rows.Add(Row(chunk.Select(a => (JsonNode)new JsonObject
            {
                ["type"] = 2,
                ["style"] = a.Style switch
                {
                    CardActionStyle.Primary => 1,
                    CardActionStyle.Danger => 4,
                    _ => 2,
                },
                ["label"] = DiscordText.Fit(a.Label, DiscordLimits.ButtonLabel),
                ["custom_id"] = a.Id,
            }).ToArray()));
        }

        foreach (var select in card.ActionsOrEmpty.Where(a => a.IsSelect && a.Id.Length <= DiscordLimits.CustomId))
        {
            if (rows.Count >= DiscordLimits.ActionRows)
            {
                break;
            }

            var options = select.Options!.Take(DiscordLimits.SelectOptions).Select(o => (JsonNode)new JsonObject
            {
                ["label"] = DiscordText.Fit(o.Label, DiscordLimits.SelectOptionText),
                ["value"] = DiscordText.Fit(o.Value, DiscordLimits.SelectOptionText),
                ["default"] = o.Value == select.SelectedValue,
            }).ToArray();
            if (options.Length == 0)
            {
                continue;
            }

            rows.Add(Row(new JsonObject
            {
                ["type"] = 3,
                ["custom_id"] = select.Id,
                ["placeholder"] = DiscordText.Fit(select.Label, DiscordLimits.SelectPlaceholder),
                ["min_values"] = 1,
                ["max_values"] = 1,
                ["options"] = new JsonArray(options),
            }));
        }

        return rows;
    }

    private static JsonObject Row(params JsonNode[] components) => new() { ["type"] = 1, ["components"] = new JsonArray(components) };

    private static int ColorOf(Card card) => card.Tone == CardTone.Good
        ? 0x2EB67D
        : card.Priority switch
        {
            Priority.P1 => 0xE01E5A,
            Priority.P2 => 0xF2812B,
            Priority.P3 => 0xECB22E,
            Priority.P4 => 0x99AAB5,
            _ => card.Tone switch
            {
                CardTone.Danger => 0xE01E5A,
                CardTone.Warning => 0xECB22E,
                _ => 0x99AAB5,
            },
        };

    private static string? SafeUrl(string? link) =>
        link is { Length: <= DiscordLimits.UrlLength }
        && Uri.TryCreate(link, UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
            ? uri.AbsoluteUri
            : null;
}
