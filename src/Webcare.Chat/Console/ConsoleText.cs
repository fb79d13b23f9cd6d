using System.Globalization;
using System.Text;

namespace Webcare.Chat.Console;

/// <summary>The console's escaping function: customer text may not move the cursor, recolour the terminal or flip text direction.</summary>
public static class ConsoleText
{
    public static string Escape(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (c is '\n' or '\t')
            {
                builder.Append(c);
            }
            else if (c == '\r')
            {
                continue;
            }
            else if (char.IsControl(c) || IsFormatControl(c))
            {
                // Visible, so an agent sees that the text hides something.
                builder.Append(CultureInfo.InvariantCulture, $"[U+{(int)c:X4}]");
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    private static bool IsFormatControl(char c) =>
        CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.Format && !char.IsSurrogate(c);
}
