using System.Text;
using Microsoft.Extensions.Options;
using Webcare.Core.Chat;

namespace Webcare.Chat.Console;

/// <summary>The console "chat": cards printed to the terminal, one labelled channel per route.</summary>
public sealed class ConsoleChatPlatform(TextWriter output, IOptions<ConsoleChatOptions> options, bool outputRedirected) : IChatPlatform
{
    private const int Width = 78;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly bool _color = options.Value.UseColor(outputRedirected);

    public string Platform => "console";

    public async Task<string> PostCardAsync(ChatAddress channel, Card card, string idempotencyKey, CancellationToken cancellationToken)
    {
        await WriteAsync(Render(channel, card, "new"), cancellationToken);
        return "console-" + idempotencyKey;
    }

    public Task UpdateCardAsync(ChatAddress channel, string messageId, Card card, CancellationToken cancellationToken) =>
        WriteAsync(Render(channel, card, "updated"), cancellationToken);

    public async Task<string> PostReplyAsync(ChatAddress channel, Reply reply, string? threadMessageId, CancellationToken cancellationToken)
    {
        var text = new StringBuilder();
        text.Append(Paint($"[{channel}]", "36")).Append(threadMessageId is null ? " " : " ↳ ").AppendLine(ConsoleText.Escape(reply.Text));
        if (reply.Card is not null)
        {
            text.Append(Render(channel, reply.Card, "card"));
        }

        foreach (var file in reply.FilesOrEmpty)
        {
            text.Append("  📎 ").Append(ConsoleText.Escape(file.FileName)).Append(" (").Append(file.Content.Length).AppendLine(" bytes)");
        }

        await WriteAsync(text.ToString(), cancellationToken);
        return "console-reply-" + Guid.NewGuid().ToString("N");
    }

    /// <summary>Renders a card as text; public so tests and the CLI print exactly what the console shows.</summary>
    public string Render(ChatAddress channel, Card card, string kind)
    {
        var text = new StringBuilder();
        var rule = new string('─', Width);
        text.AppendLine(Paint(rule, ToneColor(card.Tone)));
        text.Append(Paint($"[{channel}] ", "36")).Append(Paint(ConsoleText.Escape(card.Title), "1;" + ToneColor(card.Tone)))
            .AppendLine(kind == "updated" ? Paint("  (updated)", "2") : string.Empty);
        if (card.Status is not null)
        {
            text.Append("  ").AppendLine(Paint(ConsoleText.Escape(card.Status), "1"));
        }

        foreach (var field in card.Fields)
        {
            text.Append("  ").Append(Paint(ConsoleText.Escape(field.Label) + ":", "2")).Append(' ').AppendLine(ConsoleText.Escape(field.Value));
        }

        if (card.CustomerText is not null)
        {
            text.AppendLine();
            foreach (var line in Wrap(ConsoleText.Escape(card.CustomerText), Width - 4))
            {
                text.Append("  │ ").AppendLine(line);
            }
        }

        if (card.Link is not null)
        {
            text.Append("  ").AppendLine(Paint(ConsoleText.Escape(card.Link), "4"));
        }

        if (card.Why is not null)
        {
            text.Append("  ").Append(Paint("Why flagged:", "2")).Append(' ').AppendLine(ConsoleText.Escape(card.Why));
        }

        if (card.SuggestedReply is not null)
        {
            text.Append("  ").AppendLine(Paint("Suggested reply:", "2"));
            foreach (var line in Wrap(ConsoleText.Escape(card.SuggestedReply), Width - 4))
            {
                text.Append("    ").AppendLine(line);
            }
        }

        var buttons = card.ActionsOrEmpty.Where(a => !a.IsSelect).Select(a => $"[{a.Label}]").ToList();
        if (buttons.Count > 0 && card.CaseId is { } id)
        {
            text.Append("  ").Append(Paint(string.Join(' ', buttons), "2"))
                .AppendLine(Paint($"   (type: case {id} claim|replied|resolve|dismiss|origin <store|phone|online|other>)", "2"));
        }

        return text.ToString();
    }

    private async Task WriteAsync(string text, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            await output.WriteAsync(text.AsMemory(), cancellationToken);
            await output.FlushAsync(cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    private string Paint(string text, string code) => _color ? $"\u001b[{code}m{text}\u001b[0m" : text;

    private static string ToneColor(CardTone tone) => tone switch
    {
        CardTone.Danger => "31",
        CardTone.Warning => "33",
        CardTone.Good => "32",
        _ => "37",
    };

    private static IEnumerable<string> Wrap(string text, int width)
    {
        foreach (var paragraph in text.Split('\n'))
        {
            var line = new StringBuilder();
            foreach (var word in paragraph.Split(' '))
            {
                if (line.Length > 0 && line.Length + word.Length + 1 > width)
                {
                    yield return line.ToString();
                    line.Clear();
                }

                if (line.Length > 0)
                {
                    line.Append(' ');
                }

                line.Append(word);
            }

            yield return line.ToString();
        }
    }
}
