using System.CommandLine;

namespace Webcare.Bot.Cli;

/// <summary>The verbs of the <c>webcare</c> binary. With no verb it runs the bot.</summary>
public static class CliApplication
{
    public static RootCommand Build()
    {
        var root = new RootCommand("Webcare Bot: triages brand mentions and posts complaints as case cards to your team's chat.");
        var run = new Command("run", "Run the bot (the default): watch sources, triage, post cards, answer commands.");
        run.SetAction((_, ct) => RunVerb.RunAsync(ct));
        root.SetAction((_, ct) => RunVerb.RunAsync(ct));
        root.Subcommands.Add(run);
        root.Subcommands.Add(SummaryVerb.Create());
        root.Subcommands.Add(CaseVerb.Create());
        root.Subcommands.Add(TriageVerb.Create());
        root.Subcommands.Add(HealthVerb.Create());
        root.Subcommands.Add(SourcesVerb.Create());
        root.Subcommands.Add(DigestVerb.Create());
        root.Subcommands.Add(EvalVerb.Create());
        root.Subcommands.Add(TrainVerb.Create());
        root.Subcommands.Add(ReportVerbs.Open());
        root.Subcommands.Add(ReportVerbs.Origins());
        root.Subcommands.Add(ReportVerbs.RootCauses());
        root.Subcommands.Add(ExportLabelsVerb.Create());
        root.Subcommands.Add(SeedVerb.Create());
        root.Subcommands.Add(BenchReportsVerb.Create());
        return root;
    }
}
