using Webcare.Core.Triage;

namespace Webcare.Core.Chat;

/// <summary>
/// A chat-neutral message card. Strings here are raw: customer text is kept verbatim and every
/// platform renderer escapes it for its own syntax.
/// </summary>
public sealed record Card(
    string Title,
    CardTone Tone,
    IReadOnlyList<CardField> Fields,
    string? CustomerText = null,
    string? Link = null,
    string? Why = null,
    string? SuggestedReply = null,
    string? Status = null,
    IReadOnlyList<CardAction>? Actions = null,
    long? CaseId = null,
    Priority? Priority = null,
    string? Footer = null)
{
    public IReadOnlyList<CardAction> ActionsOrEmpty => Actions ?? [];
}

public enum CardTone
{
    Neutral,
    Good,
    Warning,
    Danger,
}

public sealed record CardField(string Label, string Value, bool Inline = true);

/// <summary>A button, or a select when <see cref="Options"/> is set. <see cref="Id"/> is a <c>CaseActionId</c>.</summary>
public sealed record CardAction(
    string Id,
    string Label,
    CardActionStyle Style = CardActionStyle.Default,
    IReadOnlyList<CardOption>? Options = null,
    string? SelectedValue = null)
{
    public bool IsSelect => Options is not null;
}

public enum CardActionStyle
{
    Default,
    Primary,
    Danger,
}

public sealed record CardOption(string Value, string Label);

/// <summary>
/// An answer to a command or a notice (digest, alert): plain text (renderers escape it), optionally a
/// card and files; ephemeral answers only the asker sees.
/// </summary>
public sealed record Reply(string Text, Card? Card = null, IReadOnlyList<ReplyFile>? Files = null, bool Ephemeral = false)
{
    public IReadOnlyList<ReplyFile> FilesOrEmpty => Files ?? [];
}

public sealed record ReplyFile(string FileName, string ContentType, byte[] Content, string? Title = null);
