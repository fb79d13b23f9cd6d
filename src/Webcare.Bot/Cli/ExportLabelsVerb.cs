using System.CommandLine;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Webcare.Core.Cases;

namespace Webcare.Bot.Cli;

/// <summary><c>webcare export-labels [--out FILE] [--corrections-only]</c>: agents' verdicts as CSV for the triage eval/train verbs.</summary>
internal static class ExportLabelsVerb
{
    public static Command Create()
    {
        var output = new Option<FileInfo?>("--out", "-o") { Description = "CSV file to write (default: stdout)" };
        var corrections = new Option<bool>("--corrections-only") { Description = "Only cases where the agent disagreed with triage" };
        var command = new Command("export-labels", "Write agents' labelled examples as CSV: text,label,origin,root_causes,lang.") { output, corrections };
        command.SetAction((result, ct) => RunAsync(result.GetValue(output), result.GetValue(corrections), ct));
        return command;
    }

    private static async Task<int> RunAsync(FileInfo? file, bool correctionsOnly, CancellationToken cancellationToken)
    {
        using var host = await VerbHost.StartAsync(needsDatabase: true, cancellationToken);
        if (host is null)
        {
            return RunVerb.ConfigurationExitCode;
        }

        var labels = host.Services.GetRequiredService<ILabelStore>();
        if (file is null)
        {
            await LabelCsv.WriteAsync(labels.ReadLabelsAsync(correctionsOnly, cancellationToken), Console.Out, cancellationToken);
            return 0;
        }

        await using var writer = new StreamWriter(file.FullName, append: false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        var count = await LabelCsv.WriteAsync(labels.ReadLabelsAsync(correctionsOnly, cancellationToken), writer, cancellationToken);
        await Console.Error.WriteLineAsync($"Wrote {count} labelled examples to {file.FullName}.");
        return 0;
    }
}
