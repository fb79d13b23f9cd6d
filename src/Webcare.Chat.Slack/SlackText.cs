using System.Globalization;
using System.Text;

namespace Webcare.Chat.Slack;

/// <summary>
/// The Slack adapter's one escaping function. Every string that reaches Slack (customer text above
/// all) passes <see cref="Escape(string?, int)"/>: <c>&amp;</c>, <c>&lt;</c> and <c>&gt;</c> become
/// entities, so <c>&lt;!channel&gt;</c>, <c>&lt;@U…&gt;</c> and <c>&lt;http://evil|innocent&gt;</c> stay text;
/// plain <c>@everyone</c>/<c>@here</c> cannot ping because renderers only use <c>verbatim</c> mrkdwn or
/// <c>plain_text</c> and never send <c>link_names</c>. Text over a Block Kit limit is cut with a visible "…".
/// </summary>
public static class SlackText
{
    public const string Ellipsis = "…";

    /// <summary>Escapes <paramref name="raw"/> and fits the result into <paramref name="maxLength"/> UTF-16 chars, never cutting an entity or a surrogate pair.</summary>
    public static string Escape(string? raw, int maxLength = int.MaxValue)
    {
        if (string.IsNullOrEmpty(raw) || maxLength <= 0)
        {
            return string.Empty;
        }

        var builder = new StringBuilder(Math.Min(raw.Length + 16, maxLength));
        var limit = maxLength;
        for (var i = 0; i < raw.Length; i++)
        {
            var c = raw[i];
            var piece = c switch
            {
                '&' => "&amp;",
                '<' => "&lt;",
                '>' => "&gt;",
                '\r' => string.Empty,
                '\n' or '\t' => c.ToString(),
                _ when char.IsHighSurrogate(c) && i + 1 < raw.Length && char.IsLowSurrogate(raw[i + 1]) => raw.Substring(i++, 2),
                _ when char.IsSurrogate(c) => "\uFFFD",
                _ when char.IsControl(c) => string.Empty,
                _ when IsHidden(c) => string.Create(CultureInfo.InvariantCulture, $"[U+{(int)c:X4}]"),
                _ => c.ToString(),
            };

            if (builder.Length + piece.Length > limit || (builder.Length + piece.Length == limit && HasMore(raw, i)))
            {
                // Keep room for the visible cut mark.
                while (builder.Length + Ellipsis.Length > limit && builder.Length > 0)
                {
                    builder.Length--;
                    if (builder.Length > 0 && char.IsHighSurrogate(builder[^1]))
                    {
                        builder.Length--;
                    }
                }

                TrimPartialEntity(builder);
                return builder.Append(Ellipsis).ToString();
            }

            builder.Append(piece);
        }

        return builder.ToString();
    }

    /// <summary>
    /// For a <c>plain_text_input</c>'s pre-filled value, which Slack shows as typed (no mrkdwn, no entities):
    /// control and hidden direction characters are dropped so a reply copied from it carries none, then it is cut to the limit.
    /// </summary>
    public static string ForInput(string? raw, int maxLength)
    {
        if (string.IsNullOrEmpty(raw))
        {
            return string.Empty;
        }

        var clean = new StringBuilder(raw.Length);
        foreach (var c in raw)
        {
            if (c is '\n' or '\t' || (!char.IsControl(c) && !IsHidden(c)))
            {
                clean.Append(c);
            }
        }

        var text = clean.ToString();
        if (text.Length <= maxLength)
        {
            return text;
        }

        var cut = maxLength - Ellipsis.Length;
        if (cut > 0 && char.IsHighSurrogate(text[cut - 1]))
        {
            cut--;
        }

        return text[..Math.Max(0, cut)] + Ellipsis;
    }

    /// <summary>Cuts text that is already ours (labels, ids) to a limit with a visible "…" — no escaping.</summary>
    public static string Fit(string text, int maxLength) =>
        text.Length <= maxLength ? text : text[..Math.Max(0, maxLength - Ellipsis.Length)] + Ellipsis;

    private static bool HasMore(string raw, int i) => i + 1 < raw.Length;

    private static void TrimPartialEntity(StringBuilder builder)
    {
        var amp = -1;
        for (var j = builder.Length - 1; j >= 0 && j >= builder.Length - 5; j--)
        {
            if (builder[j] == ';')
            {
                return;
            }

            if (builder[j] == '&')
            {
                amp = j;
                break;
            }
        }

        if (amp >= 0)
        {
            builder.Length = amp;
        }
    }

    /// <summary>
    /// Direction overrides/isolates and invisible spaces can disguise text (an RTL override makes "exe.txt"
    /// read as "txt.exe"); they are shown as [U+XXXX] so an agent sees something is hidden. Joiners stay: emoji need them.
    /// </summary>
    private static bool IsHidden(char c) =>
        c is '\u200B' or '\u200E' or '\u200F' or '\u2060' or '\uFEFF' or '\u061C'
        || c is >= '\u202A' and <= '\u202E'
        || c is >= '\u2066' and <= '\u2069';
}
