using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Webcare.Core.Mentions;
using Webcare.Sources.Engine;
using Webcare.Sources.Http;

namespace Webcare.Sources.X;

/// <summary>The <c>x</c> source kind. The bearer token comes from the environment (<c>BearerToken</c> / <c>BearerTokenVariable</c>).</summary>
public sealed class XKind(IHttpClientFactory httpClients, TimeProvider clock, ILoggerFactory loggers)
    : HttpSourceKind<XOptions>(httpClients, clock, loggers)
{
    public const string KindName = "x";

    public override string Kind => KindName;

    protected override IEnumerable<string?> Check(XOptions options, IConfigurationSection section)
    {
        yield return SourceSettings.CheckUrl(section, "ApiUrl", options.ApiUrl);
        yield return SourceSettings.RequireSecret(section, "BearerToken", "an X API v2 app bearer token");
        if (string.IsNullOrWhiteSpace(options.Query) || options.Query.Length > 512)
        {
            yield return $"{section.Path}:Query must be 1-512 characters; use e.g. \"huiskes -is:retweet\".";
        }

        yield return SourceSettings.CheckPaging(section, "MaxResults", options.MaxResults, 10, 100, options.MaxPages, 3);
    }

    protected override IMentionSource Create(SourceDefinition definition, XOptions options, IConfigurationSection section, SourceHttp http) =>
        new XSource(definition.Name, options, SourceSettings.Secret(section, "BearerToken") ?? string.Empty, http);
}
