using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Webcare.Core.Mentions;
using Webcare.Sources.Engine;
using Webcare.Sources.Http;

namespace Webcare.Sources.Reddit;

/// <summary>The <c>reddit</c> source kind. The client secret comes from the environment (<c>ClientSecret</c> / <c>ClientSecretVariable</c>).</summary>
public sealed class RedditKind(IHttpClientFactory httpClients, TimeProvider clock, ILoggerFactory loggers)
    : HttpSourceKind<RedditOptions>(httpClients, clock, loggers)
{
    public const string KindName = "reddit";

    public override string Kind => KindName;

    protected override IEnumerable<string?> Check(RedditOptions options, IConfigurationSection section)
    {
        yield return SourceSettings.CheckUrl(section, "TokenUrl", options.TokenUrl);
        yield return SourceSettings.CheckUrl(section, "ApiUrl", options.ApiUrl);
        if (string.IsNullOrWhiteSpace(options.ClientId))
        {
            yield return $"{section.Path}:ClientId is empty; create a 'script' or 'web' app at reddit.com/prefs/apps and put its id here.";
        }

        yield return SourceSettings.RequireSecret(section, "ClientSecret", "the Reddit app's secret");
        if (string.IsNullOrWhiteSpace(options.UserAgent) || !options.UserAgent.Contains("(by /u/", StringComparison.Ordinal))
        {
            yield return $"{section.Path}:UserAgent must describe the bot as Reddit asks, e.g. \"bot:nl.example.webcare:1.0 (by /u/yourname)\".";
        }

        if (options.Queries.Count == 0 || options.Queries.Any(string.IsNullOrWhiteSpace))
        {
            yield return $"{section.Path}:Queries is empty or has an empty entry; list the search terms, e.g. [\"huiskes\"].";
        }

        yield return SourceSettings.CheckPaging(section, "Limit", options.Limit, 1, 100, options.MaxPages, 3);
    }

    protected override IMentionSource Create(SourceDefinition definition, RedditOptions options, IConfigurationSection section, SourceHttp http) =>
        new RedditSource(definition.Name, options, SourceSettings.Secret(section, "ClientSecret") ?? string.Empty, http, Clock);
}
