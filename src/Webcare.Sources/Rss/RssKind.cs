using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Webcare.Core.Mentions;
using Webcare.Sources.Engine;
using Webcare.Sources.Http;

namespace Webcare.Sources.Rss;

/// <summary>The <c>rss</c> source kind.</summary>
public sealed class RssKind(IHttpClientFactory httpClients, TimeProvider clock, ILoggerFactory loggers)
    : HttpSourceKind<RssOptions>(httpClients, clock, loggers)
{
    public const string KindName = "rss";

    public override string Kind => KindName;

    protected override IEnumerable<string?> Check(RssOptions options, IConfigurationSection section)
    {
        var urls = options.AllUrls();
        if (urls.Count == 0)
        {
            yield return $"{section.Path}:Url is empty; set it to the feed's address (or list several in {section.Path}:Urls).";
        }

        foreach (var url in urls)
        {
            yield return SourceSettings.CheckUrl(section, "Url", url);
        }

        if (options.Remember < 10)
        {
            yield return $"{section.Path}:Remember must be at least 10; use e.g. 2000.";
        }
    }

    protected override IMentionSource Create(SourceDefinition definition, RssOptions options, IConfigurationSection section, SourceHttp http) =>
        new RssSource(definition.Name, options, http, Clock, Loggers.CreateLogger<RssSource>());
}
