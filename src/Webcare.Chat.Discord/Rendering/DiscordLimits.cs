namespace Webcare.Chat.Discord.Rendering;

/// <summary>Discord's documented message limits (see docs/discord.md).</summary>
public static class DiscordLimits
{
    public const int Content = 2000;
    public const int EmbedTitle = 256;
    public const int EmbedDescription = 4096;
    public const int EmbedFields = 25;
    public const int FieldName = 256;
    public const int FieldValue = 1024;
    public const int FooterText = 2048;
    public const int EmbedTotal = 6000;
    public const int ActionRows = 5;
    public const int ButtonsPerRow = 5;
    public const int CustomId = 100;
    public const int ButtonLabel = 80;
    public const int SelectOptions = 25;
    public const int SelectOptionText = 100;
    public const int SelectPlaceholder = 150;
    public const int ModalTitle = 45;
    public const int TextInputValue = 4000;
    public const int LabelText = 45;
    public const int Nonce = 25;
    public const int UrlLength = 2048;
}
