using System.Text.Json.Nodes;
using Webcare.Core.Chat;

namespace Webcare.Chat.Slack;

/// <summary>
/// Renders the neutral <see cref="Card"/> and <see cref="Reply"/> into Block Kit. Every text goes
/// through <see cref="SlackText.Escape"/>; every mrkdwn object is <c>verbatim</c>; every limit is enforced here.
/// </summary>
public static class BlockKit
{
    public const int MaxBlocks = 50;
    public const int MaxSectionText = 3000;
    public const int MaxFieldText = 2000;
    public const int MaxFields = 10;
    public const int MaxHeaderText = 150;
    public const int MaxButtonText = 75;
    public const int MaxButtonValue = 2000;
    public const int MaxActionId = 255;
    public const int MaxOptionText = 75;
    public const int MaxOptionValue = 150;
    public const int MaxOptions = 100;
    public const int MaxActionsElements = 25;
    public const int MaxContextElements = 10;
    public const int MaxFallbackText = 3000;
    public const int MaxModalInput = 3000;
    public const string EditReplyCallbackId = "webcare_edit_reply";
    public const string EditReplyBlockId = "reply";
    public const string EditReplyActionId = "text";

    public static JsonObject PlainText(string? raw, int max) => new() { ["type"] = "plain_text", ["text"] = NonEmpty(SlackText.Escape(raw, max)), ["emoji"] = true };

    /// <summary>mrkdwn with auto-linking off, so a customer's "@everyone" or "#general" stays text.</summary>
    public static JsonObject Mrkdwn(string escaped) => new() { ["type"] = "mrkdwn", ["text"] = NonEmpty(escaped), ["verbatim"] = true };

    /// <summary>The card's blocks: header, status, fields, customer text with link, why-flagged, suggested reply, actions.</summary>
    public static JsonArray RenderCard(Card card)
    {
        var blocks = new List<JsonObject>
        {
            new() { ["type"] = "header", ["text"] = PlainText(card.Title, MaxHeaderText) },
        };

        var context = new List<string>();
        if (card.Status is not null)
        {
            context.Add(ToneMark(card.Tone) + " *" + SlackText.Escape(card.Status, 500) + "*");
        }

        if (context.Count > 0)
        {
            blocks.Add(Context(context));
        }

        var fields = card.Fields.Take(MaxFields)
            .Select(f => Mrkdwn(Label(f.Label) + "\n" + SlackText.Escape(f.Value, MaxFieldText - Label(f.Label).Length - 1)))
            .ToList();
        if (fields.Count > 0)
        {
            blocks.Add(new JsonObject { ["type"] = "section", ["fields"] = new JsonArray([.. fields]) });
        }

        if (card.CustomerText is not null)
        {
            blocks.Add(Section(SlackText.Escape(card.CustomerText, MaxSectionText)));
        }

        if (LinkOf(card.Link) is { } link)
        {
            blocks.Add(Context([link]));
        }

        if (card.Why is not null)
        {
            const string label = "*Why flagged:* ";
            blocks.Add(Section(label + SlackText.Escape(card.Why, MaxSectionText - label.Length)));
        }

        if (card.SuggestedReply is not null)
        {
            const string label = "*Suggested reply:*\n";
            blocks.Add(Section(label + SlackText.Escape(card.SuggestedReply, MaxSectionText - label.Length)));
        }

        var actions = card.ActionsOrEmpty.Take(MaxActionsElements).Select(Element).ToList();
        if (actions.Count > 0)
        {
            blocks.Add(new JsonObject { ["type"] = "actions", ["block_id"] = Id("case_actions", card.CaseId), ["elements"] = new JsonArray([.. actions]) });
        }

        if (card.Footer is not null)
        {
            blocks.Add(Context([SlackText.Escape(card.Footer, 2000)]));
        }

        return Limit(blocks);
    }

    /// <summary>A reply's blocks: its text (split into sections), then its card if it has one.</summary>
    public static JsonArray RenderReply(Reply reply)
    {
        var blocks = new List<JsonObject>();
        foreach (var chunk in Chunks(reply.Text, MaxSectionText - 200))
        {
            blocks.Add(Section(SlackText.Escape(chunk, MaxSectionText)));
        }

        if (reply.Card is not null)
        {
            blocks.AddRange(RenderCard(reply.Card).Select(b => b!.AsObject().DeepClone().AsObject()));
        }

        return Limit(blocks);
    }

    /// <summary>The notification and screen-reader text every message carries beside its blocks.</summary>
    public static string Fallback(Card card) =>
        SlackText.Escape(card.Title + (card.CustomerText is { Length: > 0 } text ? ": " + text : string.Empty), 300);

    public static string Fallback(Reply reply) =>
        SlackText.Escape(reply.Text.Length > 0 ? reply.Text : reply.Card?.Title ?? "Webcare", MaxFallbackText);

