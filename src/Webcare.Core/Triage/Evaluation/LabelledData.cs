using System.Text;
using System.Text.Json;

namespace Webcare.Core.Triage.Evaluation;

/// <summary>One labelled text from an evaluation or training file.</summary>
public sealed record LabelledText(string Text, string Label, string? Language = null, string? Origin = null);

/// <summary>Which columns hold what, for CSV and JSON Lines files.</summary>
public sealed record ColumnMap(string TextColumn = "text", string LabelColumn = "label", string? LanguageColumn = null, string? OriginColumn = null);

/// <summary>A label kept apart from its text, for third-party texts that may not be copied into the repository.</summary>
public sealed record IdLabel(string Label, string Origin);

/// <summary>
/// Labels by id from "id&lt;TAB&gt;label[&lt;TAB&gt;origin]" lines (a header line and lines starting with # are skipped),
/// joined at read time to texts that carry ids, such as the customer turns of support conversations.
/// </summary>
public static class IdLabels
{
    public static IReadOnlyDictionary<string, IdLabel> Read(string path)
    {
        var labels = new Dictionary<string, IdLabel>(StringComparer.Ordinal);
        var lineNumber = 0;
        foreach (var line in File.ReadLines(path, Encoding.UTF8))
        {
            lineNumber++;
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var fields = line.Split('\t');
            if (lineNumber == 1 && fields.Length > 1 && fields[1].Trim() == "label")
            {
                continue; // header
            }

            if (fields.Length < 2 || fields[0].Length == 0 || fields[1].Length == 0)
            {
                throw new FormatException($"{Path.GetFileName(path)} line {lineNumber}: expected id<TAB>label[<TAB>origin]");
            }

            labels[fields[0].Trim()] = new IdLabel(fields[1].Trim(), fields.Length > 2 ? fields[2].Trim() : "unknown");
        }

        return labels;
    }
}

/// <summary>
/// Reads labelled data: CSV (RFC 4180: quoted fields with commas, quotes and line breaks; BOM and CRLF optional),
/// JSON Lines, tab-separated "sentence&lt;TAB&gt;0|1" (split on the last tab, quotes are plain text) and the TweetEval
/// layout (X_text.txt + X_labels.txt, labels 0/1/2 = negative/neutral/positive).
/// </summary>
public static class LabelledData
{
    public static IReadOnlyList<LabelledText> Read(string path, ColumnMap columns, IReadOnlyDictionary<string, IdLabel>? idLabels = null)
    {
        var name = Path.GetFileName(path);
        if (name.EndsWith(".csv", StringComparison.OrdinalIgnoreCase))
        {
            return ReadCsv(File.ReadAllText(path, Encoding.UTF8), columns);
        }

        if (name.EndsWith(".json", StringComparison.OrdinalIgnoreCase) && File.ReadAllText(path).TrimStart().StartsWith('['))
        {
            var json = File.ReadAllText(path, Encoding.UTF8);
            return idLabels is null ? ReadSupportConversations(json) : ReadLabelledCustomerTurns(json, idLabels);
        }

        if (name.EndsWith(".jsonl", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".ndjson", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".json", StringComparison.OrdinalIgnoreCase))
        {
            return ReadJsonLines(File.ReadLines(path, Encoding.UTF8), columns);
        }

        if (name.EndsWith("_text.txt", StringComparison.Ordinal))
        {
            var labels = Path.Combine(Path.GetDirectoryName(path) ?? ".", name[..^"_text.txt".Length] + "_labels.txt");
            if (File.Exists(labels))
            {
                return ReadTextAndLabels(File.ReadAllLines(path, Encoding.UTF8), File.ReadAllLines(labels));
            }
        }

        return ReadTabSeparated(File.ReadLines(path, Encoding.UTF8));
    }

