using System.CommandLine;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Webcare.Core.Cases;
using Webcare.Core.Triage;
using Webcare.Core.Triage.Data;
using Webcare.Core.Triage.Evaluation;

namespace Webcare.Bot.Cli;

/// <summary>
/// <c>webcare eval --file F --text-column C --label-column L [--negative-label V] [--origin-column O]</c>: triages a
/// labelled CSV or JSON Lines file and prints one JSON object with precision, recall, F1 and accuracy for the
/// negative class, the confusion matrix, per-language figures and (with --origin-column) origin precision/recall.
/// </summary>
internal static class EvalVerb
{
    public static Command Create()
    {
        var file = new Option<FileInfo>("--file", "-f") { Description = "CSV (RFC 4180) or JSON Lines file with labelled texts", Required = true };
        var textColumn = new Option<string>("--text-column") { Description = "Column with the text", DefaultValueFactory = _ => "text" };
        var labelColumn = new Option<string>("--label-column") { Description = "Column with the label (negative|neutral|positive)", DefaultValueFactory = _ => "label" };
        var negativeLabel = new Option<string>("--negative-label") { Description = "The label value that means negative; anything else is not negative", DefaultValueFactory = _ => "negative" };
        var originColumn = new Option<string?>("--origin-column") { Description = "Column with the origin label (store|phone|online|other|unknown)" };
        var langColumn = new Option<string?>("--lang-column") { Description = "Column with the language code: figures per labelled language, and language-identification accuracy" };
        var weights = new Option<FileInfo?>("--weights") { Description = "Use this model file instead of the shipped config/triage/model.bin" };
        var rulesOnly = new Option<bool>("--rules-only") { Description = "Score with the rule scorer alone (no trained model), for comparison" };
        var onlyEvery = new Option<int>("--only-every") { Description = "Score only records whose index is a multiple of N (the part `train --skip-every N` held back)", DefaultValueFactory = _ => 0 };
        var labels = new Option<FileInfo?>("--labels") { Description = "id<TAB>label<TAB>origin file: labels for the customer turns of a support-conversation file" };
        var command = new Command("eval", "Measure triage on a labelled file and print the figures as one JSON object.")
        {
            file, textColumn, labelColumn, negativeLabel, originColumn, langColumn, weights, rulesOnly, onlyEvery, labels,
        };
        command.SetAction((r, ct) => RunAsync(
            r.GetValue(file)!,
            new ColumnMap(r.GetValue(textColumn)!, r.GetValue(labelColumn)!, r.GetValue(langColumn), r.GetValue(originColumn)),
            r.GetValue(negativeLabel)!,
            r.GetValue(weights),
            r.GetValue(rulesOnly),
            r.GetValue(onlyEvery),
            r.GetValue(labels),
            Console.Out,
            ct));
        return command;
    }

    public static async Task<int> RunAsync(
        FileInfo file, ColumnMap columns, string negativeLabel, FileInfo? weights, bool rulesOnly, int onlyEvery, FileInfo? labels, TextWriter output, CancellationToken cancellationToken)
    {
        using var host = await VerbHost.StartAsync(needsDatabase: false, cancellationToken);
        if (host is null)
        {
            return RunVerb.ConfigurationExitCode;
        }

        IReadOnlyList<LabelledText> data;
        try
        {
            data = LabelledData.Read(file.FullName, columns, labels is null ? null : IdLabels.Read(labels.FullName));
        }
        catch (Exception ex) when (ex is IOException or FormatException or UnauthorizedAccessException)
        {
            await Console.Error.WriteLineAsync($"eval: cannot read {file.FullName}: {ex.Message}");
            return 1;
        }

        if (onlyEvery > 1)
        {
            data = [.. data.Where((_, i) => i % onlyEvery == 0)];
        }

        var knowledge = host.Services.GetRequiredService<TriageKnowledge>();
        try
        {
            knowledge = rulesOnly ? knowledge.WithoutModel() : weights is null ? knowledge : knowledge.WithModelFile(weights.FullName);
        }
        catch (TriageDataException ex)
        {
            await Console.Error.WriteLineAsync("eval: " + ex.Message);
            return 1;
        }

        var engine = new TriageEngine(
            knowledge,
            host.Services.GetRequiredService<IOptions<TriageOptions>>().Value,
            host.Services.GetRequiredService<IOptions<CaseOptions>>().Value.RootCauses);
        var settings = new EvalSettings(negativeLabel, columns.OriginColumn is not null, columns.LanguageColumn is not null);
        var report = new Evaluator(engine).Run(data, settings);
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = false }))
        {
            report.Write(json, settings.ScoreOrigin, settings.ScoreLanguage);
        }

        await output.WriteLineAsync(System.Text.Encoding.UTF8.GetString(buffer.ToArray()));
        return 0;
    }
}
