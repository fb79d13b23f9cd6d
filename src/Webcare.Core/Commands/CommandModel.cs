using Webcare.Core.Cases;
using Webcare.Core.Chat;

namespace Webcare.Core.Commands;

/// <summary>A <c>/webcare …</c> command as typed, with who typed it and where.</summary>
public sealed record CommandRequest(string Text, Actor Actor, ChatAddress? Channel = null)
{
    private static readonly char[] Separators = [' ', '\t', '\n', '\r'];

    public string Name => Words.Count > 0 ? Words[0].ToLowerInvariant() : "help";

    public IReadOnlyList<string> Arguments => Words.Skip(1).ToList();

    private IReadOnlyList<string> Words => (Text ?? string.Empty).Split(Separators, StringSplitOptions.RemoveEmptyEntries);
}

/// <summary>Answers one subcommand. Handlers are platform-neutral: Slack, Discord and the CLI share them.</summary>
public interface ICommandHandler
{
    string Name { get; }

    /// <summary>One line for <c>help</c>, e.g. "summary [today|week|month] — volume, negatives and origins".</summary>
    string Usage { get; }

    /// <summary>Roles that may run it; empty means everyone.</summary>
    IReadOnlyCollection<Role> AllowedRoles { get; }

    Task<Reply> HandleAsync(CommandRequest request, CancellationToken cancellationToken);
}
