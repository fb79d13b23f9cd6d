using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Webcare.Core.Reports.Digest;

namespace Webcare.Bot.Cli;

/// <summary>
/// <c>webcare digest [--week last|this|YYYY-Www] [--out FILE.html]</c>: renders the manager digest locally from SQLite
/// (the HTML report, the PNG chart beside it, the chat text on stdout) without sending it or marking it sent.
/// </summary>
internal static class DigestVerb
{
    public static Command Create()
    {
        var week = new Option<string>("--week", "-w") { Description = "last, this (so far) or an ISO week such as 2026-W47", DefaultValueFactory = _ => "last" };
        var output = new Option<FileInfo?>("--out", "-o") { Description = "Where to write the HTML report (the PNG goes beside it); default data/digests/" };
        var command = new Command("digest", "Render the weekly manager digest locally: HTML report, PNG chart and the chat text.") { week, output };
        command.SetAction((result, ct) => RunAsync(result.GetValue(week)!, result.GetValue(output), ct));
        return command;
    }

    private static async Task<int> RunAsync(string weekText, FileInfo? output, CancellationToken cancellationToken)
    {
        using var host = await VerbHost.StartAsync(needsDatabase: true, cancellationToken);
        if (host is null)
        {
            return RunVerb.ConfigurationExitCode;
        }

        var digests = host.Services.GetRequiredService<DigestService>();
        var now = host.Services.GetRequiredService<TimeProvider>().GetUtcNow();
        if (!DigestWeek.TryParse(weekText, now, digests.Zone, out var week))
        {
            await Console.Error.WriteLineAsync($"'{weekText}' is not a week. Use last, this, or an ISO week such as 2026-W47.");
            return RunVerb.ConfigurationExitCode;
        }

        var preview = week.To > now;
        var report = await digests.BuildAsync(week, preview, cancellationToken);
        var reply = DigestService.ToReply(report);
        var html = reply.FilesOrEmpty.First(f => f.ContentType == "text/html");
        var png = reply.FilesOrEmpty.First(f => f.ContentType == "image/png");
        string htmlPath;
        string pngPath;
        if (output is null)
        {
            var archive = host.Services.GetRequiredService<IDigestArchive>();
            htmlPath = await archive.SaveAsync(html.FileName, html.Content, cancellationToken);
            pngPath = await archive.SaveAsync(png.FileName, png.Content, cancellationToken);
        }
        else
        {
            output.Directory?.Create();
            htmlPath = output.FullName;
            pngPath = Path.ChangeExtension(output.FullName, ".png");
            await File.WriteAllBytesAsync(htmlPath, html.Content, cancellationToken);
            await File.WriteAllBytesAsync(pngPath, png.Content, cancellationToken);
        }

        await Console.Out.WriteLineAsync(reply.Text);
        await Console.Error.WriteLineAsync($"Wrote {htmlPath} and {pngPath}.");
        return 0;
    }
}