    /// <summary>RFC 4180 CSV with a header row. Rows without the text column are skipped.</summary>
    public static IReadOnlyList<LabelledText> ReadCsv(string content, ColumnMap columns)
    {
        var rows = ParseCsv(content);
        if (rows.Count == 0)
        {
            return [];
        }

        var header = rows[0];
        var text = IndexOf(header, columns.TextColumn);
        var label = IndexOf(header, columns.LabelColumn);
        var lang = columns.LanguageColumn is null ? -1 : IndexOf(header, columns.LanguageColumn);
        var origin = columns.OriginColumn is null ? -1 : IndexOf(header, columns.OriginColumn);
        var result = new List<LabelledText>(rows.Count - 1);
        for (var r = 1; r < rows.Count; r++)
        {
            var row = rows[r];
            if (row.Count <= text || (row.Count == 1 && row[0].Length == 0))
            {
                continue;
            }

            result.Add(new LabelledText(
                row[text],
                label < row.Count ? row[label] : "",
                lang >= 0 && lang < row.Count ? row[lang] : null,
                origin >= 0 && origin < row.Count ? row[origin] : null));
        }

        return result;
    }

    private static int IndexOf(List<string> header, string column)
    {
        var index = header.FindIndex(h => string.Equals(h.Trim(), column, StringComparison.OrdinalIgnoreCase));
        if (index < 0)
        {
            throw new FormatException($"column '{column}' not found; the header has: {string.Join(", ", header)}");
        }

        return index;
    }

    /// <summary>Splits CSV into rows of fields. Tolerates a BOM, CRLF or LF, and a missing final newline.</summary>
    public static List<List<string>> ParseCsv(string content)
    {
        var rows = new List<List<string>>();
        var row = new List<string>();
        var field = new StringBuilder();
        var i = content.Length > 0 && content[0] == '\uFEFF' ? 1 : 0;
        var quoted = false;
        var fieldStarted = false;
        for (; i < content.Length; i++)
        {
            var c = content[i];
            if (quoted)
            {
                if (c == '"')
                {
                    if (i + 1 < content.Length && content[i + 1] == '"')
                    {
                        field.Append('"');
                        i++;
                    }
                    else
                    {
                        quoted = false;
                    }
                }
                else
                {
                    field.Append(c);
                }

                continue;
            }

            switch (c)
            {
                case '"' when !fieldStarted || field.Length == 0:
                    quoted = true;
                    fieldStarted = true;
                    break;
                case ',':
                    row.Add(field.ToString());
                    field.Clear();
                    fieldStarted = false;
                    break;
                case '\r' when i + 1 < content.Length && content[i + 1] == '\n':
                    break;
                case '\n' or '\r':
                    row.Add(field.ToString());
                    field.Clear();
                    fieldStarted = false;
                    rows.Add(row);
                    row = [];
                    break;
                default:
                    field.Append(c);
                    fieldStarted = true;
                    break;
            }
        }

        if (fieldStarted || field.Length > 0 || row.Count > 0)
        {
            row.Add(field.ToString());
            rows.Add(row);
        }

        return rows;
    }

    public static IReadOnlyList<LabelledText> ReadJsonLines(IEnumerable<string> lines, ColumnMap columns)
    {
        var result = new List<LabelledText>();
        var number = 0;
        foreach (var line in lines)
        {
            number++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            JsonDocument document;
            try
            {
                document = JsonDocument.Parse(line);
            }
            catch (JsonException ex)
            {
                throw new FormatException($"line {number}: {ex.Message}", ex);
            }

            using (document)
            {
                var root = document.RootElement;
                if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty(columns.TextColumn, out var text) || text.ValueKind != JsonValueKind.String)
                {
                    continue;
                }

                result.Add(new LabelledText(
                    text.GetString()!,
                    Scalar(root, columns.LabelColumn) ?? "",
                    columns.LanguageColumn is null ? null : Scalar(root, columns.LanguageColumn),
                    columns.OriginColumn is null ? null : Scalar(root, columns.OriginColumn)));
            }
        }

