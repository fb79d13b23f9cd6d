using System.Text.Json;

namespace Webcare.Chat.Discord.Interactions;

/// <summary>The parts of an INTERACTION_CREATE the bot uses; nothing in it is trusted beyond its shape.</summary>
internal sealed record DiscordInteraction(
    string Id,
    string Token,
    int Type,
    string? ChannelId,
    string UserId,
    string UserName,
    IReadOnlyList<string> MemberRoles,
    JsonElement Data,
    bool FromMessage)
{
    public const int ApplicationCommand = 2;
    public const int MessageComponent = 3;
    public const int ModalSubmit = 5;

    public static bool TryParse(JsonElement d, out DiscordInteraction interaction)
    {
        interaction = null!;
        if (d.ValueKind != JsonValueKind.Object
            || Text(d, "id") is not { } id
            || Text(d, "token") is not { } token
            || !d.TryGetProperty("type", out var typeElement) || !typeElement.TryGetInt32(out var type))
        {
            return false;
        }

        var member = d.TryGetProperty("member", out var m) && m.ValueKind == JsonValueKind.Object ? m : default;
        var user = member.ValueKind == JsonValueKind.Object && member.TryGetProperty("user", out var mu) ? mu
            : d.TryGetProperty("user", out var u) ? u : default;
        if (user.ValueKind != JsonValueKind.Object || Text(user, "id") is not { } userId)
        {
            return false;
        }

        var name = (member.ValueKind == JsonValueKind.Object ? Text(member, "nick") : null)
            ?? Text(user, "global_name") ?? Text(user, "username") ?? userId;
        var roles = member.ValueKind == JsonValueKind.Object && member.TryGetProperty("roles", out var r) && r.ValueKind == JsonValueKind.Array
            ? r.EnumerateArray().Where(x => x.ValueKind == JsonValueKind.String).Select(x => x.GetString()!).ToList()
            : [];
        var data = d.TryGetProperty("data", out var dataElement) ? dataElement : default;
        var fromMessage = d.TryGetProperty("message", out var message) && message.ValueKind == JsonValueKind.Object;
        interaction = new DiscordInteraction(id, token, type, Text(d, "channel_id"), userId, name, roles, data, fromMessage);
        return true;
    }

    public string? CustomId => Data.ValueKind == JsonValueKind.Object ? Text(Data, "custom_id") : null;

    /// <summary>The first chosen value of a select.</summary>
    public string? SelectedValue =>
        Data.ValueKind == JsonValueKind.Object && Data.TryGetProperty("values", out var values) && values.ValueKind == JsonValueKind.Array && values.GetArrayLength() > 0
            ? values[0].GetString()
            : null;

    /// <summary>The value of a modal's text input, in the Label layout or the older action-row layout.</summary>
    public string? ModalValue(string inputId) => Data.ValueKind == JsonValueKind.Object ? FindValue(Data, inputId, 0) : null;

    private static string? FindValue(JsonElement element, string inputId, int depth)
    {
        if (depth > 6)
        {
            return null;
        }

        if (element.ValueKind == JsonValueKind.Object)
        {
            if (Text(element, "custom_id") == inputId && Text(element, "value") is { } value)
            {
                return value;
            }

            foreach (var child in new[] { "component", "components" })
            {
                if (element.TryGetProperty(child, out var nested) && FindValue(nested, inputId, depth + 1) is { } found)
                {
                    return found;
                }
            }
        }
        else if (element.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in element.EnumerateArray())
            {
                if (FindValue(item, inputId, depth + 1) is { } found)
                {
                    return found;
                }
            }
        }

        return null;
    }

    private static string? Text(JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
