using System.Globalization;
using System.Text;
using Webcare.Core.Cases;
using Webcare.Core.Chat;
using Webcare.Core.Commands;
using Webcare.Core.Mentions;
using Webcare.Sources.Engine;

namespace Webcare.Sources.Health;

/// <summary><c>/webcare sources</c> (and the <c>sources</c> CLI verb): each source with last success, lag, items today and last error.</summary>
public sealed class SourcesCommand(SourcesConfiguration configuration, ISourceHealthStore health, TimeProvider clock) : ICommandHandler
{
    public string Name => "sources";

    public string Usage => "sources — each source's state, last success, lag, items today and last error";

    public IReadOnlyCollection<Role> AllowedRoles { get; } = [Role.Agent, Role.Lead, Role.Manager];

    public async Task<Reply> HandleAsync(CommandRequest request, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var today = now.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var known = (await health.GetAllHealthAsync(cancellationToken)).ToDictionary(h => h.SourceName, StringComparer.OrdinalIgnoreCase);
        var sources = configuration.All().ToList();
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"Sources ({sources.Count}):");
        foreach (var source in sources)
        {
            text.AppendLine().Append(CultureInfo.InvariantCulture, $"{source.Name} ({source.Kind}) — ");
            if (!source.Enabled)
            {
                text.Append("disabled");
                continue;
            }

            if (!known.TryGetValue(source.Name, out var h))
            {
                text.Append("not polled yet");
                continue;
            }

            var state = h.Alert switch
            {
                SourceAlertState.Failing => "FAILING",
                SourceAlertState.Silent => "SILENT",
                _ => h.ConsecutiveFailures > 0 ? "retrying" : "ok",
            };
            text.Append(state);
            if (h.ConsecutiveFailures > 0)
            {
                text.Append(CultureInfo.InvariantCulture, $" ({h.ConsecutiveFailures} failed in a row)");
            }

            text.Append(" · last success ").Append(Ago(h.LastSuccessAt, now))
                .Append(" · lag ").Append(h.LastItemAt is { } item ? Duration(now - item) : "no items yet")
                .Append(CultureInfo.InvariantCulture, $" · today {h.ItemsOn(today)}")
                .Append(" · last error: ").Append(h.LastError ?? "none");
        }

        if (sources.Count == 0)
        {
            text.AppendLine().Append("No sources are configured (Webcare:Sources).");
        }

        return new Reply(text.ToString());
    }

    private static string Ago(DateTimeOffset? at, DateTimeOffset now) => at is { } value ? Duration(now - value) + " ago" : "never";

    internal static string Duration(TimeSpan span)
    {
        var c = CultureInfo.InvariantCulture;
        span = span < TimeSpan.Zero ? TimeSpan.Zero : span;
        return span.TotalMinutes < 1 ? string.Create(c, $"{(int)span.TotalSeconds} s")
            : span.TotalHours < 1 ? string.Create(c, $"{(int)span.TotalMinutes} min")
            : span.TotalDays < 2 ? string.Create(c, $"{span.TotalHours:0.#} h")
            : string.Create(c, $"{(int)span.TotalDays} d");
    }
}
