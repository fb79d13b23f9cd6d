using Microsoft.Extensions.Configuration;
using Webcare.Core.Mentions;
using Webcare.Sources.Engine;
using Webcare.Sources.Http;

namespace Webcare.Sources.Webhook;

/// <summary>
/// The <c>webhook</c> source kind: nothing to poll, mentions arrive on <c>POST /ingest/{name}</c>
/// (<see cref="WebhookEndpoints"/>). The HMAC secret comes from the environment (<c>Secret</c> / <c>SecretVariable</c>).
/// </summary>
public sealed class WebhookKind : ISourceKind
{
    public const string KindName = "webhook";

    public string Kind => KindName;

    public IEnumerable<string> Validate(IConfigurationSection section)
    {
        var (options, problem) = SourceSettings.TryBind<WebhookOptions>(section);
        if (options is null)
        {
            return [problem!];
        }

        var problems = new List<string?>
        {
            SourceSettings.RequireSecret(section, "Secret", "the shared HMAC-SHA256 secret that signs each request"),
        };
        if (options.Format is not (WebhookFormats.Mention or WebhookFormats.Trustpilot))
        {
            problems.Add($"{section.Path}:Format '{options.Format}' is not known; use mention or trustpilot.");
        }

        if (options.MaxBodyBytes is < 1024 or > 16 * 1024 * 1024)
        {
            problems.Add($"{section.Path}:MaxBodyBytes must be between 1024 and 16777216; use e.g. 262144.");
        }

        if (options.MaxBatch < 1 || string.IsNullOrWhiteSpace(options.SignatureHeader))
        {
            problems.Add($"{section.Path}:MaxBatch must be at least 1 and SignatureHeader must not be empty.");
        }

        return problems.OfType<string>().ToList();
    }

    public IMentionSource Create(SourceDefinition definition, IConfigurationSection section, IServiceProvider services) => new WebhookSource(definition.Name);
}

/// <summary>A pushed source: the engine has nothing to poll.</summary>
public sealed class WebhookSource(string name) : IMentionSource
{
    public string Name => name;

    public string Kind => WebhookKind.KindName;

    public IAsyncEnumerable<MentionBatch> ReadAsync(string? cursor, CancellationToken cancellationToken) => AsyncEnumerable.Empty<MentionBatch>();
}
