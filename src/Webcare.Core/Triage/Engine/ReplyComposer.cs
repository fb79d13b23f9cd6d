using System.Text;
using Webcare.Core.Mentions;
using Webcare.Core.Triage.Data;

namespace Webcare.Core.Triage.Engine;

/// <summary>
/// Fills the language's reply template for intent × origin × root cause. Optional sentences written as
/// <c>[[refund|…]]</c> appear only when that promise is allowed in the configuration; nothing else is promised.
/// </summary>
internal static class ReplyComposer
{
    public static string Compose(
        LanguagePack pack,
        TriageOptions options,
        Intent intent,
        Origin origin,
        string? rootCause,
        Author? author)
    {
        if (intent == Intent.Spam)
        {
            return "";
        }

        var tone = pack.Replies.Tone(options.Tone);
        var intentName = intent.ToName();
        var originName = origin.ToName();
        string? template = null;
        foreach (var key in Candidates(intentName, originName, rootCause))
        {
            if (tone.Templates.TryGetValue(key, out template))
            {
                break;
            }
        }

        template ??= tone.Templates["complaint"];
        var name = FirstName(author);
        var issue = rootCause is not null && tone.Issues.TryGetValue(rootCause, out var i) ? i : tone.DefaultIssue;
        var builder = new StringBuilder(256);
        builder.Append(name is null ? tone.GreetingNoName : tone.Greeting.Replace("{name}", name, StringComparison.Ordinal));
        if (builder.Length > 0)
        {
            builder.Append(' ');
        }

        var body = template.Replace("{issue}", issue, StringComparison.Ordinal);
        if (tone.LowercaseAfterGreeting && builder.Length > 1 && builder[^2] == ',' && body.Length > 1 && char.IsUpper(body[0]) && !char.IsUpper(body[1]))
        {
            body = char.ToLowerInvariant(body[0]) + body[1..];
        }

        AppendWithPromises(builder, body, options.AllowedPromises);
        if (options.InviteToDm && intent is Intent.Complaint or Intent.Question && tone.DmInvite.Length > 0)
        {
            builder.Append(' ').Append(tone.DmInvite);
        }

        if (options.SignOff.Length > 0)
        {
            builder.Append(' ').Append(options.SignOff);
        }

        return CollapseSpaces(builder.ToString());
    }

    private static IEnumerable<string> Candidates(string intent, string origin, string? cause)
    {
        if (cause is not null)
        {
            yield return $"{intent}.{origin}.{cause}";
            yield return $"{intent}.{cause}";
        }

        yield return $"{intent}.{origin}";
        yield return intent;
    }

    private static void AppendWithPromises(StringBuilder builder, string template, IReadOnlyCollection<string> allowed)
    {
        var at = 0;
        while (at < template.Length)
        {
            var open = template.IndexOf("[[", at, StringComparison.Ordinal);
            if (open < 0)
            {
                builder.Append(template, at, template.Length - at);
                return;
            }

            builder.Append(template, at, open - at);
            var close = template.IndexOf("]]", open, StringComparison.Ordinal);
            var bar = template.IndexOf('|', open);
            if (close < 0 || bar < 0 || bar > close)
            {
                builder.Append(template, open, template.Length - open);
                return;
            }

            var promise = template[(open + 2)..bar];
            if (allowed.Contains(promise))
            {
                builder.Append(template, bar + 1, close - bar - 1);
            }

            at = close + 2;
        }
    }

    /// <summary>The first word of the display name, else the handle; null when there is nothing sensible.</summary>
    internal static string? FirstName(Author? author)
    {
        if (author is null)
        {
            return null;
        }

        if (!string.IsNullOrWhiteSpace(author.DisplayName))
        {
            var first = author.DisplayName.Trim().Split(' ', 2)[0];
            var clean = new string(first.Where(c => char.IsLetter(c) || c is '-' or '\'').ToArray());
            if (clean.Length is > 0 and <= 30)
            {
                return clean;
            }
        }

        var handle = author.Handle.TrimStart('@');
        return handle.Length is > 0 and <= 30 && handle.All(c => char.IsLetterOrDigit(c) || c == '_') ? "@" + handle : null;
    }

    private static string CollapseSpaces(string s)
    {
        var builder = new StringBuilder(s.Length);
        var space = false;
        foreach (var c in s.Trim())
        {
            if (c == ' ')
            {
                if (!space)
                {
                    builder.Append(c);
                }

                space = true;
            }
            else
            {
                builder.Append(c);
                space = false;
            }
        }

        return builder.ToString();
    }
}