    /// <summary>The edit-reply modal: one plain-text input pre-filled with the suggestion (cut to Slack's 3000).</summary>
    public static JsonObject EditReplyModal(string actionId, long caseId, string suggestedReply) => new()
    {
        ["type"] = "modal",
        ["callback_id"] = EditReplyCallbackId,
        ["private_metadata"] = SlackText.Fit(actionId, 3000),
        ["title"] = new JsonObject { ["type"] = "plain_text", ["text"] = SlackText.Fit($"Edit reply #{caseId}", 24) },
        ["submit"] = new JsonObject { ["type"] = "plain_text", ["text"] = "Save" },
        ["close"] = new JsonObject { ["type"] = "plain_text", ["text"] = "Cancel" },
        ["blocks"] = new JsonArray(new JsonObject
        {
            ["type"] = "input",
            ["block_id"] = EditReplyBlockId,
            ["label"] = new JsonObject { ["type"] = "plain_text", ["text"] = "Suggested reply (a draft: send it yourself on the customer's platform)" },
            ["element"] = new JsonObject
            {
                ["type"] = "plain_text_input",
                ["action_id"] = EditReplyActionId,
                ["multiline"] = true,
                ["max_length"] = MaxModalInput,
                ["initial_value"] = SlackText.ForInput(suggestedReply, MaxModalInput),
            },
        }),
    };

    private static JsonObject Element(CardAction action)
    {
        var actionId = SlackText.Fit(action.Id, MaxActionId);
        if (!action.IsSelect)
        {
            var button = new JsonObject
            {
                ["type"] = "button",
                ["action_id"] = actionId,
                ["text"] = PlainText(action.Label, MaxButtonText),
                ["value"] = SlackText.Fit(action.Id, MaxButtonValue),
            };
            if (action.Style != CardActionStyle.Default)
            {
                button["style"] = action.Style == CardActionStyle.Primary ? "primary" : "danger";
            }

            return button;
        }

        var options = action.Options!.Take(MaxOptions).Select(o => new JsonObject
        {
            ["text"] = PlainText(o.Label, MaxOptionText),
            ["value"] = SlackText.Fit(o.Value, MaxOptionValue),
        }).ToList();
        var select = new JsonObject
        {
            ["type"] = "static_select",
            ["action_id"] = actionId,
            ["placeholder"] = PlainText(action.Label, 150),
            ["options"] = new JsonArray([.. options]),
        };
        if (action.SelectedValue is { } selected && options.FirstOrDefault(o => (string?)o["value"] == SlackText.Fit(selected, MaxOptionValue)) is { } initial)
        {
            select["initial_option"] = initial.DeepClone();
        }

        return select;
    }

    private static JsonObject Section(string escaped) => new() { ["type"] = "section", ["text"] = Mrkdwn(escaped) };

    private static JsonObject Context(IEnumerable<string> escaped) => new()
    {
        ["type"] = "context",
        ["elements"] = new JsonArray([.. escaped.Take(MaxContextElements).Select(e => (JsonNode)Mrkdwn(SlackText.Fit(e, MaxSectionText)))]),
    };

    private static string Label(string label) => "*" + SlackText.Escape(label, 100) + "*";

    /// <summary>Only http(s) links become links; '|' and '&gt;' cannot break out because the URL is escaped and '|' encoded.</summary>
    private static string? LinkOf(string? link)
    {
        if (link is null || !Uri.TryCreate(link, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp) || link.Length > 2900)
        {
            return link is null ? null : SlackText.Escape(link, 2000);
        }

        return "<" + SlackText.Escape(uri.AbsoluteUri.Replace("|", "%7C", StringComparison.Ordinal)) + "|Open the post> · " + SlackText.Escape(uri.Host, 200);
    }

    private static string ToneMark(CardTone tone) => tone switch
    {
        CardTone.Danger => ":red_circle:",
        CardTone.Warning => ":large_orange_circle:",
        CardTone.Good => ":large_green_circle:",
        _ => ":white_circle:",
    };

    private static string Id(string prefix, long? caseId) => caseId is { } id ? $"{prefix}_{id}" : prefix;

    private static JsonArray Limit(List<JsonObject> blocks)
    {
        if (blocks.Count > MaxBlocks)
        {
            var kept = blocks.Take(MaxBlocks - 1).ToList();
            kept.Add(Context(["… " + (blocks.Count - kept.Count) + " more blocks were cut (Slack shows at most 50)."]));
            blocks = kept;
        }

        return new JsonArray([.. blocks.Cast<JsonNode>()]);
    }

    private static IEnumerable<string> Chunks(string text, int size)
    {
        if (text.Length == 0)
        {
            yield break;
        }

        for (var start = 0; start < text.Length;)
        {
            var length = Math.Min(size, text.Length - start);
            if (start + length < text.Length)
            {
                var newline = text.LastIndexOf('\n', start + length - 1, length);
                if (newline > start)
                {
                    length = newline - start + 1;
                }
                else if (char.IsHighSurrogate(text[start + length - 1]))
                {
                    length--;
                }
            }

            yield return text.Substring(start, length);
            start += length;
        }
    }

    private static string NonEmpty(string text) => text.Length == 0 ? " " : text;
}