        return result;
    }

    private static string? Scalar(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) ? value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Number => value.GetRawText(),
            JsonValueKind.True => "true",
            JsonValueKind.False => "false",
            _ => null,
        } : null;

    /// <summary>
    /// Customer-care conversations (IBM "Conversational Document Prediction" layout: a JSON array of
    /// {dialogContent: [{client|agent, message}], agentURL: {url_utterance}}). There are no sentiment labels. Agent
    /// turns are calm, neutral text about the same problems customers raise, so they are read as "neutral": they
    /// teach the model that problem vocabulary alone is not anger. Customer turns are skipped: reading them as
    /// negative taught the model that every question is a complaint.
    /// </summary>
    public static IReadOnlyList<LabelledText> ReadSupportConversations(string json)
    {
        var result = new List<LabelledText>();
        using var document = JsonDocument.Parse(json);
        foreach (var conversation in document.RootElement.EnumerateArray())
        {
            foreach (var turn in Turns(conversation))
            {
                if (turn.TryGetProperty("agent", out _) && turn.TryGetProperty("message", out var message) && message.ValueKind == JsonValueKind.String)
                {
                    result.Add(new LabelledText(message.GetString()!, "neutral", "en"));
                }
            }

            if (conversation.TryGetProperty("agentURL", out var url) && url.ValueKind == JsonValueKind.Object
                && url.TryGetProperty("url_utterance", out var utterance) && utterance.ValueKind == JsonValueKind.String)
            {
                result.Add(new LabelledText(utterance.GetString()!, "neutral", "en"));
            }
        }

        return result;
    }

    /// <summary>
    /// The customer turns of support conversations (same layout as <see cref="ReadSupportConversations"/>) that have a
    /// label in <paramref name="idLabels"/>, keyed by tweet_ID; turns without a label, agent turns and a turn quoted again
    /// in a later conversation are skipped.
    /// </summary>
    public static IReadOnlyList<LabelledText> ReadLabelledCustomerTurns(string json, IReadOnlyDictionary<string, IdLabel> idLabels)
    {
        var result = new List<LabelledText>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        using var document = JsonDocument.Parse(json);
        foreach (var conversation in document.RootElement.EnumerateArray())
        {
            foreach (var turn in Turns(conversation))
            {
                if (IsCustomerTurn(turn)
                    && turn.TryGetProperty("message", out var message) && message.ValueKind == JsonValueKind.String
                    && turn.TryGetProperty("tweet_ID", out var id) && id.ValueKind == JsonValueKind.String
                    && idLabels.TryGetValue(id.GetString()!, out var label)
                    && seen.Add(id.GetString()!))
                {
                    result.Add(new LabelledText(message.GetString()!, label.Label, "en", label.Origin));
                }
            }
        }

        return result;
    }

    private static IEnumerable<JsonElement> Turns(JsonElement conversation) =>
        conversation.TryGetProperty("dialogContent", out var turns) && turns.ValueKind == JsonValueKind.Array
            ? turns.EnumerateArray()
            : [];

    /// <summary>A customer turn has a "client" key; a second customer joining the thread has "client1", "client2", ….</summary>
    private static bool IsCustomerTurn(JsonElement turn)
    {
        foreach (var property in turn.EnumerateObject())
        {
            if (property.Name.StartsWith("client", StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>"sentence&lt;TAB&gt;0|1": 0 = negative, 1 = positive; a header line is skipped.</summary>
    public static IReadOnlyList<LabelledText> ReadTabSeparated(IEnumerable<string> lines)
    {
        var result = new List<LabelledText>();
        foreach (var line in lines)
        {
            var tab = line.LastIndexOf('\t');
            if (tab <= 0)
            {
                continue;
            }

            var label = line[(tab + 1)..].Trim();
            var mapped = label switch
            {
                "0" => "negative",
                "1" => "positive",
                _ => null,
            };
            if (mapped is not null)
            {
                result.Add(new LabelledText(line[..tab], mapped));
            }
        }

        return result;
    }

    public static IReadOnlyList<LabelledText> ReadTextAndLabels(IReadOnlyList<string> texts, IReadOnlyList<string> labels)
    {
        var result = new List<LabelledText>(texts.Count);
        for (var i = 0; i < Math.Min(texts.Count, labels.Count); i++)
        {
            var label = labels[i].Trim() switch
            {
                "0" => "negative",
                "1" => "neutral",
                "2" => "positive",
                var other => other,
            };
            result.Add(new LabelledText(texts[i], label));
        }

        return result;
    }
}
