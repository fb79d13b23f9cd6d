using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Webcare.Core.Mentions;
using Webcare.Sources.Engine;
using Webcare.Sources.Http;

namespace Webcare.Sources.Bluesky;

/// <summary>The <c>bluesky</c> source kind. The app password comes from the environment (<c>AppPassword</c> / <c>AppPasswordVariable</c>).</summary>
public sealed class BlueskyKind(IHttpClientFactory httpClients, TimeProvider clock, ILoggerFactory loggers)
    : HttpSourceKind<BlueskyOptions>(httpClients, clock, loggers)
{
    public const string KindName = "bluesky";

    public override string Kind => KindName;

    protected override IEnumerable<string?> Check(BlueskyOptions options, IConfigurationSection section)
    {
        yield return SourceSettings.CheckUrl(section, "ServiceUrl", options.ServiceUrl);
        if (!string.IsNullOrEmpty(options.AppViewUrl))
        {
            yield return SourceSettings.CheckUrl(section, "AppViewUrl", options.AppViewUrl);
        }

        if (string.IsNullOrWhiteSpace(options.Identifier))
        {
            yield return $"{section.Path}:Identifier is empty; set it to the account's handle (e.g. webcare.bsky.social) or DID.";
        }

        yield return SourceSettings.RequireSecret(section, "AppPassword", "a Bluesky app password");
        if (options.Queries.Count == 0 || options.Queries.Any(string.IsNullOrWhiteSpace))
        {
            yield return $"{section.Path}:Queries is empty or has an empty entry; list the search terms, e.g. [\"huiskes\"].";
        }

        yield return SourceSettings.CheckPaging(section, "Limit", options.Limit, 1, 100, options.MaxPages, 5);
    }

    protected override IMentionSource Create(SourceDefinition definition, BlueskyOptions options, IConfigurationSection section, SourceHttp http) =>
        new BlueskySource(definition.Name, options, SourceSettings.Secret(section, "AppPassword") ?? string.Empty, http);
}
