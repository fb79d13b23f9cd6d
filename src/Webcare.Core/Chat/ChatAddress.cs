namespace Webcare.Core.Chat;

/// <summary>A channel on a chat platform, written as <c>platform:channel</c> (console:webcare-nl, slack:C0123, discord:1234).</summary>
public sealed record ChatAddress(string Platform, string Channel)
{
    public override string ToString() => $"{Platform}:{Channel}";

    public static bool TryParse(string? value, out ChatAddress address)
    {
        address = null!;
        var at = value?.IndexOf(':', StringComparison.Ordinal) ?? -1;
        if (value is null || at <= 0 || at == value.Length - 1)
        {
            return false;
        }

        var platform = value[..at].Trim().ToLowerInvariant();
        var channel = value[(at + 1)..].Trim();
        if (platform.Length == 0 || channel.Length == 0 || channel.Any(char.IsWhiteSpace))
        {
            return false;
        }

        address = new ChatAddress(platform, channel);
        return true;
    }

    public static ChatAddress Parse(string value) =>
        TryParse(value, out var address) ? address : throw new FormatException($"'{value}' is not a chat address like 'console:webcare' or 'slack:C0123'.");
}
