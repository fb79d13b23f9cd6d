namespace Webcare.Chat.Console;

/// <summary>Section <c>Webcare:Console</c>.</summary>
public sealed class ConsoleChatOptions
{
    public const string Section = "Webcare:Console";

    /// <summary>auto (colour on a terminal, plain when redirected), always, or never.</summary>
    public string Color { get; set; } = "auto";

    /// <summary>Read <c>/webcare …</c> commands and <c>case &lt;id&gt; &lt;action&gt;</c> lines from the terminal while running.</summary>
    public bool ReadCommands { get; set; } = true;

    public bool UseColor(bool outputRedirected) => Color.ToLowerInvariant() switch
    {
        "always" => true,
        "never" => false,
        _ => !outputRedirected && Environment.GetEnvironmentVariable("NO_COLOR") is null,
    };
}
