using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Webcare.Core.Mentions;
using Webcare.Sources.Engine;
using Webcare.Sources.Http;

namespace Webcare.Sources.GoogleReviews;

/// <summary>
/// The <c>google-reviews</c> source kind. The OAuth client secret and refresh token come from the
/// environment (<c>ClientSecret</c>, <c>RefreshToken</c> or their <c>…Variable</c> settings).
/// </summary>
public sealed partial class GoogleReviewsKind(IHttpClientFactory httpClients, TimeProvider clock, ILoggerFactory loggers)
    : HttpSourceKind<GoogleReviewsOptions>(httpClients, clock, loggers)
{
    public const string KindName = "google-reviews";

    public override string Kind => KindName;

    protected override IEnumerable<string?> Check(GoogleReviewsOptions options, IConfigurationSection section)
    {
        yield return SourceSettings.CheckUrl(section, "TokenUrl", options.TokenUrl);
        yield return SourceSettings.CheckUrl(section, "ApiUrl", options.ApiUrl);
        if (string.IsNullOrWhiteSpace(options.ClientId))
        {
            yield return $"{section.Path}:ClientId is empty; use the OAuth client id of the Google Cloud project with the Business Profile API enabled.";
        }

        yield return SourceSettings.RequireSecret(section, "ClientSecret", "the OAuth client secret");
        yield return SourceSettings.RequireSecret(section, "RefreshToken", "an OAuth refresh token with the business.manage scope");
        if (options.Locations.Count == 0)
        {
            yield return $"{section.Path}:Locations is empty; list each store as {{ \"Name\": \"accounts/1/locations/2\", \"StoreName\": \"Huiskes Utrecht\" }}.";
        }

        for (var i = 0; i < options.Locations.Count; i++)
        {
            var location = options.Locations[i];
            if (!LocationName().IsMatch(location.Name))
            {
                yield return $"{section.Path}:Locations:{i}:Name '{location.Name}' is not a location resource name; use accounts/{{accountId}}/locations/{{locationId}}.";
            }

            if (string.IsNullOrWhiteSpace(location.StoreName))
            {
                yield return $"{section.Path}:Locations:{i}:StoreName is empty; name the store as your team knows it.";
            }
        }

        yield return SourceSettings.CheckPaging(section, "PageSize", options.PageSize, 1, 50, options.MaxPages, 5);
    }

    protected override IMentionSource Create(SourceDefinition definition, GoogleReviewsOptions options, IConfigurationSection section, SourceHttp http) =>
        new GoogleReviewsSource(definition.Name, options, SourceSettings.Secret(section, "ClientSecret") ?? string.Empty,
            SourceSettings.Secret(section, "RefreshToken") ?? string.Empty, http, Clock);

    [GeneratedRegex(@"^accounts/[^/\s]+/locations/[^/\s]+$")]
    private static partial Regex LocationName();
}
