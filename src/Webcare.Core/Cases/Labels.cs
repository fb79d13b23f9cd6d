using System.Text;

namespace Webcare.Core.Cases;

/// <summary>One labelled example: the mention text with what an agent established about it.</summary>
public sealed record LabelledExample(long CaseId, string Text, string Label, string Origin, IReadOnlyList<string> RootCauses, string Language, bool Corrected);

/// <summary>Reads the labelled examples agents produced by correcting or confirming triage.</summary>
public interface ILabelStore
{
    IAsyncEnumerable<LabelledExample> ReadLabelsAsync(bool correctionsOnly, CancellationToken cancellationToken);
}

/// <summary>
/// Writes labelled examples as CSV (RFC 4180: CRLF line ends, fields with comma, quote or line break
/// quoted, quotes doubled) with the columns the triage <c>eval</c> verb reads:
/// <c>text,label,origin,root_causes,lang</c>, then <c>case_id,corrected</c>.
/// </summary>
public static class LabelCsv
{
    public static readonly IReadOnlyList<string> Header = ["text", "label", "origin", "root_causes", "lang", "case_id", "corrected"];

    public static async Task<int> WriteAsync(IAsyncEnumerable<LabelledExample> examples, TextWriter output, CancellationToken cancellationToken)
    {
        await output.WriteAsync(Line(Header));
        var count = 0;
        await foreach (var e in examples.WithCancellation(cancellationToken))
        {
            await output.WriteAsync(Line([
                e.Text, e.Label, e.Origin, string.Join(",", e.RootCauses), e.Language,
                e.CaseId.ToString(System.Globalization.CultureInfo.InvariantCulture), e.Corrected ? "true" : "false"]));
            count++;
        }

        await output.FlushAsync(cancellationToken);
        return count;
    }

    public static string Line(IEnumerable<string> fields) => string.Join(",", fields.Select(Quote)) + "\r\n";

    public static string Quote(string field) =>
        field.AsSpan().IndexOfAny(",\"\r\n") >= 0 || field.StartsWith(' ') || field.EndsWith(' ')
            ? "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""
            : field;

    /// <summary>Parses RFC 4180 CSV (quoted fields may hold commas, quotes and line breaks); used to check exports.</summary>
    public static List<List<string>> Parse(string csv)
    {
        var rows = new List<List<string>>();
        var row = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        var i = csv.Length > 0 && csv[0] == '\uFEFF' ? 1 : 0;
        for (; i < csv.Length; i++)
        {
            var ch = csv[i];
            if (quoted)
            {
                if (ch == '"' && i + 1 < csv.Length && csv[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (ch == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(ch);
                }
            }
            else if (ch == '"')
            {
                quoted = true;
            }
            else if (ch == ',')
            {
                row.Add(field.ToString());
                field.Clear();
            }
            else if (ch is '\r' or '\n')
            {
                if (ch == '\r' && i + 1 < csv.Length && csv[i + 1] == '\n')
                {
                    i++;
                }

                row.Add(field.ToString());
                field.Clear();
                rows.Add(row);
                row = [];
            }
            else
            {
                field.Append(ch);
            }
        }

        if (field.Length > 0 || row.Count > 0)
        {
            row.Add(field.ToString());
            rows.Add(row);
        }

        return rows;
    }
}
