using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Webcare.Core.Mentions;
using Webcare.Sources.Engine;
using Webcare.Sources.Http;

namespace Webcare.Sources.Mastodon;

/// <summary>The <c>mastodon</c> source kind. The access token comes from the environment (<c>Token</c> / <c>TokenVariable</c>).</summary>
public sealed class MastodonKind(IHttpClientFactory httpClients, TimeProvider clock, ILoggerFactory loggers)
    : HttpSourceKind<MastodonOptions>(httpClients, clock, loggers)
{
    public const string KindName = "mastodon";

    public override string Kind => KindName;

    protected override IEnumerable<string?> Check(MastodonOptions options, IConfigurationSection section)
    {
        yield return SourceSettings.CheckUrl(section, "BaseUrl", options.BaseUrl);
        if (options.Tags.Count == 0 && options.Queries.Count == 0)
        {
            yield return $"{section.Path}:Tags and {section.Path}:Queries are both empty; list at least one hashtag (without #) or search query.";
        }

        if (options.Tags.Any(t => string.IsNullOrWhiteSpace(t) || t.Any(char.IsWhiteSpace)))
        {
            yield return $"{section.Path}:Tags has an empty tag or one with spaces; write each hashtag as one word without '#'.";
        }

        if (options.Queries.Count > 0)
        {
            yield return SourceSettings.RequireSecret(section, "Token", "a Mastodon access token with read:search scope");
        }

        yield return SourceSettings.CheckPaging(section, "Limit", options.Limit, 1, 40, options.MaxPages, 5);
    }

    protected override IMentionSource Create(SourceDefinition definition, MastodonOptions options, IConfigurationSection section, SourceHttp http) =>
        new MastodonSource(definition.Name, options, SourceSettings.Secret(section, "Token"), http);
}
