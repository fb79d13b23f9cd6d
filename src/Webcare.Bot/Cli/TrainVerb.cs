using System.CommandLine;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Webcare.Core.Triage.Data;
using Webcare.Core.Triage.Evaluation;
using Webcare.Core.Triage.Model;

namespace Webcare.Bot.Cli;

/// <summary>
/// <c>webcare train --input F [--input F2 …] [--out config/triage/model.bin] [--lid nl=F …]</c>: rebuilds the shipped
/// weights from the labelled files named on the command line (CSV, JSON Lines, "sentence&lt;TAB&gt;0|1", or
/// X_text.txt + X_labels.txt), and optionally the language-identification profiles. Deterministic: the same
/// inputs give byte-identical files.
/// </summary>
internal static class TrainVerb
{
    public static Command Create()
    {
        var inputs = new Option<FileInfo[]>("--input", "-i") { Description = "Labelled training file; repeat for several", AllowMultipleArgumentsPerToken = true };
        var output = new Option<FileInfo?>("--out", "-o") { Description = "Where to write the model (default: <data path>/model.bin)" };
        var textColumn = new Option<string>("--text-column") { Description = "Text column for CSV/JSON Lines inputs", DefaultValueFactory = _ => "text" };
        var labelColumn = new Option<string>("--label-column") { Description = "Label column for CSV/JSON Lines inputs", DefaultValueFactory = _ => "label" };
        var langColumn = new Option<string?>("--lang-column") { Description = "Language column for CSV/JSON Lines inputs (else identified)" };
        var negativeLabel = new Option<string>("--negative-label") { Description = "The label value that means negative", DefaultValueFactory = _ => "negative" };
        var skipEvery = new Option<int>("--skip-every") { Description = "Hold back records whose index is a multiple of N (score them with `eval --only-every N`)", DefaultValueFactory = _ => 0 };
        var lid = new Option<string[]>("--lid") { Description = "lang=FILE: build config/triage/<lang>/lid.tsv from this text (repeatable; .tsv uses the part before the last tab)", AllowMultipleArgumentsPerToken = true };
        var labels = new Option<FileInfo?>("--labels") { Description = "id<TAB>label<TAB>origin file: labels for the customer turns of support-conversation inputs (texts stay out of the repository)" };
        var neutralPrior = new Option<double>("--neutral-prior") { Description = "Probability for a text with no cue at all; 0 fits the intercept from the data", DefaultValueFactory = _ => new TrainSettings().NeutralPrior };
        var modelCap = new Option<double>("--model-cap") { Description = "Upper bound of the model's weight in the combiner", DefaultValueFactory = _ => new TrainSettings().ModelWeightCap };
        var epochs = new Option<int>("--epochs") { Description = "Training passes", DefaultValueFactory = _ => new TrainSettings().Epochs };
        var command = new Command("train", "Rebuild the triage model (and optionally language profiles) from labelled files.")
        {
            inputs, output, textColumn, labelColumn, langColumn, negativeLabel, skipEvery, lid, labels, neutralPrior, modelCap, epochs,
        };
        command.SetAction((r, ct) => RunAsync(
            r.GetValue(inputs) ?? [],
            r.GetValue(output),
            new ColumnMap(r.GetValue(textColumn)!, r.GetValue(labelColumn)!, r.GetValue(langColumn)),
            r.GetValue(negativeLabel)!,
            r.GetValue(skipEvery),
            r.GetValue(lid) ?? [],
            r.GetValue(labels),
            new TrainSettings(Epochs: r.GetValue(epochs), NeutralPrior: r.GetValue(neutralPrior), ModelWeightCap: r.GetValue(modelCap)),
            ct));
        return command;
    }

    public static async Task<int> RunAsync(
        FileInfo[] inputs, FileInfo? output, ColumnMap columns, string negativeLabel, int skipEvery, string[] lid, FileInfo? labels, TrainSettings settings, CancellationToken cancellationToken)
    {
        using var host = await VerbHost.StartAsync(needsDatabase: false, cancellationToken);
        if (host is null)
        {
            return RunVerb.ConfigurationExitCode;
        }

        var knowledge = host.Services.GetRequiredService<TriageKnowledge>();
        try
        {
            if (lid.FirstOrDefault(s => s.IndexOf('=', StringComparison.Ordinal) <= 0) is { } bad)
            {
                await Console.Error.WriteLineAsync($"train: --lid '{bad}' must look like nl=path/to/text.txt");
                return 1;
            }

            foreach (var group in lid.Select(s => s.Split('=', 2)).GroupBy(p => p[0], StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
            {
                await WriteLidAsync(knowledge.Directory, group.Key, [.. group.Select(p => p[1])], cancellationToken);
            }

            if (inputs.Length == 0)
            {
                return lid.Length > 0 ? 0 : await UsageAsync();
            }

            var idLabels = labels is null ? null : IdLabels.Read(labels.FullName);
            var data = new List<LabelledText>();
            foreach (var input in inputs)
            {
                var records = LabelledData.Read(input.FullName, columns, idLabels);
                data.AddRange(skipEvery > 1 ? records.Where((_, i) => i % skipEvery != 0) : records);
                await Console.Error.WriteLineAsync($"train: {records.Count} records from {input.Name}");
            }

            var bytes = SentimentTrainer.Train(
                knowledge,
                data,
                label => string.Equals(label.Trim(), negativeLabel, StringComparison.OrdinalIgnoreCase),
                settings);
            var target = output?.FullName ?? Path.Combine(knowledge.Directory, TriageDataLoader.ModelFile);
            await File.WriteAllBytesAsync(target, bytes, cancellationToken);
            await Console.Error.WriteLineAsync($"train: {data.Count} examples → {target} ({bytes.Length:N0} bytes)");
            await Console.Error.WriteLineAsync("train: " + SentimentTrainer.Describe(bytes));
            return 0;
        }
        catch (Exception ex) when (ex is IOException or FormatException or UnauthorizedAccessException or TriageDataException)
        {
            await Console.Error.WriteLineAsync("train: " + ex.Message);
            return 1;
        }
    }

    private static async Task WriteLidAsync(string directory, string language, IReadOnlyList<string> paths, CancellationToken cancellationToken)
    {
        var target = Path.Combine(directory, language, "lid.tsv");
        var texts = new List<string>();
        foreach (var path in paths)
        {
            foreach (var line in File.ReadLines(path, Encoding.UTF8))
            {
                if (line.StartsWith("# ", StringComparison.Ordinal))
                {
                    continue;
                }

                var tab = path.EndsWith(".tsv", StringComparison.OrdinalIgnoreCase) ? line.LastIndexOf('\t') : -1;
                texts.Add(tab > 0 ? line[..tab] : line);
            }
        }

        var sources = string.Join(", ", paths.Select(Path.GetFileName));
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        await File.WriteAllTextAsync(target, LidProfileBuilder.Build(texts, language, sources), new UTF8Encoding(false), cancellationToken);
        await Console.Error.WriteLineAsync($"train: {language} profile from {texts.Count} lines → {target}");
    }

    private static async Task<int> UsageAsync()
    {
        await Console.Error.WriteLineAsync("train: name at least one --input file (or --lid lang=FILE).");
        return 1;
    }
}
