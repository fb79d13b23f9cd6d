using System.Text;

namespace Webcare.Chat.Discord.Rendering;

/// <summary>
/// Discord's one escaping function. Every string the bot did not write itself (customer text,
/// author names, anything from a command answer) reaches Discord through <see cref="Escape"/> or
/// <see cref="EscapeAndFit"/>; <c>allowed_mentions: {"parse": []}</c> on every message is the second line of defence.
/// </summary>
public static class DiscordText
{
    public const string Ellipsis = "…";

    // Zero-width space: breaks @everyone, @here and <@…>/<#…>/<@&…>/<t:…> syntax without changing what an agent reads.
    private const char Breaker = '\u200B';
    private const string MarkdownCharacters = "*_~`|>#-[]()\\";

    /// <summary>Escapes markdown and neutralises mention syntax.</summary>
    public static string Escape(string? text) => EscapeAndFit(text, int.MaxValue);

    /// <summary>Escapes, then cuts at <paramref name="maxLength"/> characters with a visible "…" — never inside an escape sequence.</summary>
    public static string EscapeAndFit(string? text, int maxLength)
    {
        if (string.IsNullOrEmpty(text) || maxLength <= 0)
        {
            return string.Empty;
        }

        var neutral = Neutralise(text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n'));
        var output = new StringBuilder(Math.Min(neutral.Length * 2, 8192));
        var budget = maxLength - Ellipsis.Length;
        var cutAt = -1;
        for (var i = 0; i < neutral.Length; i++)
        {
            var c = neutral[i];
            var piece = MarkdownCharacters.Contains(c, StringComparison.Ordinal) ? "\\" + c
                : char.IsHighSurrogate(c) && i + 1 < neutral.Length ? neutral.Substring(i++, 2)
                : IsHidden(c) ? string.Empty
                : c.ToString();
            if (cutAt < 0 && output.Length + piece.Length > budget)
            {
                cutAt = output.Length; // Where the text ends if the rest does not fit.
            }

            output.Append(piece);
            if (output.Length > maxLength)
            {
                output.Length = Math.Max(cutAt, 0);
                return output.Append(Ellipsis).ToString();
            }
        }

        return output.ToString();
    }

    /// <summary>Cuts text the bot wrote itself (already safe) to a limit with a visible "…".</summary>
    public static string Fit(string? text, int maxLength)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        if (text.Length <= maxLength)
        {
            return text;
        }

        var cut = maxLength - Ellipsis.Length;
        if (cut > 0 && char.IsHighSurrogate(text[cut - 1]))
        {
            cut--;
        }

        return TrimDangling(new StringBuilder(text, 0, Math.Max(cut, 0), maxLength)).Append(Ellipsis).ToString();
    }

    private static StringBuilder TrimDangling(StringBuilder text)
    {
        // A lone trailing backslash would escape the "…" itself.
        var trailing = 0;
        for (var i = text.Length - 1; i >= 0 && text[i] == '\\'; i--)
        {
            trailing++;
        }

        if (trailing % 2 == 1)
        {
            text.Length--;
        }

        return text;
    }

    private static string Neutralise(string text)
    {
        var output = new StringBuilder(text.Length + 8);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            output.Append(c);
            if (c == '<' && i + 1 < text.Length && text[i + 1] is '@' or '#' or '/' or ':' or 't' or 'a')
            {
                output.Append(Breaker);
            }
            else if (c == '@' && (StartsWithWord(text, i + 1, "everyone") || StartsWithWord(text, i + 1, "here")))
            {
                output.Append(Breaker);
            }
        }

        return output.ToString();
    }

    private static bool StartsWithWord(string text, int at, string word) =>
        at + word.Length <= text.Length && string.Compare(text, at, word, 0, word.Length, StringComparison.OrdinalIgnoreCase) == 0;

    // Bidi overrides and other control characters could disguise text; drop them (newlines stay).
    private static bool IsHidden(char c) =>
        c != '\n' && c != Breaker && (char.IsControl(c) || c is >= '\u202A' and <= '\u202E' or >= '\u2066' and <= '\u2069');
}
