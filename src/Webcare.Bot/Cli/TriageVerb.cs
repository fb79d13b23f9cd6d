using System.CommandLine;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Webcare.Bot.Hosting;
using Webcare.Core.Mentions;
using Webcare.Core.Triage;

namespace Webcare.Bot.Cli;

/// <summary>
/// <c>webcare triage</c>: JSON Lines mentions on stdin → JSON Lines verdicts on stdout, one per line,
/// in order. A malformed line gets <c>{"line": n, "error": "…"}</c> and the rest continue.
/// </summary>
internal static class TriageVerb
{
    public static Command Create()
    {
        var command = new Command("triage", "Triage JSON Lines mentions from stdin ({\"text\": …}) and print one JSON verdict per line.");
        command.SetAction((_, ct) => RunAsync(Console.In, Console.Out, ct));
        return command;
    }

    public static async Task<int> RunAsync(TextReader input, TextWriter output, CancellationToken cancellationToken)
    {
        var builder = WebcareHost.CreateBuilder();
        using var host = builder.Build();
        var triage = host.Services.GetRequiredService<ITriage>();
        var lineNumber = 0;
        while (await input.ReadLineAsync(cancellationToken) is { } line)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            await output.WriteLineAsync(await TriageLineAsync(triage, line, lineNumber, cancellationToken));
        }

        await output.FlushAsync(cancellationToken);
        return 0;
    }

    internal static async Task<string> TriageLineAsync(ITriage triage, string line, int lineNumber, CancellationToken cancellationToken)
    {
        TriageInput input;
        try
        {
            input = ParseInput(line);
        }
        catch (Exception ex) when (ex is JsonException or FormatException or InvalidOperationException)
        {
            return Error(lineNumber, ex.Message);
        }

        var result = await triage.TriageAsync(input, cancellationToken);
        return Write(result);
    }

    private static TriageInput ParseInput(string line)
    {
        using var document = JsonDocument.Parse(line);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException("each line must be a JSON object such as {\"text\": \"...\"}");
        }

        if (!root.TryGetProperty("text", out var text) || text.ValueKind != JsonValueKind.String)
        {
            throw new FormatException("'text' is missing or not a string");
        }

        Author? author = null;
        if (root.TryGetProperty("author", out var a) && a.ValueKind == JsonValueKind.Object)
        {
            author = new Author(
                a.TryGetProperty("handle", out var h) && h.ValueKind == JsonValueKind.String ? h.GetString()! : "someone",
                a.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString() : null,
                a.TryGetProperty("followers", out var f) && f.ValueKind == JsonValueKind.Number && f.TryGetInt32(out var count) ? count : null);
        }

        return new TriageInput(
            text.GetString()!,
            root.TryGetProperty("lang", out var lang) && lang.ValueKind == JsonValueKind.String ? lang.GetString() : null,
            author,
            root.TryGetProperty("source", out var source) && source.ValueKind == JsonValueKind.String ? source.GetString() : null);
    }

    private static string Write(TriageResult r)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteBoolean("negative", r.IsNegative);
            json.WriteNumber("score", Math.Round(r.Score, 4));
            json.WriteNumber("probability", Math.Round(r.Probability, 4));
            json.WriteString("lang", r.Language);
            json.WriteString("intent", r.Intent.ToName());
            json.WriteStartArray("urgency");
            foreach (var urgency in r.Urgency)
            {
                json.WriteStringValue(urgency.ToName());
            }

            json.WriteEndArray();
            json.WriteString("priority", r.Priority.ToName());
            json.WriteString("origin", r.Origin.Origin.ToName());
            json.WriteString("originEvidence", r.Origin.Evidence);
            json.WriteStartArray("rootCauses");
            foreach (var cause in r.RootCauses)
            {
                json.WriteStartObject();
                json.WriteString("tag", cause.Tag);
                json.WriteString("evidence", cause.Evidence);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteString("why", r.Why);
            json.WriteString("suggestedReply", r.SuggestedReply);
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static string Error(int lineNumber, string message) =>
        JsonSerializer.Serialize(new { line = lineNumber, error = message });
}
